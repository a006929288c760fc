package sessionsig_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/wxcrypto/wxcrypto/sessionsig"
)

func TestPayEventMatchesStdlib(t *testing.T) {
	event, payload := "xpay_goods_deliver_notify", `{"OutTradeNo":"x","Env":0}`
	m := hmac.New(sha256.New, []byte("12345"))
	m.Write([]byte(event + "&" + payload))
	want := hex.EncodeToString(m.Sum(nil))
	got, err := sessionsig.SignPayEvent("12345", event, payload)
	if err != nil || got != want {
		t.Fatalf("SignPayEvent = %q, %v; want %q", got, err, want)
	}
	if err := sessionsig.VerifyPayEvent("12345", event, payload, want); err != nil {
		t.Fatal(err)
	}
	if err := sessionsig.VerifyPayEvent("12345", event, payload+" ", want); err == nil {
		t.Fatal("changed payload verified")
	}
	if _, err := sessionsig.SignPayEvent("12345", "", payload); err == nil {
		t.Fatal("empty event accepted")
	}
}
