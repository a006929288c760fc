package fuzz

import (
	"errors"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/watermark"
)

// FuzzWatermarkParse feeds arbitrary bytes, as decrypted open data, to
// watermark.Parse and Policy.Verify, and compares both with the reference
// built on encoding/json: the same watermark, or the same class of error.
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
		`{"watermark":{"appid":"a","timestamp":"1"}}`,
		`{"watermark":{"appid":null,"timestamp":1}}`,
		`{"watermark":{"appid":"a"},"watermark":{"timestamp":1}}`,
		`{"watermark":{"appid":"a","timestamp":1},"watermark":null}`,
		`{"WaterMark":{"APPID":"a","TimeStamp":1}}`,
		`{"watermark":{"appid":"\u0061","timestamp":1}}`,
		`{"watermark":{"appid":"a\ud800","timestamp":1}}`,
		"{\"watermark\":{\"appid\":\"a\xff\",\"timestamp\":1}}",
		`{"watermark":{"appid":"a","timestamp":1,"x":[{"y":{}}]},"z":[1,2,{"a":null}]}`,
		` {"watermark":{"appid":"a","timestamp":1}} `,
		`{"watermark":{"appid":"a","timestamp":1}}x`,
		`[{"watermark":{"appid":"a","timestamp":1}}]`,
		`null`, `{}`, `{"watermark":[]}`, ``,
	} {
		s.add("a", []byte(p))
	}
	s.done()
	f.Fuzz(func(t *testing.T, appID string, data []byte) {
		want, wantK := refParseWatermark(data)
		got, err := watermark.Parse(data)
		if kindOf(err) != wantK || got != want {
			t.Fatalf("Parse = %+v, %v; reference %+v, %s", got, err, want, wantK)
		}
		if appID == "" {
			appID = "a"
		}
		p := watermark.Policy{AppID: appID, SkipFreshness: true}
		if wantK == kindOK && want.AppID != appID {
			wantK = kindAppID
		}
		// On an appid error Verify may return the watermark it read or the
		// zero value; malformed data gives the zero value.
		got, err = p.Verify(data)
		if kindOf(err) != wantK || (got != want && (err == nil || got != watermark.Watermark{})) {
			t.Fatalf("Verify = %+v, %v; reference %+v, %s", got, err, want, wantK)
		}
	})
}

// FuzzWatermarkCheck checks the freshness rule, in seconds (WeChat) and in
// milliseconds (189 cloud), against a reference computed with big integers:
// with the clock truncated to the unit and the durations counted in whole
// units, now - MaxAge <= timestamp <= now + Skew. The clock ranges over
// ±2^40 seconds (some 35,000 years either side of 1970), the durations and
// the timestamp over all their values.
func FuzzWatermarkCheck(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		w, _ := refParseWatermark([]byte(c.Str("plaintext")))
		add(c.Str("appid"), w.AppID, w.Timestamp, c.Int("now"), uint32(0),
			c.Int("maxAge")*int64(time.Second), c.Int("skew")*int64(time.Second), false)
		add(c.Str("appid"), w.AppID, w.Timestamp*1000, c.Int("now"), uint32(999_999_999),
			c.Int("maxAge")*int64(time.Second), c.Int("skew")*int64(time.Second), true)
	}, "opendata.watermark")
	s.add("a", "a", int64(1_700_000_000), int64(1_700_000_600), uint32(0), int64(10*time.Minute), int64(time.Minute), false)
	s.add("a", "a", int64(1_700_000_000_000), int64(1_700_000_000), uint32(500_000_000), int64(0), int64(0), true)
	s.add("a", "a", int64(-1<<63), int64(-1<<40), uint32(0), int64(1<<63-1), int64(1<<63-1), true)
	s.add("a", "a", int64(1<<63-1), int64(1<<40), uint32(0), int64(1<<63-1), int64(1<<63-1), false)
	s.add("a", "b", int64(0), int64(0), uint32(0), int64(0), int64(0), false)
	s.add("", "", int64(0), int64(0), uint32(0), int64(-1), int64(0), false)
	s.done()
	f.Fuzz(func(t *testing.T, policyAppID, appID string, ts, nowSec int64, nowNsec uint32, maxAge, skew int64, millis bool) {
		now := time.Unix(nowSec%(1<<40), int64(nowNsec%1_000_000_000))
		p := watermark.Policy{
			AppID:  policyAppID,
			MaxAge: time.Duration(maxAge),
			Skew:   time.Duration(skew),
			Now:    func() time.Time { return now },
		}
		unit := time.Second
		check := func() error { return p.Check(watermark.Watermark{AppID: appID, Timestamp: ts}) }
		if millis {
			unit = time.Millisecond
			check = func() error { return p.CheckMillis(appID, ts) }
		}
		err := check()
		want := refCheck(p, appID, ts, unit)
		if kindOf(err) != want {
			t.Fatalf("check = %v; reference %s", err, want)
		}
		var te *watermark.TimeError
		if errors.As(err, &te) {
			var wantTime time.Time
			if millis {
				wantTime = time.UnixMilli(ts)
			} else {
				wantTime = time.Unix(ts, 0)
			}
			if !te.Timestamp.Equal(wantTime) || !te.Now.Equal(now) {
				t.Fatalf("TimeError %+v; want timestamp %v and now %v", te, wantTime, now)
			}
		}
		var ae *watermark.AppIDError
		if errors.As(err, &ae) && (ae.Expected != policyAppID || ae.Got != appID) {
			t.Fatalf("AppIDError %+v for policy %q and appid %q", ae, policyAppID, appID)
		}

		// SkipFreshness leaves only the appid.
		p.SkipFreshness = true
		err = check()
		if want := refCheck(p, appID, ts, unit); kindOf(err) != want {
			t.Fatalf("check without freshness = %v; reference %s", err, want)
		}
		if (p.Validate() == nil) != (policyAppID != "" && maxAge >= 0 && skew >= 0) {
			t.Fatalf("Validate = %v", p.Validate())
		}
	})
}
