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
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/internal/cbc"
	"github.com/wxcrypto/wxcrypto/internal/strictb64"
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
		if err == ErrKeySize && len(sessionKey) > 44 && (strictb64.Is16(encryptedData) || strictb64.Is16(iv)) {
			return nil, errKeyIsData
		}
		return nil, err
	}
	defer clear(key[:])
	if err := decodeFixed(ivb[:], fieldIV, iv, ErrIVSize); err != nil {
		if err == ErrIVSize && len(iv) > len(encryptedData) && strictb64.Is16(encryptedData) {
			return nil, errSwapped
		}
		return nil, err
	}
	if len(encryptedData) > maxEncryptedDataLen {
		return nil, ErrCiphertextSize
	}
	buf := make([]byte, strictb64.DecodedLen(len(encryptedData)))
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
func decrypt(block cipher.Block, iv, buf []byte) (int, bool) {
	cbc.Decrypt(block, iv, buf)
	n, ok := cbc.Unpad(buf, blockSize)
	return n, ok == 1
}
