// Package wmjson reads the watermark of decrypted open data by the strict
// rule of spec/algorithms.md section 2, in one pass and without allocating
// (apart from the copy of the appid it returns).
//
// The rule exists because JSON parsers disagree on duplicate and case-folded
// member names, and the watermark is a security check: a document is
// accepted only where every parser reads the same watermark. So the whole
// plaintext must be one JSON object in valid UTF-8 (RFC 8259); at its top
// level exactly one member is named exactly "watermark", and its value is an
// object with exactly one "appid" (a string) and exactly one "timestamp" (an
// integer token that fits int64). A duplicate of one of those names at its
// level, or a name there that folds to one of them as encoding/json folds
// (Unicode simple folding: "Watermark", "APPID", "timeſtamp", "watermar\u212a"),
// is malformed. Everything else is free, but must be valid JSON.
//
// Choices RFC 8259 leaves open, made to agree with encoding/json:
//   - An escape of a lone surrogate ("\ud800") is valid JSON; encoding/json
//     reads it as U+FFFD. In a member name it can never spell one of the
//     three names. In the appid it has no byte form every parser agrees
//     on, so the watermark is malformed.
//   - Nesting deeper than 10000 arrays and objects is refused, as
//     encoding/json refuses it.
//   - A byte-order mark is not white space: a document starting with one is
//     not an object.
package wmjson

import (
	"errors"
	"strings"
)

var (
	// ErrNotObject means the plaintext is not one JSON object in valid
	// UTF-8 (RFC 8259), with only white space around it.
	ErrNotObject = errors.New("not a JSON object in UTF-8")
	// ErrMalformed means the plaintext is a JSON object without exactly one
	// well-formed watermark.
	ErrMalformed = errors.New("no single well-formed watermark")
)

// maxDepth is encoding/json's nesting limit: the number of arrays and
// objects open at once, the top-level object included.
const maxDepth = 10000

// Scan reads the watermark of decrypted open data by the strict rule of
// algorithms.md section 2. ErrNotObject takes precedence: a document that
// breaks the watermark rule and is also not valid JSON is ErrNotObject.
func Scan(plaintext []byte) (appID string, timestamp int64, err error) {
	s := scanner{data: plaintext}
	if err := s.run(); err != nil {
		return "", 0, err
	}
	appID, ok := s.appID()
	if !ok {
		return "", 0, ErrMalformed
	}
	return appID, s.ts, nil
}

// Check is Scan without the result, and so without allocating: it reports
// whether plaintext has a watermark by the strict rule.
func Check(plaintext []byte) error {
	s := scanner{data: plaintext}
	if err := s.run(); err != nil {
		return err
	}
	if s.appEscaped && loneSurrogate(s.data[s.appStart:s.appEnd]) {
		return ErrMalformed
	}
	return nil
}

// loneSurrogate reports whether raw, the contents of a valid JSON string,
// escapes a lone surrogate.
func loneSurrogate(raw []byte) bool {
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			i++
			continue
		}
		_, n, lone := decodeEscape(raw[i:])
		if lone {
			return true
		}
		i += n
	}
	return false
}

func (s *scanner) run() error {
	if !s.document() {
		return ErrNotObject
	}
	if s.bad || !s.seenWM || !s.seenAppID || !s.seenTS {
		return ErrMalformed
	}
	return nil
}

type scanner struct {
	data []byte
	i    int

	// bad records a break of the watermark rule; scanning goes on, since
	// invalid JSON later in the document takes precedence.
	bad                       bool
	seenWM, seenAppID, seenTS bool
	appStart, appEnd          int // the appid string's contents, quotes excluded
	appEscaped                bool
	ts                        int64
	nameBuf                   [64]byte

	// stack holds one bit per open container below the value being
	// skipped: 1 for an array, 0 for an object.
	stack [maxDepth/64 + 1]uint64
}

// Member names a scanner tells apart.
const (
	nameOther  = iota
	nameExact  // the name itself
	nameFolded // folds to the name without being it
)

func (s *scanner) document() bool {
	s.ws()
	if !s.consume('{') {
		return false
	}
	s.ws()
	if !s.consume('}') {
		for {
			name, ok := s.name()
			if !ok || !s.colon() {
				return false
			}
			class := classify(name, "watermark")
			switch {
			case class == nameExact && s.peek() == '{':
				if s.seenWM {
					s.bad = true
				}
				s.seenWM = true
				if !s.watermark() {
					return false
				}
			default:
				if class != nameOther {
					s.bad = true // a folded name, or a watermark that is not an object
				}
				if !s.value(1) {
					return false
				}
			}
			if s.ws(); s.consume(',') {
				s.ws()
				continue
			}
			if !s.consume('}') {
				return false
			}
			break
		}
	}
	s.ws()
	return s.i == len(s.data)
}

// watermark reads the watermark object, at depth 2, from its '{'.
func (s *scanner) watermark() bool {
	s.i++
	s.ws()
	if s.consume('}') {
		return true
	}
	for {
		class, ok := s.wmName()
		if !ok || !s.colon() {
			return false
		}
		switch {
		case class == appIDExact && s.peek() == '"':
			if s.seenAppID {
				s.bad = true
			}
			s.seenAppID = true
			s.appStart = s.i + 1
			esc, ok := s.str()
			if !ok {
				return false
			}
			s.appEnd, s.appEscaped = s.i-1, esc
		case class == tsExact:
			if s.seenTS {
				s.bad = true
			}
			s.seenTS = true
			if c := s.peek(); c == '-' || '0' <= c && c <= '9' {
				n, integer, ok := s.number()
				if !ok {
					return false
				}
				s.ts = n
				if !integer {
					s.bad = true
				}
			} else {
				s.bad = true
				if !s.value(2) {
					return false
				}
			}
		default:
			if class != nameOther {
				s.bad = true
			}
			if !s.value(2) {
				return false
			}
		}
		if s.ws(); s.consume(',') {
			s.ws()
			continue
		}
		return s.consume('}')
	}
}

// Names inside the watermark object.
const (
	appIDExact = iota + 1
	tsExact
	wmFolded
)

// wmName reads a member name inside the watermark object.
func (s *scanner) wmName() (int, bool) {
	name, ok := s.name()
	if !ok {
		return 0, false
	}
	a, t := classify(name, "appid"), classify(name, "timestamp")
	switch {
	case a == nameExact:
		return appIDExact, true
	case t == nameExact:
		return tsExact, true
	case a == nameFolded || t == nameFolded:
		return wmFolded, true
	}
	return nameOther, true
}

// name reads a member name from its opening quote and returns it decoded,
// or, for a name too long to fold to any of ours, empty. It may use
// s.nameBuf.
func (s *scanner) name() ([]byte, bool) {
	if s.peek() != '"' {
		return nil, false
	}
	start := s.i + 1
	esc, ok := s.str()
	if !ok {
		return nil, false
	}
	raw := s.data[start : s.i-1]
	if !esc {
		return raw, true
	}
	// A name that can fold to one of ours has 9 runes or fewer, each
	// written in at most 6 bytes; longer ones need not be decoded.
	if len(raw) > len(s.nameBuf) {
		return nil, true
	}
	dec, _ := unescape(s.nameBuf[:0], raw)
	return dec, true
}

// classify compares a decoded member name with target, an ASCII lower-case
// name: exactly equal, equal under simple case folding, or other. The only
// non-ASCII runes whose fold orbit holds an ASCII letter are U+017F (long s)
// and U+212A (Kelvin sign); TestFoldOrbits checks this.
func classify(name []byte, target string) int {
	if string(name) == target {
		return nameExact
	}
	if len(name) < len(target) || len(name) > len(target)+2*3 {
		return nameOther
	}
	i := 0
	for j := 0; j < len(target); j++ {
		t := target[j]
		if i >= len(name) {
			return nameOther
		}
		c := name[i]
		switch {
		case c|0x20 == t:
			i++
		case t == 's' && c == 0xC5 && i+1 < len(name) && name[i+1] == 0xBF: // U+017F
			i += 2
		case t == 'k' && c == 0xE2 && i+2 < len(name) && name[i+1] == 0x84 && name[i+2] == 0xAA: // U+212A
			i += 3
		default:
			return nameOther
		}
	}
	if i != len(name) {
		return nameOther
	}
	return nameFolded
}

// appID returns a copy of the appid, unescaped. ok is false if an escape
// leaves a lone surrogate.
func (s *scanner) appID() (string, bool) {
	raw := s.data[s.appStart:s.appEnd]
	if !s.appEscaped {
		return string(raw), true
	}
	var b strings.Builder
	b.Grow(len(raw)) // unescaping never lengthens
	for len(raw) > 0 {
		k := 0
		for k < len(raw) && raw[k] != '\\' {
			k++
		}
		b.Write(raw[:k])
		raw = raw[k:]
		if len(raw) == 0 {
			break
		}
		r, n, lone := decodeEscape(raw)
		if lone {
			return "", false
		}
		b.WriteRune(r)
		raw = raw[n:]
	}
	return b.String(), true
}
