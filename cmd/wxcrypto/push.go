package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto/msgpush"
)

const pushSynopsis = `push verify|decrypt|encrypt [flags]

Message push in safe mode (WXBizMsgCrypt), as the push URL's console sets it up.

  verify    check a URL verification (GET) and print echostr, the answer
  decrypt   verify msg_signature and decrypt a push body; prints the message
  encrypt   encrypt a reply message; prints the reply body

-query takes the request's query string (or its whole URL) as logged: verify
reads signature, timestamp, nonce and echostr from it; decrypt reads
msg_signature, timestamp and nonce. The Token and the EncodingAESKey come from
their flag, their environment variable, or standard input when the value is
"-".`

func runPush(e *env, args []string) int {
	fs := newFlagSet(e, "push", pushSynopsis)
	token := fs.String("token", "", "the Token (env WXCRYPTO_PUSH_TOKEN)")
	aesKey := fs.String("aes-key", "", "the 43-character EncodingAESKey (env WXCRYPTO_ENCODING_AES_KEY)")
	appID := fs.String("appid", "", "the appid, or a third-party platform's component appid (env WXCRYPTO_APPID)")
	format := fs.String("format", "xml", "the console's data format of bodies and replies: xml or json")
	query := fs.String("query", "", "the request's query string or URL (verify, decrypt)")
	body := fs.String("body", "", "the push body text (decrypt)")
	bodyFile := fs.String("body-file", "", "`file` holding the exact push body, or - for standard input (decrypt)")
	message := fs.String("message", "", "the reply message text (encrypt)")
	timestamp := fs.Int64("timestamp", 0, "the reply's TimeStamp, unix seconds; default now (encrypt)")
	nonce := fs.String("nonce", "", "the reply's Nonce, usually the push's (encrypt)")
	randomHex := fs.String("random-hex", "", "fix the 16 random bytes, in hex, to reproduce a reply; never in production (encrypt)")
	kind, rc := parseKind(e, fs, args)
	if rc >= 0 {
		return rc
	}
	if kind != "verify" && kind != "decrypt" && kind != "encrypt" {
		return e.usageError(kindError("kind", kind, "push verify, push decrypt or push encrypt"))
	}
	if *format != "xml" && *format != "json" {
		return e.usageError(fmt.Errorf("-format %q: want xml or json", *format))
	}
	s := &secrets{e: e}
	cfg := msgpush.Config{JSON: *format == "json"}
	var err error
	if cfg.Token, err = s.get("token", *token, "WXCRYPTO_PUSH_TOKEN"); err != nil {
		return e.usageError(err)
	}
	if cfg.EncodingAESKey, err = s.get("aes-key", *aesKey, "WXCRYPTO_ENCODING_AES_KEY"); err != nil {
		return e.usageError(err)
	}
	if cfg.AppID = *appID; cfg.AppID == "" {
		cfg.AppID = e.getenv("WXCRYPTO_APPID")
	}
	needs := []need{{cfg.Token, "-token (or WXCRYPTO_PUSH_TOKEN)"}, {cfg.EncodingAESKey, "-aes-key (or WXCRYPTO_ENCODING_AES_KEY)"}}
	switch kind {
	case "verify":
		// The URL check does not read the appid; a Crypter needs one.
		if cfg.AppID == "" {
			cfg.AppID = "-"
		}
		needs = append(needs, need{*query, "-query (the GET's query string or URL)"})
	case "decrypt":
		needs = append(needs, need{cfg.AppID, "-appid (or WXCRYPTO_APPID)"}, need{*query, "-query (the POST's query string or URL)"}, need{*body + *bodyFile, "-body or -body-file"})
	case "encrypt":
		needs = append(needs, need{cfg.AppID, "-appid (or WXCRYPTO_APPID)"}, need{*nonce, "-nonce (the push's nonce)"})
	}
	if err := missing(needs...); err != nil {
		return e.usageError(err)
	}
	if *randomHex != "" {
		r, err := hex.DecodeString(*randomHex)
		if err != nil || len(r) != 16 {
			return e.usageError(errors.New("-random-hex: want 32 hex digits"))
		}
		cfg.Rand = bytes.NewReader(r)
	}
	c, err := msgpush.New(cfg)
	if err != nil {
		return e.fail(err)
	}

	switch kind {
	case "verify", "decrypt":
		q, err := parseQuery(*query)
		if err != nil {
			return e.usageError(err)
		}
		if kind == "verify" {
			echo, err := c.VerifyURL(q)
			if err != nil {
				return e.fail(err)
			}
			return e.done(map[string]string{"echostr": echo}, func(w io.Writer) { fmt.Fprintln(w, echo) })
		}
		b, err := readBodyArg(s, *body, *bodyFile, maxPushBody)
		if err != nil {
			return e.usageError(err)
		}
		msg, err := c.Open(q, b)
		if err != nil {
			return e.fail(err)
		}
		return e.done(map[string]string{"message": string(msg)}, func(w io.Writer) { fmt.Fprintf(w, "%s\n", msg) })
	}
	ts := *timestamp
	if ts == 0 {
		ts = time.Now().Unix()
	}
	reply, err := c.Seal([]byte(*message), ts, *nonce)
	if err != nil {
		return e.fail(err)
	}
	return e.done(map[string]string{"reply": string(reply)}, func(w io.Writer) { fmt.Fprintf(w, "%s\n", reply) })
}

// parseQuery takes a query string, with or without its URL.
func parseQuery(s string) (url.Values, error) {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[i+1:]
	}
	q, err := url.ParseQuery(s)
	if err != nil {
		return nil, fmt.Errorf("-query: %v", err)
	}
	return q, nil
}

// maxPushBody is the library's cap on a push body; a larger file is
// refused here rather than read whole.
const maxPushBody = 1 << 20
