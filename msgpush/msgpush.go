// Package msgpush implements message push in safe mode (安全模式), the
// WXBizMsgCrypt scheme that mini-program and third-party platform back ends
// use for customer-service messages and platform events, virtual-payment
// deliveries among them.
//
// The push URL is first verified with a GET whose signature covers three
// items; the answer is echostr, unchanged ([Crypter.VerifyURL]). Each push is
// then a POST whose body, XML or JSON, carries Encrypt:
//
//	signature     = hex(sha1(concat(sort(token, timestamp, nonce))))
//	msg_signature = hex(sha1(concat(sort(token, timestamp, nonce, Encrypt))))
//	key           = base64_decode(EncodingAESKey + "="), AES-256-CBC, iv = key[:16]
//	plaintext     = random(16) || uint32_be(len(msg)) || msg || appid
//
// [Crypter.Open] and [Crypter.Decrypt] check, in this order: the
// msg_signature, strict padded base64, a ciphertext that is a non-zero
// multiple of 32 bytes, PKCS#7 padding to 32 bytes, the length field, and the
// appid trailer. [Crypter.Seal] writes an encrypted reply the same way.
//
// The traps, each of which a peer SDK has fallen into:
//
//   - The padding is PKCS#7 to a multiple of 32, not 16: pads run from 1 to
//     32, and half of all messages have one over 16.
//   - The query's signature covers only token, timestamp and nonce, not the
//     body. In safe mode the body is authenticated by msg_signature alone.
//   - The appid after the message must be compared: it is what binds the
//     message to this mini-program (or, on a third-party platform, to the
//     component appid, not the authorizer's).
//   - The 43rd character of the EncodingAESKey has two unused bits that are
//     usually set (the classic sample's key ends in "G"); strict base64
//     decoders reject real keys.
//
// Errors belong to one sentinel per class, for [errors.Is], and [Code] maps
// them to the official samples' codes (-40001 and on). No error text holds
// the key, the token or anything of the plaintext. The exact rules are in
// the project's spec/algorithms.md, section 9.
//
// XML bodies are read without DTDs or entities: a DOCTYPE is refused. A body
// is at most 1 MiB, so an Encrypt text is too; a reply message is at most
// 512 KiB. The work of every call is proportional to its input.
package msgpush

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"

	"github.com/wxcrypto/wxcrypto/internal/cbc"
	"github.com/wxcrypto/wxcrypto/internal/strictb64"
)

const (
	keyLen      = 43      // characters of an EncodingAESKey
	blockSize   = 32      // the padding's block, not AES's
	frameHeader = 16 + 4  // random and length field
	maxBody     = 1 << 20 // bytes of a push body, and so of Encrypt
	maxMessage  = 1 << 19 // bytes of a reply message
	sigLen      = 2 * sha1.Size
)

var (
	// ErrKey means the configuration is unusable: the EncodingAESKey is not
	// 43 characters of the base64 alphabet, or the Token or AppID is empty.
	ErrKey = errors.New("msgpush: invalid Token, EncodingAESKey or AppID")
	// ErrBody means the push body is not one document of the configured
	// format with exactly one Encrypt member (in XML, a direct child of the
	// root), or that a reply cannot be written.
	ErrBody = errors.New("msgpush: malformed push body")
	// ErrSignature means the signature (msg_signature for a push, signature
	// for the URL check) is missing, duplicated or does not match.
	ErrSignature = errors.New("msgpush: signature mismatch")
	// ErrBase64 means Encrypt is not strict standard base64 with padding.
	ErrBase64 = errors.New("msgpush: Encrypt is not standard padded base64")
	// ErrDecrypt means the ciphertext is empty, too large, not a multiple of
	// 32 bytes, or its padding is wrong.
	ErrDecrypt = errors.New("msgpush: decryption failed")
	// ErrBuffer means the decrypted frame is too short or its length field
	// points past the data; for a reply, that the message is too large.
	ErrBuffer = errors.New("msgpush: invalid message frame")
	// ErrAppID means the appid after the message is not the configured one.
	ErrAppID = errors.New("msgpush: message is for another appid")
)

// errRandom wraps a failure to read the random prefix of a reply.
type errRandom struct{ err error }

func (e errRandom) Error() string { return "msgpush: reading random bytes: " + e.err.Error() }
func (e errRandom) Unwrap() error { return e.err }

// Code returns the official samples' code for an error of this package:
// -40001 ValidateSignature, -40002 ParseXml, -40004 IllegalAesKey, -40005
// ValidateAppid, -40006 EncryptAES (the random source failed), -40007
// DecryptAES, -40008 IllegalBuffer, -40010 DecodeBase64. It returns 0 for nil
// and for errors of other packages.
func Code(err error) int {
	var r errRandom
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrSignature):
		return -40001
	case errors.Is(err, ErrBody):
		return -40002
	case errors.Is(err, ErrKey):
		return -40004
	case errors.Is(err, ErrAppID):
		return -40005
	case errors.As(err, &r):
		return -40006
	case errors.Is(err, ErrDecrypt):
		return -40007
	case errors.Is(err, ErrBuffer):
		return -40008
	case errors.Is(err, ErrBase64):
		return -40010
	}
	return 0
}

// Config is what the platform's console shows for a push URL.
type Config struct {
	// Token is the secret text chosen for the signatures.
	Token string
	// EncodingAESKey is the 43-character key.
	EncodingAESKey string
	// AppID is the mini-program's appid or, on a third-party platform, the
	// component appid. Every message must carry it after its text.
	AppID string
	// JSON selects the JSON data format for push bodies and replies; the
	// default is XML.
	JSON bool
	// Rand is the source of the 16 random bytes that start each reply. Nil
	// means crypto/rand.Reader; a fixed reader makes replies reproducible,
	// for tests and test vectors only.
	Rand io.Reader
}

// Crypter verifies, decrypts and encrypts the messages of one push URL. It
// holds no mutable state and is safe for concurrent use (if Config.Rand is).
type Crypter struct {
	token, appID string
	json         bool
	rand         io.Reader
	block        cipher.Block
	iv           [aes.BlockSize]byte
}

// New checks cfg and returns its Crypter.
func New(cfg Config) (*Crypter, error) {
	if cfg.Token == "" || cfg.AppID == "" || len(cfg.EncodingAESKey) != keyLen {
		return nil, ErrKey
	}
	for i := 0; i < keyLen; i++ {
		if !isBase64Char(cfg.EncodingAESKey[i]) {
			return nil, ErrKey
		}
	}
	// The non-strict decoder ignores the two unused bits of the last
	// character; the alphabet was checked above, so its leniency about line
	// breaks plays no part.
	var text [keyLen + 1]byte
	copy(text[:], cfg.EncodingAESKey)
	text[keyLen] = '='
	var key [32]byte
	defer clear(key[:])
	if n, err := base64.StdEncoding.Decode(key[:], text[:]); err != nil || n != len(key) {
		return nil, ErrKey
	}
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, ErrKey
	}
	c := &Crypter{token: cfg.Token, appID: cfg.AppID, json: cfg.JSON, rand: cfg.Rand, block: block}
	copy(c.iv[:], key[:aes.BlockSize])
	return c, nil
}

func isBase64Char(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '+' || b == '/'
}

// Decrypt verifies msgSignature over timestamp, nonce and encrypt (the
// Encrypt text exactly as received) and returns the decrypted message.
func (c *Crypter) Decrypt(msgSignature, timestamp, nonce, encrypt string) ([]byte, error) {
	if c == nil {
		return nil, ErrKey
	}
	// One buffer serves the signed text and then the ciphertext, which is
	// shorter, and is decrypted in place: the message is its only
	// allocation.
	n := len(c.token) + len(timestamp) + len(nonce) + len(encrypt)
	buf := make([]byte, n)
	if !c.verify(buf, msgSignature, timestamp, nonce, encrypt) {
		return nil, ErrSignature
	}
	// The size cap comes after the signature, as every other check of
	// Encrypt does: a forgery is a forgery whatever its size.
	if len(encrypt) > maxBody {
		return nil, ErrDecrypt
	}
	ct, err := decodeBase64(buf, encrypt)
	if err != nil {
		return nil, err
	}
	// Past the ciphertext the buffer still holds the end of the signed
	// text, often the Token: the message must not keep it alive.
	clear(buf[len(ct):])
	msg, err := c.open(ct)
	if err != nil {
		clear(buf)
		return nil, err
	}
	return msg, nil
}

// verify reports whether sig is the lower-case hex SHA-1 of the sorted
// concatenation of the token and parts, using buf (of exactly that length)
// as scratch space.
func (c *Crypter) verify(buf []byte, sig string, parts ...string) bool {
	if len(sig) != sigLen {
		return false
	}
	var want, got [sigLen]byte
	copy(want[:], sig)
	sum := c.sign(buf, parts...)
	hex.Encode(got[:], sum[:])
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// sign returns sha1(concat(sort(token, parts...))), writing the
// concatenation into buf, which must have exactly its length.
func (c *Crypter) sign(buf []byte, parts ...string) [sha1.Size]byte {
	var items [4]string
	s := items[:0]
	s = append(s, c.token)
	s = append(s, parts...)
	// Insertion sort: three or four items, and no allocation.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	off := 0
	for _, p := range s {
		off += copy(buf[off:], p)
	}
	return sha1.Sum(buf[:off])
}

// decodeBase64 decodes s, strict padded base64, into dst, which has room
// for it, and returns the decoded bytes.
func decodeBase64(dst []byte, s string) ([]byte, error) {
	n, _, ok := strictb64.Decode(dst, s)
	if !ok {
		return nil, ErrBase64
	}
	return dst[:n], nil
}

// open decrypts ct in place and checks the padding, the frame and the
// appid, returning the message as a slice of ct.
func (c *Crypter) open(ct []byte) ([]byte, error) {
	if len(ct) == 0 || len(ct)%blockSize != 0 {
		return nil, ErrDecrypt
	}
	cbc.Decrypt(c.block, c.iv[:], ct)
	n, ok := cbc.Unpad(ct, blockSize)
	if ok != 1 {
		return nil, ErrDecrypt
	}
	frame := ct[:n]
	if len(frame) < frameHeader {
		return nil, ErrBuffer
	}
	msgLen := uint64(binary.BigEndian.Uint32(frame[16:20]))
	if msgLen > uint64(len(frame)-frameHeader) {
		return nil, ErrBuffer
	}
	end := frameHeader + int(msgLen)
	if subtle.ConstantTimeCompare(frame[end:], []byte(c.appID)) != 1 {
		return nil, ErrAppID
	}
	// Cut the capacity too, so the trailer cannot be reached through the
	// result.
	return frame[frameHeader:end:end], nil
}
