package msghash_test

import (
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/msghash"
)

// The documented encrypted_msg_hash: SHA-256 over the base64 text exactly as
// received, not over the decoded ciphertext.
func ExampleHash() {
	encryptedData := "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA=="
	fmt.Println(msghash.Hash(encryptedData))
	// Output: 657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c
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

// Error answers come back as *errcode.Error; -1 also matches
// errcode.ErrSystemBusy and is worth a retry.
func ExampleParseCheckResponse_apiError() {
	_, err := msghash.ParseCheckResponse([]byte(`{"errcode":-1,"errmsg":"system error"}`))
	var e *errcode.Error
	fmt.Println(errors.As(err, &e), e.Code, errors.Is(err, errcode.ErrSystemBusy))
	// Output: true -1 true
}
