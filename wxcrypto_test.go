package wxcrypto

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func opener(t testing.TB, appID string, now int64) *Opener {
	t.Helper()
	p := watermark.NewPolicy(appID)
	p.Now = func() time.Time { return time.Unix(now, 0) }
	o, err := NewOpener(p)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestDocumentedUserInfo(t *testing.T) {
	got, err := opener(t, documented.UserInfoAppID, documented.UserInfoTimestamp).OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV)
	if err != nil {
		t.Fatal(err)
	}
	want := UserInfo{
		OpenID: "oGZUI0egBJY1zhBYw2KhdUfwVJJE", UnionID: "ocMvos6NjeKLIBqg5Mr9QjxrP1FA", NickName: "Band", Gender: 1,
		Language: "zh_CN", City: "Guangzhou", Province: "Guangdong", Country: "CN",
		AvatarURL: "http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0",
		Watermark: watermark.Watermark{AppID: documented.UserInfoAppID, Timestamp: documented.UserInfoTimestamp},
	}
	if got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestPublicPhoneNumber(t *testing.T) {
	got, err := opener(t, documented.PhoneAppID, documented.PhoneTimestamp+30).OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneEncryptedData, documented.PhoneIV)
	want := PhoneNumber{"18017448610", "18017448610", "86", watermark.Watermark{AppID: documented.PhoneAppID, Timestamp: documented.PhoneTimestamp}}
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

// seal encrypts a payload under a fixed test key.
func seal(t *testing.T, plaintext string) (key, iv, data string) {
	t.Helper()
	key = base64.StdEncoding.EncodeToString([]byte("k-0123456789abcd"))
	iv = base64.StdEncoding.EncodeToString([]byte("iv-0123456789abc"))
	data, err := aescbc.Encrypt(key, iv, []byte(plaintext))
	if err != nil {
		t.Fatal(err)
	}
	return key, iv, data
}

func TestWeRunShareAndGeneric(t *testing.T) {
	o := opener(t, "wxapp", 1554815786)
	wm := `"watermark":{"appid":"wxapp","timestamp":1554815786}`

	key, iv, data := seal(t, `{"stepInfoList":[{"timestamp":1554739200,"step":5000},{"timestamp":1554825600,"step":12}],`+wm+`}`)
	run, err := o.OpenWeRunData(key, data, iv)
	if err != nil || len(run.StepInfoList) != 2 || run.StepInfoList[0] != (StepInfo{1554739200, 5000}) || run.StepInfoList[1].Step != 12 || run.Watermark.Timestamp != 1554815786 {
		t.Fatalf("WeRun: %+v, %v", run, err)
	}

	key, iv, data = seal(t, `{"openGId":"tGLoR3","newField":{"nested":[1,2]},`+wm+`}`)
	share, err := o.OpenShareInfo(key, data, iv)
	if err != nil || share.OpenGID != "tGLoR3" || share.Watermark.AppID != "wxapp" {
		t.Fatalf("share: %+v, %v", share, err)
	}

	var custom struct {
		OpenGID string `json:"openGId"`
		New     struct{ Nested []int }
	}
	w, err := o.OpenInto(key, data, iv, &custom)
	if err != nil || custom.OpenGID != "tGLoR3" || len(custom.New.Nested) != 0 || w.AppID != "wxapp" {
		// "newField" does not match "New": encoding/json's rules apply.
		t.Fatalf("OpenInto: %+v, %+v, %v", custom, w, err)
	}
	plain, w, err := o.Open(key, data, iv)
	if err != nil || !strings.HasPrefix(string(plain), `{"openGId":"tGLoR3"`) || w.Timestamp != 1554815786 {
		t.Fatalf("Open: %s, %+v, %v", plain, w, err)
	}
}

func TestRejections(t *testing.T) {
	o := opener(t, "wxapp", 1000)
	wm := func(appid string, ts string) string {
		return `"watermark":{"appid":"` + appid + `","timestamp":` + ts + `}`
	}
	tests := []struct {
		name      string
		plaintext string
		want      error
	}{
		{"other appid", `{"openId":"x",` + wm("wxother", "1000") + `}`, watermark.ErrAppID},
		{"too old", `{"openId":"x",` + wm("wxapp", "399") + `}`, watermark.ErrTooOld},
		{"future", `{"openId":"x",` + wm("wxapp", "1061") + `}`, watermark.ErrFuture},
		{"no watermark", `{"openId":"x"}`, watermark.ErrMalformed},
		{"not JSON", `openId=x`, aescbc.ErrDecrypt},
		{"wrong type", `{"openId":"x","gender":"male",` + wm("wxapp", "1000") + `}`, ErrPayload},
		{"no openId", `{"phoneNumber":"13800138000",` + wm("wxapp", "1000") + `}`, ErrPayload},
	}
	for _, tt := range tests {
		key, iv, data := seal(t, tt.plaintext)
		_, err := o.OpenUserInfo(key, data, iv)
		if !errors.Is(err, tt.want) || Code(err) != -41003 {
			t.Errorf("%s: %v (code %d), want %v (-41003)", tt.name, err, Code(err), tt.want)
		}
		if strings.Contains(err.Error(), "male") || strings.Contains(err.Error(), "openId=") {
			t.Errorf("%s: error %q shows plaintext", tt.name, err)
		}
	}

	key, iv, data := seal(t, `{}`)
	for _, tt := range []struct {
		key, iv, data string
		code          int
	}{
		{"AAAA", iv, data, -41001},
		{key, "AAAA", data, -41002},
		{key, iv, data[:len(data)-4], -41003},
		{key, iv, "%%%%", -41004},
		{base64.StdEncoding.EncodeToString(make([]byte, 16)), iv, data, -41003},
	} {
		if _, err := o.OpenPhoneNumber(tt.key, tt.data, tt.iv); Code(err) != tt.code {
			t.Errorf("Code(%v) = %d, want %d", err, Code(err), tt.code)
		}
	}
}

func TestPolicyRequired(t *testing.T) {
	if _, err := NewOpener(watermark.Policy{}); !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("NewOpener without appid: %v", err)
	}
	var zero Opener
	if _, err := zero.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); !errors.Is(err, watermark.ErrPolicy) || Code(err) != 0 {
		t.Errorf("zero Opener: %v", err)
	}
	var nilOpener *Opener
	if _, err := nilOpener.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); err != errNilOpener || errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("nil Opener: %v", err)
	}
	// Freshness is on by default: the 2016 demo fails against today's clock.
	o, _ := NewOpener(watermark.NewPolicy(documented.UserInfoAppID))
	if _, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); !errors.Is(err, watermark.ErrTooOld) {
		t.Errorf("default policy on 2016 data: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	o := opener(t, documented.UserInfoAppID, documented.UserInfoTimestamp)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if u, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); err != nil || u.NickName != "Band" {
					t.Errorf("%+v, %v", u, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestOpenIntoNeedsAPointer(t *testing.T) {
	o := opener(t, "wxapp", 1000)
	key, iv, data := seal(t, `{"openGId":"g","watermark":{"appid":"wxapp","timestamp":1000}}`)
	var share ShareInfo
	for _, v := range []any{nil, share, (*ShareInfo)(nil), map[string]any{}} {
		_, err := o.OpenInto(key, data, iv, v)
		var inv *json.InvalidUnmarshalError
		if !errors.As(err, &inv) || !strings.Contains(err.Error(), "non-nil pointer") || errors.Is(err, ErrPayload) {
			t.Errorf("OpenInto(%T): %v", v, err)
		}
		if _, err := o.Verify([]byte(`{}`), v); !errors.As(err, &inv) {
			t.Errorf("Verify(%T): %v", v, err)
		}
	}
	// A typed pointer goes the typed way: its identifying field is required.
	if w, err := o.OpenInto(key, data, iv, &share); err != nil || share.OpenGID != "g" || w != share.Watermark {
		t.Errorf("OpenInto(*ShareInfo): %+v, %v", share, err)
	}
	var user UserInfo
	if _, err := o.OpenInto(key, data, iv, &user); !errors.Is(err, ErrPayload) || user != (UserInfo{}) {
		t.Errorf("OpenInto(*UserInfo) of share info: %+v, %v", user, err)
	}
}

// TestTypedResultsNeedTheirField: a payload of another type is refused, on
// the fast path and the fallback alike.
func TestTypedResultsNeedTheirField(t *testing.T) {
	o := opener(t, documented.PhoneAppID, documented.PhoneTimestamp)
	if u, err := o.OpenUserInfo(documented.PhoneSessionKey, documented.PhoneEncryptedData, documented.PhoneIV); !errors.Is(err, ErrPayload) || u != (UserInfo{}) {
		t.Errorf("OpenUserInfo of the phone payload: %+v, %v", u, err)
	}
	wm := `"watermark":{"appid":"wxapp","timestamp":1000}`
	o = opener(t, "wxapp", 1000)
	for _, doc := range []string{
		`{"openGId":"",` + wm + `}`,      // present but empty
		`{"openGId":"g\u0000"}`,          // no watermark: the watermark error first
		`{"open\u0047Id":"",` + wm + `}`, // the fallback
		`{"stepInfoList":[],` + wm + `}`,
	} {
		key, iv, data := seal(t, doc)
		_, err := o.OpenShareInfo(key, data, iv)
		if err == nil || (!errors.Is(err, ErrPayload) && !errors.Is(err, watermark.ErrMalformed)) {
			t.Errorf("OpenShareInfo(%s): %v", doc, err)
		}
	}
	key, iv, data := seal(t, `{"stepInfoList":[],`+wm+`}`)
	if run, err := o.OpenWeRunData(key, data, iv); err != nil || run.StepInfoList == nil {
		t.Errorf("an empty step list is a WeRun payload: %+v, %v", run, err)
	}
	key, iv, data = seal(t, `{"stepInfoList":null,`+wm+`}`)
	if _, err := o.OpenWeRunData(key, data, iv); !errors.Is(err, ErrPayload) {
		t.Errorf("a null step list: %v", err)
	}
}
