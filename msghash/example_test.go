package msghash_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/msghash"
)

// The documented encrypted_msg_hash: SHA-256 over the base64 text exactly as
// received, not over the decoded ciphertext.
func ExampleHash() {
	encryptedData := "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA=="
	fmt.Println(msghash.Hash(encryptedData))
	// Output: 657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c
}

// AppendHash writes into a caller-owned buffer and allocates nothing.
func ExampleAppendHash() {
	buf := make([]byte, 0, len(`{"encrypted_msg_hash":""}`)+msghash.HashLen)
	buf = append(buf, `{"encrypted_msg_hash":"`...)
	buf = msghash.AppendHash(buf, "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA==")
	buf = append(buf, `"}`...)
	fmt.Printf("%s\n", buf)
	// Output: {"encrypted_msg_hash":"657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c"}
}

// The documented answer, with its misspelled "vaild".
func ExampleParseCheckResponse() {
	res, err := msghash.ParseCheckResponse([]byte(`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Valid, res.CreateTime)
	// Output: true 2021-08-16 13:51:42 +0000 UTC
}

// Error answers come back as *APIError; the documented codes also match
// their sentinels, and -1 is worth a retry.
func ExampleParseCheckResponse_apiError() {
	_, err := msghash.ParseCheckResponse([]byte(`{"errcode":-1,"errmsg":"system error"}`))
	var apiErr *msghash.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.Temporary(), errors.Is(err, msghash.ErrSystemBusy))
	}
	_, err = msghash.ParseCheckResponse([]byte(`{"errcode":"40097","errmsg":"invalid args"}`))
	fmt.Println(errors.Is(err, msghash.ErrInvalidArgs))
	// Output:
	// -1 true true
	// true
}

func ExampleCheckable() {
	created := time.Unix(1629121902, 0)
	fmt.Println(msghash.Checkable(created, created.Add(48*time.Hour)))
	fmt.Println(msghash.Checkable(created, created.Add(msghash.CheckWindow)))
	// Output:
	// true
	// false
}
