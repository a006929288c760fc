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
	"strings"
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
