package wxcrypto_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The event of the platform's page on cloud calls, as the cloud function
// receives it (the page writes it with comments and trailing commas, which
// the platform does not send). The client called
//
//	wx.cloud.callFunction({name: 'myFunction', data: {
//	  weRunData: wx.cloud.CloudID('xxx'),          // replaced
//	  obj: {shareInfo: wx.cloud.CloudID('yyy')},   // not top level: left alone
//	}})
const weRunEvent = `{
  "weRunData": {
    "cloudID": "xxx",
    "data": {
      "stepInfoList": [{"step": 5000, "timestamp": 1554814312}],
      "watermark": {"appid": "wx1111111111", "timestamp": 1554815786}
    }
  },
  "obj": {"shareInfo": "yyy"}
}`

func ExampleParseCloudEvent() {
	policy := watermark.NewPolicy("wx1111111111")
	// The page's data is from 2019: check it against a clock of that day.
	policy.Now = func() time.Time { return time.Unix(1554815786+30, 0) }
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		panic(err)
	}

	ev, err := wxcrypto.ParseCloudEvent([]byte(weRunEvent))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range ev.Fields {
		fmt.Println(f.Name, f.Kind)
	}

	f, _ := ev.Field("weRunData")
	run, err := o.CloudWeRunData(f.Value) // watermark checked as for encryptedData
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range run.StepInfoList {
		fmt.Println(s.Step, time.Unix(s.Timestamp, 0).UTC())
	}
	fmt.Println(run.Watermark.AppID, run.Watermark.Time().UTC())
	// Output:
	// obj plain
	// weRunData replaced
	// 5000 2019-04-09 12:51:52 +0000 UTC
	// wx1111111111 2019-04-09 13:16:26 +0000 UTC
}

// A cloudID that expired before the call (they live five minutes): the field
// holds the platform's error instead of the data.
func ExampleCloudIDError() {
	o, err := wxcrypto.NewOpener(watermark.NewPolicy("wx1111111111"))
	if err != nil {
		panic(err)
	}
	field := []byte(`{"cloudID":"xxx","errCode":-601006,"errMsg":"cloudID expired."}`)

	_, err = o.CloudWeRunData(field)
	var ce *wxcrypto.CloudIDError
	if errors.As(err, &ce) {
		fmt.Println(ce.CloudID, ce.Code, ce.Msg)
	}
	fmt.Println(errors.Is(err, wxcrypto.ErrCloudIDExpired), errors.Is(err, wxcrypto.ErrCloudID))
	fmt.Println(err)

	// Neither shape: an error wrapping ErrCloudField that says why.
	_, err = o.CloudWeRunData([]byte(`{"cloudID":"xxx","data":{},"errCode":-601006}`))
	fmt.Println(err)
	// Output:
	// xxx -601006 cloudID expired.
	// true true
	// wxcrypto: cloudID not exchanged for open data: errCode -601006 (cloudID expired): "cloudID expired."
	// wxcrypto: malformed cloud-call field: both data and errCode
}
