package fuzz

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/msgpush"
)

// The reference for message push (algorithms.md section 9), written from
// the specification with the standard library in the plainest way, apart
// from package msgpush.

// The push configuration of the targets that do not fuzz it: a key whose IV
// is not zero, and an appid of the usual length.
const (
	pushFuzzToken = "pushToken"
	pushFuzzKey   = "kWyTq0mY3v6pZJ4hGt8nB1sXcR7eLfA2oD9uKiP5wQj"
	pushFuzzAppID = "wx0123456789abcdef"
)

// pushClass names the class of an error of msgpush as the vector files do.
func pushClass(err error) string {
	for _, c := range []struct {
		word string
		err  error
	}{
		{"key", msgpush.ErrKey}, {"body", msgpush.ErrBody}, {"signature", msgpush.ErrSignature},
		{"base64", msgpush.ErrBase64}, {"decrypt", msgpush.ErrDecrypt}, {"buffer", msgpush.ErrBuffer},
		{"appid", msgpush.ErrAppID},
	} {
		if errors.Is(err, c.err) {
			return c.word
		}
	}
	if err == nil {
		return ""
	}
	return "unexpected: " + err.Error()
}

var (
	refPushKeyRE = regexp.MustCompile(`^[A-Za-z0-9+/]{43}$`)
	refBase64RE  = regexp.MustCompile(`^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`)
)

// refPushKey decodes an EncodingAESKey: 43 characters without padding,
// decoded by the raw (unpadded) non-strict decoder, which drops the two
// unused bits.
func refPushKey(key string) ([]byte, bool) {
	if !refPushKeyRE.MatchString(key) {
		return nil, false
	}
	k, err := base64.RawStdEncoding.DecodeString(key)
	return k, err == nil && len(k) == 32
}

func refPushSign(items ...string) string {
	s := append([]string{}, items...)
	sort.Strings(s)
	sum := sha1.Sum([]byte(strings.Join(s, "")))
	return hex.EncodeToString(sum[:])
}

// refPushSeal encrypts frame as it is, cut to whole 32-byte blocks, under
// key (or a fixed key when key is not one).
func refPushSeal(key string, frame []byte) string {
	k, ok := refPushKey(key)
	if !ok {
		k, _ = refPushKey(pushFuzzKey)
	}
	frame = append([]byte{}, frame[:len(frame)/32*32]...)
	block, _ := aes.NewCipher(k)
	cipher.NewCBCEncrypter(block, k[:16]).CryptBlocks(frame, frame)
	return base64.StdEncoding.EncodeToString(frame)
}

func refPushDecrypt(key, appID, token, timestamp, nonce, sig, encrypt string) ([]byte, string) {
	k, ok := refPushKey(key)
	if !ok || token == "" || appID == "" {
		return nil, "key"
	}
	if refPushSign(token, timestamp, nonce, encrypt) != sig {
		return nil, "signature"
	}
	ct, err := base64.StdEncoding.DecodeString(encrypt)
	if !refBase64RE.MatchString(encrypt) || err != nil || base64.StdEncoding.EncodeToString(ct) != encrypt {
		return nil, "base64"
	}
	if len(ct) == 0 || len(ct)%32 != 0 {
		return nil, "decrypt"
	}
	block, _ := aes.NewCipher(k)
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, k[:16]).CryptBlocks(plain, ct)
	p := int(plain[len(plain)-1])
	if p < 1 || p > 32 {
		return nil, "decrypt"
	}
	for _, b := range plain[len(plain)-p:] {
		if int(b) != p {
			return nil, "decrypt"
		}
	}
	plain = plain[:len(plain)-p]
	if len(plain) < 20 {
		return nil, "buffer"
	}
	n := int64(binary.BigEndian.Uint32(plain[16:20]))
	if n > int64(len(plain))-20 {
		return nil, "buffer"
	}
	if string(plain[20+n:]) != appID {
		return nil, "appid"
	}
	return plain[20 : 20+n], ""
}

func pushFrame(random []byte, n uint32, msg []byte, appID string) []byte {
	f := binary.BigEndian.AppendUint32(append([]byte{}, random...), n)
	return append(append(f, msg...), appID...)
}

func pushPad(b []byte, p int) []byte { return append(b, bytes.Repeat([]byte{byte(p)}, p)...) }

// refPushJSON reads the Encrypt member of a JSON body with encoding/json's
// tokenizer.
func refPushJSON(body []byte) (string, bool) {
	if !utf8.Valid(body) || !json.Valid(body) {
		return "", false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return "", false
	}
	var enc string
	found := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		name := tok.(string)
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return "", false
		}
		if !strings.EqualFold(name, "Encrypt") {
			continue
		}
		found++
		if name != "Encrypt" || v[0] != '"' || json.Unmarshal(v, &enc) != nil {
			return "", false
		}
	}
	return enc, found == 1
}

// refPushXML reads the Encrypt children of the root with encoding/xml's
// Decode: ok when the document has no DOCTYPE, nothing but comments and
// white space after the root, and exactly one Encrypt child without a
// namespace, which holds no element.
func refPushXML(body []byte) (string, bool) {
	if bytes.Contains(body, []byte("<!DOCTYPE")) {
		return "", false
	}
	var doc struct {
		Encrypt []struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
			Inner   string `xml:",innerxml"`
		} `xml:"Encrypt"`
	}
	for d := xml.NewDecoder(bytes.NewReader(body)); ; {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			for i := range se.Attr {
				for j := range i {
					if se.Attr[i].Name == se.Attr[j].Name {
						return "", false
					}
				}
			}
		}
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	if d.Decode(&doc) != nil {
		return "", false
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		switch t := tok.(type) {
		case xml.Comment:
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return "", false
			}
		default:
			return "", false
		}
		if err != nil {
			return "", false
		}
	}
	var found []string
	for _, e := range doc.Encrypt {
		if e.XMLName.Space != "" {
			continue
		}
		inner := refCDATA.ReplaceAllString(e.Inner, "")
		if strings.Contains(inner, "<") && !strings.HasPrefix(strings.TrimSpace(inner), "<!--") {
			return "", false
		}
		found = append(found, e.Text)
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

var refCDATA = regexp.MustCompile(`(?s)<!\[CDATA\[.*?\]\]>|<!--.*?-->`)

// refPushVector judges a msgpush vector case with the reference.
func refPushVector(c *vectorCase) bool {
	want, _ := c.Bytes("message")
	judge := func(msg []byte, class string) bool {
		if c.Valid {
			return class == "" && bytes.Equal(msg, want)
		}
		return class != "" && (c.Str("error") == "" || c.Str("error") == class)
	}
	key, appID, token, ts, nonce := c.Str("encodingAESKey"), c.Str("appid"), c.Str("token"), c.Str("timestamp"), c.Str("nonce")
	switch c.Operation {
	case "msgpush.decrypt":
		return judge(refPushDecrypt(key, appID, token, ts, nonce, c.Str("msgSignature"), c.Str("encrypt")))
	case "msgpush.body":
		if _, ok := refPushKey(key); !ok {
			return judge(nil, "key")
		}
		enc, ok := refPushXML([]byte(c.Str("body")))
		switch c.Str("format") {
		case "json":
			enc, ok = refPushJSON([]byte(c.Str("body")))
		case "xml":
		default:
			ok = false
		}
		if !ok {
			return judge(nil, "body")
		}
		return judge(refPushDecrypt(key, appID, token, ts, nonce, c.Str("msgSignature"), enc))
	case "msgpush.encrypt":
		random, _ := hex.DecodeString(c.Str("randomHex"))
		frame := pushFrame(random, uint32(len(want)), want, appID)
		enc := refPushSeal(key, pushPad(frame, 32-len(frame)%32))
		msg, class := refPushDecrypt(key, appID, token, ts, nonce, c.Str("msgSignature"), enc)
		return len(random) == 16 && enc == c.Str("encrypt") && refPushSign(token, ts, nonce, enc) == c.Str("msgSignature") && judge(msg, class)
	case "msgpush.urlsig":
		return (refPushSign(token, ts, nonce) == c.Str("signature")) == c.Valid
	}
	return false
}
