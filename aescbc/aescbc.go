// Package aescbc decrypts WeChat mini-program open data ("encryptedData"):
// AES-128 in CBC mode with PKCS#7 padding, keyed by the user's session_key.
//
//	plaintext = unpad(AES-128-CBC-Decrypt(key = b64(sessionKey), iv = b64(iv), b64(encryptedData)))
//
// The three inputs are strict standard base64 with padding, exactly as the
// client sends them. The key and the IV are exactly 16 bytes (a 24- or
// 32-byte key is an error, not AES-192 or AES-256), the ciphertext a
// non-empty whole number of 16-byte blocks of at most 4 MiB, and every one of
// the p pad bytes of value p, 1 <= p <= 16, is checked.
//
// The trap: CBC without a MAC is malleable. A wrong key and every kind of bad
// padding give one error, [ErrDecrypt], and the padding is checked in
// constant time, so that a server does not become a padding oracle; the
// layer above must keep that promise (package wxcrypto does).
//
// Errors are sentinels for [errors.Is]; [Code] maps them to the official
// demos' codes. No error text contains key or plaintext bytes. See
// spec/algorithms.md section 1.
package aescbc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
)

const (
	keySize   = 16
	blockSize = aes.BlockSize
	// maxCiphertextSize bounds the work and memory one request can demand.
	// Real open data is a few kilobytes.
	maxCiphertextSize = 4 << 20
)

var (
	// ErrKeySize means the session key is not exactly 16 bytes.
	ErrKeySize = errors.New("aescbc: session key is not 16 bytes")
	// ErrIVSize means the IV is not exactly 16 bytes.
	ErrIVSize = errors.New("aescbc: iv is not 16 bytes")
	// ErrBase64 means one of the inputs is not strict standard base64 with
	// padding. The message names the input, never its value.
	ErrBase64 = errors.New("aescbc: invalid base64")
	// ErrCiphertextSize means the ciphertext is empty, not a whole number
	// of blocks, or larger than 4 MiB.
	ErrCiphertextSize = errors.New("aescbc: ciphertext is empty, not whole blocks, or over 4 MiB")
	// ErrDecrypt means decryption failed: the key is wrong (often because a
	// later wx.login refreshed the session key) or the data is corrupt. The
	// two cases cannot and must not be told apart.
	ErrDecrypt = errors.New("aescbc: decryption failed (wrong session key or corrupt data)")
)

var errSwapped = fmt.Errorf("%w: it is longer and encryptedData is 16 bytes: are encryptedData and iv swapped?", ErrIVSize)

// errKeyIsData is a "session key" longer than any AES key next to an
// argument of 16 bytes: encryptedData passed first, as in the peers whose
// calls take (encryptedData, sessionKey, iv) or (encryptedData, iv, sessionKey).
var errKeyIsData = fmt.Errorf("%w: it is longer than any key and another argument is 16 bytes: is encryptedData passed as sessionKey? The order is (sessionKey, encryptedData, iv)", ErrKeySize)

// Code returns the official demos' code for an error of this package:
// -41001 (IllegalAesKey) for the key, -41002 (IllegalIv) for the IV, -41004
// (DecodeBase64Error) for base64, and -41003 (IllegalBuffer) for every other
// failure of the ciphertext. It returns 0 for nil and for other errors.
func Code(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrBase64):
		return -41004
	case errors.Is(err, ErrKeySize):
		return -41001
	case errors.Is(err, ErrIVSize):
		return -41002
	case errors.Is(err, ErrCiphertextSize), errors.Is(err, ErrDecrypt):
		return -41003
	}
	return 0
}

// Decrypt decodes sessionKey, encryptedData and iv from standard base64, as
// a client sends them, and returns the decrypted, unpadded plaintext. The
// arguments come in the order of the official demo; when encryptedData
// looks passed as the iv or as the session key, the size error says so. The
// ciphertext is decoded and decrypted in place in the one buffer returned.
func Decrypt(sessionKey, encryptedData, iv string) ([]byte, error) {
	var key, ivb [keySize]byte
	if err := decodeFixed(key[:], fieldSessionKey, sessionKey, ErrKeySize); err != nil {
		// 44 characters are the base64 of 32 bytes, the longest AES key.
		if err == ErrKeySize && len(sessionKey) > 44 && (looks16(encryptedData) || looks16(iv)) {
			return nil, errKeyIsData
		}
		return nil, err
	}
	defer clear(key[:])
	if err := decodeFixed(ivb[:], fieldIV, iv, ErrIVSize); err != nil {
		if err == ErrIVSize && len(iv) > len(encryptedData) && looks16(encryptedData) {
			return nil, errSwapped
		}
		return nil, err
	}
	if len(encryptedData) > maxEncryptedDataLen {
		return nil, ErrCiphertextSize
	}
	buf := make([]byte, strictBase64.DecodedLen(len(encryptedData)))
	n, err := decode(buf, fieldEncryptedData, encryptedData)
	if err != nil {
		return nil, err
	}
	out, err := open(key[:], ivb[:], buf[:n])
	if err != nil {
		clear(buf)
		return nil, err
	}
	return out, nil
}

// looks16 reports whether s is the strict base64 of exactly 16 bytes.
func looks16(s string) bool {
	if len(s) != 24 {
		return false
	}
	var b [18]byte
	n, err := decode(b[:], fieldEncryptedData, s)
	return err == nil && n == 16
}

// Encrypt pads and encrypts plaintext with the base64 sessionKey and iv and
// returns encryptedData in standard base64, as the platform would send it.
// It exists for fixtures, tests and mock servers.
func Encrypt(sessionKey, iv string, plaintext []byte) (string, error) {
	var key, ivb [keySize]byte
	if err := decodeFixed(key[:], fieldSessionKey, sessionKey, ErrKeySize); err != nil {
		return "", err
	}
	defer clear(key[:])
	if err := decodeFixed(ivb[:], fieldIV, iv, ErrIVSize); err != nil {
		return "", err
	}
	padded := len(plaintext) + blockSize - len(plaintext)%blockSize
	if padded > maxCiphertextSize {
		return "", ErrCiphertextSize
	}
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return "", ErrKeySize
	}
	out := make([]byte, padded)
	copy(out, plaintext)
	for i := len(plaintext); i < padded; i++ {
		out[i] = byte(padded - len(plaintext))
	}
	cipher.NewCBCEncrypter(block, ivb[:]).CryptBlocks(out, out)
	return base64.StdEncoding.EncodeToString(out), nil
}

// open decrypts ciphertext in place with key and iv and returns the
// unpadded plaintext, a prefix of ciphertext.
func open(key, iv, ciphertext []byte) ([]byte, error) {
	if len(ciphertext) == 0 || len(ciphertext)%blockSize != 0 || len(ciphertext) > maxCiphertextSize {
		return nil, ErrCiphertextSize
	}
	block, err := aes.NewCipher(key)
	if err != nil { // unreachable: the key size was checked
		return nil, ErrKeySize
	}
	n, ok := decrypt(block, iv, ciphertext)
	if !ok {
		return nil, ErrDecrypt
	}
	return ciphertext[:n], nil
}

// decrypt CBC-decrypts buf (whole blocks, at least one) in place and
// returns the unpadded length and whether the padding was valid.
//
// It calls the block cipher directly instead of going through
// cipher.NewCBCDecrypter because that allocates a 512-byte decrypter on
// every call: BenchmarkCBC, both in one run, gives 1 allocation (512 B) and
// about 490 ns per 400-byte payload here, against 2 (1024 B) and 590 ns, with
// no difference at 16 KiB. The saved allocation keeps the typed Open calls
// within their budget of three. Walking backwards keeps the previous
// ciphertext block intact until it has been used.
func decrypt(block cipher.Block, iv, buf []byte) (int, bool) {
	for end := len(buf); end > 0; end -= blockSize {
		start := end - blockSize
		block.Decrypt(buf[start:end], buf[start:end])
		prev := iv
		if start > 0 {
			prev = buf[start-blockSize : start]
		}
		xorBlock(buf[start:end], prev)
	}
	padLen, ok := checkPadding(buf[len(buf)-blockSize:])
	return len(buf) - padLen, ok == 1
}

// xorBlock sets dst ^= src for one block. Two word operations beat a call
// to subtle.XORBytes at this size (a quarter of the loop's time in a CPU
// profile of OpenUserInfo), block after block.
func xorBlock(dst, src []byte) {
	dst, src = dst[:blockSize], src[:blockSize]
	binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(dst)^binary.LittleEndian.Uint64(src))
	binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(dst[8:])^binary.LittleEndian.Uint64(src[8:]))
}

// checkPadding inspects the last block in constant time. It returns the pad
// length and 1 if the padding is valid (1 <= p <= 16 and the last p bytes all
// equal p), or 0 otherwise. The time taken depends on neither the pad value
// nor the position of a wrong byte.
func checkPadding(last []byte) (padLen int, ok int) {
	last = last[:blockSize]
	p := int(last[blockSize-1])
	ok = subtle.ConstantTimeLessOrEq(1, p) & subtle.ConstantTimeLessOrEq(p, blockSize)
	for i := 1; i <= blockSize; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i, p)
		same := subtle.ConstantTimeByteEq(last[blockSize-i], byte(p))
		ok &= same | (inPad ^ 1)
	}
	// Return a length that is safe to slice with even when the padding is
	// bad, without branching on it.
	return subtle.ConstantTimeSelect(ok, p, 0), ok
}
