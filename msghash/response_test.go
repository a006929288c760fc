package msghash_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/msghash"
)

func TestParseCheckResponseDocumented(t *testing.T) {
	body := `{
    "errcode": 0,
    "errmsg": "ok",
    "vaild": true,
    "create_time" :1629121902
} `
	got, err := msghash.ParseCheckResponse([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := msghash.CheckResult{Valid: true, CreateTime: time.Date(2021, 8, 16, 13, 51, 42, 0, time.UTC)}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got.CreateTime.Unix() != 1629121902 || got.CreateTime.Location() != time.UTC {
		t.Errorf("CreateTime = %v", got.CreateTime)
	}
}

func TestParseCheckResponse(t *testing.T) {
	ct := time.Unix(1629121902, 0).UTC()
	tests := []struct {
		name string
		body string
		want msghash.CheckResult
	}{
		{"misspelled vaild", `{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"correct spelling", `{"errcode":0,"errmsg":"ok","valid":true,"create_time":1629121902}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"not valid", `{"errcode":0,"errmsg":"ok","vaild":false,"create_time":1629121902}`, msghash.CheckResult{Valid: false, CreateTime: ct}},
		{"not valid, no create_time", `{"errcode":0,"errmsg":"ok","vaild":false}`, msghash.CheckResult{Valid: false, CreateTime: time.Time{}}},
		{"create_time 0", `{"errcode":0,"vaild":false,"create_time":0}`, msghash.CheckResult{Valid: false, CreateTime: time.Time{}}},
		{"both spellings true", `{"errcode":0,"vaild":true,"valid":true,"create_time":1629121902}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"both, vaild false", `{"errcode":0,"vaild":false,"valid":true}`, msghash.CheckResult{Valid: false, CreateTime: time.Time{}}},
		{"both, valid false", `{"errcode":0,"vaild":true,"valid":false}`, msghash.CheckResult{Valid: false, CreateTime: time.Time{}}},
		{"errcode as string", `{"errcode":"0","errmsg":"ok","vaild":true,"create_time":1629121902}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"errcode absent", `{"vaild":true,"create_time":1629121902}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"errcode -0", `{"errcode":-0,"vaild":true}`, msghash.CheckResult{Valid: true, CreateTime: time.Time{}}},
		{"create_time as string", `{"errcode":0,"vaild":true,"create_time":"1629121902"}`, msghash.CheckResult{Valid: true, CreateTime: ct}},
		{"errmsg null", `{"errcode":0,"errmsg":null,"vaild":true}`, msghash.CheckResult{Valid: true, CreateTime: time.Time{}}},
		{"unknown members ignored", `{"errcode":0,"vaild":true,"extra":{"a":[1,2]},"Vaild2":false}`, msghash.CheckResult{Valid: true, CreateTime: time.Time{}}},
		{"white space around", " \n{\"errcode\":0,\"vaild\":true}\n ", msghash.CheckResult{Valid: true, CreateTime: time.Time{}}},
	}
	for _, tc := range tests {
		got, err := msghash.ParseCheckResponse([]byte(tc.body))
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

func TestParseCheckResponseAPIErrors(t *testing.T) {
	tests := []struct {
		body     string
		code     int
		msg      string
		sentinel error
	}{
		{`{"errcode":-1,"errmsg":"system error"}`, -1, "system error", errcode.ErrSystemBusy},
		{`{"errcode":"-1","errmsg":"system error"}`, -1, "system error", errcode.ErrSystemBusy},
		{`{"errcode":40097,"errmsg":"invalid args"}`, 40097, "invalid args", nil},
		{`{"errcode":44002,"errmsg":"empty post data"}`, 44002, "empty post data", nil},
		{`{"errcode":47001,"errmsg":"data format error"}`, 47001, "data format error", nil},
		{`{"errcode":87009,"errmsg":"invalid signature"}`, 87009, "invalid signature", errcode.ErrInvalidSignature},
		// A non-zero errcode wins over a vaild member.
		{`{"errcode":40097,"errmsg":"invalid args","vaild":true}`, 40097, "invalid args", nil},
		{`{"errcode":45009,"errmsg":"reach max api daily quota limit"}`, 45009, "reach max api daily quota limit", nil},
		{`{"errcode":12345}`, 12345, "", nil},
	}
	sentinels := []error{errcode.ErrSystemBusy, errcode.ErrInvalidCredential, errcode.ErrInvalidSignature, errcode.ErrRiskyContent}
	for _, tc := range tests {
		res, err := msghash.ParseCheckResponse([]byte(tc.body))
		if res != (msghash.CheckResult{}) {
			t.Errorf("%s: result %+v with an error answer", tc.body, res)
		}
		var apiErr *errcode.Error
		if !errors.As(err, &apiErr) {
			t.Errorf("%s: error %v is not an *APIError", tc.body, err)
			continue
		}
		if d := cmp.Diff(&errcode.Error{Code: tc.code, Msg: tc.msg}, apiErr); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.body, d)
		}
		for _, s := range sentinels {
			if got := errors.Is(err, s); got != (s == tc.sentinel) {
				t.Errorf("%s: errors.Is(err, %v) = %v", tc.body, s, got)
			}
		}
		if errors.Is(err, errcode.ErrMalformed) {
			t.Errorf("%s: an API error reported as malformed", tc.body)
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: Error() = %q lacks the platform's message", tc.body, err)
		}
	}
}

func TestParseCheckResponseMalformed(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty", ``},
		{"not JSON", `errcode=0`},
		{"truncated", `{"errcode":0,"vaild":true`},
		{"array", `[{"errcode":0,"vaild":true}]`},
		{"string", `"ok"`},
		{"null", `null`},
		{"number", `0`},
		{"trailing data", `{"errcode":0,"vaild":true} x`},
		{"two objects", `{"errcode":0,"vaild":true}{"errcode":0,"vaild":false}`},
		{"member without value", `{"errcode":}`},
		{"member without colon", `{"errcode" 0,"vaild":true}`},
		{"number as member name", `{1:2}`},
		{"wrong closing bracket", `{"errcode":0,"vaild":true]`},
		// encoding/json would read these as vaild, valid and create_time.
		{"case-folded valid", `{"errcode":0,"vaild":true,"Valid":false}`},
		{"case-folded vaild", `{"errcode":0,"VAILD":false,"vaild":true}`},
		{"case-folded create_time", `{"errcode":0,"vaild":true,"Create_Time":1}`},
		{"trailing comma", `{"errcode":0,"vaild":true,}`},
		{"duplicate vaild", `{"errcode":0,"vaild":false,"vaild":true}`},
		{"duplicate errcode", `{"errcode":40097,"errcode":0,"vaild":true}`},
		{"errcode float", `{"errcode":0.0,"vaild":true}`},
		{"errcode fraction", `{"errcode":0.5,"vaild":true}`},
		{"errcode exponent", `{"errcode":1e3,"vaild":true}`},
		{"errcode bool", `{"errcode":false,"vaild":true}`},
		{"errcode null", `{"errcode":null,"vaild":true}`},
		{"errcode object", `{"errcode":{},"vaild":true}`},
		{"errcode non-numeric string", `{"errcode":"ok","vaild":true}`},
		{"errcode empty string", `{"errcode":"","vaild":true}`},
		{"errcode string with space", `{"errcode":" 0","vaild":true}`},
		{"errcode string float", `{"errcode":"0.0","vaild":true}`},
		{"errcode string plus", `{"errcode":"+1","vaild":true}`},
		{"errcode leading zero", `{"errcode":"00","vaild":true}`},
		{"errcode beyond 32 bits", `{"errcode":4294967296,"vaild":true}`},
		{"errcode beyond 64 bits", `{"errcode":99999999999999999999,"vaild":true}`},
		{"errmsg number", `{"errcode":0,"errmsg":0,"vaild":true}`},
		{"no vaild or valid", `{"errcode":0,"errmsg":"ok","create_time":1629121902}`},
		{"vaild string", `{"errcode":0,"vaild":"true"}`},
		{"vaild number", `{"errcode":0,"vaild":1}`},
		{"vaild null", `{"errcode":0,"vaild":null}`},
		{"valid string next to vaild", `{"errcode":0,"vaild":true,"valid":"false"}`},
		{"create_time negative", `{"errcode":0,"vaild":true,"create_time":-1}`},
		{"create_time float", `{"errcode":0,"vaild":true,"create_time":1629121902.5}`},
		{"create_time bool", `{"errcode":0,"vaild":true,"create_time":true}`},
		{"create_time null", `{"errcode":0,"vaild":true,"create_time":null}`},
	}
	for _, tc := range tests {
		res, err := msghash.ParseCheckResponse([]byte(tc.body))
		if !errors.Is(err, errcode.ErrMalformed) {
			t.Errorf("%s: got %+v, %v; want errcode.ErrMalformed", tc.name, res, err)
		}
		if res != (msghash.CheckResult{}) {
			t.Errorf("%s: non-zero result %+v with an error", tc.name, res)
		}
	}
}

func TestParseCheckResponseSize(t *testing.T) {
	pad := strings.Repeat(" ", errcode.MaxAnswerSize)
	base := `{"errcode":0,"vaild":true}`
	atMax := base + pad[:errcode.MaxAnswerSize-len(base)]
	if _, err := msghash.ParseCheckResponse([]byte(atMax)); err != nil {
		t.Errorf("answer of MaxAnswerSize bytes: %v", err)
	}
	if _, err := msghash.ParseCheckResponse([]byte(atMax + " ")); !errors.Is(err, errcode.ErrTooLarge) {
		t.Errorf("answer over MaxAnswerSize: %v", err)
	}
}

// The answer's envelope is package errcode's: its errors and sentinels
// apply, and every malformed answer says what is wrong.
func TestParseCheckResponseUsesErrcode(t *testing.T) {
	_, err := msghash.ParseCheckResponse([]byte(`{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}`))
	if !errors.Is(err, errcode.ErrInvalidCredential) {
		t.Errorf("40001: %v", err)
	}
	for _, tc := range []struct{ body, wantReason string }{
		{`{"errcode":"00","vaild":true}`, "errcode"},
		{`{"errcode":0,"errmsg":1,"vaild":true}`, "errmsg"},
		{`{"vaild":true,"vaild":true}`, "duplicate"},
		{`{"errcode":0} {}`, "after"},
		{`{"errcode":0}`, "vaild"},
		{`{"errcode":0,"vaild":true,"create_time":"-1"}`, "create_time"},
	} {
		_, err := msghash.ParseCheckResponse([]byte(tc.body))
		if !errors.Is(err, errcode.ErrMalformed) || !strings.Contains(err.Error(), tc.wantReason) {
			t.Errorf("%s: %v", tc.body, err)
		}
	}
}
