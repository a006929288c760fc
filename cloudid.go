package wxcrypto

// Open data through a cloud call (cloudID).
//
// With a cloud call the client does not send encryptedData: it passes a
// cloudID, built with wx.cloud.CloudID(...), as a top-level field of the
// call's data, and the platform replaces that field, before the function
// sees the event, with the open data itself:
//
//	"weRunData": {"cloudID": "xxx", "data": {"stepInfoList": [...], "watermark": {...}}}
//
// or, when the cloudID was invalid or expired (it lives five minutes), with
// an error:
//
//	"weRunData": {"cloudID": "xxx", "errCode": -601006, "errMsg": "cloudID expired."}
//
// Only top-level fields are replaced, at most MaxCloudIDs per call; a
// cloudID anywhere else arrives as the plain string the client wrote.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/wxcrypto/wxcrypto/internal/jsonint"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// MaxCloudEventSize is the largest cloud-call event, or single field, that
// ParseCloudEvent and the Cloud methods accept, in bytes. Replaced open data
// is a few kilobytes; the rest of an event is the application's own data.
const MaxCloudEventSize = 4 << 20

// MaxCloudIDs is how many top-level fields the platform replaces in one
// cloud call, as its documents state.
const MaxCloudIDs = 5

// codeCloudIDExpired is the errCode of an expired cloudID.
const codeCloudIDExpired = -601006

var (
	// ErrCloudField means a cloud-call field is not one of the two shapes
	// the platform delivers: a JSON object with a string cloudID and either
	// a data object or a non-zero integer errCode (with an optional string
	// errMsg), but not both. Errors returned for it wrap this value and say
	// which part is wrong, without quoting the field.
	ErrCloudField = errors.New("wxcrypto: malformed cloud-call field")

	// ErrCloudEvent means a cloud-call event is not a JSON object with
	// distinct member names, is larger than MaxCloudEventSize, or has more
	// fields in a cloudID's shape than the platform replaces (MaxCloudIDs).
	ErrCloudEvent = errors.New("wxcrypto: malformed cloud-call event")

	// ErrCloudID means the platform did not exchange a cloudID for open
	// data and put an errCode in its place. The error is a *CloudIDError.
	ErrCloudID = errors.New("wxcrypto: cloudID not exchanged for open data")

	// ErrCloudIDExpired is errCode -601006, "cloudID expired.": cloudIDs
	// live five minutes. The client must get a new one. The error is a
	// *CloudIDError, which also matches ErrCloudID.
	ErrCloudIDExpired = errors.New("wxcrypto: cloudID expired (errCode -601006)")
)

// CloudIDError is a field that the platform could not replace with open
// data, as it arrived: the cloudID the client sent, and the platform's
// errCode and errMsg. errors.Is matches it with ErrCloudID, and with
// ErrCloudIDExpired for errCode -601006.
type CloudIDError struct {
	CloudID string
	Code    int
	Msg     string
}

// Error describes the error with the platform's code and message (quoted,
// so that control characters cannot forge log lines). It leaves the cloudID
// out: a cloudID that has not expired can still be exchanged, so log the
// CloudID field only deliberately.
func (e *CloudIDError) Error() string {
	if e.Code == codeCloudIDExpired {
		return fmt.Sprintf("%v: errCode %d (cloudID expired): %q", ErrCloudID, e.Code, e.Msg)
	}
	return fmt.Sprintf("%v: errCode %d: %q", ErrCloudID, e.Code, e.Msg)
}

// Is reports whether target is ErrCloudIDExpired and the code is -601006.
func (e *CloudIDError) Is(target error) bool {
	return target == ErrCloudIDExpired && e.Code == codeCloudIDExpired
}

// Unwrap returns ErrCloudID.
func (e *CloudIDError) Unwrap() error { return ErrCloudID }

// CloudOpen reads one replaced field of a cloud-call event, the value of
// the top-level field as the function received it, such as
//
//	{"cloudID":"xxx","data":{"stepInfoList":[...],"watermark":{"appid":"wx...","timestamp":1554815786}}}
//
// verifies the watermark of its data with the Opener's policy, as Open does,
// and returns the data's JSON and its watermark. Use it for payloads
// without a type of their own here.
//
// A field in the error shape, {"cloudID":...,"errCode":...,"errMsg":...},
// gives a *CloudIDError. The field is told apart by its errCode member:
//   - without errCode it must have a data member holding a JSON object;
//   - with errCode it must not have data. errCode is a non-zero integer
//     that fits in 32 bits, written as a JSON number or as a string holding
//     one, by package errcode's rule; errMsg is a string,
//     absent or null meaning "".
//
// cloudID must be a string. Members are matched by exact name; other members
// are ignored, and a duplicate member is an error. The field must be one
// JSON object of at most MaxCloudEventSize bytes. Anything else gives an
// error wrapping ErrCloudField.
//
// The watermark is not a signature: offline code cannot tell a field that
// the platform replaced from an object of the same shape written by the
// client. The checks here are those of the encrypted path (appid and
// freshness); where the data came from is the cloud call's guarantee.
func (o *Opener) CloudOpen(field []byte) ([]byte, watermark.Watermark, error) {
	data, err := cloudData(field)
	if err != nil {
		return nil, watermark.Watermark{}, err
	}
	w, err := o.Verify(data)
	if err != nil {
		clear(data)
		return nil, watermark.Watermark{}, err
	}
	return data, w, nil
}

// CloudUserInfo reads a replaced user-info field, as CloudOpen does, into a
// UserInfo.
func (o *Opener) CloudUserInfo(field []byte) (UserInfo, error) {
	return cloudTyped[UserInfo](o, field)
}

// CloudPhoneNumber reads a replaced phone-number field, as CloudOpen does,
// into a PhoneNumber.
func (o *Opener) CloudPhoneNumber(field []byte) (PhoneNumber, error) {
	return cloudTyped[PhoneNumber](o, field)
}

// CloudWeRunData reads a replaced WeRun field (wx.getWeRunData's cloudID),
// as CloudOpen does, into a WeRunData.
func (o *Opener) CloudWeRunData(field []byte) (WeRunData, error) {
	return cloudTyped[WeRunData](o, field)
}

// CloudShareInfo reads a replaced share-info field, as CloudOpen does, into
// a ShareInfo.
func (o *Opener) CloudShareInfo(field []byte) (ShareInfo, error) {
	return cloudTyped[ShareInfo](o, field)
}

func cloudTyped[T any, P payload[T]](o *Opener, field []byte) (T, error) {
	data, err := cloudData(field)
	if err != nil {
		var zero T
		return zero, err
	}
	defer clear(data)
	return verifyTyped[T, P](o, data)
}

// cloudData returns a copy of the data object of a replaced field, or the
// field's error.
func cloudData(field []byte) ([]byte, error) {
	if len(field) > MaxCloudEventSize {
		return nil, errFieldTooLarge
	}
	members, err := jsonobj.Members(field)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrCloudField, err)
	}
	f := readCloudField(members)
	if f.Kind != CloudReplaced {
		return nil, f.Err
	}
	return f.data, nil
}

// CloudFieldKind says what a top-level field of a cloud-call event is.
type CloudFieldKind int

const (
	// CloudPlain is a field left as the client sent it: any value that is
	// not an object with a cloudID member and a data or errCode member.
	// Strings that look like cloudIDs and objects holding them (a cloudID
	// below the top level is never replaced) are plain.
	CloudPlain CloudFieldKind = iota
	// CloudReplaced is a field the platform replaced with open data:
	// {"cloudID":...,"data":{...}}. Pass its Value to the Opener's Cloud
	// methods to verify and read it.
	CloudReplaced
	// CloudFailed is a field whose cloudID the platform could not exchange:
	// {"cloudID":...,"errCode":...,"errMsg":...}. Its Err is a
	// *CloudIDError.
	CloudFailed
	// CloudMalformed is an object with a cloudID member and a data or
	// errCode member that breaks the rules of CloudOpen, such as both data
	// and errCode, or data that is not an object. Its Err wraps
	// ErrCloudField.
	CloudMalformed
)

// String returns "plain", "replaced", "failed" or "malformed".
func (k CloudFieldKind) String() string {
	switch k {
	case CloudPlain:
		return "plain"
	case CloudReplaced:
		return "replaced"
	case CloudFailed:
		return "failed"
	case CloudMalformed:
		return "malformed"
	}
	return fmt.Sprintf("CloudFieldKind(%d)", int(k))
}

// CloudField is one top-level field of a cloud-call event.
type CloudField struct {
	Name string
	Kind CloudFieldKind
	// CloudID is the field's cloudID, when it has one as a string.
	CloudID string
	// Value is the field's JSON value as received (a copy). For a replaced
	// field it holds the open data: pass it to the Opener's Cloud methods.
	Value json.RawMessage
	// Err is nil for plain and replaced fields, a *CloudIDError for failed
	// ones, and an error wrapping ErrCloudField for malformed ones.
	Err error

	data json.RawMessage // the data object of a replaced field
}

// CloudEvent is a cloud-call event, field by field.
type CloudEvent struct {
	// Fields holds every top-level field, sorted by name.
	Fields []CloudField
}

// Field returns the field called name, matched exactly.
func (e CloudEvent) Field(name string) (CloudField, bool) {
	i, ok := slices.BinarySearchFunc(e.Fields, name, func(f CloudField, name string) int {
		return strings.Compare(f.Name, name)
	})
	if !ok {
		return CloudField{}, false
	}
	return e.Fields[i], true
}

// ParseCloudEvent reads the event a cloud function receives, a JSON object
// of top-level fields, and reports what each field is: replaced with open
// data, failed with an errCode, malformed, or plain (left alone). It
// verifies nothing: pass replaced fields' Value to the Opener's Cloud
// methods, which check the watermark.
//
// A field is in a cloudID's shape when its value is a JSON object with a
// cloudID member and a data or errCode member; CloudOpen gives the rules
// that tell replaced, failed and malformed apart. Every other field is
// plain, whatever it holds.
//
// The event must be one JSON object without duplicate member names, of at
// most MaxCloudEventSize bytes, and with at most MaxCloudIDs fields in a
// cloudID's shape: the platform replaces no more, so an event with more was
// not produced by it as is. Anything else gives an error wrapping
// ErrCloudEvent and no fields.
func ParseCloudEvent(event []byte) (CloudEvent, error) {
	if len(event) > MaxCloudEventSize {
		return CloudEvent{}, fmt.Errorf("%w: larger than MaxCloudEventSize", ErrCloudEvent)
	}
	members, err := jsonobj.Members(event)
	if err != nil {
		return CloudEvent{}, fmt.Errorf("%w: %s", ErrCloudEvent, err)
	}
	if hasDuplicate(members) {
		return CloudEvent{}, fmt.Errorf("%w: %s", ErrCloudEvent, jsonobj.ErrDuplicate)
	}
	fields := make([]CloudField, 0, len(members))
	shaped := 0
	for _, m := range members {
		f := CloudField{Kind: CloudPlain}
		if inner, err := jsonobj.Members(m.Value); err == nil {
			f = readCloudField(inner)
		}
		f.Name, f.Value = m.Name, m.Value
		if f.Kind != CloudPlain {
			shaped++
		} else {
			f.CloudID, f.Err = "", nil
		}
		f.data = nil // reached again through Value by the Cloud methods
		fields = append(fields, f)
	}
	if shaped > MaxCloudIDs {
		return CloudEvent{}, fmt.Errorf("%w: %d fields in a cloudID's shape, the platform replaces at most %d", ErrCloudEvent, shaped, MaxCloudIDs)
	}
	slices.SortFunc(fields, func(a, b CloudField) int { return strings.Compare(a.Name, b.Name) })
	return CloudEvent{Fields: fields}, nil
}

// Reasons for ErrCloudField and ErrCloudEvent.
var (
	errFieldTooLarge  = fmt.Errorf("%w: larger than MaxCloudEventSize", ErrCloudField)
	errNoCloudID      = fmt.Errorf("%w: no cloudID member", ErrCloudField)
	errNeither        = fmt.Errorf("%w: neither data nor errCode", ErrCloudField)
	errFieldDuplicate = fmt.Errorf("%w: %s", ErrCloudField, jsonobj.ErrDuplicate)
	errCloudIDType    = fmt.Errorf("%w: cloudID is not a string", ErrCloudField)
	errBoth           = fmt.Errorf("%w: both data and errCode", ErrCloudField)
	errDataType       = fmt.Errorf("%w: data is not a JSON object", ErrCloudField)
	errErrCodeType    = fmt.Errorf("%w: errCode is not an integer of at most 32 bits", ErrCloudField)
	errErrCodeZero    = fmt.Errorf("%w: errCode is 0 but there is no data", ErrCloudField)
	errErrMsgType     = fmt.Errorf("%w: errMsg is not a string", ErrCloudField)
)

// readCloudField classifies the members of an object found as a field's
// value. It is the one reading of a field, for CloudOpen and
// ParseCloudEvent alike. A plain object gets the error that CloudOpen
// reports for it.
func readCloudField(members []jsonobj.Member) CloudField {
	var cloudID, data, errCode, errMsg json.RawMessage
	for _, m := range members {
		switch m.Name {
		case "cloudID":
			cloudID = m.Value
		case "data":
			data = m.Value
		case "errCode":
			errCode = m.Value
		case "errMsg":
			errMsg = m.Value
		}
	}
	switch {
	case cloudID == nil:
		return CloudField{Kind: CloudPlain, Err: errNoCloudID}
	case data == nil && errCode == nil:
		return CloudField{Kind: CloudPlain, Err: errNeither}
	}
	malformed := func(err error) CloudField { return CloudField{Kind: CloudMalformed, Err: err} }
	if hasDuplicate(members) {
		return malformed(errFieldDuplicate)
	}
	var id string
	if cloudID[0] != '"' || json.Unmarshal(cloudID, &id) != nil {
		return malformed(errCloudIDType)
	}
	switch {
	case data != nil && errCode != nil:
		return CloudField{Kind: CloudMalformed, CloudID: id, Err: errBoth}
	case data != nil:
		if data[0] != '{' {
			return CloudField{Kind: CloudMalformed, CloudID: id, Err: errDataType}
		}
		return CloudField{Kind: CloudReplaced, CloudID: id, data: data}
	}
	code, ok := jsonint.Parse(errCode)
	switch {
	case !ok || code < math.MinInt32 || code > math.MaxInt32:
		return CloudField{Kind: CloudMalformed, CloudID: id, Err: errErrCodeType}
	case code == 0:
		return CloudField{Kind: CloudMalformed, CloudID: id, Err: errErrCodeZero}
	}
	var msg string
	if errMsg != nil && string(errMsg) != "null" {
		if errMsg[0] != '"' || json.Unmarshal(errMsg, &msg) != nil {
			return CloudField{Kind: CloudMalformed, CloudID: id, Err: errErrMsgType}
		}
	}
	return CloudField{Kind: CloudFailed, CloudID: id, Err: &CloudIDError{CloudID: id, Code: int(code), Msg: msg}}
}

func hasDuplicate(members []jsonobj.Member) bool {
	if len(members) < 2 {
		return false
	}
	if len(members) <= 8 {
		for i := range members {
			for j := i + 1; j < len(members); j++ {
				if members[i].Name == members[j].Name {
					return true
				}
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(members))
	for _, m := range members {
		if _, dup := seen[m.Name]; dup {
			return true
		}
		seen[m.Name] = struct{}{}
	}
	return false
}
