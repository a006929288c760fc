// Package quote prints a peer's text in an error message: quoted, so that
// control characters cannot forge log lines, and bounded, since the text may
// be as long as the answer that carried it.
package quote

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Max is how many bytes of the text Bounded shows.
const Max = 256

// Bounded quotes s cut to Max bytes on a character boundary, followed by the
// whole length when it was cut.
func Bounded(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	n := Max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%q... (%d bytes)", s[:n], len(s))
}
