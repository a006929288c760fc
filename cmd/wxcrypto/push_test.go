package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The mini-program message-push page's documented values
// (spec/algorithms.md section 9).
const (
	pushToken   = "AAAAA"
	pushAESKey  = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	pushAppID   = "wxba5fad812f8e6fb9"
	pushURL     = "https://example.com/push?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492"
	pushQuery   = "signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3"
	pushBody    = `{"ToUserName":"gh_97417a04a28d","Encrypt":"+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="}`
	pushMessage = `{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}`
	pushReply   = `{"Encrypt":"ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==","MsgSignature":"1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1","TimeStamp":1713424427,"Nonce":"415670741"}`
)

func TestPushDocumented(t *testing.T) {
	bodyFile := filepath.Join(t.TempDir(), "body")
	os.WriteFile(bodyFile, []byte(pushBody), 0o600)
	secretEnv := map[string]string{"WXCRYPTO_PUSH_TOKEN": pushToken, "WXCRYPTO_ENCODING_AES_KEY": pushAESKey, "WXCRYPTO_APPID": pushAppID}
	for _, tt := range []struct {
		name  string
		stdin string
		env   map[string]string
		args  []string
		want  string
	}{
		{"verify with flags", "", nil, []string{"push", "verify", "-token", pushToken, "-aes-key", pushAESKey, "-query", pushURL}, "4375120948345356249"},
		{"decrypt, secrets from env", "", secretEnv, []string{"push", "decrypt", "-format", "json", "-query", pushQuery, "-body", pushBody}, pushMessage},
		{"decrypt, key on stdin, body from file", pushAESKey + "\n", nil, []string{"push", "decrypt", "-format", "json", "-token", pushToken, "-aes-key", "-", "-appid", pushAppID, "-query", pushQuery, "-body-file", bodyFile}, pushMessage},
		{"decrypt, body on stdin", pushBody, secretEnv, []string{"push", "decrypt", "-format", "json", "-query", pushQuery, "-body-file", "-"}, pushMessage},
		{"encrypt the documented reply", "", secretEnv, []string{"push", "encrypt", "-format", "json", "-message", `{"demo_resp":"good luck"}`, "-timestamp", "1713424427", "-nonce", "415670741", "-random-hex", "37303737323262383033313832393530"}, pushReply},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, tt.stdin, tt.env, tt.args...)
			if rc != 0 || out != tt.want+"\n" {
				t.Fatalf("rc %d, stdout %q, stderr %q; want %q", rc, out, errOut, tt.want)
			}
		})
	}
}

func TestPushErrors(t *testing.T) {
	env := map[string]string{"WXCRYPTO_PUSH_TOKEN": pushToken, "WXCRYPTO_ENCODING_AES_KEY": pushAESKey, "WXCRYPTO_APPID": pushAppID}
	for _, tt := range []struct {
		name   string
		env    map[string]string
		args   []string
		rc     int
		stderr string
	}{
		{"wrong appid", env, []string{"push", "decrypt", "-format", "json", "-appid", "wx0000000000000000", "-query", pushQuery, "-body", pushBody}, exitFail, "class: appid\ncode: -40005"},
		{"URL signature as msg_signature", env, []string{"push", "decrypt", "-format", "json", "-query", strings.Replace(pushQuery, "msg_signature=046e", "msg_signature=6c5c", 1), "-body", pushBody}, exitFail, "code: -40001"},
		{"XML expected", env, []string{"push", "decrypt", "-query", pushQuery, "-body", pushBody}, exitFail, "class: body\ncode: -40002"},
		{"44-character key", nil, []string{"push", "verify", "-token", pushToken, "-aes-key", pushAESKey + "=", "-query", pushURL}, exitFail, "code: -40004"},
		{"tampered URL check", env, []string{"push", "verify", "-query", strings.Replace(pushURL, "nonce=1514711492", "nonce=1514711493", 1)}, exitFail, "code: -40001"},
		{"no query", env, []string{"push", "decrypt", "-format", "json", "-body", pushBody}, exitUsage, "missing -query"},
		{"no body", env, []string{"push", "decrypt", "-format", "json", "-query", pushQuery}, exitUsage, "missing -body or -body-file"},
		{"bad random", env, []string{"push", "encrypt", "-nonce", "1", "-random-hex", "00"}, exitUsage, "-random-hex"},
		{"no kind", env, []string{"push"}, exitUsage, "missing the kind"},
		{"kind after a flag", env, []string{"push", "-format", "json", "verify"}, exitUsage, "missing -query (the GET's"},
		{"unknown kind", env, []string{"push", "check"}, exitUsage, `unknown kind "check": want push verify, push decrypt or push encrypt`},
		{"unknown sign kind", env, []string{"sign", "hmac"}, exitUsage, `unknown kind "hmac": want sign session`},
		{"unknown answer kind", env, []string{"answer", "token"}, exitUsage, `unknown kind "token": want answer session or answer phone`},
		{"unknown xxtea mode", env, []string{"xxtea", "sign"}, exitUsage, `unknown mode "sign": want xxtea encrypt or xxtea decrypt`},
		{"no secrets", nil, []string{"push", "decrypt", "-query", pushQuery, "-body", pushBody}, exitUsage, "missing -token (or WXCRYPTO_PUSH_TOKEN); -aes-key"},
		{"unknown format", env, []string{"push", "decrypt", "-format", "yaml", "-query", pushQuery, "-body", pushBody}, exitUsage, "-format"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, "", tt.env, tt.args...)
			if rc != tt.rc || !strings.Contains(errOut, tt.stderr) || out != "" {
				t.Fatalf("rc %d, stdout %q, stderr %q; want rc %d and %q", rc, out, errOut, tt.rc, tt.stderr)
			}
			if strings.Contains(errOut, pushAESKey) || strings.Contains(errOut, "debug_demo") {
				t.Errorf("stderr holds a secret or the message: %q", errOut)
			}
		})
	}
}
