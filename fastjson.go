package wxcrypto

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/watermark"
)

// This file is a small decoder for the fixed payload schemas, the hot path
// of every Open call: encoding/json's reflection costs four times the
// cryptography on a user-info payload.
//
// It is built to be exactly as strict and as lenient as encoding/json by
// never deciding anything it is not sure of. It validates the whole document
// (the syntax of unknown fields included) and accepts only the common shape:
// known fields once each, with plain values, and no key that encoding/json
// might match to a field case-insensitively. Anything else (an escape in a
// key or a known string, a null, a duplicate, a number in another form, a
// type mismatch, a syntax error) makes it give up, and the caller decodes
// with encoding/json, which then also produces the error, if any. So a
// document it accepts is one encoding/json accepts with the same values, and
// every error comes from encoding/json. The fuzz target FuzzOpenJSON checks
// this against encoding/json.

// fieldKind is the JSON type of a schema field.
type fieldKind uint8

const (
	kindString fieldKind = iota // a Go string
	kindInt                     // a Go int
	kindSteps                   // []StepInfo
)

type schemaField struct {
	name string // the exact json tag
	kind fieldKind
}

// A schema lists the JSON fields of a typed result, in record slot order.
// The watermark is handled apart: it is common to all of them.
type schema []schemaField

const maxSlots = 9

var (
	// In the order the platform sends the fields, which decodeFast tries
	// first.
	userInfoSchema = schema{
		{"openId", kindString}, {"nickName", kindString}, {"gender", kindInt},
		{"language", kindString}, {"city", kindString}, {"province", kindString},
		{"country", kindString}, {"avatarUrl", kindString}, {"unionId", kindString},
	}
	phoneNumberSchema = schema{{"phoneNumber", kindString}, {"purePhoneNumber", kindString}, {"countryCode", kindString}}
	weRunDataSchema   = schema{{"stepInfoList", kindSteps}}
	shareInfoSchema   = schema{{"openGId", kindString}}
)

// record holds the decoded values of a schema's fields, by slot.
type record struct {
	str   [maxSlots]string
	num   [maxSlots]int64
	steps []StepInfo
	wm    watermark.Watermark
}

// schemaFor returns the schema of a typed result, or nil for other types.
func schemaFor[T any]() schema {
	switch any((*T)(nil)).(type) {
	case *UserInfo:
		return userInfoSchema
	case *PhoneNumber:
		return phoneNumberSchema
	case *WeRunData:
		return weRunDataSchema
	case *ShareInfo:
		return shareInfoSchema
	}
	return nil
}

// fill sets *v, a typed result, from r.
func fill[T any](v *T, r *record) {
	switch v := any(v).(type) {
	case *UserInfo:
		*v = UserInfo{
			OpenID: r.str[0], NickName: r.str[1], Gender: int(r.num[2]), Language: r.str[3],
			City: r.str[4], Province: r.str[5], Country: r.str[6], AvatarURL: r.str[7], UnionID: r.str[8],
			Watermark: r.wm,
		}
	case *PhoneNumber:
		*v = PhoneNumber{PhoneNumber: r.str[0], PurePhoneNumber: r.str[1], CountryCode: r.str[2], Watermark: r.wm}
	case *WeRunData:
		*v = WeRunData{StepInfoList: r.steps, Watermark: r.wm}
	case *ShareInfo:
		*v = ShareInfo{OpenGID: r.str[0], Watermark: r.wm}
	}
}

// maxDepth bounds the nesting of skipped values. encoding/json allows
// more; deeper documents go to it.
const maxDepth = 256

// parser walks a document held in a string, so that accepted string values
// are substrings of it and cost no allocation.
type parser struct {
	s string
	i int
}

// decodeFast decodes s into r following sc. It reports false when it is
// not sure, leaving the decision to encoding/json.
func decodeFast(s string, sc schema, r *record) bool {
	p := parser{s: s}
	p.ws()
	if !p.consume('{') {
		return false
	}
	var seen uint32
	next := 0 // the slot expected next, tried first
	haveWatermark := false
	p.ws()
	if p.consume('}') {
		return false // no watermark: an error encoding/json will describe
	}
	for {
		p.ws()
		// Most documents list the fields in the platform's order: try the
		// expected name before scanning a key.
		var key string
		if next < len(sc) && p.literalKey(sc[next].name) {
			key = sc[next].name
		} else if p.literalKey("watermark") {
			key = "watermark"
		} else {
			var ok bool
			if key, ok = p.plainString(); !ok {
				return false
			}
		}
		p.ws()
		if !p.consume(':') {
			return false
		}
		p.ws()
		if key == "watermark" {
			if haveWatermark || !p.watermark(&r.wm) {
				return false
			}
			haveWatermark = true
		} else if slot := sc.slot(key, next); slot >= 0 {
			next = slot + 1
			if seen&(1<<slot) != 0 {
				return false
			}
			seen |= 1 << slot
			if !p.value(sc[slot].kind, r, slot) {
				return false
			}
		} else {
			if sc.folds(key) || foldsTo(key, "watermark") || !p.skip(0) {
				return false
			}
		}
		p.ws()
		if p.consume(',') {
			continue
		}
		if !p.consume('}') {
			return false
		}
		break
	}
	p.ws()
	return p.i == len(p.s) && haveWatermark
}

// slot returns the index of the field named exactly key, or -1. It tries
// the expected slot first.
func (sc schema) slot(key string, expected int) int {
	if expected < len(sc) && sc[expected].name == key {
		return expected
	}
	for i, f := range sc {
		if f.name == key {
			return i
		}
	}
	return -1
}

// folds reports whether encoding/json could match key to one of the fields
// without an exact match: it compares names with Unicode case folding, by
// which "ſtep" (long s) matches "step" and "nicKName" (Kelvin sign) matches
// "nickName".
func (sc schema) folds(key string) bool {
	for _, f := range sc {
		if foldsTo(key, f.name) {
			return true
		}
	}
	return false
}

func foldsTo(key, name string) bool {
	return strings.EqualFold(key, name)
}

func (p *parser) value(kind fieldKind, r *record, slot int) bool {
	switch kind {
	case kindString:
		v, ok := p.plainString()
		r.str[slot] = v
		return ok
	case kindInt:
		n, ok := p.integer()
		r.num[slot] = n
		return ok && n == int64(int(n))
	default:
		return p.steps(&r.steps)
	}
}

// watermark decodes {"appid": string, "timestamp": integer}, both required
// and each once; unknown fields are skipped.
func (p *parser) watermark(w *watermark.Watermark) bool {
	haveAppID, haveTimestamp, ok := p.twoFields("appid", "timestamp", 1,
		func() (ok bool) { w.AppID, ok = p.plainString(); return ok },
		func() (ok bool) { w.Timestamp, ok = p.integer(); return ok })
	return ok && haveAppID && haveTimestamp
}

// twoFields decodes an object with two known fields, a and b, each at most
// once, read by readA and readB; other fields are skipped, unless
// encoding/json could match them to a or b case-insensitively.
func (p *parser) twoFields(a, b string, depth int, readA, readB func() bool) (haveA, haveB, ok bool) {
	if !p.consume('{') {
		return false, false, false
	}
	p.ws()
	if p.consume('}') {
		return false, false, true
	}
	for {
		p.ws()
		var key string
		ok = true
		switch {
		case p.literalKey(a):
			key = a
		case p.literalKey(b):
			key = b
		default:
			key, ok = p.plainString()
		}
		if !ok {
			return
		}
		p.ws()
		if !p.consume(':') {
			return haveA, haveB, false
		}
		p.ws()
		switch {
		case key == a:
			ok = !haveA && readA()
			haveA = true
		case key == b:
			ok = !haveB && readB()
			haveB = true
		default:
			ok = !foldsTo(key, a) && !foldsTo(key, b) && p.skip(depth)
		}
		if !ok {
			return
		}
		p.ws()
		if p.consume(',') {
			continue
		}
		ok = p.consume('}')
		return
	}
}

// steps decodes an array of {"timestamp": integer, "step": integer}.
func (p *parser) steps(out *[]StepInfo) bool {
	if !p.consume('[') {
		return false
	}
	// encoding/json gives an empty, non-nil slice for [].
	list := make([]StepInfo, 0, 31) // WeRun reports the last 31 days
	p.ws()
	if p.consume(']') {
		*out = list
		return true
	}
	for {
		p.ws()
		var st StepInfo
		if !p.step(&st) {
			return false
		}
		list = append(list, st)
		p.ws()
		if p.consume(',') {
			continue
		}
		if !p.consume(']') {
			return false
		}
		*out = list
		return true
	}
}

func (p *parser) step(st *StepInfo) bool {
	_, _, ok := p.twoFields("timestamp", "step", 2,
		func() (ok bool) { st.Timestamp, ok = p.integer(); return ok },
		func() bool {
			n, ok := p.integer()
			st.Step = int(n)
			return ok && n == int64(int(n))
		})
	return ok
}

// literalKey consumes the key "name", written plainly, if it comes next.
func (p *parser) literalKey(name string) bool {
	end := p.i + len(name) + 2
	if end <= len(p.s) && p.s[p.i] == '"' && p.s[end-1] == '"' && p.s[p.i+1:end-1] == name {
		p.i = end
		return true
	}
	return false
}

func (p *parser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) consume(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// plainString reads a string that needs no decoding: no escapes, no
// control characters, valid UTF-8. Its value is a substring of the input.
func (p *parser) plainString() (string, bool) {
	if !p.consume('"') {
		return "", false
	}
	s, start, ascii := p.s, p.i, true
	for i := start; i < len(s); {
		// Eight bytes at a time, straight to the first that needs a look.
		if i+8 <= len(s) {
			m := special8(s[i : i+8])
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		}
		switch c := s[i]; {
		case c == '"':
			p.i = i + 1
			v := s[start:i]
			// encoding/json replaces invalid UTF-8; leave that to it.
			return v, ascii || utf8.ValidString(v)
		case c == '\\' || c < 0x20:
			// An escape, decoded by encoding/json, or a syntax error.
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		i++
	}
	return "", false
}

// special8 tests the 8 bytes of w as one word for a quote, a backslash, a
// control character or a non-ASCII byte. It returns 0 if there is none;
// otherwise the lowest bit set is the high bit of the first such byte.
//
// A byte below 0x20 gives x - 0x20 a high bit that x lacks; a quote or a
// backslash gives a zero byte in q or b, and so a high bit in q - 1 that q
// lacks. Borrows run only upwards, from a byte that is itself flagged, so the
// lowest flag is exact.
func special8(w string) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	_ = w[7]
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	q, b := x^ones*'"', x^ones*'\\'
	return (x | (x-ones*0x20)&^x | (q-ones)&^q | (b-ones)&^b) & highs
}

// integer reads a number written as an integer (no fraction, no exponent)
// that fits an int64, as encoding/json stores into an integer field.
func (p *parser) integer() (int64, bool) {
	start := p.i
	if isInt, ok := p.number(); !ok || !isInt {
		return 0, false
	}
	tok := p.s[start:p.i]
	neg := tok[0] == '-'
	digits := tok
	if neg {
		digits = tok[1:]
	}
	if len(digits) > 18 {
		// Near the int64 limits: let strconv judge the range.
		n, err := strconv.ParseInt(tok, 10, 64)
		return n, err == nil
	}
	var n int64 // 18 digits cannot overflow
	for k := 0; k < len(digits); k++ {
		n = n*10 + int64(digits[k]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// isInt reports that it has neither fraction nor exponent.
func (p *parser) number() (isInt, ok bool) {
	p.consume('-')
	switch {
	case p.consume('0'):
	case p.i < len(p.s) && p.s[p.i] >= '1' && p.s[p.i] <= '9':
		p.digits()
	default:
		return false, false
	}
	isInt = true
	if p.consume('.') {
		if !p.digits() {
			return false, false
		}
		isInt = false
	}
	if p.consume('e') || p.consume('E') {
		if !p.consume('+') {
			p.consume('-')
		}
		if !p.digits() {
			return false, false
		}
		isInt = false
	}
	return isInt, true
}

// digits reads [0-9]* and reports whether it read any.
func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// skip reads and validates any JSON value.
func (p *parser) skip(depth int) bool {
	if p.i >= len(p.s) || depth > maxDepth {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.skipString()
	case c == '{':
		return p.skipComposite('}', depth, true)
	case c == '[':
		return p.skipComposite(']', depth, false)
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	default:
		_, ok := p.number()
		return ok
	}
}

// skipComposite reads an object (keyed) or an array up to its closing byte.
func (p *parser) skipComposite(closing byte, depth int, keyed bool) bool {
	p.i++
	p.ws()
	if p.consume(closing) {
		return true
	}
	for {
		p.ws()
		if keyed {
			if p.i >= len(p.s) || p.s[p.i] != '"' || !p.skipString() {
				return false
			}
			p.ws()
			if !p.consume(':') {
				return false
			}
			p.ws()
		}
		if !p.skip(depth + 1) {
			return false
		}
		p.ws()
		if p.consume(',') {
			continue
		}
		return p.consume(closing)
	}
}

// skipString reads a string, checking its escapes and that it holds no
// control characters, as the JSON grammar requires.
func (p *parser) skipString() bool {
	p.i++ // the opening quote
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return false
			}
			switch p.s[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if p.i+4 >= len(p.s) {
					return false
				}
				for k := 1; k <= 4; k++ {
					if !isHex(p.s[p.i+k]) {
						return false
					}
				}
				p.i += 4
			default:
				return false
			}
		}
		p.i++
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (p *parser) literal(word string) bool {
	if strings.HasPrefix(p.s[p.i:], word) {
		p.i += len(word)
		return true
	}
	return false
}
