package fuzz

import (
	"crypto/aes"
	"encoding/base64"

	"github.com/wxcrypto/wxcrypto/aescbc"
)

// The AES-CBC reference below is written plainly from the definitions, for
// differential fuzzing of package aescbc. It shares no code with it: only
// crypto/aes's block cipher, a CBC loop and a byte-by-byte PKCS#7 check.
// It is neither fast nor constant-time, and does not need to be. Its errors
// are aescbc's sentinels, so that the two can be compared with errors.Is.

// refOpen checks the sizes (key, then iv, then ciphertext), decrypts in CBC
// mode and removes PKCS#7 padding.
func refOpen(key, iv, ciphertext []byte) ([]byte, error) {
	switch {
	case len(key) != 16:
		return nil, aescbc.ErrKeySize
	case len(iv) != 16:
		return nil, aescbc.ErrIVSize
	case len(ciphertext) == 0 || len(ciphertext)%16 != 0 || len(ciphertext) > 4<<20:
		return nil, aescbc.ErrCiphertextSize
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	plain := make([]byte, len(ciphertext))
	prev := iv
	for i := 0; i < len(ciphertext); i += 16 {
		block.Decrypt(plain[i:i+16], ciphertext[i:i+16])
		for j := 0; j < 16; j++ {
			plain[i+j] ^= prev[j]
		}
		prev = ciphertext[i : i+16]
	}
	p := int(plain[len(plain)-1])
	if p < 1 || p > 16 {
		return nil, aescbc.ErrDecrypt
	}
	for _, b := range plain[len(plain)-p:] {
		if int(b) != p {
			return nil, aescbc.ErrDecrypt
		}
	}
	return plain[:len(plain)-p], nil
}

// refSeal pads plaintext with PKCS#7 and encrypts it in CBC mode. key and
// iv must be 16 bytes.
func refSeal(key, iv, plaintext []byte) []byte {
	p := 16 - len(plaintext)%16
	padded := append([]byte{}, plaintext...)
	for range p {
		padded = append(padded, byte(p))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(padded))
	prev := iv
	for i := 0; i < len(padded); i += 16 {
		var x [16]byte
		for j := range x {
			x[j] = padded[i+j] ^ prev[j]
		}
		block.Encrypt(out[i:i+16], x[:])
		prev = out[i : i+16]
	}
	return out
}

// forgeLastBlock replaces the last block of ciphertext (whole blocks, at
// least one) so that it decrypts to want, whatever the blocks before it
// are: C[n] = E(want XOR C[n-1]).
func forgeLastBlock(key, iv, ciphertext []byte, want *[16]byte) {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	n := len(ciphertext)
	prev := iv
	if n > 16 {
		prev = ciphertext[n-32 : n-16]
	}
	var x [16]byte
	for j := range x {
		x[j] = want[j] ^ prev[j]
	}
	block.Encrypt(ciphertext[n-16:], x[:])
}

// canonicalBase64 decodes s if it is exactly the standard padded base64
// encoding of some bytes, as the platform sends it: no line breaks, no
// missing padding, no non-zero trailing bits.
func canonicalBase64(s string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || base64.StdEncoding.EncodeToString(b) != s {
		return nil, false
	}
	return b, true
}

// fit16 returns b zero-padded or truncated to 16 bytes.
func fit16(b []byte) []byte {
	out := make([]byte, 16)
	copy(out, b)
	return out
}
