package msghash_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/msghash"
)

func BenchmarkHash(b *testing.B) {
	for _, n := range []int{256, 64 << 10} {
		s := strings.Repeat("AbC+/9", n/6+1)[:n]
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for b.Loop() {
				_ = msghash.Hash(s)
			}
		})
	}
}

func BenchmarkParseCheckResponse(b *testing.B) {
	body := []byte(`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := msghash.ParseCheckResponse(body); err != nil {
			b.Fatal(err)
		}
	}
}
