// Package errcode parses the errcode/errmsg that WeChat platform APIs answer
// with.
//
// Server APIs (checkEncryptedData, checkSessionKey, msg_sec_check,
// img_sec_check and most others) answer with a JSON object such as
//
//	{"errcode":0,"errmsg":"ok"}
//	{"errcode":87014,"errmsg":"risky content"}
//
// and the platform's documents show errcode both as a JSON number and as a
// string holding one ({"errcode":"0","errmsg":"ok"} in the content-check
// pages). [Parse] accepts both, turns errcode 0 into nil and any other code
// into an [*Error] that keeps the code and message as received; the codes the
// documents describe also match a sentinel with errors.Is:
//
//	code   sentinel              meaning
//	-1     ErrSystemBusy         system busy: retry the same request later
//	40001  ErrInvalidCredential  access_token invalid or not the latest: get a new one
//	40097  ErrInvalidArgs        invalid args
//	41005  ErrMediaMissing       media data missing (no image in the request)
//	44002  ErrEmptyPostData      empty post data
//	47001  ErrDataFormat         data format error (the request's JSON/XML)
//	87009  ErrInvalidSignature   invalid signature
//	87014  ErrRiskyContent       risky content (the content check's verdict)
//
// [ParseObject] does the same for answers that carry members of their own
// next to errcode and errmsg, and hands those back raw, so that each API's
// parser reads its own members while this package owns errcode and errmsg
// (package msghash's checkEncryptedData parser is one). [ParseInt] is the
// integer rule errcode follows, for other members that platforms write either
// way.
//
// Everything is offline: fetching the access token and calling the APIs is
// the embedding SDK's job; this package only reads the answer body.
package errcode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
)

// MaxAnswerSize is the largest answer accepted, in bytes. Answers made of
// errcode, errmsg and a few members are under a kilobyte; the limit bounds
// the work a broken or hostile peer can cause. Read the HTTP body through
// io.LimitReader(body, MaxAnswerSize+1) so that an oversized answer is
// reported as ErrTooLarge instead of being cut silently.
const MaxAnswerSize = 64 << 10

var (
	// ErrTooLarge means the answer is longer than MaxAnswerSize.
	ErrTooLarge = errors.New("errcode: answer larger than MaxAnswerSize")

	// ErrMalformed means the answer is not a single JSON object with an
	// integer errcode and a string errmsg. Errors returned for it wrap this
	// value and say which part is wrong, without quoting the answer.
	ErrMalformed = errors.New("errcode: malformed platform answer")
)

// Sentinels for the documented codes. An *Error with the matching Code
// satisfies errors.Is with them.
var (
	// ErrSystemBusy is errcode -1, "system error": the platform is busy;
	// the documents ask to try again later. (*Error).Temporary reports it.
	ErrSystemBusy = errors.New("errcode: system busy (-1), retry later")

	// ErrInvalidCredential is errcode 40001, "invalid credential,
	// access_token is invalid or not latest": the access token expired or a
	// newer one was fetched since. Get a new token and send the request
	// again with it; (*Error).RetryWithNewToken reports it.
	ErrInvalidCredential = errors.New("errcode: invalid credential (40001), access token invalid or not the latest")

	// ErrInvalidArgs is errcode 40097, "invalid args".
	ErrInvalidArgs = errors.New("errcode: invalid args (40097)")

	// ErrMediaMissing is errcode 41005, "media data missing": an image
	// check's request did not carry the image where the platform looks for
	// it (the media part of the body, with a matching Content-Type).
	ErrMediaMissing = errors.New("errcode: media data missing (41005)")

	// ErrEmptyPostData is errcode 44002, "empty post data": the request had
	// no body.
	ErrEmptyPostData = errors.New("errcode: empty post data (44002)")

	// ErrDataFormat is errcode 47001, "data format error": the platform
	// could not parse the request's JSON or XML.
	ErrDataFormat = errors.New("errcode: data format error (47001)")

	// ErrInvalidSignature is errcode 87009, "invalid signature", which the
	// platform answers to a wrong login-state signature (checkSessionKey).
	ErrInvalidSignature = errors.New("errcode: invalid signature (87009)")

	// ErrRiskyContent is errcode 87014, "risky content": msg_sec_check or
	// img_sec_check found the content unacceptable. For those APIs it is the
	// verdict, not a failure of the call.
	ErrRiskyContent = errors.New("errcode: risky content (87014)")
)

// known maps the documented codes to their sentinels and meanings.
var known = map[int]struct {
	sentinel error
	meaning  string
}{
	-1:    {ErrSystemBusy, "system busy, retry later"},
	40001: {ErrInvalidCredential, "invalid credential, get a new access token"},
	40097: {ErrInvalidArgs, "invalid args"},
	41005: {ErrMediaMissing, "media data missing"},
	44002: {ErrEmptyPostData, "empty post data"},
	47001: {ErrDataFormat, "data format error"},
	87009: {ErrInvalidSignature, "invalid signature"},
	87014: {ErrRiskyContent, "risky content"},
}

// Reasons for ErrMalformed, built once.
var (
	errBadErrCode = fmt.Errorf("%w: errcode is not an integer of at most 32 bits", ErrMalformed)
	errBadErrMsg  = fmt.Errorf("%w: errmsg is not a string", ErrMalformed)
)

// Error is a non-zero errcode answered by the platform. Code and Msg are
// errcode and errmsg as received, also for codes this package does not know.
type Error struct {
	Code int
	Msg  string
}

// Error describes the error, with the documented meaning of known codes. Msg
// is quoted, so that control characters from the peer cannot forge log lines.
func (e *Error) Error() string {
	if k, ok := known[e.Code]; ok {
		return fmt.Sprintf("errcode: platform answered %d (%s): %q", e.Code, k.meaning, e.Msg)
	}
	return fmt.Sprintf("errcode: platform answered %d: %q", e.Code, e.Msg)
}

// Is makes errors.Is(err, ErrSystemBusy) and the like true for the matching
// documented code.
func (e *Error) Is(target error) bool {
	k, ok := known[e.Code]
	return ok && k.sentinel == target
}

// Temporary reports whether the same request may succeed if sent again
// later: true for errcode -1 (system busy), false for every other code.
func (e *Error) Temporary() bool {
	return e.Code == -1
}

// RetryWithNewToken reports whether the request failed on its access token
// and may succeed if sent again with a new one: true for errcode 40001
// (access_token invalid or not the latest), false for every other code.
// Getting the token is the caller's job.
func (e *Error) RetryWithNewToken() bool {
	return e.Code == 40001
}

// Parse reads an answer made of errcode and errmsg, such as
//
//	{"errcode":"0","errmsg":"ok"}
//	{"errcode":87014,"errmsg":"risky content"}
//
// It returns nil for errcode 0 and an *Error for any other code.
//
// Members, matched by exact name:
//   - errcode: an integer that fits in 32 bits, written as a JSON number or
//     as a string holding one, by the rule of ParseInt. Absent means 0:
//     some successful answers have no errcode at all, such as the access
//     token's {"access_token":"...","expires_in":7200}. A fraction, an
//     exponent, null or any other type is malformed.
//   - errmsg: a string; absent or null means "".
//
// Other members are ignored. The answer must be exactly one JSON object,
// without duplicate members and at most MaxAnswerSize bytes long; anything
// else gives an error wrapping ErrMalformed, or ErrTooLarge.
func Parse(body []byte) error {
	_, err := ParseObject(body)
	return err
}

// ParseObject is Parse for answers that carry members of their own next to
// errcode and errmsg. When errcode is 0 it returns every member of the
// answer by exact name (errcode and errmsg included) as raw JSON for the
// caller to read, and a nil error. Otherwise it returns a nil map and the
// error Parse returns.
//
// A member's value is never null-checked or type-checked here, apart from
// errcode and errmsg: that is the caller's part.
func ParseObject(body []byte) (map[string]json.RawMessage, error) {
	if len(body) > MaxAnswerSize {
		return nil, ErrTooLarge
	}
	// Names match exactly and duplicates are refused, so that a second
	// errcode, or an ERRCODE, cannot override the first.
	members, err := jsonobj.Map(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	code := 0
	if raw, ok := members["errcode"]; ok {
		n, ok := ParseInt(raw)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return nil, errBadErrCode
		}
		code = int(n)
	}
	msg, ok := parseString(members["errmsg"])
	if !ok {
		return nil, errBadErrMsg
	}
	if code != 0 {
		return nil, &Error{Code: code, Msg: msg}
	}
	return members, nil
}

// ParseInt reads a JSON value holding an integer, written either as a JSON
// number or as a string holding one, in the JSON number grammar without
// fraction or exponent: -?(0|[1-9][0-9]*). It reports false for a value
// outside the int64 range, white space inside the string, a '+' sign,
// leading zeros, null and every other type. It is the rule errcode follows;
// answer parsers use it for other members that platforms write either way
// (such as create_time).
func ParseInt(raw json.RawMessage) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	s := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
	}
	if !isIntegerText(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

func isIntegerText(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseString reads an optional string member: a string, or absent (nil)
// or null for "".
func parseString(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if raw == nil || string(raw) == "null" {
		return "", true
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}
