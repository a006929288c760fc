package main

import (
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func runDemo(e *env, args []string) int {
	fs := newFlagSet(e, "demo", "demo\n\nDecrypts the documented examples (WeChat and 189 cloud), verifies their watermarks with a clock set\nto the time each was made, and prints what was verified and the typed result.")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	ok := true
	out := e.stdout

	fmt.Fprintln(out, "== WeChat open data: the official demo's user info (wx.getUserInfo)")
	o, err := demoOpener(documented.UserInfoAppID, documented.UserInfoTimestamp)
	if err == nil {
		var u wxcrypto.UserInfo
		if u, err = o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoIV, documented.UserInfoEncryptedData); err == nil {
			printVerified(e, o.Policy(), u.Watermark)
			fmt.Fprintf(out, "   openId    %s\n   unionId   %s\n   nickName  %s\n   gender    %d\n   language  %s\n   location  %s, %s, %s\n   avatarUrl %s\n",
				u.OpenID, u.UnionID, u.NickName, u.Gender, u.Language, u.City, u.Province, u.Country, u.AvatarURL)
		}
	}
	ok = demoResult(e, err) && ok

	fmt.Fprintln(out, "\n== WeChat open data: a public phone-number example (getPhoneNumber button)")
	o, err = demoOpener(documented.PhoneAppID, documented.PhoneTimestamp)
	if err == nil {
		var p wxcrypto.PhoneNumber
		if p, err = o.OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneIV, documented.PhoneEncryptedData); err == nil {
			printVerified(e, o.Policy(), p.Watermark)
			fmt.Fprintf(out, "   phoneNumber     %s\n   purePhoneNumber %s\n   countryCode     %s\n", p.PhoneNumber, p.PurePhoneNumber, p.CountryCode)
		}
	}
	ok = demoResult(e, err) && ok

	fmt.Fprintln(out, "\n== 189 cloud: the documented h5.authorizeUserInfo answer (XXTEA, appSecret text as key)")
	p189 := watermark.NewPolicy(documented.Cloud189AppID)
	p189.Now = func() time.Time { return time.UnixMilli(documented.Cloud189TimestampMS) }
	o189, err := cloud189.NewOpener(documented.Cloud189AppSecret, p189)
	if err == nil {
		var u cloud189.UserInfo
		if u, err = o189.OpenAnswer([]byte(documented.Cloud189Answer)); err == nil {
			fmt.Fprintf(out, "   ok: answer code 0, XXTEA decryption with a stored length in range\n")
			fmt.Fprintf(out, "   ok: appId %q equals the expected appId\n", u.AppID)
			fmt.Fprintf(out, "   ok: time %s is within [now-%v, now+%v] (milliseconds)\n",
				time.UnixMilli(u.Timestamp).UTC().Format("2006-01-02T15:04:05.000Z"), p189.MaxAge, p189.Skew)
			fmt.Fprintf(out, "   openId      %s\n   phoneNumber %s\n", u.OpenID, u.PhoneNumber)
		}
	}
	ok = demoResult(e, err) && ok

	fmt.Fprintln(out, "\n== The same user info one day later: freshness is checked by default")
	o, err = demoOpener(documented.UserInfoAppID, documented.UserInfoTimestamp+86400)
	if err == nil {
		_, err = o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoIV, documented.UserInfoEncryptedData)
		if err != nil {
			fmt.Fprintf(out, "   rejected as expected: %v (class %s, code %d)\n", err, errorClass(err), wxcrypto.Code(err))
			err = nil
		} else {
			err = fmt.Errorf("stale data was accepted")
		}
	}
	ok = demoResult(e, err) && ok

	if !ok {
		return exitFail
	}
	return exitOK
}

func demoOpener(appID string, now int64) (*wxcrypto.Opener, error) {
	p := watermark.NewPolicy(appID)
	p.Now = func() time.Time { return time.Unix(now, 0) }
	return wxcrypto.NewOpener(p)
}

func printVerified(e *env, p watermark.Policy, w watermark.Watermark) {
	for _, c := range append([]string{decryptionCheck}, verifiedChecks(p, w)...) {
		fmt.Fprintf(e.stdout, "   ok: %s\n", c)
	}
}

func demoResult(e *env, err error) bool {
	if err != nil {
		reportError(e.stderr, "demo", err)
		return false
	}
	return true
}
