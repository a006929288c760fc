package vectors

import (
	"fmt"

	"github.com/wxcrypto/wxcrypto/msghash"
	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// signatureOperations are the signature and hash operations (sessionsig,
// msghash). They have no error words: an invalid case is one that must not
// verify, for whatever reason.
var signatureOperations = map[string]operation{
	"opendata.rawsig": {
		fields: []field{
			{name: "rawData", kind: kindString},
			{name: "sessionKey", kind: kindString},
			{name: "signature", kind: kindString},
		},
		check: func(c *Case) error {
			// Verification accepts only the lower-case hex it computes, so
			// a valid case that verifies is exactly what the library computes.
			return validity(c, sessionsig.VerifyRawData(c.String("sessionKey"), c.String("rawData"), c.String("signature")))
		},
	},
	"sessionsig": {
		fields: []field{
			{name: "sessionKey", kind: kindString},
			{name: "body", kind: kindString},
			{name: "signature", kind: kindString},
		},
		check: func(c *Case) error {
			key, body := c.String("sessionKey"), []byte(c.String("body"))
			return checkSignature(c, sessionsig.Verify(key, body, c.String("signature")),
				func() (string, error) { return sessionsig.Sign(key, body) })
		},
	},
	"paysig": {
		fields: []field{
			{name: "appKey", kind: kindString},
			{name: "uri", kind: kindString},
			{name: "body", kind: kindString},
			{name: "signature", kind: kindString},
		},
		check: func(c *Case) error {
			key, uri, body := c.String("appKey"), c.String("uri"), []byte(c.String("body"))
			return checkSignature(c, sessionsig.VerifyPay(key, uri, body, c.String("signature")),
				func() (string, error) { return sessionsig.SignPay(key, uri, body) })
		},
	},
	"payeventsig": {
		fields: []field{
			{name: "appKey", kind: kindString},
			{name: "event", kind: kindString},
			{name: "payload", kind: kindString},
			{name: "signature", kind: kindString},
		},
		check: func(c *Case) error {
			key, event, payload := c.String("appKey"), c.String("event"), c.String("payload")
			return checkSignature(c, sessionsig.VerifyPayEvent(key, event, payload, c.String("signature")),
				func() (string, error) { return sessionsig.SignPayEvent(key, event, payload) })
		},
	},
	"msghash": {
		fields: []field{
			{name: "encryptedData", kind: kindString},
			{name: "hash", kind: kindString},
		},
		check: func(c *Case) error {
			got := msghash.Hash(c.String("encryptedData"))
			if c.Valid && got != c.String("hash") {
				return fmt.Errorf("hash %s, want %s", got, c.String("hash"))
			}
			if !c.Valid && got == c.String("hash") {
				return errAccepted
			}
			return nil
		},
	}}

// checkSignature judges a signature case: a valid one must verify and be
// exactly what the library computes; an invalid one must fail verification.
func checkSignature(c *Case, verifyErr error, sign func() (string, error)) error {
	if err := validity(c, verifyErr); err != nil || !c.Valid {
		return err
	}
	got, err := sign()
	if err != nil {
		return fmt.Errorf("sign: %v", err)
	}
	if want := c.String("signature"); got != want {
		return fmt.Errorf("computed %s, want %s", got, want)
	}
	return nil
}
