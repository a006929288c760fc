package vectors

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Has reports whether a field (or its Hex twin) is present.
func (c *Case) Has(name string) bool {
	_, ok := c.fields[name]
	_, okHex := c.fields[name+"Hex"]
	return ok || okHex
}

// Object returns an object-of-strings field.
func (c *Case) Object(name string) map[string]string {
	var m map[string]string
	json.Unmarshal(c.fields[name], &m) // checked by parseCase
	return m
}

// checkObjectField checks a kindObject field: a JSON object of strings,
// without duplicate names.
func checkObjectField(c *Case, f field, known map[string]bool, required bool) error {
	known[f.name] = true
	raw, ok := c.fields[f.name]
	if !ok {
		if required {
			return fmt.Errorf("missing %q", f.name)
		}
		return nil
	}
	var m map[string]string
	if unmarshalStrict(raw, &m) != nil || m == nil {
		return fmt.Errorf("%q is not an object of strings", f.name)
	}
	if _, err := object(raw); err != nil {
		return fmt.Errorf("%q: %v", f.name, err)
	}
	return nil
}

// checkText refuses a file that is not UTF-8 or whose strings hold an
// unpaired surrogate: encoding/json would turn both into U+FFFD without a
// word, so the bytes a case stands for would differ from runner to runner.
func checkText(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("not UTF-8")
	}
	if unpairedSurrogate(data) {
		return errors.New(`a string holds an unpaired surrogate (\uD800-\uDFFF)`)
	}
	return nil
}

// unpairedSurrogate reports whether a JSON text has a \u escape of a
// surrogate (D800-DFFF) that is not a high one followed by a low one.
// Outside strings backslashes cannot occur in valid JSON; invalid JSON is
// left to the decoder.
func unpairedSurrogate(data []byte) bool {
	esc := func(i int) (rune, bool) { // the \uXXXX at data[i:], if any
		if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 32)
		return rune(n), err == nil
	}
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' {
			continue
		}
		r, ok := esc(i)
		if !ok {
			i++ // another escape: skip the escaped character
			continue
		}
		switch {
		case r >= 0xDC00 && r <= 0xDFFF:
			return true
		case r >= 0xD800 && r <= 0xDBFF:
			lo, ok := esc(i + 6)
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

// Case is one test case with its fields checked against its operation.
type Case struct {
	TcID    int64
	Comment string
	Flags   []string
	Valid   bool
	Error   string // the error word of an invalid case, or ""
	fields  map[string]json.RawMessage
	class   func(error) bool // the test for Error
}

// String returns a string field.
func (c *Case) String(name string) string {
	var s string
	json.Unmarshal(c.fields[name], &s) // checked by parseCase
	return s
}

// Int returns an integer field.
func (c *Case) Int(name string) int64 {
	var n int64
	json.Unmarshal(c.fields[name], &n) // checked by parseCase
	return n
}

// Bytes returns a binary field, given either as text under name or as hex
// under name+"Hex". ok is false when neither is present.
func (c *Case) Bytes(name string) (b []byte, ok bool) {
	if raw, ok := c.fields[name]; ok {
		var s string
		json.Unmarshal(raw, &s)
		return []byte(s), true
	}
	if raw, ok := c.fields[name+"Hex"]; ok {
		var s string
		json.Unmarshal(raw, &s)
		b, _ := hex.DecodeString(s) // checked by parseCase
		return b, true
	}
	return nil, false
}

// A kind says what JSON a field holds.
type kind int

const (
	kindString kind = iota // a JSON string
	kindInt                // a JSON integer
	kindBytes              // name as a string, or name+"Hex" as hex: exactly one
	kindObject             // a JSON object whose values are strings
)

// field describes one field of an operation.
type field struct {
	name      string
	kind      kind
	validOnly bool // required in valid cases, optional in invalid ones
	optional  bool // optional in every case
}

// operation is what the runner knows of one operation name: its fields and
// how to check a case.
type operation struct {
	fields []field
	// errors maps each error word of the operation to its test: does an
	// error of the library belong to that class? An operation without error
	// words has none.
	errors map[string]func(error) bool
	// check returns nil when the library does what the case says: for a
	// valid case, succeeds with exactly the stated outputs; for an invalid
	// one, returns an error (of the class c.Error names, if any).
	check func(c *Case) error
}

func parseCase(op operation, raw json.RawMessage) (*Case, error) {
	m, err := object(raw)
	if err != nil {
		return &Case{}, err
	}
	c := &Case{fields: m}
	if err := unmarshalStrict(m["tcId"], &c.TcID); err != nil || m["tcId"] == nil {
		return c, errors.New(`"tcId" missing or not an integer`)
	}
	if c.TcID == 0 {
		// Zero is how failures name a whole file; real cases are never 0
		// in practice, and refusing it keeps reports unambiguous.
		return c, errors.New(`"tcId" 0 is not allowed`)
	}
	if m["comment"] == nil || unmarshalStrict(m["comment"], &c.Comment) != nil {
		return c, errors.New(`"comment" missing or not a string`)
	}
	if m["flags"] == nil || unmarshalStrict(m["flags"], &c.Flags) != nil || c.Flags == nil {
		return c, errors.New(`"flags" missing or not an array of strings`)
	}
	var result string
	if m["result"] == nil || unmarshalStrict(m["result"], &result) != nil {
		return c, errors.New(`"result" missing or not a string`)
	}
	switch result {
	case "valid":
		c.Valid = true
	case "invalid":
	default:
		return c, fmt.Errorf(`"result" is %q, want "valid" or "invalid"`, result)
	}

	if raw, ok := m["error"]; ok {
		if unmarshalStrict(raw, &c.Error) != nil {
			return c, errors.New(`"error" is not a string`)
		}
		if c.Valid {
			return c, errors.New(`"error" in a valid case`)
		}
		if c.class = op.errors[c.Error]; c.class == nil {
			return c, fmt.Errorf("error word %q is not one of this operation's", c.Error)
		}
	}
	known := map[string]bool{"tcId": true, "comment": true, "flags": true, "result": true, "error": true}
	for _, f := range op.fields {
		if err := checkField(c, f, known); err != nil {
			return c, err
		}
	}
	var unknown []string
	for k := range m {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return c, fmt.Errorf("unknown field %q", unknown[0])
	}
	return c, nil
}

func checkField(c *Case, f field, known map[string]bool) error {
	required := !f.optional && (!f.validOnly || c.Valid)
	switch f.kind {
	case kindObject:
		return checkObjectField(c, f, known, required)
	case kindString, kindInt:
		known[f.name] = true
		raw, ok := c.fields[f.name]
		if !ok {
			if required {
				return fmt.Errorf("missing %q", f.name)
			}
			return nil
		}
		if f.kind == kindString {
			var s string
			if unmarshalStrict(raw, &s) != nil {
				return fmt.Errorf("%q is not a string", f.name)
			}
			return nil
		}
		var n int64
		if unmarshalStrict(raw, &n) != nil {
			return fmt.Errorf("%q is not an integer", f.name)
		}
		return nil
	case kindBytes:
		hexName := f.name + "Hex"
		known[f.name], known[hexName] = true, true
		raw, hasText := c.fields[f.name]
		rawHex, hasHex := c.fields[hexName]
		switch {
		case hasText && hasHex:
			return fmt.Errorf("both %q and %q", f.name, hexName)
		case !hasText && !hasHex:
			if required {
				return fmt.Errorf("missing %q (or %q)", f.name, hexName)
			}
		case hasText:
			var s string
			if unmarshalStrict(raw, &s) != nil {
				return fmt.Errorf("%q is not a string", f.name)
			}
		case hasHex:
			var s string
			if unmarshalStrict(rawHex, &s) != nil {
				return fmt.Errorf("%q is not a string", hexName)
			}
			if _, err := hex.DecodeString(s); err != nil {
				return fmt.Errorf("%q is not hex", hexName)
			}
		}
	}
	return nil
}

// unmarshalStrict is json.Unmarshal that refuses null, which encoding/json
// would accept as "leave the zero value".
func unmarshalStrict(raw json.RawMessage, v any) error {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return errors.New("null")
	}
	return json.Unmarshal(raw, v)
}
