package wxcrypto

import (
	"encoding/json"
	"errors"
	"math/bits"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// fastOpener accepts the watermarks used below whatever their time.
func fastOpener(t testing.TB) *Opener {
	o, err := NewOpener(watermark.Policy{AppID: "wxapp", SkipFreshness: true})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// compareDecoders decodes doc as each typed result with the fast decoder
// and with encoding/json, and fails on any difference. It reports whether
// the fast decoder took the document.
func compareDecoders(t testing.TB, o *Opener, doc []byte) (fastTook int) {
	fastTook += compareOne[UserInfo](t, o, doc)
	fastTook += compareOne[PhoneNumber](t, o, doc)
	fastTook += compareOne[WeRunData](t, o, doc)
	fastTook += compareOne[ShareInfo](t, o, doc)
	return fastTook
}

func compareOne[T any, P payload[T]](t testing.TB, o *Opener, doc []byte) int {
	t.Helper()
	fast, ok, fastErr := verifyFast[T](o, doc)
	if !ok {
		return 0
	}
	slow, slowErr := verifyJSON[T, P](o, doc)
	if (fastErr == nil) != (slowErr == nil) || (fastErr != nil && !sameClass(fastErr, slowErr)) {
		t.Fatalf("%T of %q: fast error %v, encoding/json error %v", fast, doc, fastErr, slowErr)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%T of %q:\nfast          %#v\nencoding/json %#v", fast, doc, fast, slow)
	}
	return 1
}

func sameClass(a, b error) bool {
	for _, class := range []error{watermark.ErrAppID, watermark.ErrTooOld, watermark.ErrFuture, watermark.ErrMalformed, watermark.ErrPolicy, ErrPayload} {
		if errors.Is(a, class) != errors.Is(b, class) {
			return false
		}
	}
	return true
}

const wm = `"watermark":{"appid":"wxapp","timestamp":1554815786}`

// decoderCases are documents on the edge of what the fast decoder takes.
var decoderCases = []string{
	documented.UserInfoPlaintext,
	documented.PhonePlaintext,
	`{"stepInfoList":[{"timestamp":1554739200,"step":5000},{"step":0,"timestamp":-1},{}],` + wm + `}`,
	`{"stepInfoList":[],` + wm + `}`,
	`{"stepInfoList":null,` + wm + `}`,
	`{"stepInfoList":[null],` + wm + `}`,
	`{"stepInfoList":[{"step":1.5}],` + wm + `}`,
	`{"stepInfoList":[{"Step":1}],` + wm + `}`,
	`{"stepInfoList":{},` + wm + `}`,
	`{"openGId":"tGLoR3",` + wm + `}`,
	` {"openGId" : "g" , "x":[1,-2.5e+3,true,false,null,{"a":{"b":[]}}] ,` + wm + ` } ` + "\n",
	`{"openId":"a","openId":"b",` + wm + `}`,
	`{"openId":"a","OPENID":"b",` + wm + `}`,
	`{"openid":"a",` + wm + `}`,
	`{"openId":null,` + wm + `}`,
	`{"openId":"a\u00e9",` + wm + `}`,
	`{"openId":"a\\u00e9",` + wm + `}`,
	`{"openId":"a\\/b",` + wm + `}`,
	"{\"openId\":\"a\xffb\"," + wm + `}`,
	"{\"openId\":\"a\x01b\"," + wm + `}`,
	`{"openId":"微信😀",` + wm + `}`,
	`{"\u006fpenId":"x",` + wm + `}`,
	`{"ſ":"x","K":"y",` + wm + `}`,
	`{"nicKname":"x",` + wm + `}`,
	"{\"nic\u212aName\":\"kelvin\"," + wm + `}`,
	`{"stepInfoList":[{"ſtep":7,"timeſtamp":8}],` + wm + `}`,
	`{"openGId":"g","ſhareInfo":1,"wateRmarK":2,` + wm + `}`,
	`{"watermark":{"appid":"wxapp","timestamp":1,"timeſtamp":2}}`,
	`{"gender":1,` + wm + `}`,
	`{"gender":-0,` + wm + `}`,
	`{"gender":1.0,` + wm + `}`,
	`{"gender":1e0,` + wm + `}`,
	`{"gender":01,` + wm + `}`,
	`{"gender":"1",` + wm + `}`,
	`{"gender":9223372036854775807,` + wm + `}`,
	`{"gender":9223372036854775808,` + wm + `}`,
	`{"gender":-9223372036854775808,` + wm + `}`,
	`{"gender":-9223372036854775809,` + wm + `}`,
	`{"gender":999999999999999999,` + wm + `}`,
	`{"gender":-999999999999999999,` + wm + `}`,
	`{"gender":1000000000000000000,` + wm + `}`,
	`{"stepInfoList":[{"timestamp":-0,"step":000}],` + wm + `}`,
	`{"stepInfoList":[{"timestamp":12345678901234567890}],` + wm + `}`,
	`{"gender":true,` + wm + `}`,
	`{"watermark":{"appid":"wxapp","timestamp":1},"watermark":{"appid":"wxapp","timestamp":2}}`,
	`{"watermark":{"appid":"wxapp","timestamp":1},"watermark":null}`,
	`{"watermark":{"appid":"wxapp","timestamp":1},"Watermark":{"appid":"other","timestamp":1}}`,
	`{"watermark":{"appid":"wxapp","timestamp":1,"APPID":"other"}}`,
	`{"watermark":{"appid":"wxapp","timestamp":1,"extra":{"appid":"other"}}}`,
	`{"watermark":{"appid":"other","timestamp":1}}`,
	`{"watermark":{"appid":"wxapp"}}`,
	`{"watermark":{"appid":"wxapp","timestamp":"1"}}`,
	`{"watermark":{"appid":"wxapp","timestamp":1.5}}`,
	`{"watermark":{}}`,
	`{"watermark":[]}`,
	`{}`,
	`[]`,
	`null`,
	`"x"`,
	``,
	`{"watermark":{"appid":"wxapp","timestamp":1}}x`,
	`{"watermark":{"appid":"wxapp","timestamp":1}}{}`,
	`{"watermark":{"appid":"wxapp","timestamp":1},}`,
	`{"watermark":{"appid":"wxapp","timestamp":1} "x":1}`,
	`{"x":"\q",` + wm + `}`,
	`{"x":"\u12",` + wm + `}`,
	`{"x":"\ud800",` + wm + `}`,
	`{"x":[1,],` + wm + `}`,
	`{"x":-,` + wm + `}`,
	`{"x":1.,` + wm + `}`,
	`{"x":.5,` + wm + `}`,
	`{"x":1e,` + wm + `}`,
	`{"x":tru,` + wm + `}`,
	`{"x":nul,` + wm + `}`,
	`{"x":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `,` + wm + `}`,
	"{\"x\":1,\t\r\n" + wm + "}",
	"{\"x\":1,\v" + wm + "}",
	"\ufeff{" + wm + "}",
}

func TestFastDecoderAgreesWithEncodingJSON(t *testing.T) {
	o := fastOpener(t)
	took := 0
	for _, doc := range decoderCases {
		took += compareDecoders(t, o, []byte(doc))
	}
	// The fast decoder must actually be used, or the hot path is slow and
	// this test compares nothing.
	if took < 30 {
		t.Errorf("the fast decoder took only %d of %d documents × types", took, len(decoderCases)*4)
	}
}

func TestFastDecoderTakesCommonPayloads(t *testing.T) {
	for _, doc := range []string{documented.UserInfoPlaintext, documented.PhonePlaintext, "{\n  \"openId\": \"微信用户\",\n  " + wm + "\n}"} {
		var r record
		if !decodeFast(doc, userInfoSchema, &r) {
			t.Errorf("fast decoder gave up on %s", doc)
		}
	}
}

func TestSpecial8(t *testing.T) {
	special := func(c byte) bool { return c < 0x20 || c >= 0x80 || c == '\\' || c == '"' }
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			for _, fill := range []byte{'a', '"', 0x01, 0xff} {
				// A byte of every kind at pos, after plain bytes and
				// before bytes of one kind.
				w := []byte("abcdefgh")
				w[pos] = byte(c)
				for k := pos + 1; k < 8; k++ {
					w[k] = fill
				}
				first := -1
				for k, b := range w {
					if special(b) {
						first = k
						break
					}
				}
				m := special8(string(w))
				got := -1
				if m != 0 {
					got = bits.TrailingZeros64(m) / 8
				}
				if got != first {
					t.Fatalf("%q: first special byte at %d, want %d", w, got, first)
				}
			}
		}
	}
}

// FuzzFastDecoder compares the fast decoder with encoding/json on any
// document: whatever the fast decoder accepts, encoding/json must accept
// with the same values, and the errors must be of the same class.
func FuzzFastDecoder(f *testing.F) {
	for _, doc := range decoderCases {
		f.Add([]byte(doc))
	}
	// Every plaintext of the shipped watermark and decryption vectors.
	files, _ := filepath.Glob("testdata/vectors/opendata_*.json")
	seeds := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		var v struct{ Tests []struct{ Plaintext *string } }
		if err := json.Unmarshal(data, &v); err != nil {
			f.Fatal(err)
		}
		for _, tc := range v.Tests {
			if tc.Plaintext != nil {
				f.Add([]byte(*tc.Plaintext))
				seeds++
			}
		}
	}
	if seeds < 50 {
		f.Fatalf("only %d plaintexts found in testdata/vectors", seeds)
	}
	o := fastOpener(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		compareDecoders(t, o, doc)
	})
}

func TestFastPathEnforcesPolicy(t *testing.T) {
	// The fast path must apply the same policy as the slow one.
	o := opener(t, "wxapp", 1554815786+3600)
	var r record
	doc := `{"openGId":"g",` + wm + `}`
	if !decodeFast(doc, shareInfoSchema, &r) {
		t.Fatal("fast decoder gave up")
	}
	if _, ok, err := verifyFast[ShareInfo](o, []byte(doc)); !ok || !errors.Is(err, watermark.ErrTooOld) {
		t.Errorf("stale data through the fast path: %v, %v", ok, err)
	}
	if _, ok, err := verifyFast[ShareInfo](nil, []byte(doc)); !ok || !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("nil Opener through the fast path: %v, %v", ok, err)
	}
}
