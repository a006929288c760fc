package vectors

import (
	"bytes"
	"fmt"
	"maps"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// opendataOperations is the whole open-data layer, through the Opener.
var opendataOperations = map[string]operation{
	"opendata.open": {
		fields: []field{
			{name: "sessionKey", kind: kindString},
			{name: "iv", kind: kindString},
			{name: "encryptedData", kind: kindString},
			{name: "appid", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
			{name: "plaintext", kind: kindString, validOnly: true},
		},
		// decrypt covers a plaintext that is not one JSON object: the
		// Opener gives it aescbc.ErrDecrypt.
		errors: openErrors(),
		check:  checkOpenDataOpen,
	},
}

func openErrors() map[string]func(error) bool {
	m := maps.Clone(decryptErrors)
	maps.Copy(m, watermarkErrors)
	return m
}

func checkOpenDataOpen(c *Case) error {
	now, maxAge, skew := c.Int("now"), c.Int("maxAge"), c.Int("skew")
	// A Policy holds a time.Time clock and time.Duration bounds; the files
	// this runner ships stay well inside.
	const clockRange, durationRange = 1 << 40, 1 << 32
	if now < -clockRange || now > clockRange || maxAge < 1 || maxAge > durationRange || skew < 0 || skew > durationRange {
		return fmt.Errorf("now, maxAge or skew outside what a watermark.Policy holds")
	}
	o, err := wxcrypto.NewOpener(watermark.Policy{
		AppID:  c.String("appid"),
		MaxAge: time.Duration(maxAge) * time.Second,
		Skew:   time.Duration(skew) * time.Second,
		Now:    func() time.Time { return time.Unix(now, 0) },
	})
	if err != nil {
		return fmt.Errorf("policy: %v", err)
	}
	got, _, err := o.Open(c.String("sessionKey"), c.String("encryptedData"), c.String("iv"))
	if err := validity(c, err); err != nil || !c.Valid {
		return err
	}
	if want := c.String("plaintext"); !bytes.Equal(got, []byte(want)) {
		return fmt.Errorf("plaintext %q, want %q", got, want)
	}
	return nil
}
