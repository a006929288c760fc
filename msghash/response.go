package msghash

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/errcode"
)

// MaxResponseSize is the largest checkEncryptedData answer accepted, in
// bytes: errcode.MaxAnswerSize. The real answer is under a hundred bytes;
// the limit bounds the work a broken or hostile peer can cause. Read the
// HTTP body through io.LimitReader(body, MaxResponseSize+1) so that an
// oversized answer is reported as ErrResponseTooLarge instead of being cut
// silently.
const MaxResponseSize = errcode.MaxAnswerSize

var (
	// ErrResponseTooLarge means the answer is longer than MaxResponseSize.
	ErrResponseTooLarge = errors.New("msghash: answer larger than MaxResponseSize")

	// ErrMalformedResponse means the answer is not a JSON object of the
	// documented shape. Errors returned for it wrap this value and say which
	// part is wrong; those about the JSON object, errcode or errmsg also
	// wrap errcode.ErrMalformed.
	ErrMalformedResponse = errors.New("msghash: malformed checkEncryptedData answer")
)

// Sentinels for the codes that the checkEncryptedData and checkSessionKey
// pages document. They are package errcode's sentinels, under the names this
// package has always had; an *APIError with the matching Code satisfies
// errors.Is with them, and with errcode's other sentinels (such as
// errcode.ErrInvalidCredential) for their codes.
var (
	// ErrSystemBusy is errcode -1, "system error": the platform is busy and
	// the call may be retried later.
	ErrSystemBusy = errcode.ErrSystemBusy

	// ErrInvalidArgs is errcode 40097, "invalid args".
	ErrInvalidArgs = errcode.ErrInvalidArgs

	// ErrEmptyPostData is errcode 44002, "empty post data": the request had
	// no body.
	ErrEmptyPostData = errcode.ErrEmptyPostData

	// ErrDataFormat is errcode 47001, "data format error": the platform could
	// not parse the request's JSON.
	ErrDataFormat = errcode.ErrDataFormat

	// ErrInvalidSignature is errcode 87009, "invalid signature", which the
	// platform answers to a wrong login-state signature.
	ErrInvalidSignature = errcode.ErrInvalidSignature
)

// Reasons for ErrMalformedResponse, built once.
var (
	errBadValid      = fmt.Errorf("%w: vaild or valid is not a boolean", ErrMalformedResponse)
	errNoValid       = fmt.Errorf("%w: neither vaild nor valid is present", ErrMalformedResponse)
	errBadCreateTime = fmt.Errorf("%w: create_time is not a non-negative integer", ErrMalformedResponse)
)

// APIError is a non-zero errcode answered by the platform: package errcode's
// Error. Code and Msg are errcode and errmsg as received, also for codes
// neither package knows; Temporary reports errcode -1 (system busy).
type APIError = errcode.Error

// CheckResult is a successful checkEncryptedData answer.
type CheckResult struct {
	// Valid reports whether the platform vouches that it produced the data.
	Valid bool

	// CreateTime is when the platform produced the data, in UTC, with second
	// precision. It is the zero Time when the answer carries no create_time
	// or carries 0, as it may for data that is not valid.
	CreateTime time.Time
}

// ParseCheckResponse parses the body of a checkEncryptedData answer, such as
//
//	{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}
//
// A non-zero errcode gives a zero CheckResult and an *APIError, which
// satisfies errors.Is with ErrSystemBusy, ErrInvalidArgs, ErrEmptyPostData,
// ErrDataFormat or ErrInvalidSignature for the documented codes (and with
// the other sentinels of package errcode for theirs).
//
// errcode and errmsg are read by package errcode (errcode.ParseObject):
// errcode is an integer written as a JSON number or as a numeric string
// ("0"), absent meaning 0; errmsg is a string, absent or null meaning "".
// The other members, matched by exact name:
//   - vaild (the platform's spelling) and valid: booleans. At least one must
//     be present when errcode is 0. If both are present the data is valid
//     only if both are true, so a contradictory answer never counts as a
//     success.
//   - create_time: unix seconds, a non-negative integer written like errcode
//     (errcode.ParseInt); absent or 0 leaves CreateTime zero.
//
// Other members are ignored, since the platform may add some. The answer must
// be exactly one JSON object, without duplicate members and at most
// MaxResponseSize bytes long; anything else gives an error wrapping
// ErrMalformedResponse, or ErrResponseTooLarge.
func ParseCheckResponse(body []byte) (CheckResult, error) {
	if len(body) > MaxResponseSize {
		return CheckResult{}, ErrResponseTooLarge
	}
	members, err := errcode.ParseObject(body)
	if err != nil {
		if errors.Is(err, errcode.ErrMalformed) {
			return CheckResult{}, fmt.Errorf("%w: %w", ErrMalformedResponse, err)
		}
		return CheckResult{}, err
	}

	vaild, hasVaild, ok1 := parseBool(members["vaild"])
	valid, hasValid, ok2 := parseBool(members["valid"])
	if !ok1 || !ok2 {
		return CheckResult{}, errBadValid
	}
	if !hasVaild && !hasValid {
		return CheckResult{}, errNoValid
	}
	res := CheckResult{Valid: (vaild || !hasVaild) && (valid || !hasValid)}

	if raw := members["create_time"]; raw != nil {
		sec, ok := errcode.ParseInt(raw)
		if !ok || sec < 0 {
			return CheckResult{}, errBadCreateTime
		}
		if sec != 0 {
			res.CreateTime = time.Unix(sec, 0).UTC()
		}
	}
	return res, nil
}

// parseBool reads an optional boolean member: present reports whether raw
// was given, ok whether it was a JSON boolean (null is refused).
func parseBool(raw json.RawMessage) (value, present, ok bool) {
	if raw == nil {
		return false, false, true
	}
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return true, true, true
	case "false":
		return false, true, true
	}
	return false, true, false
}
