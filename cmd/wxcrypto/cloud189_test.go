package main

import (
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wxcrypto/wxcrypto/internal/documented"
)

func TestXXTEACommand(t *testing.T) {
	rc, out, errOut := wx(t, "", nil, "xxtea", "decrypt", "-key", documented.Cloud189AppSecret, "-in", documented.Cloud189EncryptedData)
	if rc != 0 || out != documented.Cloud189Plaintext+"\n" {
		t.Fatalf("decrypt: rc %d, %q, %q", rc, out, errOut)
	}
	rc, out, _ = wx(t, documented.Cloud189Plaintext, map[string]string{"WXCRYPTO_XXTEA_KEY": documented.Cloud189AppSecret}, "xxtea", "encrypt", "-in", "-")
	if rc != 0 || out != documented.Cloud189EncryptedData+"\n" {
		t.Fatalf("encrypt: rc %d, %q", rc, out)
	}
	keyHex := hex.EncodeToString([]byte(documented.Cloud189AppSecret))
	rc, out, _ = wx(t, "", nil, "xxtea", "encrypt", "-key-hex", keyHex, "-in", hex.EncodeToString([]byte(documented.Cloud189Plaintext)), "-in-hex", "-lower")
	if rc != 0 || out != strings.ToLower(documented.Cloud189EncryptedData)+"\n" {
		t.Fatalf("encrypt hex: rc %d, %q", rc, out)
	}
	// The trap: the appSecret hex-decoded is the wrong key.
	rc, out, errOut = wx(t, "", nil, "xxtea", "decrypt", "-key-hex", documented.Cloud189AppSecret, "-in", documented.Cloud189EncryptedData)
	if rc != 1 || out != "" || !strings.Contains(errOut, "class: decrypt\n") {
		t.Fatalf("wrong key: rc %d, %q, %q", rc, out, errOut)
	}
	if rc, _, _ := wx(t, "", nil, "xxtea", "-key", "k"); rc != 2 {
		t.Errorf("no mode: rc %d", rc)
	}
}

func TestOpen189Command(t *testing.T) {
	now := strconv.FormatInt(documented.Cloud189TimestampMS+5000, 10)
	rc, out, errOut := wx(t, documented.Cloud189Answer, map[string]string{"WXCRYPTO_189_APP_SECRET": documented.Cloud189AppSecret},
		"open189", "-appid", documented.Cloud189AppID, "-answer", "-", "-now-ms", now)
	if rc != 0 {
		t.Fatalf("rc %d: %s", rc, errOut)
	}
	want := map[string]any{"openId": "ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8", "phoneNumber": "18912345679",
		"appId": documented.Cloud189AppID, "timestamp": float64(documented.Cloud189TimestampMS), "time": "2020-01-03T09:13:20.057Z"}
	if diff := cmp.Diff(want, decoded(t, out)); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		name, stdin, class string
		args               []string
	}{
		{"stale", documented.Cloud189Answer, "expired", []string{"-appid", documented.Cloud189AppID}},
		{"other app", documented.Cloud189Answer, "appid", []string{"-appid", "0e0d8b63", "-no-freshness"}},
		{"platform error", `{"code":1001,"msg":"token invalid"}`, "errcode", []string{"-appid", documented.Cloud189AppID}},
		{"envelope", `{"code":0}`, "malformed", []string{"-appid", documented.Cloud189AppID}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"open189", "-app-secret", documented.Cloud189AppSecret, "-answer", "-"}, tt.args...)
			rc, out, errOut := wx(t, tt.stdin, nil, args...)
			if rc != 1 || out != "" || !strings.Contains(errOut, "class: "+tt.class+"\n") || strings.Contains(errOut, documented.Cloud189AppSecret) {
				t.Fatalf("rc %d, stdout %q, stderr %q; want class %s", rc, out, errOut, tt.class)
			}
		})
	}
}
