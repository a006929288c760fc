package msgpush

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
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
func jsonEncrypt(body []byte) (string, error) {
	if !utf8.Valid(body) {
		return "", errNotFormat
	}
	members, err := jsonobj.Members(body)
	if err != nil {
		return "", errNotFormat
	}
	var raw json.RawMessage
	for _, m := range members {
		if !strings.EqualFold(m.Name, "Encrypt") {
			continue
		}
		if raw != nil || m.Name != "Encrypt" {
			return "", errTwice
		}
		raw = m.Value
	}
	if raw == nil {
		return "", errMissing
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", errNotText
	}
	return s, nil
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
