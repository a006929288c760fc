// Package jsonint reads the integers that platform answers write either as
// a JSON number or as a string holding one (errcode, create_time, the 189
// answer's code).
package jsonint

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Parse reads a JSON value holding an integer, written as a JSON number or
// as a string holding one, in the JSON number grammar without fraction or
// exponent: -?(0|[1-9][0-9]*). It reports false for a value outside the
// int64 range, white space inside the string, a '+' sign, leading zeros,
// null and every other type.
func Parse(raw json.RawMessage) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	s := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
	}
	if !IsText(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// IsText reports whether s is an integer in the JSON number grammar without
// fraction or exponent; it says nothing of its range.
func IsText(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
