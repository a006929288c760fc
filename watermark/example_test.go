package watermark_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/watermark"
)

func ExamplePolicy_Verify() {
	// The plaintext of the official demo, made at 1477314187 for appid
	// wx4f4bc4dec97d474b.
	plaintext := []byte(`{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`)

	p := watermark.NewPolicy("wx4f4bc4dec97d474b")
	p.Now = func() time.Time { return time.Unix(1477314187+60, 0) }
	w, err := p.Verify(plaintext)
	fmt.Println(w.AppID, w.Timestamp, err)

	// An hour later the same data is stale.
	p.Now = func() time.Time { return time.Unix(1477314187+3600, 0) }
	_, err = p.Verify(plaintext)
	fmt.Println(errors.Is(err, watermark.ErrTooOld))
	fmt.Println(err)

	// Data made for another mini-program.
	other := watermark.NewPolicy("wxdaa2ab9ef87b5497")
	_, err = other.Verify(plaintext)
	fmt.Println(err)
	// Output:
	// wx4f4bc4dec97d474b 1477314187 <nil>
	// true
	// watermark: timestamp too old: 2016-10-24T13:03:07Z is 1h0m0s old
	// watermark: appid mismatch: expected "wxdaa2ab9ef87b5497", data is for "wx4f4bc4dec97d474b"
}

func ExamplePolicy_Verify_duplicate() {
	// The trap: encoding/json would merge these two watermarks and a
	// JavaScript back end would keep the last; neither reading is safe.
	plaintext := []byte(`{"watermark":{"appid":"wx4f4bc4dec97d474b","timestamp":1477314187},"watermark":{"appid":"wxdaa2ab9ef87b5497"}}`)
	p := watermark.Policy{AppID: "wx4f4bc4dec97d474b", SkipFreshness: true}
	_, err := p.Verify(plaintext)
	fmt.Println(err)
	// Output:
	// watermark: missing or malformed watermark
}

func ExamplePolicy_CheckMillis() {
	// 189 cloud user info carries appId and a timestamp in milliseconds.
	p := watermark.Policy{
		AppID:  "0e0d8b62",
		MaxAge: 5 * time.Minute,
		Skew:   time.Minute,
		Now:    func() time.Time { return time.UnixMilli(1578042800057 + 90_000) },
	}
	fmt.Println(p.CheckMillis("0e0d8b62", 1578042800057))
	// Output:
	// <nil>
}
