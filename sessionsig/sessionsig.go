// Package sessionsig computes and verifies the signatures a WeChat
// mini-program back end exchanges with the platform and with its own client:
//
//   - the login-state signature (用户登录态签名):
//     signature = hex(HMAC-SHA256(key = session_key, msg = body)),
//     where body is the request body, or the empty string for a GET request;
//   - the query parameters of checkSessionKey (GET /wxa/checksession), whose
//     signature is the login-state signature of the empty string, with
//     sig_method=hmac_sha256;
//   - the virtual-payment (xpay) signatures:
//     pay_sig = hex(HMAC-SHA256(key = AppKey, msg = uri + "&" + body)) and the
//     user signature = hex(HMAC-SHA256(key = session_key, msg = body)), which is
//     the login-state signature of the same body;
//   - the open-data rawData signature: signature = hex(SHA-1(rawData + session_key)).
//
// The formulas and their documented examples are in the project's algorithm
// notes (algorithms.md, sections 3 and 5), taken from the platform pages
// "checkSessionKey" (/minigame/dev/api/open-api/login/checkSessionKey.html),
// "用户登录态签名" (/minigame/dev/tutorial/open-ability/session-signature.html)
// and the virtual-payment server API.
//
// # The key is the base64 text
//
// session_key is handed out by code2Session as base64 text, for example
// "o0q0otL8aEzpcZL/FT9WsQ==". Every signature here uses that text, byte for
// byte, as the HMAC key or as the SHA-1 suffix. Decoding it first (which is
// what the AES open-data decryption does with the same value) gives a
// different, wrong signature; the documented examples only match with the
// text. The functions therefore take the session key as a string and never
// decode it.
//
// # The body is the bytes sent
//
// The platform signs and checks the exact bytes of the HTTP body. Signing a
// value that is serialised again afterwards (different spacing, key order or
// escaping) gives a different signature. The functions take the body as the
// []byte that will be sent, or that was received, and never re-serialise it.
//
// # Accepted signature text
//
// The platform produces lower-case hex and the Sign functions do too. The
// Verify functions accept exactly 64 hex digits (40 for the SHA-1 rawData
// signature), in lower or upper case, decode them and compare the bytes with
// the expected MAC in constant time. Anything else (another length, a
// non-hex character, surrounding white space, a "0x" prefix) is reported as
// [ErrMalformedSignature] rather than as a mismatch, so that a client sending
// the wrong encoding can be told apart from one sending a wrong signature.
// Only the shape of the caller-supplied text decides that early return; no
// secret-dependent comparison ends early.
//
// # Limits and errors
//
// Bodies and rawData are limited to [MaxBodySize] bytes and xpay uris to
// [MaxURILength] bytes; longer inputs are refused with [ErrBodyTooLarge] or
// [ErrInvalidURI] instead of being hashed. Empty keys are refused with
// [ErrEmptyKey]: a MAC under an empty key can be computed by anyone.
// Errors are, or wrap, the sentinel values below; test them with errors.Is. Their
// text never contains keys, session keys, bodies or signatures. No function
// panics on any input.
//
// # Allocations
//
// The Append* forms allocate nothing when dst has room for the result (64
// bytes, or 40 for [AppendSignRawData]); the string forms allocate once, for
// the returned string; the Verify functions allocate nothing.
package sessionsig

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

const (
	// SigMethod is the value of the sig_method parameter that accompanies a
	// login-state signature; it is the only method the platform supports.
	SigMethod = "hmac_sha256"

	// MaxBodySize is the largest body (or rawData) accepted, in bytes.
	// The platform's signed requests are small JSON documents; one MiB leaves
	// ample room while bounding the work an oversized input can cause.
	MaxBodySize = 1 << 20

	// MaxURILength is the longest xpay uri accepted, in bytes. The platform's
	// uris are short fixed paths such as "/xpay/query_user_balance".
	MaxURILength = 1024

	// SignatureLen is the length of a login-state or pay signature: 64 hex
	// digits of an HMAC-SHA256 value.
	SignatureLen = 2 * sha256.Size

	// RawDataSignatureLen is the length of a rawData signature: 40 hex digits
	// of a SHA-1 value.
	RawDataSignatureLen = 2 * sha1.Size
)

var (
	// ErrSignatureMismatch means the signature is well-formed but is not the
	// one the key and message give.
	ErrSignatureMismatch = errors.New("sessionsig: signature mismatch")

	// ErrMalformedSignature means the signature text is not a hex string of
	// the expected length. Errors returned for it wrap this value and state
	// the expected length.
	ErrMalformedSignature = errors.New("sessionsig: malformed signature")

	// ErrBodyTooLarge means the body or rawData is longer than MaxBodySize.
	ErrBodyTooLarge = errors.New("sessionsig: body larger than MaxBodySize")

	// ErrInvalidURI means an xpay uri is not a bare path: it is empty, does
	// not start with '/', starts with "//", carries a query string or a
	// fragment, contains a space or a byte outside printable ASCII, or is longer than
	// MaxURILength.
	ErrInvalidURI = errors.New("sessionsig: invalid uri: want a bare path such as /xpay/query_user_balance, without query string")

	// ErrEmptyKey means the session key or AppKey is empty.
	ErrEmptyKey = errors.New("sessionsig: empty key")

	// ErrEmptyOpenID means CheckSessionParams was given an empty openid.
	ErrEmptyOpenID = errors.New("sessionsig: empty openid")
)

// Wrapped once here so that Verify* can return them without allocating.
var (
	errMalformedMAC  = fmt.Errorf("%w: want %d hex digits", ErrMalformedSignature, SignatureLen)
	errMalformedSHA1 = fmt.Errorf("%w: want %d hex digits", ErrMalformedSignature, RawDataSignatureLen)
)

// Sign returns the login-state signature of body under sessionKey:
// lower-case hex(HMAC-SHA256(key = sessionKey, msg = body)).
//
// sessionKey is the base64 text as code2Session returned it, not its
// decoding. For a GET request body is empty (nil or zero length). The same
// value is the xpay user signature ("signature") of a virtual-payment
// request body.
//
// It fails only with ErrEmptyKey or ErrBodyTooLarge.
func Sign(sessionKey string, body []byte) (string, error) {
	var out [SignatureLen]byte
	if _, err := AppendSign(out[:0], sessionKey, body); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// AppendSign appends the 64-character login-state signature computed as by
// [Sign] to dst and returns the extended slice. On error dst is returned
// unchanged. It does not allocate when cap(dst)-len(dst) >= SignatureLen.
func AppendSign(dst []byte, sessionKey string, body []byte) ([]byte, error) {
	if err := checkKeyBody(sessionKey, body); err != nil {
		return dst, err
	}
	var mac [sha256.Size]byte
	hmacSHA256(&mac, sessionKey, "", "", body)
	return hex.AppendEncode(dst, mac[:]), nil
}

// Verify reports whether signature is the login-state signature of body under
// sessionKey, as computed by [Sign]. It returns nil on a match,
// ErrSignatureMismatch on a well-formed wrong signature, an error wrapping
// ErrMalformedSignature when signature is not exactly 64 hex digits, and
// ErrEmptyKey or ErrBodyTooLarge for unusable inputs. The comparison takes
// constant time.
func Verify(sessionKey string, body []byte, signature string) error {
	if err := checkKeyBody(sessionKey, body); err != nil {
		return err
	}
	var got [sha256.Size]byte
	if !decodeHex(got[:], signature) {
		return errMalformedMAC
	}
	var want [sha256.Size]byte
	hmacSHA256(&want, sessionKey, "", "", body)
	return compare(got[:], want[:])
}

// CheckSessionParams returns the query parameters that checkSessionKey
// (GET /wxa/checksession) needs besides access_token: "openid", "signature"
// (the login-state signature of the empty string under sessionKey) and
// "sig_method" (SigMethod). The caller adds access_token, which belongs to
// the API client, and sends v.Encode() as the query string; building the
// parameters here keeps the signature in the query, not the body, and
// percent-encodes openid correctly.
//
// It fails with ErrEmptyOpenID or ErrEmptyKey.
func CheckSessionParams(openID, sessionKey string) (url.Values, error) {
	if openID == "" {
		return nil, ErrEmptyOpenID
	}
	sig, err := Sign(sessionKey, nil)
	if err != nil {
		return nil, err
	}
	return url.Values{
		"openid":     {openID},
		"signature":  {sig},
		"sig_method": {SigMethod},
	}, nil
}

// SignPay returns the xpay pay_sig of a virtual-payment request:
// lower-case hex(HMAC-SHA256(key = appKey, msg = uri + "&" + body)).
//
// uri is the bare request path, such as "/xpay/query_user_balance", without
// the host and without the query string that will carry access_token and
// pay_sig; a uri containing '?' is refused with ErrInvalidURI, since signing
// it would give a pay_sig the platform rejects. body is the exact bytes that
// will be sent.
//
// It fails with ErrEmptyKey, ErrInvalidURI or ErrBodyTooLarge.
func SignPay(appKey, uri string, body []byte) (string, error) {
	var out [SignatureLen]byte
	if _, err := AppendSignPay(out[:0], appKey, uri, body); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// AppendSignPay appends the 64-character pay_sig computed as by [SignPay] to
// dst and returns the extended slice. On error dst is returned unchanged. It
// does not allocate when cap(dst)-len(dst) >= SignatureLen.
func AppendSignPay(dst []byte, appKey, uri string, body []byte) ([]byte, error) {
	if err := checkPay(appKey, uri, body); err != nil {
		return dst, err
	}
	var mac [sha256.Size]byte
	hmacSHA256(&mac, appKey, uri, "&", body)
	return hex.AppendEncode(dst, mac[:]), nil
}

// VerifyPay reports whether paySig is the pay_sig of uri and body under
// appKey, as computed by [SignPay]. Its results are those of [Verify], plus
// ErrInvalidURI for a uri SignPay refuses. The comparison takes constant time.
func VerifyPay(appKey, uri string, body []byte, paySig string) error {
	if err := checkPay(appKey, uri, body); err != nil {
		return err
	}
	var got [sha256.Size]byte
	if !decodeHex(got[:], paySig) {
		return errMalformedMAC
	}
	var want [sha256.Size]byte
	hmacSHA256(&want, appKey, uri, "&", body)
	return compare(got[:], want[:])
}

// SignRawData returns the open-data rawData signature:
// lower-case hex(SHA-1(rawData + sessionKey)).
//
// Note the order: rawData first, then the session key's base64 text. The
// arguments are key first, like every other function of this package.
// rawData is the string the client received from the platform, unchanged.
//
// This is a keyed hash of the platform's own design, not an HMAC; it is
// provided because the platform defines it. It fails with ErrEmptyKey or
// ErrBodyTooLarge.
func SignRawData(sessionKey, rawData string) (string, error) {
	var out [RawDataSignatureLen]byte
	if _, err := AppendSignRawData(out[:0], sessionKey, rawData); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// AppendSignRawData appends the 40-character rawData signature computed as by
// [SignRawData] to dst and returns the extended slice. On error dst is
// returned unchanged. It does not allocate when
// cap(dst)-len(dst) >= RawDataSignatureLen.
func AppendSignRawData(dst []byte, sessionKey, rawData string) ([]byte, error) {
	if err := checkKeyRaw(sessionKey, rawData); err != nil {
		return dst, err
	}
	var sum [sha1.Size]byte
	sha1Concat(&sum, rawData, sessionKey)
	return hex.AppendEncode(dst, sum[:]), nil
}

// VerifyRawData reports whether signature is the rawData signature of rawData
// under sessionKey, as computed by [SignRawData]. Its results are those of
// [Verify], except that a well-formed signature is exactly 40 hex digits.
// The comparison takes constant time.
func VerifyRawData(sessionKey, rawData, signature string) error {
	if err := checkKeyRaw(sessionKey, rawData); err != nil {
		return err
	}
	var got [sha1.Size]byte
	if !decodeHex(got[:], signature) {
		return errMalformedSHA1
	}
	var want [sha1.Size]byte
	sha1Concat(&want, rawData, sessionKey)
	return compare(got[:], want[:])
}

func checkKeyBody(key string, body []byte) error {
	if key == "" {
		return ErrEmptyKey
	}
	if len(body) > MaxBodySize {
		return ErrBodyTooLarge
	}
	return nil
}

func checkKeyRaw(key, rawData string) error {
	if key == "" {
		return ErrEmptyKey
	}
	if len(rawData) > MaxBodySize {
		return ErrBodyTooLarge
	}
	return nil
}

func checkPay(appKey, uri string, body []byte) error {
	if err := checkKeyBody(appKey, body); err != nil {
		return err
	}
	if !validURI(uri) {
		return ErrInvalidURI
	}
	return nil
}

// validURI reports whether uri is a bare absolute path: non-empty, at most
// MaxURILength bytes, starting with a single '/', made of printable ASCII without spaces,
// with no '?' (query) or '#' (fragment).
func validURI(uri string) bool {
	if len(uri) == 0 || len(uri) > MaxURILength || uri[0] != '/' {
		return false
	}
	if len(uri) > 1 && uri[1] == '/' {
		return false // "//host/path" is a network-path reference, not a path
	}
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c <= ' ' || c >= 0x7f || c == '?' || c == '#' {
			return false
		}
	}
	return true
}

// decodeHex decodes s, which must be exactly 2*len(dst) hex digits of either
// case, into dst. It reports whether s had that form. It works on a stack
// copy of s so that nothing is allocated.
func decodeHex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) || len(dst) > sha256.Size {
		return false
	}
	var buf [2 * sha256.Size]byte
	n := copy(buf[:], s)
	_, err := hex.Decode(dst, buf[:n])
	return err == nil
}

// compare checks two MACs of equal length in constant time.
func compare(got, want []byte) error {
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrSignatureMismatch
	}
	return nil
}

// SignPayEvent returns the PayEventSig of a virtual-payment push event:
// lower-case hex(HMAC-SHA256(key = appKey, msg = event + "&" + payload)),
// where event is the push's Event (such as "xpay_goods_deliver_notify") and
// payload its Payload string exactly as received.
func SignPayEvent(appKey, event, payload string) (string, error) {
	if err := checkPayEvent(appKey, event, payload); err != nil {
		return "", err
	}
	var mac [sha256.Size]byte
	hmacSHA256(&mac, appKey, event, "&", []byte(payload))
	return hex.EncodeToString(mac[:]), nil
}

// VerifyPayEvent reports whether paySig is the PayEventSig of event and
// payload under appKey, as computed by [SignPayEvent]. The comparison takes
// constant time.
func VerifyPayEvent(appKey, event, payload, paySig string) error {
	if err := checkPayEvent(appKey, event, payload); err != nil {
		return err
	}
	var got [sha256.Size]byte
	if !decodeHex(got[:], paySig) {
		return errMalformedMAC
	}
	var want [sha256.Size]byte
	hmacSHA256(&want, appKey, event, "&", []byte(payload))
	return compare(got[:], want[:])
}

func checkPayEvent(appKey, event, payload string) error {
	if err := checkKeyRaw(appKey, payload); err != nil {
		return err
	}
	if event == "" || len(event) > MaxURILength || strings.ContainsAny(event, "& \t\r\n") {
		return errInvalidEvent
	}
	return nil
}

var errInvalidEvent = errors.New("sessionsig: invalid event: want the push's Event, such as xpay_goods_deliver_notify")
