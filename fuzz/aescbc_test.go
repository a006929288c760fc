package fuzz

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/aescbc"
)

// FuzzAESCBCDecryptStrings feeds arbitrary sessionKey, iv and encryptedData
// strings to aescbc.Decrypt. It may not panic; it returns a plaintext or one
// of the documented errors, the one that the first bad input calls for; and
// a plaintext is exactly the reference's.
func FuzzAESCBCDecryptStrings(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("sessionKey"), c.Str("iv"), c.Str("encryptedData"))
	}, "opendata.decrypt")
	s.add(demoSessionKey, demoIV, "")
	s.add(demoSessionKey, demoIV, "AAAAAAAAAAAAAAAAAAAAAA==")
	s.add(demoSessionKey, demoIV, "AAAAAAAAAAAAAAAAAAAAAA=")
	s.add(demoSessionKey, demoIV, "AAAAAAAAAAAAAAAAAAAAAA==\n")
	s.add(demoSessionKey, demoIV, "AAAAAAAA\r\nAAAAAAAAAAAAAA==")
	s.add("tiihtNczf5v6AKRyjwEUhQ", demoIV, "AAAAAAAAAAAAAAAAAAAAAA==")
	s.add("tiihtNczf5v6AKRyjwEUhR==", demoIV, "AAAAAAAAAAAAAAAAAAAAAA==")
	s.add("tiihtNczf5v6AKRyjwEUhQ== ", demoIV, "")
	s.add(demoSessionKey, "r7BXXKkLb8qrSNn05n0q iA==", "")
	s.add(strings.Repeat("A", 44), demoIV, "")
	s.add(strings.Repeat("A", 80), demoIV, "")
	s.add("", "", "")
	s.done()
	f.Fuzz(func(t *testing.T, sessionKey, iv, encryptedData string) {
		got, err := aescbc.Decrypt(sessionKey, encryptedData, iv)
		checkDecryptStrings(t, sessionKey, iv, encryptedData, got, err)
	})
}

// checkDecryptStrings judges aescbc.Decrypt's answer for the three strings.
func checkDecryptStrings(t *testing.T, sessionKey, iv, encryptedData string, got []byte, err error) {
	t.Helper()
	if err != nil {
		if got != nil {
			t.Fatalf("Decrypt returned %d bytes with error %v", len(got), err)
		}
		if !isOneOf(err, aescbcErrors...) {
			t.Fatalf("Decrypt: undocumented error %v", err)
		}
		if aescbc.Code(err) == 0 {
			t.Fatalf("Decrypt: error %v has no code", err)
		}
		// A base64 error names its input, never its value, and suggests
		// form decoding exactly when the input has a space.
		for _, in := range []struct{ name, value string }{{"sessionKey", sessionKey}, {"iv", iv}, {"encryptedData", encryptedData}} {
			if isBase64Error(err, in.name) && strings.Contains(err.Error(), "form-decoded") != strings.Contains(in.value, " ") {
				t.Fatalf("Decrypt: %v for %s %q", err, in.name, in.value)
			}
		}
	}

	// The reference: the first input that is wrong decides the error.
	key, keyOK := canonicalBase64(sessionKey)
	switch {
	case !keyOK:
		// Not base64, or (when far too long to be a key) a size error.
		if !isBase64Error(err, "sessionKey") && !errors.Is(err, aescbc.ErrKeySize) {
			t.Fatalf("key %q is not base64; Decrypt error %v", sessionKey, err)
		}
		return
	case len(key) != 16:
		if !errors.Is(err, aescbc.ErrKeySize) {
			t.Fatalf("key of %d bytes; Decrypt error %v", len(key), err)
		}
		return
	}
	ivb, ivOK := canonicalBase64(iv)
	switch {
	case !ivOK:
		if !isBase64Error(err, "iv") && !errors.Is(err, aescbc.ErrIVSize) {
			t.Fatalf("iv %q is not base64; Decrypt error %v", iv, err)
		}
		return
	case len(ivb) != 16:
		if !errors.Is(err, aescbc.ErrIVSize) {
			t.Fatalf("iv of %d bytes; Decrypt error %v", len(ivb), err)
		}
		return
	}
	if len(encryptedData) > (4<<20+2)/3*4 { // the base64 length of 4 MiB
		if !errors.Is(err, aescbc.ErrCiphertextSize) {
			t.Fatalf("encryptedData of %d characters; Decrypt error %v", len(encryptedData), err)
		}
		return
	}
	ct, ctOK := canonicalBase64(encryptedData)
	if !ctOK {
		if !isBase64Error(err, "encryptedData") {
			t.Fatalf("encryptedData %q is not base64; Decrypt error %v", encryptedData, err)
		}
		return
	}
	want, werr := refOpen(key, ivb, ct)
	if !errors.Is(err, werr) || !bytes.Equal(got, want) || (werr == nil) != (err == nil) {
		t.Fatalf("Decrypt = %x, %v; reference %x, %v", got, err, want, werr)
	}
}

func isBase64Error(err error, field string) bool {
	return errors.Is(err, aescbc.ErrBase64) && strings.HasPrefix(err.Error(), "aescbc: "+field+" ")
}

// FuzzAESCBCDifferential compares aescbc.Decrypt with the reference on
// arbitrary keys, ivs and ciphertexts. Bits of mode shape the input:
//
//	1  key and iv zero-padded or truncated to 16 bytes
//	2  ciphertext cut to whole blocks (one zero block if that leaves none)
//	4  last block forged so that it decrypts to a chosen block whose tail
//	   is a padding made from last: last[0] is the pad value (taken mod 17
//	   unless bit 8 is set) stamped over min(value, 16) bytes
//	16 then one bit of that block flipped, chosen by last[1]
//
// Random ciphertexts almost never carry valid padding, and the constant-time
// padding check has no branch for coverage to steer by; forging the last
// block puts every padding edge case within the fuzzer's reach.
func FuzzAESCBCDifferential(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := base64.StdEncoding.DecodeString(c.Str("sessionKey"))
		iv, _ := base64.StdEncoding.DecodeString(c.Str("iv"))
		ct, _ := base64.StdEncoding.DecodeString(c.Str("encryptedData"))
		add(key, iv, ct, []byte{}, uint8(0))
		if len(key) == 16 && len(iv) == 16 && len(ct) > 0 && len(ct)%16 == 0 {
			add(key, iv, ct, []byte{16, 0x55}, uint8(1|2|4|16))
		}
	}, "opendata.decrypt")
	key := bytes.Repeat([]byte{0x2b}, 16)
	iv := bytes.Repeat([]byte{0x00}, 16)
	for _, last := range [][]byte{{0}, {1}, {2}, {15}, {16}, {17}, {0xff}} {
		s.add(key, iv, make([]byte, 32), last, uint8(1|2|4))
		s.add(key, iv, make([]byte, 16), last, uint8(1|2|4|8))
		s.add(key, iv, make([]byte, 48), append(append([]byte{}, last...), 0x0f), uint8(1|2|4|16))
	}
	s.add(key, iv, []byte{}, []byte{}, uint8(0))
	s.add(key, iv, make([]byte, 15), []byte{}, uint8(0))
	s.add(key[:15], iv, make([]byte, 16), []byte{}, uint8(0))
	s.add(key, iv[:0], make([]byte, 16), []byte{}, uint8(0))
	s.done()
	f.Fuzz(func(t *testing.T, key, iv, ciphertext, last []byte, mode uint8) {
		ciphertext = capped(ciphertext, maxLen)
		if mode&1 != 0 {
			key, iv = fit16(key), fit16(iv)
		}
		if mode&2 != 0 {
			ciphertext = ciphertext[:len(ciphertext)/16*16]
			if len(ciphertext) == 0 {
				ciphertext = make([]byte, 16)
			}
		}
		if mode&4 != 0 && len(key) == 16 && len(iv) == 16 && len(ciphertext) > 0 && len(ciphertext)%16 == 0 {
			var block [16]byte
			if len(last) > 2 {
				copy(block[:], last[2:])
			}
			pad := byte(0)
			if len(last) > 0 {
				pad = last[0]
			}
			if mode&8 == 0 {
				pad %= 17
			}
			for i := 16 - min(int(pad), 16); i < 16; i++ {
				block[i] = pad
			}
			if mode&16 != 0 && len(last) > 1 {
				block[last[1]%16] ^= 1 << (last[1] >> 4 % 8)
			}
			ciphertext = append([]byte{}, ciphertext...)
			forgeLastBlock(key, iv, ciphertext, &block)
		}

		want, werr := refOpen(key, iv, ciphertext)
		got, err := aescbc.Decrypt(base64.StdEncoding.EncodeToString(key),
			base64.StdEncoding.EncodeToString(ciphertext), base64.StdEncoding.EncodeToString(iv))
		if !errors.Is(err, werr) || (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("Decrypt = %x, %v; reference %x, %v", got, err, want, werr)
		}

		// A valid ciphertext is exactly what Encrypt makes of its plaintext.
		if werr == nil {
			back, err := aescbc.Encrypt(base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(iv), want)
			if err != nil || back != base64.StdEncoding.EncodeToString(ciphertext) {
				t.Fatalf("Encrypt(Decrypt(c)) = %s, %v; want %x", back, err, ciphertext)
			}
		}
	})
}

// FuzzAESCBCRoundTrip checks that decryption undoes encryption for
// arbitrary plaintexts under arbitrary 16-byte keys and ivs, and that the
// ciphertext is the reference's.
func FuzzAESCBCRoundTrip(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := base64.StdEncoding.DecodeString(c.Str("sessionKey"))
		iv, _ := base64.StdEncoding.DecodeString(c.Str("iv"))
		if p, ok := c.Bytes("plaintext"); ok && c.Valid {
			add(key, iv, p)
		}
	}, "opendata.decrypt")
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33} {
		s.add(make([]byte, 16), make([]byte, 16), bytes.Repeat([]byte{byte(n)}, n))
	}
	s.done()
	f.Fuzz(func(t *testing.T, key, iv, plaintext []byte) {
		plaintext = capped(plaintext, maxLen)
		key, iv = fit16(key), fit16(iv)
		want := refSeal(key, iv, plaintext)
		k64, iv64 := base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(iv)
		data, err := aescbc.Encrypt(k64, iv64, plaintext)
		if err != nil || data != base64.StdEncoding.EncodeToString(want) {
			t.Fatalf("Encrypt = %q, %v; want base64 of %x", data, err, want)
		}
		back, err := aescbc.Decrypt(k64, data, iv64)
		if err != nil || !bytes.Equal(back, plaintext) {
			t.Fatalf("Decrypt(Encrypt(p)) = %x, %v; want %x", back, err, plaintext)
		}
	})
}
