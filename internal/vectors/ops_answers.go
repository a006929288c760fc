package vectors

import (
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/answer"
	"github.com/wxcrypto/wxcrypto/internal/errclass"
)

// answerOperations are the platform answers that carry open data or its
// key: getuserphonenumber and code2Session (algorithms.md section 10).
var answerOperations = map[string]operation{
	"phonenumber.answer": {
		fields: []field{
			{name: "answer", kind: kindString},
			{name: "appid", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
			{name: "phoneNumber", kind: kindString, validOnly: true},
			{name: "purePhoneNumber", kind: kindString, validOnly: true},
			{name: "countryCode", kind: kindString, validOnly: true},
		},
		errors: errorWords("errcode", "malformed", "watermark", "appid", "expired", "future"),
		check:  checkPhoneNumberAnswer,
	},
	"code2session.answer": {
		fields: []field{
			{name: "answer", kind: kindString},
			{name: "openid", kind: kindString, validOnly: true},
			{name: "sessionKey", kind: kindString, validOnly: true},
			{name: "unionid", kind: kindString, validOnly: true},
		},
		errors: errorWords("errcode", "malformed"),
		check:  checkSessionAnswer,
	},
}

// errorWords returns an operation's error words, each judged by the class
// table the command line reports from.
func errorWords(words ...string) map[string]func(error) bool {
	m := make(map[string]func(error) bool, len(words))
	for _, w := range words {
		m[w] = errclass.Is(w)
	}
	return m
}

func checkPhoneNumberAnswer(c *Case) error {
	policy, ok := casePolicy(c, "appid", time.Second)
	if !ok {
		return errPolicyRange
	}
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return err
	}
	p, err := answer.ParsePhoneNumber(o, []byte(c.String("answer")))
	if err := validity(c, err); err != nil || !c.Valid {
		return err
	}
	type phone struct{ PhoneNumber, PurePhoneNumber, CountryCode string }
	want := phone{c.String("phoneNumber"), c.String("purePhoneNumber"), c.String("countryCode")}
	if got := (phone{p.PhoneNumber, p.PurePhoneNumber, p.CountryCode}); got != want {
		return fmt.Errorf("phone_info %+v, want %+v", got, want)
	}
	return nil
}

func checkSessionAnswer(c *Case) error {
	s, err := answer.ParseSession([]byte(c.String("answer")))
	if err := validity(c, err); err != nil || !c.Valid {
		return err
	}
	want := answer.Session{OpenID: c.String("openid"), SessionKey: c.String("sessionKey"), UnionID: c.String("unionid")}
	if s != want {
		// The session key is test data here, not a secret: show it.
		return fmt.Errorf("session (%q, %q, %q), want (%q, %q, %q)",
			s.OpenID, s.SessionKey, s.UnionID, want.OpenID, want.SessionKey, want.UnionID)
	}
	return nil
}
