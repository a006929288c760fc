package cloudid

import (
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a one-pass JSON reader for events, with encoding/json's
// notion of validity (json.Valid: any bytes but control characters inside
// strings, nesting of at most 10000) and of member names (escapes decoded,
// invalid UTF-8 and lone surrogates read as U+FFFD). It allocates nothing of
// its own: the adversarial event of many small fields costs only the index
// that ParseEvent keeps.

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

type scanner struct {
	s     []byte
	i     int
	stack [maxDepth/64 + 1]uint64 // one bit per open container: 1 for an array
}

func (p *scanner) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *scanner) consume(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string and returns its contents' position, quotes excluded,
// and whether it holds an escape or a non-ASCII byte (and so needs
// decoding to compare).
func (p *scanner) str() (start, end int, raw bool, ok bool) {
	if !p.consume('"') {
		return 0, 0, false, false
	}
	start = p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return start, p.i - 1, raw, true
		case c < 0x20:
			return 0, 0, false, false
		case c >= utf8.RuneSelf:
			raw = true
		case c == '\\':
			raw = true
			p.i++
			if p.i >= len(p.s) {
				return 0, 0, false, false
			}
			switch p.s[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if p.i+4 >= len(p.s) || !isHex(p.s[p.i+1]) || !isHex(p.s[p.i+2]) || !isHex(p.s[p.i+3]) || !isHex(p.s[p.i+4]) {
					return 0, 0, false, false
				}
				p.i += 4
			default:
				return 0, 0, false, false
			}
		}
		p.i++
	}
	return 0, 0, false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// key reads a member name and the colon after it.
func (p *scanner) key() (start, end int, raw bool, ok bool) {
	p.ws()
	start, end, raw, ok = p.str()
	if !ok {
		return
	}
	p.ws()
	ok = p.consume(':')
	return
}

func (p *scanner) number() bool {
	p.consume('-')
	switch {
	case p.consume('0'):
	case p.i < len(p.s) && '1' <= p.s[p.i] && p.s[p.i] <= '9':
		p.digits()
	default:
		return false
	}
	if p.consume('.') && !p.digits() {
		return false
	}
	if p.consume('e') || p.consume('E') {
		if !p.consume('+') {
			p.consume('-')
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

func (p *scanner) digits() bool {
	start := p.i
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

func (p *scanner) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && string(p.s[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

// value reads one JSON value found inside depth containers, iteratively.
func (p *scanner) value(depth int) bool {
	base := depth
	for {
		p.ws()
		if p.i >= len(p.s) {
			return false
		}
		switch c := p.s[p.i]; c {
		case '{', '[':
			p.i++
			if depth+1 > maxDepth { // encoding/json counts empty ones too
				return false
			}
			p.ws()
			if p.consume(c + 2) { // '}' is '{'+2, ']' is '['+2
				break
			}
			depth++
			p.setTop(depth, c == '[')
			if c == '{' {
				if _, _, _, ok := p.key(); !ok {
					return false
				}
			}
			continue // the container's first element
		case '"':
			if _, _, _, ok := p.str(); !ok {
				return false
			}
		case 't':
			if !p.literal("true") {
				return false
			}
		case 'f':
			if !p.literal("false") {
				return false
			}
		case 'n':
			if !p.literal("null") {
				return false
			}
		default:
			if !p.number() {
				return false
			}
		}
		// A value is complete: close containers up to the next element.
	closing:
		for depth > base {
			p.ws()
			if p.i >= len(p.s) {
				return false
			}
			array := p.top(depth)
			c := p.s[p.i]
			p.i++
			switch {
			case c == ',':
				if !array {
					if _, _, _, ok := p.key(); !ok {
						return false
					}
				}
				break closing
			case c == ']' && array, c == '}' && !array:
				depth--
			default:
				return false
			}
		}
		if depth == base {
			return true
		}
	}
}

func (p *scanner) setTop(depth int, array bool) {
	w, b := depth/64, uint(depth%64)
	if array {
		p.stack[w] |= 1 << b
	} else {
		p.stack[w] &^= 1 << b
	}
}

func (p *scanner) top(depth int) bool { return p.stack[depth/64]&(1<<uint(depth%64)) != 0 }

// unquote appends the decoded contents of a JSON string (its bytes between
// the quotes, already checked by str) to dst, as encoding/json decodes it.
func unquote(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			i++
			switch s[i] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r := hex4(s[i+1:])
				i += 4
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
						r2 = hex4(s[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				dst = utf8.AppendRune(dst, r)
			default: // '"', '\\', '/'
				dst = append(dst, s[i])
			}
			i++
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c >= 'a':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
