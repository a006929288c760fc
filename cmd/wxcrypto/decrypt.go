package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// payloadTypes are the -type values of decrypt.
var payloadTypes = []string{"raw", "userinfo", "phone", "werun", "share"}

// checkPayloadType is the usage error of a -type outside payloadTypes.
func checkPayloadType(typ string) error {
	if slices.Contains(payloadTypes, typ) {
		return nil
	}
	return fmt.Errorf("unknown -type %q (want one of %s)", typ, strings.Join(payloadTypes, ", "))
}

func runDecrypt(e *env, args []string) int {
	fs := newFlagSet(e, "decrypt", `decrypt [flags]

Decrypts WeChat open data, verifies its watermark, and prints the result as
JSON. Each value can come from its flag, from its environment variable, or
from standard input when the flag (or variable) is "-". A request body
captured from a client can be given whole with -body.

On failure prints the error, its class and the official demos' code, and
exits with status 1.`)
	appID := fs.String("appid", "", "your mini-program's `appid` (env WXCRYPTO_APPID)")
	sessionKey := fs.String("session-key", "", "base64 session_key (env WXCRYPTO_SESSION_KEY)")
	iv := fs.String("iv", "", "base64 iv (env WXCRYPTO_IV)")
	data := fs.String("data", "", "base64 encryptedData (env WXCRYPTO_ENCRYPTED_DATA)")
	body := fs.String("body", "", "`file` (or - for standard input) holding a JSON object with encryptedData, iv and optionally sessionKey, as a client posts it")
	typ := fs.String("type", "raw", "payload `type`: "+strings.Join(payloadTypes, ", "))
	pf := addPolicyFlags(fs)
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	if err := checkPayloadType(*typ); err != nil {
		return e.usageError(err)
	}
	in, err := decryptInputs(e, *appID, *sessionKey, *iv, *data, *body)
	if err != nil {
		return e.usageError(err)
	}
	policy := pf.policy(in.appID)
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return e.usageError(err)
	}
	result, w, err := openAs(*typ, encryptedSource(o, in))
	if err != nil {
		return e.fail(err)
	}
	return e.done(verifiedResult{
		Type:      *typ,
		Verified:  append([]string{decryptionCheck}, checks(policy, w)...),
		Watermark: watermarkJSON(w),
		Data:      result,
	}, nil)
}

// verifiedResult is what decrypt prints, and cloud for each replaced field.
type verifiedResult struct {
	Type      string         `json:"type"`
	Verified  []string       `json:"verified"`
	Watermark map[string]any `json:"watermark"`
	Data      any            `json:"data"`
}

func watermarkJSON(w watermark.Watermark) map[string]any {
	return map[string]any{"appid": w.AppID, "timestamp": w.Timestamp, "time": w.Time().UTC().Format(time.RFC3339)}
}

// policyFlags are the watermark-policy flags shared by decrypt and cloud.
type policyFlags struct {
	maxAge, skew time.Duration
	noFresh      bool
	now          timeFlag
}

func addPolicyFlags(fs *flag.FlagSet) *policyFlags {
	pf := &policyFlags{now: timeFlag{unit: time.Second}}
	fs.DurationVar(&pf.maxAge, "max-age", watermark.DefaultMaxAge, "oldest watermark accepted")
	fs.DurationVar(&pf.skew, "skew", watermark.DefaultSkew, "how far in the future a watermark may be")
	fs.BoolVar(&pf.noFresh, "no-freshness", false, "do not check the watermark's timestamp (the appid is still checked)")
	fs.Var(&pf.now, "now", "check freshness against this `time` (unix seconds, or RFC 3339 such as 2019-05-25T12:26:00Z) instead of the clock, to replay an old payload")
	return pf
}

// policy returns the policy for appID. Its clock is read once, here: the
// library checks against that instant and checks reports the same one.
func (pf *policyFlags) policy(appID string) watermark.Policy {
	now := pf.now.clock()
	return watermark.Policy{AppID: appID, MaxAge: pf.maxAge, Skew: pf.skew, SkipFreshness: pf.noFresh,
		Now: func() time.Time { return now }}
}

// payloadSource opens one payload as each of the -type values.
type payloadSource struct {
	raw   func() ([]byte, watermark.Watermark, error)
	user  func() (wxcrypto.UserInfo, error)
	phone func() (wxcrypto.PhoneNumber, error)
	werun func() (wxcrypto.WeRunData, error)
	share func() (wxcrypto.ShareInfo, error)
}

// encryptedSource opens the encrypted open data of in with o: the one place
// the command line calls the Opener's open-data methods.
func encryptedSource(o *wxcrypto.Opener, in inputs) payloadSource {
	return payloadSource{
		raw:   func() ([]byte, watermark.Watermark, error) { return o.Open(in.sessionKey, in.data, in.iv) },
		user:  func() (wxcrypto.UserInfo, error) { return o.OpenUserInfo(in.sessionKey, in.data, in.iv) },
		phone: func() (wxcrypto.PhoneNumber, error) { return o.OpenPhoneNumber(in.sessionKey, in.data, in.iv) },
		werun: func() (wxcrypto.WeRunData, error) { return o.OpenWeRunData(in.sessionKey, in.data, in.iv) },
		share: func() (wxcrypto.ShareInfo, error) { return o.OpenShareInfo(in.sessionKey, in.data, in.iv) },
	}
}

// openAs opens src as typ, one of payloadTypes.
func openAs(typ string, src payloadSource) (any, watermark.Watermark, error) {
	switch typ {
	case "userinfo":
		v, err := src.user()
		return v, v.Watermark, err
	case "phone":
		v, err := src.phone()
		return v, v.Watermark, err
	case "werun":
		v, err := src.werun()
		return v, v.Watermark, err
	case "share":
		v, err := src.share()
		return v, v.Watermark, err
	}
	plaintext, w, err := src.raw()
	return json.RawMessage(plaintext), w, err
}

type inputs struct{ appID, sessionKey, iv, data string }

func decryptInputs(e *env, appID, sessionKey, iv, data, body string) (inputs, error) {
	s := &secrets{e: e}
	var in inputs
	var err error
	if body != "" {
		if err := readBody(s, body, &in); err != nil {
			return in, err
		}
	}
	if in.appID, err = s.get("appid", appID, "WXCRYPTO_APPID"); err != nil {
		return in, err
	}
	// Values from -body fill what flags and environment leave empty.
	for _, v := range []struct {
		name, flag, env string
		dst             *string
	}{
		{"session-key", sessionKey, "WXCRYPTO_SESSION_KEY", &in.sessionKey},
		{"iv", iv, "WXCRYPTO_IV", &in.iv},
		{"data", data, "WXCRYPTO_ENCRYPTED_DATA", &in.data},
	} {
		got, err := s.get(v.name, v.flag, v.env)
		if err != nil {
			return in, err
		}
		if got != "" {
			*v.dst = got
		}
	}
	return in, missing(
		need{in.appID, "-appid (or WXCRYPTO_APPID)"},
		need{in.sessionKey, "-session-key (or WXCRYPTO_SESSION_KEY, or sessionKey in -body)"},
		need{in.iv, "-iv (or WXCRYPTO_IV, or -body)"},
		need{in.data, "-data (or WXCRYPTO_ENCRYPTED_DATA, or -body)"},
	)
}

func readBody(s *secrets, name string, in *inputs) error {
	body, err := s.read("body", name, maxSecretSize)
	if err != nil {
		return err
	}
	var v struct {
		EncryptedData string `json:"encryptedData"`
		IV            string `json:"iv"`
		SessionKey    string `json:"sessionKey"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return errors.New("-body: not a JSON object with string fields encryptedData, iv and sessionKey")
	}
	in.data, in.iv, in.sessionKey = v.EncryptedData, v.IV, v.SessionKey
	return nil
}

// decryptionCheck is what a successful decryption verified, before the
// watermark.
const decryptionCheck = "AES-128-CBC decryption with valid PKCS#7 padding"

// checks says in words what the library verified: the watermark it
// returned, under the policy the Opener was made with, at the instant that
// policy's clock gives (fixed once by policyFlags.policy, so the library and
// this report see the same time).
func checks(p watermark.Policy, w watermark.Watermark) []string {
	c := []string{fmt.Sprintf("watermark appid %q equals the expected appid", w.AppID)}
	if p.SkipFreshness {
		return append(c, "watermark timestamp NOT checked (-no-freshness)")
	}
	if p.Now == nil {
		return append(c, fmt.Sprintf("watermark time %s is within [now-%v, now+%v] of the system clock",
			w.Time().UTC().Format(time.RFC3339), p.MaxAge, p.Skew))
	}
	return append(c, fmt.Sprintf("watermark time %s is within [now-%v, now+%v] of %s",
		w.Time().UTC().Format(time.RFC3339), p.MaxAge, p.Skew, p.Now().UTC().Format(time.RFC3339)))
}
