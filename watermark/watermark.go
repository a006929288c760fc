// Package watermark checks the watermark that WeChat puts in every piece of
// decrypted open data: the appid it was made for and the time it was made,
//
//	{..., "watermark": {"appid": "wx4f4bc4dec97d474b", "timestamp": 1477314187}}
//
// with the timestamp in unix seconds. A [Policy] accepts it when the appid
// is its own and
//
//	now - MaxAge <= timestamp <= now + Skew
//
// computed exactly for every int64. 189 cloud mini-apps send the same two
// facts with the timestamp in milliseconds ([Policy.CheckMillis]).
//
// The trap: JSON parsers disagree on duplicate and case-folded member names,
// so a lax reading lets {"watermark":{...},"watermark":{...}} say one thing
// here and another elsewhere. The watermark is read by a strict rule that
// every parser agrees on: one JSON object in UTF-8, exactly one member named
// exactly "watermark" holding exactly one string "appid" and one integer
// "timestamp", and no other member whose name folds to one of those three.
// Unknown members are never an error. The details are in spec/algorithms.md,
// section 2.
package watermark

import (
	"errors"
	"fmt"
	"math/big"
	"time"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/internal/wmjson"
	"github.com/wxcrypto/wxcrypto/internal/wmtime"
)

// Defaults used by NewPolicy.
const (
	// DefaultMaxAge is how old a watermark NewPolicy accepts: open data
	// reaches the back end seconds after the user's tap; ten minutes leaves
	// room for retries while stopping the replay of old captures.
	DefaultMaxAge = 10 * time.Minute
	// DefaultSkew is how far in the future NewPolicy accepts a watermark,
	// for the difference between the platform's clock and ours.
	DefaultSkew = time.Minute
)

var (
	// ErrMalformed means the data is not a JSON object with exactly one
	// well-formed watermark. Its message is the same for every reason, so
	// that it says nothing about the plaintext.
	ErrMalformed = errors.New("watermark: missing or malformed watermark")
	// ErrAppID means the watermark names another appid; the message quotes
	// both (the data's cut to 64 bytes).
	ErrAppID = errors.New("watermark: appid mismatch")
	// ErrTooOld means the timestamp is older than the policy's MaxAge.
	ErrTooOld = errors.New("watermark: timestamp too old")
	// ErrFuture means the timestamp is further in the future than the
	// policy's Skew.
	ErrFuture = errors.New("watermark: timestamp in the future")
	// ErrPolicy means the policy itself is unusable.
	ErrPolicy = errors.New("watermark: invalid policy")
)

// Watermark is what the platform stamps into decrypted open data.
type Watermark struct {
	AppID     string `json:"appid"`
	Timestamp int64  `json:"timestamp"` // unix seconds
}

// Time returns the timestamp as a time.Time.
func (w Watermark) Time() time.Time { return time.Unix(w.Timestamp, 0) }

// Policy says which watermarks to accept. Build one with NewPolicy and
// adjust it. MaxAge must be positive unless SkipFreshness is set: the
// literal Policy{AppID: id} is refused rather than read as "data of this
// very second only". A Policy is a value; it is safe for concurrent use as
// long as Now is.
type Policy struct {
	// AppID is your mini-program's appid. It is required and always checked.
	AppID string
	// MaxAge is how old a timestamp may be, counted in whole units of the
	// timestamp (seconds, or milliseconds for CheckMillis).
	MaxAge time.Duration
	// Skew is how far in the future a timestamp may be; zero means none.
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

// Validate reports whether the policy can be used: it needs an appid, no
// negative durations, and a positive MaxAge unless SkipFreshness is set.
func (p Policy) Validate() error {
	switch {
	case p.AppID == "":
		return fmt.Errorf("%w: no appid", ErrPolicy)
	case p.MaxAge < 0:
		return fmt.Errorf("%w: negative MaxAge", ErrPolicy)
	case p.Skew < 0:
		return fmt.Errorf("%w: negative Skew", ErrPolicy)
	case p.MaxAge == 0 && !p.SkipFreshness:
		return fmt.Errorf("%w: zero MaxAge (NewPolicy sets the defaults; SkipFreshness turns the check off)", ErrPolicy)
	}
	return nil
}

// Verify reads the watermark of decrypted open data and checks it against
// the policy. It returns the watermark when both checks pass.
func (p Policy) Verify(plaintext []byte) (Watermark, error) {
	if err := p.Validate(); err != nil {
		return Watermark{}, err
	}
	appID, ts, err := wmjson.Scan(plaintext)
	if err != nil {
		return Watermark{}, ErrMalformed
	}
	w := Watermark{AppID: appID, Timestamp: ts}
	if err := p.Check(w); err != nil {
		return Watermark{}, err
	}
	return w, nil
}

// Check verifies a watermark whose timestamp is in seconds, as WeChat sends
// it.
func (p Policy) Check(w Watermark) error {
	return p.check(w.AppID, w.Timestamp, 1)
}

// CheckMillis verifies an appid and a timestamp in milliseconds, as 189
// cloud mini-apps send them.
func (p Policy) CheckMillis(appID string, timestampMillis int64) error {
	return p.check(appID, timestampMillis, 1000)
}

// check applies the policy to an appid and a timestamp counted in units of
// 1/perSecond seconds.
func (p Policy) check(appID string, ts, perSecond int64) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if appID != p.AppID {
		return fmt.Errorf("%w: expected %q, data is for %s", ErrAppID, p.AppID, quoteBounded(appID))
	}
	if p.SkipFreshness {
		return nil
	}
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	// The clock is truncated to the unit, the durations counted in whole
	// units; the rest is exact integer arithmetic.
	unit := time.Second / time.Duration(perSecond)
	sec, sub := now.Unix(), int64(now.Nanosecond())/int64(unit)
	switch wmtime.WindowAt(ts, sec, sub, perSecond, int64(p.MaxAge/unit), int64(p.Skew/unit)) {
	case wmtime.TooOld:
		return timeError(ErrTooOld, ts, sec, sub, perSecond)
	case wmtime.Future:
		return timeError(ErrFuture, ts, sec, sub, perSecond)
	}
	return nil
}

// maxQuoted bounds how much of an attacker's appid an error keeps.
const maxQuoted = 64

// quoteBounded quotes s, cut to maxQuoted bytes at a rune boundary. The
// result is a new string: an error never keeps the plaintext alive.
func quoteBounded(s string) string {
	if len(s) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%q... (%d bytes)", s[:n], len(s))
}

// timeError describes a timestamp outside the window: when it was made and
// how far that is from the clock, both from the exact integers.
func timeError(sentinel error, ts, sec, sub, perSecond int64) error {
	now := new(big.Int).Mul(big.NewInt(sec), big.NewInt(perSecond))
	now.Add(now, big.NewInt(sub))
	d := now.Sub(now, big.NewInt(ts)) // age; negative for the future
	how := "old"
	if sentinel == ErrFuture {
		d.Neg(d)
		how = "ahead of the clock"
	}
	unit := time.Second / time.Duration(perSecond)
	var dist string
	if d.IsInt64() && d.Int64() <= int64(time.Duration(1<<63-1)/unit) {
		dist = (time.Duration(d.Int64()) * unit).String()
	} else {
		years := new(big.Int).Quo(d, big.NewInt(perSecond*31_556_952)) // mean Gregorian year
		dist = fmt.Sprintf("%s %s (some %s years)", d, unitName(perSecond), years)
	}
	hint := ""
	if perSecond == 1 && ts > 100_000_000_000 { // year 5138 in seconds, 1973 in milliseconds
		hint = "; is it in milliseconds?"
	}
	return fmt.Errorf("%w: %s is %s %s%s", sentinel, timestampText(ts, perSecond), dist, how, hint)
}

func unitName(perSecond int64) string {
	if perSecond == 1 {
		return "seconds"
	}
	return "milliseconds"
}

// timestampText gives a timestamp as a date where it has one in four
// digits, and as its number otherwise.
func timestampText(ts, perSecond int64) string {
	const min, max = -62135596800, 253402300799 // 0001-01-01 and 9999-12-31T23:59:59, in unix seconds
	if sec := ts / perSecond; min <= sec && sec <= max {
		t := time.Unix(sec, ts%perSecond*int64(time.Second)/perSecond).UTC()
		if perSecond == 1 {
			return t.Format(time.RFC3339)
		}
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	}
	return fmt.Sprintf("unix time %d %s", ts, unitName(perSecond))
}
