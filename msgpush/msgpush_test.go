package msgpush

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustNew(t testing.TB, cfg Config) *Crypter {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

var (
	mpConfig      = Config{Token: mpToken, EncodingAESKey: mpKey, AppID: mpAppID}
	classicConfig = Config{Token: classicToken, EncodingAESKey: classicKey, AppID: classicAppID}
	tpConfig      = Config{Token: mpToken, EncodingAESKey: mpKey, AppID: tpAppID}
)

func TestDocumentedPushes(t *testing.T) {
	for _, tt := range []struct {
		name                string
		cfg                 Config
		sig, ts, nonce, enc string
		want                string
	}{
		{"classic sample", classicConfig, classicSignature, classicTimestamp, classicNonce, classicEncrypt, classicMessage},
		{"mini-program JSON push", mpConfig, mpPushSignature, mpPushTimestamp, mpPushNonce, mpPushEncrypt, mpPushMessage},
		{"third-party platform push", tpConfig, tpSignature, tpTimestamp, tpNonce, tpEncrypt, tpMessage},
		{"mini-program reply", mpConfig, mpReplySignature, "1713424427", mpReplyNonce, mpReplyEncrypt, mpReplyMessage},
		{"third-party reply", tpConfig, tpReplySignature, "1713424427", tpReplyNonce, tpReplyEncrypt, tpReplyMessage},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustNew(t, tt.cfg).Decrypt(tt.sig, tt.ts, tt.nonce, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if cap(got) != len(got) {
				t.Errorf("the message's capacity reaches past it, into the frame")
			}
		})
	}
}

func TestDocumentedBodies(t *testing.T) {
	xmlBody := "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[" + classicEncrypt + "]]></Encrypt></xml>"
	q := url.Values{"msg_signature": {classicSignature}, "timestamp": {classicTimestamp}, "nonce": {classicNonce}, "signature": {"ignored"}}
	got, err := mustNew(t, classicConfig).Open(q, []byte(xmlBody))
	if err != nil || string(got) != classicMessage {
		t.Errorf("classic XML body: %q, %v", got, err)
	}
	jsonBody := `{"ToUserName":"gh_97417a04a28d","Encrypt":"` + mpPushEncrypt + `"}`
	q = url.Values{"msg_signature": {mpPushSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}, "signature": {mpPushURLSignature}}
	cfg := mpConfig
	cfg.JSON = true
	got, err = mustNew(t, cfg).Open(q, []byte(jsonBody))
	if err != nil || string(got) != mpPushMessage {
		t.Errorf("JSON body: %q, %v", got, err)
	}
	// The XML Crypter refuses the JSON body and the other way round.
	if _, err := mustNew(t, mpConfig).Open(q, []byte(jsonBody)); !errors.Is(err, ErrBody) {
		t.Errorf("JSON body to the XML Crypter: %v", err)
	}
}

func TestDocumentedURLSignatures(t *testing.T) {
	c := mustNew(t, mpConfig)
	for _, tt := range []struct{ ts, nonce, sig string }{
		{mpURLTimestamp, mpURLNonce, mpURLSignature},
		{mpPlainTimestamp, mpPlainNonce, mpPlainSignature},
		{mpPushTimestamp, mpPushNonce, mpPushURLSignature},
	} {
		q := url.Values{"signature": {tt.sig}, "timestamp": {tt.ts}, "nonce": {tt.nonce}, "echostr": {mpURLEchostr}}
		echo, err := c.VerifyURL(q)
		if err != nil || echo != mpURLEchostr {
			t.Errorf("%s: %q, %v", tt.sig, echo, err)
		}
	}
	// echostr is not hashed, and a missing or repeated parameter is refused.
	for name, q := range map[string]url.Values{
		"wrong echostr is still fine": {"signature": {mpURLSignature}, "timestamp": {mpURLTimestamp}, "nonce": {mpURLNonce}, "echostr": {"other"}},
		"upper-case signature":        {"signature": {strings.ToUpper(mpURLSignature)}, "timestamp": {mpURLTimestamp}, "nonce": {mpURLNonce}, "echostr": {"x"}},
		"no echostr":                  {"signature": {mpURLSignature}, "timestamp": {mpURLTimestamp}, "nonce": {mpURLNonce}},
		"two nonces":                  {"signature": {mpURLSignature}, "timestamp": {mpURLTimestamp}, "nonce": {mpURLNonce, mpURLNonce}, "echostr": {"x"}},
		"msg_signature only":          {"msg_signature": {mpURLSignature}, "timestamp": {mpURLTimestamp}, "nonce": {mpURLNonce}, "echostr": {"x"}},
	} {
		_, err := c.VerifyURL(q)
		if wantOK := name == "wrong echostr is still fine"; (err == nil) != wantOK || (err != nil && !errors.Is(err, ErrSignature)) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDocumentedReplies(t *testing.T) {
	for _, tt := range []struct {
		name, random, msg, nonce, enc, sig string
		cfg                                Config
		ts                                 int64
	}{
		{"mini-program", mpReplyRandom, mpReplyMessage, mpReplyNonce, mpReplyEncrypt, mpReplySignature, mpConfig, mpReplyTimestamp},
		{"third-party", tpReplyRandom, tpReplyMessage, tpReplyNonce, tpReplyEncrypt, tpReplySignature, tpConfig, tpReplyTimestamp},
	} {
		for _, isJSON := range []bool{true, false} {
			cfg := tt.cfg
			cfg.JSON, cfg.Rand = isJSON, strings.NewReader(tt.random)
			reply, err := mustNew(t, cfg).Seal([]byte(tt.msg), tt.ts, tt.nonce)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			if isJSON {
				want = `{"Encrypt":"` + tt.enc + `","MsgSignature":"` + tt.sig + `","TimeStamp":1713424427,"Nonce":"` + tt.nonce + `"}`
			} else {
				want = "<xml><Encrypt><![CDATA[" + tt.enc + "]]></Encrypt><MsgSignature><![CDATA[" + tt.sig + "]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[" + tt.nonce + "]]></Nonce></xml>"
			}
			if diff := cmp.Diff(want, string(reply)); diff != "" {
				t.Errorf("%s (json %v) (-want +got):\n%s", tt.name, isJSON, diff)
			}
		}
	}
}

func TestKeyUnusedBits(t *testing.T) {
	// 'G' = 000110: its two low bits are the unused ones; E, F and H differ
	// only there and must give the same key.
	for _, last := range "EFGH" {
		cfg := classicConfig
		cfg.EncodingAESKey = classicKey[:42] + string(last)
		if _, err := mustNew(t, cfg).Decrypt(classicSignature, classicTimestamp, classicNonce, classicEncrypt); err != nil {
			t.Errorf("key ending in %c: %v", last, err)
		}
	}
	cfg := classicConfig
	cfg.EncodingAESKey = classicKey[:42] + "I" // a used bit changed
	if _, err := mustNew(t, cfg).Decrypt(classicSignature, classicTimestamp, classicNonce, classicEncrypt); err == nil {
		t.Error("key ending in I decrypted the classic sample")
	}
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"42 characters":  {Token: "t", AppID: "a", EncodingAESKey: mpKey[:42]},
		"44 characters":  {Token: "t", AppID: "a", EncodingAESKey: mpKey + "="},
		"44 alphabet":    {Token: "t", AppID: "a", EncodingAESKey: mpKey + "A"},
		"URL-safe -":     {Token: "t", AppID: "a", EncodingAESKey: "-" + mpKey[1:]},
		"URL-safe _":     {Token: "t", AppID: "a", EncodingAESKey: "_" + mpKey[1:]},
		"space":          {Token: "t", AppID: "a", EncodingAESKey: mpKey[:42] + " "},
		"newline":        {Token: "t", AppID: "a", EncodingAESKey: mpKey[:21] + "\n" + mpKey[:21]},
		"= inside":       {Token: "t", AppID: "a", EncodingAESKey: mpKey[:42] + "="},
		"non-ASCII":      {Token: "t", AppID: "a", EncodingAESKey: mpKey[:40] + "é"},
		"empty token":    {AppID: "a", EncodingAESKey: mpKey},
		"empty appid":    {Token: "t", EncodingAESKey: mpKey},
		"everything nil": {},
	} {
		c, err := New(cfg)
		if !errors.Is(err, ErrKey) || c != nil || Code(err) != -40004 {
			t.Errorf("%s: %v, %v", name, c, err)
		}
	}
	var nilC *Crypter
	if _, err := nilC.Decrypt("", "", "", ""); !errors.Is(err, ErrKey) {
		t.Errorf("nil Crypter: %v", err)
	}
	if _, err := nilC.Open(nil, nil); !errors.Is(err, ErrKey) {
		t.Errorf("nil Crypter: %v", err)
	}
	if _, err := nilC.VerifyURL(nil); !errors.Is(err, ErrKey) {
		t.Errorf("nil Crypter: %v", err)
	}
	if _, err := nilC.Seal(nil, 0, "1"); !errors.Is(err, ErrKey) {
		t.Errorf("nil Crypter: %v", err)
	}
}

// genKey is a generated EncodingAESKey whose IV is not zero.
const genKey = "kWyTq0mY3v6pZJ4hGt8nB1sXcR7eLfA2oD9uKiP5wQj"

// sealRaw encrypts a raw plaintext (its padding already applied or
// deliberately wrong) and signs it for c, as a fault case needs.
func sealRaw(t *testing.T, c *Crypter, raw []byte) (sig, enc string) {
	t.Helper()
	key, _ := base64.StdEncoding.DecodeString(genKey + "=")
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(raw))
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(out, raw)
	enc = base64.StdEncoding.EncodeToString(out)
	return signFor(c, enc), enc
}

func signFor(c *Crypter, enc string) string {
	sum := c.sign(make([]byte, len(c.token)+len("1700000000")+len("42")+len(enc)), "1700000000", "42", enc)
	return hex.EncodeToString(sum[:])
}

func frame(random []byte, n uint32, msg, appid string) []byte {
	f := append(append([]byte{}, random...), 0, 0, 0, 0)
	binary.BigEndian.PutUint32(f[16:], n)
	return append(append(f, msg...), appid...)
}

func pad(b []byte, p int) []byte {
	return append(b, bytes.Repeat([]byte{byte(p)}, p)...)
}

func pad32(b []byte) []byte { return pad(b, 32-len(b)%32) }

// TestFaults: every fault of the strict rules is its own class, never a
// panic, and the error text says nothing of the message or the secrets.
func TestFaults(t *testing.T) {
	const appID = "wx0123456789abcdef"
	c := mustNew(t, Config{Token: "pushToken", EncodingAESKey: genKey, AppID: appID})
	random := []byte("0123456789abcdef")
	const secretMsg = "the secret message"
	good := pad32(frame(random, uint32(len(secretMsg)), secretMsg, appID))
	goodSig, goodEnc := sealRaw(t, c, good)
	if msg, err := c.Decrypt(goodSig, "1700000000", "42", goodEnc); err != nil || string(msg) != secretMsg {
		t.Fatalf("good case: %q %v", msg, err)
	}
	signed := func(enc string) [2]string { return [2]string{signFor(c, enc), enc} }
	raw := func(b []byte) [2]string { s, e := sealRaw(t, c, b); return [2]string{s, e} }
	unequal := pad(frame(random, 2, "hi", appID), 24) // 40 + 24 = 64
	unequal[50] = 23
	tooShort := pad(make([]byte, 19), 13)

	for _, tt := range []struct {
		name string
		in   [2]string // msg_signature, Encrypt
		want error
		code int
	}{
		{"changed signature digit", [2]string{"0" + goodSig[1:], goodEnc}, ErrSignature, -40001},
		{"upper-case signature", [2]string{strings.ToUpper(goodSig), goodEnc}, ErrSignature, -40001},
		{"3-item signature", [2]string{"", goodEnc}, ErrSignature, -40001},
		{"unsorted signature", [2]string{strings.Repeat("a", 40), goodEnc}, ErrSignature, -40001},
		{"spaces", signed(strings.Replace(goodEnc, goodEnc[10:11], " ", 1)), ErrBase64, -40010},
		{"missing =", signed(strings.TrimRight(goodEnc, "=")), ErrBase64, -40010},
		{"URL-safe", signed(strings.NewReplacer("+", "-", "/", "_").Replace(goodEnc) + "-"), ErrBase64, -40010},
		{"newline", signed(goodEnc[:8] + "\n" + goodEnc[8:]), ErrBase64, -40010},
		{"CRLF", signed(goodEnc[:8] + "\r\n" + goodEnc[8:]), ErrBase64, -40010},
		{"whitespace around", signed(" " + goodEnc + "\n"), ErrBase64, -40010},
		{"empty", signed(""), ErrDecrypt, -40007},
		{"16 bytes", signed(base64.StdEncoding.EncodeToString(make([]byte, 16))), ErrDecrypt, -40007},
		{"48 bytes", signed(base64.StdEncoding.EncodeToString(make([]byte, 48))), ErrDecrypt, -40007},
		{"pad 0", raw(append(frame(random, 0, "", appID)[:38], make([]byte, 26)...)), ErrDecrypt, -40007},
		{"pad 33", raw(append(bytes.Repeat([]byte{1}, 31), 33)), ErrDecrypt, -40007},
		{"pad 255", raw(append(bytes.Repeat([]byte{1}, 63), 255)), ErrDecrypt, -40007},
		{"unequal pad", raw(unequal), ErrDecrypt, -40007},
		{"frame of 19 bytes", raw(tooShort), ErrBuffer, -40008},
		{"length past the data", raw(pad32(frame(random, uint32(len(secretMsg)+len(appID)+1), secretMsg, appID))), ErrBuffer, -40008},
		{"length 2^31", raw(pad32(frame(random, 1<<31, secretMsg, appID))), ErrBuffer, -40008},
		{"length 2^32-1", raw(pad32(frame(random, 1<<32-1, secretMsg, appID))), ErrBuffer, -40008},
		{"wrong appid", raw(pad32(frame(random, uint32(len(secretMsg)), secretMsg, "wx9999999999999999"))), ErrAppID, -40005},
		{"prefix appid", raw(pad32(frame(random, uint32(len(secretMsg)), secretMsg, appID[:17]))), ErrAppID, -40005},
		{"longer appid", raw(pad32(frame(random, uint32(len(secretMsg)), secretMsg, appID+"0"))), ErrAppID, -40005},
		{"length covering the appid", raw(pad32(frame(random, uint32(len(secretMsg)+len(appID)), secretMsg, appID))), ErrAppID, -40005},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "3-item signature" {
				tt.in[0] = signFor3(c)
			}
			msg, err := c.Decrypt(tt.in[0], "1700000000", "42", tt.in[1])
			if !errors.Is(err, tt.want) || msg != nil {
				t.Fatalf("got %q, %v; want %v", msg, err, tt.want)
			}
			if Code(err) != tt.code {
				t.Errorf("Code %d, want %d", Code(err), tt.code)
			}
			for _, secret := range []string{secretMsg, appID, "pushToken", genKey, "0123456789abcdef"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error text %q holds %q", err, secret)
				}
			}
		})
	}
}

func signFor3(c *Crypter) string {
	sum := c.sign(make([]byte, len(c.token)+len("1700000000")+len("42")), "1700000000", "42")
	return hex.EncodeToString(sum[:])
}

func TestEveryPad(t *testing.T) {
	const appID = "wx0123456789abcdef"
	c := mustNew(t, Config{Token: "pushToken", EncodingAESKey: genKey, AppID: appID})
	seen := map[int]bool{}
	for n := 0; n < 64; n++ {
		msg := strings.Repeat("m", n)
		f := pad32(frame([]byte("rrrrrrrrrrrrrrrr"), uint32(n), msg, appID))
		seen[int(f[len(f)-1])] = true
		sig, enc := sealRaw(t, c, f)
		got, err := c.Decrypt(sig, "1700000000", "42", enc)
		if err != nil || string(got) != msg {
			t.Errorf("length %d (pad %d): %q, %v", n, f[len(f)-1], got, err)
		}
	}
	if len(seen) != 32 {
		t.Errorf("covered %d pad values, want 32", len(seen))
	}
}

func TestBodies(t *testing.T) {
	cx := mustNew(t, mpConfig)
	cfg := mpConfig
	cfg.JSON = true
	cj := mustNew(t, cfg)
	e := mpPushEncrypt
	for _, tt := range []struct {
		name string
		c    *Crypter
		body string
		ok   bool
	}{
		{"XML text", cx, "<xml><Encrypt>" + e + "</Encrypt></xml>", true},
		{"XML declaration and comments", cx, `<?xml version="1.0" encoding="UTF-8"?><!-- c --><xml><Encrypt><![CDATA[` + e + `]]></Encrypt></xml>` + "\n", true},
		{"XML references", cx, "<xml><Encrypt>" + strings.ReplaceAll(e, "+", "&#43;") + "</Encrypt></xml>", true},
		{"XML deeper Encrypt ignored", cx, "<xml><a><Encrypt>x</Encrypt></a><Encrypt>" + e + "</Encrypt></xml>", true},
		{"XML DOCTYPE", cx, `<!DOCTYPE xml [<!ENTITY a "` + e + `">]><xml><Encrypt>&a;</Encrypt></xml>`, false},
		{"XML billion laughs", cx, `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>`, false},
		{"XML undefined entity", cx, "<xml><Encrypt>&a;" + e + "</Encrypt></xml>", false},
		{"XML two Encrypt", cx, "<xml><Encrypt>" + e + "</Encrypt><Encrypt>" + e + "</Encrypt></xml>", false},
		{"XML nested only", cx, "<xml><a><Encrypt>" + e + "</Encrypt></a></xml>", false},
		{"XML root is Encrypt", cx, "<Encrypt>" + e + "</Encrypt>", false},
		{"XML child in Encrypt", cx, "<xml><Encrypt><b/>" + e + "</Encrypt></xml>", false},
		{"XML namespaced Encrypt", cx, `<xml xmlns:n="urn:x"><n:Encrypt>` + e + "</n:Encrypt></xml>", false},
		{"XML repeated attribute", cx, `<xml a="1" a="2"><Encrypt>` + e + "</Encrypt></xml>", false},
		{"XML two roots", cx, "<xml><Encrypt>" + e + "</Encrypt></xml><xml/>", false},
		{"XML unclosed", cx, "<xml><Encrypt>" + e + "</Encrypt>", false},
		{"XML text after", cx, "<xml><Encrypt>" + e + "</Encrypt></xml>x", false},
		{"XML processing instruction", cx, "<xml><?php x?><Encrypt>" + e + "</Encrypt></xml>", false},
		{"XML not UTF-8", cx, "<xml><Encrypt>" + e + "\xff</Encrypt></xml>", false},
		{"XML encoding GBK", cx, `<?xml version="1.0" encoding="GBK"?><xml><Encrypt>` + e + "</Encrypt></xml>", false},
		{"XML empty", cx, "", false},
		{"JSON", cj, `{"Encrypt":"` + e + `"}`, true},
		{"JSON escapes", cj, `{"Encrypt":"` + strings.ReplaceAll(e, "/", `\/`) + `"}`, true},
		{"JSON twice", cj, `{"Encrypt":"` + e + `","Encrypt":"` + e + `"}`, false},
		{"JSON case-folded copy", cj, `{"Encrypt":"` + e + `","encrypt":"x"}`, false},
		{"JSON only case-folded", cj, `{"encrypt":"` + e + `"}`, false},
		{"JSON number", cj, `{"Encrypt":1}`, false},
		{"JSON null", cj, `{"Encrypt":null}`, false},
		{"JSON array", cj, `["` + e + `"]`, false},
		{"JSON trailing", cj, `{"Encrypt":"` + e + `"} {}`, false},
		{"JSON not UTF-8", cj, `{"Encrypt":"` + e + `","x":"` + "\xff" + `"}`, false},
		{"JSON empty", cj, "", false},
	} {
		q := url.Values{"msg_signature": {mpPushSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}}
		msg, err := tt.c.Open(q, []byte(tt.body))
		switch {
		case tt.ok && (err != nil || string(msg) != mpPushMessage):
			t.Errorf("%s: %q, %v", tt.name, msg, err)
		case !tt.ok && !errors.Is(err, ErrBody):
			t.Errorf("%s: %v, want ErrBody", tt.name, err)
		case !tt.ok && Code(err) != -40002:
			t.Errorf("%s: Code %d", tt.name, Code(err))
		}
	}
}

func TestOpenQuery(t *testing.T) {
	cfg := mpConfig
	cfg.JSON = true
	c := mustNew(t, cfg)
	body := []byte(`{"Encrypt":"` + mpPushEncrypt + `"}`)
	for name, q := range map[string]url.Values{
		"URL signature only":    {"signature": {mpPushURLSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}},
		"URL signature as msg":  {"msg_signature": {mpPushURLSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}},
		"two msg_signature":     {"msg_signature": {mpPushSignature, mpPushSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}},
		"no timestamp":          {"msg_signature": {mpPushSignature}, "nonce": {mpPushNonce}},
		"upper-case signature":  {"msg_signature": {strings.ToUpper(mpPushSignature)}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}},
		"signature of 41 chars": {"msg_signature": {mpPushSignature + "0"}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}},
	} {
		if _, err := c.Open(q, body); !errors.Is(err, ErrSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestSizeCaps(t *testing.T) {
	cfg := mpConfig
	cfg.JSON = true
	c := mustNew(t, cfg)
	q := url.Values{"msg_signature": {mpPushSignature}, "timestamp": {mpPushTimestamp}, "nonce": {mpPushNonce}}
	big := append([]byte(`{"x":"`), bytes.Repeat([]byte("a"), maxBody)...)
	if _, err := c.Open(q, append(big, `"}`...)); !errors.Is(err, ErrBody) {
		t.Errorf("body over 1 MiB: %v", err)
	}
	if _, err := c.Seal(make([]byte, maxMessage+1), 1, "1"); !errors.Is(err, ErrBuffer) {
		t.Errorf("reply over 512 KiB: %v", err)
	}
	// The largest reply opens again.
	reply, err := c.Seal(make([]byte, maxMessage), 1, "1")
	if err != nil {
		t.Fatal(err)
	}
	if len(reply) > maxBody {
		t.Errorf("largest reply is %d bytes, over the body cap", len(reply))
	}
}

func TestSealRoundTrip(t *testing.T) {
	for _, isJSON := range []bool{true, false} {
		cfg := Config{Token: "tok", EncodingAESKey: genKey, AppID: "wx0123456789abcdef", JSON: isJSON}
		c := mustNew(t, cfg)
		for _, nonce := range []string{"1", `a"b\c`, "x]]>y]]>", "<&>"} {
			for _, msg := range []string{"", "success", "中文", strings.Repeat("z", 1000)} {
				reply, err := c.Seal([]byte(msg), 1700000000, nonce)
				if err != nil {
					t.Fatal(err)
				}
				var r struct {
					Encrypt, MsgSignature, Nonce string
					TimeStamp                    int64
				}
				if isJSON {
					err = json.Unmarshal(reply, &r)
				} else {
					err = xml.Unmarshal(reply, &r)
				}
				if err != nil || r.Nonce != nonce || r.TimeStamp != 1700000000 {
					t.Fatalf("reply %s: %+v, %v", reply, r, err)
				}
				got, err := c.Decrypt(r.MsgSignature, "1700000000", nonce, r.Encrypt)
				if err != nil || string(got) != msg {
					t.Errorf("round trip: %q, %v", got, err)
				}
			}
		}
		for _, nonce := range []string{"", "a\nb", "é", strings.Repeat("1", 129)} {
			if _, err := c.Seal(nil, 1, nonce); !errors.Is(err, ErrBody) {
				t.Errorf("nonce %q: %v", nonce, err)
			}
		}
	}
	// Random prefixes differ from reply to reply.
	c := mustNew(t, Config{Token: "tok", EncodingAESKey: genKey, AppID: "wx0123456789abcdef"})
	a, _ := c.Seal([]byte("x"), 1, "1")
	b, _ := c.Seal([]byte("x"), 1, "1")
	if bytes.Equal(a, b) {
		t.Error("two replies are identical: the random prefix is not random")
	}
	// A failing random source is -40006.
	c = mustNew(t, Config{Token: "tok", EncodingAESKey: genKey, AppID: "wx0123456789abcdef", Rand: strings.NewReader("short")})
	if _, err := c.Seal([]byte("x"), 1, "1"); Code(err) != -40006 {
		t.Errorf("short random: %v (code %d)", err, Code(err))
	}
}

func TestCode(t *testing.T) {
	if Code(nil) != 0 || Code(errors.New("other")) != 0 {
		t.Error("Code of nil or a foreign error is not 0")
	}
}

func TestDecryptAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters change allocation counts")
	}
	c := mustNew(t, mpConfig)
	n := testing.AllocsPerRun(200, func() {
		if _, err := c.Decrypt(mpPushSignature, mpPushTimestamp, mpPushNonce, mpPushEncrypt); err != nil {
			t.Fatal(err)
		}
	})
	if n > 3 {
		t.Errorf("Decrypt: %v allocations, budget 3", n)
	}
}

func TestConcurrent(t *testing.T) {
	c := mustNew(t, classicConfig)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				msg, err := c.Decrypt(classicSignature, classicTimestamp, classicNonce, classicEncrypt)
				if err != nil || string(msg) != classicMessage {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestNoPanic feeds every single-byte change and every truncation of the
// documented push to Decrypt: errors, never panics.
func TestNoPanic(t *testing.T) {
	c := mustNew(t, mpConfig)
	for i := 0; i < len(mpPushEncrypt); i++ {
		for _, b := range []byte{'A', '/', '=', ' ', 0} {
			enc := mpPushEncrypt[:i] + string(b) + mpPushEncrypt[i+1:]
			c.Decrypt(mpPushSignature, mpPushTimestamp, mpPushNonce, enc)
		}
		c.Decrypt(mpPushSignature, mpPushTimestamp, mpPushNonce, mpPushEncrypt[:i])
	}
}

// msg_signature comes before every other check of the Encrypt text, its size
// included: a forged Encrypt over 1 MiB is a signature error, a signed one a
// decryption error.
func TestOversizedEncryptSignatureFirst(t *testing.T) {
	c := mustNew(t, mpConfig)
	big := strings.Repeat("A", maxBody+4)
	if _, err := c.Decrypt(mpPushSignature, mpPushTimestamp, mpPushNonce, big); !errors.Is(err, ErrSignature) {
		t.Errorf("forged Encrypt over 1 MiB: %v, want ErrSignature", err)
	}
	parts := []string{mpConfig.Token, "1700000000", "42", big}
	sort.Strings(parts)
	sum := sha1.Sum([]byte(strings.Join(parts, "")))
	if _, err := c.Decrypt(hex.EncodeToString(sum[:]), "1700000000", "42", big); !errors.Is(err, ErrDecrypt) {
		t.Errorf("signed Encrypt over 1 MiB: %v, want ErrDecrypt", err)
	}
}

// A JSON body is read in work and memory proportional to its size, with no
// allocation per member: a body of 1 MiB of tiny members, which an attacker
// can send before any signature is checked, allocated 75 MB.
func TestJSONBodyManyMembers(t *testing.T) {
	body := []byte("{" + strings.Repeat(`"a":0,`, (maxBody-64)/6) + `"Encrypt":"x"}`)
	if len(body) > maxBody {
		t.Fatal("body over the cap")
	}
	allocs := testing.AllocsPerRun(2, func() {
		if s, err := jsonEncrypt(body); err != nil || s != "x" {
			t.Fatalf("jsonEncrypt: %q, %v", s, err)
		}
	})
	if allocs > 4 {
		t.Errorf("%v allocations for a body of %d members", allocs, bytes.Count(body, []byte(":")))
	}
}

// Member names are compared after unescaping, as encoding/json reads them.
func TestJSONBodyEscapedNames(t *testing.T) {
	for body, want := range map[string]error{
		`{"Encr\u0079pt":"x"}`:                       nil,
		`{"\u0045ncrypt":"x","a":[{"Encrypt":1}]}`:   nil,
		`{"Encrypt":"x","\u0065ncrypt":"y"}`:         errTwice,
		`{"Encrypt":"x","ENCRYP\u0054":"y"}`:         errTwice,
		`{"Encrypt\u00e9":"x"}`:                      errMissing,
		`{"Encrypt ":"x"}`:                           errMissing,
		`{"Encryptt":"x","a\"b":"\"","c":{"d":"}"}}`: errMissing,
		` { "Encrypt" : "x" } `:                      nil,
		`{"Encrypt":"x"`:                             errNotFormat,
		`{}`:                                         errMissing,
	} {
		s, err := jsonEncrypt([]byte(body))
		if err != want || (err == nil && s != "x") {
			t.Errorf("jsonEncrypt(%s) = %q, %v, want %v", body, s, err, want)
		}
	}
}
