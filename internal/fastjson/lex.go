package fastjson

// The lexical layer of the decoder: tokens read in place, and any value
// skipped with full validation.

import (
	"bytes"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

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
