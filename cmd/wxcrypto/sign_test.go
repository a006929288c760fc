package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The documented values of spec/algorithms.md sections 3 to 5.
const (
	docSessionKey = "o0q0otL8aEzpcZL/FT9WsQ=="
	docSessionSig = "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b"
	xpayBody      = `{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`
	xpayPaySig    = "c37809f27c6d7fd1837ad2500a04512b66b34fd793a39a385fade56dca89a4b5"
	xpayUserSig   = "089d9e8dc5d308977360c4b79ec600a93d736802802a807d634192328032f6c7"
	rawData       = `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	rawSig        = "75e81ceda165f4ffa64f4068af58c64b8f54b88c"
	msgText       = "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA=="
	msgHash       = "657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c"

	// The signData of the wx.requestVirtualPayment page; the signatures
	// below were computed with Node's crypto.createHmac.
	signData     = `{"offerId":"123","buyQuantity":1,"env":0,"currencyType":"CNY","productId":"testproductId","goodsPrice":10,"outTradeNo":"xxxxxx","attach":"testdata"}`
	clientPaySig = "0ce2a9fcab3532e9f78dd3beb841806c0c08a24ec26b04c366584ac06d852bb0"
	payEventSig  = "87f8de82fa23d938c36f4a4ae5d88321734c34b3dae664a94d6d9bc96737307b"
)

func TestSignDocumented(t *testing.T) {
	bodyFile := filepath.Join(t.TempDir(), "body")
	os.WriteFile(bodyFile, []byte(xpayBody), 0o600)
	tests := []struct {
		name  string
		stdin string
		env   map[string]string
		args  []string
		want  string
	}{
		{"session flags", "", nil, []string{"sign", "session", "-session-key", docSessionKey, "-body", `{"foo":"bar"}`}, docSessionSig},
		{"session key from env", "", map[string]string{"WXCRYPTO_SESSION_KEY": docSessionKey}, []string{"sign", "session", "-body", `{"foo":"bar"}`}, docSessionSig},
		{"session key on stdin", docSessionKey + "\n", nil, []string{"sign", "session", "-session-key", "-", "-body", `{"foo":"bar"}`}, docSessionSig},
		{"xpay user signature from file", "", nil, []string{"sign", "session", "-session-key", "9hAb/NEYUlkaMBEsmFgzig==", "-body-file", bodyFile}, xpayUserSig},
		{"pay body on stdin", xpayBody, map[string]string{"WXCRYPTO_APP_KEY": "12345"}, []string{"sign", "pay", "-uri", "/xpay/query_user_balance", "-body-file", "-"}, xpayPaySig},
		{"client method", "", nil, []string{"sign", "pay", "-app-key", "12345", "-uri", "requestVirtualPayment", "-body", signData}, clientPaySig},
		{"kind after the flags", "", nil, []string{"sign", "-app-key", "12345", "pay", "-uri", "requestVirtualPayment", "-body", signData}, clientPaySig},
		{"pay event", "", nil, []string{"sign", "payevent", "-app-key", "12345", "-event", "xpay_goods_deliver_notify", "-payload", `{"Env":0}`}, payEventSig},
		{"rawdata", "", nil, []string{"sign", "rawdata", "-session-key", "HyVFkGl5F5OQWJZZaNzBBg==", "-raw-data", rawData, "-verify", rawSig}, "ok"},
		{"rawdata on stdin", rawData, nil, []string{"sign", "rawdata", "-session-key", "HyVFkGl5F5OQWJZZaNzBBg==", "-raw-data", "-", "-verify", rawSig}, "ok"},
		{"msghash", "", nil, []string{"msghash", "-data", msgText}, msgHash},
		{"msghash stdin", msgText + "\n", nil, []string{"msghash", "-data", "-"}, msgHash},
		{"checkEncryptedData answer", `{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`, nil, []string{"msghash", "-answer", "-"}, "valid: true\ncreated: 2021-08-16T13:51:42Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, tt.stdin, tt.env, tt.args...)
			if rc != 0 || out != tt.want+"\n" {
				t.Fatalf("rc %d, stdout %q, stderr %q; want %q", rc, out, errOut, tt.want)
			}
		})
	}
}

func TestCheckSessionParams(t *testing.T) {
	rc, out, errOut := wx(t, "", nil, "sign", "session", "-session-key", docSessionKey, "-openid", "oGZUI0egBJY1zhBYw2KhdUfwVJJE")
	// The signature of the empty body under the documented key, computed
	// independently with Python's hmac module.
	want := "openid=oGZUI0egBJY1zhBYw2KhdUfwVJJE&sig_method=hmac_sha256&signature=" + emptyBodySig + "\n"
	if rc != 0 || out != want {
		t.Fatalf("rc %d, %q (stderr %q), want %q", rc, out, errOut, want)
	}
}

func TestSignFailures(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		rc    int
		class string
	}{
		{"mismatch", []string{"sign", "session", "-session-key", docSessionKey, "-body", `{"foo":"baz"}`, "-verify", docSessionSig}, 1, "signature"},
		{"upper case", []string{"sign", "session", "-session-key", docSessionKey, "-body", `{"foo":"bar"}`, "-verify", strings.ToUpper(docSessionSig)}, 1, "signature"},
		{"malformed", []string{"sign", "rawdata", "-session-key", "HyVFkGl5F5OQWJZZaNzBBg==", "-raw-data", "x", "-verify", docSessionSig}, 1, "signature"},
		{"bad session key", []string{"sign", "rawdata", "-session-key", "k", "-raw-data", "x", "-verify", rawSig}, 1, "key"},
		{"rawdata without -verify", []string{"sign", "rawdata", "-session-key", "HyVFkGl5F5OQWJZZaNzBBg==", "-raw-data", "x"}, 2, ""},
		{"uri with query", []string{"sign", "pay", "-app-key", "12345", "-uri", "/xpay/q?access_token=x", "-body", "{}"}, 1, "input"},
		{"slashed method", []string{"sign", "pay", "-app-key", "12345", "-uri", "/requestVirtualPayment", "-body", "{}"}, 1, "input"},
		{"no key", []string{"sign", "session", "-body", "{}"}, 2, ""},
		{"no kind", []string{"sign", "-body", "{}"}, 2, ""},
		{"both bodies", []string{"sign", "session", "-session-key", "k", "-body", "{}", "-body-file", "x"}, 2, ""},
		{"platform error answer", []string{"msghash", "-answer", "-"}, 1, "errcode"},
		{"no data", []string{"msghash"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, out, errOut := wx(t, `{"errcode":"87009","errmsg":"invalid signature"}`, nil, tt.args...)
			if rc != tt.rc || out != "" || (tt.class != "" && !strings.Contains(errOut, "class: "+tt.class+"\n")) {
				t.Fatalf("rc %d (want %d), stdout %q, stderr %q, want class %s", rc, tt.rc, out, errOut, tt.class)
			}
			if strings.Contains(errOut, docSessionKey) || strings.Contains(errOut, "12345") {
				t.Errorf("stderr shows a key: %q", errOut)
			}
		})
	}
}

// emptyBodySig is hmac_sha256(key = docSessionKey, msg = ""), computed with
// Python's hmac module.
const emptyBodySig = "46e043c5525c2d817c44be603d30837a808a1d930d038f6fdc3e62a201fed128"
