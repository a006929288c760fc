package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/msghash"
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
	maxAge := fs.Duration("max-age", watermark.DefaultMaxAge, "oldest watermark accepted")
	skew := fs.Duration("skew", watermark.DefaultSkew, "how far in the future a watermark may be")
	noFresh := fs.Bool("no-freshness", false, "do not check the watermark's timestamp (the appid is still checked)")
	now := fs.Int64("now", 0, "check freshness against this unix `time` instead of the clock, to replay an old payload")
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
	policy := watermark.Policy{AppID: in.appID, MaxAge: *maxAge, Skew: *skew, SkipFreshness: *noFresh}
	if *now != 0 {
		t := time.Unix(*now, 0)
		policy.Now = func() time.Time { return t }
	}
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: %v\n", err)
		return exitUsage
	}

	var result any
	var w watermark.Watermark
	switch *typ {
	case "raw":
		var plaintext []byte
		plaintext, w, err = o.Open(in.sessionKey, in.iv, in.data)
		result = json.RawMessage(plaintext)
	case "userinfo":
		var v wxcrypto.UserInfo
		v, err = o.OpenUserInfo(in.sessionKey, in.iv, in.data)
		result, w = v, v.Watermark
	case "phone":
		var v wxcrypto.PhoneNumber
		v, err = o.OpenPhoneNumber(in.sessionKey, in.iv, in.data)
		result, w = v, v.Watermark
	case "werun":
		var v wxcrypto.WeRunData
		v, err = o.OpenWeRunData(in.sessionKey, in.iv, in.data)
		result, w = v, v.Watermark
	case "share":
		var v wxcrypto.ShareInfo
		v, err = o.OpenShareInfo(in.sessionKey, in.iv, in.data)
		result, w = v, v.Watermark
	default:
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: unknown -type %q (want one of %s)\n", *typ, strings.Join(payloadTypes, ", "))
		return exitUsage
	}
	if err != nil {
		reportError(e.stderr, "decrypt", err)
		return exitFail
	}
	out := struct {
		Type      string   `json:"type"`
		Verified  []string `json:"verified"`
		Watermark any      `json:"watermark"`
		Data      any      `json:"data"`
	}{
		Type:     *typ,
		Verified: verifiedChecks(policy, w),
		Watermark: map[string]any{
			"appid": w.AppID, "timestamp": w.Timestamp, "time": w.Time().UTC().Format(time.RFC3339),
		},
		Data: result,
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(e.stderr, "wxcrypto decrypt: %v\n", err)
		return exitFail
	}
	return exitOK
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
	var r io.Reader
	if name == "-" {
		if s.stdinUsed {
			return errors.New("-body: standard input is already used")
		}
		s.stdinUsed = true
		r = s.e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("-body: %v", err)
		}
		defer f.Close()
		r = f
	}
	var v struct {
		EncryptedData string `json:"encryptedData"`
		IV            string `json:"iv"`
		SessionKey    string `json:"sessionKey"`
	}
	if err := json.NewDecoder(io.LimitReader(r, 16<<20)).Decode(&v); err != nil {
		return errors.New("-body: not a JSON object with string fields encryptedData, iv and sessionKey")
	}
	in.data, in.iv, in.sessionKey = v.EncryptedData, v.IV, v.SessionKey
	return nil
}

// verifiedChecks says in words what a successful open verified.
func verifiedChecks(p watermark.Policy, w watermark.Watermark) []string {
	checks := []string{
		"AES-128-CBC decryption with valid PKCS#7 padding",
		fmt.Sprintf("watermark appid %q equals the expected appid", w.AppID),
	}
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
	{sessionsig.ErrSignatureMismatch, "sessionsig.ErrSignatureMismatch"},
	{sessionsig.ErrMalformedSignature, "sessionsig.ErrMalformedSignature"},
	{sessionsig.ErrBodyTooLarge, "sessionsig.ErrBodyTooLarge"},
	{sessionsig.ErrInvalidURI, "sessionsig.ErrInvalidURI"},
	{sessionsig.ErrEmptyKey, "sessionsig.ErrEmptyKey"},
	{sessionsig.ErrEmptyOpenID, "sessionsig.ErrEmptyOpenID"},
	{msghash.ErrSystemBusy, "msghash.ErrSystemBusy"},
	{msghash.ErrInvalidArgs, "msghash.ErrInvalidArgs"},
	{msghash.ErrEmptyPostData, "msghash.ErrEmptyPostData"},
	{msghash.ErrDataFormat, "msghash.ErrDataFormat"},
	{msghash.ErrInvalidSignature, "msghash.ErrInvalidSignature"},
	{msghash.ErrMalformedResponse, "msghash.ErrMalformedResponse"},
	{msghash.ErrResponseTooLarge, "msghash.ErrResponseTooLarge"},
	{cloud189.ErrMalformedAnswer, "cloud189.ErrMalformedAnswer"},
	{cloud189.ErrAnswerTooLarge, "cloud189.ErrAnswerTooLarge"},
	{cloud189.ErrMalformedUserInfo, "cloud189.ErrMalformedUserInfo"},
	{xxtea.ErrKeyEmpty, "xxtea.ErrKeyEmpty"},
	{xxtea.ErrPlaintextEmpty, "xxtea.ErrPlaintextEmpty"},
	{xxtea.ErrTooLarge, "xxtea.ErrTooLarge"},
	{xxtea.ErrHex, "xxtea.ErrHex"},
	{xxtea.ErrCiphertextSize, "xxtea.ErrCiphertextSize"},
	{xxtea.ErrLength, "xxtea.ErrLength"},
}

func errorClass(err error) string {
	var api *cloud189.APIError
	if errors.As(err, &api) {
		return "cloud189.APIError"
	}
	for _, c := range errorClasses {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return "unknown"
}

// reportError prints an error, its class and, for open-data errors, the
// official demos' code.
func reportError(w io.Writer, cmd string, err error) {
	fmt.Fprintf(w, "wxcrypto %s: %v\nclass: %s\n", cmd, err, errorClass(err))
	if code := wxcrypto.Code(err); code != 0 {
		fmt.Fprintf(w, "code: %d\n", code)
	}
}
