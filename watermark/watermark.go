// Package watermark checks the watermark that WeChat puts in every piece of
// decrypted open data: the appid it was made for and the time it was made.
//
// Decrypted open data is a JSON object carrying
//
//	"watermark": {"appid": "wx...", "timestamp": 1477314187}
//
// with the timestamp in unix seconds. The platform asks developers to compare
// the appid with their own and to use the timestamp to judge freshness. A
// [Policy] does both: the appid must be equal, and the timestamp must satisfy
//
//	now - MaxAge <= timestamp <= now + Skew
//
// China Telecom 189 cloud mini-apps send the same two facts, with the
// timestamp in milliseconds; [Policy.CheckMillis] applies the same rule to
// them.
//
// New fields may appear in decrypted data at any time: unknown fields are
// never an error. JSON is read with encoding/json's rules.
package watermark

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/wxcrypto/wxcrypto/internal/jsonerr"
)

// Defaults used by NewPolicy.
const (
	// DefaultMaxAge is how old a watermark NewPolicy accepts. Open data is
	// produced when the user taps a button and reaches the back end within
	// seconds; ten minutes leaves room for retries and slow networks while
	// stopping the replay of old captures.
	DefaultMaxAge = 10 * time.Minute
	// DefaultSkew is how far in the future NewPolicy accepts a watermark,
	// for the difference between the platform's clock and ours.
	DefaultSkew = time.Minute
)

var (
	// ErrMalformed means the data is not a JSON object with a watermark
	// object holding a string appid and an integer timestamp.
	ErrMalformed = errors.New("watermark: missing or malformed watermark")
	// ErrAppID means the watermark names another appid. The error is an
	// *AppIDError.
	ErrAppID = errors.New("watermark: appid mismatch")
	// ErrTooOld means the timestamp is older than the policy's MaxAge. The
	// error is a *TimeError.
	ErrTooOld = errors.New("watermark: timestamp too old")
	// ErrFuture means the timestamp is further in the future than the
	// policy's Skew. The error is a *TimeError.
	ErrFuture = errors.New("watermark: timestamp in the future")
	// ErrPolicy means the policy itself is unusable: no appid, or a negative
	// duration.
	ErrPolicy = errors.New("watermark: invalid policy")
)

// AppIDError reports a watermark made for another mini-program. Appids are
// public identifiers, so both are shown.
type AppIDError struct {
	Expected string // the policy's appid
	Got      string // the watermark's appid
}

// Error names both appids.
func (e *AppIDError) Error() string {
	return fmt.Sprintf("watermark: appid mismatch: expected %q, data is for %q", e.Expected, e.Got)
}

// Unwrap returns ErrAppID.
func (e *AppIDError) Unwrap() error { return ErrAppID }

// TimeError reports a timestamp outside the accepted window.
type TimeError struct {
	Err       error     // ErrTooOld or ErrFuture
	Timestamp time.Time // the watermark's time
	Now       time.Time // the policy's clock when checked
}

// Error gives the timestamp and how far it is from the clock.
func (e *TimeError) Error() string {
	d := e.Now.Sub(e.Timestamp)
	if e.Err == ErrFuture {
		return fmt.Sprintf("%v: %s is %v ahead of the clock", e.Err, e.Timestamp.UTC().Format(time.RFC3339), -d)
	}
	return fmt.Sprintf("%v: %s is %v old", e.Err, e.Timestamp.UTC().Format(time.RFC3339), d)
}

// Unwrap returns ErrTooOld or ErrFuture.
func (e *TimeError) Unwrap() error { return e.Err }

// Watermark is what the platform stamps into decrypted open data.
type Watermark struct {
	AppID     string `json:"appid"`
	Timestamp int64  `json:"timestamp"` // unix seconds
}

// Time returns the timestamp as a time.Time.
func (w Watermark) Time() time.Time { return time.Unix(w.Timestamp, 0) }

// Policy says which watermarks to accept. Build one with NewPolicy and
// adjust it, or write it out in full: a zero MaxAge or Skew means zero, not a
// default. A Policy is a value; it is safe for concurrent use as long as Now
// is.
type Policy struct {
	// AppID is your mini-program's appid. It is required and always checked.
	AppID string
	// MaxAge is how old a timestamp may be.
	MaxAge time.Duration
	// Skew is how far in the future a timestamp may be.
	Skew time.Duration
	// SkipFreshness turns the timestamp check off. The appid is still
	// checked, and a timestamp must still be present.
	SkipFreshness bool
	// Now returns the current time; nil means time.Now. Tests and replays of
	// old payloads set it.
	Now func() time.Time
}

// NewPolicy returns the policy for appID with DefaultMaxAge, DefaultSkew and
// the system clock.
func NewPolicy(appID string) Policy {
	return Policy{AppID: appID, MaxAge: DefaultMaxAge, Skew: DefaultSkew}
}

// Validate reports whether the policy can be used: it needs an appid and no
// negative durations.
func (p Policy) Validate() error {
	switch {
	case p.AppID == "":
		return fmt.Errorf("%w: no appid", ErrPolicy)
	case p.MaxAge < 0:
		return fmt.Errorf("%w: negative MaxAge", ErrPolicy)
	case p.Skew < 0:
		return fmt.Errorf("%w: negative Skew", ErrPolicy)
	}
	return nil
}

// Verify reads the watermark of decrypted open data and checks it against
// the policy. It returns the watermark when both checks pass.
func (p Policy) Verify(plaintext []byte) (Watermark, error) {
	if err := p.Validate(); err != nil {
		return Watermark{}, err
	}
	w, err := Parse(plaintext)
	if err != nil {
		return Watermark{}, err
	}
	return w, p.Check(w)
}

// Check verifies a watermark whose timestamp is in seconds, as WeChat sends
// it.
func (p Policy) Check(w Watermark) error {
	return p.check(w.AppID, w.Timestamp, time.Second)
}

// CheckMillis verifies an appid and a timestamp in milliseconds, as 189
// cloud mini-apps send them.
func (p Policy) CheckMillis(appID string, timestampMillis int64) error {
	return p.check(appID, timestampMillis, time.Millisecond)
}

// check applies the policy to an appid and a timestamp counted in unit.
func (p Policy) check(appID string, ts int64, unit time.Duration) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if appID != p.AppID {
		return &AppIDError{Expected: p.AppID, Got: appID}
	}
	if p.SkipFreshness {
		return nil
	}
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	// The clock, truncated to the timestamp's unit; a clock beyond the
	// int64 range of milliseconds (some 292 million years) saturates.
	perSecond := int64(time.Second / unit)
	nowUnits := now.Unix()
	switch {
	case nowUnits > math.MaxInt64/perSecond:
		nowUnits = math.MaxInt64
	case nowUnits < math.MinInt64/perSecond:
		nowUnits = math.MinInt64
	default:
		nowUnits = nowUnits*perSecond + int64(now.Nanosecond())/int64(unit)
	}
	if err := CheckWindow(ts, nowUnits, int64(p.MaxAge/unit), int64(p.Skew/unit)); err != nil {
		return &TimeError{Err: err, Timestamp: unitTime(ts, unit), Now: now}
	}
	return nil
}

// CheckWindow is the freshness rule itself, on integers counted in one
// unit (seconds for WeChat, milliseconds for 189 cloud): it returns nil if
// now - maxAge <= ts <= now + skew, ErrTooOld if ts is below the window and
// ErrFuture if it is above. It is exact for every int64 input: the bounds
// are compared as mathematical integers, never wrapped.
func CheckWindow(ts, now, maxAge, skew int64) error {
	// ts < now - maxAge, without computing now - maxAge when it overflows.
	switch {
	case maxAge >= 0 && now >= math.MinInt64+maxAge, maxAge < 0 && now <= math.MaxInt64+maxAge:
		if ts < now-maxAge {
			return ErrTooOld
		}
	case maxAge < 0: // the lower bound is above every int64
		return ErrTooOld
	}
	// ts > now + skew, likewise.
	switch {
	case skew >= 0 && now <= math.MaxInt64-skew, skew < 0 && now >= math.MinInt64-skew:
		if ts > now+skew {
			return ErrFuture
		}
	case skew < 0: // the upper bound is below every int64
		return ErrFuture
	}
	return nil
}

func unitTime(ts int64, unit time.Duration) time.Time {
	if unit == time.Millisecond {
		return time.UnixMilli(ts)
	}
	return time.Unix(ts, 0)
}

// Parse reads the watermark from decrypted open data: a JSON object with a
// "watermark" object holding a string "appid" and an integer "timestamp".
// Other fields are ignored. Errors match ErrMalformed; they describe the
// problem without quoting the data, which is private.
func Parse(plaintext []byte) (Watermark, error) {
	var v struct {
		Watermark *struct {
			AppID     *string `json:"appid"`
			Timestamp *int64  `json:"timestamp"`
		} `json:"watermark"`
	}
	if err := json.Unmarshal(plaintext, &v); err != nil {
		return Watermark{}, fmt.Errorf("%w: %s", ErrMalformed, jsonerr.Describe(err))
	}
	switch w := v.Watermark; {
	case w == nil:
		return Watermark{}, fmt.Errorf("%w: no watermark object", ErrMalformed)
	case w.AppID == nil:
		return Watermark{}, fmt.Errorf("%w: no appid", ErrMalformed)
	case w.Timestamp == nil:
		return Watermark{}, fmt.Errorf("%w: no timestamp", ErrMalformed)
	default:
		return Watermark{AppID: *w.AppID, Timestamp: *w.Timestamp}, nil
	}
}
