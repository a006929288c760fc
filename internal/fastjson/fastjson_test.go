package fastjson

import (
	"math/bits"
	"strings"
	"testing"
)

var userInfo = Schema{
	{"openId", String}, {"nickName", String}, {"gender", Int}, {"language", String},
	{"city", String}, {"province", String}, {"country", String}, {"avatarUrl", String},
	{"unionId", String},
}

func TestTakesCommonPayloads(t *testing.T) {
	for _, doc := range []string{
		`{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`,
		"{\n  \"openId\": \"微信用户\",\n  \"watermark\":{\"appid\":\"wxapp\",\"timestamp\":1}\n}",
	} {
		var r Record
		if !Decode([]byte(doc), userInfo, &r) {
			t.Errorf("gave up on %s", doc)
		}
	}
}

// TestValuesAreCopies: the values share one allocation of their own, so a
// value kept does not keep the document alive, and changing the document
// changes no value.
func TestValuesAreCopies(t *testing.T) {
	doc := []byte(`{"openId":"abc","nickName":"n","extra":"a long member that is not kept","watermark":{"appid":"wxapp","timestamp":1}}`)
	var r Record
	if !Decode(doc, userInfo, &r) {
		t.Fatal("gave up")
	}
	for i := range doc {
		doc[i] = 'x'
	}
	if r.Str[0] != "abc" || r.Str[1] != "n" || r.AppID != "wxapp" || r.Timestamp != 1 {
		t.Fatalf("values changed with the document: %+v", r)
	}
	if n := testing.AllocsPerRun(100, func() { Decode([]byte(`{"openId":"abc","watermark":{"appid":"wxapp","timestamp":1}}`), userInfo, &r) }); n > 2 {
		t.Errorf("%v allocations, want the document's and the values' at most", n)
	}
}

// TestGivesUp lists documents that the strict rule or encoding/json must
// judge: Decode must not take them.
func TestGivesUp(t *testing.T) {
	const wm = `"watermark":{"appid":"wxapp","timestamp":1}`
	for _, doc := range []string{
		`{"openId":"a","openId":"b",` + wm + `}`,
		`{"OPENID":"b",` + wm + `}`,
		`{"openId":"a\u00e9",` + wm + `}`,
		"{\"x\":\"\xff\"," + wm + "}",
		`{"x":"\ud800",` + wm + `}`,
		`{` + wm + `,` + wm + `}`,
		`{` + wm + `,"Watermark":{}}`,
		`{"watermark":{"appid":"wxapp","timestamp":1,"APPID":"x"}}`,
		`{"watermark":{"appid":"wxapp","timestamp":1,"timeſtamp":2}}`,
		"{\"watermar\u212a\":{}," + wm + "}",
		`{"watermark":{"appid":"wxapp","timestamp":1.0}}`,
		`{"watermark":{"appid":"wxapp"}}`,
		`{"x":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `,` + wm + `}`,
		`{` + wm + `}x`,
	} {
		var r Record
		if Decode([]byte(doc), userInfo, &r) {
			t.Errorf("took %s", doc)
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
				m := special8(w)
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
