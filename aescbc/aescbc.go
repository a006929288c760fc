// Package aescbc implements the encryption of WeChat mini-program open data
// ("encryptedData"): AES-128 in CBC mode with PKCS#7 padding, keyed by the
// user's session_key.
//
// The algorithm is fixed by the platform: the key and the IV are exactly 16
// bytes each, the ciphertext is a non-empty whole number of 16-byte blocks,
// and the plaintext is padded with p bytes of value p, 1 <= p <= 16, every one
// of which is checked. Nothing else is accepted: a 24- or 32-byte key is an
// error, not AES-192 or AES-256.
//
// The package has two layers. [Open] and [Seal] work on raw bytes and append
// to a caller-supplied slice, so a hot path can reuse buffers. [Decrypt],
// [AppendDecrypt] and [Encrypt] take the three strings exactly as a client
// sends them: session_key, iv and encryptedData in standard base64 with
// padding.
//
// CBC without a MAC is malleable and unauthenticated; that is the platform's
// design, not a choice of this package. To avoid turning a server into a
// padding oracle, a wrong key and every kind of bad padding give the same
// error, [ErrDecrypt], and the padding is checked in constant time.
//
// Errors are sentinel values for use with [errors.Is]; [Code] maps them to the
// codes of the official demos for parity with other languages. No error text
// ever contains key or plaintext bytes.
package aescbc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"errors"
)

const (
	// KeySize is the size of a session key in bytes (AES-128).
	KeySize = 16
	// IVSize is the size of an IV in bytes.
	IVSize = aes.BlockSize
	// BlockSize is the AES block size; ciphertexts are whole blocks.
	BlockSize = aes.BlockSize
	// MaxCiphertextSize is the largest ciphertext accepted, in bytes. Real
	// open data is a few kilobytes at most; the cap bounds the work and
	// memory an attacker can demand with one request.
	MaxCiphertextSize = 4 << 20
)

// The official demos' error codes, returned by [Code].
const (
	CodeOK                = 0
	CodeIllegalAesKey     = -41001
	CodeIllegalIv         = -41002
	CodeIllegalBuffer     = -41003
	CodeDecodeBase64Error = -41004
)

var (
	// ErrKeySize means the session key is not exactly 16 bytes.
	ErrKeySize = errors.New("aescbc: session key is not 16 bytes")
	// ErrIVSize means the IV is not exactly 16 bytes.
	ErrIVSize = errors.New("aescbc: iv is not 16 bytes")
	// ErrBase64 means one of the inputs is not standard padded base64. The
	// error is a *Base64Error that says which input.
	ErrBase64 = errors.New("aescbc: invalid base64")
	// ErrCiphertextSize means the ciphertext is empty or not a whole number
	// of blocks.
	ErrCiphertextSize = errors.New("aescbc: ciphertext is empty or not a whole number of blocks")
	// ErrTooLarge means the ciphertext is larger than MaxCiphertextSize.
	ErrTooLarge = errors.New("aescbc: ciphertext larger than MaxCiphertextSize")
	// ErrDecrypt means decryption failed: the key is wrong (often because a
	// later wx.login refreshed the session key) or the data is corrupt. The
	// two cases cannot and must not be told apart.
	ErrDecrypt = errors.New("aescbc: decryption failed (wrong session key or corrupt data)")
)

// Code returns the official demos' code for an error of this package:
// -41001 for the key, -41002 for the IV, -41004 for base64, and -41003 for
// every other failure of the ciphertext. It returns CodeOK for nil and for
// errors that are not of this package.
func Code(err error) int {
	switch {
	case err == nil:
		return CodeOK
	case errors.Is(err, ErrBase64):
		return CodeDecodeBase64Error
	case errors.Is(err, ErrKeySize):
		return CodeIllegalAesKey
	case errors.Is(err, ErrIVSize):
		return CodeIllegalIv
	case errors.Is(err, ErrCiphertextSize), errors.Is(err, ErrTooLarge), errors.Is(err, ErrDecrypt):
		return CodeIllegalBuffer
	}
	return CodeOK
}

// Open decrypts ciphertext with key and iv, checks and removes the PKCS#7
// padding, and appends the plaintext to dst, returning the updated slice.
//
// To decrypt in place, pass ciphertext[:0] as dst. Otherwise dst must not
// overlap ciphertext. On error, the bytes written past len(dst) are zeroed
// and dst is returned unchanged.
func Open(dst, key, iv, ciphertext []byte) ([]byte, error) {
	block, err := checkInputs(key, iv, len(ciphertext))
	if err != nil {
		return dst, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext))
	n, ok := decrypt(block, iv, out, ciphertext)
	if !ok {
		clear(out)
		return dst, ErrDecrypt
	}
	return ret[:len(dst)+n], nil
}

// Seal pads plaintext with PKCS#7, encrypts it with key and iv, and appends
// the ciphertext to dst, returning the updated slice. The ciphertext is
// len(plaintext) rounded up to the next whole block (a full extra block when
// len(plaintext) is already a multiple of 16).
//
// To encrypt in place, pass plaintext[:0] as dst. Otherwise dst must not
// overlap plaintext.
func Seal(dst, key, iv, plaintext []byte) ([]byte, error) {
	padded := len(plaintext) + BlockSize - len(plaintext)%BlockSize
	block, err := checkInputs(key, iv, padded)
	if err != nil {
		return dst, err
	}
	ret, out := sliceForAppend(dst, padded)
	copy(out, plaintext)
	pad := byte(padded - len(plaintext))
	for i := len(plaintext); i < padded; i++ {
		out[i] = pad
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, out)
	return ret, nil
}

// checkInputs validates sizes in the order the official demos do (key, iv,
// then data) and returns the block cipher.
func checkInputs(key, iv []byte, ciphertextLen int) (cipher.Block, error) {
	if len(key) != KeySize {
		return nil, ErrKeySize
	}
	if len(iv) != IVSize {
		return nil, ErrIVSize
	}
	if ciphertextLen > MaxCiphertextSize {
		return nil, ErrTooLarge
	}
	if ciphertextLen == 0 || ciphertextLen%BlockSize != 0 {
		return nil, ErrCiphertextSize
	}
	block, err := aes.NewCipher(key)
	if err != nil { // unreachable: the key size was checked
		return nil, ErrKeySize
	}
	return block, nil
}

// decrypt CBC-decrypts src (whole blocks, at least one) into dst, which is
// either exactly src or does not overlap it, and returns the unpadded length
// and whether the padding was valid.
//
// It calls the block cipher directly instead of going through
// cipher.NewCBCDecrypter: the result is the same, the standard library's CBC
// decrypter is itself one block at a time on amd64 and arm64, and this saves
// an allocation on every call. Walking backwards keeps the previous
// ciphertext block intact until it has been used, so dst may be src.
func decrypt(block cipher.Block, iv, dst, src []byte) (int, bool) {
	for end := len(src); end > 0; end -= BlockSize {
		start := end - BlockSize
		block.Decrypt(dst[start:end], src[start:end])
		prev := iv
		if start > 0 {
			prev = src[start-BlockSize : start]
		}
		xorBlock(dst[start:end], prev)
	}
	padLen, ok := checkPadding(dst[len(src)-BlockSize : len(src)])
	return len(src) - padLen, ok == 1
}

// xorBlock sets dst ^= src for one block. Two word operations beat a call
// to subtle.XORBytes at this size, which matters block after block.
func xorBlock(dst, src []byte) {
	dst, src = dst[:BlockSize], src[:BlockSize]
	binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(dst)^binary.LittleEndian.Uint64(src))
	binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(dst[8:])^binary.LittleEndian.Uint64(src[8:]))
}

// checkPadding inspects the last block in constant time. It returns the pad
// length and 1 if the padding is valid (1 <= p <= 16 and the last p bytes all
// equal p), or 0 otherwise. The time taken depends on neither the pad value
// nor the position of a wrong byte.
func checkPadding(last []byte) (padLen int, ok int) {
	last = last[:BlockSize]
	p := int(last[BlockSize-1])
	ok = subtle.ConstantTimeLessOrEq(1, p) & subtle.ConstantTimeLessOrEq(p, BlockSize)
	for i := 1; i <= BlockSize; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i, p)
		same := subtle.ConstantTimeByteEq(last[BlockSize-i], byte(p))
		ok &= same | (inPad ^ 1)
	}
	// Return a length that is safe to slice with even when the padding is
	// bad, without branching on it.
	return subtle.ConstantTimeSelect(ok, p, 0), ok
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
