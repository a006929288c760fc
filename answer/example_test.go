package answer_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/answer"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func ExampleParseSession() {
	// The body of GET /sns/jscode2session, as the platform answered it.
	body := []byte(`{"openid":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","session_key":"tiihtNczf5v6AKRyjwEUhQ=="}`)
	s, err := answer.ParseSession(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.OpenID, s.UnionID == "")
	fmt.Println(s) // for logs: the session key is left out

	// A code can be exchanged once: the second exchange is errcode 40029.
	_, err = answer.ParseSession([]byte(`{"errcode":40029,"errmsg":"invalid code"}`))
	var e *errcode.Error
	if errors.As(err, &e) {
		fmt.Println("errcode", e.Code)
	}

	// A session_key that could never open data is refused before it is stored.
	_, err = answer.ParseSession([]byte(`{"openid":"o1","session_key":"tiihtNczf5v6AKRyjwEUhQ"}`))
	fmt.Println(errors.Is(err, errcode.ErrMalformed))
	// Output:
	// oGZUI0egBJY1zhBYw2KhdUfwVJJE true
	// {OpenID:oGZUI0egBJY1zhBYw2KhdUfwVJJE UnionID: SessionKey:[redacted]}
	// errcode 40029
	// true
}

func ExampleParsePhoneNumber() {
	policy := watermark.NewPolicy("wx5c7f3b1d9e2a4f60")
	policy.Now = func() time.Time { return time.Unix(1637744300, 0) } // a fixed clock for the example
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The body of POST /wxa/business/getuserphonenumber.
	body := []byte(`{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13580006666",
		"purePhoneNumber":"13580006666","countryCode":86,
		"watermark":{"timestamp":1637744274,"appid":"wx5c7f3b1d9e2a4f60"}}}`)
	p, err := answer.ParsePhoneNumber(o, body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.PurePhoneNumber, p.CountryCode, p.Watermark.Time().UTC().Format(time.RFC3339))
	// Output: 13580006666 86 2021-11-24T08:57:54Z
}
