// Package cloud189 opens the user info that China Telecom 189 cloud mini-apps
// receive from h5.authorizeUserInfo.
//
// The platform answers
//
//	{"code":0,"msg":"成功","data":{"encryptedData":"<hex>"}}
//
// where encryptedData is XXTEA ciphertext (package xxtea) keyed by the H5
// app's appSecret text, and decrypts to
//
//	{"openId":"...","appId":"...","phoneNumber":"...","timestamp":1578042800057}
//
// with the timestamp in unix milliseconds. An Opener parses the answer,
// decrypts, and checks appId and freshness with the same rule as WeChat's
// watermark (package watermark, counted in milliseconds). The algorithm and
// the documented example are in the project's spec/algorithms.md, section 6.
//
// The HTTP call itself (GET authorizeUserInfo with the authorization token)
// is the embedding SDK's job.
package cloud189

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/jsonerr"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// MaxAnswerSize caps the answer body. The platform documents encryptedData
// as at most 1024 characters; 64 KiB leaves ample room.
const MaxAnswerSize = 64 << 10

var (
	// ErrMalformedAnswer means the answer is not the documented envelope: a
	// JSON object with an integer code and, when code is 0, a data object
	// holding a non-empty encryptedData string.
	ErrMalformedAnswer = errors.New("cloud189: malformed authorizeUserInfo answer")
	// ErrAnswerTooLarge means the answer is larger than MaxAnswerSize.
	ErrAnswerTooLarge = errors.New("cloud189: answer larger than MaxAnswerSize")
	// ErrMalformedUserInfo means the decrypted data is not a JSON object with
	// string openId and appId and an integer timestamp.
	ErrMalformedUserInfo = errors.New("cloud189: decrypted user info is malformed")
)

// APIError is an answer with a non-zero code. Code and Msg are as received.
type APIError struct {
	Code int64
	Msg  string
}

// Error gives the platform's code and message.
func (e *APIError) Error() string {
	return fmt.Sprintf("cloud189: platform answered code %d: %q", e.Code, e.Msg)
}

// UserInfo is the decrypted, verified user info.
type UserInfo struct {
	OpenID      string `json:"openId"`
	PhoneNumber string `json:"phoneNumber"`
	AppID       string `json:"appId"`
	Timestamp   int64  `json:"timestamp"` // unix milliseconds
}

// Time returns the timestamp as a time.Time.
func (u UserInfo) Time() time.Time { return time.UnixMilli(u.Timestamp) }

// Opener opens user info for one H5 app. It holds no mutable state and is
// safe for concurrent use.
type Opener struct {
	appSecret string
	policy    watermark.Policy
}

// NewOpener returns an Opener for the app whose appSecret is given, as text.
// policy.AppID is the app's appId (such as "0e0d8b62"), which every user
// info must carry; policy's MaxAge and Skew bound the timestamp as for
// WeChat watermarks.
func NewOpener(appSecret string, policy watermark.Policy) (*Opener, error) {
	if appSecret == "" {
		return nil, fmt.Errorf("%w: empty appSecret", watermark.ErrPolicy)
	}
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	return &Opener{appSecret: appSecret, policy: policy}, nil
}

// OpenAnswer parses an authorizeUserInfo answer body, decrypts its
// encryptedData and verifies the result.
func (o *Opener) OpenAnswer(body []byte) (UserInfo, error) {
	data, err := ParseAnswer(body)
	if err != nil {
		return UserInfo{}, err
	}
	return o.OpenUserInfo(data)
}

// OpenUserInfo decrypts the hex encryptedData of an answer and verifies the
// result's appId and timestamp.
func (o *Opener) OpenUserInfo(encryptedData string) (UserInfo, error) {
	if o == nil {
		return UserInfo{}, fmt.Errorf("%w: nil Opener", watermark.ErrPolicy)
	}
	plaintext, err := xxtea.DecryptHex(o.appSecret, encryptedData)
	if err != nil {
		return UserInfo{}, err
	}
	defer clear(plaintext)
	u, err := parseUserInfo(plaintext)
	if err != nil {
		return UserInfo{}, err
	}
	if err := o.policy.CheckMillis(u.AppID, u.Timestamp); err != nil {
		return UserInfo{}, err
	}
	return u, nil
}

func parseUserInfo(plaintext []byte) (UserInfo, error) {
	var v struct {
		OpenID      *string `json:"openId"`
		PhoneNumber string  `json:"phoneNumber"`
		AppID       *string `json:"appId"`
		Timestamp   *int64  `json:"timestamp"`
	}
	if err := json.Unmarshal(plaintext, &v); err != nil {
		return UserInfo{}, fmt.Errorf("%w: %s", ErrMalformedUserInfo, jsonerr.Describe(err))
	}
	switch {
	case v.OpenID == nil:
		return UserInfo{}, fmt.Errorf("%w: no openId", ErrMalformedUserInfo)
	case v.AppID == nil:
		return UserInfo{}, fmt.Errorf("%w: no appId", ErrMalformedUserInfo)
	case v.Timestamp == nil:
		return UserInfo{}, fmt.Errorf("%w: no timestamp", ErrMalformedUserInfo)
	}
	return UserInfo{OpenID: *v.OpenID, PhoneNumber: v.PhoneNumber, AppID: *v.AppID, Timestamp: *v.Timestamp}, nil
}

// ParseAnswer reads an authorizeUserInfo answer and returns its
// encryptedData. Like the other platform-answer parsers here it matches
// member names exactly and refuses duplicates and trailing data, so that a
// second code cannot override the first. code may be a JSON integer or a
// string holding one (errcode.ParseInt's rule); a non-zero code is an
// *APIError.
func ParseAnswer(body []byte) (encryptedData string, err error) {
	if len(body) > MaxAnswerSize {
		return "", ErrAnswerTooLarge
	}
	malformed := func(why any) (string, error) { return "", fmt.Errorf("%w: %v", ErrMalformedAnswer, why) }
	m, err := jsonobj.Map(body)
	if err != nil {
		return malformed(err)
	}
	raw, ok := m["code"]
	if !ok {
		return malformed("no code")
	}
	code, ok := errcode.ParseInt(raw)
	if !ok {
		return malformed("code is not an integer")
	}
	if code != 0 {
		var msg string
		if raw, ok := m["msg"]; ok && json.Unmarshal(raw, &msg) != nil {
			return malformed("msg is not a string")
		}
		return "", &APIError{Code: code, Msg: msg}
	}
	data, ok := m["data"]
	if !ok {
		return malformed("no data")
	}
	fields, err := jsonobj.Map(data)
	if err != nil {
		return malformed(fmt.Sprintf("data: %v", err))
	}
	var hexText string
	if raw, ok := fields["encryptedData"]; !ok || json.Unmarshal(raw, &hexText) != nil || hexText == "" {
		return malformed("no data.encryptedData string")
	}
	return hexText, nil
}
