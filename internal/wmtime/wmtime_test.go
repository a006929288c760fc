package wmtime

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// ref is the rule on math/big: now = sec*perSecond + sub.
func ref(ts, sec, sub, perSecond, maxAge, skew int64) int {
	n := new(big.Int).Mul(big.NewInt(sec), big.NewInt(perSecond))
	n.Add(n, big.NewInt(sub))
	lo := new(big.Int).Sub(n, big.NewInt(maxAge))
	hi := new(big.Int).Add(n, big.NewInt(skew))
	t := big.NewInt(ts)
	switch {
	case t.Cmp(lo) < 0:
		return TooOld
	case t.Cmp(hi) > 0:
		return Future
	}
	return Inside
}

var edges = []int64{
	math.MinInt64, math.MinInt64 + 1, math.MinInt64/1000 - 1, math.MinInt64 / 1000, -1 << 40, -3601, -1, 0, 1, 807, 808, 999,
	3600, 1 << 40, math.MaxInt64 / 1000, math.MaxInt64/1000 + 1, math.MaxInt64 - 1, math.MaxInt64,
}

func TestWindowEdges(t *testing.T) {
	for _, ts := range edges {
		for _, now := range edges {
			for _, maxAge := range edges {
				for _, skew := range edges {
					if got, want := Window(ts, now, maxAge, skew), ref(ts, now, 0, 1, maxAge, skew); got != want {
						t.Fatalf("Window(%d, %d, %d, %d) = %d, want %d", ts, now, maxAge, skew, got, want)
					}
				}
			}
		}
	}
}

func TestWindowAtEdges(t *testing.T) {
	for _, per := range []int64{1, 1000} {
		for _, ts := range edges {
			for _, sec := range edges {
				for _, sub := range []int64{0, 1, 807, 808, 999} {
					if sub >= per {
						continue
					}
					for _, maxAge := range edges {
						for _, skew := range []int64{0, 1, 60_000, math.MaxInt64} {
							if got, want := WindowAt(ts, sec, sub, per, maxAge, skew), ref(ts, sec, sub, per, maxAge, skew); got != want {
								t.Fatalf("WindowAt(%d, %d, %d, %d, %d, %d) = %d, want %d", ts, sec, sub, per, maxAge, skew, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestMillisBoundary is the case that wrapped before: a clock of
// MaxInt64/1000 seconds and more than 807 ms is beyond the int64 range of
// milliseconds, and MinInt64 is far too old, not inside the window.
func TestMillisBoundary(t *testing.T) {
	if got := WindowAt(math.MinInt64, math.MaxInt64/1000, 808, 1000, 3_600_000, 60_000); got != TooOld {
		t.Fatalf("got %d, want TooOld", got)
	}
	// math.MaxInt64 ms is 807 ms into that second: 1 ms later it is old.
	if got := WindowAt(math.MaxInt64, math.MaxInt64/1000, 808, 1000, 0, 0); got != TooOld {
		t.Fatalf("got %d, want TooOld", got)
	}
	if got := WindowAt(math.MaxInt64, math.MaxInt64/1000, 808, 1000, 1, 0); got != Inside {
		t.Fatalf("got %d, want Inside", got)
	}
}

func TestWindowRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func() int64 {
		switch rng.IntN(4) {
		case 0:
			return edges[rng.IntN(len(edges))] + rng.Int64N(5) - 2
		case 1:
			return rng.Int64N(1<<20) - 1<<19
		}
		return int64(rng.Uint64())
	}
	for range 200000 {
		ts, sec, maxAge, skew := pick(), pick(), pick(), pick()
		per := []int64{1, 1000}[rng.IntN(2)]
		sub := rng.Int64N(per)
		if got, want := WindowAt(ts, sec, sub, per, maxAge, skew), ref(ts, sec, sub, per, maxAge, skew); got != want {
			t.Fatalf("WindowAt(%d, %d, %d, %d, %d, %d) = %d, want %d", ts, sec, sub, per, maxAge, skew, got, want)
		}
	}
}
