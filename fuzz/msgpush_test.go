package fuzz

import (
	"bytes"
	"errors"
	"net/url"
	"testing"

	"github.com/wxcrypto/wxcrypto/msgpush"
)

// FuzzMsgPushDecrypt compares Crypter.Decrypt with the reference below, a
// plain transcription of algorithms.md section 9 over the standard library
// (sort.Strings, sha1, a base64 regexp, cipher.NewCBCDecrypter, a byte
// loop for the padding): the same message or the same class of error, for
// every configuration and input. With mode&1 the Encrypt text is the
// fuzzer's frame bytes encrypted as they are, so that padding, length field
// and appid are reached; unless mode&2 the signature is the right one for
// the inputs, so that everything after it is reached.
func FuzzMsgPushDecrypt(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		for _, mode := range []uint8{0, 2} {
			add(c.Str("encodingAESKey"), c.Str("appid"), c.Str("token"), c.Str("timestamp"), c.Str("nonce"), c.Str("msgSignature"), c.Str("encrypt"), []byte{}, mode)
		}
	}, "msgpush.decrypt")
	s.vectors(func(c *vectorCase, add func(...any)) {
		msg, _ := c.Bytes("message")
		frame := pushFrame([]byte("0123456789abcdef"), uint32(len(msg)), msg, pushFuzzAppID)
		add(pushFuzzKey, pushFuzzAppID, pushFuzzToken, c.Str("timestamp"), c.Str("nonce"), "", "", pushPad(frame, 32-len(frame)%32), uint8(1))
	}, "msgpush.encrypt")
	s.add(pushFuzzKey, pushFuzzAppID, pushFuzzToken, "1", "2", "", "", pushPad(make([]byte, 19), 13), uint8(1))
	s.add(pushFuzzKey, pushFuzzAppID, pushFuzzToken, "1", "2", "", "", bytes.Repeat([]byte{0xff}, 64), uint8(1))
	s.add(pushFuzzKey[:42]+"H", pushFuzzAppID, "\xf0\x9f\x98\x80", "\xef\xbc\xa1", "", "", "", []byte{}, uint8(0))
	s.done()
	f.Fuzz(func(t *testing.T, key, appID, token, timestamp, nonce, sig, encrypt string, frame []byte, mode uint8) {
		key, appID, token = capped(key, 64), capped(appID, 64), capped(token, 64)
		timestamp, nonce, encrypt, frame = capped(timestamp, 64), capped(nonce, 64), capped(encrypt, maxLen), capped(frame, maxLen)
		if mode&1 == 1 {
			encrypt = refPushSeal(key, frame)
		}
		if mode&2 == 0 {
			sig = refPushSign(token, timestamp, nonce, encrypt)
		}
		wantMsg, wantClass := refPushDecrypt(key, appID, token, timestamp, nonce, sig, encrypt)
		c, err := msgpush.New(msgpush.Config{Token: token, EncodingAESKey: key, AppID: appID})
		var got []byte
		if err == nil {
			got, err = c.Decrypt(sig, timestamp, nonce, encrypt)
		}
		if class := pushClass(err); class != wantClass {
			t.Fatalf("error %v (class %s), the reference says %s", err, class, wantClass)
		}
		if !bytes.Equal(got, wantMsg) {
			t.Fatalf("message %q, the reference gives %q", got, wantMsg)
		}
		if err != nil && msgpush.Code(err) == 0 {
			t.Fatalf("error %v has no code", err)
		}
	})
}

// FuzzMsgPushBody checks Crypter.Open's body readers. JSON bodies are
// judged by a reference over encoding/json's tokens: exactly one top-level
// member named Encrypt (none other equal to it ignoring case), a string. For
// XML, whatever the reader accepts must be a document in which
// encoding/xml.Unmarshal finds the same one Encrypt text, and no DOCTYPE
// may ever pass. The signature is computed over the reference's Encrypt, so
// a reader that picked other text fails with ErrSignature.
func FuzzMsgPushBody(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add([]byte(c.Str("body")), c.Str("format") == "json")
	}, "msgpush.body")
	s.add([]byte(`<xml><Encrypt>a</Encrypt><x:Encrypt xmlns:x="u">b</x:Encrypt></xml>`), false)
	s.add([]byte(`{"Encrypt":"a","encrypt":"b"}`), true)
	s.add([]byte("<xml><Encrypt>a]]&gt;</Encrypt></xml>"), false)
	s.done()
	f.Fuzz(func(t *testing.T, body []byte, isJSON bool) {
		body = capped(body, maxLen)
		c, err := msgpush.New(msgpush.Config{Token: pushFuzzToken, EncodingAESKey: pushFuzzKey, AppID: pushFuzzAppID, JSON: isJSON})
		if err != nil {
			t.Fatal(err)
		}
		var enc string
		var refOK bool
		if isJSON {
			enc, refOK = refPushJSON(body)
		} else {
			enc, refOK = refPushXML(body)
		}
		q := url.Values{"msg_signature": {refPushSign(pushFuzzToken, "1", "2", enc)}, "timestamp": {"1"}, "nonce": {"2"}}
		_, err = c.Open(q, body)
		accepted := !errors.Is(err, msgpush.ErrBody)
		switch {
		case isJSON && accepted != refOK:
			t.Fatalf("JSON body: Open says %v, the reference accepted=%v", err, refOK)
		case !isJSON && accepted && bytes.Contains(body, []byte("<!DOCTYPE")):
			t.Fatalf("XML body with a DOCTYPE accepted: %v", err)
		case !isJSON && accepted && !refOK:
			t.Fatalf("XML body accepted (%v), but encoding/xml does not find one Encrypt in it", err)
		case accepted && errors.Is(err, msgpush.ErrSignature):
			t.Fatalf("body accepted, but Open signed other text than the reference's %q", enc)
		}
	})
}
