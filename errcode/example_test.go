package errcode_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/errcode"
)

// The answers of msg_sec_check as its page shows them: success with errcode
// as a string, the verdict on risky content, and a stale access token.
func ExampleParse() {
	for _, body := range []string{
		`{ "errcode": "0", "errmsg": "ok" }`,
		`{ "errcode": 87014, "errmsg": "risky content" }`,
		`{ "errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest" }`,
	} {
		err := errcode.Parse([]byte(body))
		switch {
		case err == nil:
			fmt.Println("ok")
		case errors.Is(err, errcode.ErrRiskyContent):
			fmt.Println("content refused")
		case errors.Is(err, errcode.ErrInvalidCredential):
			fmt.Println("get a new access token, then retry")
		default:
			fmt.Println(err)
		}
	}
	// Output:
	// ok
	// content refused
	// get a new access token, then retry
}

// Unknown codes keep their code and message; -1 is worth a retry later.
func ExampleError() {
	for _, body := range []string{
		`{"errcode":"-1","errmsg":"system error"}`,
		`{"errcode":45009,"errmsg":"reach max api daily quota limit"}`,
	} {
		err := errcode.Parse([]byte(body))
		var e *errcode.Error
		if errors.As(err, &e) {
			fmt.Println(e.Code, errors.Is(err, errcode.ErrSystemBusy))
			fmt.Println(err)
		}
	}
	// Output:
	// -1 true
	// errcode: platform answered -1 (system busy, retry later): "system error"
	// 45009 false
	// errcode: platform answered 45009: "reach max api daily quota limit"
}

// Answers with members of their own: errcode and errmsg are checked here,
// the rest is the caller's to read.
func ExampleParseObject() {
	members, err := errcode.ParseObject([]byte(`{"errcode":0,"errmsg":"ok","vaild":true,"create_time":"1629121902"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var valid bool
	if err := json.Unmarshal(members["vaild"], &valid); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(valid, string(members["create_time"]))

	_, err = errcode.ParseObject([]byte(`{"errcode":1.5}`))
	fmt.Println(err)
	// Output:
	// true "1629121902"
	// errcode: malformed platform answer: errcode is not an integer of at most 32 bits
}
