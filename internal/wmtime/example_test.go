package wmtime_test

import (
	"fmt"
	"math"

	"github.com/wxcrypto/wxcrypto/internal/wmtime"
)

func ExampleWindowAt() {
	// A clock past the int64 range of milliseconds (MaxInt64/1000 s and
	// 808 ms): the smallest timestamp is too old, not wrapped into the
	// window.
	fmt.Println(wmtime.WindowAt(math.MinInt64, math.MaxInt64/1000, 808, 1000, 3_600_000, 60_000) == wmtime.TooOld)
	// The 189 example, 90 s after it was made, with a 5-minute window.
	fmt.Println(wmtime.WindowAt(1578042800057, 1578042890, 57, 1000, 300_000, 60_000) == wmtime.Inside)
	// Output:
	// true
	// true
}
