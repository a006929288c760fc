package msgpush

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"strconv"
)

// VerifyURL answers the platform's URL check, a GET whose query carries
// signature, timestamp, nonce and echostr, each exactly once. It checks the
// 3-item signature (echostr is not signed) and returns echostr, which is the
// whole answer, unchanged.
func (c *Crypter) VerifyURL(query url.Values) (string, error) {
	if c == nil {
		return "", ErrKey
	}
	sig, ok1 := one(query, "signature")
	ts, ok2 := one(query, "timestamp")
	nonce, ok3 := one(query, "nonce")
	echo, ok4 := one(query, "echostr")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return "", errQuery
	}
	if len(ts)+len(nonce) > maxBody {
		return "", ErrSignature
	}
	buf := make([]byte, len(c.token)+len(ts)+len(nonce))
	if !c.verify(buf, sig, ts, nonce) {
		return "", ErrSignature
	}
	return echo, nil
}

var errQuery = fmt.Errorf("%w (a query parameter is missing or repeated)", ErrSignature)

// one returns the only value of name in q.
func one(q url.Values, name string) (string, bool) {
	v := q[name]
	if len(v) != 1 {
		return "", false
	}
	return v[0], true
}

// Open verifies and decrypts a push: query is the POST's query, which must
// carry msg_signature, timestamp and nonce exactly once each, and body is the
// request body, in the configured format. It returns the decrypted message,
// XML or JSON as the body was.
//
// The query's signature parameter is not checked: it does not cover the
// body. Bodies over 1 MiB are refused with ErrBody; reading the request
// through http.MaxBytesReader with that limit avoids holding more.
func (c *Crypter) Open(query url.Values, body []byte) ([]byte, error) {
	if c == nil {
		return nil, ErrKey
	}
	encrypt, err := c.encryptField(body)
	if err != nil {
		return nil, err
	}
	sig, ok1 := one(query, "msg_signature")
	ts, ok2 := one(query, "timestamp")
	nonce, ok3 := one(query, "nonce")
	if !ok1 || !ok2 || !ok3 {
		return nil, errQuery
	}
	return c.Decrypt(sig, ts, nonce, encrypt)
}

func (c *Crypter) encryptField(body []byte) (string, error) {
	if len(body) > maxBody {
		return "", fmt.Errorf("%w: larger than 1 MiB", ErrBody)
	}
	if c.json {
		return jsonEncrypt(body)
	}
	return xmlEncrypt(body)
}

// Seal encrypts a reply message and returns the reply body in the
// configured format: Encrypt, MsgSignature, TimeStamp and Nonce, signed over
// the token, timestamp, nonce and Encrypt. The message is framed with 16
// bytes from Config.Rand and the configured appid. Replies that need no
// answer can be the plain text "success" instead.
//
// The nonce must be 1 to 128 printable ASCII characters (the push's own
// nonce is the usual choice); messages are at most 512 KiB.
func (c *Crypter) Seal(msg []byte, timestamp int64, nonce string) ([]byte, error) {
	if c == nil {
		return nil, ErrKey
	}
	if len(msg) > maxMessage {
		return nil, fmt.Errorf("%w: reply message larger than 512 KiB", ErrBuffer)
	}
	if !printable(nonce) {
		return nil, fmt.Errorf("%w: reply nonce is not 1 to 128 printable ASCII characters", ErrBody)
	}
	frameLen := frameHeader + len(msg) + len(c.appID)
	padded := frameLen + blockSize - frameLen%blockSize
	frame := make([]byte, padded)
	r := c.rand
	if r == nil {
		r = rand.Reader
	}
	if _, err := io.ReadFull(r, frame[:16]); err != nil {
		return nil, errRandom{err}
	}
	binary.BigEndian.PutUint32(frame[16:20], uint32(len(msg)))
	copy(frame[frameHeader:], msg)
	copy(frame[frameHeader+len(msg):], c.appID)
	for i := frameLen; i < padded; i++ {
		frame[i] = byte(padded - frameLen)
	}
	cipher.NewCBCEncrypter(c.block, c.iv[:]).CryptBlocks(frame, frame)
	encrypt := base64.StdEncoding.EncodeToString(frame)

	ts := strconv.FormatInt(timestamp, 10)
	sum := c.sign(make([]byte, len(c.token)+len(ts)+len(nonce)+len(encrypt)), ts, nonce, encrypt)
	sig := hex.EncodeToString(sum[:])
	// No field needs escaping: base64, hex, digits, and a nonce of
	// printable ASCII, quoted below for JSON; for XML a nonce with "]]>" is
	// split across two CDATA sections.
	if c.json {
		out := make([]byte, 0, len(encrypt)+len(nonce)+128)
		out = append(out, `{"Encrypt":"`...)
		out = append(out, encrypt...)
		out = append(out, `","MsgSignature":"`...)
		out = append(out, sig...)
		out = append(out, `","TimeStamp":`...)
		out = append(out, ts...)
		out = append(out, `,"Nonce":`...)
		out = appendJSONString(out, nonce)
		return append(out, '}'), nil
	}
	out := make([]byte, 0, len(encrypt)+2*len(nonce)+192)
	out = append(out, "<xml><Encrypt><![CDATA["...)
	out = append(out, encrypt...)
	out = append(out, "]]></Encrypt><MsgSignature><![CDATA["...)
	out = append(out, sig...)
	out = append(out, "]]></MsgSignature><TimeStamp>"...)
	out = append(out, ts...)
	out = append(out, "</TimeStamp><Nonce>"...)
	out = appendCDATA(out, nonce)
	return append(out, "</Nonce></xml>"...), nil
}

func printable(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// appendJSONString appends s, printable ASCII, as a JSON string.
func appendJSONString(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return append(out, '"')
}

// appendCDATA appends s as CDATA, splitting it where it holds "]]>".
func appendCDATA(out []byte, s string) []byte {
	out = append(out, "<![CDATA["...)
	for i := 0; i < len(s); i++ {
		if i+3 <= len(s) && s[i:i+3] == "]]>" {
			out = append(out, "]]]]><![CDATA[>"...)
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return append(out, "]]>"...)
}
