package msghash

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// MaxResponseSize is the largest checkEncryptedData answer accepted, in
// bytes. The real answer is under a hundred bytes; the limit bounds the work
// a broken or hostile peer can cause. Read the HTTP body through
// io.LimitReader(body, MaxResponseSize+1) so that an oversized answer is
// reported as ErrResponseTooLarge instead of being cut silently.
const MaxResponseSize = 64 << 10

var (
	// ErrResponseTooLarge means the answer is longer than MaxResponseSize.
	ErrResponseTooLarge = errors.New("msghash: answer larger than MaxResponseSize")

	// ErrMalformedResponse means the answer is not a JSON object of the
	// documented shape. Errors returned for it wrap this value and say which
	// part is wrong.
	ErrMalformedResponse = errors.New("msghash: malformed checkEncryptedData answer")
)

// Sentinels for the documented error codes. An *APIError with the matching
// Code satisfies errors.Is with them.
var (
	// ErrSystemBusy is errcode -1, "system error": the platform is busy and
	// the call may be retried later.
	ErrSystemBusy = errors.New("msghash: platform system error (errcode -1), retry later")

	// ErrInvalidArgs is errcode 40097, "invalid args".
	ErrInvalidArgs = errors.New("msghash: invalid args (errcode 40097)")

	// ErrEmptyPostData is errcode 44002, "empty post data": the request had
	// no body.
	ErrEmptyPostData = errors.New("msghash: empty post data (errcode 44002)")

	// ErrDataFormat is errcode 47001, "data format error": the platform could
	// not parse the request's JSON.
	ErrDataFormat = errors.New("msghash: data format error (errcode 47001)")

	// ErrInvalidSignature is errcode 87009, "invalid signature", which the
	// platform answers to a wrong login-state signature.
	ErrInvalidSignature = errors.New("msghash: invalid signature (errcode 87009)")
)

// Reasons for ErrMalformedResponse, built once.
var (
	errNotJSON       = fmt.Errorf("%w: not JSON", ErrMalformedResponse)
	errNotObject     = fmt.Errorf("%w: not a JSON object", ErrMalformedResponse)
	errDuplicate     = fmt.Errorf("%w: duplicate member", ErrMalformedResponse)
	errTrailing      = fmt.Errorf("%w: data after the JSON object", ErrMalformedResponse)
	errBadErrCode    = fmt.Errorf("%w: errcode is not an integer", ErrMalformedResponse)
	errBadErrMsg     = fmt.Errorf("%w: errmsg is not a string", ErrMalformedResponse)
	errBadValid      = fmt.Errorf("%w: vaild or valid is not a boolean", ErrMalformedResponse)
	errNoValid       = fmt.Errorf("%w: neither vaild nor valid is present", ErrMalformedResponse)
	errBadCreateTime = fmt.Errorf("%w: create_time is not a non-negative integer", ErrMalformedResponse)
)

// APIError is a non-zero errcode answered by the platform. Code and Msg are
// errcode and errmsg as received, also for codes this package does not know.
type APIError struct {
	Code int
	Msg  string
}

// Error describes the error, with the documented meaning of known codes. Msg
// is quoted, so that control characters from the peer cannot forge log lines.
func (e *APIError) Error() string {
	if s := codeSentinel(e.Code); s != nil {
		return fmt.Sprintf("msghash: platform answered errcode %d (%s): %q", e.Code, codeMeaning(e.Code), e.Msg)
	}
	return fmt.Sprintf("msghash: platform answered errcode %d: %q", e.Code, e.Msg)
}

// Is makes errors.Is(err, ErrSystemBusy) and the like true for the matching
// documented code.
func (e *APIError) Is(target error) bool {
	s := codeSentinel(e.Code)
	return s != nil && s == target
}

// Temporary reports whether the same request may succeed if retried later:
// true for errcode -1 (system busy), false for every other code.
func (e *APIError) Temporary() bool {
	return e.Code == -1
}

func codeSentinel(code int) error {
	switch code {
	case -1:
		return ErrSystemBusy
	case 40097:
		return ErrInvalidArgs
	case 44002:
		return ErrEmptyPostData
	case 47001:
		return ErrDataFormat
	case 87009:
		return ErrInvalidSignature
	}
	return nil
}

func codeMeaning(code int) string {
	switch code {
	case -1:
		return "system error, retry later"
	case 40097:
		return "invalid args"
	case 44002:
		return "empty post data"
	case 47001:
		return "data format error"
	case 87009:
		return "invalid signature"
	}
	return ""
}

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
// ErrDataFormat or ErrInvalidSignature for the documented codes.
//
// Members, matched by exact name:
//   - errcode: an integer, written as a JSON number or as a numeric string
//     ("0"), since platform documents show both; absent means 0. A fraction,
//     an exponent, null or any other type is malformed.
//   - errmsg: a string; absent or null means "".
//   - vaild (the platform's spelling) and valid: booleans. At least one must
//     be present when errcode is 0. If both are present the data is valid
//     only if both are true, so a contradictory answer never counts as a
//     success.
//   - create_time: unix seconds, a non-negative integer written like errcode;
//     absent or 0 leaves CreateTime zero.
//
// Other members are ignored, since the platform may add some. The answer must
// be exactly one JSON object, without duplicate members and at most
// MaxResponseSize bytes long; anything else gives an error wrapping
// ErrMalformedResponse, or ErrResponseTooLarge.
func ParseCheckResponse(body []byte) (CheckResult, error) {
	if len(body) > MaxResponseSize {
		return CheckResult{}, ErrResponseTooLarge
	}
	members, err := decodeObject(body)
	if err != nil {
		return CheckResult{}, err
	}
	code, ok := parseErrCode(members["errcode"])
	if !ok {
		return CheckResult{}, errBadErrCode
	}
	msg, ok := parseErrMsg(members["errmsg"])
	if !ok {
		return CheckResult{}, errBadErrMsg
	}
	if code != 0 {
		return CheckResult{}, &APIError{Code: code, Msg: msg}
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
		sec, ok := jsonInteger(raw)
		if !ok || sec < 0 {
			return CheckResult{}, errBadCreateTime
		}
		if sec != 0 {
			res.CreateTime = time.Unix(sec, 0).UTC()
		}
	}
	return res, nil
}

// decodeObject splits a JSON object into its members' raw values. Unlike
// json.Unmarshal into a struct it matches names exactly (not ignoring case)
// and refuses duplicate members, so that a second "vaild" cannot override the
// first; it also refuses anything after the object.
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, errNotJSON
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errNotObject
	}
	members := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, errNotJSON
		}
		name, ok := tok.(string)
		if !ok {
			return nil, errNotJSON
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, errNotJSON
		}
		if _, dup := members[name]; dup {
			return nil, errDuplicate
		}
		members[name] = v
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, errNotJSON
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errTrailing
	}
	return members, nil
}

// parseErrCode reads the errcode member of a platform answer; raw is the
// member's JSON value, or nil when the member is absent, which means 0 (the
// platform omits errcode in some successful answers). Platform documents show
// errcode both as a JSON number and as a numeric string, so both are
// accepted; the value must be an integer that fits in 32 bits. It reports
// false for anything else. It depends on nothing but jsonInteger, so that it
// can serve every platform answer.
func parseErrCode(raw json.RawMessage) (int, bool) {
	if raw == nil {
		return 0, true
	}
	n, ok := jsonInteger(raw)
	if !ok || n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}

// jsonInteger reads a JSON value that is an integer written either as a
// number or as a string holding one, in the JSON number grammar without
// fraction or exponent: -?(0|[1-9][0-9]*). Surrounding white space inside a
// string, a '+' sign, leading zeros, null and every other type are refused.
func jsonInteger(raw json.RawMessage) (int64, bool) {
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
	return n, err == nil
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

// parseErrMsg reads errmsg: a string, or absent or null for "".
func parseErrMsg(raw json.RawMessage) (string, bool) {
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
