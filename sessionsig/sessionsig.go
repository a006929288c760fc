// Package sessionsig computes and verifies the signatures a WeChat
// mini-program back end exchanges with the platform and its own client:
//
//	login state, xpay user:  signature   = hex(HMAC-SHA256(session_key, body))
//	xpay server API:         pay_sig     = hex(HMAC-SHA256(appKey, uri + "&" + body))
//	xpay client call:        paySig      = hex(HMAC-SHA256(appKey, method + "&" + signData))
//	xpay push event:         PayEventSig = hex(HMAC-SHA256(appKey, event + "&" + payload))
//	open-data rawData:       signature   = hex(SHA-1(rawData + session_key))
//
// checkSessionKey sends the login-state signature of the empty body
// ([CheckSessionParams]). For a client payment (wx.requestVirtualPayment and
// its mini-game and B2b twins) the uri is the bare method name, such as
// [RequestVirtualPayment]; for a server API it is the request path, such as
// "/xpay/query_user_balance", without its query string.
//
// The trap: session_key is used as its base64 text, byte for byte, never
// decoded, and the body is the exact bytes sent. A session key that is not
// 24 characters of base64 of 16 bytes is refused ([ErrSessionKey]); one
// whose '+' became a space in URL or form decoding is named as such, instead
// of signing the damaged text and earning the platform's 87009.
//
// Signatures are lower-case hex; verification compares in constant time and
// refuses any other text (upper case too) with [ErrSignature]. Errors never
// contain keys, bodies or signatures. The formulas and documented examples
// are in spec/algorithms.md, sections 3 and 5.
package sessionsig

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/wxcrypto/wxcrypto/internal/strictb64"
)

// The client payment methods whose paySig signs the method name.
const (
	RequestVirtualPayment       = "requestVirtualPayment"       // wx.requestVirtualPayment (mini-programs)
	RequestMidasPaymentGameItem = "requestMidasPaymentGameItem" // wx.requestMidasPaymentGameItem (mini-games)
	RequestCommonPayment        = "requestCommonPayment"        // wx.requestCommonPayment (B2b)
)

var (
	// ErrSignature means the signature does not verify: it is not the one
	// the key and message give, or not lower-case hex of the right length
	// (the error then says so).
	ErrSignature = errors.New("sessionsig: signature does not verify")

	// ErrSessionKey means the session key is not 24 characters of strict
	// base64 decoding to 16 bytes, as code2Session hands it out.
	ErrSessionKey = errors.New("sessionsig: session_key is not 24 characters of base64 of 16 bytes")

	// ErrInput means an argument other than the session key or the
	// signature is unusable: an empty appKey, openid or event, a uri that is
	// neither a request path nor a client method name, or a body over 1 MiB.
	// The error says which and what to pass instead.
	ErrInput = errors.New("sessionsig: invalid input")
)

const (
	// maxBody bounds the bytes hashed per call. The platform's signed
	// requests are small JSON documents.
	maxBody = 1 << 20
	maxURI  = 1024
	sigLen  = 2 * sha256.Size
	sigMeth = "hmac_sha256" // the only sig_method the platform supports
)

// Built once, so that verification allocates nothing on these paths.
var (
	errSigShape   = fmt.Errorf("%w: want %d lower-case hex digits", ErrSignature, sigLen)
	errSHA1Shape  = fmt.Errorf("%w: want %d lower-case hex digits", ErrSignature, 2*sha1.Size)
	errKeySpace   = fmt.Errorf("%w: it contains a space, probably a '+' turned into a space by URL or form decoding", ErrSessionKey)
	errBody       = fmt.Errorf("%w: body larger than 1 MiB", ErrInput)
	errAppKey     = fmt.Errorf("%w: empty appKey", ErrInput)
	errOpenID     = fmt.Errorf("%w: empty openid", ErrInput)
	errEvent      = fmt.Errorf("%w: event is not a push Event name such as xpay_goods_deliver_notify", ErrInput)
	errURIQuery   = fmt.Errorf("%w: uri has a query string: sign the request path alone, such as /xpay/query_user_balance (access_token and pay_sig go in the query, unsigned)", ErrInput)
	errURISlashed = fmt.Errorf("%w: a client payment signs the bare method name: pass %s, %s or %s, without a slash", ErrInput, RequestVirtualPayment, RequestMidasPaymentGameItem, RequestCommonPayment)
	errURICase    = fmt.Errorf("%w: method names are case-sensitive: pass %s, %s or %s", ErrInput, RequestVirtualPayment, RequestMidasPaymentGameItem, RequestCommonPayment)
	errURINoSlash = fmt.Errorf("%w: a server uri is the request path with its leading slash, such as /xpay/query_user_balance", ErrInput)
	errURI        = fmt.Errorf("%w: want a request path such as /xpay/query_user_balance (printable ASCII, no host, query or fragment) or a client method name such as %s", ErrInput, RequestVirtualPayment)
)

// Sign returns the login-state signature of body under sessionKey, the
// base64 text as code2Session returned it. For a GET request body is empty.
// The same value is the xpay user signature of a server API body or of a
// client call's signData.
func Sign(sessionKey string, body []byte) (string, error) {
	if err := checkSessionKey(sessionKey); err != nil {
		return "", err
	}
	if len(body) > maxBody {
		return "", errBody
	}
	return hmacHex(sessionKey, "", body), nil
}

// Verify checks that signature is the login-state signature of body under
// sessionKey, as [Sign] computes it.
func Verify(sessionKey string, body []byte, signature string) error {
	want, err := Sign(sessionKey, body)
	if err != nil {
		return err
	}
	return compare(signature, want, errSigShape)
}

// CheckSessionParams returns the query parameters of checkSessionKey
// (GET /wxa/checksession) besides access_token, which the API client adds:
// openid, signature (the login-state signature of the empty body) and
// sig_method=hmac_sha256.
func CheckSessionParams(openID, sessionKey string) (url.Values, error) {
	if openID == "" {
		return nil, errOpenID
	}
	sig, err := Sign(sessionKey, nil)
	if err != nil {
		return nil, err
	}
	return url.Values{"openid": {openID}, "signature": {sig}, "sig_method": {sigMeth}}, nil
}

// SignPay returns the xpay pay_sig of uri and body under appKey. uri is a
// server API's request path ("/xpay/query_user_balance"), without host or
// query string, or one of the client payment methods ([RequestVirtualPayment],
// [RequestMidasPaymentGameItem], [RequestCommonPayment]), whose body is the
// signData string the client passes. body is the exact bytes sent. The user
// signature that goes beside pay_sig (or paySig) is [Sign] of the same body.
func SignPay(appKey, uri string, body []byte) (string, error) {
	if err := checkURI(uri); err != nil {
		return "", err
	}
	return signApp(appKey, uri, body)
}

// VerifyPay checks that paySig is the pay_sig of uri and body under appKey,
// as [SignPay] computes it.
func VerifyPay(appKey, uri string, body []byte, paySig string) error {
	want, err := SignPay(appKey, uri, body)
	if err != nil {
		return err
	}
	return compare(paySig, want, errSigShape)
}

// SignPayEvent returns the PayEventSig of a virtual-payment push event:
// event is the push's Event (such as "xpay_goods_deliver_notify") and
// payload its Payload string exactly as received.
func SignPayEvent(appKey, event, payload string) (string, error) {
	if event == "" || len(event) > maxURI || strings.ContainsAny(event, "&?/ \t\r\n") {
		return "", errEvent
	}
	return signApp(appKey, event, []byte(payload))
}

// VerifyPayEvent checks that paySig is the PayEventSig of event and payload
// under appKey, as [SignPayEvent] computes it.
func VerifyPayEvent(appKey, event, payload, paySig string) error {
	want, err := SignPayEvent(appKey, event, payload)
	if err != nil {
		return err
	}
	return compare(paySig, want, errSigShape)
}

// VerifyRawData checks the open-data rawData signature that the client got
// with the user info: hex(SHA-1(rawData + sessionKey)), rawData first.
func VerifyRawData(sessionKey, rawData, signature string) error {
	if err := checkSessionKey(sessionKey); err != nil {
		return err
	}
	if len(rawData) > maxBody {
		return errBody
	}
	h := sha1.New()
	h.Write([]byte(rawData))
	h.Write([]byte(sessionKey))
	return compare(signature, hex.EncodeToString(h.Sum(nil)), errSHA1Shape)
}

func signApp(appKey, head string, body []byte) (string, error) {
	if appKey == "" {
		return "", errAppKey // a MAC under an empty key can be computed by anyone
	}
	if len(body) > maxBody {
		return "", errBody
	}
	return hmacHex(appKey, head+"&", body), nil
}

func hmacHex(key, head string, body []byte) string {
	h := hmac.New(sha256.New, []byte(key))
	h.Write([]byte(head))
	h.Write(body)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// checkSessionKey accepts exactly what code2Session hands out. The text, not
// its decoding, is then the key; decoding here only proves its shape.
func checkSessionKey(k string) error {
	if strings.Contains(k, " ") {
		return errKeySpace
	}
	if !strictb64.Is16(k) {
		return ErrSessionKey
	}
	return nil
}

// checkURI accepts a client method name or a bare request path, and names
// the usual mistakes: a query string, "/requestVirtualPayment", "xpay/...".
func checkURI(uri string) error {
	switch uri {
	case RequestVirtualPayment, RequestMidasPaymentGameItem, RequestCommonPayment:
		return nil
	}
	if len(uri) > maxURI {
		return errURI
	}
	if strings.ContainsRune(uri, '?') {
		return errURIQuery
	}
	for _, m := range []string{RequestVirtualPayment, RequestMidasPaymentGameItem, RequestCommonPayment} {
		switch {
		case strings.EqualFold(strings.TrimLeft(uri, "/"), m) && uri[0] == '/':
			return errURISlashed
		case strings.EqualFold(uri, m):
			return errURICase
		}
	}
	if !strings.HasPrefix(uri, "/") {
		if strings.HasPrefix(uri, "xpay/") {
			return errURINoSlash
		}
		return errURI
	}
	if strings.HasPrefix(uri, "//") {
		return errURI // "//host/path" names a host, not a path
	}
	for i := 0; i < len(uri); i++ {
		if c := uri[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return errURI
		}
	}
	return nil
}

// compare checks got against the lower-case hex want in constant time. Only
// the shape of got, which the caller supplied, can end it early.
func compare(got, want string, shape error) error {
	if len(got) != len(want) || strings.IndexFunc(got, notLowerHex) >= 0 {
		return shape
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return ErrSignature
	}
	return nil
}

func notLowerHex(r rune) bool { return (r < '0' || r > '9') && (r < 'a' || r > 'f') }
