package fuzz

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/xxtea"
)

// xxteaErrors are the documented errors of package xxtea.
var xxteaErrors = []error{
	xxtea.ErrKeyEmpty, xxtea.ErrPlaintext, xxtea.ErrCiphertext, xxtea.ErrLength,
}

// FuzzXXTEARoundTrip checks that Decrypt undoes Encrypt for arbitrary
// plaintexts and keys, with the key as bytes or as text, in place or not,
// and through the hex forms in either case.
func FuzzXXTEARoundTrip(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := c.Bytes("key")
		if p, ok := c.Bytes("plaintext"); ok {
			add(key, p)
		}
	}, "xxtea.decrypt")
	for n := range 9 {
		s.add([]byte("k"), bytes.Repeat([]byte{0}, n))
	}
	s.add([]byte{}, []byte("x"))
	s.add(bytes.Repeat([]byte{0}, 16), []byte("x"))
	s.add([]byte(strings.Repeat("key!", 10)), []byte("x"))
	s.done()
	f.Fuzz(func(t *testing.T, key, plaintext []byte) {
		plaintext = capped(plaintext, maxLen)
		ct, err := xxtea.Encrypt(nil, string(key), plaintext)
		switch {
		case len(key) == 0:
			if !errors.Is(err, xxtea.ErrKeyEmpty) {
				t.Fatalf("Encrypt with an empty key: %x, %v", ct, err)
			}
			return
		case len(plaintext) == 0:
			if !errors.Is(err, xxtea.ErrPlaintext) {
				t.Fatalf("Encrypt of nothing: %x, %v", ct, err)
			}
			return
		case err != nil:
			t.Fatalf("Encrypt: %v", err)
		}
		if want := refXXTEAEncrypt(key, plaintext); !bytes.Equal(ct, want) {
			t.Fatalf("Encrypt = %x; reference %x", ct, want)
		}
		if len(ct) != (len(plaintext)+3)/4*4+4 {
			t.Fatalf("Encrypt of %d bytes gave %d", len(plaintext), len(ct))
		}
		if ct2, err := xxtea.Encrypt(nil, string(key), plaintext); err != nil || !bytes.Equal(ct2, ct) {
			t.Fatalf("Encrypt with the key as text = %x, %v; with bytes %x", ct2, err, ct)
		}
		back, err := xxtea.Decrypt(nil, string(key), ct)
		if err != nil || !bytes.Equal(back, plaintext) {
			t.Fatalf("Decrypt(Encrypt(p)) = %x, %v; want %x", back, err, plaintext)
		}

		// In place, both ways.
		buf := make([]byte, len(plaintext), len(ct))
		copy(buf, plaintext)
		ct3, err := xxtea.Encrypt(buf[:0], string(key), buf)
		if err != nil || !bytes.Equal(ct3, ct) {
			t.Fatalf("Encrypt in place = %x, %v; want %x", ct3, err, ct)
		}
		back2, err := xxtea.Decrypt(ct3[:0], string(key), ct3)
		if err != nil || !bytes.Equal(back2, plaintext) {
			t.Fatalf("Decrypt in place = %x, %v; want %x", back2, err, plaintext)
		}

		// Hex, upper and lower case.
		upper, err := xxtea.EncryptHex(string(key), plaintext)
		if err != nil || upper != strings.ToUpper(hex.EncodeToString(ct)) {
			t.Fatalf("EncryptHex = %q, %v; want %X", upper, err, ct)
		}
		lower := strings.ToLower(upper)
		for _, h := range []string{upper, lower} {
			back, err := xxtea.DecryptHex(string(key), h)
			if err != nil || !bytes.Equal(back, plaintext) {
				t.Fatalf("DecryptHex(%q) = %x, %v; want %x", h, back, err, plaintext)
			}
		}
	})
}

// FuzzXXTEADifferential compares xxtea with the slow reference on
// arbitrary keys and data. The data is used as a ciphertext for Decrypt
// and as a plaintext for Encrypt. Since a random ciphertext almost never
// carries a plausible length word, lenDelta also builds one from the data:
// it is encrypted with a stored length of len(data) + lenDelta - 4, which
// puts the length check's boundaries (n-3 <= m <= n) within reach.
func FuzzXXTEADifferential(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := c.Bytes("key")
		ct, _ := hex.DecodeString(c.Str("ciphertext"))
		add(key, ct, uint8(0))
		if p, ok := c.Bytes("plaintext"); ok {
			add(key, p, uint8(4))
		}
	}, "xxtea.decrypt")
	for d := range 9 {
		s.add([]byte("k"), []byte("abcdefgh"), uint8(d))
		s.add([]byte("k"), []byte("abcde"), uint8(d))
	}
	s.add([]byte{}, []byte("abcdefgh"), uint8(0))
	s.add([]byte("k"), []byte{}, uint8(0))
	s.add([]byte("k"), []byte("abcdefg"), uint8(0))
	s.done()
	f.Fuzz(func(t *testing.T, key, data []byte, lenDelta uint8) {
		data = capped(data, maxLen)
		compareXXTEADecrypt(t, key, data)
		if lenDelta != 0 && len(key) > 0 {
			m := uint32(len(data)) + uint32(lenDelta%9) - 4
			compareXXTEADecrypt(t, key, refXXTEAEncryptWithLength(key, data, m))
		}

		got, err := xxtea.Encrypt(nil, string(key), data)
		switch {
		case len(key) == 0:
			if !errors.Is(err, xxtea.ErrKeyEmpty) {
				t.Fatalf("Encrypt with an empty key: %v", err)
			}
		case len(data) == 0:
			if !errors.Is(err, xxtea.ErrPlaintext) {
				t.Fatalf("Encrypt of nothing: %v", err)
			}
		default:
			if want := refXXTEAEncrypt(key, data); err != nil || !bytes.Equal(got, want) {
				t.Fatalf("Encrypt = %x, %v; reference %x", got, err, want)
			}
		}
	})
}

// compareXXTEADecrypt compares Decrypt, with the key as bytes and as text,
// in place and appended, with the reference.
func compareXXTEADecrypt(t *testing.T, key, ct []byte) {
	t.Helper()
	var want []byte
	var werr error
	switch {
	case len(key) == 0:
		werr = xxtea.ErrKeyEmpty
	case len(ct) > maxXXTEACiphertext:
		werr = xxtea.ErrCiphertext
	case len(ct) < 8 || len(ct)%4 != 0:
		werr = xxtea.ErrCiphertext
	default:
		var ok bool
		if want, ok = refXXTEADecrypt(key, ct); !ok {
			werr = xxtea.ErrLength
		}
	}
	same := func(name string, got []byte, err error) {
		t.Helper()
		if !errors.Is(err, werr) || (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("%s = %x, %v; reference %x, %v", name, got, err, want, werr)
		}
	}
	got, err := xxtea.Decrypt(nil, string(key), ct)
	same("Decrypt", got, err)
	got, err = xxtea.Decrypt(nil, string(key), ct)
	same("Decrypt with the key as text", got, err)
	buf := append([]byte{}, ct...)
	got, err = xxtea.Decrypt(buf[:0], string(key), buf)
	same("Decrypt in place", got, err)
	if errors.Is(err, xxtea.ErrLength) && !bytes.Equal(buf, make([]byte, len(buf))) {
		t.Fatalf("Decrypt in place left %x behind after %v", buf, err)
	}
	got, err = xxtea.Decrypt([]byte("prefix"), string(key), ct)
	if !errors.Is(err, werr) || string(got[:6]) != "prefix" || !bytes.Equal(got[6:], want) {
		t.Fatalf("Decrypt after a prefix = %q, %v; reference %x, %v", got, err, want, werr)
	}
	if werr == nil {
		// The stored length is the plaintext's, whatever the padding holds.
		if m := binary.LittleEndian.Uint32(refDecodeRaw(key, ct)[len(ct)-4:]); int(m) != len(want) {
			t.Fatalf("stored length %d, plaintext %d bytes", m, len(want))
		}
	}
}

// refDecodeRaw decodes ciphertext without looking at the length word.
func refDecodeRaw(key, ct []byte) []byte {
	v := toWords(ct)
	k := refKey(key)
	btea(v, -len(v), &k)
	return fromWords(v)
}

// FuzzXXTEADecryptHex feeds arbitrary key and hex text to DecryptHex. It
// must not panic, must return a documented error in the documented order
// (empty key, too large, not hex, size, length), and must agree with the
// reference.
func FuzzXXTEADecryptHex(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := c.Bytes("key")
		add(string(key), c.Str("ciphertext"))
		add(string(key), strings.ToLower(c.Str("ciphertext")))
	}, "xxtea.decrypt")
	for _, h := range []string{"", "0", "00", "000000", "0000000", "00000000", "0000000000000000", "0x00000000", "00000000 ", "zz", "gggggggg0", "ABCDEFabcdef0123"} {
		s.add("k", h)
	}
	s.add("", "0000000000000000")
	s.done()
	f.Fuzz(func(t *testing.T, key, text string) {
		got, err := xxtea.DecryptHex(key, text)
		if err != nil && (got != nil || !isOneOf(err, xxteaErrors...)) {
			t.Fatalf("DecryptHex = %x, %v", got, err)
		}
		raw, hexErr := hex.DecodeString(text)
		var want []byte
		var werr error
		switch {
		case key == "":
			werr = xxtea.ErrKeyEmpty
		case len(text) > 2*maxXXTEACiphertext:
			werr = xxtea.ErrCiphertext
		case hexErr != nil:
			werr = xxtea.ErrCiphertext
		case len(raw) < 8 || len(raw)%4 != 0:
			werr = xxtea.ErrCiphertext
		default:
			var ok bool
			if want, ok = refXXTEADecrypt([]byte(key), raw); !ok {
				werr = xxtea.ErrLength
			}
		}
		if !errors.Is(err, werr) || (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("DecryptHex = %x, %v; reference %x, %v", got, err, want, werr)
		}
		if err == nil {
			if again, err := xxtea.DecryptHex(key, strings.ToUpper(text)); err != nil || !bytes.Equal(again, got) {
				t.Fatalf("DecryptHex of the upper-case text = %x, %v; want %x", again, err, got)
			}
		}
	})
}

// maxXXTEACiphertext is the size cap of package xxtea's doc: 1 MiB.
const maxXXTEACiphertext = 1 << 20
