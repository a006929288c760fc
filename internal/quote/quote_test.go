package quote

import (
	"strings"
	"testing"
)

func TestBounded(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"ok\n", `"ok\n"`},
		{strings.Repeat("a", Max), `"` + strings.Repeat("a", Max) + `"`},
		{strings.Repeat("a", Max+1), `"` + strings.Repeat("a", Max) + `"... (257 bytes)`},
		{strings.Repeat("a", Max-1) + "é", `"` + strings.Repeat("a", Max-1) + `"... (257 bytes)`},
	} {
		if got := Bounded(tc.in); got != tc.want {
			t.Errorf("Bounded(%.20q...) = %.40q..., want %.40q...", tc.in, got, tc.want)
		}
	}
}
