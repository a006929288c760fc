package fuzz

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// FuzzCloud189Answer feeds arbitrary answer bodies to cloud189's
// Opener.OpenAnswer. It may not panic; errors are the
// documented ones; and whatever the answer carries is decrypted, read and
// checked as the reference does it. With wrap set, userInfo is encrypted
// with the documented appSecret and wrapped in the documented envelope, so
// that arbitrary user info JSON reaches the parser behind the decryption.
func FuzzCloud189Answer(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		key, _ := c.Bytes("key")
		if string(key) != documented.Cloud189AppSecret {
			add([]byte(`{"code":0,"msg":"ok","data":{"encryptedData":"`+c.Str("ciphertext")+`"}}`), []byte{}, false)
			return
		}
		if p, ok := c.Bytes("plaintext"); ok {
			add([]byte{}, p, true)
		}
		add([]byte(`{"code":0,"msg":"成功","data":{"encryptedData":"`+c.Str("ciphertext")+`"}}`), []byte{}, false)
	}, "xxtea.decrypt")
	for _, b := range []string{
		documented.Cloud189Answer,
		`{"code":"0","data":{"encryptedData":"00"}}`,
		`{"code":1,"msg":"denied"}`, `{"code":"-1","msg":"x"}`, `{"code":1.5}`, `{"code":1e2}`, `{"code":"x"}`,
		`{"code":null}`, `{"msg":"no code"}`, `{"code":0}`, `{"code":0,"data":null}`, `{"code":0,"data":{"encryptedData":""}}`,
		`{"code":0,"data":{"encryptedData":5}}`, `{"CODE":0,"DATA":{"ENCRYPTEDDATA":"00"}}`, `[]`, `null`, ``,
	} {
		s.add([]byte(b), []byte{}, false)
	}
	for _, u := range []string{
		`{"openId":"o","appId":"0e0d8b62","phoneNumber":"1","timestamp":1578042800057}`,
		`{"openId":"o","appId":"0e0d8b62","timestamp":1578042800057.0}`,
		`{"openId":"o","appId":"other","timestamp":1578042800057}`,
		`{"openId":null,"appId":"0e0d8b62","timestamp":1578042800057}`,
		`{"openId":"o","appId":"0e0d8b62","timestamp":1}`,
		`{"openId":"o","appId":"0e0d8b62","timestamp":9223372036854775807}`,
		`{"openId":"o","appId":"0e0d8b62","phoneNumber":5,"timestamp":1578042800057}`,
		`{"openId":"o","appId":"x","appId":"0e0d8b62","timestamp":1578042800057}`,
		`{"openId":"o","appId":"0e0d8b62","AppId":"x","timeſtamp":1,"timestamp":1578042800057}`,
	} {
		s.add([]byte{}, []byte(u), true)
	}
	s.done()
	now := time.UnixMilli(documented.Cloud189TimestampMS)
	policy := watermark.Policy{
		AppID:  documented.Cloud189AppID,
		MaxAge: 10 * time.Minute,
		Skew:   time.Minute,
		Now:    func() time.Time { return now },
	}
	f.Fuzz(func(t *testing.T, body, userInfo []byte, wrap bool) {
		if wrap && len(userInfo) > 0 {
			enc, err := xxtea.EncryptHex(documented.Cloud189AppSecret, userInfo)
			if err != nil {
				t.Fatalf("EncryptHex: %v", err)
			}
			body, _ = json.Marshal(map[string]any{"code": 0, "msg": "ok", "data": map[string]string{"encryptedData": enc}})
		}
		o, oerr := cloud189.NewOpener(documented.Cloud189AppSecret, policy)
		if oerr != nil {
			t.Fatalf("NewOpener: %v", oerr)
		}
		u, uerr := o.OpenAnswer(body)
		ans := refParse189Answer(body)
		var api *cloud189.APIError
		switch ans.kind {
		case kindTooLarge:
			if !errors.Is(uerr, errcode.ErrTooLarge) || u != (cloud189.UserInfo{}) {
				t.Fatalf("OpenAnswer of %d bytes = %+v, %v", len(body), u, uerr)
			}
			return
		case kindMalformed:
			if !errors.Is(uerr, cloud189.ErrMalformedAnswer) || u != (cloud189.UserInfo{}) {
				t.Fatalf("OpenAnswer(%q) = %+v, %v; want ErrMalformedAnswer", body, u, uerr)
			}
			return
		case kindAPI:
			if !errors.As(uerr, &api) || api.Code != ans.code || u != (cloud189.UserInfo{}) {
				t.Fatalf("OpenAnswer(%q) = %+v, %v; want code %d", body, u, uerr, ans.code)
			}
			return
		}
		data := ans.data

		// The reference: XXTEA, then the JSON, then appId and freshness.
		var want ref189UserInfo
		var wantErr error
		raw, hexErr := hex.DecodeString(data)
		switch plain, ok := refXXTEADecrypt([]byte(documented.Cloud189AppSecret), raw); {
		case hexErr != nil, len(raw) < 8 || len(raw)%4 != 0:
			wantErr = xxtea.ErrCiphertext
		case !ok:
			wantErr = xxtea.ErrLength
		default:
			var ok bool
			if want, ok = refParse189UserInfo(plain); !ok {
				wantErr = cloud189.ErrMalformedUserInfo
			} else if k := refCheck(policy, want.AppID, want.Timestamp, time.Millisecond); k != kindOK {
				wantErr = map[errKind]error{kindAppID: watermark.ErrAppID, kindTooOld: watermark.ErrTooOld, kindFuture: watermark.ErrFuture}[k]
			}
		}
		if wantErr != nil {
			if !errors.Is(uerr, wantErr) || u != (cloud189.UserInfo{}) {
				t.Fatalf("OpenAnswer = %+v, %v; reference %v", u, uerr, wantErr)
			}
			return
		}
		wantU := cloud189.UserInfo{OpenID: want.OpenID, PhoneNumber: want.PhoneNumber, AppID: want.AppID, Timestamp: want.Timestamp}
		if uerr != nil || u != wantU {
			t.Fatalf("OpenAnswer = %+v, %v; reference %+v", u, uerr, wantU)
		}
	})
}
