package xxtea_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/xxtea"
)

// The 189 h5.authorizeUserInfo example (spec/algorithms.md section 6).
const (
	appSecret     = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
	docCiphertext = "A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36"
	docPlaintext  = `{"openId":"ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8","appId":"0e0d8b62","phoneNumber":"18912345679","timestamp":1578042800057}`
)

var sentinels = []error{
	xxtea.ErrKeyEmpty, xxtea.ErrPlaintext, xxtea.ErrCiphertext, xxtea.ErrLength,
}

// isPackageError reports whether err matches one of the package's sentinels.
func isPackageError(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestDocumented189(t *testing.T) {
	if len(docCiphertext) != 280 || len(docPlaintext) != 134 {
		t.Fatalf("example sizes %d, %d; want 280 hex characters and 134 bytes", len(docCiphertext), len(docPlaintext))
	}
	got, err := xxtea.DecryptHex(appSecret, docCiphertext)
	if err != nil || string(got) != docPlaintext {
		t.Fatalf("DecryptHex = %q, %v; want %q", got, err, docPlaintext)
	}
	got, err = xxtea.DecryptHex(appSecret, strings.ToLower(docCiphertext))
	if err != nil || string(got) != docPlaintext {
		t.Fatalf("DecryptHex(lower case, []byte key) = %q, %v", got, err)
	}
	ct := mustHex(t, docCiphertext)
	got, err = xxtea.Decrypt(nil, appSecret, ct)
	if err != nil || string(got) != docPlaintext {
		t.Fatalf("Decrypt = %q, %v", got, err)
	}
	back, err := xxtea.EncryptHex(appSecret, []byte(docPlaintext))
	if err != nil || back != docCiphertext {
		t.Fatalf("EncryptHex = %s, %v; want %s", back, err, docCiphertext)
	}
	back, err = encryptHexLower(appSecret, []byte(docPlaintext))
	if err != nil || back != strings.ToLower(docCiphertext) {
		t.Fatalf("lower-case EncryptHex = %s, %v", back, err)
	}
	raw, err := xxtea.Encrypt(nil, appSecret, []byte(docPlaintext))
	if err != nil || !bytes.Equal(raw, ct) {
		t.Fatalf("Encrypt = %x, %v; want %x", raw, err, ct)
	}
	// Only the first 16 characters of the appSecret are the key.
	got, err = xxtea.DecryptHex(appSecret[:16], docCiphertext)
	if err != nil || string(got) != docPlaintext {
		t.Fatalf("DecryptHex(first 16 characters) = %q, %v", got, err)
	}
	// The reference agrees with the documented value too.
	if ref := refEncrypt([]byte(appSecret), []byte(docPlaintext)); !bytes.Equal(ref, ct) {
		t.Fatalf("reference encryption = %x; want %x", ref, ct)
	}
}

func TestHexDecodedAppSecretFails(t *testing.T) {
	key := mustHex(t, appSecret) // 20 bytes: the trap
	got, err := xxtea.DecryptHex(string(key), docCiphertext)
	if !errors.Is(err, xxtea.ErrLength) || got != nil {
		t.Fatalf("DecryptHex(hex-decoded appSecret) = %q, %v; want ErrLength", got, err)
	}
	for _, k := range []string{strings.ToUpper(appSecret), "4" + appSecret[1:], appSecret[:15]} {
		if _, err := xxtea.DecryptHex(string(k), docCiphertext); !errors.Is(err, xxtea.ErrLength) {
			t.Errorf("DecryptHex(wrong key %q) error %v; want ErrLength", k, err)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, klen := range []int{0, 1, 15, 16, 17, 40} {
		for n := 0; n <= 100; n++ {
			key, pt := randBytes(r, klen), randBytes(r, n)
			ct, err := xxtea.Encrypt(nil, string(key), pt)
			switch {
			case klen == 0:
				if !errors.Is(err, xxtea.ErrKeyEmpty) || ct != nil {
					t.Fatalf("Encrypt(empty key) = %x, %v; want ErrKeyEmpty", ct, err)
				}
				continue
			case n == 0:
				if !errors.Is(err, xxtea.ErrPlaintext) || ct != nil {
					t.Fatalf("Encrypt(empty plaintext) = %x, %v; want ErrPlaintext", ct, err)
				}
				continue
			case err != nil:
				t.Fatalf("Encrypt(key %d, %d bytes): %v", klen, n, err)
			}
			if want := (n+3)/4*4 + 4; len(ct) != want {
				t.Fatalf("Encrypt(%d bytes) gave %d bytes; want %d", n, len(ct), want)
			}
			if ref := refEncrypt(key, pt); !bytes.Equal(ct, ref) {
				t.Fatalf("Encrypt(key %d, %d bytes) = %x; reference %x", klen, n, ct, ref)
			}
			back, err := xxtea.Decrypt(nil, string(key), ct)
			if err != nil || !bytes.Equal(back, pt) {
				t.Fatalf("Decrypt(key %d, %d bytes) = %x, %v; want %x", klen, n, back, err, pt)
			}
			h, err := xxtea.EncryptHex(string(key), pt)
			if err != nil || h != strings.ToUpper(hex.EncodeToString(ct)) {
				t.Fatalf("EncryptHex = %s, %v; want %X", h, err, ct)
			}
			hl, err := encryptHexLower(string(key), pt)
			if err != nil || hl != hex.EncodeToString(ct) {
				t.Fatalf("lower-case EncryptHex = %s, %v; want %x", hl, err, ct)
			}
			for _, s := range []string{h, hl} {
				back, err := xxtea.DecryptHex(string(key), s)
				if err != nil || !bytes.Equal(back, pt) {
					t.Fatalf("DecryptHex(%s) = %x, %v; want %x", s, back, err, pt)
				}
			}
		}
	}
}

func TestKeyPaddingAndTruncation(t *testing.T) {
	pt := []byte("the first sixteen bytes of the key are all that count")
	enc := func(key []byte) []byte {
		t.Helper()
		ct, err := xxtea.Encrypt(nil, string(key), pt)
		if err != nil {
			t.Fatal(err)
		}
		return ct
	}
	short := []byte("abc")
	if a, b := enc(short), enc(append([]byte("abc"), make([]byte, 13)...)); !bytes.Equal(a, b) {
		t.Errorf("a 3-byte key and the same key zero-padded to 16 bytes differ: %x, %x", a, b)
	}
	long1 := []byte("0123456789abcdef-one tail")
	long2 := []byte("0123456789abcdef+another, longer tail")
	if a, b := enc(long1), enc(long2); !bytes.Equal(a, b) {
		t.Errorf("keys equal in their first 16 bytes give different ciphertexts: %x, %x", a, b)
	}
	if a, b := enc(long1), enc(long1[:16]); !bytes.Equal(a, b) {
		t.Errorf("a long key and its first 16 bytes differ: %x, %x", a, b)
	}
	if a, b := enc([]byte("0123456789abcdeX")), enc(long1); bytes.Equal(a, b) {
		t.Error("keys differing in byte 16 give the same ciphertext")
	}
	// 16 zero bytes, given explicitly, are a key like any other.
	zero := make([]byte, 16)
	if ct, err := xxtea.Encrypt(nil, string(zero), pt); err != nil || !bytes.Equal(ct, refEncrypt(zero, pt)) {
		t.Errorf("Encrypt(16 zero bytes) = %x, %v", ct, err)
	}
}

// TestDifferential compares the package with the reference on random keys,
// plaintexts and ciphertexts, including blocks whose stored length is chosen
// around the edges of the accepted window.
func TestDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		key := randBytes(r, 1+r.IntN(40))
		pt := randBytes(r, 1+r.IntN(600))
		ct, err := xxtea.Encrypt(nil, string(key), pt)
		if err != nil || !bytes.Equal(ct, refEncrypt(key, pt)) {
			t.Fatalf("Encrypt(%d-byte key, %d bytes) differs from the reference", len(key), len(pt))
		}

		// A random ciphertext: whole words, random content.
		words := 2 + r.IntN(60)
		junk := randBytes(r, 4*words)
		got, err := xxtea.Decrypt(nil, string(key), junk)
		want, ok := refDecrypt(key, junk)
		if (err == nil) != ok || !bytes.Equal(got, want) {
			t.Fatalf("Decrypt(random %d words) = %x, %v; reference %x, %v", words, got, err, want, ok)
		}

		// A block whose last word, the stored length, is controlled.
		v := make([]uint32, words)
		for j := range v {
			v[j] = r.Uint32()
		}
		n := uint32(4 * (words - 1))
		choices := []uint32{n - 4, n - 3, n - 2, n - 1, n, n + 1, 0, ^uint32(0), n + 1<<31, r.Uint32()}
		v[words-1] = choices[r.IntN(len(choices))]
		block := refEncryptWords(key, v)
		got, err = xxtea.Decrypt(nil, string(key), block)
		want, ok = refDecrypt(key, block)
		inWindow := v[words-1] <= n && v[words-1]+3 >= n
		if ok != inWindow || (err == nil) != ok || !bytes.Equal(got, want) {
			t.Fatalf("Decrypt(%d words, stored length %d) = %x, %v; reference %x, %v", words, v[words-1], got, err, want, ok)
		}
		if !ok && !errors.Is(err, xxtea.ErrLength) {
			t.Fatalf("stored length %d of %d: error %v; want ErrLength", v[words-1], n, err)
		}
	}
}

func TestLengthWindow(t *testing.T) {
	key := []byte("window")
	for words := 2; words <= 6; words++ {
		n := uint32(4 * (words - 1))
		for _, m := range []uint32{0, n - 4, n - 3, n - 2, n - 1, n, n + 1, n + 4, 1 << 31, ^uint32(0)} {
			v := make([]uint32, words)
			for i := range v[:words-1] {
				v[i] = 0x61626364 + uint32(i) // "dcba", "ecba", ...
			}
			v[words-1] = m
			got, err := xxtea.Decrypt(nil, string(key), refEncryptWords(key, v))
			if m+3 >= n && m <= n {
				if err != nil || !bytes.Equal(got, refBytes(v)[:m]) {
					t.Errorf("%d words, stored length %d: got %x, %v; want the first %d bytes", words, m, got, err, m)
				}
			} else if !errors.Is(err, xxtea.ErrLength) || got != nil {
				t.Errorf("%d words, stored length %d: got %x, %v; want ErrLength", words, m, got, err)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	long := strings.Repeat("00", maxCiphertext+4)
	tests := []struct {
		name string
		key  string
		hex  string
		want error
	}{
		{"empty key", "", docCiphertext, xxtea.ErrKeyEmpty},
		{"empty ciphertext", appSecret, "", xxtea.ErrCiphertext},
		{"one word", appSecret, docCiphertext[:8], xxtea.ErrCiphertext},
		{"zero word", appSecret, "00000000", xxtea.ErrCiphertext},
		{"5 bytes", appSecret, docCiphertext[:10], xxtea.ErrCiphertext},
		{"7 bytes", appSecret, docCiphertext[:14], xxtea.ErrCiphertext},
		{"139 bytes", appSecret, docCiphertext[:278], xxtea.ErrCiphertext},
		{"odd length", appSecret, docCiphertext[:279], xxtea.ErrCiphertext},
		{"one character", appSecret, "A", xxtea.ErrCiphertext},
		{"letter G", appSecret, "G" + docCiphertext[1:], xxtea.ErrCiphertext},
		{"space", appSecret, docCiphertext[:100] + " " + docCiphertext[101:], xxtea.ErrCiphertext},
		{"0x prefix", appSecret, "0x" + docCiphertext[2:], xxtea.ErrCiphertext},
		{"non-ASCII", appSecret, "é" + docCiphertext[2:], xxtea.ErrCiphertext},
		{"bad hex, bad size", appSecret, "zz", xxtea.ErrCiphertext},
		{"drop last word", appSecret, docCiphertext[:272], xxtea.ErrLength},
		{"drop first word", appSecret, docCiphertext[8:], xxtea.ErrLength},
		{"extra word", appSecret, docCiphertext + "00000000", xxtea.ErrLength},
		{"too large", appSecret, long, xxtea.ErrCiphertext},
		{"too large and odd", appSecret, long + "0", xxtea.ErrCiphertext},
	}
	for _, tt := range tests {
		got, err := xxtea.DecryptHex(tt.key, tt.hex)
		if !errors.Is(err, tt.want) || got != nil {
			t.Errorf("%s: DecryptHex = %q, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	_, err := xxtea.DecryptHex(appSecret, "00G0000000000000")
	if err == nil || !strings.Contains(err.Error(), "at character 2") {
		t.Errorf("bad hex error %q does not give the position", err)
	}

	// Size caps on the raw forms.
	if _, err := xxtea.Decrypt(nil, "k", make([]byte, maxCiphertext+4)); !errors.Is(err, xxtea.ErrCiphertext) {
		t.Errorf("Decrypt(over the cap) error %v; want ErrTooLarge", err)
	}
	if _, err := xxtea.Encrypt(nil, "k", make([]byte, maxPlaintext+1)); !errors.Is(err, xxtea.ErrPlaintext) {
		t.Errorf("Encrypt(over the cap) error %v; want ErrTooLarge", err)
	}
	if _, err := xxtea.EncryptHex("k", make([]byte, maxPlaintext+1)); !errors.Is(err, xxtea.ErrPlaintext) {
		t.Errorf("EncryptHex(over the cap) error %v; want ErrTooLarge", err)
	}
	if _, err := xxtea.EncryptHex("", []byte("x")); !errors.Is(err, xxtea.ErrKeyEmpty) {
		t.Errorf("EncryptHex(empty key) error %v; want ErrKeyEmpty", err)
	}
	if s, err := encryptHexLower("k", nil); !errors.Is(err, xxtea.ErrPlaintext) || s != "" {
		t.Errorf("lower-case EncryptHex(empty) = %q, %v; want ErrPlaintext", s, err)
	}
	if _, err := xxtea.Decrypt(nil, "", []byte("12345678")); !errors.Is(err, xxtea.ErrKeyEmpty) {
		t.Errorf("Decrypt(nil key) error %v; want ErrKeyEmpty", err)
	}
}

func TestLargestInput(t *testing.T) {
	pt := bytes.Repeat([]byte{'x'}, maxPlaintext)
	ct, err := xxtea.Encrypt(nil, appSecret, pt)
	if err != nil || len(ct) != maxCiphertext {
		t.Fatalf("Encrypt(MaxPlaintextSize) = %d bytes, %v; want MaxCiphertextSize", len(ct), err)
	}
	back, err := xxtea.Decrypt(nil, appSecret, ct)
	if err != nil || !bytes.Equal(back, pt) {
		t.Fatalf("Decrypt(MaxCiphertextSize): %v", err)
	}
	h, err := xxtea.EncryptHex(appSecret, pt)
	if err != nil || len(h) != 2*maxCiphertext {
		t.Fatalf("EncryptHex(MaxPlaintextSize) = %d characters, %v", len(h), err)
	}
	back, err = xxtea.DecryptHex(appSecret, h)
	if err != nil || !bytes.Equal(back, pt) {
		t.Fatalf("DecryptHex(2*MaxCiphertextSize characters): %v", err)
	}
}

func TestErrorTextHasNoSecrets(t *testing.T) {
	key := "KEYKEYKEYKEYKEYKEYKEY"
	pt := []byte("PLAINPLAINPLAINPLAIN")
	ct, _ := xxtea.Encrypt(nil, string(key), pt)
	var errs []error
	add := func(_ any, err error) { errs = append(errs, err) }
	add(xxtea.Decrypt(nil, "x"+key, ct))
	add(xxtea.Decrypt(nil, "other", ct))
	add(xxtea.DecryptHex("other", fmt.Sprintf("%X", ct)))
	add(xxtea.DecryptHex(string(key), "PLAINPLAIN"))
	add(xxtea.DecryptHex(string(key), "PLAINPLAI"))
	add(xxtea.DecryptHex(string(key), string(pt[:8])))
	add(xxtea.DecryptHex("", "00"))
	add(xxtea.Encrypt(nil, string(key), nil))
	add(xxtea.Encrypt(nil, "", pt))
	for _, err := range errs {
		if err == nil {
			t.Fatal("expected an error")
		}
		msg := err.Error()
		if strings.Contains(msg, "KEY") || strings.Contains(msg, "PLAIN") || strings.Contains(msg, "other") {
			t.Errorf("error text %q contains input bytes", msg)
		}
		if !strings.HasPrefix(msg, "xxtea: ") {
			t.Errorf("error text %q lacks the package prefix", msg)
		}
	}
}

func TestFailureWipesDst(t *testing.T) {
	ct := mustHex(t, docCiphertext)
	buf := bytes.Repeat([]byte{0xAA}, 3+len(ct)+10)
	dst := buf[:3]
	got, err := xxtea.Decrypt(dst, "wrong key", ct)
	if !errors.Is(err, xxtea.ErrLength) {
		t.Fatalf("Decrypt(wrong key) error %v", err)
	}
	if len(got) != 3 || &got[0] != &buf[0] {
		t.Fatalf("Decrypt returned %d bytes, not dst unchanged", len(got))
	}
	if !bytes.Equal(buf[3:3+len(ct)], make([]byte, len(ct))) {
		t.Errorf("bytes written past len(dst) were not zeroed: %x", buf[3:3+len(ct)])
	}
	if !bytes.Equal(buf[3+len(ct):], bytes.Repeat([]byte{0xAA}, 10)) {
		t.Error("bytes past the ciphertext's length were touched")
	}

	// In place: the ciphertext is zeroed.
	inPlace := bytes.Clone(ct)
	if _, err := xxtea.Decrypt(inPlace[:0], "wrong key", inPlace); !errors.Is(err, xxtea.ErrLength) {
		t.Fatalf("in-place Decrypt(wrong key) error %v", err)
	}
	if !bytes.Equal(inPlace, make([]byte, len(ct))) {
		t.Errorf("in-place failure left %x", inPlace)
	}

	// On success the padding and the length word in dst's spare room are
	// zeroed as well.
	pt := []byte("12345") // 3 words: 3 padding bytes and the length word
	ct2, _ := xxtea.Encrypt(nil, "k", pt)
	buf = bytes.Repeat([]byte{0xAA}, len(ct2))
	got, err = xxtea.Decrypt(buf[:0], "k", ct2)
	if err != nil || !bytes.Equal(got, pt) || !bytes.Equal(buf[len(pt):], make([]byte, len(ct2)-len(pt))) {
		t.Errorf("Decrypt = %q, %v; spare room %x", got, err, buf[len(pt):])
	}
}

func TestInPlaceAndAppend(t *testing.T) {
	key := "in place"
	pt := []byte("hello, 189 cloud")
	buf := make([]byte, len(pt), 64)
	copy(buf, pt)
	ct, err := xxtea.Encrypt(buf[:0], string(key), buf)
	if err != nil || &ct[0] != &buf[0] || !bytes.Equal(ct, refEncrypt([]byte(key), pt)) {
		t.Fatalf("in-place Encrypt = %x, %v", ct, err)
	}
	back, err := xxtea.Decrypt(ct[:0], string(key), ct)
	if err != nil || &back[0] != &buf[0] || !bytes.Equal(back, pt) {
		t.Fatalf("in-place Decrypt = %q, %v", back, err)
	}

	// Appending keeps the prefix.
	out, err := xxtea.Encrypt([]byte("prefix:"), key, pt)
	if err != nil || string(out[:7]) != "prefix:" || !bytes.Equal(out[7:], refEncrypt([]byte(key), pt)) {
		t.Fatalf("Encrypt(append) = %x, %v", out, err)
	}
	dec, err := xxtea.Decrypt([]byte("prefix:"), key, out[7:])
	if err != nil || string(dec) != "prefix:"+string(pt) {
		t.Fatalf("Decrypt(append) = %q, %v", dec, err)
	}

	// Overlapping but not aligned: dst starts inside the plaintext's buffer.
	buf = make([]byte, 8, 64)
	copy(buf, "abcdefgh")
	ct, err = xxtea.Encrypt(buf[:2], string(key), buf[2:8])
	if err != nil || string(ct[:2]) != "ab" || !bytes.Equal(ct[2:], refEncrypt([]byte(key), []byte("cdefgh"))) {
		t.Fatalf("Encrypt(overlapping) = %x, %v", ct, err)
	}
}

func TestAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	key := appSecret
	pt := []byte(docPlaintext)
	ct := mustHex(t, docCiphertext)
	buf := make([]byte, 0, len(ct))
	work := make([]byte, len(ct))
	check := func(name string, want float64, f func()) {
		t.Helper()
		if got := testing.AllocsPerRun(100, f); got != want {
			t.Errorf("%s: %v allocations; want %v", name, got, want)
		}
	}
	check("Encrypt into dst with room", 0, func() { buf, _ = xxtea.Encrypt(buf[:0], key, pt) })
	check("Decrypt into dst with room", 0, func() { buf, _ = xxtea.Decrypt(buf[:0], key, ct) })
	check("Decrypt in place", 0, func() {
		copy(work, ct)
		_, _ = xxtea.Decrypt(work[:0], key, work)
	})
	check("Decrypt failure", 0, func() { _, _ = xxtea.Decrypt(buf[:0], "wrong", ct) })
	// The result only: the byte view of the hex stays on the stack.
	check("DecryptHex", 1, func() { _, _ = xxtea.DecryptHex(key, docCiphertext) })
	check("DecryptHex, bad size", 0, func() { _, _ = xxtea.DecryptHex(key, docCiphertext[:10]) })
	// The ciphertext, its hex, and the string.
	check("EncryptHex", 3, func() { _, _ = xxtea.EncryptHex(key, pt) })
}

// TestNeverPanics feeds random and malformed inputs of every shape to every
// function: each must return a package error or succeed, never panic.
func TestNeverPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "0123456789abcdefABCDEFxyz G\x00\xff"
	for i := 0; i < 20000; i++ {
		key := randBytes(r, r.IntN(42))
		data := randBytes(r, r.IntN(64))
		var sb strings.Builder
		for range r.IntN(80) {
			sb.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		if r.IntN(2) == 0 {
			sb.Reset()
			sb.WriteString(hex.EncodeToString(randBytes(r, r.IntN(40))))
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panic on key %x, data %x, hex %q: %v", key, data, sb.String(), p)
				}
			}()
			var dst []byte
			if r.IntN(2) == 0 {
				n := r.IntN(4)
				dst = make([]byte, n, n+r.IntN(100))
			}
			for _, err := range []error{
				second(xxtea.Decrypt(dst, string(key), data)),
				second(xxtea.Decrypt(data[:0], string(key), data)),
				second(xxtea.DecryptHex(string(key), sb.String())),
				second(xxtea.Encrypt(dst, string(key), data)),
				second(xxtea.EncryptHex(string(key), data)),
				second(encryptHexLower(string(key), data)),
			} {
				if err != nil && !isPackageError(err) {
					t.Fatalf("error %v is not one of the package's", err)
				}
			}
		}()
	}
}

func second[T any](_ T, err error) error { return err }

// FuzzDecryptHex runs its seeds under go test; with -fuzz it looks for a
// panic, a foreign error, or a disagreement with the reference.
func FuzzDecryptHex(f *testing.F) {
	f.Add(appSecret, docCiphertext)
	f.Add(appSecret, "")
	f.Add("", docCiphertext)
	f.Add("k", "00000000")
	f.Add("k", "0000000000000000")
	f.Add("k", "0x12")
	f.Fuzz(func(t *testing.T, key, s string) {
		got, err := xxtea.DecryptHex(string(key), s)
		if err != nil {
			if !isPackageError(err) || got != nil {
				t.Fatalf("DecryptHex = %x, %v", got, err)
			}
		}
		raw, hexErr := hex.DecodeString(s)
		if hexErr != nil {
			if err == nil {
				t.Fatal("DecryptHex accepted bad hex")
			}
			return
		}
		want, ok := refDecrypt([]byte(key), raw)
		if len(s) > 2*maxCiphertext {
			ok = false
		}
		if ok != (err == nil) || !bytes.Equal(got, want) {
			t.Fatalf("DecryptHex = %x, %v; reference %x, %v", got, err, want, ok)
		}
	})
}

// The caps of the package doc.
const (
	maxCiphertext = 1 << 20
	maxPlaintext  = maxCiphertext - 4
)

// encryptHexLower is EncryptHex in lower case, as other libraries write it.
func encryptHexLower(key string, plaintext []byte) (string, error) {
	s, err := xxtea.EncryptHex(string(key), plaintext)
	return strings.ToLower(s), err
}
