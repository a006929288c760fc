package vectors

import (
	"bytes"
	"fmt"
	"maps"
	"time"

	"github.com/wxcrypto/wxcrypto"
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
	policy, ok := casePolicy(c, "appid", time.Second)
	if !ok {
		return errPolicyRange
	}
	o, err := wxcrypto.NewOpener(policy)
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
