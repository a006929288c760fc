package msghash

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/jsonint"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
)

// Reasons for a malformed answer, built once.
var (
	errBadValid      = fmt.Errorf("%w: checkEncryptedData: vaild or valid is not a boolean", errcode.ErrMalformed)
	errNoValid       = fmt.Errorf("%w: checkEncryptedData: neither vaild nor valid is present", errcode.ErrMalformed)
	errFoldedMember  = fmt.Errorf("%w: checkEncryptedData: a member name case-folds to vaild, valid or create_time", errcode.ErrMalformed)
	errBadCreateTime = fmt.Errorf("%w: checkEncryptedData: create_time is not a non-negative integer", errcode.ErrMalformed)
)

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
// errcode and errmsg are read by [errcode.ParseObject]: a non-zero errcode
// gives an *errcode.Error (matching errcode.ErrSystemBusy for -1). vaild (the
// platform's spelling) and valid are booleans, at least one present; if both
// are, the data is valid only if both are true, so a contradictory answer
// never counts as a success. create_time is unix seconds, a non-negative
// integer written like errcode; absent or 0 leaves CreateTime zero. Other
// members are ignored. Anything else wraps errcode.ErrMalformed, and an
// answer over errcode.MaxAnswerSize bytes is errcode.ErrTooLarge.
func ParseCheckResponse(body []byte) (CheckResult, error) {
	members, err := errcode.ParseObject(body)
	if err != nil {
		return CheckResult{}, err
	}
	for name := range members {
		if jsonobj.Folded(name, checkMembers[:]) != "" {
			return CheckResult{}, errFoldedMember
		}
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
		sec, ok := jsonint.Parse(raw)
		if !ok || sec < 0 {
			return CheckResult{}, errBadCreateTime
		}
		if sec != 0 {
			res.CreateTime = time.Unix(sec, 0).UTC()
		}
	}
	return res, nil
}

// checkMembers are the members ParseCheckResponse reads.
var checkMembers = [...]string{"vaild", "valid", "create_time"}

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
