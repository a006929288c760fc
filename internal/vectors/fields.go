package vectors

import (
	"encoding/json"
	"errors"
	"fmt"
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
