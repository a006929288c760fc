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

// FuzzSessionSig checks the login-state signature: Sign and AppendSign
// compute hex(HMAC-SHA256(key = the session key text, msg = body)) as
// crypto/hmac does; Verify accepts that value in any letter case, and
// judges any other text as the reference does (malformed unless 64 hex
// digits, otherwise a mismatch unless equal); a flipped bit in the
// signature or the body is a mismatch. CheckSessionParams signs the empty
// body.
func FuzzSessionSig(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("sessionKey"), []byte(c.Str("body")), c.Str("signature"), uint16(c.TcID))
	}, "sessionsig")
	s.add("", []byte{}, "", uint16(0))
	s.add("k", []byte("b"), strings.Repeat("0", 64), uint16(0xffff))
	s.add("k", []byte("b"), strings.Repeat("g", 64), uint16(1))
	s.add(strings.Repeat("k", 65), []byte{0}, " "+strings.Repeat("0", 63), uint16(2))
	s.add("k", []byte{0xff, 0x00}, "ZZ", uint16(3))
	s.done()
	f.Fuzz(func(t *testing.T, key string, body []byte, sig string, flip uint16) {
		key, body = capped(key, maxLen), capped(body, maxLen)
		want := refMACCheck(t, key, body, "", func(body []byte) (string, error) { return sessionsig.Sign(key, body) },
			func(b []byte, body []byte) ([]byte, error) { return sessionsig.AppendSign(b, key, body) })
		verify := func(body []byte, sig string) error { return sessionsig.Verify(key, body, sig) }
		checkVerify(t, verify, body, sig, want, flip, key == "" || len(body) > sessionsig.MaxBodySize)

		params, err := sessionsig.CheckSessionParams("openid", key)
		if key == "" {
			if !errors.Is(err, sessionsig.ErrEmptyKey) {
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
// doc: a bare path of printable ASCII, starting with one '/', without '?'
// or '#', at most MaxURILength bytes.
func FuzzPaySig(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("appKey"), c.Str("uri"), []byte(c.Str("body")), c.Str("signature"), uint16(c.TcID))
	}, "paysig")
	for _, uri := range []string{"", "/", "//x", "/a?b", "/a#b", "/a b", "/a\x7f", "/\xe4\xb8\xad", "x/", strings.Repeat("/", 1025), "/" + strings.Repeat("a", 1023)} {
		s.add("k", uri, []byte("{}"), "", uint16(0))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appKey, uri string, body []byte, sig string, flip uint16) {
		appKey, uri, body = capped(appKey, maxLen), capped(uri, maxLen), capped(body, maxLen)
		valid := refValidURI(uri)
		got, err := sessionsig.SignPay(appKey, uri, body)
		switch {
		case appKey == "":
			if !errors.Is(err, sessionsig.ErrEmptyKey) {
				t.Fatalf("SignPay with an empty key: %q, %v", got, err)
			}
		case len(body) > sessionsig.MaxBodySize:
			if !errors.Is(err, sessionsig.ErrBodyTooLarge) {
				t.Fatalf("SignPay with a large body: %q, %v", got, err)
			}
		case !valid:
			if !errors.Is(err, sessionsig.ErrInvalidURI) || got != "" {
				t.Fatalf("SignPay with uri %q: %q, %v", uri, got, err)
			}
			if err := sessionsig.VerifyPay(appKey, uri, body, sig); !errors.Is(err, sessionsig.ErrInvalidURI) {
				t.Fatalf("VerifyPay with uri %q: %v", uri, err)
			}
			return
		}
		want := refMACCheck(t, appKey, body, uri+"&",
			func(body []byte) (string, error) { return sessionsig.SignPay(appKey, uri, body) },
			func(b []byte, body []byte) ([]byte, error) { return sessionsig.AppendSignPay(b, appKey, uri, body) })
		verify := func(body []byte, sig string) error { return sessionsig.VerifyPay(appKey, uri, body, sig) }
		checkVerify(t, verify, body, sig, want, flip, appKey == "" || len(body) > sessionsig.MaxBodySize)
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
		unusable := key == "" || len(rawData) > sessionsig.MaxBodySize
		got, err := sessionsig.SignRawData(key, rawData)
		appended, err2 := sessionsig.AppendSignRawData([]byte("x"), key, rawData)
		switch {
		case key == "":
			if !errors.Is(err, sessionsig.ErrEmptyKey) || !errors.Is(err2, sessionsig.ErrEmptyKey) || string(appended) != "x" {
				t.Fatalf("SignRawData with an empty key: %q, %v", got, err)
			}
		case unusable:
			if !errors.Is(err, sessionsig.ErrBodyTooLarge) || !errors.Is(err2, sessionsig.ErrBodyTooLarge) {
				t.Fatalf("SignRawData with large rawData: %q, %v", got, err)
			}
		default:
			if err != nil || got != want || err2 != nil || string(appended) != "x"+want {
				t.Fatalf("SignRawData = %q, %v (append %q, %v); reference %s", got, err, appended, err2, want)
			}
		}
		verify := func(body []byte, sig string) error { return sessionsig.VerifyRawData(key, string(body), sig) }
		checkVerify(t, verify, []byte(rawData), sig, want, flip, unusable)
	})
}

// refMACCheck compares sign and appendSign with crypto/hmac over
// head + body and returns the reference signature.
func refMACCheck(t *testing.T, key string, body []byte, head string,
	sign func(body []byte) (string, error), appendSign func(b, body []byte) ([]byte, error)) string {
	t.Helper()
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(head))
	m.Write(body)
	want := hex.EncodeToString(m.Sum(nil))
	got, err := sign(body)
	appended, err2 := appendSign([]byte("x"), body)
	switch {
	case key == "":
		if !errors.Is(err, sessionsig.ErrEmptyKey) || !errors.Is(err2, sessionsig.ErrEmptyKey) || string(appended) != "x" {
			t.Fatalf("sign with an empty key: %q, %v", got, err)
		}
	case len(body) > sessionsig.MaxBodySize:
		if !errors.Is(err, sessionsig.ErrBodyTooLarge) || !errors.Is(err2, sessionsig.ErrBodyTooLarge) {
			t.Fatalf("sign with a large body: %q, %v", got, err)
		}
	default:
		if err != nil || got != want || err2 != nil || string(appended) != "x"+want {
			t.Fatalf("sign = %q, %v (append %q, %v); reference %s", got, err, appended, err2, want)
		}
	}
	return want
}

// checkVerify checks a verification function against the reference
// signature want (lower-case hex): the signature itself verifies in any
// case mix; an arbitrary text gives what the reference says; a flipped bit
// in the signature or the body is a mismatch. unusable means that the key
// or body is refused before any signature is looked at.
func checkVerify(t *testing.T, verify func(body []byte, sig string) error, body []byte, sig, want string, flip uint16, unusable bool) {
	t.Helper()
	err := verify(body, sig)
	if unusable {
		if err == nil || errors.Is(err, sessionsig.ErrSignatureMismatch) || errors.Is(err, sessionsig.ErrMalformedSignature) {
			t.Fatalf("verify with an unusable key or body: %v", err)
		}
		return
	}
	raw, hexErr := hex.DecodeString(sig)
	switch {
	case len(sig) != len(want) || hexErr != nil:
		if !errors.Is(err, sessionsig.ErrMalformedSignature) {
			t.Fatalf("verify(%q) = %v; want malformed", sig, err)
		}
	case hex.EncodeToString(raw) == want:
		if err != nil {
			t.Fatalf("verify(%q) = %v; want nil", sig, err)
		}
	default:
		if !errors.Is(err, sessionsig.ErrSignatureMismatch) {
			t.Fatalf("verify(%q) = %v; want mismatch", sig, err)
		}
	}

	for _, s := range []string{want, strings.ToUpper(want), mixCase(want, flip)} {
		if err := verify(body, s); err != nil {
			t.Fatalf("verify(%q), the reference signature: %v", s, err)
		}
	}
	mac, _ := hex.DecodeString(want)
	if err := verify(body, hex.EncodeToString(flipBit(mac, flip))); !errors.Is(err, sessionsig.ErrSignatureMismatch) {
		t.Fatalf("verify with a flipped bit: %v", err)
	}
	for _, s := range []string{want[1:], want + "0", " " + want[1:], "0x" + want[2:], want[:len(want)-1] + "g"} {
		if err := verify(body, s); !errors.Is(err, sessionsig.ErrMalformedSignature) {
			t.Fatalf("verify(%q) = %v; want malformed", s, err)
		}
	}
	if len(body) > 0 {
		if err := verify(flipBit(body, flip), want); !errors.Is(err, sessionsig.ErrSignatureMismatch) {
			t.Fatalf("verify with a flipped body bit: %v", err)
		}
	}
}
