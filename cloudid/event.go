package cloudid

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wxcrypto/wxcrypto/internal/jsonint"
)

// Reasons for ErrMalformed.
var (
	errNotObject      = fmt.Errorf("%w: not one JSON object", ErrMalformed)
	errEventDuplicate = fmt.Errorf("%w: duplicate member name in the event", ErrMalformed)
	errTooManyIDs     = fmt.Errorf("%w: more than %d fields in a cloudID's shape, which the platform never sends", ErrMalformed, maxCloudIDs)
	errNoCloudID      = fmt.Errorf("%w: no cloudID member", ErrMalformed)
	errNeither        = fmt.Errorf("%w: neither data nor errCode", ErrMalformed)
	errFieldDuplicate = fmt.Errorf("%w: duplicate member name in the field", ErrMalformed)
	errCloudIDType    = fmt.Errorf("%w: cloudID is not a string of at most %d bytes", ErrMalformed, maxText)
	errBoth           = fmt.Errorf("%w: both data and errCode", ErrMalformed)
	errDataType       = fmt.Errorf("%w: data is not a JSON object", ErrMalformed)
	errErrCodeType    = fmt.Errorf("%w: errCode is not an integer of at most 32 bits", ErrMalformed)
	errErrCodeZero    = fmt.Errorf("%w: errCode is 0 but there is no data", ErrMalformed)
	errErrMsgType     = fmt.Errorf("%w: errMsg is not a string", ErrMalformed)
)

// parsed is a field as readField reads it: Kind 0 is a plain object.
type parsed struct {
	Field
	data []byte
}

// parseEvent reads the event in one pass. It keeps 8 bytes per member (a
// hash of its name, for the duplicate check) and copies only the fields in
// a cloudID's shape, so its memory is linear in the event and small beside
// it.
func parseEvent(event []byte) ([]Field, error) {
	p := &scanner{s: event}
	p.ws()
	if !p.consume('{') {
		return nil, errNotObject
	}
	seed := maphash.MakeSeed()
	// Sized once: every member has a colon and takes at least 4 bytes, so
	// this is at most twice the event's size, and exact for the event of
	// many small fields.
	hashes := make([]uint64, 0, min(bytes.Count(event, []byte{':'}), len(event)/4+1))
	var fields []Field
	var nameBuf []byte
	p.ws()
	if !p.consume('}') {
		for {
			ks, ke, raw, ok := p.key()
			if !ok {
				return nil, errNotObject
			}
			name := event[ks:ke]
			if raw {
				nameBuf = unquote(nameBuf[:0], name)
				name = nameBuf
			}
			hashes = append(hashes, maphash.Bytes(seed, name))
			p.ws()
			vs := p.i
			if !p.value(1) {
				return nil, errNotObject
			}
			if event[vs] == '{' {
				// The index's spare capacity holds the field's own: every
				// member has a colon, so it never has to grow.
				if f := readField(event, vs, p.i, hashes[len(hashes):]); f.Kind != 0 {
					if len(fields) == maxCloudIDs {
						return nil, errTooManyIDs
					}
					f.Name = string(name)
					f.Value = bytes.Clone(event[vs:p.i])
					fields = append(fields, f.Field)
				}
			}
			p.ws()
			if p.consume(',') {
				continue
			}
			if p.consume('}') {
				break
			}
			return nil, errNotObject
		}
	}
	if p.ws(); p.i != len(event) {
		return nil, errNotObject
	}
	if duplicate(hashes, func(h uint64) bool { return exactDuplicate(event, seed, h) }) {
		return nil, errEventDuplicate
	}
	slices.SortFunc(fields, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return fields, nil
}

// duplicate reports whether two names are equal, given their hashes: it
// sorts them and asks exact, for each hash seen twice, whether two names
// with that hash are really equal.
func duplicate(hashes []uint64, exact func(h uint64) bool) bool {
	slices.Sort(hashes)
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] && exact(hashes[i]) {
			return true
		}
	}
	return false
}

// exactDuplicate rescans the members of the object at the start of doc
// (already validated) and compares the names whose hash is h.
func exactDuplicate(doc []byte, seed maphash.Seed, h uint64) bool {
	seen := map[string]bool{}
	found := false
	eachMember(doc, func(name []byte, vs, ve int) bool {
		if maphash.Bytes(seed, name) == h {
			if seen[string(name)] {
				found = true
				return false
			}
			seen[string(name)] = true
		}
		return true
	})
	return found
}

// eachMember calls f with the decoded name and the value's position of each
// member of the valid JSON object that starts doc (after white space), until
// f returns false.
func eachMember(doc []byte, f func(name []byte, vs, ve int) bool) {
	p := &scanner{s: doc}
	p.ws()
	p.consume('{')
	p.ws()
	if p.consume('}') {
		return
	}
	var buf []byte
	for {
		ks, ke, raw, _ := p.key()
		name := doc[ks:ke]
		if raw {
			buf = unquote(buf[:0], name)
			name = buf
		}
		p.ws()
		vs := p.i
		p.value(1)
		if !f(name, vs, p.i) {
			return
		}
		p.ws()
		if !p.consume(',') {
			return
		}
	}
}

// readField classifies the valid JSON object doc[start:end], a field's
// value. It is the one reading of a field, for Open and ParseEvent alike; a
// plain object (Kind 0) gets the error Open reports for it. scratch, if it
// has capacity, holds the hashes of the duplicate check.
func readField(doc []byte, start, end int, scratch []uint64) parsed {
	obj := doc[start:end]
	type member struct {
		vs, ve int
		n      int
	}
	var cloudID, data, errCode, errMsg member
	eachMember(obj, func(name []byte, vs, ve int) bool {
		var m *member
		switch string(name) {
		case "cloudID":
			m = &cloudID
		case "data":
			m = &data
		case "errCode":
			m = &errCode
		case "errMsg":
			m = &errMsg
		default:
			return true
		}
		m.vs, m.ve = vs, ve
		m.n++
		return true
	})
	switch {
	case cloudID.n == 0:
		return parsed{Field: Field{Err: errNoCloudID}}
	case data.n == 0 && errCode.n == 0:
		return parsed{Field: Field{Err: errNeither}}
	}
	malformed := func(id string, err error) parsed {
		return parsed{Field: Field{Kind: Malformed, CloudID: id, Err: err}}
	}
	if cloudID.n > 1 || data.n > 1 || errCode.n > 1 || errMsg.n > 1 || hasDuplicate(obj, scratch) {
		return malformed("", errFieldDuplicate)
	}
	idText, ok := stringValue(obj[cloudID.vs:cloudID.ve])
	if !ok || len(idText) > maxText {
		return malformed("", errCloudIDType)
	}
	id := string(idText)
	switch {
	case data.n > 0 && errCode.n > 0:
		return malformed(id, errBoth)
	case data.n > 0:
		if obj[data.vs] != '{' {
			return malformed(id, errDataType)
		}
		return parsed{Field: Field{Kind: Replaced, CloudID: id}, data: obj[data.vs:data.ve]}
	}
	code, ok := integer(obj[errCode.vs:errCode.ve])
	switch {
	case !ok || code < math.MinInt32 || code > math.MaxInt32:
		return malformed(id, errErrCodeType)
	case code == 0:
		return malformed(id, errErrCodeZero)
	}
	var msg string
	if errMsg.n > 0 && string(obj[errMsg.vs:errMsg.ve]) != "null" {
		text, ok := stringValue(obj[errMsg.vs:errMsg.ve])
		if !ok {
			return malformed(id, errErrMsgType)
		}
		msg = bounded(text)
	}
	return parsed{Field: Field{Kind: Failed, CloudID: id, Err: &Error{CloudID: id, Code: int(code), Msg: msg}}}
}

// hasDuplicate reports whether the valid JSON object obj repeats a member
// name.
func hasDuplicate(obj []byte, scratch []uint64) bool {
	seed := maphash.MakeSeed()
	hashes := scratch[:0]
	if cap(hashes) == 0 {
		// Sized exactly: appending would allocate some five times the
		// index of a field of many members.
		n := 0
		eachMember(obj, func([]byte, int, int) bool { n++; return true })
		hashes = make([]uint64, 0, n)
	}
	eachMember(obj, func(name []byte, _, _ int) bool {
		hashes = append(hashes, maphash.Bytes(seed, name))
		return true
	})
	return duplicate(hashes, func(h uint64) bool { return exactDuplicate(obj, seed, h) })
}

// stringValue decodes a JSON value that is a string; ok is false for any
// other value.
func stringValue(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' {
		return nil, false
	}
	return unquote(nil, v[1:len(v)-1]), true
}

// integer reads an integer written as a JSON number or as a JSON string
// holding one: -?(0|[1-9][0-9]*), no fraction, exponent, '+', leading zero
// or white space, within int64.
func integer(v []byte) (int64, bool) {
	if s, ok := stringValue(v); ok {
		v = s
	}
	s := string(v)
	if !jsonint.IsText(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
