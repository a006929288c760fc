package fuzz

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/internal/wmjson"
	"github.com/wxcrypto/wxcrypto/internal/wmtime"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// FuzzWatermarkParse feeds arbitrary bytes, as decrypted open data, to the
// strict scanner and to Policy.Verify, and compares both with the strict
// reference read through encoding/json's token stream: the same watermark,
// or the same class of error.
func FuzzWatermarkParse(f *testing.F) {
	s := newSeeds(f)
	s.plaintexts(func(p []byte) []byte { return p })
	for _, p := range []string{
		`{"watermark":{"appid":"a","timestamp":1}}`,
		`{"watermark":{"appid":"a","timestamp":1.0}}`,
		`{"watermark":{"appid":"a","timestamp":1e3}}`,
		`{"watermark":{"appid":"a","timestamp":-0}}`,
		`{"watermark":{"appid":"a","timestamp":9223372036854775807}}`,
		`{"watermark":{"appid":"a","timestamp":9223372036854775808}}`,
		`{"watermark":{"appid":"a","timestamp":-9223372036854775808}}`,
		`{"watermark":{"appid":"a","timestamp":"1"}}`,
		`{"watermark":{"appid":null,"timestamp":1}}`,
		`{"watermark":{"appid":"a"},"watermark":{"timestamp":1}}`,
		`{"watermark":{"appid":"evil","timestamp":1},"watermark":{"appid":"a"}}`,
		`{"watermark":{"appid":"a","timestamp":1},"watermark":null}`,
		`{"watermark":{"appid":"a","timestamp":1,"appid":"a"}}`,
		`{"WaterMark":{"APPID":"a","TimeStamp":1}}`,
		"{\"watermark\":{\"appid\":\"a\",\"time\u017ftamp\":1,\"timestamp\":1}}",
		"{\"watermar\u212a\":1,\"watermark\":{\"appid\":\"a\",\"timestamp\":1}}",
		`{"water\u006dark":{"\u0061ppid":"\u0061","time\u017ftamp":1}}`,
		`{"watermark":{"appid":"\u0061","timestamp":1}}`,
		`{"watermark":{"appid":"a\ud800","timestamp":1}}`,
		`{"watermark":{"appid":"\ud83d\ude00","timestamp":1}}`,
		"{\"watermark\":{\"appid\":\"a\xff\",\"timestamp\":1}}",
		`{"watermark":{"appid":"a","timestamp":1,"x":[{"y":{}}]},"z":[1,2,{"a":null}]}`,
		`{"d":{"watermark":{"appid":"b","timestamp":2}},"watermark":{"appid":"a","timestamp":1}}`,
		` {"watermark":{"appid":"a","timestamp":1}} `,
		`{"watermark":{"appid":"a","timestamp":1}}x`,
		`[{"watermark":{"appid":"a","timestamp":1}}]`,
		"\ufeff{\"watermark\":{\"appid\":\"a\",\"timestamp\":1}}",
		`null`, `{}`, `{"watermark":[]}`, ``,
	} {
		s.add("a", []byte(p))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appID string, data []byte) {
		want, wantK := refStrictWatermark(data)
		a, ts, err := wmjson.Scan(data)
		switch gotK := scanKind(err); {
		case gotK != wantK:
			t.Fatalf("Scan = %q, %d, %v; reference %+v, %s", a, ts, err, want, wantK)
		case err == nil && (watermark.Watermark{AppID: a, Timestamp: ts}) != want:
			t.Fatalf("Scan = %q, %d; reference %+v", a, ts, want)
		case err != nil && (a != "" || ts != 0):
			t.Fatalf("Scan = %q, %d with error %v", a, ts, err)
		}

		if appID == "" {
			appID = "a"
		}
		p := watermark.Policy{AppID: appID, SkipFreshness: true}
		switch {
		case wantK == kindNotObject:
			wantK = kindMalformed
		case wantK == kindOK && want.AppID != appID:
			wantK = kindAppID
		}
		got, err := p.Verify(data)
		if kindOf(err) != wantK || (err == nil && got != want) || (err != nil && got != watermark.Watermark{}) {
			t.Fatalf("Verify = %+v, %v; reference %+v, %s", got, err, want, wantK)
		}
		if wantK == kindMalformed && err.Error() != watermark.ErrMalformed.Error() {
			t.Fatalf("Verify error %q says more than %q", err, watermark.ErrMalformed)
		}
	})
}

func scanKind(err error) errKind {
	switch {
	case err == nil:
		return kindOK
	case errors.Is(err, wmjson.ErrNotObject):
		return kindNotObject
	case errors.Is(err, wmjson.ErrMalformed):
		return kindMalformed
	}
	return errKind("unexpected error: " + err.Error())
}

// FuzzWatermarkCheck checks the freshness rule over the whole int64 range
// of timestamps, clocks and durations, against math/big: the integer rule
// itself (wmtime.Window and WindowAt, durations of any sign), and
// Policy.Check (seconds) and Policy.CheckMillis (milliseconds), whose clock
// of MaxInt64/1000 seconds and more than 807 ms is beyond the int64 range of
// milliseconds. Error texts must give the distance from the clock as a
// positive, unsaturated amount.
func FuzzWatermarkCheck(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		w, _ := refStrictWatermark([]byte(c.Str("plaintext")))
		add(c.Str("appid"), w.AppID, w.Timestamp, c.Int("now"), uint32(0), c.Int("maxAge")*int64(time.Second), c.Int("skew")*int64(time.Second), false)
		add(c.Str("appid"), w.AppID, w.Timestamp*1000, c.Int("now"), uint32(999_999_999), c.Int("maxAge")*int64(time.Second), c.Int("skew")*int64(time.Second), true)
	}, "opendata.watermark")
	const maxI, minI = math.MaxInt64, math.MinInt64
	for _, c := range []struct {
		ts, sec int64
		nsec    uint32
		d1, d2  int64
		millis  bool
	}{
		{1_700_000_000, 1_700_000_600, 0, int64(10 * time.Minute), int64(time.Minute), false},
		{1_700_000_000_000, 1_700_000_000, 500_000_000, 0, 0, true},
		{1_700_000_000_000, 1_700_000_000, 0, int64(10 * time.Minute), int64(time.Minute), false},
		{minI, maxI / 1000, 808_000_000, int64(time.Hour), int64(time.Minute), true},
		{maxI, maxI / 1000, 807_000_000, 1, 0, true},
		{maxI, maxI / 1000, 808_000_000, int64(time.Millisecond), 0, true},
		{minI, minI / 1000, 0, int64(time.Hour), 0, true},
		{minI, minI/1000 - 1, 999_999_999, maxI, maxI, true},
		{maxI, maxI, 999_999_999, maxI, maxI, false},
		{minI, minI, 0, maxI, maxI, false},
		{minI, maxI, 0, maxI, maxI, false},
		{maxI, minI, 0, maxI, maxI, false},
		{0, 0, 0, -1, minI, false},
	} {
		s.add("a", "a", c.ts, c.sec, c.nsec, c.d1, c.d2, c.millis)
	}
	s.add("a", "b", int64(0), int64(0), uint32(0), int64(0), int64(0), false)
	s.add("", "", int64(0), int64(0), uint32(0), int64(-1), int64(0), false)
	s.done()
	f.Fuzz(func(t *testing.T, policyAppID, appID string, ts, nowSec int64, nowNsec uint32, maxAge, skew int64, millis bool) {
		// The integer rule, with durations of any sign.
		perSecond := int64(1)
		if millis {
			perSecond = 1000
		}
		sub := int64(nowNsec%1_000_000_000) / (int64(time.Second) / perSecond)
		n := new(big.Int).Mul(big.NewInt(nowSec), big.NewInt(perSecond))
		n.Add(n, big.NewInt(sub))
		if got, want := windowKind(wmtime.WindowAt(ts, nowSec, sub, perSecond, maxAge, skew)), refBigWindow(ts, n, maxAge, skew); got != want {
			t.Fatalf("WindowAt(%d, %d, %d, %d, %d, %d) = %s; reference %s", ts, nowSec, sub, perSecond, maxAge, skew, got, want)
		}
		if got, want := windowKind(wmtime.Window(ts, nowSec, maxAge, skew)), refBigWindow(ts, big.NewInt(nowSec), maxAge, skew); got != want {
			t.Fatalf("Window(%d, %d, %d, %d) = %s; reference %s", ts, nowSec, maxAge, skew, got, want)
		}

		// The policy, with the clock over the whole int64 range of seconds.
		now := time.Unix(nowSec, int64(nowNsec%1_000_000_000))
		p := watermark.Policy{
			AppID:  policyAppID,
			MaxAge: time.Duration(maxAge),
			Skew:   time.Duration(skew),
			Now:    func() time.Time { return now },
		}
		check := func() error { return p.Check(watermark.Watermark{AppID: appID, Timestamp: ts}) }
		if millis {
			check = func() error { return p.CheckMillis(appID, ts) }
		}
		err := check()
		if want := refPolicyVerdict(p, appID, ts, now, perSecond); kindOf(err) != want {
			t.Fatalf("check = %v; reference %s", err, want)
		}
		if k := kindOf(err); k == kindTooOld || k == kindFuture {
			msg := err.Error()
			if strings.Contains(msg, " is -") || strings.Contains(msg, "2562047h47m16.854775807s") || strings.Contains(msg, "2562047h47m16.854775808s") {
				t.Fatalf("error text with a negated or saturated duration: %s", msg)
			}
		}
		if kindOf(err) == kindAppID && len(err.Error()) > len(policyAppID)*4+64*4+100 {
			t.Fatalf("appid error of %d bytes: the data's appid is not bounded", len(err.Error()))
		}

		// SkipFreshness leaves only the appid.
		p.SkipFreshness = true
		if err, want := check(), refPolicyVerdict(p, appID, ts, now, perSecond); kindOf(err) != want {
			t.Fatalf("check without freshness = %v; reference %s", err, want)
		}
	})
}

func windowKind(v int) errKind {
	switch v {
	case wmtime.TooOld:
		return kindTooOld
	case wmtime.Future:
		return kindFuture
	case wmtime.Inside:
		return kindOK
	}
	return errKind("unexpected verdict")
}
