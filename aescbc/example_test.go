package aescbc_test

import (
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/aescbc"
)

// The official demo's values: a session key, an IV and the encryptedData of a
// user-info payload.
const (
	demoSessionKey    = "tiihtNczf5v6AKRyjwEUhQ=="
	demoIV            = "r7BXXKkLb8qrSNn05n0qiA=="
	demoEncryptedData = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=="
)

func ExampleDecrypt() {
	plaintext, err := aescbc.Decrypt(demoSessionKey, demoEncryptedData, demoIV)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(plaintext), "bytes")
	fmt.Println(string(plaintext[:44]))
	// Output:
	// 393 bytes
	// {"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","ni
}

func ExampleDecrypt_errors() {
	// A session key refreshed by a later wx.login no longer matches the data:
	// the padding check fails, and so does every other wrong key.
	_, err := aescbc.Decrypt("o0q0otL8aEzpcZL/FT9WsQ==", demoEncryptedData, demoIV)
	fmt.Println(errors.Is(err, aescbc.ErrDecrypt), aescbc.Code(err))

	// encryptedData that went through a URL query without escaping.
	_, err = aescbc.Decrypt(demoSessionKey, "CiyLU1Aw2Kjvrj Mdj8YKlg==", demoIV)
	fmt.Println(err)
	fmt.Println(errors.Is(err, aescbc.ErrBase64), aescbc.Code(err))
	// Output:
	// true -41003
	// aescbc: encryptedData is not valid standard base64 (at byte 14); it contains spaces: was it URL- or form-decoded, turning '+' into ' '?
	// true -41004
}

func ExampleEncrypt() {
	// A mock server's fixture: the demo's key and IV, a payload of our own.
	data, _ := aescbc.Encrypt(demoSessionKey, demoIV, []byte(`{"hello":"world"}`))
	plaintext, err := aescbc.Decrypt(demoSessionKey, data, demoIV)
	fmt.Printf("%s %s %v\n", data, plaintext, err)
	// Output:
	// jBnXOfmjAWGNe9Wz+ehLpKBbHGf4OMog7wBBcPT80Bo= {"hello":"world"} <nil>
}
