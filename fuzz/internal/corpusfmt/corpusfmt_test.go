package corpusfmt

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The byte layout worked out by hand from the shim's reader: the fixed-size
// arguments first, then one weight per dynamic argument (2:1 for lengths
// 2 and 1 of 3 bytes), then the dynamic arguments' bytes.
func TestEncodeLayout(t *testing.T) {
	got, err := Encode("ab", []byte("c"), uint16(0x0102), true)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0x01, 0x02, 0x01, 2, 1, 'a', 'b', 'c'}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode = %x, want %x", got, want)
	}
	got, err = Encode(int64(-2), uint8(7), []byte("xyz"))
	if err != nil {
		t.Fatal(err)
	}
	want = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 7, 0, 'x', 'y', 'z'}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode = %x, want %x", got, want)
	}
}

// Decoding follows the shim on inputs it did not make: zero padding when
// short, R/n shares when the weights sum to zero.
func TestDecodeLikeTheShim(t *testing.T) {
	types := Types([]any{uint32(0), "", []byte{}})
	for _, c := range []struct {
		data []byte
		want []any
	}{
		{nil, []any{uint32(0), "", []byte{}}},
		{[]byte{1, 2}, []any{uint32(0x01020000), "", []byte{}}},
		{[]byte{0, 0, 0, 9, 0, 0, 'a', 'b', 'c', 'd', 'e'}, []any{uint32(9), "ab", []byte("cde")}},
		{[]byte{0, 0, 0, 9, 1, 3, 'a', 'b', 'c', 'd'}, []any{uint32(9), "a", []byte("bcd")}},
		{[]byte{0, 0, 0, 9, 5, 0, 'a', 'b'}, []any{uint32(9), "ab", []byte{}}},
	} {
		got, err := Decode(c.data, types)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Decode(%x) (-want +got):\n%s", c.data, diff)
		}
	}
}

// Every representable argument list decodes to itself; a list Encode
// calls unrepresentable has no weights at all (checked by trying every pair
// for two arguments).
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	failed := 0
	for i := range 1000 {
		n := 1 + r.IntN(4)
		var args []any
		for j := range n {
			size := r.IntN(40)
			if j == n-1 || r.IntN(3) == 0 {
				size = r.IntN(3000)
			}
			s := strings.Repeat("x", size)
			if r.IntN(2) == 0 {
				args = append(args, s)
			} else {
				args = append(args, []byte(s))
			}
		}
		args = append(args, uint16(r.Uint32()), r.IntN(2) == 0, int64(r.Uint64()), uint8(r.Uint32()), uint32(r.Uint32()))
		data, err := Encode(args...)
		if errors.Is(err, ErrNotRepresentable) {
			failed++
			if n == 2 && i%10 == 0 {
				checkNoWeights(t, args)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(data, Types(args))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(args, got); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	}
	t.Logf("%d of 1000 random argument lists not representable", failed)
}

func checkNoWeights(t *testing.T, args []any) {
	t.Helper()
	size := func(a any) int { return reflect.ValueOf(a).Len() }
	l1, total := size(args[0]), size(args[0])+size(args[1])
	for w1 := range 256 {
		for w2 := range 256 {
			share := total / 2
			if w1+w2 > 0 {
				share = total * w1 / (w1 + w2)
			}
			if share == l1 {
				t.Fatalf("lengths %d and %d: Encode found no weights, but %d and %d fit", l1, total-l1, w1, w2)
			}
		}
	}
}

// MarshalGo writes what go test writes, and UnmarshalGo reads it back.
func TestGoFormat(t *testing.T) {
	args := []any{"a\"b\n", []byte{0, 0xff}, uint16(7), true, int64(-9), uint8('x'), uint32(4), int32(-1), math.Float64frombits(1)}
	got, err := MarshalGo(args...)
	if err != nil {
		t.Fatal(err)
	}
	want := "go test fuzz v1\n" +
		"string(\"a\\\"b\\n\")\n" +
		"[]byte(\"\\x00\\xff\")\n" +
		"uint16(7)\n" +
		"bool(true)\n" +
		"int64(-9)\n" +
		"byte('x')\n" +
		"uint32(4)\n" +
		"int32(-1)\n" +
		"math.Float64frombits(0x1)\n"
	if string(got) != want {
		t.Errorf("MarshalGo =\n%s\nwant\n%s", got, want)
	}
	back, err := UnmarshalGo(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(args, back); diff != "" {
		t.Errorf("UnmarshalGo (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "go test fuzz v1\n", "go test fuzz v1\nstring(1)\n", "go test fuzz v1\nchan(1)\n", "x\nstring(\"a\")\n"} {
		if _, err := UnmarshalGo([]byte(bad)); err == nil {
			t.Errorf("UnmarshalGo(%q): no error", bad)
		}
	}
}

func TestBinaryName(t *testing.T) {
	for target, want := range map[string]string{
		"FuzzAESCBCDecryptStrings": "fuzz_aescbc_decrypt_strings",
		"FuzzXXTEARoundTrip":       "fuzz_xxtea_round_trip",
		"FuzzOpenJSON":             "fuzz_open_json",
		"FuzzCloud189Answer":       "fuzz_cloud189_answer",
		"FuzzJSONObject":           "fuzz_json_object",
	} {
		if got := BinaryName(target); got != want {
			t.Errorf("BinaryName(%s) = %s, want %s", target, got, want)
		}
	}
}
