package main

import (
	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/answer"
	"github.com/wxcrypto/wxcrypto/errcode"
)

func runAnswer(e *env, args []string) int {
	fs := newFlagSet(e, "answer", `answer session|phone [flags]

Reads a platform answer the way a back end should:

  session   code2Session (/sns/jscode2session): errcode, an openid, and a
            session_key of 24 characters of base64 of 16 bytes. Prints openid
            and unionid; the session key is checked, never printed.
  phone     getuserphonenumber (/wxa/business/getuserphonenumber): errcode,
            phone_info, and its watermark under the same policy flags as
            decrypt. Prints the phone number and what was verified.

Exits with status 1 on a non-zero errcode or an answer that does not pass,
printing the error, its class and the code.`)
	answerFile := fs.String("answer", "", "`file` holding the answer body, or - for standard input")
	appID := fs.String("appid", "", "phone: your mini-program's `appid` (env WXCRYPTO_APPID)")
	pf := addPolicyFlags(fs)
	kind, rc := parseKind(e, fs, args)
	if rc >= 0 {
		return rc
	}
	if kind != "session" && kind != "phone" {
		return e.usageError(kindError("kind", kind, "answer session or answer phone"))
	}
	s := &secrets{e: e}
	app, err := s.get("appid", *appID, "WXCRYPTO_APPID")
	if err != nil {
		return e.usageError(err)
	}
	needs := []need{{*answerFile, "-answer (a file, or - for standard input)"}}
	if kind == "phone" {
		needs = append(needs, need{app, "-appid (or WXCRYPTO_APPID)"})
	}
	if err := missing(needs...); err != nil {
		return e.usageError(err)
	}
	// One byte over the cap, so that the parser refuses an oversized
	// answer by name instead of reading a cut one.
	body, err := s.read("answer", *answerFile, errcode.MaxAnswerSize+1)
	if err != nil {
		return e.usageError(err)
	}

	if kind == "session" {
		ses, err := answer.ParseSession(body)
		if err != nil {
			return e.fail(err)
		}
		return e.done(map[string]any{
			"openid":   ses.OpenID,
			"unionid":  ses.UnionID,
			"verified": []string{"errcode 0", "session_key is 24 characters of base64 of 16 bytes (not printed)"},
		}, nil)
	}
	policy := pf.policy(app)
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return e.usageError(err)
	}
	p, err := answer.ParsePhoneNumber(o, body)
	if err != nil {
		return e.fail(err)
	}
	return e.done(verifiedResult{
		Type:      "phone",
		Verified:  append([]string{"errcode 0"}, checks(policy, p.Watermark)...),
		Watermark: watermarkJSON(p.Watermark),
		Data:      p,
	}, nil)
}
