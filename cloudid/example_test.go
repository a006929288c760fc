package cloudid_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The event of the platform's page on cloud calls. The client called
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

func Example() {
	policy := watermark.NewPolicy("wx1111111111")
	// The page's data is from 2019: check it against a clock of that day.
	policy.Now = func() time.Time { return time.Unix(1554815786+30, 0) }
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		panic(err)
	}

	fields, err := cloudid.ParseEvent([]byte(weRunEvent))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range fields {
		fmt.Println(f.Name, f.Kind)
		var run wxcrypto.WeRunData
		if _, err := cloudid.Open(o, f.Value, &run); err != nil { // the watermark is checked
			fmt.Println(err)
			continue
		}
		for _, s := range run.StepInfoList {
			fmt.Println(s.Step, time.Unix(s.Timestamp, 0).UTC())
		}
	}
	// Output:
	// weRunData replaced
	// 5000 2019-04-09 12:51:52 +0000 UTC
}

// A cloudID that expired before the call (they live five minutes): the field
// holds the platform's error instead of the data.
func ExampleError() {
	o, err := wxcrypto.NewOpener(watermark.NewPolicy("wx1111111111"))
	if err != nil {
		panic(err)
	}
	field := []byte(`{"cloudID":"xxx","errCode":-601006,"errMsg":"cloudID expired."}`)
	_, err = cloudid.Open(o, field, new(wxcrypto.WeRunData))
	var ce *cloudid.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.CloudID, ce.Code, ce.Msg, errors.Is(err, cloudid.ErrExpired))
	}
	fmt.Println(err)

	// Neither shape: an error wrapping ErrMalformed that says why.
	_, err = cloudid.Open(o, []byte(`{"cloudID":"xxx","data":{},"errCode":-601006}`), new(wxcrypto.WeRunData))
	fmt.Println(err)
	// Output:
	// xxx -601006 cloudID expired. true
	// cloudid: cloudID not exchanged: errCode -601006 (expired): "cloudID expired."
	// cloudid: malformed cloud-call data: both data and errCode
}
