package strictb64

import (
	"bytes"
	"encoding/base64"
	"testing"
)

func TestDecode(t *testing.T) {
	for _, tt := range []struct {
		in     string
		want   []byte // nil: refused
		offset int
	}{
		{"", []byte{}, -1},
		{"AAAA", []byte{0, 0, 0}, -1},
		{"AAA=", []byte{0, 0}, -1},
		{"AA==", []byte{0}, -1},
		{"+/+/", []byte{0xfb, 0xff, 0xbf}, -1},
		{"AAA", nil, 0},        // padding missing
		{"AB==", nil, 2},       // unused bits set
		{"AA\nAA", nil, -1},    // a line break, which the decoder would skip
		{"AA\r\nAA==", nil, 6}, // the same, padded
		{"-_-_", nil, 0},       // URL-safe alphabet
		{"AA A", nil, 2},       // a space
		{"AAAA====", nil, 4},   // padding where data may stand
		{"AA==AAAA", nil, 4},   // data after the padding
	} {
		dst := make([]byte, DecodedLen(len(tt.in)))
		n, off, ok := Decode(dst, tt.in)
		if tt.want == nil {
			if ok || off != tt.offset {
				t.Errorf("%q: ok %v, offset %d; want refused at %d", tt.in, ok, off, tt.offset)
			}
			continue
		}
		if !ok || !bytes.Equal(dst[:n], tt.want) {
			t.Errorf("%q: %x, %v; want %x", tt.in, dst[:n], ok, tt.want)
		}
		if again := base64.StdEncoding.EncodeToString(dst[:n]); again != tt.in {
			t.Errorf("%q decodes to bytes that encode as %q", tt.in, again)
		}
	}
}

func TestIs16(t *testing.T) {
	for in, want := range map[string]bool{
		"AAAAAAAAAAAAAAAAAAAAAA==": true,
		"tiihtNczf5v6AKRyjwEUhQ==": true,
		"AAAAAAAAAAAAAAAAAAAAAB==": false, // unused bits set
		"AAAAAAAAAAAAAAAAAAAAAA":   false, // padding missing
		"AAAAAAAAAAAAAAAAAAAAA\n=": false,
		"AAAAAAAAAAAAAAAAAAAAAAA=": false, // 17 bytes
		"AAAAAAAAAAAAAAAAAAAA+A==": true,
		"AAAAAAAAAAAAAAAAAAAA A==": false, // a '+' turned into a space
		"":                         false,
	} {
		if got := Is16(in); got != want {
			t.Errorf("Is16(%q) = %v, want %v", in, got, want)
		}
	}
}
