package jsonint_test

import (
	"encoding/json"
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/jsonint"
)

func TestParse(t *testing.T) {
	tests := []struct {
		raw  string
		want int64
		ok   bool
	}{
		{`0`, 0, true},
		{`-0`, 0, true},
		{`"0"`, 0, true},
		{` 42 `, 42, true},
		{`"1629121902"`, 1629121902, true},
		{`9223372036854775807`, 9223372036854775807, true},
		{`"-9223372036854775808"`, -9223372036854775808, true},
		{`9223372036854775808`, 0, false},
		{`1.0`, 0, false},
		{`1e2`, 0, false},
		{`"1E2"`, 0, false},
		{`null`, 0, false},
		{`true`, 0, false},
		{`""`, 0, false},
		{`" 1"`, 0, false},
		{`"+1"`, 0, false},
		{`+1`, 0, false},
		{`007`, 0, false},
		{`"007"`, 0, false},
		{`"1`, 0, false},
		{`[1]`, 0, false},
		{``, 0, false},
	}
	for _, tc := range tests {
		got, ok := jsonint.Parse(json.RawMessage(tc.raw))
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%s) = %d, %v; want %d, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := jsonint.Parse(nil); ok {
		t.Error("Parse(nil) succeeded")
	}
}
