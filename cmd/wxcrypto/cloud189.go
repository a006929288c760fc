package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

func runXXTEA(e *env, args []string) int {
	fs := newFlagSet(e, "xxtea", `xxtea encrypt|decrypt [flags]

XXTEA with the convention of 189 cloud and the canonical libraries: the key is
the first 16 bytes of the key text (zero-padded), and the plaintext length is
stored in an extra last word. Ciphertext is hex: decrypt reads either case,
encrypt writes upper case (-lower for lower case). XXTEA is a legacy cipher,
here for compatibility only.

The key comes from -key, -key-hex, WXCRYPTO_XXTEA_KEY or standard input ("-").
For 189 cloud the key is the appSecret text as is: do not hex-decode it.`)
	key := fs.String("key", "", "key text, e.g. the appSecret (env WXCRYPTO_XXTEA_KEY)")
	keyHex := fs.String("key-hex", "", "key bytes in hex, instead of -key")
	in := fs.String("in", "", "input: plaintext text (encrypt) or ciphertext hex (decrypt); - for standard input")
	inHex := fs.Bool("in-hex", false, "encrypt: the input is hex-encoded bytes")
	outHex := fs.Bool("out-hex", false, "decrypt: print the plaintext as hex")
	lower := fs.Bool("lower", false, "encrypt: print lower-case hex")
	mode, rc := parseKind(e, fs, args)
	if rc >= 0 {
		return rc
	}
	if mode != "encrypt" && mode != "decrypt" {
		return e.usageError(kindError("mode", mode, "xxtea encrypt or xxtea decrypt"))
	}
	usageErr := e.usageError
	s := &secrets{e: e}
	var k []byte
	switch {
	case *key != "" && *keyHex != "":
		return usageErr(errors.New("give -key or -key-hex, not both"))
	case *keyHex != "":
		v, err := s.get("key-hex", *keyHex, "")
		if err != nil {
			return usageErr(err)
		}
		if k, err = hex.DecodeString(v); err != nil {
			return usageErr(errors.New("-key-hex is not hex"))
		}
	default:
		v, err := s.get("key", *key, "WXCRYPTO_XXTEA_KEY")
		if err != nil {
			return usageErr(err)
		}
		k = []byte(v)
	}
	input, err := s.get("in", *in, "")
	if err != nil {
		return usageErr(err)
	}
	if err := missing(need{string(k), "-key or -key-hex (or WXCRYPTO_XXTEA_KEY)"}, need{input, "-in (or - for standard input)"}); err != nil {
		return usageErr(err)
	}

	if mode == "decrypt" {
		pt, err := xxtea.DecryptHex(string(k), input)
		if err != nil {
			return e.fail(err)
		}
		out := string(pt)
		if *outHex {
			out = hex.EncodeToString(pt)
		}
		return e.done(map[string]string{"plaintext": out}, func(w io.Writer) { fmt.Fprintln(w, out) })
	}
	pt := []byte(input)
	if *inHex {
		if pt, err = hex.DecodeString(input); err != nil {
			return usageErr(errors.New("-in is not hex"))
		}
	}
	ct, err := xxtea.EncryptHex(string(k), pt)
	if err != nil {
		return e.fail(err)
	}
	if *lower {
		ct = strings.ToLower(ct)
	}
	return e.done(map[string]string{"ciphertext": ct}, func(w io.Writer) { fmt.Fprintln(w, ct) })
}

func runOpen189(e *env, args []string) int {
	fs := newFlagSet(e, "open189", `open189 [flags]

Opens a 189 cloud h5.authorizeUserInfo answer end to end: parses the envelope
{"code":0,"msg":...,"data":{"encryptedData":"<hex>"}}, decrypts with the
appSecret text, checks appId and the millisecond timestamp's freshness, and
prints the user info as JSON. On failure prints the error and its class and
exits with status 1.`)
	appID := fs.String("appid", "", "the H5 app's `appId` (env WXCRYPTO_189_APPID)")
	secret := fs.String("app-secret", "", "the H5 app's appSecret text (env WXCRYPTO_189_APP_SECRET); - for standard input")
	answer := fs.String("answer", "", "`file` holding the answer body, or - for standard input")
	maxAge := fs.Duration("max-age", watermark.DefaultMaxAge, "oldest timestamp accepted")
	skew := fs.Duration("skew", watermark.DefaultSkew, "how far in the future a timestamp may be")
	noFresh := fs.Bool("no-freshness", false, "do not check the timestamp (appId is still checked)")
	nowMS := timeFlag{unit: time.Millisecond}
	fs.Var(&nowMS, "now-ms", "check freshness against this `time` (unix milliseconds, or RFC 3339) instead of the clock")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	usageErr := e.usageError
	s := &secrets{e: e}
	app, err := s.get("appid", *appID, "WXCRYPTO_189_APPID")
	if err != nil {
		return usageErr(err)
	}
	sec, err := s.get("app-secret", *secret, "WXCRYPTO_189_APP_SECRET")
	if err != nil {
		return usageErr(err)
	}
	if err := missing(
		need{app, "-appid (or WXCRYPTO_189_APPID)"},
		need{sec, "-app-secret (or WXCRYPTO_189_APP_SECRET)"},
		need{*answer, "-answer (a file, or - for standard input)"},
	); err != nil {
		return usageErr(err)
	}
	body, err := s.read("answer", *answer, errcode.MaxAnswerSize)
	if err != nil {
		return usageErr(err)
	}
	now := nowMS.clock()
	policy := watermark.Policy{AppID: app, MaxAge: *maxAge, Skew: *skew, SkipFreshness: *noFresh,
		Now: func() time.Time { return now }}
	o, err := cloud189.NewOpener(sec, policy)
	if err != nil {
		return usageErr(err)
	}
	u, err := o.OpenAnswer(body)
	if err != nil {
		return e.fail(err)
	}
	return e.done(struct {
		cloud189.UserInfo
		Time string `json:"time"`
	}{u, time.UnixMilli(u.Timestamp).UTC().Format("2006-01-02T15:04:05.000Z07:00")}, nil)
}
