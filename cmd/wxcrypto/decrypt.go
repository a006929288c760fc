package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/sessionsig"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// payloadTypes are the -type values of decrypt.
var payloadTypes = []string{"raw", "userinfo", "phone", "werun", "share"}

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
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}

	in, err := decryptInputs(e, *appID, *sessionKey, *iv, *data, *body)
	if err != nil {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: %v\n", err)
		return exitUsage
	}
	policy := pf.policy(in.appID)
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: %v\n", err)
		return exitUsage
	}

	if !slices.Contains(payloadTypes, *typ) {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: unknown -type %q (want one of %s)\n", *typ, strings.Join(payloadTypes, ", "))
		return exitUsage
	}
	result, w, err := openAs(*typ, payloadSource{
		raw:   func() ([]byte, watermark.Watermark, error) { return o.Open(in.sessionKey, in.iv, in.data) },
		user:  func() (wxcrypto.UserInfo, error) { return o.OpenUserInfo(in.sessionKey, in.iv, in.data) },
		phone: func() (wxcrypto.PhoneNumber, error) { return o.OpenPhoneNumber(in.sessionKey, in.iv, in.data) },
		werun: func() (wxcrypto.WeRunData, error) { return o.OpenWeRunData(in.sessionKey, in.iv, in.data) },
		share: func() (wxcrypto.ShareInfo, error) { return o.OpenShareInfo(in.sessionKey, in.iv, in.data) },
	})
	if err != nil {
		reportError(e.stderr, "decrypt", err)
		return exitFail
	}
	printJSON(e.stdout, verifiedResult{
		Type:      *typ,
		Verified:  append([]string{decryptionCheck}, verifiedChecks(policy, w)...),
		Watermark: watermarkJSON(w),
		Data:      result,
	})
	return exitOK
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

func printJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v) // values built here always encode
}

// policyFlags are the watermark-policy flags shared by decrypt and cloud.
type policyFlags struct {
	maxAge, skew time.Duration
	noFresh      bool
	now          int64
}

func addPolicyFlags(fs *flag.FlagSet) *policyFlags {
	pf := &policyFlags{}
	fs.DurationVar(&pf.maxAge, "max-age", watermark.DefaultMaxAge, "oldest watermark accepted")
	fs.DurationVar(&pf.skew, "skew", watermark.DefaultSkew, "how far in the future a watermark may be")
	fs.BoolVar(&pf.noFresh, "no-freshness", false, "do not check the watermark's timestamp (the appid is still checked)")
	fs.Int64Var(&pf.now, "now", 0, "check freshness against this unix `time` instead of the clock, to replay an old payload")
	return pf
}

func (pf *policyFlags) policy(appID string) watermark.Policy {
	p := watermark.Policy{AppID: appID, MaxAge: pf.maxAge, Skew: pf.skew, SkipFreshness: pf.noFresh}
	if pf.now != 0 {
		t := time.Unix(pf.now, 0)
		p.Now = func() time.Time { return t }
	}
	return p
}

// payloadSource opens one payload as each of the -type values.
type payloadSource struct {
	raw   func() ([]byte, watermark.Watermark, error)
	user  func() (wxcrypto.UserInfo, error)
	phone func() (wxcrypto.PhoneNumber, error)
	werun func() (wxcrypto.WeRunData, error)
	share func() (wxcrypto.ShareInfo, error)
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
	switch {
	case in.appID == "":
		return in, errors.New("no appid: use -appid or WXCRYPTO_APPID")
	case in.sessionKey == "":
		return in, errors.New("no session key: use -session-key, WXCRYPTO_SESSION_KEY or -body")
	case in.iv == "":
		return in, errors.New("no iv: use -iv, WXCRYPTO_IV or -body")
	case in.data == "":
		return in, errors.New("no encryptedData: use -data, WXCRYPTO_ENCRYPTED_DATA or -body")
	}
	return in, nil
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

// verifiedChecks says in words what the watermark check of a successful
// open verified.
func verifiedChecks(p watermark.Policy, w watermark.Watermark) []string {
	checks := []string{fmt.Sprintf("watermark appid %q equals the expected appid", w.AppID)}
	if p.SkipFreshness {
		return append(checks, "watermark timestamp NOT checked (-no-freshness)")
	}
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	return append(checks, fmt.Sprintf("watermark time %s is within [now-%v, now+%v] of %s",
		w.Time().UTC().Format(time.RFC3339), p.MaxAge, p.Skew, now.UTC().Format(time.RFC3339)))
}

// errorClasses names the library's sentinel errors for reports.
var errorClasses = []struct {
	err  error
	name string
}{
	{aescbc.ErrBase64, "aescbc.ErrBase64"},
	{aescbc.ErrKeySize, "aescbc.ErrKeySize"},
	{aescbc.ErrIVSize, "aescbc.ErrIVSize"},
	{aescbc.ErrCiphertextSize, "aescbc.ErrCiphertextSize"},
	{aescbc.ErrTooLarge, "aescbc.ErrTooLarge"},
	{aescbc.ErrDecrypt, "aescbc.ErrDecrypt"},
	{watermark.ErrMalformed, "watermark.ErrMalformed"},
	{watermark.ErrAppID, "watermark.ErrAppID"},
	{watermark.ErrTooOld, "watermark.ErrTooOld"},
	{watermark.ErrFuture, "watermark.ErrFuture"},
	{watermark.ErrPolicy, "watermark.ErrPolicy"},
	{wxcrypto.ErrPayload, "wxcrypto.ErrPayload"},
	{wxcrypto.ErrCloudIDExpired, "wxcrypto.ErrCloudIDExpired"},
	{wxcrypto.ErrCloudID, "wxcrypto.ErrCloudID"},
	{wxcrypto.ErrCloudField, "wxcrypto.ErrCloudField"},
	{wxcrypto.ErrCloudEvent, "wxcrypto.ErrCloudEvent"},
	{sessionsig.ErrSignature, "sessionsig.ErrSignature"},
	{sessionsig.ErrSessionKey, "sessionsig.ErrSessionKey"},
	{sessionsig.ErrInput, "sessionsig.ErrInput"},
	{errcode.ErrSystemBusy, "errcode.ErrSystemBusy"},
	{errcode.ErrInvalidCredential, "errcode.ErrInvalidCredential"},
	{errcode.ErrInvalidSignature, "errcode.ErrInvalidSignature"},
	{errcode.ErrRiskyContent, "errcode.ErrRiskyContent"},
	{errcode.ErrMalformed, "errcode.ErrMalformed"},
	{errcode.ErrTooLarge, "errcode.ErrTooLarge"},
	{cloud189.ErrMalformedAnswer, "cloud189.ErrMalformedAnswer"},
	{cloud189.ErrMalformedUserInfo, "cloud189.ErrMalformedUserInfo"},
	{xxtea.ErrKeyEmpty, "xxtea.ErrKeyEmpty"},
	{xxtea.ErrPlaintext, "xxtea.ErrPlaintext"},
	{xxtea.ErrCiphertext, "xxtea.ErrCiphertext"},
	{xxtea.ErrLength, "xxtea.ErrLength"},
}

func errorClass(err error) string {
	var api *cloud189.APIError
	var platform *errcode.Error
	switch c := errorClassOf(err); {
	case c != "":
		return c
	case errors.As(err, &api):
		return "cloud189.APIError"
	case errors.As(err, &platform):
		return "errcode.Error" // a code without a sentinel
	}
	return "unknown"
}

// errorClassOf names the first sentinel err matches, or "".
func errorClassOf(err error) string {
	for _, c := range errorClasses {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return ""
}

// reportError prints an error, its class and, for open-data errors, the
// official demos' code.
func reportError(w io.Writer, cmd string, err error) {
	fmt.Fprintf(w, "wxcrypto %s: %v\nclass: %s\n", cmd, err, errorClass(err))
	if code := wxcrypto.Code(err); code != 0 {
		fmt.Fprintf(w, "code: %d\n", code)
	}
}
