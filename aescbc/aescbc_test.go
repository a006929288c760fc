package aescbc

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/cbc"
)

// stdEncrypt is the reference: PKCS#7 written out by hand and the standard
// library's CBC mode.
func stdEncrypt(t *testing.T, key, iv, plaintext []byte) []byte {
	t.Helper()
	p := 16 - len(plaintext)%16
	buf := append(bytes.Clone(plaintext), bytes.Repeat([]byte{byte(p)}, p)...)
	return stdEncryptRaw(t, key, iv, buf)
}

func stdEncryptRaw(t *testing.T, key, iv, blocks []byte) []byte {
	t.Helper()
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, len(blocks))
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, blocks)
	return out
}

// openRaw runs the raw layer on a copy of ct, as Decrypt does after base64.
func openRaw(key, iv, ct []byte) ([]byte, error) {
	if len(key) != keySize {
		return nil, ErrKeySize
	}
	if len(iv) != blockSize {
		return nil, ErrIVSize
	}
	return open(key, iv, bytes.Clone(ct))
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestAgainstStdlib(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 100; n++ {
		key, iv, pt := randBytes(r, 16), randBytes(r, 16), randBytes(r, n)
		want := stdEncrypt(t, key, iv, pt)
		got, err := Encrypt(b64(key), b64(iv), pt)
		if err != nil || got != b64(want) {
			t.Fatalf("Encrypt(%d bytes) = %s, %v; want %x", n, got, err, want)
		}
		back, err := Decrypt(b64(key), got, b64(iv))
		if err != nil || !bytes.Equal(back, pt) {
			t.Fatalf("Decrypt(%d bytes) = %x, %v; want %x", n, back, err, pt)
		}
	}
}

// refUnpad is the padding rule written plainly, for comparison with the
// constant-time check.
func refUnpad(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	p := int(b[len(b)-1])
	if p < 1 || p > 16 || p > len(b) {
		return nil, false
	}
	for _, c := range b[len(b)-p:] {
		if int(c) != p {
			return nil, false
		}
	}
	return b[:len(b)-p], true
}

func TestPaddingEveryLastByte(t *testing.T) {
	key := []byte("YELLOW SUBMARINE")
	iv := []byte("0123456789abcdef")
	r := rand.New(rand.NewPCG(3, 4))
	for _, blocks := range []int{1, 2} {
		for last := 0; last < 256; last++ {
			// Correct padding of this length, then the same with each
			// padding byte altered in turn.
			variants := [][]byte{}
			base := randBytes(r, 16*blocks)
			for i := 1; i <= 16 && i <= last; i++ {
				base[len(base)-i] = byte(last)
			}
			variants = append(variants, base)
			for i := 2; i <= 16 && i <= last; i++ {
				v := bytes.Clone(base)
				v[len(v)-i] ^= 1 << (i % 8)
				variants = append(variants, v)
			}
			for _, raw := range variants {
				ct := stdEncryptRaw(t, key, iv, raw)
				got, err := openRaw(key, iv, ct)
				want, ok := refUnpad(raw)
				if ok != (err == nil) || (ok && !bytes.Equal(got, want)) {
					t.Fatalf("last byte %d, raw %x: Open = %x, %v; reference ok=%v", last, raw, got, err, ok)
				}
				if err != nil && err != ErrDecrypt {
					t.Fatalf("bad padding gave %v, want ErrDecrypt", err)
				}
			}
		}
	}
}

func TestRawErrors(t *testing.T) {
	k16 := make([]byte, 16)
	ct := stdEncrypt(t, k16, k16, []byte("x"))
	tests := []struct {
		name        string
		key, iv, ct []byte
		want        error
		code        int
	}{
		{"key 0", nil, k16, ct, ErrKeySize, -41001},
		{"key 15", k16[:15], k16, ct, ErrKeySize, -41001},
		{"key 24 (AES-192)", make([]byte, 24), k16, ct, ErrKeySize, -41001},
		{"key 32 (AES-256)", make([]byte, 32), k16, ct, ErrKeySize, -41001},
		{"iv 0", k16, nil, ct, ErrIVSize, -41002},
		{"iv 15", k16, k16[:15], ct, ErrIVSize, -41002},
		{"iv 17", k16, make([]byte, 17), ct, ErrIVSize, -41002},
		{"empty ciphertext", k16, k16, nil, ErrCiphertextSize, -41003},
		{"1 byte", k16, k16, ct[:1], ErrCiphertextSize, -41003},
		{"17 bytes", k16, k16, append(bytes.Clone(ct), 0), ErrCiphertextSize, -41003},
		{"too large", k16, k16, make([]byte, maxCiphertextSize+16), ErrCiphertextSize, -41003},
		{"wrong key", []byte("YELLOW SUBMARINE"), k16, ct, ErrDecrypt, -41003},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := openRaw(tt.key, tt.iv, tt.ct)
			if !errors.Is(err, tt.want) || got != nil {
				t.Fatalf("open: %q, %v; want %v", got, err, tt.want)
			}
			if c := Code(err); c != tt.code {
				t.Errorf("Code = %d, want %d", c, tt.code)
			}
			// Decrypt and Encrypt check the key and iv the same way.
			if tt.want == ErrKeySize || tt.want == ErrIVSize {
				if _, err := Decrypt(b64(tt.key), b64(tt.ct), b64(tt.iv)); err != tt.want {
					t.Errorf("Decrypt: %v, want %v", err, tt.want)
				}
				if _, err := Encrypt(b64(tt.key), b64(tt.iv), []byte("x")); err != tt.want {
					t.Errorf("Encrypt: %v, want %v", err, tt.want)
				}
			}
		})
	}
}

func TestBase64Errors(t *testing.T) {
	key := base64.StdEncoding.EncodeToString([]byte("YELLOW SUBMARINE"))
	iv := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef"))
	data, err := Encrypt(key, iv, []byte(`{"a":"b+c"}`))
	if err != nil {
		t.Fatal(err)
	}
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
	tests := []struct {
		name            string
		key, iv, data   string
		want            error
		field           string
		hasSpace, plain bool
	}{
		{"key empty", "", iv, data, ErrKeySize, "", false, false},
		{"key 15", b64(15), iv, data, ErrKeySize, "", false, false},
		{"key 17", b64(17), iv, data, ErrKeySize, "", false, false},
		{"key 24", b64(24), iv, data, ErrKeySize, "", false, false},
		{"key 32", b64(32), iv, data, ErrKeySize, "", false, false},
		{"key very long", strings.Repeat("A", 1000), iv, data, ErrKeySize, "", false, false},
		{"key bad char", "!" + key[1:], iv, data, ErrBase64, fieldSessionKey, false, false},
		{"key unpadded", strings.TrimRight(key, "="), iv, data, ErrBase64, fieldSessionKey, false, false},
		{"key url-safe", "-_" + key[2:], iv, data, ErrBase64, fieldSessionKey, false, false},
		{"iv empty", key, "", data, ErrIVSize, "", false, false},
		{"iv 17", key, b64(17), data, ErrIVSize, "", false, false},
		{"iv bad", key, "*" + iv[1:], data, ErrBase64, fieldIV, false, false},
		{"data empty", key, iv, "", ErrCiphertextSize, "", false, false},
		{"data 15 bytes", key, iv, b64(15), ErrCiphertextSize, "", false, false},
		{"data 17 bytes", key, iv, b64(17), ErrCiphertextSize, "", false, false},
		{"data with space", key, iv, strings.Replace(data, data[3:4], " ", 1), ErrBase64, fieldEncryptedData, true, false},
		{"data with newline", key, iv, data[:4] + "\n" + data[4:], ErrBase64, fieldEncryptedData, false, false},
		{"data with CRLF", key, iv, data[:4] + "\r\n" + data[4:], ErrBase64, fieldEncryptedData, false, false},
		{"data unpadded", key, iv, strings.TrimRight(b64(16), "="), ErrBase64, fieldEncryptedData, false, false},
		{"data non-canonical bits", key, iv, b64(16)[:21] + "B==", ErrBase64, fieldEncryptedData, false, false},
		{"data too long", key, iv, strings.Repeat("A", maxEncryptedDataLen+4), ErrCiphertextSize, "", false, false},
		{"data wrong key", b64(16), iv, data, ErrDecrypt, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decrypt(tt.key, tt.data, tt.iv)
			if !errors.Is(err, tt.want) || got != nil {
				t.Fatalf("Decrypt: %q, %v; want %v", got, err, tt.want)
			}
			var be *base64Error
			if errors.As(err, &be) != (tt.field != "") {
				t.Fatalf("error %v: base64Error %v, want field %q", err, be, tt.field)
			}
			if be != nil && (be.Field != tt.field || (be.Hint == hintSpace) != tt.hasSpace) {
				t.Errorf("base64Error %+v, want field %q, space hint %v", *be, tt.field, tt.hasSpace)
			}
			if tt.key != "" && len(tt.key) > 4 && strings.Contains(err.Error(), tt.key[:4]) {
				t.Errorf("error text %q shows the session key", err)
			}
		})
	}
}

func TestErrorsHideSecrets(t *testing.T) {
	// Decrypting with the wrong key may produce bytes that look like a
	// plaintext; none of them, nor the key, may reach the error.
	key := "c2VjcmV0LXNlc3Npb24hIQ==" // "secret-session!!"
	iv := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef"))
	data, _ := Encrypt(key, iv, []byte("top secret plaintext"))
	for _, in := range [][3]string{
		{key, iv, data},
		{"c2VjcmV0LXNlc3Npb24hIQ", iv, data},
		{"c2VjcmV0 LXNlc3Npb24hIQ==", iv, data},
		{base64.StdEncoding.EncodeToString([]byte("another key 16 b")), iv, data},
		{key, iv, data + " "},
	} {
		_, err := Decrypt(in[0], in[2], in[1])
		if err == nil {
			continue
		}
		msg := err.Error()
		for _, secret := range []string{key, "c2VjcmV0", "secret", "top secret", in[0][:8]} {
			if strings.Contains(msg, secret) {
				t.Errorf("error %q contains %q", msg, secret)
			}
		}
	}
}

func TestNeverPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n-_"
	randStr := func() string {
		b := make([]byte, r.IntN(80))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for i := 0; i < 20000; i++ {
		Decrypt(randStr(), randStr(), randStr())
		openRaw(randBytes(r, r.IntN(40)), randBytes(r, r.IntN(40)), randBytes(r, r.IntN(80)))
		openRaw(randBytes(r, 16), randBytes(r, 16), randBytes(r, 16*r.IntN(4)))
	}
}

func TestDecryptAllocations(t *testing.T) {
	key := b64([]byte("YELLOW SUBMARINE"))
	iv := b64([]byte("0123456789abcdef"))
	data, _ := Encrypt(key, iv, bytes.Repeat([]byte("x"), 1000))
	// The AES key schedule and the one buffer, decoded and decrypted in
	// place.
	if n := testing.AllocsPerRun(100, func() { Decrypt(key, data, iv) }); n > 2 {
		t.Errorf("Decrypt: %v allocations, want at most 2", n)
	}
}

func TestSwappedArguments(t *testing.T) {
	key := b64([]byte("YELLOW SUBMARINE"))
	iv := b64([]byte("0123456789abcdef"))
	data, _ := Encrypt(key, iv, []byte(`{"a":"a plaintext of more than one block"}`))
	_, err := Decrypt(key, iv, data)
	if !errors.Is(err, ErrIVSize) || !strings.Contains(err.Error(), "swapped") {
		t.Errorf("swapped iv and encryptedData: %v", err)
	}
	// The peers' orders (encryptedData, sessionKey, iv) and
	// (encryptedData, iv, sessionKey) put the data where the key goes.
	for name, args := range map[string][3]string{
		"PowerWeChat": {data, key, iv}, "gopay": {data, iv, key},
	} {
		_, err := Decrypt(args[0], args[1], args[2])
		if !errors.Is(err, ErrKeySize) || !strings.Contains(err.Error(), "encryptedData passed as sessionKey") {
			t.Errorf("%s's order: %v", name, err)
		}
	}
	// An AES-192 or AES-256 key is only the wrong size.
	for _, k := range []string{b64(make([]byte, 24)), b64(make([]byte, 32))} {
		if _, err := Decrypt(k, data, iv); err != ErrKeySize {
			t.Errorf("key of %d characters: %v", len(k), err)
		}
	}
	// A long iv alone is only the wrong size, whatever encryptedData is.
	for _, d := range []string{data, "", "AAAA", strings.Repeat("A", 100)} {
		if _, err := Decrypt(key, d, data); err != ErrIVSize {
			t.Errorf("long iv, encryptedData of %d characters: %v", len(d), err)
		}
	}
}

// BenchmarkCBC compares the hand CBC loop with crypto/cipher's decrypter on
// the same inputs, in the same run.
func BenchmarkCBC(b *testing.B) {
	key := []byte("YELLOW SUBMARINE")
	iv := []byte("0123456789abcdef")
	for _, n := range []int{400, 16 << 10} {
		ct := make([]byte, n)
		buf := make([]byte, n)
		b.Run(fmt.Sprintf("hand/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for i := 0; i < b.N; i++ {
				copy(buf, ct)
				block, _ := aes.NewCipher(key)
				decrypt(block, iv, buf)
			}
		})
		b.Run(fmt.Sprintf("stdlib/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for i := 0; i < b.N; i++ {
				copy(buf, ct)
				block, _ := aes.NewCipher(key)
				cipher.NewCBCDecrypter(block, iv).CryptBlocks(buf, buf)
				cbc.Unpad(buf, blockSize)
			}
		})
	}
}
