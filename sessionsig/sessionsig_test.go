package sessionsig_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// Documented values (algorithms.md sections 3 and 5).
const (
	docSessionKey = "o0q0otL8aEzpcZL/FT9WsQ=="
	docBody       = `{"foo":"bar"}`
	docSignature  = "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b"

	docAppKey         = "12345"
	docURI            = "/xpay/query_user_balance"
	docPayBody        = `{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`
	docPaySig         = "c37809f27c6d7fd1837ad2500a04512b66b34fd793a39a385fade56dca89a4b5"
	docXpaySessionKey = "9hAb/NEYUlkaMBEsmFgzig=="
	docXpayUserSig    = "089d9e8dc5d308977360c4b79ec600a93d736802802a807d634192328032f6c7"

	docSignData = `{"offerId":"123","buyQuantity":1,"env":0,"currencyType":"CNY","productId":"testproductId","goodsPrice":10,"outTradeNo":"xxxxxx","attach":"testdata"}`

	docRawData       = `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	docRawSessionKey = "HyVFkGl5F5OQWJZZaNzBBg=="
	docRawSignature  = "75e81ceda165f4ffa64f4068af58c64b8f54b88c"
)

// stdHMAC is the reference: crypto/hmac over the key text and message.
func stdHMAC(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func TestDocumented(t *testing.T) {
	got := []string{}
	add := func(s string, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	add(sessionsig.Sign(docSessionKey, []byte(docBody)))
	add(sessionsig.Sign(docXpaySessionKey, []byte(docPayBody)))
	add(sessionsig.SignPay(docAppKey, docURI, []byte(docPayBody)))
	want := []string{docSignature, docXpayUserSig, docPaySig}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("documented signatures (-want +got):\n%s", d)
	}
	if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData, docRawSignature); err != nil {
		t.Fatal(err)
	}
}

// Client methods sign "method&signData" under the appKey; the user
// signature is the login-state signature of signData.
func TestClientMethods(t *testing.T) {
	for _, m := range []string{sessionsig.RequestVirtualPayment, sessionsig.RequestMidasPaymentGameItem, sessionsig.RequestCommonPayment} {
		got, err := sessionsig.SignPay(docAppKey, m, []byte(docSignData))
		if want := stdHMAC(docAppKey, m+"&"+docSignData); err != nil || got != want {
			t.Errorf("SignPay(%s) = %q, %v; want %q", m, got, err, want)
		}
		if err := sessionsig.VerifyPay(docAppKey, m, []byte(docSignData), got); err != nil {
			t.Errorf("VerifyPay(%s): %v", m, err)
		}
	}
	if got := []string{sessionsig.RequestVirtualPayment, sessionsig.RequestMidasPaymentGameItem, sessionsig.RequestCommonPayment}; cmp.Diff([]string{"requestVirtualPayment", "requestMidasPaymentGameItem", "requestCommonPayment"}, got) != "" {
		t.Fatalf("method names %q", got)
	}
}

func TestURIRefusals(t *testing.T) {
	for _, tc := range []struct{ uri, hint string }{
		{"/requestVirtualPayment", "without a slash"},
		{"/requestcommonpayment", "without a slash"},
		{"requestvirtualpayment", "case-sensitive"},
		{"RequestMidasPaymentGameItem", "case-sensitive"},
		{"xpay/query_user_balance", "leading slash"},
		{docURI + "?access_token=T", "query string"},
		{"requestVirtualPayment?x=1", "query string"},
		{"", "request path"},
		{"//api.weixin.qq.com/xpay/x", "request path"},
		{"https://api.weixin.qq.com/xpay/x", "request path"},
		{"/xpay/a b", "request path"},
		{"/xpay/x#f", "request path"},
		{"/" + strings.Repeat("a", 1024), "request path"},
	} {
		_, err := sessionsig.SignPay(docAppKey, tc.uri, nil)
		if !errors.Is(err, sessionsig.ErrInput) || !strings.Contains(err.Error(), tc.hint) {
			t.Errorf("SignPay(uri %q) = %v; want ErrInput saying %q", tc.uri, err, tc.hint)
		}
		if err2 := sessionsig.VerifyPay(docAppKey, tc.uri, nil, docPaySig); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("VerifyPay(uri %q) = %v; want %v", tc.uri, err2, err)
		}
	}
}

func TestSessionKeyChecked(t *testing.T) {
	spaced := strings.Replace("lyY4HPQbaOYzZdG+JcYK9w==", "+", " ", 1)
	for _, k := range []string{"", "o0q0otL8aEzpcZL/FT9WsQ", "o0q0otL8aEzpcZL/FT9WsQ==\n", spaced,
		"o0q0otL8aEzpcZL_FT9WsQ==", "o0q0otL8aEzpcZL/FT9WsR==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "QUJDREVGR0hJSktMTU5PUA"} {
		for name, err := range map[string]error{
			"Sign":               second(sessionsig.Sign(k, nil)),
			"Verify":             sessionsig.Verify(k, nil, docSignature),
			"VerifyRawData":      sessionsig.VerifyRawData(k, "", docRawSignature),
			"CheckSessionParams": second(sessionsig.CheckSessionParams("o", k)),
		} {
			if !errors.Is(err, sessionsig.ErrSessionKey) {
				t.Errorf("%s(key %q) = %v; want ErrSessionKey", name, k, err)
			}
		}
	}
	_, err := sessionsig.Sign(spaced, nil)
	if !strings.Contains(err.Error(), "'+' turned into a space") || strings.Contains(err.Error(), "lyY4") {
		t.Fatalf("space error %q", err)
	}
	// The appKey is free text.
	if _, err := sessionsig.SignPay("an app key, not base64!", docURI, nil); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyRefuses(t *testing.T) {
	upper := strings.ToUpper(docSignature)
	changed := "0" + docSignature[1:]
	for _, tc := range []struct {
		name, sig string
		shape     bool
	}{
		{"upper case", upper, true},
		{"changed digit", changed, false},
		{"truncated", docSignature[:63], true},
		{"trailing newline", docSignature + "\n", true},
		{"0x prefix", "0x" + docSignature[2:], true},
		{"empty", "", true},
	} {
		err := sessionsig.Verify(docSessionKey, []byte(docBody), tc.sig)
		if !errors.Is(err, sessionsig.ErrSignature) || strings.Contains(err.Error(), "lower-case") != tc.shape {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if err := sessionsig.VerifyPay(docAppKey, docURI, []byte(docPayBody), strings.ToUpper(docPaySig)); !errors.Is(err, sessionsig.ErrSignature) {
		t.Errorf("upper-case pay_sig: %v", err)
	}
	if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData, strings.ToUpper(docRawSignature)); !errors.Is(err, sessionsig.ErrSignature) {
		t.Errorf("upper-case rawData signature: %v", err)
	}
	if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData+" ", docRawSignature); !errors.Is(err, sessionsig.ErrSignature) {
		t.Errorf("changed rawData: %v", err)
	}
}

func TestPayEvent(t *testing.T) {
	event, payload := "xpay_goods_deliver_notify", `{"OutTradeNo":"x","Env":0}`
	want := stdHMAC(docAppKey, event+"&"+payload)
	got, err := sessionsig.SignPayEvent(docAppKey, event, payload)
	if err != nil || got != want {
		t.Fatalf("SignPayEvent = %q, %v; want %q", got, err, want)
	}
	if err := sessionsig.VerifyPayEvent(docAppKey, event, payload, want); err != nil {
		t.Fatal(err)
	}
	if err := sessionsig.VerifyPayEvent(docAppKey, event, payload+" ", want); !errors.Is(err, sessionsig.ErrSignature) {
		t.Fatalf("changed payload: %v", err)
	}
	for _, ev := range []string{"", "a&b", "x y", strings.Repeat("e", 1025)} {
		if err := sessionsig.VerifyPayEvent(docAppKey, ev, payload, want); !errors.Is(err, sessionsig.ErrInput) {
			t.Errorf("event %q: %v", ev, err)
		}
	}
	if _, err := sessionsig.SignPayEvent("", event, payload); !errors.Is(err, sessionsig.ErrInput) {
		t.Errorf("empty appKey: %v", err)
	}
}

func TestMatchesStdlib(t *testing.T) {
	for _, n := range []int{0, 1, 55, 63, 64, 65, 127, 1000} {
		body := strings.Repeat("b", n)
		got, err := sessionsig.Sign(docSessionKey, []byte(body))
		if want := stdHMAC(docSessionKey, body); err != nil || got != want {
			t.Errorf("Sign(%d bytes) = %q, %v; want %q", n, got, err, want)
		}
		key := strings.Repeat("k", n+1) // appKeys beyond one block are hashed first
		got, err = sessionsig.SignPay(key, docURI, []byte(body))
		if want := stdHMAC(key, docURI+"&"+body); err != nil || got != want {
			t.Errorf("SignPay(%d-byte key) = %q, %v; want %q", n+1, got, err, want)
		}
		sum := sha1.Sum([]byte(body + docRawSessionKey))
		if err := sessionsig.VerifyRawData(docRawSessionKey, body, hex.EncodeToString(sum[:])); err != nil {
			t.Errorf("VerifyRawData(%d bytes): %v", n, err)
		}
	}
}

func TestCheckSessionParams(t *testing.T) {
	v, err := sessionsig.CheckSessionParams("o&d=1", docSessionKey)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"openid": {"o&d=1"}, "signature": {stdHMAC(docSessionKey, "")}, "sig_method": {"hmac_sha256"}}
	if d := cmp.Diff(want, map[string][]string(v)); d != "" {
		t.Fatalf("params (-want +got):\n%s", d)
	}
	if _, err := sessionsig.CheckSessionParams("", docSessionKey); !errors.Is(err, sessionsig.ErrInput) {
		t.Fatalf("empty openid: %v", err)
	}
}

func TestLimitsAndSecrets(t *testing.T) {
	big := make([]byte, 1<<20+1)
	errs := []error{
		second(sessionsig.Sign(docSessionKey, big)),
		sessionsig.Verify(docSessionKey, big, docSignature),
		second(sessionsig.SignPay(docAppKey, docURI, big)),
		sessionsig.VerifyPayEvent(docAppKey, "e", string(big), docSignature),
		sessionsig.VerifyRawData(docSessionKey, string(big), docRawSignature),
	}
	for i, err := range errs {
		if !errors.Is(err, sessionsig.ErrInput) {
			t.Errorf("oversized input %d: %v", i, err)
		}
	}
	if err := sessionsig.VerifyPay("", docURI, nil, docPaySig); !errors.Is(err, sessionsig.ErrInput) {
		t.Errorf("empty appKey: %v", err)
	}
	for _, err := range []error{
		sessionsig.Verify(docSessionKey, []byte(docBody), "0"+docSignature[1:]),
		sessionsig.Verify(docSessionKey, []byte(docBody), "zz"),
		second(sessionsig.Sign("o0q0otL8aEzpcZL FT9WsQ==", []byte(docBody))),
	} {
		for _, secret := range []string{docSessionKey, "o0q0", docBody, docSignature[1:]} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%q contains %q", err, secret)
			}
		}
	}
}

func TestAllocations(t *testing.T) {
	body := []byte(docBody)
	if n := testing.AllocsPerRun(50, func() { _ = sessionsig.Verify(docSessionKey, body, docSignature) }); n > 9 { // crypto/hmac: hmac.New and its two digests, the key copy, the hex string
		t.Errorf("Verify allocates %v times", n)
	}
}

func second[T any](_ T, err error) error { return err }

// FuzzVerify checks that no input makes the functions panic and that what
// Sign produces always verifies, while a changed body does not.
func FuzzVerify(f *testing.F) {
	f.Add(docSessionKey, []byte(docBody), docSignature, docURI)
	f.Add("", []byte{}, "", "")
	f.Add("k", []byte{0xff, 0x00}, "ZZ", "/?")
	f.Fuzz(func(t *testing.T, key string, body []byte, sig, uri string) {
		_ = sessionsig.Verify(key, body, sig)
		_ = sessionsig.VerifyPay(key, uri, body, sig)
		_ = sessionsig.VerifyRawData(key, string(body), sig)
		s, err := sessionsig.Sign(key, body)
		if err != nil {
			return
		}
		if err := sessionsig.Verify(key, body, s); err != nil {
			t.Fatalf("Sign output does not verify: %v", err)
		}
		if u := strings.ToUpper(s); u != s && sessionsig.Verify(key, body, u) == nil {
			t.Fatalf("upper-case Sign output verifies")
		}
		if len(body) >= 1<<20 {
			return
		}
		if err := sessionsig.Verify(key, append(body, 'x'), s); !errors.Is(err, sessionsig.ErrSignature) {
			t.Fatalf("changed body verifies: %v", err)
		}
	})
}
