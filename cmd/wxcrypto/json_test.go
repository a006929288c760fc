package main

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wxcrypto/wxcrypto/internal/documented"
)

// oneObject decodes out, which must be exactly one JSON object and nothing
// else.
func oneObject(t *testing.T, out string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var v map[string]any
	if err := dec.Decode(&v); err != nil || v == nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", out)
	}
	return v
}

// TestJSONEveryCommand: with -json every command prints one JSON object on
// standard output and nothing on standard error, on success and on each
// kind of failure, with the exit statuses of the text form.
func TestJSONEveryCommand(t *testing.T) {
	dir := t.TempDir()
	badVectors := filepath.Join(dir, "bad.json")
	os.WriteFile(badVectors, []byte(`{"schema":"wxcrypto-vectors/v1","operation":"nope","source":"x","tests":[]}`), 0o644)
	phone := []string{"-appid", documented.PhoneAppID, "-session-key", documented.PhoneSessionKey, "-iv", documented.PhoneIV, "-data", documented.PhoneEncryptedData}
	tests := []struct {
		name  string
		stdin string
		args  []string
		rc    int
		want  map[string]any // members that must have these values
	}{
		{"demo", "", []string{"demo"}, 0, nil},
		{"decrypt", "", append([]string{"decrypt", "-type", "phone", "-now", strconv.Itoa(documented.PhoneTimestamp)}, phone...), 0, map[string]any{"type": "phone"}},
		{"decrypt stale", "", append([]string{"decrypt"}, phone...), 1, map[string]any{"class": "expired", "code": -41003.0}},
		{"decrypt bad base64", "", []string{"decrypt", "-appid", "wx1", "-session-key", "a%2Bb", "-iv", "x", "-data", "y"}, 1, map[string]any{"class": "base64", "code": -41004.0}},
		{"decrypt missing", "", []string{"decrypt", "-appid", "wx1"}, 2, map[string]any{"class": "usage", "code": 0.0}},
		{"bad flag before -json", "", []string{"decrypt", "-frob", "-json"}, 2, map[string]any{"class": "usage"}},
		{"encrypt", "", []string{"encrypt", "-appid", "wx1", "-payload", "{}"}, 0, nil},
		{"encrypt bad payload", "", []string{"encrypt", "-appid", "wx1", "-payload", "[]"}, 2, map[string]any{"class": "usage"}},
		{"cloud", weRunEvent, []string{"cloud", "-appid", "wx1111111111", "-event", "-", "-no-freshness"}, 0, nil},
		{"cloud expired", expiredEvent, []string{"cloud", "-appid", "wx1111111111", "-event", "-"}, 1, map[string]any{"class": "expired"}},
		{"cloud not an event", "[]", []string{"cloud", "-appid", "wx1111111111", "-event", "-"}, 1, map[string]any{"class": "malformed"}},
		{"answer session", `{"openid":"o1","session_key":"tiihtNczf5v6AKRyjwEUhQ=="}`, []string{"answer", "session", "-answer", "-"}, 0, map[string]any{"openid": "o1", "unionid": ""}},
		{"answer session used code", `{"errcode":40029,"errmsg":"invalid code"}`, []string{"answer", "session", "-answer", "-"}, 1, map[string]any{"class": "errcode", "code": 40029.0}},
		{"answer phone stale", phoneAnswer, []string{"answer", "phone", "-appid", "wx5c7f3b1d9e2a4f60", "-answer", "-"}, 1, map[string]any{"class": "expired"}},
		{"vectors", "", []string{"vectors", "../../testdata/vectors/msghash.json"}, 0, map[string]any{"failed": 0.0}},
		{"vectors failing", "", []string{"vectors", badVectors}, 1, map[string]any{"class": "vectors", "failed": 1.0}},
		{"sign", "", []string{"sign", "session", "-session-key", docSessionKey, "-body", `{"foo":"bar"}`}, 0, map[string]any{"signature": docSessionSig}},
		{"sign verify", "", []string{"sign", "session", "-session-key", docSessionKey, "-body", `{"foo":"bar"}`, "-verify", docSessionSig}, 0, map[string]any{"verified": true}},
		{"sign mismatch", "", []string{"sign", "session", "-session-key", docSessionKey, "-body", `{}`, "-verify", docSessionSig}, 1, map[string]any{"class": "signature"}},
		{"sign pay without uri", "", []string{"sign", "pay", "-app-key", "k"}, 2, map[string]any{"class": "usage"}},
		{"msghash", "", []string{"msghash", "-data", msgText}, 0, map[string]any{"hash": msgHash}},
		{"msghash answer", `{"errcode":40029,"errmsg":"invalid code"}`, []string{"msghash", "-answer", "-"}, 1, map[string]any{"class": "errcode", "code": 40029.0}},
		{"xxtea", "", []string{"xxtea", "decrypt", "-key", documented.Cloud189AppSecret, "-in", documented.Cloud189EncryptedData}, 0, map[string]any{"plaintext": documented.Cloud189Plaintext}},
		{"xxtea no mode", "", []string{"xxtea", "-key", "k"}, 2, map[string]any{"class": "usage"}},
		{"open189", documented.Cloud189Answer, []string{"open189", "-appid", documented.Cloud189AppID, "-app-secret", documented.Cloud189AppSecret, "-answer", "-", "-no-freshness"}, 0, map[string]any{"phoneNumber": "18912345679"}},
		{"push verify", "", []string{"push", "verify", "-token", pushToken, "-aes-key", pushAESKey, "-query", pushURL}, 0, map[string]any{"echostr": "4375120948345356249"}},
		{"push decrypt", "", []string{"push", "decrypt", "-format", "json", "-token", pushToken, "-aes-key", pushAESKey, "-appid", pushAppID, "-query", pushQuery, "-body", pushBody}, 0, map[string]any{"message": pushMessage}},
		{"push decrypt other appid", "", []string{"push", "decrypt", "-format", "json", "-token", pushToken, "-aes-key", pushAESKey, "-appid", "wx0000000000000000", "-query", pushQuery, "-body", pushBody}, 1, map[string]any{"class": "appid", "code": -40005.0}},
		{"push encrypt without nonce", "", []string{"push", "encrypt", "-token", pushToken, "-aes-key", pushAESKey, "-appid", pushAppID}, 2, map[string]any{"class": "usage"}},
		{"open189 platform error", `{"code":1001,"msg":"token invalid"}`, []string{"open189", "-appid", "a", "-app-secret", "s", "-answer", "-"}, 1, map[string]any{"class": "errcode", "code": 1001.0}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.args[0]] = true
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, tt.stdin, nil, append(tt.args, "-json")...)
			if rc != tt.rc || errOut != "" {
				t.Fatalf("rc %d (want %d), stderr %q, stdout %s", rc, tt.rc, errOut, out)
			}
			v := oneObject(t, out)
			if rc != 0 {
				for _, k := range []string{"error", "class", "code"} {
					if _, ok := v[k]; !ok {
						t.Errorf("failure object lacks %q: %s", k, out)
					}
				}
			}
			got := map[string]any{}
			for k := range tt.want {
				got[k] = v[k]
			}
			if diff := cmp.Diff(tt.want, got); tt.want != nil && diff != "" {
				t.Errorf("members (-want +got):\n%s\n%s", diff, out)
			}
			// Without -json the same command exits the same way.
			if rc2, _, _ := wx(t, tt.stdin, nil, tt.args...); rc2 != rc {
				t.Errorf("without -json: rc %d, with: %d", rc2, rc)
			}
		})
	}
	for name := range commands {
		if !covered[name] {
			t.Errorf("command %s has no -json case", name)
		}
	}
}

// phoneAnswer is a getuserphonenumber answer made on 2021-11-24T08:57:54Z.
const phoneAnswer = `{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13580006666","purePhoneNumber":"13580006666",` +
	`"countryCode":86,"watermark":{"timestamp":1637744274,"appid":"wx5c7f3b1d9e2a4f60"}}}`

// TestAnswerCommand: the answers as a back end reads them; the session key
// is checked and never printed.
func TestAnswerCommand(t *testing.T) {
	const key = "tiihtNczf5v6AKRyjwEUhQ=="
	rc, out, errOut := wx(t, `{"openid":"o1","session_key":"`+key+`","unionid":"u1"}`, nil, "answer", "session", "-answer", "-")
	if rc != 0 || strings.Contains(out, key) {
		t.Fatalf("session: rc %d, %s %s", rc, out, errOut)
	}
	want := map[string]any{"openid": "o1", "unionid": "u1",
		"verified": []any{"errcode 0", "session_key is 24 characters of base64 of 16 bytes (not printed)"}}
	if diff := cmp.Diff(want, decoded(t, out)); diff != "" {
		t.Errorf("session (-want +got):\n%s", diff)
	}
	rc, out, errOut = wx(t, `{"openid":"o1","session_key":"lyY4HPQbaOYzZdG JcYK9w=="}`, nil, "answer", "session", "-answer", "-")
	if rc != 1 || out != "" || !strings.Contains(errOut, "class: malformed\n") || strings.Contains(errOut, "lyY4") {
		t.Errorf("damaged key: rc %d, %q, %q", rc, out, errOut)
	}

	rc, out, errOut = wx(t, phoneAnswer, nil, "answer", "phone", "-appid", "wx5c7f3b1d9e2a4f60", "-answer", "-", "-now", "2021-11-24T09:00:00Z")
	if rc != 0 {
		t.Fatalf("phone: rc %d, %s", rc, errOut)
	}
	v := decoded(t, out)
	wantPhone := map[string]any{"phoneNumber": "13580006666", "purePhoneNumber": "13580006666", "countryCode": "86"}
	if diff := cmp.Diff(wantPhone, v["data"]); diff != "" {
		t.Errorf("phone (-want +got):\n%s", diff)
	}
	if rc, _, errOut := wx(t, phoneAnswer, nil, "answer", "phone", "-appid", "wxother", "-answer", "-", "-no-freshness"); rc != 1 || !strings.Contains(errOut, "class: appid\n") {
		t.Errorf("other app: rc %d, %q", rc, errOut)
	}
}

// TestMissingFlags: each missing required value is named, all at once.
func TestMissingFlags(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"sign", "pay", "-app-key", "k", "-body", "{}"}, []string{"missing -uri"}},
		{[]string{"sign", "pay"}, []string{"-app-key", "-uri"}},
		{[]string{"sign", "session"}, []string{"missing -session-key"}},
		{[]string{"sign", "rawdata", "-session-key", "k", "-verify", "00"}, []string{"missing -raw-data"}},
		{[]string{"sign", "payevent", "-app-key", "k"}, []string{"missing -event", "-payload"}},
		{[]string{"sign"}, []string{"sign session, sign pay, sign payevent or sign rawdata"}},
		{[]string{"decrypt"}, []string{"-appid", "-session-key", "-iv", "-data"}},
		{[]string{"decrypt", "-appid", "wx1", "-iv", "x"}, []string{"missing -session-key", "-data"}},
		{[]string{"cloud"}, []string{"-appid", "-event"}},
		{[]string{"encrypt", "-payload", "{}"}, []string{"missing -appid"}},
		{[]string{"open189", "-appid", "a"}, []string{"missing -app-secret", "-answer"}},
		{[]string{"xxtea", "decrypt", "-in", "00"}, []string{"missing -key or -key-hex"}},
		{[]string{"msghash"}, []string{"missing -data"}},
		{[]string{"vectors"}, []string{"missing PATH"}},
		{[]string{"answer"}, []string{"answer session or answer phone"}},
		{[]string{"answer", "phone"}, []string{"missing -answer", "-appid"}},
	}
	for _, tt := range tests {
		rc, out, errOut := wx(t, "", nil, tt.args...)
		if rc != 2 || out != "" {
			t.Errorf("%v: rc %d, stdout %q", tt.args, rc, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr %q does not name %q", tt.args, errOut, w)
			}
		}
	}
	// The decrypt case names every value, not only the first.
	_, _, errOut := wx(t, "", nil, "decrypt", "-appid", "wx1", "-iv", "x")
	if strings.Contains(errOut, "-appid (") || strings.Contains(errOut, "-iv (") {
		t.Errorf("names values that were given: %q", errOut)
	}
}

// TestNowFormats: -now takes unix seconds and RFC 3339 alike, and
// -now-ms unix milliseconds and RFC 3339.
func TestNowFormats(t *testing.T) {
	phone := []string{"decrypt", "-json", "-type", "phone", "-appid", documented.PhoneAppID, "-session-key", documented.PhoneSessionKey, "-iv", documented.PhoneIV, "-data", documented.PhoneEncryptedData}
	// PhoneTimestamp 1558787160 is 2019-05-25T12:26:00Z.
	for _, now := range []string{"1558787160", "2019-05-25T12:26:00Z", "2019-05-25T20:30:00+08:00", "2019-05-25T12:26:00.5Z"} {
		if rc, out, errOut := wx(t, "", nil, append(phone, "-now", now)...); rc != 0 {
			t.Errorf("-now %s: rc %d, %s %s", now, rc, out, errOut)
		}
	}
	if rc, out, _ := wx(t, "", nil, append(phone, "-now", "2019-05-26T12:26:00Z")...); rc != 1 || oneObject(t, out)["class"] != "expired" {
		t.Errorf("a day later: rc %d, %s", rc, out)
	}
	for _, bad := range []string{"yesterday", "2019-05-25", "1558787160.5"} {
		rc, out, _ := wx(t, "", nil, append(phone, "-now", bad)...)
		if rc != 2 || !strings.Contains(out, "RFC 3339") {
			t.Errorf("-now %s: rc %d, %s", bad, rc, out)
		}
	}
	// 189 cloud: 2020-01-03T09:13:20.057Z is the documented timestamp.
	for _, now := range []string{strconv.FormatInt(documented.Cloud189TimestampMS, 10), "2020-01-03T09:13:20.057Z"} {
		rc, out, errOut := wx(t, documented.Cloud189Answer, nil, "open189", "-appid", documented.Cloud189AppID,
			"-app-secret", documented.Cloud189AppSecret, "-answer", "-", "-now-ms", now)
		if rc != 0 {
			t.Errorf("-now-ms %s: rc %d, %s %s", now, rc, out, errOut)
		}
	}
}

// TestEncryptFixture: a fixture decrypts, with crypto/aes directly, to the
// payload with the watermark appended; decrypt accepts it as -body at its
// time; and the session key and iv are kept when given.
func TestEncryptFixture(t *testing.T) {
	const key, iv = "tiihtNczf5v6AKRyjwEUhQ==", "r7BXXKkLb8qrSNn05n0qiA=="
	payload := `{ "phoneNumber": "+8613800138000", "purePhoneNumber": "13800138000", "countryCode": "86" }` + "\n"
	rc, out, errOut := wx(t, payload, nil, "encrypt", "-appid", "wx4f4bc4dec97d474b", "-session-key", key, "-iv", iv,
		"-payload", "-", "-now", "2024-01-02T03:04:05Z", "-type", "phone")
	if rc != 0 {
		t.Fatalf("rc %d: %s", rc, errOut)
	}
	var f fixture
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	want := fixture{SessionKey: key, IV: iv, EncryptedData: f.EncryptedData,
		Watermark: map[string]any{"appid": "wx4f4bc4dec97d474b", "timestamp": 1704164645.0, "time": "2024-01-02T03:04:05Z"}}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("fixture (-want +got):\n%s", diff)
	}
	plaintext := cbcDecrypt(t, key, iv, f.EncryptedData)
	wantPlain := `{ "phoneNumber": "+8613800138000", "purePhoneNumber": "13800138000", "countryCode": "86","watermark":{"timestamp":1704164645,"appid":"wx4f4bc4dec97d474b"}}`
	if diff := cmp.Diff(wantPlain, plaintext); diff != "" {
		t.Errorf("plaintext (-want +got):\n%s", diff)
	}

	body := filepath.Join(t.TempDir(), "fixture.json")
	os.WriteFile(body, []byte(out), 0o600)
	if rc, out, errOut := wx(t, "", nil, "decrypt", "-appid", "wx4f4bc4dec97d474b", "-body", body, "-type", "phone", "-now", "1704164700"); rc != 0 || !strings.Contains(out, `"purePhoneNumber": "13800138000"`) {
		t.Errorf("decrypt -body fixture: rc %d, %s %s", rc, out, errOut)
	}

	// Random key and iv; an empty payload object.
	rc, out, _ = wx(t, "", nil, "encrypt", "-appid", "wx1", "-payload", "{}", "-now", "100")
	if rc != 0 {
		t.Fatalf("rc %d", rc)
	}
	json.Unmarshal([]byte(out), &f)
	if got := cbcDecrypt(t, f.SessionKey, f.IV, f.EncryptedData); got != `{"watermark":{"timestamp":100,"appid":"wx1"}}` {
		t.Errorf("plaintext %q", got)
	}
	rc2, out2, _ := wx(t, "", nil, "encrypt", "-appid", "wx1", "-payload", "{}", "-now", "100")
	var f2 fixture
	json.Unmarshal([]byte(out2), &f2)
	if rc2 != 0 || f2.SessionKey == f.SessionKey || f2.IV == f.IV {
		t.Errorf("random key and iv repeat: %s / %s", f.SessionKey, f2.SessionKey)
	}

	for _, tt := range []struct{ payload, want string }{
		{`{"a":1,"watermark":{}}`, `member "watermark"`},
		{`{"a":1,"Watermark":{}}`, `member "Watermark"`},
		{`{"a":1,"a":2}`, `duplicate member "a"`},
		{`[1]`, "not a JSON object"},
		{`{"a":1} x`, "after the JSON object"},
	} {
		rc, _, errOut := wx(t, "", nil, "encrypt", "-appid", "wx1", "-payload", tt.payload)
		if rc != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("payload %s: rc %d, %q", tt.payload, rc, errOut)
		}
	}
	// A fixture the library would refuse as the type asked for is not printed.
	rc, out, errOut = wx(t, "", nil, "encrypt", "-appid", "wx1", "-payload", `{"countryCode":86}`, "-type", "phone")
	if rc != 1 || out != "" || !strings.Contains(errOut, "class: payload") {
		t.Errorf("phone with a numeric countryCode: rc %d, %q, %q", rc, out, errOut)
	}
}

// cbcDecrypt decrypts with crypto/aes and crypto/cipher, independently of
// package aescbc.
func cbcDecrypt(t *testing.T, key, iv, data string) string {
	t.Helper()
	k, _ := base64.StdEncoding.DecodeString(key)
	v, _ := base64.StdEncoding.DecodeString(iv)
	ct, err := base64.StdEncoding.DecodeString(data)
	if err != nil || len(ct)%16 != 0 || len(ct) == 0 {
		t.Fatalf("encryptedData %q", data)
	}
	block, err := aes.NewCipher(k)
	if err != nil || len(k) != 16 {
		t.Fatalf("key %q", key)
	}
	pt := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, v).CryptBlocks(pt, ct)
	p := int(pt[len(pt)-1])
	if p < 1 || p > 16 {
		t.Fatalf("padding %d", p)
	}
	for _, b := range pt[len(pt)-p:] {
		if int(b) != p {
			t.Fatalf("padding bytes % x", pt[len(pt)-p:])
		}
	}
	return string(pt[:len(pt)-p])
}
