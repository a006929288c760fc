package wxcrypto_test

import (
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func Example() {
	// The official demo: what a client sends after wx.getUserInfo, and the
	// session key the back end got from code2Session.
	const (
		sessionKey    = "tiihtNczf5v6AKRyjwEUhQ=="
		iv            = "r7BXXKkLb8qrSNn05n0qiA=="
		encryptedData = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=="
	)

	policy := watermark.NewPolicy("wx4f4bc4dec97d474b")
	// The demo data is from 2016: check it against a clock of that day.
	policy.Now = func() time.Time { return time.Unix(1477314187, 0) }
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		panic(err)
	}

	info, err := o.OpenUserInfo(sessionKey, encryptedData, iv)
	if err != nil {
		fmt.Println("rejected:", err, wxcrypto.Code(err))
		return
	}
	fmt.Println(info.OpenID, info.NickName, info.City)
	fmt.Println(info.Watermark.AppID, info.Watermark.Time().UTC())

	// A day later the same payload is refused.
	policy.Now = func() time.Time { return time.Unix(1477314187+86400, 0) }
	late, _ := wxcrypto.NewOpener(policy)
	_, err = late.OpenUserInfo(sessionKey, encryptedData, iv)
	fmt.Println(err, wxcrypto.Code(err))
	// Output:
	// oGZUI0egBJY1zhBYw2KhdUfwVJJE Band Guangzhou
	// wx4f4bc4dec97d474b 2016-10-24 13:03:07 +0000 UTC
	// watermark: timestamp too old: 2016-10-24T13:03:07Z is 24h0m0s old -41003
}
