package fuzz

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// FuzzSessionSig checks the login-state signature: Sign computes
// hex(HMAC-SHA256(key = the session key text, msg = body)) as crypto/hmac
// does, for session keys of 24 characters of strict base64 of 16 bytes;
// Verify accepts exactly that lower-case value and refuses any other text;
// a flipped bit in the signature or the body is refused. CheckSessionParams
// signs the empty body.
func FuzzSessionSig(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("sessionKey"), []byte(c.Str("body")), c.Str("signature"), uint16(c.TcID))
	}, "sessionsig")
	s.add("", []byte{}, "", uint16(0))
	s.add("k", []byte("b"), strings.Repeat("0", 64), uint16(0xffff))
	s.add("k", []byte("b"), strings.Repeat("g", 64), uint16(1))
	s.add(strings.Repeat("k", 65), []byte{0}, " "+strings.Repeat("0", 63), uint16(2))
	s.done()
	f.Fuzz(func(t *testing.T, key string, body []byte, sig string, flip uint16) {
		key, body = capped(key, maxLen), capped(body, maxLen)
		keyOK := refSessionKey(key)
		want := refMACCheck(t, key, body, "", keyOK, sessionsig.ErrSessionKey, func(body []byte) (string, error) { return sessionsig.Sign(key, body) })
		verify := func(body []byte, sig string) error { return sessionsig.Verify(key, body, sig) }
		checkVerify(t, verify, body, sig, want, flip, !keyOK || len(body) > maxBody)

		params, err := sessionsig.CheckSessionParams("openid", key)
		if !keyOK {
			if !errors.Is(err, sessionsig.ErrSessionKey) {
				t.Fatalf("CheckSessionParams with an empty key: %v", err)
			}
			return
		}
		m := hmac.New(sha256.New, []byte(key))
		if err != nil || params.Get("signature") != hex.EncodeToString(m.Sum(nil)) ||
			params.Get("openid") != "openid" || params.Get("sig_method") != "hmac_sha256" {
			t.Fatalf("CheckSessionParams = %v, %v", params, err)
		}
	})
}

// FuzzPaySig checks the xpay pay_sig hex(HMAC-SHA256(key = appKey,
// msg = uri + "&" + body)) the same way, with the uri rule of the package
// doc: a client method name, or a request path of printable ASCII starting
// with one '/', without '?' or '#', at most 1024 bytes, that is not a
// method name behind a slash.
func FuzzPaySig(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("appKey"), c.Str("uri"), []byte(c.Str("body")), c.Str("signature"), uint16(c.TcID))
	}, "paysig")
	for _, uri := range []string{"requestVirtualPayment", "/requestVirtualPayment", "requestcommonpayment", "xpay/x", "", "/", "//x", "/a?b", "/a#b", "/a b", "/a\x7f", "/\xe4\xb8\xad", "x/", strings.Repeat("/", 1025), "/" + strings.Repeat("a", 1023)} {
		s.add("k", uri, []byte("{}"), "", uint16(0))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appKey, uri string, body []byte, sig string, flip uint16) {
		appKey, uri, body = capped(appKey, maxLen), capped(uri, maxLen), capped(body, maxLen)
		valid := refValidURI(uri)
		if !valid {
			got, err := sessionsig.SignPay(appKey, uri, body)
			if !errors.Is(err, sessionsig.ErrInput) || got != "" {
				t.Fatalf("SignPay with uri %q: %q, %v", uri, got, err)
			}
			if err := sessionsig.VerifyPay(appKey, uri, body, sig); !errors.Is(err, sessionsig.ErrInput) {
				t.Fatalf("VerifyPay with uri %q: %v", uri, err)
			}
			return
		}
		want := refMACCheck(t, appKey, body, uri+"&", appKey != "", sessionsig.ErrInput,
			func(body []byte) (string, error) { return sessionsig.SignPay(appKey, uri, body) })
		verify := func(body []byte, sig string) error { return sessionsig.VerifyPay(appKey, uri, body, sig) }
		checkVerify(t, verify, body, sig, want, flip, appKey == "" || len(body) > maxBody)
	})
}

// FuzzRawSig checks the rawData signature hex(SHA-1(rawData + session key
// text)) the same way.
func FuzzRawSig(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("sessionKey"), c.Str("rawData"), c.Str("signature"), uint16(c.TcID))
	}, "opendata.rawsig")
	s.add("", "", "", uint16(0))
	s.add("k", "{}", strings.Repeat("A", 40), uint16(7))
	s.add("k", "{}", strings.Repeat("a", 64), uint16(7))
	s.done()
	f.Fuzz(func(t *testing.T, key, rawData, sig string, flip uint16) {
		key, rawData = capped(key, maxLen), capped(rawData, maxLen)
		sum := sha1.Sum([]byte(rawData + key))
		want := hex.EncodeToString(sum[:])
		unusable := !refSessionKey(key) || len(rawData) > maxBody
		verify := func(body []byte, sig string) error { return sessionsig.VerifyRawData(key, string(body), sig) }
		checkVerify(t, verify, []byte(rawData), sig, want, flip, unusable)
	})
}

// refMACCheck compares sign with crypto/hmac over head + body and returns
// the reference signature. keyOK says whether the key is usable; if not,
// sign must fail with keyErr.
func refMACCheck(t *testing.T, key string, body []byte, head string, keyOK bool, keyErr error,
	sign func(body []byte) (string, error)) string {
	t.Helper()
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(head))
	m.Write(body)
	want := hex.EncodeToString(m.Sum(nil))
	got, err := sign(body)
	switch {
	case !keyOK:
		if !errors.Is(err, keyErr) || got != "" {
			t.Fatalf("sign with an unusable key: %q, %v", got, err)
		}
	case len(body) > maxBody:
		if !errors.Is(err, sessionsig.ErrInput) {
			t.Fatalf("sign with a large body: %q, %v", got, err)
		}
	default:
		if err != nil || got != want {
			t.Fatalf("sign = %q, %v; reference %s", got, err, want)
		}
	}
	return want
}

// maxBody is the largest body or rawData sessionsig hashes.
const maxBody = 1 << 20

// checkVerify checks a verification function against the reference
// signature want (lower-case hex): the signature itself verifies, and no
// other text does (upper case included); a flipped bit in the signature or
// the body is refused. unusable means that the key or body is refused
// before any signature is looked at.
func checkVerify(t *testing.T, verify func(body []byte, sig string) error, body []byte, sig, want string, flip uint16, unusable bool) {
	t.Helper()
	err := verify(body, sig)
	if unusable {
		if err == nil || errors.Is(err, sessionsig.ErrSignature) {
			t.Fatalf("verify with an unusable key or body: %v", err)
		}
		return
	}
	if (err == nil) != (sig == want) || (err != nil && !errors.Is(err, sessionsig.ErrSignature)) {
		t.Fatalf("verify(%q) = %v; reference %s", sig, err, want)
	}
	if err := verify(body, want); err != nil {
		t.Fatalf("verify(%q), the reference signature: %v", want, err)
	}
	for _, s := range []string{strings.ToUpper(want), mixCase(want, flip)} {
		if err := verify(body, s); (err == nil) != (s == want) {
			t.Fatalf("verify(%q) = %v; only lower case verifies", s, err)
		}
	}
	mac, _ := hex.DecodeString(want)
	for _, s := range []string{hex.EncodeToString(flipBit(mac, flip)), want[1:], want + "0", " " + want[1:], "0x" + want[2:], want[:len(want)-1] + "g"} {
		if err := verify(body, s); !errors.Is(err, sessionsig.ErrSignature) {
			t.Fatalf("verify(%q) = %v; want ErrSignature", s, err)
		}
	}
	if len(body) > 0 {
		if err := verify(flipBit(body, flip), want); !errors.Is(err, sessionsig.ErrSignature) {
			t.Fatalf("verify with a flipped body bit: %v", err)
		}
	}
}
