// Package strictb64 decodes base64 as the platform sends it and
// spec/algorithms.md requires of every base64 field: the standard alphabet,
// '=' padding, unused bits zero, and nothing else, so that every byte string
// has exactly one accepted encoding. It serves open data (package aescbc)
// and message push (package msgpush).
package strictb64

import "encoding/base64"

var enc = base64.StdEncoding.Strict()

// DecodedLen returns the most bytes Decode writes for n characters.
func DecodedLen(n int) int { return enc.DecodedLen(n) }

// Decode decodes s into dst, which has room for DecodedLen(len(s)) bytes,
// and returns the number of bytes written. When s is not strict base64 it
// returns ok false and the offset of the first wrong byte, or -1 when the
// length or the padding is wrong as a whole.
func Decode(dst []byte, s string) (n, offset int, ok bool) {
	n, err := enc.Decode(dst, []byte(s))
	if err != nil {
		if c, isCorrupt := err.(base64.CorruptInputError); isCorrupt && int(c) < len(s) {
			return 0, int(c), false
		}
		return 0, -1, false
	}
	// The decoder skips '\r' and '\n'. A value as sent has none, and
	// accepting them would make this decoder more lenient than others, so
	// require the length of a plain padded encoding.
	if len(s)%4 != 0 || n != len(s)/4*3-padding(s) {
		return 0, -1, false
	}
	return n, -1, true
}

// Is16 reports whether s is the strict base64 of exactly 16 bytes: 24
// characters, the shape of a session_key and an iv.
func Is16(s string) bool {
	if len(s) != 24 {
		return false
	}
	var b [18]byte
	n, _, ok := Decode(b[:], s)
	return ok && n == 16
}

// padding counts the trailing '=' of s, at most two.
func padding(s string) int {
	p := 0
	for p < 2 && len(s) > p && s[len(s)-1-p] == '=' {
		p++
	}
	return p
}
