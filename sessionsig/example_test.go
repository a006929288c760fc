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
	fmt.Println(sig, err)

	// A '+' that became a space in a form is named, not signed.
	_, err = sessionsig.Sign("lyY4HPQbaOYzZdG JcYK9w==", nil)
	fmt.Println(errors.Is(err, sessionsig.ErrSessionKey))
	// Output:
	// 654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b <nil>
	// true
}

func ExampleVerify() {
	key, body := "o0q0otL8aEzpcZL/FT9WsQ==", []byte(`{"foo":"bar"}`)
	fmt.Println(sessionsig.Verify(key, body, "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b"))
	fmt.Println(sessionsig.Verify(key, body, "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0c"))
	fmt.Println(sessionsig.Verify(key, body, "654571F79995B2CE1E149E53C0A33DC39C0A74090DB514261454E8DBE432AA0B"))
	// Output:
	// <nil>
	// sessionsig: signature does not verify
	// sessionsig: signature does not verify: want 64 lower-case hex digits
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

// A server API call: pay_sig over the request path and the body sent, and
// the user signature over the same body (the documented example).
func ExampleSignPay() {
	body := []byte(`{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`)
	paySig, _ := sessionsig.SignPay("12345", "/xpay/query_user_balance", body)
	signature, _ := sessionsig.Sign("9hAb/NEYUlkaMBEsmFgzig==", body)
	fmt.Println(paySig)
	fmt.Println(signature)

	_, err := sessionsig.SignPay("12345", "/xpay/query_user_balance?access_token=T", body)
	fmt.Println(errors.Is(err, sessionsig.ErrInput))
	// Output:
	// c37809f27c6d7fd1837ad2500a04512b66b34fd793a39a385fade56dca89a4b5
	// 089d9e8dc5d308977360c4b79ec600a93d736802802a807d634192328032f6c7
	// true
}

// A client call: wx.requestVirtualPayment gets paySig over the method name
// and signData, and the user signature over signData (the documented
// signData, appKey and session key; the values were checked with Node).
func ExampleSignPay_requestVirtualPayment() {
	signData := `{"offerId":"123","buyQuantity":1,"env":0,"currencyType":"CNY","productId":"testproductId","goodsPrice":10,"outTradeNo":"xxxxxx","attach":"testdata"}`
	paySig, _ := sessionsig.SignPay("12345", sessionsig.RequestVirtualPayment, []byte(signData))
	signature, _ := sessionsig.Sign("9hAb/NEYUlkaMBEsmFgzig==", []byte(signData))
	fmt.Println(paySig)
	fmt.Println(signature)

	_, err := sessionsig.SignPay("12345", "/requestVirtualPayment", []byte(signData))
	fmt.Println(err)
	// Output:
	// 0ce2a9fcab3532e9f78dd3beb841806c0c08a24ec26b04c366584ac06d852bb0
	// 8e08bc05e10243e2e943385292e2063be327f8285c0db753a5c3e5db5745cb69
	// sessionsig: invalid input: a client payment signs the bare method name: pass requestVirtualPayment, requestMidasPaymentGameItem or requestCommonPayment, without a slash
}

// A virtual-payment push event (decrypted by package msgpush): PayEventSig
// over the push's Event and its Payload string. The PayEventSig here was
// computed with Node's crypto.createHmac.
func ExampleVerifyPayEvent() {
	event := "xpay_goods_deliver_notify"
	payload := `{"OpenId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","OutTradeNo":"xxxxxx","Env":0}`
	paySig := "b155ca28e540f25f2a1475cf8597105380842d4504e164dffa29e557324285e9"
	fmt.Println(sessionsig.VerifyPayEvent("12345", event, payload, paySig))
	fmt.Println(sessionsig.VerifyPayEvent("12345", event, payload+" ", paySig))
	// Output:
	// <nil>
	// sessionsig: signature does not verify
}

// The documented rawData signature: SHA-1 of rawData followed by the
// session_key text.
func ExampleVerifyRawData() {
	rawData := `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	fmt.Println(sessionsig.VerifyRawData("HyVFkGl5F5OQWJZZaNzBBg==", rawData, "75e81ceda165f4ffa64f4068af58c64b8f54b88c"))
	// Output: <nil>
}
