// Package fastjson is a small decoder for the fixed schemas of open data,
// the hot path of every Open call: encoding/json's reflection costs four
// times the cryptography on a user-info payload.
//
// It never decides anything it is not sure of. It validates the whole
// document (the syntax and UTF-8 of unknown members included) and accepts
// only the common shape: known fields once each, with plain values, no key
// that encoding/json might match to a field case-insensitively, and exactly
// one watermark that the strict rule of spec/algorithms.md section 2
// accepts (no duplicate, no case-folded copy, no escape in its names).
// Anything else (an escape in a key or a known string, a null, a duplicate,
// a number in another form, a type mismatch, a syntax error) makes Decode
// give up, and the caller reads the document with the strict scanner and
// encoding/json, which then also produce the error, if any. So a document
// it accepts is one that the strict scanner accepts with the same
// watermark, and that encoding/json decodes to the same values.
//
// The values it returns share one fresh allocation that holds nothing but
// them, so a result kept for long does not keep the plaintext alive.
package fastjson

import (
	"bytes"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the JSON type of a schema field.
type Kind uint8

const (
	String Kind = iota // a Go string
	Int                // a Go int
	Steps              // a list of {"timestamp","step"} integers
)

// Field is one field of a schema.
type Field struct {
	Name string // the exact json tag
	Kind Kind
}

// A Schema lists the JSON fields of a typed result, in Record slot order
// and in the order the platform sends them, which Decode tries first. The
// watermark is handled apart: it is common to all of them.
type Schema []Field

// MaxFields is the largest schema.
const MaxFields = 9

// Step is one element of a Steps field.
type Step struct {
	Timestamp int64
	Step      int
}

// Record holds the decoded values of a schema's fields, by slot, and the
// watermark.
type Record struct {
	Str       [MaxFields]string
	Num       [MaxFields]int64
	Steps     []Step
	AppID     string
	Timestamp int64
}

// span is a string value's position in the document.
type span struct{ start, end int }

// maxDepth bounds the nesting of skipped values; deeper documents go to the
// caller's slow path.
const maxDepth = 256

type parser struct {
	s     []byte
	i     int
	spans [MaxFields + 1]span // the string slots, then the appid
}

const appIDSlot = MaxFields

// Decode decodes doc into r following sc. It reports false when it is not
// sure, leaving the decision to the caller's slow path; r is then
// meaningless.
func Decode(doc []byte, sc Schema, r *Record) bool {
	p := parser{s: doc}
	if !p.document(sc, r) {
		return false
	}
	// One copy of just the values: the result must not pin the document.
	n := 0
	for _, sp := range p.spans {
		n += sp.end - sp.start
	}
	var b strings.Builder
	b.Grow(n)
	for _, sp := range p.spans {
		b.Write(doc[sp.start:sp.end])
	}
	all, off := b.String(), 0
	for k, sp := range p.spans {
		v := all[off : off+sp.end-sp.start]
		off += len(v)
		if k == appIDSlot {
			r.AppID = v
		} else {
			r.Str[k] = v
		}
	}
	return true
}

func (p *parser) document(sc Schema, r *Record) bool {
	p.ws()
	if !p.consume('{') {
		return false
	}
	var seen uint32
	next := 0 // the slot expected next, tried first
	haveWatermark := false
	p.ws()
	if p.consume('}') {
		return false // no watermark: the slow path describes it
	}
	for {
		p.ws()
		// Most documents list the fields in the platform's order: try the
		// expected name before scanning a key.
		var key []byte
		if next < len(sc) && p.literalKey(sc[next].Name) {
			key = p.s[p.i-len(sc[next].Name)-1 : p.i-1]
		} else if p.literalKey("watermark") {
			key = p.s[p.i-len("watermark")-1 : p.i-1]
		} else {
			sp, ok := p.plainString()
			if !ok {
				return false
			}
			key = p.s[sp.start:sp.end]
		}
		p.ws()
		if !p.consume(':') {
			return false
		}
		p.ws()
		if string(key) == "watermark" {
			if haveWatermark || !p.watermark(r) {
				return false
			}
			haveWatermark = true
		} else if slot := sc.slot(key, next); slot >= 0 {
			next = slot + 1
			if seen&(1<<slot) != 0 {
				return false
			}
			seen |= 1 << slot
			if !p.value(sc[slot].Kind, r, slot) {
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
func (sc Schema) slot(key []byte, expected int) int {
	if expected < len(sc) && sc[expected].Name == string(key) {
		return expected
	}
	for i, f := range sc {
		if f.Name == string(key) {
			return i
		}
	}
	return -1
}

// folds reports whether encoding/json could match key to one of the fields
// without an exact match: it compares names with Unicode case folding, by
// which "ſtep" (long s) matches "step" and "nicKName" (Kelvin sign) matches
// "nickName". The strict watermark rule folds the same way.
func (sc Schema) folds(key []byte) bool {
	for _, f := range sc {
		if foldsTo(key, f.Name) {
			return true
		}
	}
	return false
}

func foldsTo(key []byte, name string) bool {
	// A folded copy is never longer than three times the ASCII name (the
	// Kelvin sign is three bytes), nor shorter than it.
	if len(key) < len(name) || len(key) > 3*len(name) {
		return false
	}
	var buf [3 * 16]byte
	return len(name) <= 16 && bytes.EqualFold(key, append(buf[:0], name...))
}

func (p *parser) value(kind Kind, r *Record, slot int) bool {
	switch kind {
	case String:
		sp, ok := p.plainString()
		p.spans[slot] = sp
		return ok
	case Int:
		n, ok := p.integer()
		r.Num[slot] = n
		return ok && n == int64(int(n))
	default:
		return p.steps(&r.Steps)
	}
}

// watermark decodes {"appid": string, "timestamp": integer}, both required
// and each once; unknown fields are skipped.
func (p *parser) watermark(r *Record) bool {
	haveAppID, haveTimestamp, ok := p.twoFields("appid", "timestamp", 1,
		func() (ok bool) { p.spans[appIDSlot], ok = p.plainString(); return ok },
		func() (ok bool) { r.Timestamp, ok = p.integer(); return ok })
	return ok && haveAppID && haveTimestamp
}

// twoFields decodes an object with two known fields, a and b, each at most
// once, read by readA and readB; other fields are skipped, unless they fold
// to a or b.
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
		var key []byte
		switch {
		case p.literalKey(a):
			key = p.s[p.i-len(a)-1 : p.i-1]
		case p.literalKey(b):
			key = p.s[p.i-len(b)-1 : p.i-1]
		default:
			sp, good := p.plainString()
			if !good {
				return haveA, haveB, false
			}
			key = p.s[sp.start:sp.end]
		}
		p.ws()
		if !p.consume(':') {
			return haveA, haveB, false
		}
		p.ws()
		switch {
		case string(key) == a:
			ok = !haveA && readA()
			haveA = true
		case string(key) == b:
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
func (p *parser) steps(out *[]Step) bool {
	if !p.consume('[') {
		return false
	}
	// encoding/json gives an empty, non-nil slice for [].
	list := make([]Step, 0, 31) // WeRun reports the last 31 days
	p.ws()
	if p.consume(']') {
		*out = list
		return true
	}
	for {
		p.ws()
		var st Step
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

func (p *parser) step(st *Step) bool {
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
	if end <= len(p.s) && p.s[p.i] == '"' && p.s[end-1] == '"' && string(p.s[p.i+1:end-1]) == name {
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
// control characters, valid UTF-8. It returns the value's position.
func (p *parser) plainString() (span, bool) {
	if !p.consume('"') {
		return span{}, false
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
			return span{start, i}, ascii || utf8.Valid(s[start:i])
		case c == '\\' || c < 0x20:
			// An escape, decoded by the slow path, or a syntax error.
			return span{}, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		i++
	}
	return span{}, false
}

// special8 tests the 8 bytes of w as one word for a quote, a backslash, a
// control character or a non-ASCII byte. It returns 0 if there is none;
// otherwise the lowest bit set is the high bit of the first such byte.
//
// A byte below 0x20 gives x - 0x20 a high bit that x lacks; a quote or a
// backslash gives a zero byte in q or b, and so a high bit in q - 1 that q
// lacks. Borrows run only upwards, from a byte that is itself flagged, so the
// lowest flag is exact.
func special8(w []byte) uint64 {
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
		n, err := strconv.ParseInt(string(tok), 10, 64)
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

// skipString reads a string, checking its escapes, that it holds no
// control characters, and that it is valid UTF-8, as the strict rule
// requires of the whole document.
func (p *parser) skipString() bool {
	p.i++ // the opening quote
	start, ascii := p.i, true
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return ascii || utf8.Valid(p.s[start:p.i-1])
		case c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return false
			}
			switch p.s[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				// A surrogate escape may be unpaired, which some parsers
				// refuse: leave those to the slow path.
				if p.i+4 >= len(p.s) || !isHex(p.s[p.i+1]) || !isHex(p.s[p.i+2]) || !isHex(p.s[p.i+3]) || !isHex(p.s[p.i+4]) {
					return false
				}
				if c := p.s[p.i+1] | 0x20; c == 'd' {
					return false
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
	if bytes.HasPrefix(p.s[p.i:], []byte(word)) {
		p.i += len(word)
		return true
	}
	return false
}
