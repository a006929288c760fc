package answer

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/sessionsig"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func TestParseSession(t *testing.T) {
	const key = "tiihtNczf5v6AKRyjwEUhQ=="
	tests := []struct {
		body string
		want Session
		err  error // a sentinel the error must match, or nil
	}{
		{`{"openid":"o1","session_key":"` + key + `","unionid":"u1"}`, Session{"o1", key, "u1"}, nil},
		{`{"errcode":"0","openid":"o1","session_key":"` + key + `"}`, Session{"o1", key, ""}, nil},
		{`{"errcode":-1,"errmsg":"system error"}`, Session{}, errcode.ErrSystemBusy},
		{`{"openid":"o1","session_key":"lyY4HPQbaOYzZdG JcYK9w=="}`, Session{}, errcode.ErrMalformed},
		{`{"openid":"o1","session_key":"lyY4HPQbaOYzZdG JcYK9w=="}`, Session{}, sessionsig.ErrSessionKey},
		{`{"openid":"o1","session_key":"` + key + `","Session_key":"x"}`, Session{}, errcode.ErrMalformed},
		{`{"session_key":"` + key + `"}`, Session{}, errcode.ErrMalformed},
		{`{"openid":"o1","session_key":"` + key + `"` + strings.Repeat(" ", errcode.MaxAnswerSize) + `}`, Session{}, errcode.ErrTooLarge},
		{`{"` + strings.Repeat("x", 5000) + `":1,"` + strings.Repeat("x", 5000) + `":2}`, Session{}, errcode.ErrMalformed},
	}
	for _, tt := range tests {
		got, err := ParseSession([]byte(tt.body))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%.60s: (-want +got):\n%s", tt.body, diff)
		}
		if (tt.err == nil) != (err == nil) || (tt.err != nil && !errors.Is(err, tt.err)) {
			t.Errorf("%.60s: error %v, want %v", tt.body, err, tt.err)
		}
		if err != nil && (strings.Contains(err.Error(), "lyY4") || len(err.Error()) > 200) {
			t.Errorf("error %q shows the session key or the peer's text", err)
		}
	}
	// Printed for a log, a Session leaves its key out.
	s := Session{OpenID: "o1", SessionKey: key, UnionID: "u1"}
	for _, format := range []string{"%v", "%+v", "%s"} {
		if got := fmt.Sprintf(format, s); strings.Contains(got, key) || !strings.Contains(got, "o1") {
			t.Errorf("%s: %s", format, got)
		}
	}
	if got := fmt.Sprintf("%v", []Session{s}); strings.Contains(got, key) {
		t.Errorf("in a slice: %s", got)
	}

	// errcode 40029 has no sentinel: the code and message are kept.
	_, err := ParseSession([]byte(`{"errcode":40029,"errmsg":"invalid code"}`))
	var e *errcode.Error
	if !errors.As(err, &e) || cmp.Diff(errcode.Error{Code: 40029, Msg: "invalid code"}, *e) != "" {
		t.Errorf("40029: %v", err)
	}
}

func TestPhoneNumberAnswer(t *testing.T) {
	p := watermark.NewPolicy("wxa")
	p.Now = func() time.Time { return time.Unix(1000, 0) }
	o, err := wxcrypto.NewOpener(p)
	if err != nil {
		t.Fatal(err)
	}
	info := func(cc, wm string) string {
		return `{"errcode":0,"phone_info":{"phoneNumber":"+85261234567","purePhoneNumber":"61234567","countryCode":` + cc + `,"watermark":` + wm + `}}`
	}
	const wm = `{"timestamp":1000,"appid":"wxa"}`
	want := wxcrypto.PhoneNumber{PhoneNumber: "+85261234567", PurePhoneNumber: "61234567", CountryCode: "852", Watermark: watermark.Watermark{AppID: "wxa", Timestamp: 1000}}
	for _, cc := range []string{`852`, `"852"`} {
		got, err := ParsePhoneNumber(o, []byte(info(cc, wm)))
		if err != nil {
			t.Fatalf("countryCode %s: %v", cc, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("countryCode %s (-want +got):\n%s", cc, diff)
		}
	}
	for _, tt := range []struct {
		body string
		err  error
	}{
		{info(`852`, `{"timestamp":1,"appid":"wxa"}`), watermark.ErrTooOld},
		{info(`852`, `{"timestamp":1000,"appid":"wxb"}`), watermark.ErrAppID},
		{info(`852`, `{"timestamp":"1000","appid":"wxa"}`), watermark.ErrMalformed},
		{info(`852.0`, wm), errcode.ErrMalformed},
		{info(`852`, wm+`,"countrycode":1`), errcode.ErrMalformed},
		{`{"errcode":0,"errmsg":"ok"}`, errcode.ErrMalformed},
		{`{"errcode":-1,"errmsg":"busy"}`, errcode.ErrSystemBusy},
		{strings.Replace(info(`852`, wm), `"phoneNumber"`, `"`+strings.Repeat("x", 5000)+`":1,"`+strings.Repeat("x", 5000)+`":2,"phoneNumber"`, 1), errcode.ErrMalformed},
	} {
		got, err := ParsePhoneNumber(o, []byte(tt.body))
		if !errors.Is(err, tt.err) || cmp.Diff(wxcrypto.PhoneNumber{}, got) != "" {
			t.Errorf("%s: %+v, %v; want %v", tt.body, got, err, tt.err)
		}
		if err != nil && (strings.Contains(err.Error(), "61234567") || len(err.Error()) > 200) {
			t.Errorf("error %q shows the phone number or the peer's text", err)
		}
	}
	if _, err := ParsePhoneNumber(nil, []byte(info(`852`, wm))); err == nil || !strings.Contains(err.Error(), "nil *Opener") {
		t.Errorf("nil Opener: %v", err)
	}
}

// TestSessionKeyNotLogged: the usual ways of logging a Session leave the
// session key out.
func TestSessionKeyNotLogged(t *testing.T) {
	const key = "9hAb/NEYUlkaMBEsmFgzig=="
	s, err := ParseSession([]byte(`{"openid":"oX","session_key":"` + key + `","unionid":"uX"}`))
	if err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("login", "session", s, "ptr", &s)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("login", "session", s, "ptr", &s)
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		fmt.Fprintf(&logs, format+"\n", s)
		fmt.Fprintf(&logs, format+"\n", &s)
	}
	out := logs.String()
	if strings.Contains(out, key) || strings.Count(out, "oX") != 12 {
		t.Errorf("logged sessions show the key, or not the openid 12 times:\n%s", out)
	}
}

// TestSessionKeySpaceHint: a session_key whose '+' became a space says so,
// as sessionsig does, and still matches both sentinels.
func TestSessionKeySpaceHint(t *testing.T) {
	_, err := ParseSession([]byte(`{"openid":"o1","session_key":"lyY4HPQbaOYzZdG JcYK9w=="}`))
	if !errors.Is(err, errcode.ErrMalformed) || !errors.Is(err, sessionsig.ErrSessionKey) || !strings.Contains(err.Error(), "'+' turned into a space") {
		t.Errorf("space in session_key: %v", err)
	}
	if strings.Contains(err.Error(), "lyY4") {
		t.Errorf("the error quotes the key: %v", err)
	}
}
