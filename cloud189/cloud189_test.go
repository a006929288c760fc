package cloud189

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

func opener(t *testing.T, nowMS int64) *Opener {
	t.Helper()
	p := watermark.NewPolicy(documented.Cloud189AppID)
	p.Now = func() time.Time { return time.UnixMilli(nowMS) }
	o, err := NewOpener(documented.Cloud189AppSecret, p)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var docUser = UserInfo{
	OpenID:      "ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8",
	PhoneNumber: "18912345679",
	AppID:       documented.Cloud189AppID,
	Timestamp:   documented.Cloud189TimestampMS,
}

func TestDocumentedAnswer(t *testing.T) {
	o := opener(t, documented.Cloud189TimestampMS+30_000)
	got, err := o.OpenAnswer([]byte(documented.Cloud189Answer))
	if err != nil || got != docUser {
		t.Fatalf("OpenAnswer = %+v, %v; want %+v", got, err, docUser)
	}
	// The hex is accepted in lower case too.
	got, err = o.OpenUserInfo(strings.ToLower(documented.Cloud189EncryptedData))
	if err != nil || got != docUser {
		t.Fatalf("lower-case hex: %+v, %v", got, err)
	}
	if got.Time().UTC().Format(time.RFC3339Nano) != "2020-01-03T09:13:20.057Z" {
		t.Errorf("Time() = %v", got.Time().UTC())
	}
}

func TestVerification(t *testing.T) {
	// Freshness in milliseconds through the watermark rule.
	if _, err := opener(t, documented.Cloud189TimestampMS+11*60_000).OpenAnswer([]byte(documented.Cloud189Answer)); !errors.Is(err, watermark.ErrTooOld) {
		t.Errorf("11 minutes later: %v, want ErrTooOld", err)
	}
	if _, err := opener(t, documented.Cloud189TimestampMS-61_000).OpenAnswer([]byte(documented.Cloud189Answer)); !errors.Is(err, watermark.ErrFuture) {
		t.Errorf("61 s before: %v, want ErrFuture", err)
	}
	p := watermark.NewPolicy("0e0d8b63")
	p.SkipFreshness = true
	o, _ := NewOpener(documented.Cloud189AppSecret, p)
	if _, err := o.OpenAnswer([]byte(documented.Cloud189Answer)); !errors.Is(err, watermark.ErrAppID) || !strings.Contains(err.Error(), `"`+documented.Cloud189AppID+`"`) {
		t.Errorf("other app: %v", err)
	}
	// The trap: hex-decoding the appSecret gives the wrong key.
	key, _ := hex.DecodeString(documented.Cloud189AppSecret)
	wrong, _ := NewOpener(string(key), watermark.Policy{AppID: documented.Cloud189AppID, SkipFreshness: true})
	if _, err := wrong.OpenAnswer([]byte(documented.Cloud189Answer)); err == nil {
		t.Error("hex-decoded appSecret accepted")
	}
}

func TestAnswerErrors(t *testing.T) {
	o := opener(t, documented.Cloud189TimestampMS)
	for _, tt := range []struct {
		body string
		want error
		code int64
	}{
		{`{"code":1001,"msg":"授权令牌无效"}`, nil, 1001},
		{`{"code":"-1","msg":"busy"}`, nil, -1},
		{``, ErrMalformedAnswer, 0},
		{`[]`, ErrMalformedAnswer, 0},
		{`null`, ErrMalformedAnswer, 0},
		{`{"msg":"ok","data":{"encryptedData":"00"}}`, ErrMalformedAnswer, 0},
		{`{"code":0.5,"data":{"encryptedData":"00"}}`, ErrMalformedAnswer, 0},
		{`{"code":0}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":null}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":{"encryptedData":""}}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":{"encryptedData":42}}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":{"encryptedData":"00"}} {}`, ErrMalformedAnswer, 0},
		{`{"CODE":0,"DATA":{"ENCRYPTEDDATA":"00"}}`, ErrMalformedAnswer, 0},
		{`{"code":1,"code":0,"data":{"encryptedData":"00"}}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":{"encryptedData":"00","encryptedData":"11"}}`, ErrMalformedAnswer, 0},
		{`{"code":"0x1"}`, ErrMalformedAnswer, 0},
		{`{"code":7,"msg":9}`, ErrMalformedAnswer, 0},
		{`{"code":0,"data":{"encryptedData":"` + strings.Repeat("0", MaxAnswerSize) + `"}}`, ErrAnswerTooLarge, 0},
		{`{"code":0,"data":{"encryptedData":"XYZ"}}`, xxtea.ErrHex, 0},
	} {
		_, err := o.OpenAnswer([]byte(tt.body))
		var ae *APIError
		switch {
		case tt.code != 0:
			if !errors.As(err, &ae) || ae.Code != tt.code {
				t.Errorf("%.40s: %v, want code %d", tt.body, err, tt.code)
			}
		case !errors.Is(err, tt.want):
			t.Errorf("%.40s: %v, want %v", tt.body, err, tt.want)
		}
	}
}

func TestUserInfoErrors(t *testing.T) {
	o := opener(t, documented.Cloud189TimestampMS)
	for _, tt := range []struct{ plaintext, msg string }{
		{`not json`, "not valid JSON"},
		{`["x"]`, "not a JSON object"},
		{`{"appId":"0e0d8b62","timestamp":1578042800057}`, "no openId"},
		{`{"openId":"x","timestamp":1578042800057}`, "no appId"},
		{`{"openId":"x","appId":"0e0d8b62"}`, "no timestamp"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":"1578042800057"}`, "wrong type"},
	} {
		ct, err := xxtea.EncryptHex(documented.Cloud189AppSecret, []byte(tt.plaintext))
		if err != nil {
			t.Fatal(err)
		}
		_, err = o.OpenUserInfo(ct)
		if !errors.Is(err, ErrMalformedUserInfo) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want %q", tt.plaintext, err, tt.msg)
		}
	}
}

func TestNewOpener(t *testing.T) {
	if _, err := NewOpener("", watermark.NewPolicy("a")); !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := NewOpener("s", watermark.Policy{}); !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("no appid: %v", err)
	}
	var o *Opener
	if _, err := o.OpenUserInfo(documented.Cloud189EncryptedData); !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("nil Opener: %v", err)
	}
}
