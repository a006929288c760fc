package wmjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const demo = `{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`

type result struct {
	AppID string
	TS    int64
	Err   string // "", "not object", "malformed"
}

func scan(doc string) result {
	a, ts, err := Scan([]byte(doc))
	switch {
	case errors.Is(err, ErrNotObject):
		return result{Err: "not object"}
	case errors.Is(err, ErrMalformed):
		return result{Err: "malformed"}
	case err != nil:
		return result{Err: err.Error()}
	}
	return result{AppID: a, TS: ts}
}

var (
	notObject = result{Err: "not object"}
	malformed = result{Err: "malformed"}
)

func ok(appID string, ts int64) result { return result{AppID: appID, TS: ts} }

func TestScan(t *testing.T) {
	wm := func(inner string) string { return `{"watermark":{` + inner + `}}` }
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tt := range []struct {
		name string
		doc  string
		want result
	}{
		{"demo", demo, ok("wx4f4bc4dec97d474b", 1477314187)},
		{"minimal", wm(`"appid":"a","timestamp":1`), ok("a", 1)},
		{"empty appid", wm(`"appid":"","timestamp":0`), ok("", 0)},
		{"white space", " \t\r\n{ \"watermark\" :\n{ \"appid\" : \"a\" , \"timestamp\" : 7 } } \n", ok("a", 7)},
		{"other members and levels", `{"a":[1,-2.5e+3,true,false,null,{"watermark":{"appid":"x"}},[]],"watermark":{"x":{"appid":"y","timestamp":2},"appid":"a","timestamp":1,"w":[{}]},"z":{}}`, ok("a", 1)},
		{"nested watermark objects are free", `{"d":{"watermark":{"appid":"evil","timestamp":1},"watermark":5},"watermark":{"appid":"a","timestamp":3}}`, ok("a", 3)},
		{"folded names below are free", `{"d":{"Watermark":1,"APPID":2},"watermark":{"appid":"a","timestamp":3,"x":{"TimeStamp":1,"appid":"b"}}}`, ok("a", 3)},

		// Escapes.
		{"escaped name", `{"water\u006dark":{"\u0061ppid":"a","timestamp":1}}`, ok("a", 1)},
		{"escaped appid", wm(`"appid":"w\u0078\/\"\\\b\f\n\r\t\u00e9\ud83d\ude00","timestamp":1`), ok("wx/\"\\\b\f\n\r\té😀", 1)},
		{"non-ASCII appid", wm(`"appid":"微信","timestamp":1`), ok("微信", 1)},
		{"lone high surrogate in appid", wm(`"appid":"a\ud800","timestamp":1`), malformed},
		{"lone low surrogate in appid", wm(`"appid":"\udc00a","timestamp":1`), malformed},
		{"reversed pair in appid", wm(`"appid":"\ude00\ud83d","timestamp":1`), malformed},
		{"lone surrogate elsewhere", `{"n\ud800":"\udfff","watermark":{"appid":"a","timestamp":1,"\ud800":1}}`, ok("a", 1)},
		{"escaped U+FFFD appid", wm(`"appid":"\ufffd","timestamp":1`), ok("\uFFFD", 1)},
		{"long escaped names are other", `{"\u0077\u0061\u0074\u0065\u0072\u006d\u0061\u0072\u006b\u0020\u0020":1,"watermark":{"appid":"a","timestamp":1}}`, ok("a", 1)},
		{"fully escaped name", `{"\u0077\u0061\u0074\u0065\u0072\u006d\u0061\u0072\u006b":{"appid":"a","timestamp":1}}`, ok("a", 1)},

		// Duplicates.
		{"two watermarks", `{"watermark":{"appid":"evil","timestamp":1},"watermark":{"appid":"wxAPP"}}`, malformed},
		{"two equal watermarks", `{"watermark":{"appid":"a","timestamp":1},"watermark":{"appid":"a","timestamp":1}}`, malformed},
		{"watermark then null", `{"watermark":{"appid":"a","timestamp":1},"watermark":null}`, malformed},
		{"null then watermark", `{"watermark":null,"watermark":{"appid":"a","timestamp":1}}`, malformed},
		{"escaped duplicate", `{"watermark":{"appid":"a","timestamp":1},"w\u0061termark":{"appid":"a","timestamp":1}}`, malformed},
		{"two appids", wm(`"appid":"a","timestamp":1,"appid":"b"`), malformed},
		{"two timestamps", wm(`"appid":"a","timestamp":1,"timestamp":2`), malformed},
		{"appid then null appid", wm(`"appid":"a","appid":null,"timestamp":1`), malformed},

		// Folded names.
		{"Watermark", `{"Watermark":{"appid":"a","timestamp":1}}`, malformed},
		{"Watermark beside watermark", `{"watermark":{"appid":"a","timestamp":1},"Watermark":{}}`, malformed},
		{"WATERMARK", `{"watermark":{"appid":"a","timestamp":1},"WATERMARK":1}`, malformed},
		{"Kelvin sign", "{\"watermark\":{\"appid\":\"a\",\"timestamp\":1},\"watermar\u212a\":1}", malformed},
		{"escaped Kelvin sign", `{"watermark":{"appid":"a","timestamp":1},"watermar\u212a":1}`, malformed},
		{"APPID", wm(`"appid":"a","timestamp":1,"APPID":"b"`), malformed},
		{"AppId alone", wm(`"AppId":"a","timestamp":1`), malformed},
		{"long s", wm("\"appid\":\"a\",\"timestamp\":1,\"time\u017ftamp\":2"), malformed},
		{"escaped long s", wm(`"appid":"a","timestamp":1,"time\u017ftamp":2`), malformed},
		{"not folds: long s for t", wm(`"appid":"a","timestamp":1,"\u017fimestamp":2`), ok("a", 1)},
		{"TimeStamp", wm(`"appid":"a","TimeStamp":1`), malformed},
		{"not folds: dotless i", wm("\"app\u0131d\":\"b\",\"appid\":\"a\",\"timestamp\":1"), ok("a", 1)},
		{"not folds: prefix", `{"watermarks":1,"watermar":2,"watermark":{"appid":"a","timestamp":1,"appids":1,"timestamp_ms":2}}`, ok("a", 1)},
		{"not folds: NUL", `{"watermark\u0000":1,"watermark":{"appid":"a","timestamp":1}}`, ok("a", 1)},

		// Shapes.
		{"no watermark", `{"openId":"x"}`, malformed},
		{"empty object", `{}`, malformed},
		{"empty watermark", `{"watermark":{}}`, malformed},
		{"watermark null", `{"watermark":null}`, malformed},
		{"watermark string", `{"watermark":"{\"appid\":\"a\",\"timestamp\":1}"}`, malformed},
		{"watermark array", `{"watermark":[{"appid":"a","timestamp":1}]}`, malformed},
		{"no appid", wm(`"timestamp":1`), malformed},
		{"no timestamp", wm(`"appid":"a"`), malformed},
		{"appid number", wm(`"appid":1,"timestamp":1`), malformed},
		{"appid null", wm(`"appid":null,"timestamp":1`), malformed},
		{"appid array", wm(`"appid":["a"],"timestamp":1`), malformed},
		{"timestamp string", wm(`"appid":"a","timestamp":"1"`), malformed},
		{"timestamp null", wm(`"appid":"a","timestamp":null`), malformed},
		{"timestamp true", wm(`"appid":"a","timestamp":true`), malformed},
		{"timestamp object", wm(`"appid":"a","timestamp":{}`), malformed},
		{"at top level only", `{"appid":"a","timestamp":1}`, malformed},

		// Timestamps.
		{"negative", wm(`"appid":"a","timestamp":-5`), ok("a", -5)},
		{"minus zero", wm(`"appid":"a","timestamp":-0`), ok("a", 0)},
		{"max int64", wm(`"appid":"a","timestamp":9223372036854775807`), ok("a", 9223372036854775807)},
		{"min int64", wm(`"appid":"a","timestamp":-9223372036854775808`), ok("a", -9223372036854775808)},
		{"max int64 + 1", wm(`"appid":"a","timestamp":9223372036854775808`), malformed},
		{"min int64 - 1", wm(`"appid":"a","timestamp":-9223372036854775809`), malformed},
		{"2^64", wm(`"appid":"a","timestamp":18446744073709551616`), malformed},
		{"2^64 - 1", wm(`"appid":"a","timestamp":18446744073709551615`), malformed},
		{"huge", wm(`"appid":"a","timestamp":99999999999999999999999999999`), malformed},
		{"fraction", wm(`"appid":"a","timestamp":1.0`), malformed},
		{"exponent", wm(`"appid":"a","timestamp":1e9`), malformed},
		{"exponent capital", wm(`"appid":"a","timestamp":1E+9`), malformed},
		{"negative exponent", wm(`"appid":"a","timestamp":10e-1`), malformed},
		{"leading zero", wm(`"appid":"a","timestamp":01`), notObject},
		{"plus sign", wm(`"appid":"a","timestamp":+1`), notObject},
		{"bare minus", wm(`"appid":"a","timestamp":-`), notObject},
		{"dot without digits", wm(`"appid":"a","timestamp":1.`), notObject},
		{"exponent without digits", wm(`"appid":"a","timestamp":1e`), notObject},
		{"hex", wm(`"appid":"a","timestamp":0x10`), notObject},

		// Not a JSON object in UTF-8.
		{"empty", ``, notObject},
		{"white space only", " \n", notObject},
		{"array", `[{"watermark":{"appid":"a","timestamp":1}}]`, notObject},
		{"string", `"x"`, notObject},
		{"number", `1`, notObject},
		{"null", `null`, notObject},
		{"truncated", demo[:len(demo)-1], notObject},
		{"trailing value", wm(`"appid":"a","timestamp":1`) + ` {}`, notObject},
		{"trailing comma", `{"watermark":{"appid":"a","timestamp":1},}`, notObject},
		{"trailing comma inside", wm(`"appid":"a","timestamp":1,`), notObject},
		{"trailing NUL", wm(`"appid":"a","timestamp":1`) + "\x00", notObject},
		{"byte-order mark", "\uFEFF" + wm(`"appid":"a","timestamp":1`), notObject},
		{"single quotes", `{'watermark':{}}`, notObject},
		{"unquoted name", `{watermark:{"appid":"a","timestamp":1}}`, notObject},
		{"missing colon", `{"watermark" {"appid":"a","timestamp":1}}`, notObject},
		{"invalid UTF-8 in a value", "{\"x\":\"\xff\"," + wm(`"appid":"a","timestamp":1`)[1:], notObject},
		{"invalid UTF-8 in a name", "{\"x\xc3\":1," + wm(`"appid":"a","timestamp":1`)[1:], notObject},
		{"invalid UTF-8 in the appid", wm("\"appid\":\"a\xe2\x82\",\"timestamp\":1"), notObject},
		{"UTF-8 surrogate bytes", wm("\"appid\":\"\xed\xa0\x80\",\"timestamp\":1"), notObject},
		{"overlong UTF-8", wm("\"appid\":\"\xc0\xaf\",\"timestamp\":1"), notObject},
		{"invalid UTF-8 outside strings", "{\xff}", notObject},
		{"control character", wm("\"appid\":\"a\tb\",\"timestamp\":1"), notObject},
		{"bad escape", wm(`"appid":"\x41","timestamp":1`), notObject},
		{"short unicode escape", wm(`"appid":"\u41","timestamp":1`), notObject},
		{"bad hex escape", wm(`"appid":"\u00g1","timestamp":1`), notObject},
		{"unterminated string", `{"watermark":{"appid":"a`, notObject},
		{"bad literal", `{"x":nul,"watermark":{"appid":"a","timestamp":1}}`, notObject},
		{"True", `{"x":True,"watermark":{"appid":"a","timestamp":1}}`, notObject},
		{"unclosed array", `{"x":[1,2,"watermark":{"appid":"a","timestamp":1}}`, notObject},
		{"mismatched brackets", `{"x":[1,2},"watermark":{"appid":"a","timestamp":1}}`, notObject},
		{"invalid JSON after a malformed watermark", `{"watermark":1,"x":}`, notObject},
		{"invalid JSON after two watermarks", `{"watermark":{"appid":"a","timestamp":1},"watermark":{},"x":[}`, notObject},
		{"invalid inside the watermark after a duplicate", wm(`"appid":"a","appid":"b","timestamp":1,"x":tru`), notObject},

		// Depth, as encoding/json counts it.
		{"depth 10000", `{"x":` + deep(9999) + `,"watermark":{"appid":"a","timestamp":1}}`, ok("a", 1)},
		{"depth 10001", `{"x":` + deep(10000) + `,"watermark":{"appid":"a","timestamp":1}}`, notObject},
		{"depth 10000 in the watermark", `{"watermark":{"x":` + deep(9998) + `,"appid":"a","timestamp":1}}`, ok("a", 1)},
		{"depth 10001 in the watermark", `{"watermark":{"x":` + deep(9999) + `,"appid":"a","timestamp":1}}`, notObject},
		{"deep objects", `{"x":` + strings.Repeat(`{"a":`, 9999) + "1" + strings.Repeat("}", 9999) + `,"watermark":{"appid":"a","timestamp":1}}`, ok("a", 1)},
		{"deep mixed", `{"x":` + strings.Repeat(`[{"a":`, 300) + "[]" + strings.Repeat("}]", 300) + `,"watermark":{"appid":"a","timestamp":1}}`, ok("a", 1)},
	} {
		if got := scan(tt.doc); got != tt.want {
			t.Errorf("%s: Scan = %+v, want %+v", tt.name, got, tt.want)
		}
		if _, _, want := Scan([]byte(tt.doc)); Check([]byte(tt.doc)) != want {
			t.Errorf("%s: Check = %v, Scan's error %v", tt.name, Check([]byte(tt.doc)), want)
		}
	}
}

// TestFoldOrbits checks what classify assumes: the only runes beyond ASCII
// that fold to an ASCII letter are U+017F (to s) and U+212A (to k).
func TestFoldOrbits(t *testing.T) {
	var got []string
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < utf8.RuneSelf && unicode.IsLower(f) {
				got = append(got, string(r)+"="+string(f))
			}
		}
	}
	if diff := cmp.Diff([]string{"\u017f=s", "\u212a=k"}, got); diff != "" {
		t.Fatalf("fold orbits (-want +got):\n%s", diff)
	}
}

func TestAppIDIsACopy(t *testing.T) {
	for _, doc := range []string{`{"watermark":{"appid":"wxabc","timestamp":1}}`, `{"watermark":{"appid":"wx\u0061bc","timestamp":1}}`} {
		buf := []byte(doc)
		a, _, err := Scan(buf)
		if err != nil || a != "wxabc" {
			t.Fatalf("Scan(%s) = %q, %v", doc, a, err)
		}
		clear(buf)
		if a != "wxabc" {
			t.Fatalf("the appid shares memory with the plaintext: %q", a)
		}
	}
}

func TestScanAllocs(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		want float64
	}{
		{demo, 1},
		{`{"watermark":{"appid":"wx\u0061bc","timestamp":1}}`, 1},
		{`{"watermark":{"appid":"","timestamp":1}}`, 0},
		{`{"watermark":{"appid":"a","timestamp":1},"watermark":{}}`, 0},
		{`{"x":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`, 0},
		{demo[:100], 0},
	} {
		b := []byte(tt.doc)
		if n := testing.AllocsPerRun(50, func() { Scan(b) }); n != tt.want {
			t.Errorf("Scan(%.40s...): %v allocations, want %v", tt.doc, n, tt.want)
		}
		if n := testing.AllocsPerRun(50, func() { Check(b) }); n != 0 {
			t.Errorf("Check(%.40s...): %v allocations, want 0", tt.doc, n)
		}
	}
}

// reference is the rule read with encoding/json, for documents that are
// valid JSON and valid UTF-8: the members of the top-level object and of
// the watermark object are listed with their names as encoding/json decodes
// them, duplicates kept.
func reference(doc []byte) result {
	if !json.Valid(doc) || !utf8.Valid(doc) {
		return notObject
	}
	top, isObj := members(doc)
	if !isObj {
		return notObject
	}
	var wm json.RawMessage
	n := 0
	for _, m := range top {
		if m.name == "watermark" {
			wm, n = m.value, n+1
		} else if strings.EqualFold(m.name, "watermark") {
			return malformed
		}
	}
	inner, isObj := members(wm)
	if n != 1 || !isObj {
		return malformed
	}
	var appID, ts json.RawMessage
	na, nt := 0, 0
	for _, m := range inner {
		switch {
		case m.name == "appid":
			appID, na = m.value, na+1
		case m.name == "timestamp":
			ts, nt = m.value, nt+1
		case strings.EqualFold(m.name, "appid"), strings.EqualFold(m.name, "timestamp"):
			return malformed
		}
	}
	if na != 1 || nt != 1 || appID[0] != '"' || !integerToken.Match(ts) || refLoneSurrogate(appID) {
		return malformed
	}
	v, err := strconv.ParseInt(string(ts), 10, 64)
	if err != nil {
		return malformed
	}
	var a string
	if err := json.Unmarshal(appID, &a); err != nil {
		panic(err)
	}
	return ok(a, v)
}

var integerToken = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

type member struct {
	name  string
	value json.RawMessage
}

// members lists the members of the object in doc, which is valid JSON.
func members(doc []byte) ([]member, bool) {
	doc = bytes.TrimSpace(doc)
	if len(doc) == 0 || doc[0] != '{' {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.Token()
	var list []member
	for dec.More() {
		name, _ := dec.Token()
		var v json.RawMessage
		dec.Decode(&v)
		list = append(list, member{name.(string), bytes.TrimSpace(v)})
	}
	return list, true
}

// escape matches one escape of a valid JSON string.
var escape = regexp.MustCompile(`\\(u[0-9a-fA-F]{4}|.)`)

// refLoneSurrogate reports whether a JSON string has an escaped surrogate that
// is not half of a pair.
func refLoneSurrogate(str []byte) bool {
	locs := escape.FindAllIndex(str, -1)
	for k := 0; k < len(locs); k++ {
		e := str[locs[k][0]:locs[k][1]]
		if len(e) != 6 {
			continue
		}
		u, _ := strconv.ParseUint(string(e[2:]), 16, 16)
		switch {
		case u < 0xD800 || u > 0xDFFF:
		case u >= 0xDC00:
			return true
		default: // a high half: a low half must follow at once
			if k+1 == len(locs) || locs[k+1][0] != locs[k][1] || locs[k+1][1]-locs[k+1][0] != 6 {
				return true
			}
			lo, _ := strconv.ParseUint(string(str[locs[k+1][0]+2:locs[k+1][1]]), 16, 16)
			if lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			k++
		}
	}
	return false
}

// TestScanDifferential compares Scan with the reference on random
// documents built from the names and values that matter, and on byte-level
// mutations of them.
func TestScanDifferential(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"watermark", "appid", "timestamp", "Watermark", "APPID", "timeStamp", "time\u017ftamp", "watermar\u212a",
		`water\u006dark`, `\u0061ppid`, `time\u017Ftamp`, `watermar\u212A`, "x", "openId", "appid ", "", `\ud800`, `a\ud83d\ude00`}
	scalars := []string{`"a"`, `"wx4f4bc4dec97d474b"`, `"\u0061"`, `"a\ud800"`, `"\udc00"`, `"\ud83d\ude00"`, `""`, `"\\u0061"`,
		`1`, `-1`, `0`, `-0`, `1.5`, `1e3`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
		`-9223372036854775809`, `true`, `false`, `null`, `"1477314187"`}
	var value func(depth int) string
	value = func(depth int) string {
		switch k := rng.IntN(10); {
		case k < 6 || depth > 4:
			return scalars[rng.IntN(len(scalars))]
		case k < 9:
			var b strings.Builder
			b.WriteByte('{')
			for i := range rng.IntN(4) {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`"` + names[rng.IntN(len(names))] + `":` + value(depth+1))
			}
			b.WriteByte('}')
			return b.String()
		default:
			var b strings.Builder
			b.WriteByte('[')
			for i := range rng.IntN(3) {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(value(depth + 1))
			}
			b.WriteByte(']')
			return b.String()
		}
	}
	good := func() string {
		return `{"watermark":{"appid":` + scalars[rng.IntN(8)] + `,"timestamp":` + scalars[8+rng.IntN(10)] + `}}`
	}
	n, accepted := 0, 0
	for range 30000 {
		var doc []byte
		switch rng.IntN(3) {
		case 0:
			doc = []byte(value(0))
		case 1:
			g := good()
			doc = []byte(strings.Replace(g[:len(g)-1]+","+value(1)[1:], `,}`, `}`, 1))
		default:
			g := good()
			v := value(0)
			if len(v) > 2 && v[0] == '{' {
				doc = []byte(g[:len(g)-1] + "," + v[1:])
			} else {
				doc = []byte(g)
			}
		}
		if rng.IntN(4) == 0 && len(doc) > 0 { // a byte-level mutation
			i := rng.IntN(len(doc))
			const alphabet = " {}[],:\"\\0-.e\xff\xc3"
			doc[i] = alphabet[rng.IntN(len(alphabet))]
		}
		want, got := reference(doc), scan(string(doc))
		if got != want {
			t.Fatalf("Scan(%s) = %+v, reference %+v", doc, got, want)
		}
		if _, _, err := Scan(doc); Check(doc) != err {
			t.Fatalf("Check(%s) = %v, Scan's error %v", doc, Check(doc), err)
		}
		n++
		if got.Err == "" {
			accepted++
		}
	}
	if accepted < n/50 {
		t.Fatalf("only %d of %d documents accepted: the generator is too weak", accepted, n)
	}
	t.Logf("%d documents, %d accepted", n, accepted)
}

func BenchmarkScan(b *testing.B) {
	doc := []byte(demo)
	b.Run("impl=wmjson.Scan", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if _, _, err := Scan(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=json.Valid+Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var v struct {
				Watermark struct {
					AppID     string `json:"appid"`
					Timestamp int64  `json:"timestamp"`
				} `json:"watermark"`
			}
			if !json.Valid(doc) || json.Unmarshal(doc, &v) != nil {
				b.Fatal("invalid")
			}
		}
	})
}

func TestSpecial(t *testing.T) {
	ref := func(w [8]byte) bool {
		for _, c := range w {
			if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
				return true
			}
		}
		return false
	}
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(w [8]byte) {
		var x uint64
		for i := 7; i >= 0; i-- {
			x = x<<8 | uint64(w[i])
		}
		if special(x) != ref(w) {
			t.Fatalf("special(% x) = %v", w, special(x))
		}
	}
	for b := range 256 {
		for p := range 8 {
			w := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			w[p] = byte(b)
			check(w)
			for q := range 8 { // and a second byte, for borrows between them
				for _, c := range []byte{0, 0x1f, 0x20, 0x21, '"', '\\', 0x7f, 0x80, 0xff} {
					w2 := w
					w2[q] = c
					check(w2)
				}
			}
		}
	}
	for range 100000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(0x20 + rng.IntN(0x60))
			if rng.IntN(16) == 0 {
				w[i] = byte(rng.IntN(256))
			}
		}
		check(w)
	}
}
