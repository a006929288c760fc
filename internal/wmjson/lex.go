package wmjson

// The JSON grammar of RFC 8259, for the scanner: strings, numbers, literals,
// and values of any kind skipped with a bit stack instead of recursion.

import (
	"encoding/binary"
	"unicode/utf8"
)

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
