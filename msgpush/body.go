package msgpush

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The ways a body can be wrong. None quotes the body.
var (
	errNotFormat = fmt.Errorf("%w: not a well-formed document of the configured format", ErrBody)
	errMissing   = fmt.Errorf("%w: no Encrypt member", ErrBody)
	errTwice     = fmt.Errorf("%w: more than one Encrypt member", ErrBody)
	errNotText   = fmt.Errorf("%w: Encrypt is not text", ErrBody)
	errDoctype   = fmt.Errorf("%w: DTDs and other declarations are refused", ErrBody)
)

// jsonEncrypt returns the Encrypt member of a JSON object. A second
// Encrypt, or one that differs only in case (which encoding/json would read
// in its place), is an error.
//
// json.Valid checks the whole body without allocating; the top-level members
// are then walked in place, so a body of many small members costs nothing
// per member (a decoder per member cost some 70 bytes of garbage per byte of
// body).
func jsonEncrypt(body []byte) (string, error) {
	if !utf8.Valid(body) || !json.Valid(body) {
		return "", errNotFormat
	}
	i := skipSpace(body, 0)
	if body[i] != '{' {
		return "", errNotFormat
	}
	var raw []byte
	if i = skipSpace(body, i+1); body[i] != '}' {
		for {
			ns := i
			i = skipString(body, i)
			name := body[ns+1 : i-1]
			i = skipSpace(body, skipSpace(body, i)+1) // the colon
			vs := i
			i = skipValue(body, i)
			if exact, folded := encryptName(name); folded {
				if raw != nil || !exact {
					return "", errTwice
				}
				raw = body[vs:i]
			}
			if i = skipSpace(body, i); body[i] == '}' {
				break
			}
			i = skipSpace(body, i+1) // the comma
		}
	}
	if raw == nil {
		return "", errMissing
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", errNotText
	}
	return s, nil
}

// encryptName reports whether name, the raw text of a member name, is
// "Encrypt" (exact) or folds to it (folded, true also when exact). Escapes
// are decoded; no non-ASCII rune folds to a letter of "Encrypt".
func encryptName(name []byte) (exact, folded bool) {
	const want = "Encrypt"
	if bytes.IndexByte(name, '\\') < 0 {
		return string(name) == want, bytes.EqualFold(name, []byte(want))
	}
	var buf [len(want)]byte
	n := 0
	for i := 0; i < len(name); n++ {
		if n == len(buf) {
			return false, false
		}
		c := name[i]
		i++
		if c == '\\' {
			c, i = name[i], i+1
			if c == 'u' {
				r, err := strconv.ParseUint(string(name[i:i+4]), 16, 16)
				if err != nil || r >= utf8.RuneSelf {
					return false, false
				}
				c, i = byte(r), i+4
			}
		}
		buf[n] = c
	}
	return string(buf[:n]) == want, bytes.EqualFold(buf[:n], []byte(want))
}

// The walkers below read a body that json.Valid accepted.

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the index after the string that starts at b[i].
func skipString(b []byte, i int) int {
	for i++; b[i] != '"'; i++ {
		if b[i] == '\\' {
			i++
		}
	}
	return i + 1
}

// skipValue returns the index after the value that starts at b[i], or of
// the comma or brace that follows a number or literal.
func skipValue(b []byte, i int) int {
	depth := 0
	for {
		switch c := b[i]; {
		case c == '"':
			i = skipString(b, i)
		case c == '{' || c == '[':
			depth++
			i++
			continue
		case c == '}' || c == ']':
			if depth == 0 {
				return i
			}
			depth--
			i++
		case c == ',' && depth == 0:
			return i
		default:
			i++
			continue
		}
		if depth == 0 {
			return i
		}
	}
}

// xmlEncrypt returns the text of the Encrypt element that is a direct child
// of the root. The document must be well-formed XML in UTF-8 with one root;
// declarations (<!DOCTYPE ...>, and with it every DTD and entity
// definition) are refused before anything else is read, and the decoder
// knows only the five predefined entities.
func xmlEncrypt(body []byte) (string, error) {
	if !utf8.Valid(body) {
		return "", errNotFormat
	}
	if bytes.Contains(body, []byte("<!DOCTYPE")) {
		// Checked on the raw bytes, so no part of a DTD is ever parsed.
		return "", errDoctype
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var (
		depth    int
		roots    int
		found    bool
		inside   bool // within the Encrypt element
		text     strings.Builder
		finished bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", errNotFormat
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if repeatedAttr(t.Attr) {
				return "", errNotFormat
			}
			if depth == 0 {
				roots++
				if roots > 1 {
					return "", errNotFormat
				}
			}
			if inside {
				return "", errNotText
			}
			if depth == 1 && t.Name.Space == "" && t.Name.Local == "Encrypt" {
				if found {
					return "", errTwice
				}
				found, inside = true, true
			}
			depth++
		case xml.EndElement:
			depth--
			inside = false
			if depth == 0 {
				finished = true
			}
		case xml.CharData:
			if depth == 0 && len(bytes.TrimLeft(t, " \t\r\n")) != 0 {
				return "", errNotFormat
			}
			if inside {
				text.Write(t)
			}
		case xml.Directive:
			return "", errDoctype
		case xml.ProcInst:
			// Only the XML declaration, before the root.
			if t.Target != "xml" || roots != 0 {
				return "", errNotFormat
			}
		}
	}
	if !finished {
		return "", errNotFormat
	}
	if !found {
		return "", errMissing
	}
	return text.String(), nil
}

// repeatedAttr reports an attribute given twice, which is not well-formed
// XML and which encoding/xml lets through.
func repeatedAttr(attrs []xml.Attr) bool {
	if len(attrs) < 2 {
		return false
	}
	seen := make(map[xml.Name]bool, len(attrs))
	for _, a := range attrs {
		if seen[a.Name] {
			return true
		}
		seen[a.Name] = true
	}
	return false
}
