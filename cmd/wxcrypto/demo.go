package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/internal/errclass"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// demoExample is one documented example as demo reports it.
type demoExample struct {
	Title    string   `json:"title"`
	Verified []string `json:"verified,omitempty"`
	Result   any      `json:"result,omitempty"`
	Rejected *failure `json:"rejected,omitempty"` // for the example that must fail
}

func runDemo(e *env, args []string) int {
	fs := newFlagSet(e, "demo", "demo\n\nDecrypts the documented examples (WeChat and 189 cloud), verifies their watermarks with a clock set\nto the time each was made, and prints what was verified and the typed result.")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	var examples []demoExample
	add := func(x demoExample, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", x.Title, err)
		}
		examples = append(examples, x)
		return nil
	}

	err := errors.Join(
		add(demoUserInfo(documented.UserInfoTimestamp)),
		add(demoPhone()),
		add(demo189()),
		add(demoStale()),
	)
	if err != nil {
		return e.failWith(err, map[string]any{"examples": examples})
	}
	return e.done(map[string]any{"examples": examples}, func(w io.Writer) {
		for i, x := range examples {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "== %s\n", x.Title)
			for _, c := range x.Verified {
				fmt.Fprintf(w, "   ok: %s\n", c)
			}
			if x.Rejected != nil {
				fmt.Fprintf(w, "   rejected as expected: %s (class %s, code %d)\n", x.Rejected.Error, x.Rejected.Class, x.Rejected.Code)
			}
			if x.Result != nil {
				var b strings.Builder
				writeJSON(&b, x.Result, "  ")
				fmt.Fprintf(w, "   %s\n", strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "\n", "\n   "))
			}
		}
	})
}

func demoUserInfo(now int64) (demoExample, error) {
	x := demoExample{Title: "WeChat open data: the official demo's user info (wx.getUserInfo)"}
	o, policy, err := demoOpener(documented.UserInfoAppID, now)
	if err != nil {
		return x, err
	}
	u, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV)
	if err != nil {
		return x, err
	}
	x.Verified = append([]string{decryptionCheck}, checks(policy, u.Watermark)...)
	x.Result = u
	return x, nil
}

func demoPhone() (demoExample, error) {
	x := demoExample{Title: "WeChat open data: a public phone-number example (getPhoneNumber button)"}
	o, policy, err := demoOpener(documented.PhoneAppID, documented.PhoneTimestamp)
	if err != nil {
		return x, err
	}
	p, err := o.OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneEncryptedData, documented.PhoneIV)
	if err != nil {
		return x, err
	}
	x.Verified = append([]string{decryptionCheck}, checks(policy, p.Watermark)...)
	x.Result = p
	return x, nil
}

func demo189() (demoExample, error) {
	x := demoExample{Title: "189 cloud: the documented h5.authorizeUserInfo answer (XXTEA, appSecret text as key)"}
	p := watermark.NewPolicy(documented.Cloud189AppID)
	p.Now = func() time.Time { return time.UnixMilli(documented.Cloud189TimestampMS) }
	o, err := cloud189.NewOpener(documented.Cloud189AppSecret, p)
	if err != nil {
		return x, err
	}
	u, err := o.OpenAnswer([]byte(documented.Cloud189Answer))
	if err != nil {
		return x, err
	}
	x.Verified = []string{
		"answer code 0, XXTEA decryption with a stored length in range",
		fmt.Sprintf("appId %q equals the expected appId", u.AppID),
		fmt.Sprintf("time %s is within [now-%v, now+%v] (milliseconds)", time.UnixMilli(u.Timestamp).UTC().Format("2006-01-02T15:04:05.000Z"), p.MaxAge, p.Skew),
	}
	x.Result = u
	return x, nil
}

func demoStale() (demoExample, error) {
	x := demoExample{Title: "The same user info one day later: freshness is checked by default"}
	_, err := demoUserInfo(documented.UserInfoTimestamp + 86400)
	if !errors.Is(err, watermark.ErrTooOld) {
		return x, fmt.Errorf("stale data was not refused as too old: %v", err)
	}
	x.Rejected = &failure{Error: err.Error(), Class: errclass.Of(err), Code: errclass.Code(err)}
	return x, nil
}

// demoOpener returns an Opener for appID with its clock at now, and the
// policy it was made with.
func demoOpener(appID string, now int64) (*wxcrypto.Opener, watermark.Policy, error) {
	p := watermark.NewPolicy(appID)
	p.Now = func() time.Time { return time.Unix(now, 0) }
	o, err := wxcrypto.NewOpener(p)
	return o, p, err
}
