// Package jsonerr turns encoding/json errors into messages that are safe to
// show: decrypted data is private, and encoding/json's own messages quote
// the offending character or number.
package jsonerr

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Describe describes an error from json.Unmarshal without any of the data's
// bytes: a syntax error gives its offset, a type error the field's path.
func Describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "not a JSON object"
		}
		return fmt.Sprintf("field %q has the wrong type", typ.Field)
	default:
		return "not valid JSON"
	}
}
