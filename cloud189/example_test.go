package cloud189_test

import (
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func ExampleOpener_OpenAnswer() {
	// The documented answer of h5.authorizeUserInfo.
	answer := []byte(`{"code":0,"msg":"成功","data":{"encryptedData":"A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36"}}`)

	policy := watermark.NewPolicy("0e0d8b62") // the H5 app's appId
	// The example is from 2020: check it against a clock of that moment.
	policy.Now = func() time.Time { return time.UnixMilli(1578042800057) }
	o, err := cloud189.NewOpener("32b5362f61f26f4e0e1221a57e7ab02ea77dbc40", policy)
	if err != nil {
		panic(err)
	}
	u, err := o.OpenAnswer(answer)
	fmt.Println(u.OpenID, u.PhoneNumber, u.AppID, u.Timestamp, err)
	// Output:
	// ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8 18912345679 0e0d8b62 1578042800057 <nil>
}
