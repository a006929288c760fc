package sessionsig_test

import (
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// The documented login-state signature: the key is the session_key's base64
// text exactly as code2Session returned it.
func ExampleSign() {
	sig, err := sessionsig.Sign("o0q0otL8aEzpcZL/FT9WsQ==", []byte(`{"foo":"bar"}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(sig)
	// Output: 654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b
}

// The documented xpay user signature is the login-state signature of the
// request body, byte for byte as it is sent (spaces included).
func ExampleSign_xpayUserSignature() {
	body := []byte(`{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`)
	sig, err := sessionsig.Sign("9hAb/NEYUlkaMBEsmFgzig==", body)
	if err != nil {
		panic(err)
	}
	fmt.Println(sig)
	// Output: 089d9e8dc5d308977360c4b79ec600a93d736802802a807d634192328032f6c7
}

// AppendSign writes into a caller-owned buffer and allocates nothing.
func ExampleAppendSign() {
	buf := make([]byte, 0, sessionsig.SignatureLen)
	buf, err := sessionsig.AppendSign(buf, "o0q0otL8aEzpcZL/FT9WsQ==", []byte(`{"foo":"bar"}`))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", buf)
	// Output: 654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b
}

func ExampleVerify() {
	key := "o0q0otL8aEzpcZL/FT9WsQ=="
	body := []byte(`{"foo":"bar"}`)
	fmt.Println(sessionsig.Verify(key, body, "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b"))
	fmt.Println(sessionsig.Verify(key, body, "654571F79995B2CE1E149E53C0A33DC39C0A74090DB514261454E8DBE432AA0B"))
	err := sessionsig.Verify(key, body, "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0c")
	fmt.Println(errors.Is(err, sessionsig.ErrSignatureMismatch))
	err = sessionsig.Verify(key, body, "654571f7")
	fmt.Println(errors.Is(err, sessionsig.ErrMalformedSignature))
	// Output:
	// <nil>
	// <nil>
	// true
	// true
}

// The parameters of GET /wxa/checksession; the API client adds access_token.
func ExampleCheckSessionParams() {
	v, err := sessionsig.CheckSessionParams("oGZUI0egBJY1zhBYw2KhdUfwVJJE", "o0q0otL8aEzpcZL/FT9WsQ==")
	if err != nil {
		panic(err)
	}
	v.Set("access_token", "ACCESS_TOKEN")
	fmt.Println("/wxa/checksession?" + v.Encode())
	// Output: /wxa/checksession?access_token=ACCESS_TOKEN&openid=oGZUI0egBJY1zhBYw2KhdUfwVJJE&sig_method=hmac_sha256&signature=46e043c5525c2d817c44be603d30837a808a1d930d038f6fdc3e62a201fed128
}

// The documented pay_sig: HMAC-SHA256 under the AppKey of uri + "&" + body.
func ExampleSignPay() {
	body := []byte(`{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`)
	sig, err := sessionsig.SignPay("12345", "/xpay/query_user_balance", body)
	if err != nil {
		panic(err)
	}
	fmt.Println(sig)
	_, err = sessionsig.SignPay("12345", "/xpay/query_user_balance?access_token=T", body)
	fmt.Println(errors.Is(err, sessionsig.ErrInvalidURI))
	// Output:
	// c37809f27c6d7fd1837ad2500a04512b66b34fd793a39a385fade56dca89a4b5
	// true
}

// The documented rawData signature: SHA-1 of rawData followed by the
// session_key text.
func ExampleSignRawData() {
	rawData := `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	sig, err := sessionsig.SignRawData("HyVFkGl5F5OQWJZZaNzBBg==", rawData)
	if err != nil {
		panic(err)
	}
	fmt.Println(sig)
	fmt.Println(sessionsig.VerifyRawData("HyVFkGl5F5OQWJZZaNzBBg==", rawData, sig))
	// Output:
	// 75e81ceda165f4ffa64f4068af58c64b8f54b88c
	// <nil>
}
