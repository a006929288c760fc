package cbc

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"testing"
)

func TestDecryptMatchesCBCDecrypter(t *testing.T) {
	b, err := aes.NewCipher([]byte("YELLOW SUBMARINE"))
	if err != nil {
		t.Fatal(err)
	}
	iv := []byte("0123456789abcdef")
	for _, n := range []int{16, 32, 48, 400} {
		ct := make([]byte, n)
		for i := range ct {
			ct[i] = byte(i*7 + n)
		}
		want := make([]byte, n)
		cipher.NewCBCDecrypter(b, iv).CryptBlocks(want, ct)
		got := bytes.Clone(ct)
		Decrypt(b, iv, got)
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %x, want %x", n, got, want)
		}
	}
}

// naiveUnpad is PKCS#7 to size bytes written the obvious way.
func naiveUnpad(buf []byte, size int) (int, bool) {
	p := int(buf[len(buf)-1])
	if p < 1 || p > size {
		return len(buf), false
	}
	for _, c := range buf[len(buf)-p:] {
		if int(c) != p {
			return len(buf), false
		}
	}
	return len(buf) - p, true
}

func TestUnpad(t *testing.T) {
	for _, size := range []int{16, 32} {
		for p := 0; p < 256; p++ {
			buf := bytes.Repeat([]byte{byte(p)}, 2*size)
			// Every pad value as written, then with each byte of the last
			// block changed in turn.
			for i := -1; i < size; i++ {
				b := bytes.Clone(buf)
				if i >= 0 {
					b[len(b)-1-i] ^= 0x80
				}
				n, ok := Unpad(b, size)
				wn, wok := naiveUnpad(b, size)
				if n != wn || (ok == 1) != wok {
					t.Fatalf("size %d, pad %d, byte %d changed: got (%d, %d), want (%d, %v)", size, p, i, n, ok, wn, wok)
				}
			}
		}
	}
}
