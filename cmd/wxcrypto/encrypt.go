package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// fixture is what encrypt prints: the three values a client would post,
// and the watermark they carry. It is also a valid -body for decrypt.
type fixture struct {
	SessionKey    string         `json:"sessionKey"`
	IV            string         `json:"iv"`
	EncryptedData string         `json:"encryptedData"`
	Watermark     map[string]any `json:"watermark"`
}

func runEncrypt(e *env, args []string) int {
	fs := newFlagSet(e, "encrypt", `encrypt [flags]

Makes an open-data fixture, for SDK tests and mock servers: adds the
watermark {"timestamp":T,"appid":A} to a JSON object payload, encrypts it
the way the platform does (AES-128-CBC, PKCS#7, base64) and prints
sessionKey, iv, encryptedData and the watermark as JSON. The output is a
valid -body for decrypt. A session key or iv not given is made at random.
The fixture is opened again with the library before it is printed (and
decoded as -type), so a payload the library would refuse is an error.

The payload must be one JSON object without duplicate members and without
a watermark of its own.`)
	appID := fs.String("appid", "", "the `appid` the watermark names (env WXCRYPTO_APPID)")
	sessionKey := fs.String("session-key", "", "base64 session_key (env WXCRYPTO_SESSION_KEY); random when absent")
	iv := fs.String("iv", "", "base64 iv; random when absent")
	payload := fs.String("payload", "", "the payload, a JSON object, or - for standard input")
	payloadFile := fs.String("payload-file", "", "`file` holding the payload, instead of -payload")
	typ := fs.String("type", "raw", "check that the fixture opens as this payload `type`: "+strings.Join(payloadTypes, ", "))
	now := timeFlag{unit: time.Second}
	fs.Var(&now, "now", "the watermark's `time` (unix seconds, or RFC 3339); the clock when absent")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	if err := checkPayloadType(*typ); err != nil {
		return e.usageError(err)
	}
	s := &secrets{e: e}
	app, err := s.get("appid", *appID, "WXCRYPTO_APPID")
	if err != nil {
		return e.usageError(err)
	}
	key, err := s.get("session-key", *sessionKey, "WXCRYPTO_SESSION_KEY")
	if err != nil {
		return e.usageError(err)
	}
	var body []byte
	switch {
	case *payload != "" && *payloadFile != "":
		return e.usageError(errors.New("give -payload or -payload-file, not both"))
	case *payloadFile != "":
		body, err = s.read("payload-file", *payloadFile, maxSecretSize)
	default:
		var text string
		text, err = s.get("payload", *payload, "")
		body = []byte(text)
	}
	if err != nil {
		return e.usageError(err)
	}
	if err := missing(need{app, "-appid (or WXCRYPTO_APPID)"}, need{string(body), "-payload (or -payload-file)"}); err != nil {
		return e.usageError(err)
	}
	if key == "" {
		key = randomBase64()
	}
	ivText := *iv
	if ivText == "" {
		ivText = randomBase64()
	}
	t := now.clock()
	w := watermark.Watermark{AppID: app, Timestamp: t.Unix()}
	plaintext, err := withWatermark(body, w)
	if err != nil {
		return e.usageError(err)
	}
	data, err := aescbc.Encrypt(key, ivText, plaintext)
	if err != nil {
		return e.fail(err)
	}
	// Open it again under a policy for exactly that instant, as a back
	// end would, so that only fixtures the library accepts are printed.
	p := watermark.NewPolicy(app)
	p.Now = func() time.Time { return t }
	o, err := wxcrypto.NewOpener(p)
	if err != nil {
		return e.usageError(err)
	}
	_, _, err = openAs(*typ, encryptedSource(o, inputs{appID: app, sessionKey: key, iv: ivText, data: data}))
	if err != nil {
		return e.fail(fmt.Errorf("the fixture does not open: %w", err))
	}
	return e.done(fixture{SessionKey: key, IV: ivText, EncryptedData: data, Watermark: watermarkJSON(w)}, nil)
}

// withWatermark returns the payload object with the watermark added as its
// last member, keeping the payload's own text (member order, spacing,
// escapes) as given.
func withWatermark(payload []byte, w watermark.Watermark) ([]byte, error) {
	members, err := jsonobj.Members(payload)
	if err != nil {
		return nil, fmt.Errorf("the payload: %v", err)
	}
	seen := map[string]bool{}
	for _, m := range members {
		switch {
		case seen[m.Name]:
			return nil, fmt.Errorf("the payload has a duplicate member %q", m.Name)
		case strings.EqualFold(m.Name, "watermark"):
			return nil, fmt.Errorf("the payload has a member %q: drop it, encrypt adds the watermark", m.Name)
		}
		seen[m.Name] = true
	}
	appID, _ := json.Marshal(w.AppID) // a string always encodes
	mark := fmt.Sprintf(`"watermark":{"timestamp":%d,"appid":%s}}`, w.Timestamp, appID)
	body := bytes.TrimRight(bytes.TrimSpace(payload)[:len(bytes.TrimSpace(payload))-1], " \t\r\n")
	out := append([]byte(nil), body...)
	if len(members) > 0 {
		out = append(out, ',')
	}
	return append(out, mark...), nil
}

func randomBase64() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return base64.StdEncoding.EncodeToString(b[:])
}
