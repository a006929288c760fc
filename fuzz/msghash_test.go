package fuzz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/jsonint"
	"github.com/wxcrypto/wxcrypto/msghash"
)

// FuzzMsgHash checks that Hash is hex(SHA-256) of the text
// exactly as given, and that a different text never gives the same hash.
func FuzzMsgHash(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("encryptedData"), uint16(c.TcID))
	}, "msghash", "opendata.decrypt")
	s.add("", uint16(0))
	s.add(" ", uint16(1))
	s.done()
	f.Fuzz(func(t *testing.T, data string, flip uint16) {
		data = capped(data, maxLen)
		sum := sha256.Sum256([]byte(data))
		want := hex.EncodeToString(sum[:])
		if got := msghash.Hash(data); got != want {
			t.Fatalf("Hash = %s; reference %s", got, want)
		}
		if len(data) > 0 {
			if other := string(flipBit([]byte(data), flip)); msghash.Hash(other) == want {
				t.Fatalf("Hash(%q) = Hash(%q)", other, data)
			}
		}
	})
}

// FuzzCheckResponse feeds arbitrary bytes to msghash.ParseCheckResponse and
// compares the answer with the documented reading, written with
// encoding/json: the same result, the same *APIError, or a malformed answer
// for both; never a result together with an error.
func FuzzCheckResponse(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		// No vector file holds answers; the documented answer shape is
		// wrapped around each vector's hash and tcId instead.
		add([]byte(`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":` + itoa(c.TcID) + `,"hash":"` + c.Str("hash") + `"}`))
	}, "msghash")
	for _, b := range []string{
		`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`,
		`{"errcode":"0","vaild":false,"create_time":"0"}`,
		`{"errcode":-1,"errmsg":"system error"}`,
		`{"errcode":"87009","errmsg":"invalid signature\n"}`,
		`{"errcode":40097,"errmsg":null}`,
		`{"errcode":2147483648}`, `{"errcode":-2147483649}`,
		`{"errcode":1.0}`, `{"errcode":1e2}`, `{"errcode":"01"}`, `{"errcode":"+1"}`, `{"errcode":" 1"}`, `{"errcode":null}`,
		`{"vaild":true,"valid":false}`, `{"valid":true}`, `{"vaild":"true"}`, `{"vaild":null}`, `{}`,
		`{"vaild":true,"vaild":true}`, `{"vaild":true,"va\u0069ld":false}`, `{"VAILD":true}`,
		`{"vaild":true,"create_time":-1}`, `{"vaild":true,"create_time":9223372036854775808}`,
		`{"vaild":true} {}`, `[]`, `"x"`, ``, `{"vaild":true,"x":[{"y":"\ud800"}]}`,
	} {
		s.add([]byte(b))
	}
	s.done()
	f.Fuzz(func(t *testing.T, body []byte) {
		want := refCheckResponse(body, errcode.MaxAnswerSize)
		res, err := msghash.ParseCheckResponse(body)
		if err != nil && res != (msghash.CheckResult{}) {
			t.Fatalf("result %+v with error %v", res, err)
		}
		var api *errcode.Error
		switch want.kind {
		case kindTooLarge:
			if !errors.Is(err, errcode.ErrTooLarge) {
				t.Fatalf("ParseCheckResponse of %d bytes: %v", len(body), err)
			}
		case kindMalformed:
			if !errors.Is(err, errcode.ErrMalformed) {
				t.Fatalf("ParseCheckResponse = %+v, %v; reference: malformed", res, err)
			}
		case kindAPI:
			if !errors.As(err, &api) || api.Code != want.code || api.Msg != want.msg {
				t.Fatalf("ParseCheckResponse = %+v, %v; reference: errcode %d, errmsg %q", res, err, want.code, want.msg)
			}
			if errors.Is(err, errcode.ErrSystemBusy) != (want.code == -1) ||
				errors.Is(err, errcode.ErrInvalidSignature) != (want.code == 87009) {
				t.Fatalf("Error %+v: wrong errors.Is", api)
			}
		case kindOK:
			wantRes := msghash.CheckResult{Valid: want.valid}
			if want.createTime != 0 {
				wantRes.CreateTime = time.Unix(want.createTime, 0).UTC()
			}
			if err != nil || res != wantRes {
				t.Fatalf("ParseCheckResponse = %+v, %v; reference %+v", res, err, wantRes)
			}
		}
	})
}

// FuzzErrcodeAnswer feeds arbitrary bytes to errcode.Parse and ParseObject,
// the reader of every platform answer's errcode and errmsg, and compares
// them with the documented reading written with encoding/json; the integer
// reader (internal/jsonint) must follow the integer rule on every member of the answer.
func FuzzErrcodeAnswer(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		add([]byte(`{"errcode":` + itoa(c.TcID) + `,"errmsg":"` + c.Str("hash") + `"}`))
		add([]byte(`{"errcode":"0","errmsg":"ok","hash":"` + c.Str("hash") + `"}`))
	}, "msghash")
	for _, b := range []string{
		`{"errcode":0,"errmsg":"ok"}`, `{"errcode":"87014","errmsg":"risky content"}`,
		`{"access_token":"x","expires_in":7200}`, `{"errcode":40001,"errmsg":"invalid credential"}`,
		`{"errcode":-1}`, `{"errcode":"-0"}`, `{"errcode":-0}`, `{"errcode":"\u0031"}`, `{"errcode":" 1"}`,
		`{"errcode":2147483647}`, `{"errcode":-2147483648}`, `{"errcode":2147483648}`, `{"errcode":99999999999999999999}`,
		`{"errcode":1,"errmsg":5}`, `{"errcode":0,"errmsg":[]}`, `{"errcode":1,"errcode":0}`, `{"ERRCODE":1}`,
		`{"errcode":0} `, `{"errcode":0}{}`, `{"a":{"b":[1,2,{"c":null}]},"errcode":0}`, `{}`, `[]`, `1`, ``,
	} {
		s.add([]byte(b))
	}
	s.done()
	f.Fuzz(func(t *testing.T, body []byte) {
		want := refAnswer(body, errcode.MaxAnswerSize)
		members, err := errcode.ParseObject(body)
		if err2 := errcode.Parse(body); fmt.Sprint(err2) != fmt.Sprint(err) {
			t.Fatalf("Parse error %v, ParseObject error %v", err2, err)
		}
		if err != nil && members != nil {
			t.Fatalf("ParseObject returned members with %v", err)
		}
		var api *errcode.Error
		switch want.kind {
		case kindTooLarge:
			if !errors.Is(err, errcode.ErrTooLarge) {
				t.Fatalf("ParseObject of %d bytes: %v", len(body), err)
			}
		case kindMalformed:
			if !errors.Is(err, errcode.ErrMalformed) {
				t.Fatalf("ParseObject = %v; reference: malformed", err)
			}
		case kindAPI:
			if !errors.As(err, &api) || api.Code != want.code || api.Msg != want.msg {
				t.Fatalf("ParseObject = %v; reference: errcode %d, errmsg %q", err, want.code, want.msg)
			}
			if errors.Is(err, errcode.ErrSystemBusy) != (want.code == -1) || errors.Is(err, errcode.ErrInvalidCredential) != (want.code == 40001) ||
				errors.Is(err, errcode.ErrRiskyContent) != (want.code == 87014) {
				t.Fatalf("Error %+v: wrong errors.Is", api)
			}
		case kindOK:
			if err != nil || len(members) != len(want.members) {
				t.Fatalf("ParseObject = %d members, %v; reference %d members", len(members), err, len(want.members))
			}
			for name, raw := range want.members {
				if got, ok := members[name]; !ok || !bytes.Equal(bytes.TrimSpace(got), raw) {
					t.Fatalf("member %q = %s; reference %s", name, got, raw)
				}
				n, ok := jsonint.Parse(raw)
				wn, wok := refInteger(raw)
				if n != wn || ok != wok {
					t.Fatalf("jsonint.Parse(%s) = %d, %v; reference %d, %v", raw, n, ok, wn, wok)
				}
			}
		}
	})
}
