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
	"encoding/binary"
	"errors"
	"strings"
	"unicode/utf8"
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

// unescape appends the decoded form of raw, the contents of a valid JSON
// string, to dst; lone reports an escaped lone surrogate (decoded as
// U+FFFD, as encoding/json does).
func unescape(dst, raw []byte) (out []byte, lone bool) {
	for len(raw) > 0 {
		if raw[0] != '\\' {
			dst = append(dst, raw[0])
			raw = raw[1:]
			continue
		}
		r, n, l := decodeEscape(raw)
		lone = lone || l
		dst = utf8.AppendRune(dst, r)
		raw = raw[n:]
	}
	return dst, lone
}

// decodeEscape decodes the escape at the start of raw, which the scanner
// has checked: the rune, the bytes it took, and whether it is a lone
// surrogate (then the rune is U+FFFD).
func decodeEscape(raw []byte) (r rune, n int, lone bool) {
	switch raw[1] {
	case 'b':
		return '\b', 2, false
	case 'f':
		return '\f', 2, false
	case 'n':
		return '\n', 2, false
	case 'r':
		return '\r', 2, false
	case 't':
		return '\t', 2, false
	case 'u':
	default: // '"', '\\', '/'
		return rune(raw[1]), 2, false
	}
	r = hex4(raw[2:6])
	switch {
	case r < 0xD800 || r > 0xDFFF:
		return r, 6, false
	case r <= 0xDBFF && len(raw) >= 12 && raw[6] == '\\' && raw[7] == 'u':
		if lo := hex4(raw[8:12]); 0xDC00 <= lo && lo <= 0xDFFF {
			return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), 12, false
		}
	}
	return utf8.RuneError, 6, true
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h[:4] {
		r = r<<4 | rune(unhex(c))
	}
	return r
}

// str reads a string from its opening quote, checking escapes, control
// characters and UTF-8; esc reports whether it holds an escape.
func (s *scanner) str() (esc, ok bool) {
	d, i := s.data, s.i+1
	for {
		// Printable ASCII but the quote and the backslash, eight bytes at
		// a time while none of them is special, then byte by byte.
		for i+8 <= len(d) && !special(binary.LittleEndian.Uint64(d[i:])) {
			i += 8
		}
		for i < len(d) {
			if c := d[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
				break
			}
			i++
		}
		if i >= len(d) {
			return false, false
		}
		switch c := d[i]; {
		case c == '"':
			s.i = i + 1
			return esc, true
		case c == '\\':
			esc = true
			if i+1 >= len(d) {
				return false, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) || unhex(d[i+2])|unhex(d[i+3])|unhex(d[i+4])|unhex(d[i+5]) == 0xFF {
					return false, false
				}
				i += 6
			default:
				return false, false
			}
		case c < 0x20:
			return false, false
		default: // c >= 0x80
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return false, false
			}
			i += n
		}
	}
}

// special reports whether one of the eight bytes in w is below 0x20, at or
// above 0x80, a quote or a backslash (the bit tricks of "Bit Twiddling
// Hacks": a byte is zero where (b - 1) &^ b has its top bit set).
func special(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
	return (w-ones*0x20)&^w&highs|zero(w^(ones*'"'))|zero(w^(ones*'\\'))|w&highs != 0
}

// number reads a JSON number. integer reports the form -?(0|[1-9][0-9]*)
// with a value that fits int64, which is then n.
func (s *scanner) number() (n int64, integer, ok bool) {
	d, i := s.data, s.i
	neg := i < len(d) && d[i] == '-'
	if neg {
		i++
	}
	if i >= len(d) || d[i] < '0' || d[i] > '9' {
		return 0, false, false
	}
	var u uint64
	fits := true
	if d[i] == '0' {
		i++
	} else {
		for ; i < len(d) && '0' <= d[i] && d[i] <= '9'; i++ {
			dig := uint64(d[i] - '0')
			if u > (1<<64-1-dig)/10 {
				fits = false
			}
			u = u*10 + dig
		}
	}
	integer = true
	if i < len(d) && d[i] == '.' {
		integer = false
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false, false
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		integer = false
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false, false
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	s.i = i
	switch {
	case !integer || !fits:
		return 0, false, true
	case neg && u <= 1<<63:
		return -int64(u), true, true
	case !neg && u < 1<<63:
		return int64(u), true, true
	}
	return 0, false, true
}

// value skips one JSON value of any kind; depth is the number of
// containers already open around it.
func (s *scanner) value(depth int) bool {
	base := depth
	for {
		// A value starts at s.i.
		switch c := s.peek(); c {
		case '{', '[':
			depth++
			if depth > maxDepth {
				return false
			}
			k := depth - base - 1
			s.i++
			s.ws()
			if c == '[' {
				s.stack[k/64] |= 1 << (k % 64)
				if !s.consume(']') {
					continue
				}
			} else {
				s.stack[k/64] &^= 1 << (k % 64)
				if !s.consume('}') {
					if !s.key() {
						return false
					}
					continue
				}
			}
			depth--
		case '"':
			if _, ok := s.str(); !ok {
				return false
			}
		case 't':
			if !s.literal("true") {
				return false
			}
		case 'f':
			if !s.literal("false") {
				return false
			}
		case 'n':
			if !s.literal("null") {
				return false
			}
		default:
			if _, _, ok := s.number(); !ok {
				return false
			}
		}
		// A value ended: close containers until one continues.
		for {
			if depth == base {
				return true
			}
			k := depth - base - 1
			array := s.stack[k/64]&(1<<(k%64)) != 0
			s.ws()
			if s.consume(',') {
				s.ws()
				if !array && !s.key() {
					return false
				}
				break
			}
			if (array && !s.consume(']')) || (!array && !s.consume('}')) {
				return false
			}
			depth--
		}
	}
}

// key reads a member name and its colon, and the white space after it.
func (s *scanner) key() bool {
	if s.peek() != '"' {
		return false
	}
	if _, ok := s.str(); !ok {
		return false
	}
	return s.colon()
}

// colon reads the ':' after a member name, with white space around it.
func (s *scanner) colon() bool {
	s.ws()
	if !s.consume(':') {
		return false
	}
	s.ws()
	return true
}

func (s *scanner) literal(lit string) bool {
	if len(s.data)-s.i < len(lit) || string(s.data[s.i:s.i+len(lit)]) != lit {
		return false
	}
	s.i += len(lit)
	return true
}

// peek returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

func (s *scanner) consume(c byte) bool {
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// unhex returns the value of a hex digit, or 0xFF.
func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0xFF
}
