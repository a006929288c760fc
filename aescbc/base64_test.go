package aescbc

import (
	"errors"
	"testing"
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
