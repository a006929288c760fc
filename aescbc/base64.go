package aescbc

import (
	"encoding/base64"
	"strconv"
	"strings"
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

// strictBase64 rejects non-zero trailing bits, so every byte string has
// exactly one accepted encoding, as the platform produces it.
var strictBase64 = base64.StdEncoding.Strict()

// base64Error reports an input that is not standard base64 with padding.
// It matches ErrBase64 with errors.Is. It never holds the input itself, which
// may be a secret.
type base64Error struct {
	// Field is the input's name: fieldSessionKey, fieldIV or fieldEncryptedData.
	Field string
	// Offset is the position of the first byte found wrong, or -1 when the
	// length or the padding is wrong as a whole.
	Offset int
	// HasSpace reports that the input contains a space. Standard base64 has
	// none; the usual cause is a '+' turned into ' ' when the value travelled
	// through a URL query or a form and was decoded once too often.
	HasSpace bool
}

// Error describes the problem and the input by name, never by value.
func (e *base64Error) Error() string {
	msg := "aescbc: " + e.Field + " is not valid standard base64"
	if e.Offset >= 0 {
		msg += " (at byte " + strconv.Itoa(e.Offset) + ")"
	}
	if e.HasSpace {
		msg += "; it contains spaces: was it URL- or form-decoded, turning '+' into ' '?"
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
	if strictBase64.DecodedLen(len(s)) > len(buf) {
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
	n, err := strictBase64.Decode(dst, []byte(s))
	if err != nil {
		off := -1
		if c, ok := err.(base64.CorruptInputError); ok && int(c) < len(s) {
			off = int(c)
		}
		return 0, &base64Error{Field: field, Offset: off, HasSpace: strings.IndexByte(s, ' ') >= 0}
	}
	// The decoder skips '\r' and '\n'. A value as sent has none, and
	// accepting them would make this decoder more lenient than others, so
	// require the length of a plain padded encoding.
	if len(s)%4 != 0 || n != len(s)/4*3-padding(s) {
		return 0, &base64Error{Field: field, Offset: -1, HasSpace: strings.IndexByte(s, ' ') >= 0}
	}
	return n, nil
}

// padding counts the trailing '=' of s, at most two.
func padding(s string) int {
	p := 0
	for p < 2 && len(s) > p && s[len(s)-1-p] == '=' {
		p++
	}
	return p
}
