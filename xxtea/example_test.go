package xxtea_test

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/xxtea"
)

// The 189 cloud h5.authorizeUserInfo example: the appSecret of an H5 app and
// the encryptedData field of the response.
func ExampleDecryptHex() {
	const appSecret = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
	const encryptedData = "A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36"

	// The key is the appSecret text itself, not its hex decoding.
	userInfo, err := xxtea.DecryptHex(appSecret, encryptedData)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(userInfo))
	// Output:
	// {"openId":"ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8","appId":"0e0d8b62","phoneNumber":"18912345679","timestamp":1578042800057}
}

// Hex-decoding the appSecret, as the platform doc's remark about hex seems to
// suggest, gives a 20-byte key that is simply wrong. A wrong key shows up as
// ErrLength.
func ExampleDecryptHex_hexDecodedKey() {
	const appSecret = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
	const encryptedData = "A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36"

	wrongKey, _ := hex.DecodeString(appSecret)
	_, err := xxtea.DecryptHex(string(wrongKey), encryptedData)
	fmt.Println(err)
	fmt.Println(errors.Is(err, xxtea.ErrLength))

	// Hex that went through a careless copy and paste.
	_, err = xxtea.DecryptHex(appSecret, "A83FE571 6360F141")
	fmt.Println(err)
	// Output:
	// xxtea: stored length out of range (wrong key or corrupt data)
	// true
	// xxtea: malformed ciphertext: not hex
}

func ExampleEncryptHex() {
	const appSecret = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
	ciphertext, err := xxtea.EncryptHex(appSecret, []byte(`{"hello":"189"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(ciphertext), "hex characters")

	plaintext, err := xxtea.DecryptHex(appSecret, ciphertext)
	fmt.Printf("%s %v\n", plaintext, err)

	// The format cannot hold an empty plaintext.
	_, err = xxtea.EncryptHex(appSecret, nil)
	fmt.Println(err)
	// Output:
	// 40 hex characters
	// {"hello":"189"} <nil>
	// xxtea: plaintext empty or over 1 MiB: empty
}

func ExampleDecrypt() {
	const key = "0123456789abcdef"
	ciphertext, _ := xxtea.Encrypt(nil, key, []byte("legacy data"))
	fmt.Println(len(ciphertext))

	// Decrypt in place: the plaintext overwrites the ciphertext, and nothing
	// is allocated.
	plaintext, err := xxtea.Decrypt(ciphertext[:0], key, ciphertext)
	fmt.Printf("%s %v\n", plaintext, err)
	// Output:
	// 16
	// legacy data <nil>
}
