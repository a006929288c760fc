package aescbc

import (
	"strconv"

	"github.com/wxcrypto/wxcrypto/internal/strictb64"
)

// maxEncryptedDataLen is the longest encryptedData text accepted: the base64
// length of maxCiphertextSize.
const maxEncryptedDataLen = (maxCiphertextSize + 2) / 3 * 4

// The input names used in a base64Error: the client's field names.
const (
	fieldSessionKey    = "sessionKey"
	fieldIV            = "iv"
	fieldEncryptedData = "encryptedData"
)

// base64Error reports an input that is not standard base64 with padding.
// It matches ErrBase64 with errors.Is. It never holds the input itself, which
// may be a secret: Hint is chosen from a fixed list.
type base64Error struct {
	// Field is the input's name: fieldSessionKey, fieldIV or fieldEncryptedData.
	Field string
	// Offset is the position of the first byte found wrong, or -1 when the
	// length or the padding is wrong as a whole.
	Offset int
	// Hint names the likely cause when the input shows one, or is "". Each
	// hint is one of a fixed set of sentences, in this order of precedence:
	// a '+' turned into a space, URL-encoded text (%2B, %2F, %3D), the
	// URL-safe alphabet ('-' and '_'), line breaks or tabs, missing '='
	// padding.
	Hint string
}

// The hints of a base64Error, by cause.
const (
	hintSpace     = "it contains spaces: was it URL- or form-decoded, turning '+' into ' '?"
	hintURLEscape = "it contains %-escapes such as %2B, %2F or %3D: it is still URL-encoded; decode it once before use"
	hintURLSafe   = "it contains '-' or '_': that is the URL-safe alphabet; the platform sends standard base64 with '+' and '/'"
	hintLineBreak = "it contains line breaks or tabs: a value as sent has none; was it wrapped (MIME style) or read with its newline?"
	hintPadding   = "its length is not a multiple of 4 and it has no '=': the '=' padding is missing (stripped, or encoded without it)"
)

// diagnose returns the hint for an input that failed to decode, from the
// shape of the input alone.
func diagnose(s string) string {
	var space, escape, urlSafe, lineBreak, pad bool
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
			space = true
		case '%':
			escape = escape || i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		case '-', '_':
			urlSafe = true
		case '\r', '\n', '\t':
			lineBreak = true
		case '=':
			pad = true
		}
	}
	switch {
	case space:
		return hintSpace
	case escape:
		return hintURLEscape
	case urlSafe:
		return hintURLSafe
	case lineBreak:
		return hintLineBreak
	case !pad && len(s)%4 != 0:
		return hintPadding
	}
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Error describes the problem and the input by name, never by value.
func (e *base64Error) Error() string {
	msg := "aescbc: " + e.Field + " is not valid standard base64"
	if e.Offset >= 0 {
		msg += " (at byte " + strconv.Itoa(e.Offset) + ")"
	}
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// Unwrap returns ErrBase64.
func (e *base64Error) Unwrap() error { return ErrBase64 }

// decodeFixed decodes s into out, which it must fill exactly; any other
// decoded length is sizeErr.
func decodeFixed(out []byte, field, s string, sizeErr error) error {
	// Large enough for any plausible mistake (a 32-byte key is 44 chars),
	// small enough to stay on the stack.
	var buf [48]byte
	if strictb64.DecodedLen(len(s)) > len(buf) {
		return sizeErr
	}
	n, err := decode(buf[:], field, s)
	defer clear(buf[:])
	if err != nil {
		return err
	}
	if n != len(out) {
		return sizeErr
	}
	copy(out, buf[:n])
	return nil
}

// decode decodes standard padded base64 into dst, which has room for
// DecodedLen(len(s)) bytes, and returns the number of bytes written.
func decode(dst []byte, field, s string) (int, error) {
	n, off, ok := strictb64.Decode(dst, s)
	if !ok {
		return 0, newbase64Error(field, off, s)
	}
	return n, nil
}

func newbase64Error(field string, off int, s string) *base64Error {
	return &base64Error{Field: field, Offset: off, Hint: diagnose(s)}
}
