package cloud189

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/errcode"
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
	if d := cmp.Diff(docUser, got); err != nil || d != "" {
		t.Fatalf("OpenAnswer: %v (-want +got):\n%s", err, d)
	}
	// The hex is accepted in lower case too.
	got, err = o.OpenUserInfo(strings.ToLower(documented.Cloud189EncryptedData))
	if d := cmp.Diff(docUser, got); err != nil || d != "" {
		t.Fatalf("lower-case hex: %v (-want +got):\n%s", err, d)
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
		{`{"code":0,"data":{"encryptedData":"` + strings.Repeat("0", errcode.MaxAnswerSize) + `"}}`, errcode.ErrTooLarge, 0},
		{`{"code":0,"data":{"encryptedData":"XYZ"}}`, xxtea.ErrCiphertext, 0},
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
		{`not json`, "not one JSON object"},
		{`["x"]`, "not one JSON object"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":1578042800057} {}`, "not one JSON object"},
		{"{\"openId\":\"\xff\",\"appId\":\"0e0d8b62\",\"timestamp\":1578042800057}", "UTF-8"},
		// The strict rule: what every parser reads the same way.
		{`{"openId":"x","appId":"evil","appId":"0e0d8b62","timestamp":1578042800057}`, "duplicate appId"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":1,"timestamp":1578042800057}`, "duplicate timestamp"},
		{`{"openId":"x","openId":"y","appId":"0e0d8b62","timestamp":1578042800057}`, "duplicate openId"},
		{`{"openId":"x","appId":"0e0d8b62","AppId":"evil","timestamp":1578042800057}`, "folds to appId"},
		{`{"openId":"x","APPID":"evil","appId":"0e0d8b62","timestamp":1578042800057}`, "folds to appId"},
		{`{"openId":"x","appId":"0e0d8b62","timeſtamp":1,"timestamp":1578042800057}`, "folds to timestamp"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":1578042800057,"Timestamp":1}`, "folds to timestamp"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":1578042800057.0}`, "not an integer"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":1.578042800057e12}`, "not an integer"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":99999999999999999999}`, "not an integer"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":null}`, "not an integer"},
		{`{"openId":1,"appId":"0e0d8b62","timestamp":1578042800057}`, "openId is not a string"},
		{`{"openId":"x","appId":null,"timestamp":1578042800057}`, "appId is not a string"},
		{`{"appId":"0e0d8b62","timestamp":1578042800057}`, "no openId"},
		{`{"openId":"x","timestamp":1578042800057}`, "no appId"},
		{`{"openId":"x","appId":"0e0d8b62"}`, "no timestamp"},
		{`{"openId":"x","appId":"0e0d8b62","timestamp":"1578042800057"}`, "not an integer"},
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

// Members at other levels, and other members, are free; the phone number
// is optional.
func TestUserInfoFree(t *testing.T) {
	o := opener(t, documented.Cloud189TimestampMS)
	ct, _ := xxtea.EncryptHex(documented.Cloud189AppSecret, []byte(`{"openId":"x","appId":"0e0d8b62","timestamp":1578042800057,"extra":{"appId":"a","appId":"b"},"app":1}`))
	got, err := o.OpenUserInfo(ct)
	if d := cmp.Diff(UserInfo{OpenID: "x", AppID: "0e0d8b62", Timestamp: 1578042800057}, got); err != nil || d != "" {
		t.Fatalf("OpenUserInfo: %v (-want +got):\n%s", err, d)
	}
}

func TestNewOpener(t *testing.T) {
	if _, err := NewOpener("", watermark.NewPolicy("a")); !errors.Is(err, xxtea.ErrKeyEmpty) || errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := NewOpener("s", watermark.Policy{}); !errors.Is(err, watermark.ErrPolicy) {
		t.Errorf("no appid: %v", err)
	}
	var o *Opener
	if _, err := o.OpenUserInfo(documented.Cloud189EncryptedData); err != errNilOpener {
		t.Errorf("nil Opener: %v", err)
	}
}

// msg is the peer's text, up to the size of an answer: the message shows a
// bounded part of it.
func TestAPIErrorTextBounded(t *testing.T) {
	o, err := NewOpener("s", watermark.NewPolicy("a"))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("m", 60000)
	_, err = o.OpenAnswer([]byte(`{"code":5,"msg":"` + long + `"}`))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Msg != long {
		t.Fatalf("OpenAnswer: %.60v", err)
	}
	if msg := err.Error(); len(msg) > 400 || !strings.HasSuffix(msg, "(60000 bytes)") {
		t.Errorf("message of %d bytes ending %q", len(msg), msg[max(0, len(msg)-40):])
	}
}
