// Package errcode reads the errcode/errmsg of WeChat platform answers:
//
//	{"errcode":0,"errmsg":"ok"}            -> nil
//	{"errcode":"87014","errmsg":"risky"}   -> *Error{Code: 87014, ...}, errors.Is ErrRiskyContent
//
// The trap: the platform's documents write errcode both as a JSON number and
// as a string holding one; [Parse] accepts both, absent means 0, and members
// are matched by exact name with duplicates refused, so that a second
// errcode, or an ERRCODE, cannot override the first. Any non-zero code is an
// [*Error] with the code and message as received; the codes a caller acts on
// also match a sentinel with errors.Is:
//
//	-1     ErrSystemBusy         retry the same request later
//	40001  ErrInvalidCredential  get a new access token, then retry
//	87009  ErrInvalidSignature   the login-state signature is wrong (package sessionsig)
//	87014  ErrRiskyContent       msg_sec_check's verdict, not a failure of the call
//
// [ParseObject] does the same for answers with members of their own and
// hands those back raw (package msghash reads checkEncryptedData's). Fetching
// the token and calling the APIs is the embedding SDK's job. Details are in
// spec/algorithms.md, section 8.
package errcode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/wxcrypto/wxcrypto/internal/jsonint"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/internal/quote"
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

// Sentinels for the codes a caller acts on. An *Error with the matching Code
// satisfies errors.Is with them.
var (
	// ErrSystemBusy is errcode -1, "system error": the platform is busy;
	// the documents ask to try again later.
	ErrSystemBusy = errors.New("errcode: system busy (-1), retry later")

	// ErrInvalidCredential is errcode 40001: the access token expired or a
	// newer one was fetched since. Get a new token and send the request
	// again with it.
	ErrInvalidCredential = errors.New("errcode: invalid credential (40001), access token invalid or not the latest")

	// ErrInvalidSignature is errcode 87009, "invalid signature", which the
	// platform answers to a wrong login-state signature (checkSessionKey).
	ErrInvalidSignature = errors.New("errcode: invalid signature (87009)")

	// ErrRiskyContent is errcode 87014, "risky content": msg_sec_check or
	// img_sec_check found the content unacceptable. For those APIs it is the
	// verdict, not a failure of the call.
	ErrRiskyContent = errors.New("errcode: risky content (87014)")
)

// known maps the documented codes to their meanings and sentinels. Codes
// that only a fix to the request cures have no sentinel: their meaning is in
// the message and their code in Error.Code.
var known = map[int]struct {
	sentinel error
	meaning  string
}{
	-1:    {ErrSystemBusy, "system busy, retry later"},
	40001: {ErrInvalidCredential, "invalid credential, get a new access token"},
	40097: {nil, "invalid args"},
	41005: {nil, "media data missing"},
	44002: {nil, "empty post data"},
	47001: {nil, "data format error"},
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
// is quoted, so that control characters from the peer cannot forge log lines,
// and cut to 256 bytes.
func (e *Error) Error() string {
	if k, ok := known[e.Code]; ok {
		return fmt.Sprintf("errcode: platform answered %d (%s): %s", e.Code, k.meaning, quote.Bounded(e.Msg))
	}
	return fmt.Sprintf("errcode: platform answered %d: %s", e.Code, quote.Bounded(e.Msg))
}

// Is makes errors.Is(err, ErrSystemBusy) and the like true for the matching
// documented code.
func (e *Error) Is(target error) bool {
	k, ok := known[e.Code]
	return ok && k.sentinel != nil && k.sentinel == target
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
//     as a string holding one, -?(0|[1-9][0-9]*) without white space,
//     '+' or leading zeros. Absent means 0:
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
		n, ok := jsonint.Parse(raw)
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
