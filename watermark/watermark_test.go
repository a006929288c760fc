package watermark

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const demo = `{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`

const demoAppID, demoTS = "wx4f4bc4dec97d474b", 1477314187

func at(sec int64, nsec int64) func() time.Time {
	return func() time.Time { return time.Unix(sec, nsec) }
}

// class names the sentinel an error matches, for table comparisons.
func class(err error) string {
	for _, s := range []error{ErrPolicy, ErrMalformed, ErrAppID, ErrTooOld, ErrFuture} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	if err != nil {
		return "unexpected: " + err.Error()
	}
	return "ok"
}

func TestVerifyStrict(t *testing.T) {
	p := Policy{AppID: "a", SkipFreshness: true}
	for _, tt := range []struct {
		in   string
		want error
	}{
		{`{"watermark":{"appid":"a","timestamp":1}}`, nil},
		{`{"water\u006dark":{"appid":"\u0061","timestamp":-1},"x":{"watermark":{"appid":"b"}}}`, nil},
		// The document: encoding/json merges the two, others keep the last.
		{`{"watermark":{"appid":"evil","timestamp":1},"watermark":{"appid":"a"}}`, ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":1},"watermark":{"appid":"a","timestamp":1}}`, ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":1,"appid":"a"}}`, ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":1,"timestamp":1}}`, ErrMalformed},
		{`{"Watermark":{"appid":"a","timestamp":1}}`, ErrMalformed},
		{`{"watermark":{"APPID":"a","appid":"a","timestamp":1}}`, ErrMalformed},
		{"{\"watermark\":{\"appid\":\"a\",\"time\u017ftamp\":1}}", ErrMalformed},
		{"{\"watermar\u212a\":{},\"watermark\":{\"appid\":\"a\",\"timestamp\":1}}", ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":1e0}}`, ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":9223372036854775808}}`, ErrMalformed},
		{`{"watermark":{"appid":"a\ud800","timestamp":1}}`, ErrMalformed},
		{"{\"watermark\":{\"appid\":\"a\xff\",\"timestamp\":1}}", ErrMalformed},
		{`{"watermark":{"appid":"a","timestamp":1}} x`, ErrMalformed},
		{`[]`, ErrMalformed},
		{``, ErrMalformed},
		{`{"watermark":{"appid":"b","timestamp":1}}`, ErrAppID},
	} {
		w, err := p.Verify([]byte(tt.in))
		if got, want := class(err), class(tt.want); got != want {
			t.Errorf("Verify(%s) = %v, want %v", tt.in, err, want)
		}
		if err != nil && w != (Watermark{}) {
			t.Errorf("Verify(%s) returned %+v with its error", tt.in, w)
		}
	}
}

func TestMalformedSaysNothing(t *testing.T) {
	// Not JSON, JSON that is not an object, and an object without a
	// watermark give one message with no position or content.
	p := Policy{AppID: "a", SkipFreshness: true}
	for _, in := range []string{`{"watermark":Zsecret}`, `{"phone":"13812345678"`, `[1]`, `{"watermark":{"appid":"a","timestamp":123456789.5}}`, `{}`} {
		_, err := p.Verify([]byte(in))
		if err == nil || err.Error() != ErrMalformed.Error() {
			t.Errorf("Verify(%s) = %v, want exactly %v", in, err, ErrMalformed)
		}
	}
}

func TestVerifyDemo(t *testing.T) {
	p := NewPolicy(demoAppID)
	p.Now = at(demoTS+60, 0)
	w, err := p.Verify([]byte(demo))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Watermark{demoAppID, demoTS}, w); diff != "" {
		t.Fatalf("Verify (-want +got):\n%s", diff)
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
		if got, want := class(p.Check(Watermark{demoAppID, tt.ts})), class(tt.want); got != want {
			t.Errorf("timestamp %d: %v, want %v", tt.ts, got, want)
		}
	}
}

func TestCheckMillisSameRule(t *testing.T) {
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
		if got, want := class(p.CheckMillis("0e0d8b62", tt.ms)), class(tt.want); got != want {
			t.Errorf("CheckMillis(%d) = %v, want %v", tt.ms, got, want)
		}
	}
}

func TestSubsecondClock(t *testing.T) {
	// The clock is compared at the timestamp's resolution.
	p := Policy{AppID: "a", MaxAge: time.Second, Now: at(500, 999_999_999)}
	for ts, want := range map[int64]error{498: ErrTooOld, 499: nil, 500: nil, 501: ErrFuture} {
		if got := class(p.Check(Watermark{"a", ts})); got != class(want) {
			t.Errorf("ts %d: %v, want %v", ts, got, class(want))
		}
	}
}

func TestZeroMaxAgeRefused(t *testing.T) {
	// The natural literal must not quietly mean "this second only".
	p := Policy{AppID: demoAppID, Now: at(demoTS+2, 0)}
	if err := p.Validate(); !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "NewPolicy") {
		t.Fatalf("Validate of Policy{AppID: id} = %v, want ErrPolicy naming NewPolicy", err)
	}
	if _, err := p.Verify([]byte(demo)); !errors.Is(err, ErrPolicy) {
		t.Fatalf("Verify = %v, want ErrPolicy", err)
	}
	p.SkipFreshness = true
	if err := p.Validate(); err != nil {
		t.Fatalf("zero MaxAge with SkipFreshness: %v", err)
	}
}

func TestAppIDAndPolicy(t *testing.T) {
	p := NewPolicy(demoAppID)
	p.Now = at(demoTS, 0)
	err := p.Check(Watermark{"wxdaa2ab9ef87b5497", demoTS})
	if want := `watermark: appid mismatch: expected "wx4f4bc4dec97d474b", data is for "wxdaa2ab9ef87b5497"`; err == nil || err.Error() != want || !errors.Is(err, ErrAppID) {
		t.Fatalf("other appid: %v, want %s", err, want)
	}
	if err := p.Check(Watermark{strings.ToUpper(demoAppID), demoTS}); !errors.Is(err, ErrAppID) {
		t.Errorf("appid compared without case: %v", err)
	}
	p.SkipFreshness = true
	if err := p.Check(Watermark{"wx0", demoTS}); !errors.Is(err, ErrAppID) {
		t.Errorf("SkipFreshness skipped the appid: %v", err)
	}
	if err := p.Check(Watermark{demoAppID, math.MinInt64}); err != nil {
		t.Errorf("SkipFreshness: %v", err)
	}
	for _, bad := range []Policy{{}, {AppID: "a", MaxAge: -1}, {AppID: "a", MaxAge: 1, Skew: -1}, {AppID: "a"}} {
		if _, err := bad.Verify([]byte(demo)); !errors.Is(err, ErrPolicy) {
			t.Errorf("%+v: %v, want ErrPolicy", bad, err)
		}
		if err := bad.CheckMillis("a", 0); !errors.Is(err, ErrPolicy) {
			t.Errorf("%+v: CheckMillis %v, want ErrPolicy", bad, err)
		}
	}
}

func TestAppIDErrorBounded(t *testing.T) {
	p := Policy{AppID: "a", SkipFreshness: true}
	long := strings.Repeat("x", 63) + "微" + strings.Repeat("y", 4<<20)
	err := p.CheckMillis(long, 0)
	want := `watermark: appid mismatch: expected "a", data is for "` + strings.Repeat("x", 63) + `"... (4194370 bytes)`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %.200q,\nwant %q", err, want)
	}
	// Quoted: control characters and quotes cannot forge the message.
	err = p.CheckMillis("b\", data is for \"a\n", 0)
	if want := `watermark: appid mismatch: expected "a", data is for "b\", data is for \"a\n"`; err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
}

func TestNewPolicyDefaults(t *testing.T) {
	p := NewPolicy(demoAppID)
	if diff := cmp.Diff(Policy{AppID: demoAppID, MaxAge: DefaultMaxAge, Skew: DefaultSkew}, p); diff != "" {
		t.Fatalf("NewPolicy (-want +got):\n%s", diff)
	}
	// The system clock is used when Now is nil: the demo's 2016 data is
	// long expired.
	if _, err := p.Verify([]byte(demo)); !errors.Is(err, ErrTooOld) {
		t.Fatalf("demo data with the system clock: %v, want ErrTooOld", err)
	}
}

// refClass is the rule on math/big, for a clock given as a time.Time.
func refClass(ts int64, now time.Time, maxAge, skew time.Duration, perSecond int64) string {
	unit := time.Second / time.Duration(perSecond)
	n := new(big.Int).Mul(big.NewInt(now.Unix()), big.NewInt(perSecond))
	n.Add(n, big.NewInt(int64(now.Nanosecond())/int64(unit)))
	lo := new(big.Int).Sub(n, big.NewInt(int64(maxAge/unit)))
	hi := new(big.Int).Add(n, big.NewInt(int64(skew/unit)))
	switch t := big.NewInt(ts); {
	case t.Cmp(lo) < 0:
		return class(ErrTooOld)
	case t.Cmp(hi) > 0:
		return class(ErrFuture)
	}
	return class(nil)
}

func TestCheckExact(t *testing.T) {
	// The whole int64 range of timestamps and clocks, where now*1000 and
	// now ± MaxAge overflow.
	secs := []int64{math.MinInt64, math.MinInt64 + 1, math.MinInt64/1000 - 1, math.MinInt64 / 1000, -1, 0, 1, demoTS,
		math.MaxInt64 / 1000, math.MaxInt64/1000 + 1, math.MaxInt64 - 1, math.MaxInt64}
	tss := append([]int64{math.MinInt64 / 1000 * 1000, math.MaxInt64/1000*1000 - 1, math.MaxInt64 - 600_000}, secs...)
	for _, sec := range secs {
		for _, nsec := range []int64{0, 807_999_999, 808_000_000, 999_999_999} {
			now := time.Unix(sec, nsec)
			if now.Unix() != sec {
				t.Fatalf("time.Unix(%d).Unix() = %d", sec, now.Unix())
			}
			for _, d := range []time.Duration{time.Nanosecond, time.Second, time.Hour, math.MaxInt64} {
				p := Policy{AppID: "a", MaxAge: d, Skew: d / 2, Now: func() time.Time { return now }}
				for _, ts := range tss {
					if got, want := class(p.Check(Watermark{"a", ts})), refClass(ts, now, d, d/2, 1); got != want {
						t.Fatalf("Check(%d) at %d.%09d, MaxAge %v: %v, want %v", ts, sec, nsec, d, got, want)
					}
					if got, want := class(p.CheckMillis("a", ts)), refClass(ts, now, d, d/2, 1000); got != want {
						t.Fatalf("CheckMillis(%d) at %d.%09d, MaxAge %v: %v, want %v", ts, sec, nsec, d, got, want)
					}
				}
			}
		}
	}
}

func TestMillisSaturationBoundary(t *testing.T) {
	// A clock of MaxInt64/1000 s and more than 807 ms is past the int64
	// range of milliseconds; MinInt64 ms must stay too old.
	p := Policy{AppID: "a", MaxAge: time.Hour, Skew: time.Minute, Now: at(math.MaxInt64/1000, 808_000_000)}
	if err := p.CheckMillis("a", math.MinInt64); !errors.Is(err, ErrTooOld) {
		t.Fatalf("CheckMillis(MinInt64) = %v, want ErrTooOld", err)
	}
	if err := p.CheckMillis("a", math.MaxInt64); err != nil {
		t.Fatalf("CheckMillis(MaxInt64), 1 ms old: %v", err)
	}
	far := Policy{AppID: "a", MaxAge: time.Hour, Now: at(math.MaxInt64/1000+1, 0)}
	if err := far.CheckMillis("a", 0); !errors.Is(err, ErrTooOld) {
		t.Errorf("far future clock: %v, want ErrTooOld", err)
	}
	past := Policy{AppID: "a", MaxAge: time.Hour, Skew: time.Hour, Now: at(math.MinInt64/1000-1, 0)}
	if err := past.CheckMillis("a", 0); !errors.Is(err, ErrFuture) {
		t.Errorf("far past clock: %v, want ErrFuture", err)
	}
}

func TestTimeErrorText(t *testing.T) {
	now := at(1700000000, 0)
	p := Policy{AppID: "a", MaxAge: 5 * time.Minute, Skew: time.Minute, Now: now}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{p.Check(Watermark{"a", 1700000000 - 3600}), "watermark: timestamp too old: 2023-11-14T21:13:20Z is 1h0m0s old"},
		{p.Check(Watermark{"a", 1700000000 + 90}), "watermark: timestamp in the future: 2023-11-14T22:14:50Z is 1m30s ahead of the clock"},
		{p.CheckMillis("a", 1700000000_000-301_500), "watermark: timestamp too old: 2023-11-14T22:08:18.500Z is 5m1.5s old"},
		{p.CheckMillis("a", 1700000000_000+61_001), "watermark: timestamp in the future: 2023-11-14T22:14:21.001Z is 1m1.001s ahead of the clock"},
		// A millisecond timestamp on the seconds path (a mock server's Date.now()).
		{p.Check(Watermark{"a", 1700000000_000}), "watermark: timestamp in the future: unix time 1700000000000 seconds is 1698300000000 seconds (some 53816 years) ahead of the clock; is it in milliseconds?"},
		{p.Check(Watermark{"a", 1700000000}), ""},
		{p.Check(Watermark{"a", math.MaxInt64}), "watermark: timestamp in the future: unix time 9223372036854775807 seconds is 9223372035154775807 seconds (some 292277024573 years) ahead of the clock; is it in milliseconds?"},
		{p.Check(Watermark{"a", math.MinInt64}), "watermark: timestamp too old: unix time -9223372036854775808 seconds is 9223372038554775808 seconds (some 292277024680 years) old"},
		{p.CheckMillis("a", 0), "watermark: timestamp too old: 1970-01-01T00:00:00.000Z is 472222h13m20s old"},
		{p.CheckMillis("a", math.MinInt64), "watermark: timestamp too old: unix time -9223372036854775808 milliseconds is 9223373736854775808 milliseconds (some 292277078 years) old"},
		{p.Check(Watermark{"a", 0}), "watermark: timestamp too old: 1970-01-01T00:00:00Z is 472222h13m20s old"},
	} {
		got := ""
		if tt.err != nil {
			got = tt.err.Error()
		}
		if got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
