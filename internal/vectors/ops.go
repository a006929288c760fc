package vectors

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/wmjson"
	"github.com/wxcrypto/wxcrypto/internal/wmtime"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// operationSets are the operation tables, one per area of the library. An
// operation name appears in exactly one of them (TestOperationNamesUnique).
// Adding an area is one table in a file of its own and one entry here.
var operationSets = []map[string]operation{
	baseOperations,
	opendataOperations,
	msgpushOperations,
	answerOperations,
	cloudOperations,
	signatureOperations,
}

// lookup finds an operation by name.
func lookup(name string) (operation, bool) {
	for _, set := range operationSets {
		if op, ok := set[name]; ok {
			return op, true
		}
	}
	return operation{}, false
}

// baseOperations are the open-data and XXTEA operations.
var baseOperations = map[string]operation{
	"opendata.decrypt": {
		fields: []field{
			{name: "sessionKey", kind: kindString},
			{name: "iv", kind: kindString},
			{name: "encryptedData", kind: kindString},
			{name: "plaintext", kind: kindBytes, validOnly: true},
		},
		errors: decryptErrors,
		check:  checkOpenDataDecrypt,
	},
	"opendata.watermark": {
		fields: []field{
			{name: "plaintext", kind: kindString},
			{name: "appid", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
		},
		errors: watermarkErrors,
		check:  checkOpenDataWatermark,
	},
	"xxtea.decrypt": {
		fields: []field{
			{name: "key", kind: kindBytes},
			{name: "ciphertext", kind: kindString},
			{name: "plaintext", kind: kindBytes, validOnly: true},
		},
		errors: xxteaErrors,
		check:  checkXXTEADecrypt,
	},
}

// decryptErrors are the error words of opendata.decrypt.
var decryptErrors = map[string]func(error) bool{
	"base64":  isAny(aescbc.ErrBase64),
	"key":     isAny(aescbc.ErrKeySize),
	"iv":      isAny(aescbc.ErrIVSize),
	"size":    isAny(aescbc.ErrCiphertextSize),
	"decrypt": isAny(aescbc.ErrDecrypt),
}

// watermarkErrors are the error words of opendata.watermark.
var watermarkErrors = map[string]func(error) bool{
	"watermark": isAny(watermark.ErrMalformed),
	"appid":     isAny(watermark.ErrAppID),
	"expired":   isAny(watermark.ErrTooOld),
	"future":    isAny(watermark.ErrFuture),
}

// isAny returns a class test: err matches one of targets (errors.Is).
func isAny(targets ...error) func(error) bool {
	return func(err error) bool {
		for _, t := range targets {
			if errors.Is(err, t) {
				return true
			}
		}
		return false
	}
}

// errAccepted reports an invalid case that the library accepted.
var errAccepted = errors.New("invalid case accepted")

func checkOpenDataDecrypt(c *Case) error {
	key, iv, data := c.String("sessionKey"), c.String("iv"), c.String("encryptedData")
	return checkDecryption(c,
		func() ([]byte, error) { return aescbc.Decrypt(key, data, iv) },
		func(plaintext []byte) (bool, string, error) {
			back, err := aescbc.Encrypt(key, iv, plaintext)
			return back == data, back, err
		})
}

func checkXXTEADecrypt(c *Case) error {
	key, _ := c.Bytes("key")
	ciphertext := c.String("ciphertext")
	return checkDecryption(c,
		func() ([]byte, error) { return xxtea.DecryptHex(string(key), ciphertext) },
		func(plaintext []byte) (bool, string, error) {
			back, err := xxtea.EncryptHex(string(key), plaintext)
			// The same bytes: hex case is not significant.
			return strings.EqualFold(back, ciphertext), back, err
		})
}

// checkDecryption judges a decryption case: an invalid one must fail to
// decrypt; a valid one must decrypt to exactly the plaintext, which must
// encrypt back to the case's ciphertext (reencrypt reports whether it did,
// and what it gave).
func checkDecryption(c *Case, decrypt func() ([]byte, error), reencrypt func([]byte) (bool, string, error)) error {
	got, err := decrypt()
	if !c.Valid {
		return validity(c, err)
	}
	if err != nil {
		return fmt.Errorf("decrypt: %v", err)
	}
	want, _ := c.Bytes("plaintext")
	if !bytes.Equal(got, want) {
		return fmt.Errorf("decrypt: got %d bytes %q, want %d bytes %q", len(got), got, len(want), want)
	}
	same, back, err := reencrypt(want)
	if err != nil {
		return fmt.Errorf("encrypt: %v", err)
	}
	if !same {
		return fmt.Errorf("encrypt: got %s, want the case's ciphertext", back)
	}
	return nil
}

func checkOpenDataWatermark(c *Case) error {
	appID, plaintext := c.String("appid"), []byte(c.String("plaintext"))
	now, maxAge, skew := c.Int("now"), c.Int("maxAge"), c.Int("skew")

	// The format's integers go beyond what a Policy's clock and durations
	// hold (and it allows an empty appid and a zero maxAge), so the verdict
	// comes from the steps a Policy takes: the strict scanner, the appid
	// comparison and the exact integer rule...
	var sentinel, err error
	gotAppID, ts, serr := wmjson.Scan(plaintext)
	switch {
	case serr != nil:
		sentinel = watermark.ErrMalformed
		err = fmt.Errorf("%w (%v)", sentinel, serr)
	case gotAppID != appID:
		sentinel = watermark.ErrAppID
	default:
		switch wmtime.Window(ts, now, maxAge, skew) {
		case wmtime.TooOld:
			sentinel = watermark.ErrTooOld
		case wmtime.Future:
			sentinel = watermark.ErrFuture
		}
	}
	if err == nil {
		err = sentinel
	}
	// ...and where the values fit, a Policy must reach the same verdict,
	// with the same class.
	if p, ok := casePolicy(c, "appid", time.Second); ok {
		if _, perr := p.Verify(plaintext); (perr == nil) != (err == nil) || (err != nil && !errors.Is(perr, sentinel)) {
			return fmt.Errorf("Policy.Verify says %v, the rule says %v", perr, err)
		}
	}
	return validity(c, err)
}

// validity turns the library's answer into the case's verdict, for
// operations whose only output is accept or reject. An invalid case with an
// error word must fail with an error of that class, by the operation's own
// test: the words are defined per operation (spec/vectors.md), and some
// operations name a class more finely or more broadly than the command
// line's one-word summary (errclass) does.
func validity(c *Case, err error) error {
	switch {
	case c.Valid && err != nil:
		return fmt.Errorf("valid case rejected: %v", err)
	case !c.Valid && err == nil:
		return errAccepted
	case !c.Valid && c.Error != "" && !c.class(err):
		return fmt.Errorf("rejected with %v, want error class %q", err, c.Error)
	}
	return nil
}

// casePolicy is the watermark.Policy that a case's appid (field appIDField),
// now, maxAge and skew describe, counted in unit. ok is false where they do
// not fit one: a Policy needs an appid and a positive maxAge, and holds a
// time.Time clock and time.Duration bounds (the shipped files stay well
// inside; opendata.watermark checks the exact rule for any int64 without a
// Policy).
func casePolicy(c *Case, appIDField string, unit time.Duration) (p watermark.Policy, ok bool) {
	appID, now, maxAge, skew := c.String(appIDField), c.Int("now"), c.Int("maxAge"), c.Int("skew")
	perSecond := int64(time.Second / unit)
	clockRange, durationRange := (int64(1)<<40)*perSecond, (int64(1)<<32)*perSecond
	if appID == "" || now < -clockRange || now > clockRange || maxAge < 1 || maxAge > durationRange || skew < 0 || skew > durationRange {
		return watermark.Policy{}, false
	}
	return watermark.Policy{
		AppID:  appID,
		MaxAge: time.Duration(maxAge) * unit,
		Skew:   time.Duration(skew) * unit,
		Now:    func() time.Time { return time.Unix(now/perSecond, now%perSecond*int64(unit)) },
	}, true
}

// errPolicyRange is a case whose window a watermark.Policy cannot hold.
var errPolicyRange = errors.New("appid, now, maxAge or skew outside what a watermark.Policy holds")
