// Package cloud189 opens the user info that China Telecom 189 cloud mini-apps
// get from h5.authorizeUserInfo:
//
//	answer    {"code":0,"msg":"成功","data":{"encryptedData":"<hex>"}}
//	plaintext XXTEA-decrypt(key = appSecret text, hex-decode(encryptedData))
//	          {"openId":"...","appId":"...","phoneNumber":"...","timestamp":1578042800057}
//
// An [Opener] parses the answer, decrypts (package xxtea), and checks appId
// and the timestamp, in unix milliseconds, with the rule of WeChat's
// watermark (watermark.Policy.CheckMillis).
//
// The traps: the key is the appSecret text, not its hex decoding; and the
// user info is read the way every JSON parser would read it: exactly one
// appId, timestamp and openId, matched case-sensitively, no member whose
// name folds to one of them, and an integer timestamp. Details and the
// documented example are in spec/algorithms.md, sections 2 and 6. The HTTP
// call itself is the embedding SDK's job.
package cloud189

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/jsonint"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/internal/quote"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

var (
	// ErrMalformedAnswer means the answer is not the documented envelope: a
	// JSON object with an integer code and, when code is 0, a data object
	// holding a non-empty encryptedData string.
	ErrMalformedAnswer = errors.New("cloud189: malformed authorizeUserInfo answer")
	// ErrMalformedUserInfo means the decrypted data is not a JSON object in
	// valid UTF-8 with exactly one string openId and appId and one integer
	// timestamp (see the package doc).
	ErrMalformedUserInfo = errors.New("cloud189: decrypted user info is malformed")
)

// APIError is an answer with a non-zero code. Code and Msg are as received.
type APIError struct {
	Code int64
	Msg  string
}

// Error gives the platform's code and message, quoted and cut to 256 bytes.
func (e *APIError) Error() string {
	return fmt.Sprintf("cloud189: platform answered code %d: %s", e.Code, quote.Bounded(e.Msg))
}

// UserInfo is the decrypted, verified user info.
type UserInfo struct {
	OpenID      string `json:"openId"`
	PhoneNumber string `json:"phoneNumber"`
	AppID       string `json:"appId"`
	Timestamp   int64  `json:"timestamp"` // unix milliseconds
}

// Opener opens user info for one H5 app. It holds no mutable state and is
// safe for concurrent use.
type Opener struct {
	appSecret string
	policy    watermark.Policy
}

// errNilOpener is a programmer error, not a policy or key: no sentinel.
var errNilOpener = errors.New("cloud189: nil *Opener: make one with NewOpener")

// NewOpener returns an Opener for the app whose appSecret is given, as text.
// policy.AppID is the app's appId (such as "0e0d8b62"), which every user
// info must carry; policy's MaxAge and Skew bound the timestamp as for
// WeChat watermarks. An empty appSecret is xxtea.ErrKeyEmpty (it is the
// XXTEA key); an invalid policy is watermark.ErrPolicy.
func NewOpener(appSecret string, policy watermark.Policy) (*Opener, error) {
	if appSecret == "" {
		return nil, fmt.Errorf("%w: empty appSecret", xxtea.ErrKeyEmpty)
	}
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	return &Opener{appSecret: appSecret, policy: policy}, nil
}

// OpenAnswer parses an authorizeUserInfo answer body, decrypts its
// encryptedData and verifies the result.
func (o *Opener) OpenAnswer(body []byte) (UserInfo, error) {
	data, err := parseAnswer(body)
	if err != nil {
		return UserInfo{}, err
	}
	return o.OpenUserInfo(data)
}

// OpenUserInfo decrypts the hex encryptedData of an answer and verifies the
// result's appId and timestamp.
func (o *Opener) OpenUserInfo(encryptedData string) (UserInfo, error) {
	if o == nil {
		return UserInfo{}, errNilOpener
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

// The members the check reads, in the order of parseUserInfo's raw array.
var userInfoMembers = [...]string{"openId", "appId", "phoneNumber", "timestamp"}

func parseUserInfo(plaintext []byte) (UserInfo, error) {
	malformed := func(why string) (UserInfo, error) {
		return UserInfo{}, fmt.Errorf("%w: %s", ErrMalformedUserInfo, why)
	}
	if !utf8.Valid(plaintext) {
		return malformed("not valid UTF-8")
	}
	members, err := jsonobj.Members(plaintext)
	if err != nil {
		return malformed("not one JSON object")
	}
	var raw [len(userInfoMembers)]json.RawMessage
	for _, m := range members {
		for i, name := range userInfoMembers {
			switch {
			case m.Name == name && raw[i] != nil:
				return malformed("duplicate " + name)
			case m.Name == name:
				raw[i] = m.Value
			case strings.EqualFold(m.Name, name):
				// encoding/json would read it as the member itself.
				return malformed("a member name that folds to " + name)
			}
		}
	}
	var u UserInfo
	for i, dst := range []*string{&u.OpenID, &u.AppID, &u.PhoneNumber} {
		switch name := userInfoMembers[i]; {
		case raw[i] == nil && name == "phoneNumber": // optional
		case raw[i] == nil:
			return malformed("no " + name)
		case raw[i][0] != '"' || json.Unmarshal(raw[i], dst) != nil:
			return malformed(name + " is not a string")
		}
	}
	ts := string(raw[3])
	if ts == "" {
		return malformed("no timestamp")
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if !jsonint.IsText(ts) || err != nil {
		return malformed("timestamp is not an integer of 64 bits")
	}
	u.Timestamp = n
	return u, nil
}

// parseAnswer reads an authorizeUserInfo answer and returns its
// encryptedData. Member names match exactly, duplicates and trailing data
// are refused, so that a second code cannot override the first. code may be
// a JSON integer or a string holding one; a non-zero code is an *APIError.
func parseAnswer(body []byte) (encryptedData string, err error) {
	if len(body) > errcode.MaxAnswerSize {
		return "", errcode.ErrTooLarge
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
	code, ok := jsonint.Parse(raw)
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
