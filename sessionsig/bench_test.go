package sessionsig_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/sessionsig"
)

var benchSizes = []int{0, 64, 1024, 64 << 10}

func benchBody(n int) []byte {
	return []byte(strings.Repeat(`{"k":"v"}`, n/9+1)[:n])
}

func BenchmarkSign(b *testing.B) {
	for _, n := range benchSizes {
		body := benchBody(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for b.Loop() {
				_, _ = sessionsig.Sign(docSessionKey, body)
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, n := range benchSizes {
		body := benchBody(n)
		sig, _ := sessionsig.Sign(docSessionKey, body)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for b.Loop() {
				if err := sessionsig.Verify(docSessionKey, body, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
