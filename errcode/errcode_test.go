package errcode_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/errcode"
)

var sentinels = []error{
	errcode.ErrSystemBusy, errcode.ErrInvalidCredential, errcode.ErrInvalidSignature, errcode.ErrRiskyContent,
}

func TestParseOK(t *testing.T) {
	tests := []struct{ name, body string }{
		// The content-check pages document both spellings of success.
		{"number", `{"errcode":0,"errmsg":"ok"}`},
		{"string", `{ "errcode": "0", "errmsg": "ok" }`},
		{"minus zero", `{"errcode":-0,"errmsg":"ok"}`},
		{"minus zero string", `{"errcode":"-0"}`},
		{"errcode absent", `{"errmsg":"ok"}`},
		{"empty object", `{}`},
		// The access token's answer has no errcode: it is a success.
		{"access token answer", `{"access_token":"ACCESS_TOKEN","expires_in":7200}`},
		{"errmsg null", `{"errcode":0,"errmsg":null}`},
		{"errmsg absent", `{"errcode":0}`},
		{"other errmsg", `{"errcode":0,"errmsg":"anything at all"}`},
		{"unknown members", `{"errcode":0,"errmsg":"ok","ErrCode":5,"errCode":"x","extra":[1,{"a":null}]}`},
		{"white space around", " \r\n\t{\"errcode\":0}\n "},
	}
	for _, tc := range tests {
		if err := errcode.Parse([]byte(tc.body)); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestParseCodes(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		code     int
		msg      string
		sentinel error
	}{
		{"system busy", `{"errcode":-1,"errmsg":"system error"}`, -1, "system error", errcode.ErrSystemBusy},
		{"system busy as string", `{"errcode":"-1","errmsg":"system error"}`, -1, "system error", errcode.ErrSystemBusy},
		{"invalid credential", `{ "errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest" }`, 40001, "invalid credential, access_token is invalid or not latest", errcode.ErrInvalidCredential},
		{"invalid args", `{"errcode":40097,"errmsg":"invalid args"}`, 40097, "invalid args", nil},
		{"media missing", `{"errcode":41005,"errmsg":"media data missing hint: [UQNXoA04384524]"}`, 41005, "media data missing hint: [UQNXoA04384524]", nil},
		{"empty post data", `{"errcode":44002,"errmsg":"empty post data"}`, 44002, "empty post data", nil},
		{"data format", `{"errcode":47001,"errmsg":"data format error"}`, 47001, "data format error", nil},
		{"invalid signature", `{"errcode":87009,"errmsg":"invalid signature"}`, 87009, "invalid signature", errcode.ErrInvalidSignature},
		{"risky content", `{ "errcode": 87014, "errmsg": "risky content" }`, 87014, "risky content", errcode.ErrRiskyContent},
		{"risky content as string", `{"errcode":"87014","errmsg":"risky content"}`, 87014, "risky content", errcode.ErrRiskyContent},
		{"unknown code", `{"errcode":12345,"errmsg":"something new"}`, 12345, "something new", nil},
		{"unknown code, no errmsg", `{"errcode":45009}`, 45009, "", nil},
		{"unknown negative code", `{"errcode":-601006,"errmsg":"x"}`, -601006, "x", nil},
		{"32-bit limits", `{"errcode":2147483647}`, 2147483647, "", nil},
		{"32-bit limits, negative", `{"errcode":"-2147483648"}`, -2147483648, "", nil},
		{"unicode errmsg", `{"errcode":40097,"errmsg":"参数错误 \u00e9"}`, 40097, "参数错误 é", nil},
	}
	for _, tc := range tests {
		err := errcode.Parse([]byte(tc.body))
		var e *errcode.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v is not an *errcode.Error", tc.name, err)
			continue
		}
		if d := cmp.Diff(&errcode.Error{Code: tc.code, Msg: tc.msg}, e); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
		for _, s := range sentinels {
			if got := errors.Is(err, s); got != (s == tc.sentinel) {
				t.Errorf("%s: errors.Is(err, %v) = %v", tc.name, s, got)
			}
		}
		if errors.Is(err, errcode.ErrMalformed) {
			t.Errorf("%s: reported as malformed", tc.name)
		}
		if members, err := errcode.ParseObject([]byte(tc.body)); members != nil || err == nil {
			t.Errorf("%s: ParseObject gave %v, %v", tc.name, members, err)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty", ``},
		{"space", ` `},
		{"not JSON", `errcode=0`},
		{"truncated", `{"errcode":0`},
		{"array", `[{"errcode":0}]`},
		{"string", `"ok"`},
		{"null", `null`},
		{"number", `0`},
		{"trailing data", `{"errcode":0} x`},
		{"two objects", `{"errcode":87014}{"errcode":0}`},
		{"member without value", `{"errcode":}`},
		{"member without colon", `{"errcode" 0}`},
		{"number as member name", `{1:2}`},
		{"wrong closing bracket", `{"errcode":0]`},
		{"trailing comma", `{"errcode":0,}`},
		{"duplicate errcode", `{"errcode":87014,"errcode":0}`},
		{"duplicate errmsg", `{"errcode":0,"errmsg":"a","errmsg":"b"}`},
		{"duplicate other member", `{"errcode":0,"x":1,"x":2}`},
		{"errcode float", `{"errcode":0.0}`},
		{"errcode fraction", `{"errcode":0.5}`},
		{"errcode exponent", `{"errcode":1e3}`},
		{"errcode exponent zero", `{"errcode":0e0}`},
		{"errcode bool", `{"errcode":false}`},
		{"errcode null", `{"errcode":null}`},
		{"errcode object", `{"errcode":{}}`},
		{"errcode array", `{"errcode":[0]}`},
		{"errcode non-numeric string", `{"errcode":"ok"}`},
		{"errcode empty string", `{"errcode":""}`},
		{"errcode string with space", `{"errcode":" 0"}`},
		{"errcode string with trailing space", `{"errcode":"0 "}`},
		{"errcode string float", `{"errcode":"0.0"}`},
		{"errcode string exponent", `{"errcode":"1e3"}`},
		{"errcode string plus", `{"errcode":"+1"}`},
		{"errcode leading zero", `{"errcode":"00"}`},
		{"errcode number leading zero", `{"errcode":01}`},
		{"errcode minus only", `{"errcode":"-"}`},
		{"errcode hex", `{"errcode":"0x1"}`},
		{"errcode escaped digit", `{"errcode":"\u0030\u0030"}`},
		{"errcode beyond 32 bits", `{"errcode":4294967296}`},
		{"errcode just beyond 32 bits", `{"errcode":2147483648}`},
		{"errcode just below 32 bits", `{"errcode":-2147483649}`},
		{"errcode beyond 64 bits", `{"errcode":99999999999999999999}`},
		{"errcode string beyond 64 bits", `{"errcode":"-99999999999999999999"}`},
		{"errmsg number", `{"errcode":0,"errmsg":0}`},
		{"errmsg object", `{"errcode":87014,"errmsg":{}}`},
		{"errmsg bool", `{"errcode":87014,"errmsg":true}`},
		{"invalid escape", `{"errcode":0,"errmsg":"\x"}`},
	}
	for _, tc := range tests {
		err := errcode.Parse([]byte(tc.body))
		if !errors.Is(err, errcode.ErrMalformed) {
			t.Errorf("%s: got %v, want ErrMalformed", tc.name, err)
			continue
		}
		var e *errcode.Error
		if errors.As(err, &e) {
			t.Errorf("%s: malformed answer gave an *Error %+v", tc.name, e)
		}
		if strings.TrimSpace(tc.body) != "" && strings.Contains(err.Error(), tc.body) {
			t.Errorf("%s: error %q quotes the answer", tc.name, err)
		}
	}
}

func TestParseSize(t *testing.T) {
	base := `{"errcode":0}`
	atMax := base + strings.Repeat(" ", errcode.MaxAnswerSize-len(base))
	if err := errcode.Parse([]byte(atMax)); err != nil {
		t.Errorf("answer of MaxAnswerSize bytes: %v", err)
	}
	if err := errcode.Parse([]byte(atMax + " ")); !errors.Is(err, errcode.ErrTooLarge) {
		t.Errorf("answer over MaxAnswerSize: %v", err)
	}
	if _, err := errcode.ParseObject([]byte(atMax + " ")); !errors.Is(err, errcode.ErrTooLarge) {
		t.Errorf("ParseObject, answer over MaxAnswerSize: %v", err)
	}
}

func TestParseObject(t *testing.T) {
	members, err := errcode.ParseObject([]byte(`{"errcode":"0","errmsg":"ok","vaild":true,"create_time":1629121902,"Vaild":null}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"errcode": `"0"`, "errmsg": `"ok"`, "vaild": `true`, "create_time": `1629121902`, "Vaild": `null`}
	if len(members) != len(want) {
		t.Errorf("got %d members, want %d", len(members), len(want))
	}
	for name, raw := range want {
		if got, ok := members[name]; !ok || string(got) != raw {
			t.Errorf("member %q = %q (present %v), want %q", name, got, ok, raw)
		}
	}
	members, err = errcode.ParseObject([]byte(`{"access_token":"ACCESS_TOKEN","expires_in":7200}`))
	if err != nil || len(members) != 2 || string(members["expires_in"]) != "7200" {
		t.Errorf("access token answer: %v, %v", members, err)
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  *errcode.Error
		want []string
	}{
		{&errcode.Error{Code: -1, Msg: "system error\nforged: line"}, []string{"-1", "retry", `"system error\nforged: line"`}},
		{&errcode.Error{Code: 40001, Msg: "invalid credential"}, []string{"40001", "access token"}},
		{&errcode.Error{Code: 87014, Msg: "risky content"}, []string{"87014", "risky content"}},
		{&errcode.Error{Code: 99999, Msg: "x"}, []string{"99999", `"x"`}},
		{&errcode.Error{Code: 41005, Msg: "\x1b[31mred"}, []string{"41005", `\x1b[31mred`}},
	}
	for _, tc := range tests {
		got := tc.err.Error()
		if strings.ContainsAny(got, "\n\x1b") {
			t.Errorf("Error() = %q contains a control character", got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("Error() = %q lacks %q", got, w)
			}
		}
	}
	// Each sentinel names its code, and matches only its own.
	codes := []int{-1, 40001, 87009, 87014}
	for i, s := range sentinels {
		e := &errcode.Error{Code: codes[i]}
		for j, s2 := range sentinels {
			if e.Is(s2) != (i == j) {
				t.Errorf("code %d Is(%v) = %v", codes[i], s2, e.Is(s2))
			}
		}
		if want := "(" + strconv.Itoa(codes[i]) + ")"; !strings.Contains(s.Error(), want) {
			t.Errorf("sentinel %q does not name code %d", s, codes[i])
		}
	}
	if (&errcode.Error{Code: 87014}).Is(errcode.ErrMalformed) {
		t.Error("an *Error matches ErrMalformed")
	}
}

// FuzzParse checks that no answer makes the parsers panic, that their
// errors are of the documented kinds, that Parse and ParseObject agree, and
// that an *Error's code and message survive a round trip.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"errcode":0,"errmsg":"ok"}`,
		`{ "errcode": "0", "errmsg": "ok" }`,
		`{ "errcode": 87014, "errmsg": "risky content" }`,
		`{ "errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest" }`,
		`{"errcode":41005,"errmsg":"media data missing hint: [UQNXoA04384524]"}`,
		`{"access_token":"ACCESS_TOKEN","expires_in":7200}`,
		`{"errcode":"-1","errmsg":"system error"}`,
		`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`,
		`{"errcode":1e3}`, `{"errcode":"+1"}`, `{"errcode":"00"}`, `{"errcode":" 0"}`, `{"errcode":null}`,
		`{"errcode":4294967296}`, `{"errcode":0,"errcode":1}`, `{"errcode":0} x`, `[`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		err := errcode.Parse(body)
		members, objErr := errcode.ParseObject(body)
		if (err == nil) != (objErr == nil) || (err != nil && err.Error() != objErr.Error()) {
			t.Fatalf("Parse: %v; ParseObject: %v", err, objErr)
		}
		if (members == nil) != (objErr != nil) {
			t.Fatalf("ParseObject: members %v with error %v", members, objErr)
		}
		if err == nil {
			return
		}
		var e *errcode.Error
		switch {
		case errors.As(err, &e):
			if e.Code == 0 || errors.Is(err, errcode.ErrMalformed) {
				t.Fatalf("error %+v for code 0 or also malformed", e)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("Error() = %q has a line break", err)
			}
			again, _ := json.Marshal(map[string]any{"errcode": e.Code, "errmsg": e.Msg})
			var e2 *errcode.Error
			if err2 := errcode.Parse(again); !errors.As(err2, &e2) || *e2 != *e {
				t.Fatalf("round trip of %+v gave %v", e, err2)
			}
		case errors.Is(err, errcode.ErrMalformed):
		case errors.Is(err, errcode.ErrTooLarge):
			if len(body) <= errcode.MaxAnswerSize {
				t.Fatalf("ErrTooLarge for %d bytes", len(body))
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}
	})
}

// errmsg is the peer's text, up to the size of an answer: the message shows
// a bounded part of it.
func TestErrorTextBounded(t *testing.T) {
	long := strings.Repeat("m", 60000)
	err := errcode.Parse([]byte(`{"errcode":40029,"errmsg":"` + long + `"}`))
	var e *errcode.Error
	if !errors.As(err, &e) || e.Msg != long {
		t.Fatalf("Parse: %.60v", err)
	}
	if msg := err.Error(); len(msg) > 400 || !strings.HasSuffix(msg, "(60000 bytes)") {
		t.Errorf("message of %d bytes ending %q", len(msg), msg[max(0, len(msg)-40):])
	}
}
