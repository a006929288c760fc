package aescbc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBase64ErrorOffsetWithinInput: the decoder reports a missing '=' as a
// problem at len(s), one past the end; Offset must then be -1 (the padding
// is wrong as a whole), never a position the input does not have.
func TestBase64ErrorOffsetWithinInput(t *testing.T) {
	const key, iv = "tiihtNczf5v6AKRyjwEUhQ==", "r7BXXKkLb8qrSNn05n0qiA=="
	tests := []struct {
		data   string
		offset int
	}{
		{"AAAAAAAAAAAAAAAAAAAAAA=", -1}, // 16 bytes with one '=' of two
		{"AAAAAAAAAAAAAAAAAAAAAA", 20},  // unpadded: the last group starts at 20
		{"AAAAAAAAAAAAAAAAAAAAAA===", 24},
		{"AAAA!AAA", 4},
	}
	for _, tt := range tests {
		_, err := Decrypt(key, tt.data, iv)
		var be *base64Error
		if !errors.As(err, &be) {
			t.Fatalf("%q: %v, want a base64Error", tt.data, err)
		}
		if be.Offset != tt.offset || be.Offset >= len(tt.data) {
			t.Errorf("%q: Offset %d, want %d", tt.data, be.Offset, tt.offset)
		}
	}
}

// TestBase64Hints: each way a base64 value is commonly damaged in transit
// gets a hint naming that cause, for each of the three inputs; the message
// never shows the input.
func TestBase64Hints(t *testing.T) {
	// 16 and 34 bytes of 0xfb, whose encodings hold '+', '/' and "==". The
	// damaged values are refused as base64 before any size check.
	const good = "+/v7+/v7+/v7+/v7+/v7+w=="
	const data = "+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+w=="
	r := strings.NewReplacer
	tests := []struct {
		name   string
		damage func(string) string
		hint   string
	}{
		{"plus as space", r("+", " ").Replace, hintSpace},
		{"URL-encoded plus", r("+", "%2B").Replace, hintURLEscape},
		{"URL-encoded slash, lower case", r("/", "%2f").Replace, hintURLEscape},
		{"URL-encoded padding", r("=", "%3D").Replace, hintURLEscape},
		{"URL-safe alphabet", r("+", "-", "/", "_").Replace, hintURLSafe},
		{"URL-safe alphabet, unpadded", func(s string) string { return strings.TrimRight(r("+", "-", "/", "_").Replace(s), "=") }, hintURLSafe},
		{"line break", func(s string) string { return s[:8] + "\n" + s[8:] }, hintLineBreak},
		{"CRLF", func(s string) string { return s[:8] + "\r\n" + s[8:] }, hintLineBreak},
		{"trailing newline", func(s string) string { return s + "\n" }, hintLineBreak},
		{"tab", func(s string) string { return s[:8] + "\t" + s[8:] }, hintLineBreak},
		{"padding missing", func(s string) string { return strings.TrimRight(s, "=") }, hintPadding},
		{"padding cut short", func(s string) string { return s[:len(s)-1] }, ""},
		{"a stray character", func(s string) string { return "!" + s[1:] }, ""},
		{"a lone percent sign", func(s string) string { return "%" + s[1:] }, ""},
		{"non-zero unused bits", func(s string) string { return s[:len(s)-3] + "x" + s[len(s)-2:] }, ""},
	}
	// The inputs by their client field names, and the one call that takes
	// them.
	open := func(in map[string]string) error {
		_, err := Decrypt(in["sessionKey"], in["encryptedData"], in["iv"])
		return err
	}
	for _, tt := range tests {
		for _, field := range []string{"sessionKey", "iv", "encryptedData"} {
			t.Run(tt.name+"/"+field, func(t *testing.T) {
				inputs := map[string]string{"sessionKey": good, "iv": good, "encryptedData": data}
				inputs[field] = tt.damage(inputs[field])
				in := inputs[field]
				err := open(inputs)
				var be *base64Error
				if !errors.As(err, &be) || !errors.Is(err, ErrBase64) {
					t.Fatalf("%v, want a base64Error", err)
				}
				want := base64Error{Field: field, Offset: be.Offset, Hint: tt.hint}
				if diff := cmp.Diff(want, *be); diff != "" {
					t.Errorf("base64Error (-want +got):\n%s", diff)
				}
				msg := err.Error()
				if tt.hint != "" && !strings.HasSuffix(msg, "; "+tt.hint) {
					t.Errorf("message %q does not end with the hint", msg)
				}
				if !strings.Contains(msg, field) {
					t.Errorf("message %q does not name %s", msg, field)
				}
				for i := 0; i+6 <= len(in); i++ {
					if strings.Contains(msg, in[i:i+6]) {
						t.Fatalf("message %q quotes the input (%q)", msg, in[i:i+6])
					}
				}
			})
		}
	}
}
