package fuzz

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// FuzzOpenJSON encrypts arbitrary bytes as open data and opens them
// through the public API (Opener.Open, OpenInto and the four typed Open
// methods, freshness skipped), then compares each result with the reference built on
// encoding/json: both reject with the same class of error, or both accept
// with equal results. Whatever decoder the Opener uses, escapes, unicode,
// invalid UTF-8, duplicate and differently-cased member names, numbers,
// unknown members and nesting must come out as encoding/json reads them.
//
// An empty step list and a missing one count as equal; nothing else is
// normalised.
func FuzzOpenJSON(f *testing.F) {
	s := newSeeds(f)
	s.plaintexts(func(p []byte) []byte { return p })
	const wm = `"watermark":{"appid":"a","timestamp":1}`
	for _, p := range []string{
		`{"stepInfoList":[{"timestamp":1,"step":2},{"timestamp":3,"step":4}],` + wm + `}`,
		`{"stepInfoList":[],` + wm + `}`,
		`{"stepInfoList":null,` + wm + `}`,
		`{"stepInfoList":[{"timestamp":1.5,"step":2}],` + wm + `}`,
		`{"stepInfoList":{},` + wm + `}`,
		`{"openGId":"G\u00e9\ud83d\ude00\n\"\\\/",` + wm + `}`,
		`{"openGId":"a","openGId":"b","OPENGID":"c",` + wm + `}`,
		`{"gender":1e0,` + wm + `}`,
		`{"gender":2147483648,` + wm + `}`,
		`{"gender":-9223372036854775809,` + wm + `}`,
		`{"gender":"1",` + wm + `}`,
		`{"nickName":null,"gender":null,` + wm + `}`,
		`{"phoneNumber":"1","purePhoneNumber":["x"],` + wm + `}`,
		`{"countryCode":{"a":[1,{"b":"\ud800"}]},` + wm + `}`,
		"{\"nickName\":\"\xff\xfe\",\"city\":\"\xe4\xb8\xad\"," + wm + "}",
		`{"unknown":[[[[[]]]]],"openId":"x",` + wm + `}`,
		`{` + wm + `,"watermark":{"appid":"b","timestamp":2}}`,
		`{` + wm + `}garbage`,
		`{` + wm + `,}`,
	} {
		s.add("a", []byte(p))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appID string, plaintext []byte) {
		if appID == "" {
			appID = "a"
		}
		o, err := wxcrypto.NewOpener(watermark.Policy{AppID: appID, SkipFreshness: true})
		if err != nil {
			t.Fatalf("NewOpener: %v", err)
		}
		data, err := aescbc.Encrypt(demoSessionKey, demoIV, plaintext)
		if err != nil {
			t.Fatalf("Encrypt: %v", err)
		}
		want := refOpenTyped(appID, plaintext)

		raw, w, err := o.Open(demoSessionKey, demoIV, data)
		if kindOf(err) != want.wmKind || (err == nil && (w != want.wm || !bytes.Equal(raw, plaintext))) {
			t.Fatalf("Open = %q, %+v, %v; reference %+v, %s", raw, w, err, want.wm, want.wmKind)
		}
		checkOpenInto(t, o, data, plaintext, want)

		user, err := o.OpenUserInfo(demoSessionKey, demoIV, data)
		compareTyped(t, "OpenUserInfo", user, err, want.user, want.userK)
		phone, err := o.OpenPhoneNumber(demoSessionKey, demoIV, data)
		compareTyped(t, "OpenPhoneNumber", phone, err, want.phone, want.phoneK)
		weRun, err := o.OpenWeRunData(demoSessionKey, demoIV, data)
		if len(weRun.StepInfoList) == 0 {
			weRun.StepInfoList = nil
		}
		compareTyped(t, "OpenWeRunData", weRun, err, want.weRun, want.weRunK)
		share, err := o.OpenShareInfo(demoSessionKey, demoIV, data)
		compareTyped(t, "OpenShareInfo", share, err, want.share, want.shareK)
	})
}

// checkOpenInto checks OpenInto, into a map as a caller's own type would
// be read: the watermark's error, or else json.Unmarshal's verdict and
// value, with ErrPayload for what json.Unmarshal refuses.
func checkOpenInto(t *testing.T, o *wxcrypto.Opener, data string, plaintext []byte, want refOpened) {
	t.Helper()
	var got map[string]any
	w, err := o.OpenInto(demoSessionKey, demoIV, data, &got)
	wantKind := want.wmKind
	var ref map[string]any
	if wantKind == kindOK && json.Unmarshal(plaintext, &ref) != nil {
		wantKind = kindPayload
	}
	if kindOf(err) != wantKind {
		t.Fatalf("OpenInto error %v; reference %s", err, wantKind)
	}
	if err != nil {
		if w != (watermark.Watermark{}) {
			t.Fatalf("OpenInto returned watermark %+v with %v", w, err)
		}
		return
	}
	if w != want.wm {
		t.Fatalf("OpenInto watermark %+v; reference %+v", w, want.wm)
	}
	if diff := cmp.Diff(ref, got); diff != "" {
		t.Fatalf("OpenInto differs from json.Unmarshal (-reference +got):\n%s", diff)
	}
}

// compareTyped fails unless the library's typed result and error class are
// the reference's; a rejected input must give the zero value.
func compareTyped[T any](t *testing.T, name string, got T, err error, want T, wantK errKind) {
	t.Helper()
	if kindOf(err) != wantK {
		t.Fatalf("%s error %v; reference %s", name, err, wantK)
	}
	if err != nil {
		var zero T
		want = zero
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s differs from the reference (-reference +got):\n%s", name, diff)
	}
	wantCode := aescbc.CodeOK
	if err != nil {
		wantCode = aescbc.CodeIllegalBuffer
	}
	if wxcrypto.Code(err) != wantCode {
		t.Fatalf("%s: Code(%v) = %d, want %d", name, err, wxcrypto.Code(err), wantCode)
	}
}

// FuzzCloudEvent feeds arbitrary bytes to ParseCloudEvent as a cloud-call
// event, and each of its fields to the Opener's Cloud methods, and compares
// both with the documented reading written with encoding/json: the same
// fields of the same kinds, the same *CloudIDError for a failed cloudID, and
// for replaced open data the results FuzzOpenJSON expects of the same JSON.
func FuzzCloudEvent(f *testing.F) {
	s := newSeeds(f)
	field := func(p []byte) string { return `{"cloudID":"id","data":` + string(p) + `}` }
	s.plaintexts(func(p []byte) []byte { return []byte(`{"weRunData":` + field(p) + `,"cloudID":"not replaced","x":1}`) })
	const wm = `{"watermark":{"appid":"a","timestamp":1},"openGId":"g"}`
	for _, e := range []string{
		`{"share":{"cloudID":"id","data":` + wm + `}}`,
		`{"share":{"cloudID":"id","errCode":-601006,"errMsg":"cloudID expired."}}`,
		`{"share":{"cloudID":"id","errCode":"-601006","errMsg":null}}`,
		`{"share":{"cloudID":"id","errCode":0}}`,
		`{"share":{"cloudID":"id","errCode":1.5}}`,
		`{"share":{"cloudID":"id","errCode":2147483648}}`,
		`{"share":{"cloudID":"id","errCode":1,"errMsg":7}}`,
		`{"share":{"cloudID":"id","errCode":1,"data":` + wm + `}}`,
		`{"share":{"cloudID":"id","data":[]}}`,
		`{"share":{"cloudID":"id","data":null}}`,
		`{"share":{"cloudID":5,"data":` + wm + `}}`,
		`{"share":{"cloudID":"id","cloudID":"id","data":` + wm + `}}`,
		`{"share":{"cloudid":"id","data":` + wm + `}}`,
		`{"share":{"cloudID":"id"}}`,
		`{"share":{"inner":{"cloudID":"id","data":` + wm + `}}}`,
		`{"share":"cloudID"}`,
		`{"a":{"cloudID":"1","errCode":1},"b":{"cloudID":"2","errCode":1},"c":{"cloudID":"3","errCode":1},` +
			`"d":{"cloudID":"4","errCode":1},"e":{"cloudID":"5","errCode":1},"f":{"cloudID":"6","errCode":1}}`,
		`{"a":1,"a":2}`, `{"a":1} x`, `[]`, `null`, ``, `{}`,
	} {
		s.add("a", []byte(e))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appID string, event []byte) {
		if appID == "" {
			appID = "a"
		}
		ev, err := wxcrypto.ParseCloudEvent(event)

		// The reference verdict on the event as a whole.
		list, ok := refObject(event)
		_, unique := refUnique(list)
		shaped := 0
		for _, m := range list {
			if refReadCloudField(m.value).kind != wxcrypto.CloudPlain {
				shaped++
			}
		}
		if !ok || !unique || shaped > wxcrypto.MaxCloudIDs || len(event) > wxcrypto.MaxCloudEventSize {
			if !errors.Is(err, wxcrypto.ErrCloudEvent) || ev.Fields != nil {
				t.Fatalf("ParseCloudEvent = %d fields, %v; reference: malformed event", len(ev.Fields), err)
			}
			return
		}
		if err != nil || len(ev.Fields) != len(list) {
			t.Fatalf("ParseCloudEvent = %d fields, %v; reference %d fields", len(ev.Fields), err, len(list))
		}
		for i := 1; i < len(ev.Fields); i++ {
			if ev.Fields[i-1].Name >= ev.Fields[i].Name {
				t.Fatalf("fields not sorted by name: %q, %q", ev.Fields[i-1].Name, ev.Fields[i].Name)
			}
		}

		o, err := wxcrypto.NewOpener(watermark.Policy{AppID: appID, SkipFreshness: true})
		if err != nil {
			t.Fatalf("NewOpener: %v", err)
		}
		for _, m := range list {
			got, ok := ev.Field(m.name)
			want := refReadCloudField(m.value)
			if !ok || got.Kind != want.kind || !bytes.Equal(bytes.TrimSpace(got.Value), m.value) {
				t.Fatalf("field %q = %v %s; reference %v %s", m.name, got.Kind, got.Value, want.kind, m.value)
			}
			checkCloudErr(t, m.name, got.Err, want)
			if (want.kind == wxcrypto.CloudReplaced || want.kind == wxcrypto.CloudFailed) && got.CloudID != want.cloudID {
				t.Fatalf("field %q: cloudID %q; reference %q", m.name, got.CloudID, want.cloudID)
			}
			if want.kind == wxcrypto.CloudPlain && (got.Err != nil || got.CloudID != "") {
				t.Fatalf("plain field %q with cloudID %q, error %v", m.name, got.CloudID, got.Err)
			}

			// The Cloud methods on the field's value.
			data, w, err := o.CloudOpen(m.value)
			if want.kind != wxcrypto.CloudReplaced {
				if data != nil || want.kind == wxcrypto.CloudPlain && !errors.Is(err, wxcrypto.ErrCloudField) {
					t.Fatalf("CloudOpen(%s) = %q, %v", m.value, data, err)
				}
				if want.kind != wxcrypto.CloudPlain {
					checkCloudErr(t, m.name, err, want)
				}
				continue
			}
			typed := refOpenTyped(appID, want.data)
			if kindOf(err) != typed.wmKind || (err == nil && (w != typed.wm || !bytes.Equal(data, want.data))) {
				t.Fatalf("CloudOpen = %q, %+v, %v; reference %+v, %s", data, w, err, typed.wm, typed.wmKind)
			}
			user, err := o.CloudUserInfo(m.value)
			compareTyped(t, "CloudUserInfo", user, err, typed.user, typed.userK)
			phone, err := o.CloudPhoneNumber(m.value)
			compareTyped(t, "CloudPhoneNumber", phone, err, typed.phone, typed.phoneK)
			weRun, err := o.CloudWeRunData(m.value)
			if len(weRun.StepInfoList) == 0 {
				weRun.StepInfoList = nil
			}
			compareTyped(t, "CloudWeRunData", weRun, err, typed.weRun, typed.weRunK)
			share, err := o.CloudShareInfo(m.value)
			compareTyped(t, "CloudShareInfo", share, err, typed.share, typed.shareK)
		}
	})
}

// checkCloudErr checks the error of a failed or malformed cloud field.
func checkCloudErr(t *testing.T, name string, err error, want refCloudField) {
	t.Helper()
	var cerr *wxcrypto.CloudIDError
	switch want.kind {
	case wxcrypto.CloudFailed:
		if !errors.As(err, &cerr) || cerr.CloudID != want.cloudID || cerr.Code != want.code || cerr.Msg != want.msg {
			t.Fatalf("field %q: %#v; reference cloudID %q, errCode %d, errMsg %q", name, err, want.cloudID, want.code, want.msg)
		}
		if !errors.Is(err, wxcrypto.ErrCloudID) || errors.Is(err, wxcrypto.ErrCloudIDExpired) != (want.code == -601006) {
			t.Fatalf("field %q: %v matches the wrong sentinels", name, err)
		}
	case wxcrypto.CloudMalformed:
		if !errors.Is(err, wxcrypto.ErrCloudField) {
			t.Fatalf("field %q: %v; reference: malformed", name, err)
		}
	}
}
