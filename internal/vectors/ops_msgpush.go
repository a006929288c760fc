package vectors

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"

	"github.com/wxcrypto/wxcrypto/msgpush"
)

// msgpushOperations are the message-push (safe mode) operations.
var msgpushOperations = map[string]operation{
	"msgpush.decrypt": {
		fields: append(pushConfigFields(),
			field{name: "msgSignature", kind: kindString},
			field{name: "encrypt", kind: kindString},
			field{name: "message", kind: kindBytes, validOnly: true},
		),
		errors: msgpushDecryptErrors,
		check: func(c *Case) error {
			return checkPushMessage(c, false, func(p *msgpush.Crypter) ([]byte, error) {
				return p.Decrypt(c.String("msgSignature"), c.String("timestamp"), c.String("nonce"), c.String("encrypt"))
			})
		},
	},
	"msgpush.body": {
		fields: append(pushConfigFields(),
			field{name: "format", kind: kindString},
			field{name: "body", kind: kindString},
			field{name: "msgSignature", kind: kindString},
			field{name: "message", kind: kindBytes, validOnly: true},
		),
		errors: msgpushBodyErrors,
		check:  checkPushBody,
	},
	"msgpush.encrypt": {
		fields: append(pushConfigFields(),
			field{name: "randomHex", kind: kindString},
			field{name: "message", kind: kindBytes},
			field{name: "encrypt", kind: kindString},
			field{name: "msgSignature", kind: kindString},
		),
		check: checkPushEncrypt,
	},
	"msgpush.urlsig": {
		fields: []field{
			{name: "token", kind: kindString},
			{name: "timestamp", kind: kindString},
			{name: "nonce", kind: kindString},
			{name: "signature", kind: kindString},
			{name: "echostr", kind: kindString, optional: true},
		},
		check: checkPushURL,
	},
}

func pushConfigFields() []field {
	return []field{
		{name: "token", kind: kindString},
		{name: "encodingAESKey", kind: kindString},
		{name: "appid", kind: kindString},
		{name: "timestamp", kind: kindString},
		{name: "nonce", kind: kindString},
	}
}

// msgpushDecryptErrors are the error words of msgpush.decrypt, and
// msgpushBodyErrors those of msgpush.body: the same and "body".
var msgpushDecryptErrors = map[string]func(error) bool{
	"key":       isAny(msgpush.ErrKey),
	"signature": isAny(msgpush.ErrSignature),
	"base64":    isAny(msgpush.ErrBase64),
	"decrypt":   isAny(msgpush.ErrDecrypt),
	"buffer":    isAny(msgpush.ErrBuffer),
	"appid":     isAny(msgpush.ErrAppID),
}

var msgpushBodyErrors = map[string]func(error) bool{
	"key":       isAny(msgpush.ErrKey),
	"body":      isAny(msgpush.ErrBody),
	"signature": isAny(msgpush.ErrSignature),
	"base64":    isAny(msgpush.ErrBase64),
	"decrypt":   isAny(msgpush.ErrDecrypt),
	"buffer":    isAny(msgpush.ErrBuffer),
	"appid":     isAny(msgpush.ErrAppID),
}

func pushCrypter(c *Case, json bool) (*msgpush.Crypter, error) {
	return msgpush.New(msgpush.Config{
		Token:          c.String("token"),
		EncodingAESKey: c.String("encodingAESKey"),
		AppID:          c.String("appid"),
		JSON:           json,
	})
}

// checkPushMessage judges a case whose output is a decrypted message.
func checkPushMessage(c *Case, json bool, open func(*msgpush.Crypter) ([]byte, error)) error {
	p, err := pushCrypter(c, json)
	var got []byte
	if err == nil {
		got, err = open(p)
	}
	if !c.Valid {
		return validity(c, err)
	}
	if err != nil {
		return fmt.Errorf("valid case rejected: %v", err)
	}
	if want, _ := c.Bytes("message"); !bytes.Equal(got, want) {
		return fmt.Errorf("got %d bytes %q, want %d bytes %q", len(got), got, len(want), want)
	}
	return nil
}

func checkPushBody(c *Case) error {
	var isJSON bool
	switch c.String("format") {
	case "json":
		isJSON = true
	case "xml":
	default:
		return fmt.Errorf("format %q, want \"xml\" or \"json\"", c.String("format"))
	}
	q := url.Values{
		"msg_signature": {c.String("msgSignature")},
		"timestamp":     {c.String("timestamp")},
		"nonce":         {c.String("nonce")},
	}
	return checkPushMessage(c, isJSON, func(p *msgpush.Crypter) ([]byte, error) {
		return p.Open(q, []byte(c.String("body")))
	})
}

// checkPushEncrypt seals the message with the case's random in both
// formats: each reply must carry exactly the case's Encrypt and
// MsgSignature, and must open again as a push. The format has only valid
// cases; an invalid one passes when the reply differs.
func checkPushEncrypt(c *Case) error {
	err := sealPushCase(c)
	if !c.Valid && err == nil {
		return errAccepted
	}
	if !c.Valid {
		return nil
	}
	return err
}

func sealPushCase(c *Case) error {
	random, err := hex.DecodeString(c.String("randomHex"))
	if err != nil || len(random) != 16 {
		return fmt.Errorf("randomHex is not 16 bytes of hex")
	}
	ts, err := strconv.ParseInt(c.String("timestamp"), 10, 64)
	if err != nil || strconv.FormatInt(ts, 10) != c.String("timestamp") {
		return fmt.Errorf("timestamp %q is not a canonical decimal integer", c.String("timestamp"))
	}
	msg, _ := c.Bytes("message")
	nonce, wantEnc, wantSig := c.String("nonce"), c.String("encrypt"), c.String("msgSignature")
	for _, isJSON := range []bool{true, false} {
		p, err := msgpush.New(msgpush.Config{
			Token:          c.String("token"),
			EncodingAESKey: c.String("encodingAESKey"),
			AppID:          c.String("appid"),
			JSON:           isJSON,
			Rand:           bytes.NewReader(random),
		})
		if err != nil {
			return fmt.Errorf("config: %v", err)
		}
		reply, err := p.Seal(msg, ts, nonce)
		if err != nil {
			return fmt.Errorf("seal: %v", err)
		}
		enc, sig, err := replyFields(reply, isJSON)
		if err != nil {
			return err
		}
		if enc != wantEnc || sig != wantSig {
			return fmt.Errorf("reply (json %v) has Encrypt %s and MsgSignature %s, want %s and %s", isJSON, enc, sig, wantEnc, wantSig)
		}
		q := url.Values{"msg_signature": {sig}, "timestamp": {c.String("timestamp")}, "nonce": {nonce}}
		back, err := p.Open(q, reply)
		if err != nil {
			return fmt.Errorf("reply does not open: %v", err)
		}
		if !bytes.Equal(back, msg) {
			return fmt.Errorf("reply opens to %q, want %q", back, msg)
		}
	}
	return nil
}

// replyFields reads Encrypt and MsgSignature from a reply body with the
// standard library's decoders, independently of the package's reader.
func replyFields(reply []byte, isJSON bool) (enc, sig string, err error) {
	var r struct {
		Encrypt      string
		MsgSignature string
		TimeStamp    json.Number
		Nonce        string
	}
	if isJSON {
		err = json.Unmarshal(reply, &r)
	} else {
		err = xmlUnmarshal(reply, &r)
	}
	if err != nil {
		return "", "", fmt.Errorf("reply is not well-formed: %v", err)
	}
	return r.Encrypt, r.MsgSignature, nil
}

func checkPushURL(c *Case) error {
	p, err := msgpush.New(msgpush.Config{Token: c.String("token"), EncodingAESKey: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", AppID: "wx"})
	if err != nil {
		return fmt.Errorf("config: %v", err)
	}
	q := url.Values{
		"signature": {c.String("signature")},
		"timestamp": {c.String("timestamp")},
		"nonce":     {c.String("nonce")},
		"echostr":   {c.String("echostr")},
	}
	echo, err := p.VerifyURL(q)
	if err := validity(c, err); err != nil || !c.Valid {
		return err
	}
	if echo != c.String("echostr") {
		return fmt.Errorf("answered %q, want echostr %q unchanged", echo, c.String("echostr"))
	}
	return nil
}

func xmlUnmarshal(data []byte, v any) error { return xml.Unmarshal(data, v) }
