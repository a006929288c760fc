package wxcrypto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The events of the platform's page on open data through cloud calls. The
// page writes them with // comments and trailing commas, which JSON does not
// allow and the platform does not send; here they are the JSON a cloud
// function receives.
const (
	// The page's WeRun event: weRunData was a wx.cloud.CloudID at the top
	// level and has been replaced; obj.shareInfo was one below the top level
	// and is still the string the client wrote.
	seedWeRunEvent = `{
  "weRunData": {
    "cloudID": "xxx",
    "data": {
      "stepInfoList": [
        {
          "step": 5000,
          "timestamp": 1554814312
        }
      ],
      "watermark": {
        "appid": "wx1111111111",
        "timestamp": 1554815786
      }
    }
  },
  "obj": {
    "shareInfo": "yyy"
  }
}`
	// The page's event for an expired cloudID (its "// ..." of other fields
	// left out).
	seedExpiredEvent = `{
  "weRunData": {
    "cloudID": "xxx",
    "errCode": -601006,
    "errMsg": "cloudID expired."
  }
}`
	seedAppID     = "wx1111111111"
	seedTimestamp = 1554815786
)

// replaced wraps open data the way the platform delivers it.
func replaced(cloudID, data string) []byte {
	return []byte(`{"cloudID":` + quote(cloudID) + `,"data":` + data + `}`)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestSeedWeRunEvent(t *testing.T) {
	ev, err := ParseCloudEvent([]byte(seedWeRunEvent))
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Fields) != 2 || ev.Fields[0].Name != "obj" || ev.Fields[1].Name != "weRunData" {
		t.Fatalf("fields %+v", ev.Fields)
	}
	obj, run := ev.Fields[0], ev.Fields[1]
	if obj.Kind != CloudPlain || obj.Err != nil || obj.CloudID != "" {
		t.Errorf("obj: %+v", obj)
	}
	var nested struct{ ShareInfo string }
	if err := json.Unmarshal(obj.Value, &nested); err != nil || nested.ShareInfo != "yyy" {
		t.Errorf("obj.shareInfo: %q, %v", nested.ShareInfo, err)
	}
	if run.Kind != CloudReplaced || run.Err != nil || run.CloudID != "xxx" {
		t.Fatalf("weRunData: %+v", run)
	}

	o := opener(t, seedAppID, seedTimestamp+60)
	got, err := o.CloudWeRunData(run.Value)
	if err != nil {
		t.Fatal(err)
	}
	want := WeRunData{
		StepInfoList: []StepInfo{{Timestamp: 1554814312, Step: 5000}},
		Watermark:    watermark.Watermark{AppID: seedAppID, Timestamp: seedTimestamp},
	}
	if !slices.Equal(got.StepInfoList, want.StepInfoList) || got.Watermark != want.Watermark {
		t.Errorf("got %+v, want %+v", got, want)
	}

	data, w, err := o.CloudOpen(run.Value)
	if err != nil || w != want.Watermark || !json.Valid(data) || !bytes.Contains(data, []byte(`"step": 5000`)) {
		t.Errorf("CloudOpen: %s, %+v, %v", data, w, err)
	}

	// The same event under other policies.
	for _, tc := range []struct {
		o    *Opener
		want error
	}{
		{opener(t, "wx2222222222", seedTimestamp), watermark.ErrAppID},
		{opener(t, seedAppID, seedTimestamp+11*60), watermark.ErrTooOld},
		{opener(t, seedAppID, seedTimestamp-2*60), watermark.ErrFuture},
		{nil, watermark.ErrPolicy},
		{&Opener{}, watermark.ErrPolicy},
	} {
		if _, err := tc.o.CloudWeRunData(run.Value); !errors.Is(err, tc.want) {
			t.Errorf("CloudWeRunData: %v, want %v", err, tc.want)
		}
		if data, _, err := tc.o.CloudOpen(run.Value); !errors.Is(err, tc.want) || data != nil {
			t.Errorf("CloudOpen: %s, %v, want %v", data, err, tc.want)
		}
	}
}

func TestSeedExpiredEvent(t *testing.T) {
	ev, err := ParseCloudEvent([]byte(seedExpiredEvent))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := ev.Field("weRunData")
	if !ok || f.Kind != CloudFailed || f.CloudID != "xxx" {
		t.Fatalf("weRunData: %+v, %v", f, ok)
	}
	want := &CloudIDError{CloudID: "xxx", Code: -601006, Msg: "cloudID expired."}
	for _, err := range []error{f.Err, second(opener(t, seedAppID, seedTimestamp).CloudWeRunData(f.Value))} {
		var ce *CloudIDError
		if !errors.As(err, &ce) || *ce != *want {
			t.Errorf("error %v, want %+v", err, want)
		}
		if !errors.Is(err, ErrCloudIDExpired) || !errors.Is(err, ErrCloudID) || errors.Is(err, ErrCloudField) {
			t.Errorf("errors.Is on %v", err)
		}
	}
	if _, ok := ev.Field("obj"); ok {
		t.Error("Field found a field that is not there")
	}
}

func second[T any](_ T, err error) error { return err }

// The typed results of the cloud path are those of the encrypted path for
// the same open data.
func TestCloudMatchesEncryptedPath(t *testing.T) {
	o := opener(t, documented.UserInfoAppID, documented.UserInfoTimestamp)
	enc, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoIV, documented.UserInfoEncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.CloudUserInfo(replaced("id-user", documented.UserInfoPlaintext))
	if err != nil || got != enc {
		t.Errorf("CloudUserInfo: %+v, %v; want %+v", got, err, enc)
	}

	o = opener(t, documented.PhoneAppID, documented.PhoneTimestamp)
	encPhone, err := o.OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneIV, documented.PhoneEncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	phone, err := o.CloudPhoneNumber(replaced("id-phone", documented.PhonePlaintext))
	if err != nil || phone != encPhone {
		t.Errorf("CloudPhoneNumber: %+v, %v; want %+v", phone, err, encPhone)
	}

	o = opener(t, "wxapp", 1000)
	share, err := o.CloudShareInfo(replaced("id-share", `{"openGId":"tGLoR3","newField":[1],"watermark":{"appid":"wxapp","timestamp":1000}}`))
	if err != nil || share != (ShareInfo{OpenGID: "tGLoR3", Watermark: watermark.Watermark{AppID: "wxapp", Timestamp: 1000}}) {
		t.Errorf("CloudShareInfo: %+v, %v", share, err)
	}
}

func TestCloudPayloadErrors(t *testing.T) {
	o := opener(t, "wxapp", 1000)
	wm := `"watermark":{"appid":"wxapp","timestamp":1000}`
	tests := []struct {
		name string
		data string
		want error
	}{
		{"no watermark", `{"openId":"x"}`, watermark.ErrMalformed},
		{"empty data", `{}`, watermark.ErrMalformed},
		{"watermark without timestamp", `{"watermark":{"appid":"wxapp"}}`, watermark.ErrMalformed},
		{"other appid", `{"watermark":{"appid":"wxother","timestamp":1000}}`, watermark.ErrAppID},
		{"too old", `{"watermark":{"appid":"wxapp","timestamp":399}}`, watermark.ErrTooOld},
		{"gender string", `{"gender":"male",` + wm + `}`, ErrPayload},
		{"openId number", `{"openId":18017448610,` + wm + `}`, ErrPayload},
	}
	for _, tc := range tests {
		_, err := o.CloudUserInfo(replaced("id", tc.data))
		if !errors.Is(err, tc.want) || Code(err) != -41003 {
			t.Errorf("%s: %v (code %d), want %v", tc.name, err, Code(err), tc.want)
			continue
		}
		if strings.Contains(err.Error(), "male") || strings.Contains(err.Error(), "18017448610") {
			t.Errorf("%s: error %q shows the data", tc.name, err)
		}
	}
	_, err := o.CloudWeRunData(replaced("id", `{"stepInfoList":[{"timestamp":"yesterday","step":1}],`+wm+`}`))
	if !errors.Is(err, ErrPayload) || strings.Contains(err.Error(), "yesterday") {
		t.Errorf("WeRun with a string timestamp: %v", err)
	}
	_, err = o.CloudPhoneNumber(replaced("id", `{"phoneNumber":["18017448610"],`+wm+`}`))
	if !errors.Is(err, ErrPayload) || strings.Contains(err.Error(), "18017448610") {
		t.Errorf("phone number as an array: %v", err)
	}
}

func TestCloudErrorField(t *testing.T) {
	tests := []struct {
		name    string
		field   string
		code    int
		msg     string
		expired bool
	}{
		{"documented", `{"cloudID":"xxx","errCode":-601006,"errMsg":"cloudID expired."}`, -601006, "cloudID expired.", true},
		{"errCode as string", `{"cloudID":"xxx","errCode":"-601006","errMsg":"cloudID expired."}`, -601006, "cloudID expired.", true},
		{"no errMsg", `{"cloudID":"xxx","errCode":-601006}`, -601006, "", true},
		{"errMsg null", `{"cloudID":"xxx","errCode":-601006,"errMsg":null}`, -601006, "", true},
		{"other code", `{"cloudID":"xxx","errCode":-601001,"errMsg":"invalid cloudID"}`, -601001, "invalid cloudID", false},
		{"positive code", `{"cloudID":"","errCode":1,"errMsg":"x"}`, 1, "x", false},
		{"members in another order, and extra ones", `{"errMsg":"cloudID expired.","extra":{"data":1},"errCode":-601006,"cloudID":"xxx"}`, -601006, "cloudID expired.", true},
	}
	o := opener(t, "wxapp", 1000)
	for _, tc := range tests {
		_, _, err := o.CloudOpen([]byte(tc.field))
		var ce *CloudIDError
		if !errors.As(err, &ce) || ce.Code != tc.code || ce.Msg != tc.msg {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if errors.Is(err, ErrCloudIDExpired) != tc.expired || !errors.Is(err, ErrCloudID) || errors.Is(err, ErrCloudField) {
			t.Errorf("%s: errors.Is on %v", tc.name, err)
		}
		if Code(err) != 0 {
			t.Errorf("%s: Code = %d", tc.name, Code(err))
		}
	}
}

func TestCloudIDErrorText(t *testing.T) {
	err := &CloudIDError{CloudID: "secret-ish-cloud-id", Code: -601006, Msg: "cloudID expired.\nforged: line"}
	got := err.Error()
	if strings.Contains(got, "secret-ish-cloud-id") || strings.Contains(got, "\n") ||
		!strings.Contains(got, "-601006") || !strings.Contains(got, "expired") || !strings.Contains(got, `forged: line"`) {
		t.Errorf("Error() = %q", got)
	}
	if got := (&CloudIDError{Code: 7, Msg: "m"}).Error(); !strings.Contains(got, "7") || !strings.Contains(got, `"m"`) || strings.Contains(got, "expired") {
		t.Errorf("Error() = %q", got)
	}
}

func TestCloudFieldMalformed(t *testing.T) {
	data := `{"phoneNumber":"18017448610","watermark":{"appid":"wxapp","timestamp":1000}}`
	tests := []struct{ name, field string }{
		{"empty", ``},
		{"space", ` `},
		{"not JSON", `cloudID=xxx`},
		{"truncated", `{"cloudID":"xxx","data":` + data},
		{"array", `[` + string(replaced("xxx", data)) + `]`},
		{"plain string", `"xxx"`},
		{"null", `null`},
		{"number", `5`},
		{"trailing data", string(replaced("xxx", data)) + ` {}`},
		{"trailing comma", `{"cloudID":"xxx","data":` + data + `,}`},
		{"missing data", `{"cloudID":"xxx"}`},
		{"missing data, errMsg only", `{"cloudID":"xxx","errMsg":"cloudID expired."}`},
		{"missing cloudID", `{"data":` + data + `}`},
		{"missing cloudID, error shape", `{"errCode":-601006,"errMsg":"cloudID expired."}`},
		{"cloudID in another case", `{"cloudId":"xxx","data":` + data + `}`},
		{"empty object", `{}`},
		{"cloudID number", `{"cloudID":5,"data":` + data + `}`},
		{"cloudID null", `{"cloudID":null,"data":` + data + `}`},
		{"cloudID object", `{"cloudID":{},"errCode":-601006}`},
		{"both data and errCode", `{"cloudID":"xxx","data":` + data + `,"errCode":-601006,"errMsg":"cloudID expired."}`},
		{"both data and errCode 0", `{"cloudID":"xxx","data":` + data + `,"errCode":0}`},
		{"data null", `{"cloudID":"xxx","data":null}`},
		{"data array", `{"cloudID":"xxx","data":[` + data + `]}`},
		{"data string", `{"cloudID":"xxx","data":` + quote(data) + `}`},
		{"data number", `{"cloudID":"xxx","data":1}`},
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
		{"duplicate errCode", `{"cloudID":"xxx","errCode":-601006,"errCode":-1}`},
		{"duplicate unknown member", `{"cloudID":"xxx","data":` + data + `,"x":1,"x":2}`},
		{"too large", `{"cloudID":"xxx","data":` + data + strings.Repeat(" ", MaxCloudEventSize) + `}`},
	}
	o := opener(t, "wxapp", 1000)
	for _, tc := range tests {
		field := []byte(tc.field)
		check := func(method string, err error) {
			t.Helper()
			if !errors.Is(err, ErrCloudField) || errors.Is(err, ErrCloudID) {
				t.Errorf("%s: %s: %v, want ErrCloudField", tc.name, method, err)
				return
			}
			if msg := err.Error(); strings.Contains(msg, "18017448610") || strings.Contains(msg, "xxx") || strings.Contains(msg, "\n") {
				t.Errorf("%s: %s: error %q quotes the field", tc.name, method, msg)
			}
		}
		b, w, err := o.CloudOpen(field)
		if b != nil || w != (watermark.Watermark{}) {
			t.Errorf("%s: CloudOpen returned %s, %+v with an error", tc.name, b, w)
		}
		check("CloudOpen", err)
		p, err := o.CloudPhoneNumber(field)
		if p != (PhoneNumber{}) {
			t.Errorf("%s: CloudPhoneNumber returned %+v with an error", tc.name, p)
		}
		check("CloudPhoneNumber", err)
		_, err = o.CloudUserInfo(field)
		check("CloudUserInfo", err)
		_, err = o.CloudWeRunData(field)
		check("CloudWeRunData", err)
		_, err = o.CloudShareInfo(field)
		check("CloudShareInfo", err)
	}
}

// The cloud methods work on copies: the caller's bytes are never changed,
// and CloudOpen's result does not share memory with them.
func TestCloudInputUntouched(t *testing.T) {
	o := opener(t, seedAppID, seedTimestamp)
	ev := []byte(seedWeRunEvent)
	parsed, err := ParseCloudEvent(ev)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := parsed.Field("weRunData")
	field := slices.Clone(f.Value)
	if _, err := o.CloudWeRunData(field); err != nil {
		t.Fatal(err)
	}
	if _, err := o.CloudUserInfo(field); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(field, f.Value) || string(ev) != seedWeRunEvent {
		t.Errorf("input changed: %s", field)
	}
	data, _, err := o.CloudOpen(field)
	if err != nil {
		t.Fatal(err)
	}
	before := string(data)
	clear(field)
	if string(data) != before {
		t.Error("CloudOpen's result shares memory with its input")
	}
	// A rejected field is not changed either.
	late := opener(t, seedAppID, seedTimestamp+3600)
	if _, err := late.CloudWeRunData(f.Value); !errors.Is(err, watermark.ErrTooOld) || !bytes.Contains(f.Value, []byte(`"step": 5000`)) {
		t.Errorf("after a rejection: %v, %s", err, f.Value)
	}
}

func TestParseCloudEvent(t *testing.T) {
	wm := `"watermark":{"appid":"wxapp","timestamp":1000}`
	event := `{
		"phone": {"cloudID":"id-phone","data":{"phoneNumber":"18017448610","purePhoneNumber":"18017448610","countryCode":"86",` + wm + `}},
		"share": {"cloudID":"id-share","errCode":-601006,"errMsg":"cloudID expired."},
		"broken": {"cloudID":"id-broken","data":{},"errCode":-601006},
		"detail": {"errMsg":"getPhoneNumber:ok","encryptedData":"AAAA","iv":"BBBB","cloudID":"id-detail"},
		"looksLikeCloudID": "id-string",
		"nested": {"inner": {"cloudID":"id-nested","data":{}}},
		"list": [{"cloudID":"id-list","data":{}}],
		"n": 1, "b": true, "z": null, "": "empty name",
		"Phone": {"data":{}}
	}`
	ev, err := ParseCloudEvent([]byte(event))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name    string
		kind    CloudFieldKind
		cloudID string
	}{
		{"", CloudPlain, ""},
		{"Phone", CloudPlain, ""},
		{"b", CloudPlain, ""},
		{"broken", CloudMalformed, "id-broken"},
		{"detail", CloudPlain, ""},
		{"list", CloudPlain, ""},
		{"looksLikeCloudID", CloudPlain, ""},
		{"n", CloudPlain, ""},
		{"nested", CloudPlain, ""},
		{"phone", CloudReplaced, "id-phone"},
		{"share", CloudFailed, "id-share"},
		{"z", CloudPlain, ""},
	}
	if len(ev.Fields) != len(want) {
		t.Fatalf("%d fields, want %d: %+v", len(ev.Fields), len(want), ev.Fields)
	}
	o := opener(t, "wxapp", 1000)
	for i, w := range want {
		f := ev.Fields[i]
		if f.Name != w.name || f.Kind != w.kind || f.CloudID != w.cloudID {
			t.Errorf("field %d: %q %v %q; want %q %v %q", i, f.Name, f.Kind, f.CloudID, w.name, w.kind, w.cloudID)
		}
		if g, ok := ev.Field(w.name); !ok || g.Name != w.name {
			t.Errorf("Field(%q) = %+v, %v", w.name, g, ok)
		}
		// The scan and the single-field reading agree.
		_, _, openErr := o.CloudOpen(f.Value)
		switch f.Kind {
		case CloudPlain:
			if f.Err != nil || !errors.Is(openErr, ErrCloudField) {
				t.Errorf("%s: plain with %v; CloudOpen: %v", f.Name, f.Err, openErr)
			}
		case CloudReplaced:
			if f.Err != nil || openErr != nil {
				t.Errorf("%s: replaced with %v; CloudOpen: %v", f.Name, f.Err, openErr)
			}
		case CloudFailed, CloudMalformed:
			if f.Err == nil || openErr == nil || f.Err.Error() != openErr.Error() {
				t.Errorf("%s: %v; CloudOpen: %v", f.Name, f.Err, openErr)
			}
		}
	}
	if f, _ := ev.Field("broken"); !errors.Is(f.Err, ErrCloudField) || !strings.Contains(f.Err.Error(), "both data and errCode") {
		t.Errorf("broken: %v", f.Err)
	}
	if f, _ := ev.Field("share"); !errors.Is(f.Err, ErrCloudIDExpired) {
		t.Errorf("share: %v", f.Err)
	}
	if f, _ := ev.Field("n"); string(f.Value) != "1" {
		t.Errorf("n: %s", f.Value)
	}
	if f, _ := ev.Field("phone"); f.Kind == CloudReplaced {
		p, err := o.CloudPhoneNumber(f.Value)
		if err != nil || p.PhoneNumber != "18017448610" || p.CountryCode != "86" {
			t.Errorf("phone: %+v, %v", p, err)
		}
	}
	if _, ok := ev.Field("missing"); ok {
		t.Error("Field found a missing name")
	}
	if _, ok := (CloudEvent{}).Field(""); ok {
		t.Error("Field found a name in an empty event")
	}
}

func TestParseCloudEventLimits(t *testing.T) {
	fields := func(n int, shape string) string {
		var b strings.Builder
		b.WriteString(`{"plain":"x"`)
		for i := range n {
			fmt.Fprintf(&b, `,"f%d":%s`, i, shape)
		}
		b.WriteString(`}`)
		return b.String()
	}
	for _, shape := range []string{
		`{"cloudID":"a","data":{}}`,
		`{"cloudID":"a","errCode":-601006}`,
		`{"cloudID":"a","data":[]}`,
	} {
		if ev, err := ParseCloudEvent([]byte(fields(MaxCloudIDs, shape))); err != nil || len(ev.Fields) != MaxCloudIDs+1 {
			t.Errorf("%d fields %s: %v", MaxCloudIDs, shape, err)
		}
		ev, err := ParseCloudEvent([]byte(fields(MaxCloudIDs+1, shape)))
		if !errors.Is(err, ErrCloudEvent) || ev.Fields != nil || !strings.Contains(err.Error(), "6 fields") {
			t.Errorf("%d fields %s: %+v, %v", MaxCloudIDs+1, shape, ev, err)
		}
	}
	// Plain fields are not counted.
	if _, err := ParseCloudEvent([]byte(fields(100, `{"cloudID":"a"}`))); err != nil {
		t.Errorf("many plain fields: %v", err)
	}

	base := `{"a":1}`
	atMax := base + strings.Repeat(" ", MaxCloudEventSize-len(base))
	if _, err := ParseCloudEvent([]byte(atMax)); err != nil {
		t.Errorf("event of MaxCloudEventSize bytes: %v", err)
	}
	if _, err := ParseCloudEvent([]byte(atMax + " ")); !errors.Is(err, ErrCloudEvent) {
		t.Errorf("event over MaxCloudEventSize: %v", err)
	}
}

func TestParseCloudEventMalformed(t *testing.T) {
	tests := []struct{ name, event string }{
		{"empty", ``},
		{"not JSON", `weRunData=xxx`},
		{"array", `[` + seedWeRunEvent + `]`},
		{"string", `"xxx"`},
		{"null", `null`},
		{"number", `1`},
		{"truncated", seedWeRunEvent[:len(seedWeRunEvent)-1]},
		{"trailing data", seedWeRunEvent + `x`},
		{"two objects", seedWeRunEvent + seedExpiredEvent},
		{"duplicate field", `{"weRunData":{"cloudID":"xxx","errCode":-601006},"weRunData":{"cloudID":"xxx","data":{}}}`},
		{"duplicate plain field", `{"a":1,"a":1}`},
		{"invalid value", `{"a":tru}`},
		{"the page's event as written", "{\n  // event\n  \"weRunData\": {\"cloudID\": \"xxx\",},\n}"},
	}
	for _, tc := range tests {
		ev, err := ParseCloudEvent([]byte(tc.event))
		if !errors.Is(err, ErrCloudEvent) || ev.Fields != nil {
			t.Errorf("%s: %+v, %v", tc.name, ev, err)
		}
		if err != nil && strings.Contains(err.Error(), "xxx") {
			t.Errorf("%s: error %q quotes the event", tc.name, err)
		}
	}
}

func TestCloudFieldKindString(t *testing.T) {
	for k, want := range map[CloudFieldKind]string{
		CloudPlain: "plain", CloudReplaced: "replaced", CloudFailed: "failed", CloudMalformed: "malformed",
		CloudFieldKind(9): "CloudFieldKind(9)",
	} {
		if got := k.String(); got != want {
			t.Errorf("%d: %q, want %q", int(k), got, want)
		}
	}
}

func cloudSeeds() []string {
	return []string{
		seedWeRunEvent, seedExpiredEvent,
		`{"cloudID":"xxx","data":{"stepInfoList":[{"step":5000,"timestamp":1554814312}],"watermark":{"appid":"wx1111111111","timestamp":1554815786}}}`,
		`{"cloudID":"xxx","errCode":-601006,"errMsg":"cloudID expired."}`,
		`{"cloudID":"xxx","errCode":"-601006"}`,
		`{"cloudID":"xxx","data":{},"errCode":-601006}`,
		`{"cloudID":"xxx","data":null}`,
		`{"cloudID":"xxx","data":{"watermark":{"appid":"wx1111111111","timestamp":"1554815786"}}}`,
		`{"cloudID":"xxx","errCode":0}`,
		`{"cloudID":"xxx","cloudID":"yyy","data":{}}`,
		`{"a":{"cloudID":"1","data":{}},"b":{"cloudID":"2","data":{}},"c":{"cloudID":"3","data":{}},"d":{"cloudID":"4","data":{}},"e":{"cloudID":"5","data":{}},"f":{"cloudID":"6","data":{}}}`,
		`{"openGId":"x","watermark":{"appid":"wx1111111111","timestamp":1554815786}}`,
		`{"a":1,"a":2}`, `[`, `"x"`, ``,
	}
}

// FuzzCloudOpen checks that no field makes the cloud methods panic, that
// their errors are of the documented kinds, and that what they accept passes
// the policy.
func FuzzCloudOpen(f *testing.F) {
	for _, s := range cloudSeeds() {
		f.Add([]byte(s))
	}
	o := opener(f, seedAppID, seedTimestamp)
	f.Fuzz(func(t *testing.T, field []byte) {
		orig := slices.Clone(field)
		data, w, err := o.CloudOpen(field)
		if err != nil {
			if data != nil || w != (watermark.Watermark{}) {
				t.Fatalf("result %s, %+v with error %v", data, w, err)
			}
			checkCloudError(t, err)
		} else if !json.Valid(data) || w.AppID != seedAppID || data[0] != '{' {
			t.Fatalf("accepted %s with watermark %+v", data, w)
		}
		_, err1 := o.CloudUserInfo(field)
		_, err2 := o.CloudPhoneNumber(field)
		_, err3 := o.CloudWeRunData(field)
		_, err4 := o.CloudShareInfo(field)
		for _, e := range []error{err1, err2, err3, err4} {
			if e == nil {
				if err != nil {
					t.Fatalf("typed method accepted what CloudOpen refused: %v", err)
				}
				continue
			}
			checkCloudError(t, e)
			// The typed methods fail where CloudOpen does, or on the type.
			if err != nil && e.Error() != err.Error() || err == nil && !errors.Is(e, ErrPayload) {
				t.Fatalf("CloudOpen: %v; typed method: %v", err, e)
			}
		}
		if !bytes.Equal(field, orig) {
			t.Fatal("input changed")
		}
	})
}

func checkCloudError(t *testing.T, err error) {
	t.Helper()
	var ce *CloudIDError
	switch {
	case errors.As(err, &ce):
		if ce.Code == 0 || !errors.Is(err, ErrCloudID) || errors.Is(err, ErrCloudIDExpired) != (ce.Code == -601006) {
			t.Fatalf("CloudIDError %+v", ce)
		}
	case errors.Is(err, ErrCloudField), errors.Is(err, ErrPayload), errors.Is(err, watermark.ErrMalformed),
		errors.Is(err, watermark.ErrAppID), errors.Is(err, watermark.ErrTooOld), errors.Is(err, watermark.ErrFuture):
	default:
		t.Fatalf("unexpected error %v", err)
	}
	if strings.ContainsAny(err.Error(), "\n\r") {
		t.Fatalf("error %q has a line break", err)
	}
}

// FuzzParseCloudEvent checks that no event makes ParseCloudEvent panic,
// that its report is sorted, bounded and consistent with the single-field
// reading of each field.
func FuzzParseCloudEvent(f *testing.F) {
	for _, s := range cloudSeeds() {
		f.Add([]byte(s))
	}
	o := opener(f, seedAppID, seedTimestamp)
	f.Fuzz(func(t *testing.T, event []byte) {
		ev, err := ParseCloudEvent(event)
		if err != nil {
			if !errors.Is(err, ErrCloudEvent) || ev.Fields != nil {
				t.Fatalf("%+v with error %v", ev, err)
			}
			return
		}
		shaped := 0
		for i, f := range ev.Fields {
			if i > 0 && ev.Fields[i-1].Name >= f.Name {
				t.Fatalf("fields not sorted or not distinct: %q, %q", ev.Fields[i-1].Name, f.Name)
			}
			if g, ok := ev.Field(f.Name); !ok || g.Name != f.Name {
				t.Fatalf("Field(%q) = %+v, %v", f.Name, g, ok)
			}
			if !json.Valid(f.Value) {
				t.Fatalf("field %q: invalid value %q", f.Name, f.Value)
			}
			_, _, openErr := o.CloudOpen(f.Value)
			var ce *CloudIDError
			switch f.Kind {
			case CloudPlain:
				if f.Err != nil || f.CloudID != "" || !errors.Is(openErr, ErrCloudField) {
					t.Fatalf("plain %+v; CloudOpen: %v", f, openErr)
				}
				continue
			case CloudReplaced:
				if f.Err != nil || errors.Is(openErr, ErrCloudField) || errors.Is(openErr, ErrCloudID) {
					t.Fatalf("replaced %+v; CloudOpen: %v", f, openErr)
				}
			case CloudFailed:
				if !errors.As(f.Err, &ce) || ce.CloudID != f.CloudID || openErr == nil || openErr.Error() != f.Err.Error() {
					t.Fatalf("failed %+v; CloudOpen: %v", f, openErr)
				}
			case CloudMalformed:
				if !errors.Is(f.Err, ErrCloudField) || openErr == nil || openErr.Error() != f.Err.Error() {
					t.Fatalf("malformed %+v; CloudOpen: %v", f, openErr)
				}
			default:
				t.Fatalf("kind %v", f.Kind)
			}
			shaped++
		}
		if shaped > MaxCloudIDs {
			t.Fatalf("%d fields in a cloudID's shape accepted", shaped)
		}
	})
}
