package watermark

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
)

const demo = `{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`

const demoAppID, demoTS = "wx4f4bc4dec97d474b", 1477314187

func at(sec int64, nsec int64) func() time.Time {
	return func() time.Time { return time.Unix(sec, nsec) }
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Watermark
		err  string // substring of the error, "" for success
	}{
		{demo, Watermark{demoAppID, demoTS}, ""},
		{`{"watermark":{"appid":"a","timestamp":-5,"extra":[1,{"x":null}]},"more":true}`, Watermark{"a", -5}, ""},
		{" \n{ \"watermark\" : { \"appid\" : \"\\u0061\" , \"timestamp\" : 0 } }\n", Watermark{"a", 0}, ""},
		{`{"watermark":{"appid":"","timestamp":1}}`, Watermark{"", 1}, ""},
		{``, Watermark{}, "not valid JSON"},
		{`{"watermark":{"appid":"a","timestamp":1}`, Watermark{}, "not valid JSON"},
		{`{"watermark":{"appid":"a","timestamp":1}} x`, Watermark{}, "not valid JSON"},
		{`[]`, Watermark{}, "not a JSON object"},
		{`"text"`, Watermark{}, "not a JSON object"},
		{`42`, Watermark{}, "not a JSON object"},
		{`null`, Watermark{}, "no watermark"},
		{`{}`, Watermark{}, "no watermark"},
		{`{"watermark":null}`, Watermark{}, "no watermark"},
		{`{"watermark":"wx"}`, Watermark{}, `field "watermark" has the wrong type`},
		{`{"watermark":[]}`, Watermark{}, `wrong type`},
		{`{"watermark":{"timestamp":1}}`, Watermark{}, "no appid"},
		{`{"watermark":{"appid":null,"timestamp":1}}`, Watermark{}, "no appid"},
		{`{"watermark":{"appid":7,"timestamp":1}}`, Watermark{}, `field "watermark.appid" has the wrong type`},
		{`{"watermark":{"appid":"a"}}`, Watermark{}, "no timestamp"},
		{`{"watermark":{"appid":"a","timestamp":null}}`, Watermark{}, "no timestamp"},
		{`{"watermark":{"appid":"a","timestamp":"1477314187"}}`, Watermark{}, "wrong type"},
		{`{"watermark":{"appid":"a","timestamp":1.5}}`, Watermark{}, "wrong type"},
		{`{"watermark":{"appid":"a","timestamp":1e9}}`, Watermark{}, "wrong type"},
		{`{"watermark":{"appid":"a","timestamp":99999999999999999999}}`, Watermark{}, "wrong type"},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.in))
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("Parse(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Parse(%s) error = %v; want ErrMalformed with %q", tt.in, err, tt.err)
		}
	}
}

func TestParseHidesData(t *testing.T) {
	// encoding/json would quote the bad character or number; we must not.
	for _, in := range []string{`{"watermark":Zsecret}`, `{"watermark":{"appid":"a","timestamp":123456789.5}}`} {
		_, err := Parse([]byte(in))
		if err == nil || strings.Contains(err.Error(), "Z") || strings.Contains(err.Error(), "123456789") {
			t.Errorf("Parse(%s) error %q quotes the data", in, err)
		}
	}
}

func TestCheckWindow(t *testing.T) {
	p := Policy{AppID: demoAppID, MaxAge: 300 * time.Second, Skew: 60 * time.Second, Now: at(1000, 0)}
	for _, tt := range []struct {
		ts   int64
		want error
	}{
		{700, nil}, // exactly now - maxAge
		{699, ErrTooOld},
		{1000, nil},
		{1060, nil}, // exactly now + skew
		{1061, ErrFuture},
		{math.MinInt64, ErrTooOld},
		{math.MaxInt64, ErrFuture},
	} {
		err := p.Check(Watermark{demoAppID, tt.ts})
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("timestamp %d: %v, want %v", tt.ts, err, tt.want)
		}
		var te *TimeError
		if tt.want != nil && (!errors.As(err, &te) || te.Err != tt.want) {
			t.Errorf("timestamp %d: %v is not a *TimeError", tt.ts, err)
		}
	}
}

func TestCheckMillisSameRule(t *testing.T) {
	// 189 cloud: the same window, counted in milliseconds.
	p := Policy{AppID: "0e0d8b62", MaxAge: 2 * time.Second, Skew: 500 * time.Millisecond, Now: at(1578042800, 57e6)}
	const now = 1578042800057
	for _, tt := range []struct {
		ms   int64
		want error
	}{
		{now, nil},
		{now - 2000, nil},
		{now - 2001, ErrTooOld},
		{now + 500, nil},
		{now + 501, ErrFuture},
		{now / 1000, ErrTooOld}, // seconds where milliseconds are expected
	} {
		if err := p.CheckMillis("0e0d8b62", tt.ms); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("CheckMillis(%d) = %v, want %v", tt.ms, err, tt.want)
		}
	}
}

func TestZeroWindowAndSubsecondClock(t *testing.T) {
	// MaxAge and Skew of zero mean zero: only "now" passes. The clock is
	// compared at the timestamp's resolution.
	p := Policy{AppID: "a", Now: at(500, 999_999_999)}
	for ts, want := range map[int64]error{499: ErrTooOld, 500: nil, 501: ErrFuture} {
		if err := p.Check(Watermark{"a", ts}); !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("ts %d: %v, want %v", ts, err, want)
		}
	}
}

func TestAppIDAndPolicy(t *testing.T) {
	p := NewPolicy(demoAppID)
	p.Now = at(demoTS, 0)
	err := p.Check(Watermark{"wxdaa2ab9ef87b5497", demoTS})
	var ae *AppIDError
	if !errors.As(err, &ae) || ae.Expected != demoAppID || ae.Got != "wxdaa2ab9ef87b5497" || !errors.Is(err, ErrAppID) {
		t.Fatalf("other appid: %v", err)
	}
	if !strings.Contains(err.Error(), demoAppID) {
		t.Errorf("message %q does not say which appid was expected", err)
	}
	if err := p.Check(Watermark{strings.ToUpper(demoAppID), demoTS}); !errors.Is(err, ErrAppID) {
		t.Errorf("appid compared without case: %v", err)
	}
	// The appid is checked even when freshness is off.
	p.SkipFreshness = true
	if err := p.Check(Watermark{"wx0", demoTS}); !errors.Is(err, ErrAppID) {
		t.Errorf("SkipFreshness skipped the appid: %v", err)
	}
	if err := p.Check(Watermark{demoAppID, 0}); err != nil {
		t.Errorf("SkipFreshness: %v", err)
	}
	for _, bad := range []Policy{{}, {AppID: "a", MaxAge: -1}, {AppID: "a", Skew: -1}} {
		if _, err := bad.Verify([]byte(demo)); !errors.Is(err, ErrPolicy) {
			t.Errorf("%+v: %v, want ErrPolicy", bad, err)
		}
	}
}

func TestNewPolicyDefaults(t *testing.T) {
	p := NewPolicy(demoAppID)
	if p.MaxAge != DefaultMaxAge || p.Skew != DefaultSkew || p.SkipFreshness || p.Now != nil || p.AppID != demoAppID {
		t.Fatalf("NewPolicy = %+v", p)
	}
	// The system clock is used when Now is nil: the demo's 2016 data is
	// long expired.
	if _, err := p.Verify([]byte(demo)); !errors.Is(err, ErrTooOld) {
		t.Fatalf("demo data with the system clock: %v, want ErrTooOld", err)
	}
}

func TestCheckWindowExact(t *testing.T) {
	// Against math/big on values at and around the int64 limits, where
	// now - maxAge and now + skew overflow.
	edges := []int64{math.MinInt64, math.MinInt64 + 1, -1 << 40, -3601, -3600, -1, 0, 1, 3600, 1 << 40, math.MaxInt64 - 1, math.MaxInt64}
	for _, ts := range edges {
		for _, now := range edges {
			for _, maxAge := range edges {
				for _, skew := range edges {
					T, N := big.NewInt(ts), big.NewInt(now)
					lo := new(big.Int).Sub(N, big.NewInt(maxAge))
					hi := new(big.Int).Add(N, big.NewInt(skew))
					var want error
					switch {
					case T.Cmp(lo) < 0:
						want = ErrTooOld
					case T.Cmp(hi) > 0:
						want = ErrFuture
					}
					if got := CheckWindow(ts, now, maxAge, skew); got != want {
						t.Fatalf("CheckWindow(%d, %d, %d, %d) = %v, want %v", ts, now, maxAge, skew, got, want)
					}
				}
			}
		}
	}
}

func TestAbsurdClocksSaturate(t *testing.T) {
	// A clock beyond the millisecond range saturates instead of wrapping
	// into the window.
	far := Policy{AppID: "a", MaxAge: time.Hour, Now: func() time.Time { return time.Unix(math.MaxInt64/1000+1, 0) }}
	if err := far.CheckMillis("a", 0); !errors.Is(err, ErrTooOld) {
		t.Errorf("far future clock: %v, want ErrTooOld", err)
	}
	past := Policy{AppID: "a", Skew: time.Hour, Now: func() time.Time { return time.Unix(math.MinInt64/1000-1, 0) }}
	if err := past.CheckMillis("a", 0); !errors.Is(err, ErrFuture) {
		t.Errorf("far past clock: %v, want ErrFuture", err)
	}
}
