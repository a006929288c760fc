package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wxcrypto/wxcrypto/internal/documented"
)

// wx runs the command with the given arguments, standard input and
// environment, and returns its exit status and output.
func wx(t *testing.T, stdin string, environ map[string]string, args ...string) (rc int, stdout, stderr string) {
	t.Helper()
	var out, errOut strings.Builder
	rc = run(args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return environ[k] })
	return rc, out.String(), errOut.String()
}

func TestDemo(t *testing.T) {
	rc, out, errOut := wx(t, "", nil, "demo")
	if rc != 0 || errOut != "" {
		t.Fatalf("demo: rc %d, stderr %s", rc, errOut)
	}
	for _, want := range []string{
		`"openId": "oGZUI0egBJY1zhBYw2KhdUfwVJJE"`,
		`"phoneNumber": "18017448610"`,
		`"openId": "ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8"`,
		`ok: appId "0e0d8b62" equals the expected appId`,
		`ok: watermark appid "wx4f4bc4dec97d474b" equals the expected appid`,
		"rejected as expected: watermark: timestamp too old: 2016-10-24T13:03:07Z is 24h0m0s old (class expired, code -41003)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

func decoded(t *testing.T, out string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return v
}

func TestDecryptSources(t *testing.T) {
	now := strconv.Itoa(documented.PhoneTimestamp)
	flags := []string{"decrypt", "-type", "phone", "-now", now, "-appid", documented.PhoneAppID}
	body := `{"encryptedData":"` + documented.PhoneEncryptedData + `","iv":"` + documented.PhoneIV + `"}`
	bodyFile := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(bodyFile, []byte(body), 0o600)
	tests := []struct {
		name  string
		stdin string
		env   map[string]string
		args  []string
	}{
		{"flags", "", nil, append(flags, "-session-key", documented.PhoneSessionKey, "-iv", documented.PhoneIV, "-data", documented.PhoneEncryptedData)},
		{"environment", "", map[string]string{"WXCRYPTO_SESSION_KEY": documented.PhoneSessionKey, "WXCRYPTO_IV": documented.PhoneIV, "WXCRYPTO_ENCRYPTED_DATA": documented.PhoneEncryptedData}, flags},
		{"key on stdin", documented.PhoneSessionKey + "\n", nil, append(flags, "-session-key", "-", "-iv", documented.PhoneIV, "-data", documented.PhoneEncryptedData)},
		{"body on stdin, key from env", body, map[string]string{"WXCRYPTO_SESSION_KEY": documented.PhoneSessionKey}, append(flags, "-body", "-")},
		{"body file, key on stdin", documented.PhoneSessionKey, nil, append(flags, "-body", bodyFile, "-session-key", "-")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, tt.stdin, tt.env, tt.args...)
			if rc != 0 {
				t.Fatalf("rc %d: %s", rc, errOut)
			}
			v := decoded(t, out)
			want := map[string]any{
				"type": "phone",
				"verified": []any{
					decryptionCheck,
					`watermark appid "wxdaa2ab9ef87b5497" equals the expected appid`,
					"watermark time 2019-05-25T12:26:00Z is within [now-10m0s, now+1m0s] of 2019-05-25T12:26:00Z",
				},
				"watermark": map[string]any{"appid": documented.PhoneAppID, "timestamp": 1558787160.0, "time": "2019-05-25T12:26:00Z"},
				"data":      map[string]any{"phoneNumber": "18017448610", "purePhoneNumber": "18017448610", "countryCode": "86"},
			}
			if diff := cmp.Diff(want, v); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecryptRaw(t *testing.T) {
	rc, out, errOut := wx(t, "", map[string]string{"WXCRYPTO_APPID": documented.UserInfoAppID}, "decrypt",
		"-session-key", documented.UserInfoSessionKey, "-iv", documented.UserInfoIV, "-data", documented.UserInfoEncryptedData, "-no-freshness")
	if rc != 0 {
		t.Fatalf("rc %d: %s", rc, errOut)
	}
	v := decoded(t, out)
	var want any
	json.Unmarshal([]byte(documented.UserInfoPlaintext), &want)
	if diff := cmp.Diff(want, v["data"]); diff != "" {
		t.Errorf("data (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, "NOT checked") {
		t.Errorf("output does not say freshness was skipped:\n%s", out)
	}
}

func TestDecryptFailures(t *testing.T) {
	base := []string{"decrypt", "-appid", documented.UserInfoAppID, "-iv", documented.UserInfoIV, "-data", documented.UserInfoEncryptedData}
	tests := []struct {
		name        string
		args        []string
		rc          int
		class, code string
	}{
		{"stale", append(base, "-session-key", documented.UserInfoSessionKey), 1, "expired", "-41003"},
		{"refreshed key", append(base, "-session-key", documented.PhoneSessionKey, "-no-freshness"), 1, "decrypt", "-41003"},
		{"url-decoded key", append(base, "-session-key", "lyY4HPQbaOYzZdG JcYK9w=="), 1, "base64", "-41004"},
		{"short key", append(base, "-session-key", "AAAA"), 1, "key", "-41001"},
		{"other app", []string{"decrypt", "-appid", "wxother", "-iv", documented.UserInfoIV, "-data", documented.UserInfoEncryptedData, "-session-key", documented.UserInfoSessionKey}, 1, "appid", "-41003"},
		{"no key", base, 2, "", ""},
		{"unknown type", append(base, "-session-key", documented.UserInfoSessionKey, "-type", "x"), 2, "", ""},
		{"two stdin values", append(base, "-session-key", "-", "-body", "-"), 2, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, "", nil, tt.args...)
			if rc != tt.rc || out != "" {
				t.Fatalf("rc %d (want %d), stdout %q, stderr %q", rc, tt.rc, out, errOut)
			}
			if tt.class != "" && (!strings.Contains(errOut, "class: "+tt.class+"\n") || !strings.Contains(errOut, "code: "+tt.code+"\n")) {
				t.Errorf("stderr %q lacks class %s / code %s", errOut, tt.class, tt.code)
			}
			for _, secret := range []string{documented.UserInfoSessionKey, documented.PhoneSessionKey, "Band"} {
				if strings.Contains(errOut, secret) {
					t.Errorf("stderr shows a secret: %q", errOut)
				}
			}
		})
	}
}

func TestVectorsCommand(t *testing.T) {
	rc, out, _ := wx(t, "", nil, "vectors", "../../testdata")
	last := regexp.MustCompile(`(?m)^(\d+) passed, 0 failed\n\z`).FindStringSubmatch(out)
	if rc != 0 || last == nil {
		t.Fatalf("rc %d, output:\n%s", rc, out)
	}
	if n, _ := strconv.Atoi(last[1]); n < 250 {
		t.Errorf("only %d cases ran", n)
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"schema":"wxcrypto-vectors/v1","operation":"nope","source":"x","tests":[]}`), 0o644)
	rc, out, _ = wx(t, "", nil, "vectors", bad)
	if rc != 1 || !strings.HasSuffix(out, "0 passed, 1 failed\n") || !strings.Contains(out, `unknown operation "nope"`) {
		t.Errorf("unknown operation: rc %d, output %q", rc, out)
	}
	if rc, _, _ := wx(t, "", nil, "vectors"); rc != 2 {
		t.Errorf("no paths: rc %d", rc)
	}
}

func TestHelpAndUsage(t *testing.T) {
	for name := range commands {
		for _, args := range [][]string{{name, "-h"}, {name, "-help"}, {name, "-json", "-h"}} {
			rc, out, errOut := wx(t, "", nil, args...)
			if rc != 0 || strings.Count(out, "Usage: wxcrypto "+name) != 1 || !strings.Contains(out, "-json") || errOut != "" {
				t.Errorf("%v: rc %d, stdout %q, stderr %q; want the help once, on stdout", args, rc, out, errOut)
			}
		}
		rc, out, errOut := wx(t, "", nil, name, "-no-such-flag")
		if rc != 2 || out != "" || strings.Count(errOut, "Usage: wxcrypto "+name) != 1 || !strings.Contains(errOut, "-no-such-flag") {
			t.Errorf("%s -no-such-flag: rc %d, stdout %q, stderr %q", name, rc, out, errOut)
		}
	}
	if rc, out, _ := wx(t, "", nil, "-h"); rc != 0 || !strings.Contains(out, "decrypt") {
		t.Errorf("-h: rc %d, %q", rc, out)
	}
	if rc, _, _ := wx(t, "", nil); rc != 2 {
		t.Errorf("no command: rc %d", rc)
	}
	if rc, _, errOut := wx(t, "", nil, "frobnicate"); rc != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: rc %d, %q", rc, errOut)
	}
	rc, out, errOut := wx(t, "", nil, "frobnicate", "-json")
	if rc != 2 || errOut != "" || decoded(t, out)["class"] != "usage" {
		t.Errorf("unknown command -json: rc %d, stdout %q, stderr %q; want one JSON object of class usage", rc, out, errOut)
	}
}

// TestStrayArgument holds every command but vectors to parse's rule: a
// positional argument after the flags (or the kind) is a usage error.
func TestStrayArgument(t *testing.T) {
	kinds := map[string]string{"sign": "session", "push": "verify", "answer": "session", "xxtea": "decrypt"}
	for name := range commands {
		if name == "vectors" {
			continue
		}
		args := []string{name}
		if k, ok := kinds[name]; ok {
			args = append(args, k)
		}
		args = append(args, "-json", "stray")
		rc, out, _ := wx(t, "", nil, args...)
		if rc != exitUsage || !strings.Contains(out, `unexpected argument \"stray\"`) {
			t.Errorf("%v: rc %d, stdout %q; want a usage error naming the argument", args, rc, out)
		}
	}
}
