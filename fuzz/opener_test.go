package fuzz

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloudid"
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
		// The edges of the fast decoder: what it must leave to the strict
		// path (escapes, folded names, duplicates, odd numbers, invalid
		// UTF-8, deep nesting) and what it takes.
		`{"openId":"a\u00e9","nickName":"\ud800",` + wm + `}`,
		`{"\u006fpenId":"x",` + wm + `}`,
		`{"ſ":"x","K":"y","nicKname":"z",` + wm + `}`,
		"{\"nic\u212aName\":\"kelvin\",\"x\":\"\xff\"," + wm + "}",
		`{"stepInfoList":[{"ſtep":7,"timeſtamp":8}],` + wm + `}`,
		`{"watermark":{"appid":"a","timestamp":1,"timeſtamp":2}}`,
		`{"watermark":{"appid":"a","timestamp":1},"Watermark":{"appid":"b","timestamp":1}}`,
		`{"watermark":{"appid":"a","timestamp":1,"APPID":"b"}}`,
		`{"watermark":{"appid":"a","timestamp":1.0}}`,
		`{"gender":-0,"openId":"x",` + wm + `}`,
		`{"gender":9223372036854775808,"openId":"x",` + wm + `}`,
		`{"x":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `,"openGId":"g",` + wm + `}`,
		"{\"x\":1,\t\r\n" + wm + "}",
		"\ufeff{" + wm + "}",
		`{"phoneNumber":"1","purePhoneNumber":"1","countryCode":"86",` + wm + `}`,
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

		raw, w, err := o.Open(demoSessionKey, data, demoIV)
		if kindOf(err) != want.wmKind || (err == nil && (w != want.wm || !bytes.Equal(raw, plaintext))) {
			t.Fatalf("Open = %q, %+v, %v; reference %+v, %s", raw, w, err, want.wm, want.wmKind)
		}
		checkOpenInto(t, o, data, plaintext, want)

		user, err := o.OpenUserInfo(demoSessionKey, data, demoIV)
		compareTyped(t, "OpenUserInfo", user, err, want.user, want.userK)
		phone, err := o.OpenPhoneNumber(demoSessionKey, data, demoIV)
		compareTyped(t, "OpenPhoneNumber", phone, err, want.phone, want.phoneK)
		weRun, err := o.OpenWeRunData(demoSessionKey, data, demoIV)
		if len(weRun.StepInfoList) == 0 {
			weRun.StepInfoList = nil
		}
		compareTyped(t, "OpenWeRunData", weRun, err, want.weRun, want.weRunK)
		share, err := o.OpenShareInfo(demoSessionKey, data, demoIV)
		compareTyped(t, "OpenShareInfo", share, err, want.share, want.shareK)
	})
}

// checkOpenInto checks OpenInto, into a map as a caller's own type would
// be read: the watermark's error, or else json.Unmarshal's verdict and
// value, with ErrPayload for what json.Unmarshal refuses.
func checkOpenInto(t *testing.T, o *wxcrypto.Opener, data string, plaintext []byte, want refOpened) {
	t.Helper()
	var got map[string]any
	w, err := o.OpenInto(demoSessionKey, data, demoIV, &got)
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
	// reflect.DeepEqual first: cmp.Diff is slow on deeply nested values.
	if !reflect.DeepEqual(ref, got) {
		t.Fatalf("OpenInto differs from json.Unmarshal (-reference +got):\n%s", cmp.Diff(ref, got))
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
	wantCode := 0
	if err != nil {
		wantCode = -41003 // IllegalBuffer: padding, JSON and watermark alike
	}
	if wxcrypto.Code(err) != wantCode {
		t.Fatalf("%s: Code(%v) = %d, want %d", name, err, wxcrypto.Code(err), wantCode)
	}
}

// FuzzCloudEvent feeds arbitrary bytes to cloudid.ParseEvent as a
// cloud-call event, and each of its top-level fields to cloudid.Open, and
// compares both with the documented reading written with encoding/json: the
// same fields of the same kinds, the same *cloudid.Error for a failed
// cloudID, and for replaced open data the results FuzzOpenJSON expects of
// the same JSON.
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
		`{"share":{"cloudID":"id","errCode":1,"errMsg":"` + strings.Repeat("é", 200) + `"}}`,
		`{"share":{"cloudID":"` + strings.Repeat("x", 257) + `","errCode":1}}`,
		`{"share":{"cloudID":"id","errCode":1,"data":` + wm + `}}`,
		`{"share":{"cloudID":"id","data":[]}}`,
		`{"share":{"cloudID":"id","data":null}}`,
		`{"share":{"cloudID":5,"data":` + wm + `}}`,
		`{"share":{"cloudID":"id","cloudID":"id","data":` + wm + `}}`,
		`{"share":{"cloudID":"id","data":` + wm + `,"x":1,"\u0078":2}}`,
		`{"share":{"cloudid":"id","data":` + wm + `}}`,
		`{"share":{"cloudID":"id"}}`,
		`{"share":{"inner":{"cloudID":"id","data":` + wm + `}}}`,
		`{"share":"cloudID"}`,
		`{"a":{"cloudID":"1","errCode":1},"b":{"cloudID":"2","errCode":1},"c":{"cloudID":"3","errCode":1},` +
			`"d":{"cloudID":"4","errCode":1},"e":{"cloudID":"5","errCode":1},"f":{"cloudID":"6","errCode":1}}`,
		`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, "{\"\xff\":1,\"\xfe\":2}", `{"a":1} x`, `[]`, `null`, ``, `{}`,
		`{"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
	} {
		s.add("a", []byte(e))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appID string, event []byte) {
		if appID == "" {
			appID = "a"
		}
		fields, err := cloudid.ParseEvent(event)

		// The reference verdict on the event as a whole.
		list, ok := refObject(event)
		_, unique := refUnique(list)
		var shaped []refMember
		for _, m := range list {
			if refReadCloudField(m.value).kind != cloudPlain {
				shaped = append(shaped, m)
			}
		}
		if !ok || !unique || len(shaped) > 5 || len(event) > 4<<20 {
			if !errors.Is(err, cloudid.ErrMalformed) || fields != nil {
				t.Fatalf("ParseEvent = %d fields, %v; reference: malformed event", len(fields), err)
			}
			return
		}
		if err != nil || len(fields) != len(shaped) {
			t.Fatalf("ParseEvent = %d fields, %v; reference %d fields", len(fields), err, len(shaped))
		}
		byName := map[string]cloudid.Field{}
		for i, f := range fields {
			if i > 0 && fields[i-1].Name >= f.Name {
				t.Fatalf("fields not sorted by name: %q, %q", fields[i-1].Name, f.Name)
			}
			byName[f.Name] = f
		}

		o, err := wxcrypto.NewOpener(watermark.Policy{AppID: appID, SkipFreshness: true})
		if err != nil {
			t.Fatalf("NewOpener: %v", err)
		}
		for _, m := range list {
			want := refReadCloudField(m.value)
			if want.kind != cloudPlain {
				got := byName[m.name]
				if got.Kind != want.kind || !bytes.Equal(got.Value, m.value) {
					t.Fatalf("field %q = %v %s; reference %v %s", m.name, got.Kind, got.Value, want.kind, m.value)
				}
				checkCloudErr(t, m.name, got.Err, want)
				if (want.kind == cloudid.Replaced || want.kind == cloudid.Failed) && got.CloudID != want.cloudID {
					t.Fatalf("field %q: cloudID %q; reference %q", m.name, got.CloudID, want.cloudID)
				}
			}

			// Open on the field's value.
			var raw json.RawMessage
			w, err := cloudid.Open(o, m.value, &raw)
			if want.kind != cloudid.Replaced {
				if raw != nil || w != (watermark.Watermark{}) {
					t.Fatalf("Open(%s) = %q, %v", m.value, raw, err)
				}
				if want.kind == cloudPlain && !errors.Is(err, cloudid.ErrMalformed) {
					t.Fatalf("Open of a plain field: %v", err)
				}
				if want.kind != cloudPlain {
					checkCloudErr(t, m.name, err, want)
				}
				continue
			}
			typed := refOpenTyped(appID, want.data)
			if kindOf(err) != typed.wmKind || (err == nil && (w != typed.wm || !bytes.Equal(raw, want.data))) {
				t.Fatalf("Open = %q, %+v, %v; reference %+v, %s", raw, w, err, typed.wm, typed.wmKind)
			}
			var user wxcrypto.UserInfo
			_, err = cloudid.Open(o, m.value, &user)
			compareTyped(t, "Open(UserInfo)", user, err, typed.user, typed.userK)
			var phone wxcrypto.PhoneNumber
			_, err = cloudid.Open(o, m.value, &phone)
			compareTyped(t, "Open(PhoneNumber)", phone, err, typed.phone, typed.phoneK)
			var weRun wxcrypto.WeRunData
			_, err = cloudid.Open(o, m.value, &weRun)
			if len(weRun.StepInfoList) == 0 {
				weRun.StepInfoList = nil
			}
			compareTyped(t, "Open(WeRunData)", weRun, err, typed.weRun, typed.weRunK)
			var share wxcrypto.ShareInfo
			_, err = cloudid.Open(o, m.value, &share)
			compareTyped(t, "Open(ShareInfo)", share, err, typed.share, typed.shareK)
		}
	})
}

// checkCloudErr checks the error of a failed or malformed cloud field.
func checkCloudErr(t *testing.T, name string, err error, want refCloudField) {
	t.Helper()
	var cerr *cloudid.Error
	switch want.kind {
	case cloudid.Failed:
		if !errors.As(err, &cerr) || cerr.CloudID != want.cloudID || cerr.Code != want.code || cerr.Msg != want.msg {
			t.Fatalf("field %q: %#v; reference cloudID %q, errCode %d, errMsg %q", name, err, want.cloudID, want.code, want.msg)
		}
		if errors.Is(err, cloudid.ErrExpired) != (want.code == -601006) || errors.Is(err, cloudid.ErrMalformed) {
			t.Fatalf("field %q: %v matches the wrong sentinels", name, err)
		}
	case cloudid.Malformed:
		if !errors.Is(err, cloudid.ErrMalformed) {
			t.Fatalf("field %q: %v; reference: malformed", name, err)
		}
	}
}
