// Package wmtime is the freshness rule of watermarks on integers, exact for
// every int64 input: now - maxAge <= ts <= now + skew, with the bounds
// computed as mathematical integers, never wrapped or saturated.
package wmtime

import "math/bits"

// Where a timestamp lies against the window.
const (
	TooOld = -1
	Inside = 0
	Future = 1
)

// Window applies the rule to ts, now, maxAge and skew, all counted in one
// unit (seconds for WeChat, milliseconds for 189 cloud). maxAge and skew may
// be negative.
func Window(ts, now, maxAge, skew int64) int {
	return window(ts, wide(now), maxAge, skew)
}

// WindowAt is Window with the clock given as whole seconds sec and sub
// units into the second (0 <= sub < perSecond), now = sec*perSecond + sub,
// a value that may lie beyond the int64 range of units.
func WindowAt(ts, sec, sub, perSecond, maxAge, skew int64) int {
	return window(ts, mul(sec, perSecond).add(wide(sub)), maxAge, skew)
}

func window(ts int64, now int128, maxAge, skew int64) int {
	t := wide(ts)
	switch {
	case t.less(now.sub(wide(maxAge))):
		return TooOld
	case now.add(wide(skew)).less(t):
		return Future
	}
	return Inside
}

// int128 is a two's-complement 128-bit integer, hi*2^64 + lo. The values
// here stay below 2^75 in magnitude, so nothing overflows.
type int128 struct {
	hi int64
	lo uint64
}

func wide(x int64) int128 { return int128{x >> 63, uint64(x)} }

// mul returns x*k for k >= 0.
func mul(x, k int64) int128 {
	hi, lo := bits.Mul64(uint64(x), uint64(k))
	// uint64(x) is x + 2^64 when x < 0: take k*2^64 back off.
	h := int64(hi)
	if x < 0 {
		h -= k
	}
	return int128{h, lo}
}

func (a int128) add(b int128) int128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	return int128{a.hi + b.hi + int64(c), lo}
}

func (a int128) sub(b int128) int128 {
	lo, c := bits.Sub64(a.lo, b.lo, 0)
	return int128{a.hi - b.hi - int64(c), lo}
}

func (a int128) less(b int128) bool {
	return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo
}
