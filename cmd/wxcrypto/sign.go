package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/msghash"
	"github.com/wxcrypto/wxcrypto/sessionsig"
)

const signSynopsis = `sign session|pay|payevent|rawdata [flags]

Computes a signature, or checks one with -verify (exit status 1 on mismatch).

  session   login-state signature hex(hmac_sha256(session_key text, body)); the
            same value is the xpay user "signature". With -openid, prints the
            checkSessionKey query parameters instead (body is then empty).
  pay       xpay pay_sig hex(hmac_sha256(appKey, uri + "&" + body)); uri is a
            server request path (/xpay/query_user_balance) or a client method
            (requestVirtualPayment, requestMidasPaymentGameItem,
            requestCommonPayment) whose body is the signData string
  payevent  virtual-payment push PayEventSig hex(hmac_sha256(appKey, event + "&" + payload))
  rawdata   checks (-verify) an open-data signature hex(sha1(rawData + session_key))

Secrets come from their flag, their environment variable, or standard input
when the value is "-". A body is signed byte for byte as given: prefer
-body-file for bodies captured from the wire.`

func runSign(e *env, args []string) int {
	fs := newFlagSet(e, "sign", signSynopsis)
	sessionKey := fs.String("session-key", "", "base64 session_key text, used as is (env WXCRYPTO_SESSION_KEY)")
	appKey := fs.String("app-key", "", "xpay AppKey (env WXCRYPTO_APP_KEY)")
	uri := fs.String("uri", "", "xpay request path such as /xpay/query_user_balance, or client method such as requestVirtualPayment (pay)")
	event := fs.String("event", "", "the push's Event, such as xpay_goods_deliver_notify (payevent)")
	payload := fs.String("payload", "", "the push's Payload string exactly as received, or - for standard input (payevent)")
	body := fs.String("body", "", "request body text (session, pay)")
	bodyFile := fs.String("body-file", "", "`file` holding the exact request body, or - for standard input (session, pay)")
	rawData := fs.String("raw-data", "", "rawData text as the client received it, or - for standard input (rawdata)")
	openID := fs.String("openid", "", "print checkSessionKey's query parameters for this openid (session)")
	verify := fs.String("verify", "", "check this `signature` instead of printing one")
	kind, rc := parseKind(e, fs, args)
	if rc >= 0 {
		return rc
	}
	s := &secrets{e: e}
	usageErr := e.usageError

	var sign func() (string, error)
	var check func(sig string) error
	switch kind {
	case "session", "pay":
		keyFlag, keyEnv, keyVal := "session-key", "WXCRYPTO_SESSION_KEY", *sessionKey
		if kind == "pay" {
			keyFlag, keyEnv, keyVal = "app-key", "WXCRYPTO_APP_KEY", *appKey
		}
		key, err := s.get(keyFlag, keyVal, keyEnv)
		if err != nil {
			return usageErr(err)
		}
		needs := []need{{key, "-" + keyFlag + " (or " + keyEnv + ")"}}
		if kind == "pay" {
			needs = append(needs, need{*uri, "-uri (the xpay request path such as /xpay/query_user_balance, or a client method such as requestVirtualPayment)"})
		}
		if err := missing(needs...); err != nil {
			return usageErr(err)
		}
		msg, err := readBodyArg(s, *body, *bodyFile, maxBody)
		if err != nil {
			return usageErr(err)
		}
		if kind == "session" {
			if *openID != "" {
				if msg != nil {
					return usageErr(errors.New("-openid signs the empty body: drop -body/-body-file"))
				}
				params, err := sessionsig.CheckSessionParams(*openID, key)
				if err != nil {
					return e.fail(err)
				}
				q := params.Encode()
				return e.done(map[string]string{"query": q}, func(w io.Writer) { fmt.Fprintln(w, q) })
			}
			sign = func() (string, error) { return sessionsig.Sign(key, msg) }
			check = func(sig string) error { return sessionsig.Verify(key, msg, sig) }
		} else {
			sign = func() (string, error) { return sessionsig.SignPay(key, *uri, msg) }
			check = func(sig string) error { return sessionsig.VerifyPay(key, *uri, msg, sig) }
		}
	case "payevent":
		key, err := s.get("app-key", *appKey, "WXCRYPTO_APP_KEY")
		if err != nil {
			return usageErr(err)
		}
		p, err := s.get("payload", *payload, "")
		if err != nil {
			return usageErr(err)
		}
		if err := missing(need{key, "-app-key (or WXCRYPTO_APP_KEY)"}, need{*event, "-event (the push's Event)"}, need{p, "-payload (or - for standard input)"}); err != nil {
			return usageErr(err)
		}
		sign = func() (string, error) { return sessionsig.SignPayEvent(key, *event, p) }
		check = func(sig string) error { return sessionsig.VerifyPayEvent(key, *event, p, sig) }
	case "rawdata":
		if *verify == "" {
			return usageErr(errors.New("rawdata checks the signature the client received: give it with -verify"))
		}
		key, err := s.get("session-key", *sessionKey, "WXCRYPTO_SESSION_KEY")
		if err != nil {
			return usageErr(err)
		}
		raw, err := s.get("raw-data", *rawData, "")
		if err != nil {
			return usageErr(err)
		}
		if err := missing(need{key, "-session-key (or WXCRYPTO_SESSION_KEY)"}, need{raw, "-raw-data (or - for standard input)"}); err != nil {
			return usageErr(err)
		}
		check = func(sig string) error { return sessionsig.VerifyRawData(key, raw, sig) }
	default:
		return usageErr(kindError("kind", kind, "sign session, sign pay, sign payevent or sign rawdata"))
	}

	if *verify != "" {
		if err := check(*verify); err != nil {
			return e.fail(err)
		}
		return e.done(map[string]bool{"verified": true}, func(w io.Writer) { fmt.Fprintln(w, "ok") })
	}
	sig, err := sign()
	if err != nil {
		return e.fail(err)
	}
	return e.done(map[string]string{"signature": sig}, func(w io.Writer) { fmt.Fprintln(w, sig) })
}

// maxBody is the largest body sessionsig signs (1 MiB); reading one byte
// more lets it refuse an oversized body with its own error.
const maxBody = 1<<20 + 1

// readBodyArg returns the body given as text or as a file ("-" for standard
// input) of at most max bytes, byte for byte; nil when neither is given.
func readBodyArg(s *secrets, text, file string, max int64) ([]byte, error) {
	switch {
	case text != "" && file != "":
		return nil, errors.New("give -body or -body-file, not both")
	case text != "":
		return []byte(text), nil
	case file == "":
		return nil, nil
	}
	return s.read("body-file", file, max)
}

func runMsgHash(e *env, args []string) int {
	fs := newFlagSet(e, "msghash", `msghash [-data TEXT | -data -] | msghash -answer FILE

Prints encrypted_msg_hash = hex(sha256(encryptedData)) for checkEncryptedData,
computed over the base64 text exactly as received (not its decoding). With
-answer, parses the platform's checkEncryptedData answer instead and prints
whether the data is valid and when it was created (exit status 1 on an error
answer).`)
	data := fs.String("data", "", "encryptedData text, or - for standard input (env WXCRYPTO_ENCRYPTED_DATA)")
	answer := fs.String("answer", "", "`file` (or -) holding a checkEncryptedData answer to parse")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	s := &secrets{e: e}
	if *answer != "" {
		body, err := s.read("answer", *answer, errcode.MaxAnswerSize)
		if err != nil {
			return e.usageError(err)
		}
		res, err := msghash.ParseCheckResponse(body)
		if err != nil {
			return e.fail(err)
		}
		created := "unknown"
		if !res.CreateTime.IsZero() {
			created = res.CreateTime.Format("2006-01-02T15:04:05Z07:00")
		}
		return e.done(map[string]any{"valid": res.Valid, "created": created}, func(w io.Writer) {
			fmt.Fprintf(w, "valid: %v\ncreated: %s\n", res.Valid, created)
		})
	}
	text, err := s.get("data", *data, "WXCRYPTO_ENCRYPTED_DATA")
	if err != nil {
		return e.usageError(err)
	}
	if err := missing(need{text, "-data (or WXCRYPTO_ENCRYPTED_DATA), or -answer"}); err != nil {
		return e.usageError(err)
	}
	hash := msghash.Hash(text)
	return e.done(map[string]string{"hash": hash}, func(w io.Writer) { fmt.Fprintln(w, hash) })
}
