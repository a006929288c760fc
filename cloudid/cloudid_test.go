package cloudid_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The events of the platform's page on open data through cloud calls, as a
// cloud function receives them (the page writes them with comments and
// trailing commas, which the platform does not send).
const (
	// weRunData was a wx.cloud.CloudID at the top level and has been
	// replaced; obj.shareInfo was one below the top level and is still the
	// string the client wrote.
	seedWeRunEvent = `{
  "weRunData": {
    "cloudID": "xxx",
    "data": {
      "stepInfoList": [{"step": 5000, "timestamp": 1554814312}],
      "watermark": {"appid": "wx1111111111", "timestamp": 1554815786}
    }
  },
  "obj": {"shareInfo": "yyy"}
}`
	seedExpiredEvent = `{
  "weRunData": {"cloudID": "xxx", "errCode": -601006, "errMsg": "cloudID expired."}
}`
	seedAppID     = "wx1111111111"
	seedTimestamp = 1554815786
)

func opener(t testing.TB, appID string, now int64) *wxcrypto.Opener {
	t.Helper()
	p := watermark.NewPolicy(appID)
	p.Now = func() time.Time { return time.Unix(now, 0) }
	o, err := wxcrypto.NewOpener(p)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestSeedWeRunEvent(t *testing.T) {
	fields, err := cloudid.ParseEvent([]byte(seedWeRunEvent))
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) != 1 || fields[0].Name != "weRunData" || fields[0].Kind != cloudid.Replaced || fields[0].CloudID != "xxx" || fields[0].Err != nil {
		t.Fatalf("fields %+v", fields)
	}
	var got wxcrypto.WeRunData
	w, err := cloudid.Open(opener(t, seedAppID, seedTimestamp+60), fields[0].Value, &got)
	if err != nil {
		t.Fatal(err)
	}
	want := wxcrypto.WeRunData{
		StepInfoList: []wxcrypto.StepInfo{{Timestamp: 1554814312, Step: 5000}},
		Watermark:    watermark.Watermark{AppID: seedAppID, Timestamp: seedTimestamp},
	}
	if diff := cmp.Diff(want, got); diff != "" || w != want.Watermark {
		t.Errorf("WeRunData (-want +got):\n%s", diff)
	}
	var raw json.RawMessage
	if _, err := cloudid.Open(opener(t, seedAppID, seedTimestamp), fields[0].Value, &raw); err != nil || !strings.Contains(string(raw), `"step": 5000`) {
		t.Errorf("raw data: %s, %v", raw, err)
	}

	// The same field under other policies.
	for _, tc := range []struct {
		o    *wxcrypto.Opener
		want error
	}{
		{opener(t, "wx2222222222", seedTimestamp), watermark.ErrAppID},
		{opener(t, seedAppID, seedTimestamp+11*60), watermark.ErrTooOld},
		{opener(t, seedAppID, seedTimestamp-2*60), watermark.ErrFuture},
	} {
		var v wxcrypto.WeRunData
		if _, err := cloudid.Open(tc.o, fields[0].Value, &v); !errors.Is(err, tc.want) {
			t.Errorf("Open: %v, want %v", err, tc.want)
		}
	}
	// A nil Opener is a programmer error with an error of its own.
	var v wxcrypto.WeRunData
	if _, err := cloudid.Open(nil, fields[0].Value, &v); err == nil || !strings.Contains(err.Error(), "nil *Opener") {
		t.Errorf("Open with a nil Opener: %v", err)
	}
	// A share-info read of WeRun data lacks the identifying field.
	var share wxcrypto.ShareInfo
	if _, err := cloudid.Open(opener(t, seedAppID, seedTimestamp), fields[0].Value, &share); !errors.Is(err, wxcrypto.ErrPayload) {
		t.Errorf("ShareInfo of WeRun data: %v", err)
	}
}

func TestSeedExpiredEvent(t *testing.T) {
	fields, err := cloudid.ParseEvent([]byte(seedExpiredEvent))
	if err != nil || len(fields) != 1 || fields[0].Kind != cloudid.Failed {
		t.Fatalf("%+v, %v", fields, err)
	}
	want := &cloudid.Error{CloudID: "xxx", Code: -601006, Msg: "cloudID expired."}
	var ce *cloudid.Error
	if !errors.As(fields[0].Err, &ce) || *ce != *want || !errors.Is(fields[0].Err, cloudid.ErrExpired) {
		t.Fatalf("Err %#v", fields[0].Err)
	}
	_, err = cloudid.Open(opener(t, seedAppID, seedTimestamp), fields[0].Value, new(wxcrypto.WeRunData))
	if !errors.As(err, &ce) || *ce != *want {
		t.Fatalf("Open: %v", err)
	}
	if got := err.Error(); got != `cloudid: cloudID not exchanged: errCode -601006 (expired): "cloudID expired."` || strings.Contains(got, "xxx") {
		t.Errorf("text %q", got)
	}
	other := &cloudid.Error{Code: -1, Msg: "line\nbreak"}
	if errors.Is(other, cloudid.ErrExpired) || other.Error() != `cloudid: cloudID not exchanged: errCode -1: "line\nbreak"` {
		t.Errorf("%v", other)
	}
}

// The platform's text kept in an error is a bounded copy.
func TestErrorTextBounded(t *testing.T) {
	long := strings.Repeat("é", 400)
	field := []byte(`{"cloudID":"xxx","errCode":-1,"errMsg":` + quote(long) + `}`)
	_, err := cloudid.Open(opener(t, seedAppID, seedTimestamp), field, new(json.RawMessage))
	var ce *cloudid.Error
	if !errors.As(err, &ce) || len(ce.Msg) > 256 || !strings.HasPrefix(long, ce.Msg) || ce.Msg == "" {
		t.Fatalf("Msg of %d bytes: %v", len(ce.Msg), err)
	}
	field = []byte(`{"cloudID":` + quote(strings.Repeat("x", 257)) + `,"errCode":-1}`)
	if _, err := cloudid.Open(opener(t, seedAppID, seedTimestamp), field, new(json.RawMessage)); !errors.Is(err, cloudid.ErrMalformed) {
		t.Fatalf("a 257-byte cloudID: %v", err)
	}
}

func TestMalformedField(t *testing.T) {
	data := `{"phoneNumber":"18017448610","watermark":{"appid":"wxapp","timestamp":1000}}`
	tests := []struct{ name, field string }{
		{"empty", ``},
		{"space", ` `},
		{"not JSON", `cloudID=xxx`},
		{"truncated", `{"cloudID":"xxx","data":` + data},
		{"array", `[{"cloudID":"xxx","data":` + data + `}]`},
		{"plain string", `"xxx"`},
		{"null", `null`},
		{"trailing data", `{"cloudID":"xxx","data":` + data + `} {}`},
		{"trailing comma", `{"cloudID":"xxx","data":` + data + `,}`},
		{"missing data", `{"cloudID":"xxx"}`},
		{"missing data, errMsg only", `{"cloudID":"xxx","errMsg":"cloudID expired."}`},
		{"missing cloudID", `{"data":` + data + `}`},
		{"cloudID in another case", `{"cloudId":"xxx","data":` + data + `}`},
		{"empty object", `{}`},
		{"cloudID number", `{"cloudID":5,"data":` + data + `}`},
		{"cloudID null", `{"cloudID":null,"data":` + data + `}`},
		{"both data and errCode", `{"cloudID":"xxx","data":` + data + `,"errCode":-601006}`},
		{"data null", `{"cloudID":"xxx","data":null}`},
		{"data array", `{"cloudID":"xxx","data":[` + data + `]}`},
		{"data string", `{"cloudID":"xxx","data":` + quote(data) + `}`},
		{"errCode 0", `{"cloudID":"xxx","errCode":0,"errMsg":"ok"}`},
		{"errCode \"0\"", `{"cloudID":"xxx","errCode":"0"}`},
		{"errCode float", `{"cloudID":"xxx","errCode":-601006.0}`},
		{"errCode exponent", `{"cloudID":"xxx","errCode":-6.01006e5}`},
		{"errCode null", `{"cloudID":"xxx","errCode":null}`},
		{"errCode plus", `{"cloudID":"xxx","errCode":"+1"}`},
		{"errCode leading zero", `{"cloudID":"xxx","errCode":"-0601006"}`},
		{"errCode with space", `{"cloudID":"xxx","errCode":" -601006"}`},
		{"errCode beyond 32 bits", `{"cloudID":"xxx","errCode":-4294967296}`},
		{"errCode beyond 64 bits", `{"cloudID":"xxx","errCode":99999999999999999999}`},
		{"errCode bool", `{"cloudID":"xxx","errCode":true}`},
		{"errMsg number", `{"cloudID":"xxx","errCode":-601006,"errMsg":1}`},
		{"duplicate data", `{"cloudID":"xxx","data":{"watermark":{"appid":"wxother","timestamp":1}},"data":` + data + `}`},
		{"duplicate cloudID", `{"cloudID":"xxx","cloudID":"yyy","data":` + data + `}`},
		{"duplicate unknown member", `{"cloudID":"xxx","data":` + data + `,"x":1,"x":2}`},
		{"duplicate by escape", `{"cloudID":"xxx","data":` + data + `,"x":1,"\u0078":2}`},
		{"too large", `{"cloudID":"xxx","data":` + data + strings.Repeat(" ", 4<<20) + `}`},
	}
	o := opener(t, "wxapp", 1000)
	for _, tc := range tests {
		var p wxcrypto.PhoneNumber
		w, err := cloudid.Open(o, []byte(tc.field), &p)
		if !errors.Is(err, cloudid.ErrMalformed) || p != (wxcrypto.PhoneNumber{}) || w != (watermark.Watermark{}) {
			t.Errorf("%s: %+v, %v; want ErrMalformed", tc.name, p, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "18017448610") || strings.Contains(msg, "xxx") {
			t.Errorf("%s: error %q quotes the field", tc.name, msg)
		}
	}
}

// Replaced data that is not open data gets the errors of the encrypted
// path: aescbc.ErrDecrypt is impossible for valid JSON, so an object
// without a watermark is the watermark error.
func TestReplacedDataErrors(t *testing.T) {
	o := opener(t, "wxapp", 1000)
	for _, tc := range []struct {
		data string
		want error
	}{
		{`{}`, watermark.ErrMalformed},
		{`{"watermark":{"appid":"wxapp","timestamp":1000},"watermark":{"appid":"wxapp","timestamp":1000}}`, watermark.ErrMalformed},
		{`{"Watermark":{"appid":"wxapp","timestamp":1000},"phoneNumber":"1"}`, watermark.ErrMalformed},
		{`{"phoneNumber":"1","watermark":{"appid":"wxapp","timestamp":1000}}`, nil},
		{`{"phoneNumber":7,"watermark":{"appid":"wxapp","timestamp":1000}}`, wxcrypto.ErrPayload},
	} {
		field := []byte(`{"cloudID":"id","data":` + tc.data + `}`)
		_, err := cloudid.Open(o, field, new(wxcrypto.PhoneNumber))
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", tc.data, err, tc.want)
		}
		if wxcrypto.Code(err) != 0 && wxcrypto.Code(err) != -41003 {
			t.Errorf("%s: Code %d", tc.data, wxcrypto.Code(err))
		}
	}
	if _, err := cloudid.Open(o, []byte(`{"cloudID":"id","data":{}}`), nil); err == nil || errors.Is(err, aescbc.ErrDecrypt) {
		t.Errorf("Open into nil: %v", err)
	}
}

func TestParseEvent(t *testing.T) {
	event := `{"b":{"cloudID":"2","errCode":"-1"},"a":{"cloudID":"1","data":{}},"plain":{"cloudID":"3"},` +
		`"c":{"cloudID":"4","data":[]},"s":"x","n":[{"cloudID":"5","data":{}}]}`
	fields, err := cloudid.ParseEvent([]byte(event))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fields {
		got = append(got, fmt.Sprintf("%s %v %s", f.Name, f.Kind, f.CloudID))
	}
	want := []string{"a replaced 1", "b failed 2", "c malformed 4"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if !errors.Is(fields[2].Err, cloudid.ErrMalformed) || string(fields[0].Value) != `{"cloudID":"1","data":{}}` {
		t.Errorf("%+v", fields)
	}
}

func TestParseEventMalformed(t *testing.T) {
	six := `{`
	for i := range 6 {
		six += fmt.Sprintf(`"f%d":{"cloudID":"%d","errCode":1},`, i, i)
	}
	six = strings.TrimSuffix(six, ",") + `}`
	for _, ev := range []string{
		``, `[]`, `null`, `"x"`, `{`, `{"a":1,}`, `{"a":1} x`, `{"a":1,"a":2}`, `{"a":1,"\u0061":2}`,
		"{\"\xff\":1,\"\xfe\":2}", // both read as U+FFFD, as encoding/json reads them
		`{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
		six,
		`{"a":"` + strings.Repeat("x", 4<<20) + `"}`,
	} {
		if fields, err := cloudid.ParseEvent([]byte(ev)); !errors.Is(err, cloudid.ErrMalformed) || fields != nil {
			t.Errorf("%.40q: %+v, %v", ev, fields, err)
		}
	}
	// encoding/json's nesting limit, exactly.
	deep := `{"a":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`
	if _, err := cloudid.ParseEvent([]byte(deep)); err != nil || !json.Valid([]byte(deep)) {
		t.Errorf("nesting 10000: %v", err)
	}
}

// adversarialEvent is the 4 MiB event of plain fields {"0":0,"1":0,...}.
func adversarialEvent() []byte {
	b := []byte{'{'}
	for i := 0; ; i++ {
		next := fmt.Appendf(nil, `"%d":0`, i)
		if len(b)+len(next)+2 > 4<<20 {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, next...)
	}
	return append(b, '}')
}

// TestAdversarialEventMemory holds ParseEvent to at most four times the
// event's size in total allocation on the event of many plain fields.
func TestAdversarialEventMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB event")
	}
	event := adversarialEvent()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fields, err := cloudid.ParseEvent(event)
	runtime.ReadMemStats(&after)
	if err != nil || len(fields) != 0 {
		t.Fatalf("%d fields, %v", len(fields), err)
	}
	if total := after.TotalAlloc - before.TotalAlloc; total > 4*uint64(len(event)) {
		t.Errorf("allocated %d bytes for a %d-byte event, budget 4x", total, len(event))
	}
}

// BenchmarkAdversarialEvent compares ParseEvent on the event of 426k plain
// fields with json.Unmarshal into map[string]json.RawMessage, in one run.
// The budget: at most 2x its time and 4x the event's size in allocation.
func BenchmarkAdversarialEvent(b *testing.B) {
	event := adversarialEvent()
	b.Run("ParseEvent", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(event)))
		for i := 0; i < b.N; i++ {
			if _, err := cloudid.ParseEvent(event); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("BaselineUnmarshalMap", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(event)))
		for i := 0; i < b.N; i++ {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(event, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestAdversarialFieldMemory holds ParseEvent and Open to the same budget
// on an event whose one field in a cloudID's shape has 700k members: the
// duplicate check of the field must not grow its index by appending.
func TestAdversarialFieldMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB event")
	}
	field := []byte(`{"cloudID":"x","errCode":-1,` + strings.Repeat(`"b":0,`, (4<<20-64)/6) + `"c":0}`)
	event := append(append([]byte(`{"a":`), field...), '}')
	measure := func(name string, n int, f func()) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		if total := after.TotalAlloc - before.TotalAlloc; total > 4*uint64(n) {
			t.Errorf("%s allocated %d bytes for %d bytes of input, budget 4x", name, total, n)
		}
	}
	measure("ParseEvent", len(event), func() {
		fields, err := cloudid.ParseEvent(event)
		if err != nil || len(fields) != 1 || fields[0].Kind != cloudid.Malformed {
			t.Fatalf("ParseEvent: %v, %v", fields, err)
		}
	})
	measure("Open", len(field), func() {
		if _, err := cloudid.Open(nil, field, new(json.RawMessage)); !errors.Is(err, cloudid.ErrMalformed) {
			t.Fatalf("Open: %v", err)
		}
	})
}
