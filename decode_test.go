package wxcrypto

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The fast decoder and the strict path (package wmjson, then encoding/json)
// must agree on every document the fast decoder takes: the same result, or
// the same class of error. The fuzz target FuzzOpenJSON (package fuzz)
// checks the same through the public API on any input.

func fastOpener(t testing.TB) *Opener {
	o, err := NewOpener(watermark.Policy{AppID: "wxapp", SkipFreshness: true})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// compareDecoders decodes doc as each typed result both ways and fails on
// any difference. It returns how many types the fast decoder took.
func compareDecoders(t testing.TB, o *Opener, doc []byte) (fastTook int) {
	fastTook += compareOne[UserInfo](t, o, doc)
	fastTook += compareOne[PhoneNumber](t, o, doc)
	fastTook += compareOne[WeRunData](t, o, doc)
	fastTook += compareOne[ShareInfo](t, o, doc)
	return fastTook
}

func compareOne[T any](t testing.TB, o *Opener, doc []byte) int {
	t.Helper()
	fast, ok, fastErr := verifyFast[T](o, doc)
	if !ok {
		return 0
	}
	slow, slowErr := verifySlow[T](o, doc)
	if (fastErr == nil) != (slowErr == nil) || (fastErr != nil && !sameClass(fastErr, slowErr)) {
		t.Fatalf("%T of %q: fast error %v, strict path error %v", fast, doc, fastErr, slowErr)
	}
	if fastErr == nil {
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("%T of %q (-strict +fast):\n%s", fast, doc, diff)
		}
	}
	return 1
}

func sameClass(a, b error) bool {
	for _, class := range []error{aescbc.ErrDecrypt, watermark.ErrAppID, watermark.ErrTooOld, watermark.ErrFuture, watermark.ErrMalformed, watermark.ErrPolicy, ErrPayload} {
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

func TestFastDecoderAgreesWithStrictPath(t *testing.T) {
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

func TestFastPathEnforcesPolicy(t *testing.T) {
	o := opener(t, "wxapp", 1554815786+3600)
	doc := []byte(`{"openGId":"g",` + wm + `}`)
	if _, ok, err := verifyFast[ShareInfo](o, doc); !ok || !errors.Is(err, watermark.ErrTooOld) {
		t.Errorf("stale data through the fast path: %v, %v", ok, err)
	}
	// An appid error keeps a copy of the appid, not the result's values.
	other := []byte(`{"openGId":"g","watermark":{"appid":"wxother","timestamp":1554815786}}`)
	_, ok, err := verifyFast[ShareInfo](o, other)
	if !ok || !errors.Is(err, watermark.ErrAppID) || !strings.Contains(err.Error(), "wxother") {
		t.Errorf("other appid through the fast path: %v, %v", ok, err)
	}
}

var _ = strings.Repeat
var _ = documented.UserInfoPlaintext
