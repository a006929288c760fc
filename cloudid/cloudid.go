// Package cloudid reads open data that reaches a WeChat cloud function
// through a cloudID. The client passes wx.cloud.CloudID(...) as a top-level
// field of a cloud call's data, and the platform replaces that field, before
// the function sees the event, with the open data itself or with an error:
//
//	"weRunData": {"cloudID": "xxx", "data": {"stepInfoList": [...], "watermark": {...}}}
//	"weRunData": {"cloudID": "xxx", "errCode": -601006, "errMsg": "cloudID expired."}
//
// [ParseEvent] finds the replaced and failed fields of an event; [Open]
// verifies a replaced field's watermark with a wxcrypto.Opener, as for
// encryptedData, and decodes its data.
//
// The trap: the watermark is not a signature. Offline code cannot tell a
// field the platform replaced from an object of the same shape written by
// the client; where the data came from is the cloud call's guarantee, and the
// checks here are those of the encrypted path (appid and freshness).
//
// Only top-level fields are replaced, at most five per call. An event is
// read in one pass, in time and memory linear in its size (at most 4 MiB):
// no limit on its number of plain fields is needed. See spec/algorithms.md
// section 7.
package cloudid

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/watermark"
)

const (
	// maxEventSize bounds an event and a single field, in bytes.
	maxEventSize = 4 << 20
	// maxCloudIDs is how many top-level fields the platform replaces in
	// one call, as its documents state.
	maxCloudIDs = 5
	// maxText bounds the cloudID and errMsg kept from a field.
	maxText = 256
	// codeExpired is the errCode of an expired cloudID.
	codeExpired = -601006
)

var (
	// ErrMalformed means an event or a field is not what the platform
	// delivers. Errors wrap it and say which rule is broken, without quoting
	// the data.
	ErrMalformed = errors.New("cloudid: malformed cloud-call data")

	// ErrExpired is errCode -601006, "cloudID expired.": cloudIDs live five
	// minutes, and the client must get a new one. The error is an *Error.
	ErrExpired = errors.New("cloudid: cloudID expired (errCode -601006)")
)

// Error is a field that the platform could not replace with open data: the
// cloudID the client sent, and the platform's errCode and errMsg. Both texts
// are copies, errMsg cut to 256 bytes. errors.Is matches it with ErrExpired
// for errCode -601006.
type Error struct {
	CloudID string
	Code    int
	Msg     string
}

// Error gives the platform's code and message, quoted. It leaves the cloudID
// out: one that has not expired can still be exchanged.
func (e *Error) Error() string {
	if e.Code == codeExpired {
		return fmt.Sprintf("cloudid: cloudID not exchanged: errCode %d (expired): %q", e.Code, e.Msg)
	}
	return fmt.Sprintf("cloudid: cloudID not exchanged: errCode %d: %q", e.Code, e.Msg)
}

// Is reports whether target is ErrExpired and the code is -601006.
func (e *Error) Is(target error) bool {
	return target == ErrExpired && e.Code == codeExpired
}

// Kind says what a field in a cloudID's shape is.
type Kind int

const (
	// Replaced is a field the platform replaced with open data:
	// {"cloudID":...,"data":{...}}. Pass its Value to Open.
	Replaced Kind = iota + 1
	// Failed is a field whose cloudID the platform could not exchange:
	// {"cloudID":...,"errCode":...,"errMsg":...}. Its Err is an *Error.
	Failed
	// Malformed is an object with a cloudID member and a data or errCode
	// member that breaks the rules of Open. Its Err wraps ErrMalformed.
	Malformed
)

// String returns "replaced", "failed" or "malformed".
func (k Kind) String() string {
	switch k {
	case Replaced:
		return "replaced"
	case Failed:
		return "failed"
	case Malformed:
		return "malformed"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Field is a top-level field of an event in a cloudID's shape.
type Field struct {
	Name string // the event's member name, as the client passed it to callFunction
	Kind Kind   // Replaced, Failed or Malformed
	// CloudID is the field's cloudID, when it has one as a string.
	CloudID string
	// Value is the field's JSON value as received (a copy).
	Value []byte
	// Err is nil for a replaced field, an *Error for a failed one, and an
	// error wrapping ErrMalformed for a malformed one.
	Err error
}

// ParseEvent reads the event a cloud function receives and returns its
// fields in a cloudID's shape, sorted by name: those whose value is a JSON
// object with a cloudID member and a data or errCode member. Every other
// field is the application's own, and not returned. It verifies nothing:
// pass a replaced field's Value to Open.
//
// The event must be one JSON object without duplicate member names, of at
// most 4 MiB, with at most five fields in a cloudID's shape (the platform
// replaces no more). Anything else gives an error wrapping ErrMalformed.
func ParseEvent(event []byte) ([]Field, error) {
	if len(event) > maxEventSize {
		return nil, fmt.Errorf("%w: event larger than 4 MiB", ErrMalformed)
	}
	return parseEvent(event)
}

// Open reads one replaced field, the value of a top-level field as the
// function received it, verifies its data's watermark with o as
// o.Open does for encryptedData, and decodes the data into v as o.OpenInto
// does (v is a *wxcrypto.UserInfo, *wxcrypto.PhoneNumber, ..., or any
// pointer for encoding/json; a *json.RawMessage gets the data itself).
//
// A failed field gives an *Error. Members are matched by exact name and
// other members ignored: without errCode the field must have a data member
// holding a JSON object; with errCode it must not have data, and errCode is
// a non-zero integer of at most 32 bits written as a JSON number or a string
// holding one, and errMsg a string (absent or null meaning ""). cloudID is a
// string of at most 256 bytes; no member may repeat. The field is one JSON
// object of at most 4 MiB. Anything else gives an error wrapping
// ErrMalformed.
func Open(o *wxcrypto.Opener, field []byte, v any) (watermark.Watermark, error) {
	if len(field) > maxEventSize {
		return watermark.Watermark{}, fmt.Errorf("%w: field larger than 4 MiB", ErrMalformed)
	}
	p := scanner{s: field}
	p.ws()
	start := p.i
	if !p.value(0) || field[start] != '{' {
		return watermark.Watermark{}, errNotObject
	}
	if p.ws(); p.i != len(field) {
		return watermark.Watermark{}, errNotObject
	}
	f := readField(field, start, p.i, nil)
	if f.Kind != Replaced {
		return watermark.Watermark{}, f.Err // never nil: readField sets it for every other kind
	}
	return o.Verify(f.data, v)
}

// bounded copies s, cut to maxText bytes on a character boundary.
func bounded(s []byte) string {
	if len(s) > maxText {
		n := maxText
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return string(s)
}
