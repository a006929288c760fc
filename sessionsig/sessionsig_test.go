package sessionsig_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

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

	docRawData       = `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	docRawSessionKey = "HyVFkGl5F5OQWJZZaNzBBg=="
	docRawSignature  = "75e81ceda165f4ffa64f4068af58c64b8f54b88c"
)

// stdHMAC is the reference: crypto/hmac over the given key bytes and message.
func stdHMAC(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func mustDecodeB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// changeDigit returns sig with the hex digit at i replaced by another one.
func changeDigit(sig string, i int) string {
	b := []byte(sig)
	if b[i] == '0' {
		b[i] = '1'
	} else {
		b[i] = '0'
	}
	return string(b)
}

func TestSignDocumented(t *testing.T) {
	tests := []struct {
		name, key, body, want string
	}{
		{"login-state example", docSessionKey, docBody, docSignature},
		{"xpay user signature", docXpaySessionKey, docPayBody, docXpayUserSig},
	}
	for _, tc := range tests {
		got, err := sessionsig.Sign(tc.key, []byte(tc.body))
		if err != nil || got != tc.want {
			t.Errorf("%s: Sign = %q, %v; want %q", tc.name, got, err, tc.want)
		}
		app, err := sessionsig.AppendSign([]byte("prefix:"), tc.key, []byte(tc.body))
		if err != nil || string(app) != "prefix:"+tc.want {
			t.Errorf("%s: AppendSign = %q, %v", tc.name, app, err)
		}
		if err := sessionsig.Verify(tc.key, []byte(tc.body), tc.want); err != nil {
			t.Errorf("%s: Verify(documented) = %v", tc.name, err)
		}
		if err := sessionsig.Verify(tc.key, []byte(tc.body), strings.ToUpper(tc.want)); err != nil {
			t.Errorf("%s: Verify(upper-case) = %v, want nil (either case is accepted)", tc.name, err)
		}
	}
}

func TestSignPayDocumented(t *testing.T) {
	got, err := sessionsig.SignPay(docAppKey, docURI, []byte(docPayBody))
	if err != nil || got != docPaySig {
		t.Fatalf("SignPay = %q, %v; want %q", got, err, docPaySig)
	}
	app, err := sessionsig.AppendSignPay([]byte("x"), docAppKey, docURI, []byte(docPayBody))
	if err != nil || string(app) != "x"+docPaySig {
		t.Errorf("AppendSignPay = %q, %v", app, err)
	}
	if err := sessionsig.VerifyPay(docAppKey, docURI, []byte(docPayBody), docPaySig); err != nil {
		t.Errorf("VerifyPay(documented) = %v", err)
	}
	if err := sessionsig.VerifyPay(docAppKey, docURI, []byte(docPayBody), strings.ToUpper(docPaySig)); err != nil {
		t.Errorf("VerifyPay(upper-case) = %v", err)
	}
}

func TestSignRawDataDocumented(t *testing.T) {
	got, err := sessionsig.SignRawData(docRawSessionKey, docRawData)
	if err != nil || got != docRawSignature {
		t.Fatalf("SignRawData = %q, %v; want %q", got, err, docRawSignature)
	}
	app, err := sessionsig.AppendSignRawData(nil, docRawSessionKey, docRawData)
	if err != nil || string(app) != docRawSignature {
		t.Errorf("AppendSignRawData = %q, %v", app, err)
	}
	if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData, docRawSignature); err != nil {
		t.Errorf("VerifyRawData(documented) = %v", err)
	}
	if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData, strings.ToUpper(docRawSignature)); err != nil {
		t.Errorf("VerifyRawData(upper-case) = %v", err)
	}
}

// TestSignMatchesStdlib checks the public forms against crypto/hmac and
// crypto/sha1 for key and body shapes beyond the documented ones.
func TestSignMatchesStdlib(t *testing.T) {
	keys := []string{"k", docSessionKey, strings.Repeat("K", 64), strings.Repeat("L", 65), strings.Repeat("M", 300)}
	bodies := []string{"", "{}", docBody, "{\"名字\":\"张三\"}", strings.Repeat("x", 70000)}
	for _, k := range keys {
		for _, b := range bodies {
			got, err := sessionsig.Sign(k, []byte(b))
			if want := stdHMAC([]byte(k), b); err != nil || got != want {
				t.Fatalf("Sign(key %d, body %d) = %q, %v; want %q", len(k), len(b), got, err, want)
			}
			got, err = sessionsig.SignPay(k, docURI, []byte(b))
			if want := stdHMAC([]byte(k), docURI+"&"+b); err != nil || got != want {
				t.Fatalf("SignPay(key %d, body %d) = %q, %v; want %q", len(k), len(b), got, err, want)
			}
			got, err = sessionsig.SignRawData(k, b)
			sum := sha1.Sum([]byte(b + k))
			if want := hex.EncodeToString(sum[:]); err != nil || got != want {
				t.Fatalf("SignRawData(key %d, rawData %d) = %q, %v; want %q", len(k), len(b), got, err, want)
			}
		}
	}
}

// TestGETFormSignsEmptyString: a GET request and checkSessionKey sign "".
func TestGETFormSignsEmptyString(t *testing.T) {
	want := stdHMAC([]byte(docSessionKey), "")
	for _, body := range [][]byte{nil, {}} {
		got, err := sessionsig.Sign(docSessionKey, body)
		if err != nil || got != want {
			t.Errorf("Sign(%#v) = %q, %v; want %q", body, got, err, want)
		}
	}
}

func TestCheckSessionParams(t *testing.T) {
	const openID = "oGZUI0egBJY1zhBYw2KhdUfwVJJE"
	v, err := sessionsig.CheckSessionParams(openID, docSessionKey)
	if err != nil {
		t.Fatal(err)
	}
	wantSig := stdHMAC([]byte(docSessionKey), "")
	if len(v) != 3 || v.Get("openid") != openID || v.Get("signature") != wantSig || v.Get("sig_method") != "hmac_sha256" {
		t.Fatalf("CheckSessionParams = %v", v)
	}
	for k, vs := range v {
		if len(vs) != 1 {
			t.Errorf("parameter %s has %d values", k, len(vs))
		}
	}
	if v.Has("access_token") {
		t.Error("CheckSessionParams must leave access_token to the caller")
	}
	wantQuery := "openid=" + openID + "&sig_method=hmac_sha256&signature=" + wantSig
	if got := v.Encode(); got != wantQuery {
		t.Errorf("Encode() = %q, want %q", got, wantQuery)
	}
	// An openid that needs escaping is escaped by url.Values, not spliced in.
	v, err = sessionsig.CheckSessionParams("a&b=c d", docSessionKey)
	if err != nil || !strings.HasPrefix(v.Encode(), "openid=a%26b%3Dc+d&") {
		t.Errorf("escaping: %q, %v", v.Encode(), err)
	}
	if _, err := sessionsig.CheckSessionParams("", docSessionKey); !errors.Is(err, sessionsig.ErrEmptyOpenID) {
		t.Errorf("empty openid: %v", err)
	}
	if _, err := sessionsig.CheckSessionParams(openID, ""); !errors.Is(err, sessionsig.ErrEmptyKey) {
		t.Errorf("empty session key: %v", err)
	}
}

// TestVerifyRejects checks each way a signature can be wrong.
func TestVerifyRejects(t *testing.T) {
	body := []byte(docBody)
	decodedKeySig := stdHMAC(mustDecodeB64(t, docSessionKey), docBody)
	if decodedKeySig == docSignature {
		t.Fatal("test is vacuous: decoded-key signature equals the documented one")
	}
	tests := []struct {
		name    string
		sig     string
		wantErr error
	}{
		{"first digit changed", changeDigit(docSignature, 0), sessionsig.ErrSignatureMismatch},
		{"last digit changed", changeDigit(docSignature, 63), sessionsig.ErrSignatureMismatch},
		{"made with the base64-decoded session key", decodedKeySig, sessionsig.ErrSignatureMismatch},
		{"signature of a re-serialised body", stdHMAC([]byte(docSessionKey), `{"foo": "bar"}`), sessionsig.ErrSignatureMismatch},
		{"plain sha256(key+body)", sha256Hex(docSessionKey + docBody), sessionsig.ErrSignatureMismatch},
		{"all zero", strings.Repeat("0", 64), sessionsig.ErrSignatureMismatch},
		{"truncated by one digit", docSignature[:63], sessionsig.ErrMalformedSignature},
		{"truncated to half", docSignature[:32], sessionsig.ErrMalformedSignature},
		{"one digit too many", docSignature + "0", sessionsig.ErrMalformedSignature},
		{"empty", "", sessionsig.ErrMalformedSignature},
		{"trailing newline", docSignature + "\n", sessionsig.ErrMalformedSignature},
		{"leading space", " " + docSignature[1:], sessionsig.ErrMalformedSignature},
		{"0x prefix", "0x" + docSignature[2:], sessionsig.ErrMalformedSignature},
		{"non-hex letter", "g" + docSignature[1:], sessionsig.ErrMalformedSignature},
		{"base64 of the MAC", base64.StdEncoding.EncodeToString(mustDecodeHex(t, docSignature)), sessionsig.ErrMalformedSignature},
		{"non-ASCII", "é" + docSignature[2:], sessionsig.ErrMalformedSignature},
	}
	for _, tc := range tests {
		err := sessionsig.Verify(docSessionKey, body, tc.sig)
		if !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: Verify = %v, want %v", tc.name, err, tc.wantErr)
		}
		if errors.Is(tc.wantErr, sessionsig.ErrMalformedSignature) && errors.Is(err, sessionsig.ErrSignatureMismatch) {
			t.Errorf("%s: malformed signature reported as mismatch", tc.name)
		}
	}
	// The right signature for another key or body does not verify.
	if err := sessionsig.Verify(docXpaySessionKey, body, docSignature); !errors.Is(err, sessionsig.ErrSignatureMismatch) {
		t.Errorf("other key: %v", err)
	}
	if err := sessionsig.Verify(docSessionKey, []byte(docBody+" "), docSignature); !errors.Is(err, sessionsig.ErrSignatureMismatch) {
		t.Errorf("other body: %v", err)
	}
}

func TestVerifyPayRejects(t *testing.T) {
	body := []byte(docPayBody)
	noAmp := stdHMAC([]byte(docAppKey), docURI+docPayBody)
	tests := []struct {
		name    string
		uri     string
		sig     string
		wantErr error
	}{
		{"digit changed", docURI, changeDigit(docPaySig, 10), sessionsig.ErrSignatureMismatch},
		{"computed without the '&'", docURI, noAmp, sessionsig.ErrSignatureMismatch},
		{"computed over the full URL", docURI, stdHMAC([]byte(docAppKey), "https://api.weixin.qq.com"+docURI+"&"+docPayBody), sessionsig.ErrSignatureMismatch},
		{"user signature given as pay_sig", docURI, docXpayUserSig, sessionsig.ErrSignatureMismatch},
		{"body only (no uri)", docURI, stdHMAC([]byte(docAppKey), docPayBody), sessionsig.ErrSignatureMismatch},
		{"other uri", "/xpay/query_order", docPaySig, sessionsig.ErrSignatureMismatch},
		{"truncated", docURI, docPaySig[:40], sessionsig.ErrMalformedSignature},
		{"uri with query string", docURI + "?access_token=T", stdHMAC([]byte(docAppKey), docURI+"?access_token=T&"+docPayBody), sessionsig.ErrInvalidURI},
		{"empty uri", "", docPaySig, sessionsig.ErrInvalidURI},
		{"uri without leading slash", docURI[1:], docPaySig, sessionsig.ErrInvalidURI},
		{"full URL as uri", "https://api.weixin.qq.com" + docURI, docPaySig, sessionsig.ErrInvalidURI},
	}
	for _, tc := range tests {
		if err := sessionsig.VerifyPay(docAppKey, tc.uri, body, tc.sig); !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: VerifyPay = %v, want %v", tc.name, err, tc.wantErr)
		}
	}
	// A body re-serialised without the spaces is a different message.
	compact := []byte(`{"openid":"xxx","user_ip":"127.0.0.1","env":0}`)
	if err := sessionsig.VerifyPay(docAppKey, docURI, compact, docPaySig); !errors.Is(err, sessionsig.ErrSignatureMismatch) {
		t.Errorf("re-serialised body: %v", err)
	}
	for _, uri := range []string{"", "xpay", docURI + "?a=b", docURI + "#x", "//h/p"} {
		if _, err := sessionsig.SignPay(docAppKey, uri, body); !errors.Is(err, sessionsig.ErrInvalidURI) {
			t.Errorf("SignPay(uri %q) = %v, want ErrInvalidURI", uri, err)
		}
		dst := []byte("keep")
		got, err := sessionsig.AppendSignPay(dst, docAppKey, uri, body)
		if !errors.Is(err, sessionsig.ErrInvalidURI) || string(got) != "keep" {
			t.Errorf("AppendSignPay(uri %q) = %q, %v", uri, got, err)
		}
	}
}

func TestVerifyRawDataRejects(t *testing.T) {
	decodedKey := mustDecodeB64(t, docRawSessionKey)
	withDecoded := sha1.Sum(append([]byte(docRawData), decodedKey...))
	keyFirst := sha1.Sum([]byte(docRawSessionKey + docRawData))
	tests := []struct {
		name    string
		sig     string
		wantErr error
	}{
		{"digit changed", changeDigit(docRawSignature, 39), sessionsig.ErrSignatureMismatch},
		{"made with the base64-decoded session key", hex.EncodeToString(withDecoded[:]), sessionsig.ErrSignatureMismatch},
		{"session key first", hex.EncodeToString(keyFirst[:]), sessionsig.ErrSignatureMismatch},
		{"truncated", docRawSignature[:39], sessionsig.ErrMalformedSignature},
		{"sha256 length", sha256Hex(docRawData + docRawSessionKey), sessionsig.ErrMalformedSignature},
		{"HMAC-SHA256 signature", stdHMAC([]byte(docRawSessionKey), docRawData), sessionsig.ErrMalformedSignature},
		{"empty", "", sessionsig.ErrMalformedSignature},
	}
	for _, tc := range tests {
		if err := sessionsig.VerifyRawData(docRawSessionKey, docRawData, tc.sig); !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: VerifyRawData = %v, want %v", tc.name, err, tc.wantErr)
		}
	}
}

func TestMalformedErrorStatesLength(t *testing.T) {
	err := sessionsig.Verify(docSessionKey, nil, "abc")
	if err == nil || !strings.Contains(err.Error(), "64 hex digits") {
		t.Errorf("Verify error %q does not state the expected length", err)
	}
	err = sessionsig.VerifyRawData(docRawSessionKey, docRawData, "abc")
	if err == nil || !strings.Contains(err.Error(), "40 hex digits") {
		t.Errorf("VerifyRawData error %q does not state the expected length", err)
	}
}

func TestLimitsAndEmptyKeys(t *testing.T) {
	big := make([]byte, sessionsig.MaxBodySize+1)
	atMax := big[:sessionsig.MaxBodySize]
	if _, err := sessionsig.Sign(docSessionKey, atMax); err != nil {
		t.Errorf("Sign(MaxBodySize bytes) = %v", err)
	}
	if _, err := sessionsig.SignPay(docAppKey, docURI, atMax); err != nil {
		t.Errorf("SignPay(MaxBodySize bytes) = %v", err)
	}
	if _, err := sessionsig.SignRawData(docRawSessionKey, string(atMax)); err != nil {
		t.Errorf("SignRawData(MaxBodySize bytes) = %v", err)
	}
	sig := strings.Repeat("0", 64)
	checks := []struct {
		name    string
		err     error
		wantErr error
	}{
		{"Sign big", second(sessionsig.Sign(docSessionKey, big)), sessionsig.ErrBodyTooLarge},
		{"AppendSign big", second(sessionsig.AppendSign(nil, docSessionKey, big)), sessionsig.ErrBodyTooLarge},
		{"Verify big", sessionsig.Verify(docSessionKey, big, sig), sessionsig.ErrBodyTooLarge},
		{"SignPay big", second(sessionsig.SignPay(docAppKey, docURI, big)), sessionsig.ErrBodyTooLarge},
		{"VerifyPay big", sessionsig.VerifyPay(docAppKey, docURI, big, sig), sessionsig.ErrBodyTooLarge},
		{"SignRawData big", second(sessionsig.SignRawData(docRawSessionKey, string(big))), sessionsig.ErrBodyTooLarge},
		{"VerifyRawData big", sessionsig.VerifyRawData(docRawSessionKey, string(big), sig[:40]), sessionsig.ErrBodyTooLarge},
		{"Sign empty key", second(sessionsig.Sign("", nil)), sessionsig.ErrEmptyKey},
		{"Verify empty key", sessionsig.Verify("", nil, stdHMAC(nil, "")), sessionsig.ErrEmptyKey},
		{"SignPay empty key", second(sessionsig.SignPay("", docURI, nil)), sessionsig.ErrEmptyKey},
		{"VerifyPay empty key", sessionsig.VerifyPay("", docURI, nil, stdHMAC(nil, docURI+"&")), sessionsig.ErrEmptyKey},
		{"SignRawData empty key", second(sessionsig.SignRawData("", "x")), sessionsig.ErrEmptyKey},
		{"AppendSignRawData empty key", second(sessionsig.AppendSignRawData(nil, "", "x")), sessionsig.ErrEmptyKey},
		{"VerifyRawData empty key", sessionsig.VerifyRawData("", "x", sig[:40]), sessionsig.ErrEmptyKey},
		{"SignPay long uri", second(sessionsig.SignPay(docAppKey, "/"+strings.Repeat("a", sessionsig.MaxURILength), nil)), sessionsig.ErrInvalidURI},
	}
	for _, c := range checks {
		if !errors.Is(c.err, c.wantErr) {
			t.Errorf("%s: got %v, want %v", c.name, c.err, c.wantErr)
		}
	}
}

// TestErrorsCarryNoSecrets makes every error path run with recognisable
// secrets and checks that none of them shows up in the error text.
func TestErrorsCarryNoSecrets(t *testing.T) {
	const key = "SECRETKEYSECRETKEY+/=="
	const body = `{"secretbody":"SECRETBODY"}`
	sig := stdHMAC([]byte("other"), body)
	errs := []error{
		sessionsig.Verify(key, []byte(body), sig),
		sessionsig.Verify(key, []byte(body), sig[:10]),
		sessionsig.VerifyPay(key, "/p?SECRETQUERY", []byte(body), sig),
		sessionsig.VerifyPay(key, "/p", []byte(body), sig),
		sessionsig.VerifyRawData(key, body, sig[:40]),
		sessionsig.VerifyRawData(key, body, sig),
		sessionsig.Verify(key, make([]byte, sessionsig.MaxBodySize+1), sig),
	}
	for _, err := range errs {
		if err == nil {
			t.Fatal("expected an error")
		}
		for _, secret := range []string{"SECRET", sig, sig[:10]} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q contains %q", err, secret)
			}
		}
	}
}

func TestAppendLeavesDstOnError(t *testing.T) {
	dst := make([]byte, 3, 100)
	copy(dst, "abc")
	got, err := sessionsig.AppendSign(dst, "", nil)
	if err == nil || !bytes.Equal(got, []byte("abc")) {
		t.Errorf("AppendSign on error = %q, %v", got, err)
	}
}

// TestAllocations enforces the allocation budgets: the Append* and Verify*
// forms allocate nothing, the string forms allocate once (the result).
func TestAllocations(t *testing.T) {
	body := []byte(docPayBody)
	longKey := strings.Repeat("k", 100) // exercises the hashed-key path
	dst := make([]byte, 0, 64)
	var s string
	var err error
	cases := []struct {
		name string
		max  float64
		f    func()
	}{
		{"AppendSign", 0, func() { dst, err = sessionsig.AppendSign(dst[:0], docSessionKey, body) }},
		{"AppendSign long key", 0, func() { dst, err = sessionsig.AppendSign(dst[:0], longKey, body) }},
		{"AppendSignPay", 0, func() { dst, err = sessionsig.AppendSignPay(dst[:0], docAppKey, docURI, body) }},
		{"AppendSignRawData", 0, func() { dst, err = sessionsig.AppendSignRawData(dst[:0], docRawSessionKey, docRawData) }},
		{"Verify", 0, func() { err = sessionsig.Verify(docXpaySessionKey, body, docXpayUserSig) }},
		{"Verify mismatch", 0, func() { err = sessionsig.Verify(docSessionKey, body, docXpayUserSig) }},
		{"Verify malformed", 0, func() { err = sessionsig.Verify(docSessionKey, body, "zz") }},
		{"VerifyPay", 0, func() { err = sessionsig.VerifyPay(docAppKey, docURI, body, docPaySig) }},
		{"VerifyRawData", 0, func() { err = sessionsig.VerifyRawData(docRawSessionKey, docRawData, docRawSignature) }},
		{"Sign", 1, func() { s, err = sessionsig.Sign(docSessionKey, body) }},
		{"SignPay", 1, func() { s, err = sessionsig.SignPay(docAppKey, docURI, body) }},
		{"SignRawData", 1, func() { s, err = sessionsig.SignRawData(docRawSessionKey, docRawData) }},
	}
	for _, c := range cases {
		n := testing.AllocsPerRun(200, c.f)
		if n > c.max {
			t.Errorf("%s: %v allocations per call, budget %v", c.name, n, c.max)
		}
	}
	_, _ = s, err
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func mustDecodeHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func second[T any](_ T, err error) error { return err }
