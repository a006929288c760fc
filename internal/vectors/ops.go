package vectors

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// operations maps each operation name of the format to its fields and its
// check. Adding an operation is one entry here and one check function.
var operations = map[string]operation{
	"opendata.decrypt": {
		fields: []field{
			{name: "sessionKey", kind: kindString},
			{name: "iv", kind: kindString},
			{name: "encryptedData", kind: kindString},
			{name: "plaintext", kind: kindBytes, validOnly: true},
		},
		check: checkOpenDataDecrypt,
	},
	"opendata.watermark": {
		fields: []field{
			{name: "plaintext", kind: kindString},
			{name: "appid", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
		},
		check: checkOpenDataWatermark,
	},
}

// errAccepted reports an invalid case that the library accepted.
var errAccepted = errors.New("invalid case accepted")

func checkOpenDataDecrypt(c *Case) error {
	key, iv, data := c.String("sessionKey"), c.String("iv"), c.String("encryptedData")
	got, err := aescbc.Decrypt(key, iv, data)
	if !c.Valid {
		if err == nil {
			return errAccepted
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("decrypt: %v", err)
	}
	want, _ := c.Bytes("plaintext")
	if !bytes.Equal(got, want) {
		return fmt.Errorf("decrypt: got %d bytes %q, want %d bytes %q", len(got), got, len(want), want)
	}
	back, err := aescbc.Encrypt(key, iv, want)
	if err != nil {
		return fmt.Errorf("encrypt: %v", err)
	}
	if back != data {
		return fmt.Errorf("encrypt: got %s, want %s", back, data)
	}
	return nil
}

func checkOpenDataWatermark(c *Case) error {
	now := time.Unix(c.Int("now"), 0)
	p := watermark.Policy{
		AppID:  c.String("appid"),
		MaxAge: seconds(c.Int("maxAge")),
		Skew:   seconds(c.Int("skew")),
		Now:    func() time.Time { return now },
	}
	_, err := p.Verify([]byte(c.String("plaintext")))
	return validity(c, err)
}

// validity turns the library's answer into the case's verdict, for
// operations whose only output is accept or reject.
func validity(c *Case, err error) error {
	switch {
	case c.Valid && err != nil:
		return fmt.Errorf("valid case rejected: %v", err)
	case !c.Valid && err == nil:
		return errAccepted
	}
	return nil
}

// seconds converts a count of seconds to a Duration, saturating where the
// Duration would overflow (about 292 years).
func seconds(n int64) time.Duration {
	const limit = math.MaxInt64 / int64(time.Second)
	switch {
	case n > limit:
		return math.MaxInt64
	case n < -limit:
		return math.MinInt64
	}
	return time.Duration(n) * time.Second
}
