// Package xxtea implements XXTEA (Wheeler and Needham's corrected block
// TEA) as China Telecom 189 cloud mini-apps use it for the user info of
// h5.authorizeUserInfo. It is a legacy cipher with published attacks and no
// integrity check, here only to read what the 189 platform sends.
//
// Standard XXTEA: delta 0x9E3779B9, 6 + 52/n rounds for n little-endian
// 32-bit words; the key is zero-padded or truncated to 16 bytes. As in the
// common libraries of other languages, encryption zero-pads the plaintext to
// whole words and appends its length as one more word; decryption accepts
// the stored length m only if n-3 <= m <= n, where n = 4 * (words - 1). A
// wrong key almost always fails that check ([ErrLength]), but about once in
// 2^30 it passes with garbage: check the content too.
//
// The key is a string because its one use is the 189 appSecret text, whose
// first 16 characters are the key. The trap: hex-decoding the appSecret
// gives another key, and ErrLength. Pass the appSecret as it is:
//
//	userInfo, err := xxtea.DecryptHex(appSecret, encryptedData)
//
// An empty key is refused rather than taken as 16 zero bytes: it is almost
// always a missing setting. The format cannot hold an empty plaintext.
// Details and the documented example are in spec/algorithms.md, section 6.
package xxtea

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

const (
	keySize  = 16
	wordSize = 4
	delta    = 0x9E3779B9

	// maxCiphertext bounds the work and memory of one call. The 189
	// platform documents encryptedData as at most 1024 hex characters.
	maxCiphertext = 1 << 20
	maxPlaintext  = maxCiphertext - wordSize
	minCiphertext = 2 * wordSize
)

var (
	// ErrKeyEmpty means the key is empty, usually a missing appSecret.
	ErrKeyEmpty = errors.New("xxtea: empty key")
	// ErrPlaintext means Encrypt was given an empty plaintext, which the
	// format cannot represent, or one over 1 MiB.
	ErrPlaintext = errors.New("xxtea: plaintext empty or over 1 MiB")
	// ErrCiphertext means the ciphertext cannot be one: not hex (for
	// DecryptHex), not a whole number of 32-bit words, shorter than two
	// words, or over 1 MiB. The error says which.
	ErrCiphertext = errors.New("xxtea: malformed ciphertext")
	// ErrLength means the length stored in the last decrypted word is out of
	// range: what a wrong key almost always gives, and corrupt data too.
	ErrLength = errors.New("xxtea: stored length out of range (wrong key or corrupt data)")
)

var (
	errHex       = fmt.Errorf("%w: not hex", ErrCiphertext)
	errSize      = fmt.Errorf("%w: not a whole number of 32-bit words, or shorter than two", ErrCiphertext)
	errTooLarge  = fmt.Errorf("%w: over 1 MiB", ErrCiphertext)
	errEmptyText = fmt.Errorf("%w: empty", ErrPlaintext)
	errLongText  = fmt.Errorf("%w: over 1 MiB", ErrPlaintext)
)

// Encrypt encrypts plaintext with key and appends the ciphertext to dst,
// returning the updated slice: len(plaintext) rounded up to whole words,
// plus one word for the length. dst may overlap plaintext; to encrypt in
// place, pass plaintext[:0]. On error dst is returned unchanged.
func Encrypt(dst []byte, key string, plaintext []byte) ([]byte, error) {
	switch {
	case key == "":
		return dst, ErrKeyEmpty
	case len(plaintext) == 0:
		return dst, errEmptyText
	case len(plaintext) > maxPlaintext:
		return dst, errLongText
	}
	size := ciphertextSize(len(plaintext))
	ret, out := sliceForAppend(dst, size)
	copy(out, plaintext) // a memmove: fine when they overlap
	clear(out[len(plaintext) : size-wordSize])
	binary.LittleEndian.PutUint32(out[size-wordSize:], uint32(len(plaintext)))
	k := loadKey(key)
	encryptWords(out, &k)
	clear(k[:])
	return ret, nil
}

// Decrypt decrypts ciphertext with key, checks the stored length and appends
// the plaintext to dst, returning the updated slice. dst may overlap
// ciphertext; to decrypt in place, pass ciphertext[:0]. On error dst is
// returned unchanged and every byte written past len(dst) is zeroed.
func Decrypt(dst []byte, key string, ciphertext []byte) ([]byte, error) {
	if key == "" {
		return dst, ErrKeyEmpty
	}
	if err := checkCiphertextSize(len(ciphertext)); err != nil {
		return dst, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext))
	copy(out, ciphertext)
	m, ok := decryptInPlace(key, out)
	if !ok {
		clear(out)
		return dst, ErrLength
	}
	clear(out[m:]) // the padding and the length word
	return ret[:len(dst)+m], nil
}

// EncryptHex encrypts plaintext with key and returns the ciphertext in
// upper-case hex, as the 189 platform sends it.
func EncryptHex(key string, plaintext []byte) (string, error) {
	ct, err := Encrypt(nil, key, plaintext)
	if err != nil {
		return "", err
	}
	out := hex.AppendEncode(make([]byte, 0, hex.EncodedLen(len(ct))), ct)
	for i, c := range out {
		if c >= 'a' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out), nil
}

// DecryptHex decodes ciphertextHex (either case, nothing else: no spaces,
// no prefix) and decrypts it with key. For 189, key is the appSecret text
// and ciphertextHex the encryptedData field. A bad size is refused before
// anything is allocated.
func DecryptHex(key, ciphertextHex string) ([]byte, error) {
	if key == "" {
		return nil, ErrKeyEmpty
	}
	if len(ciphertextHex) > 2*maxCiphertext {
		return nil, errTooLarge
	}
	if len(ciphertextHex)%2 != 0 {
		return nil, errHex
	}
	if err := checkCiphertextSize(len(ciphertextHex) / 2); err != nil {
		return nil, err
	}
	buf := make([]byte, len(ciphertextHex)/2)
	if _, err := hex.Decode(buf, []byte(ciphertextHex)); err != nil {
		return nil, badHex(ciphertextHex)
	}
	m, ok := decryptInPlace(key, buf)
	if !ok {
		clear(buf)
		return nil, ErrLength
	}
	clear(buf[m:])
	return buf[:m:m], nil
}

// ciphertextSize is the ciphertext length for an n-byte plaintext.
func ciphertextSize(n int) int {
	return (n+wordSize-1)/wordSize*wordSize + wordSize
}

func checkCiphertextSize(n int) error {
	if n > maxCiphertext {
		return errTooLarge
	}
	if n < minCiphertext || n%wordSize != 0 {
		return errSize
	}
	return nil
}

// decryptInPlace decrypts buf (whole words, at least two) and returns the
// stored length and whether it is in range.
func decryptInPlace(key string, buf []byte) (int, bool) {
	k := loadKey(key)
	decryptWords(buf, &k)
	clear(k[:])
	n := uint32(len(buf) - wordSize)
	m := binary.LittleEndian.Uint32(buf[n:])
	if m > n || m < n-3 {
		return 0, false
	}
	return int(m), true
}

// loadKey zero-pads or truncates key to 16 bytes and reads it as four
// little-endian words.
func loadKey(key string) [4]uint32 {
	var b [keySize]byte
	copy(b[:], key)
	k := [4]uint32{
		binary.LittleEndian.Uint32(b[0:]),
		binary.LittleEndian.Uint32(b[4:]),
		binary.LittleEndian.Uint32(b[8:]),
		binary.LittleEndian.Uint32(b[12:]),
	}
	clear(b[:])
	return k
}

// mx is the XXTEA mixing function.
func mx(sum, y, z uint32, p int, e uint32, k *[4]uint32) uint32 {
	return ((z>>5 ^ y<<2) + (y>>3 ^ z<<4)) ^ ((sum ^ y) + (k[(uint32(p)^e)&3] ^ z))
}

// encryptWords encrypts v, at least two little-endian words, in place.
func encryptWords(v []byte, k *[4]uint32) {
	n := len(v) / wordSize
	last := n - 1
	z := binary.LittleEndian.Uint32(v[last*wordSize:])
	var sum uint32
	for rounds := 6 + 52/n; rounds > 0; rounds-- {
		sum += delta
		e := sum >> 2 & 3
		x := binary.LittleEndian.Uint32(v) // v[p], not yet updated this round
		for p := 0; p < last; p++ {
			y := binary.LittleEndian.Uint32(v[(p+1)*wordSize:])
			z = x + mx(sum, y, z, p, e, k)
			binary.LittleEndian.PutUint32(v[p*wordSize:], z)
			x = y
		}
		y := binary.LittleEndian.Uint32(v) // v[0], already updated
		z = x + mx(sum, y, z, last, e, k)
		binary.LittleEndian.PutUint32(v[last*wordSize:], z)
	}
}

// decryptWords decrypts v, at least two little-endian words, in place.
func decryptWords(v []byte, k *[4]uint32) {
	n := len(v) / wordSize
	last := n - 1
	rounds := 6 + 52/n
	sum := uint32(rounds) * delta
	y := binary.LittleEndian.Uint32(v)
	for ; rounds > 0; rounds-- {
		e := sum >> 2 & 3
		x := binary.LittleEndian.Uint32(v[last*wordSize:]) // v[p], not yet updated this round
		for p := last; p > 0; p-- {
			z := binary.LittleEndian.Uint32(v[(p-1)*wordSize:])
			y = x - mx(sum, y, z, p, e, k)
			binary.LittleEndian.PutUint32(v[p*wordSize:], y)
			x = z
		}
		z := binary.LittleEndian.Uint32(v[last*wordSize:]) // v[n-1], already updated
		y = x - mx(sum, y, z, 0, e, k)
		binary.LittleEndian.PutUint32(v, y)
		sum -= delta
	}
}

// badHex says where text stops being hex, for the caller to find the
// damage (a space from copy and paste, a stray prefix).
func badHex(text string) error {
	for i := 0; i < len(text); i++ {
		if c := text[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return fmt.Errorf("%w (at character %d)", errHex, i)
		}
	}
	return errHex
}

// sliceForAppend extends in by n bytes, reusing its capacity when it can. It
// returns the whole slice and the new tail.
func sliceForAppend(in []byte, n int) (head, tail []byte) {
	if total := len(in) + n; cap(in) >= total {
		head = in[:total]
	} else {
		head = make([]byte, total)
		copy(head, in)
	}
	tail = head[len(in):]
	return
}
