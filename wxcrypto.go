// Package wxcrypto opens the encrypted open data that WeChat mini-program
// clients send to their back ends: it decrypts it (package aescbc), checks
// its watermark's appid and freshness (package watermark) and decodes it into
// a typed result, in one call.
//
//	o, err := wxcrypto.NewOpener(watermark.NewPolicy("wx4f4bc4dec97d474b"))
//	...
//	info, err := o.OpenUserInfo(sessionKey, iv, encryptedData)
//
// The algorithms are described in the project's spec/algorithms.md: AES-128-CBC
// with PKCS#7 keyed by the base64 session_key, and a watermark of appid and
// unix-seconds timestamp inside the decrypted JSON.
//
// Open data that reaches a cloud function through a cloudID is read by the
// Cloud methods and ParseCloudEvent, under the same policy and into the same
// types.
//
// Everything is offline: fetching session keys and calling platform APIs is
// the embedding SDK's job. An Opener holds no mutable state and is safe for
// concurrent use.
package wxcrypto

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/jsonerr"
	"github.com/wxcrypto/wxcrypto/internal/wmjson"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// ErrPayload means the decrypted data has a valid watermark but does not fit
// the requested type, for example a string where a number belongs.
var ErrPayload = errors.New("wxcrypto: decrypted data does not match the expected type")

var errNilOpener = fmt.Errorf("%w: nil Opener", watermark.ErrPolicy)

// UserInfo is the user profile of wx.getUserInfo and similar calls.
type UserInfo struct {
	OpenID    string `json:"openId"`
	UnionID   string `json:"unionId"`
	NickName  string `json:"nickName"`
	Gender    int    `json:"gender"` // 0 unknown, 1 male, 2 female
	Language  string `json:"language"`
	City      string `json:"city"`
	Province  string `json:"province"`
	Country   string `json:"country"`
	AvatarURL string `json:"avatarUrl"`

	Watermark watermark.Watermark `json:"-"` // verified
}

// PhoneNumber is the payload of the phone-number button.
type PhoneNumber struct {
	PhoneNumber     string `json:"phoneNumber"`     // with the country code for numbers outside mainland China
	PurePhoneNumber string `json:"purePhoneNumber"` // without the country code
	CountryCode     string `json:"countryCode"`

	Watermark watermark.Watermark `json:"-"` // verified
}

// WeRunData is the payload of wx.getWeRunData: the user's daily steps.
type WeRunData struct {
	StepInfoList []StepInfo `json:"stepInfoList"`

	Watermark watermark.Watermark `json:"-"` // verified
}

// StepInfo is one day of WeRun data.
type StepInfo struct {
	Timestamp int64 `json:"timestamp"` // unix seconds, the start of the day
	Step      int   `json:"step"`
}

// ShareInfo is the payload of wx.getShareInfo: the group a share came from.
type ShareInfo struct {
	OpenGID string `json:"openGId"`

	Watermark watermark.Watermark `json:"-"` // verified
}

// Opener decrypts and verifies open data for one mini-program under one
// watermark policy. Create it with NewOpener.
type Opener struct {
	policy watermark.Policy
}

// NewOpener returns an Opener that accepts only data whose watermark passes
// policy. Use watermark.NewPolicy(appID) for the defaults; freshness can be
// switched off only by setting policy.SkipFreshness.
func NewOpener(policy watermark.Policy) (*Opener, error) {
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	return &Opener{policy: policy}, nil
}

// Policy returns the watermark policy the Opener enforces.
func (o *Opener) Policy() watermark.Policy { return o.policy }

// Open decrypts encryptedData with the base64 sessionKey and iv, verifies
// the watermark, and returns the plaintext JSON and its watermark. Use it for
// payloads without a type of their own here.
func (o *Opener) Open(sessionKey, iv, encryptedData string) ([]byte, watermark.Watermark, error) {
	plaintext, err := aescbc.Decrypt(sessionKey, iv, encryptedData)
	if err != nil {
		return nil, watermark.Watermark{}, err
	}
	w, err := o.Verify(plaintext)
	if err != nil {
		clear(plaintext)
		return nil, watermark.Watermark{}, err
	}
	return plaintext, w, nil
}

// OpenInto is Open followed by json.Unmarshal into v, for payloads of your
// own type.
func (o *Opener) OpenInto(sessionKey, iv, encryptedData string, v any) (watermark.Watermark, error) {
	plaintext, w, err := o.Open(sessionKey, iv, encryptedData)
	if err != nil {
		return w, err
	}
	defer clear(plaintext)
	if err := decode(plaintext, v); err != nil {
		return watermark.Watermark{}, err
	}
	return w, nil
}

// Verify checks the watermark of already decrypted data against the
// Opener's policy.
func (o *Opener) Verify(plaintext []byte) (watermark.Watermark, error) {
	if o == nil {
		return watermark.Watermark{}, errNilOpener
	}
	return o.policy.Verify(plaintext)
}

// OpenUserInfo opens a user-info payload.
func (o *Opener) OpenUserInfo(sessionKey, iv, encryptedData string) (UserInfo, error) {
	return openTyped[UserInfo](o, sessionKey, iv, encryptedData)
}

// OpenPhoneNumber opens a phone-number payload.
func (o *Opener) OpenPhoneNumber(sessionKey, iv, encryptedData string) (PhoneNumber, error) {
	return openTyped[PhoneNumber](o, sessionKey, iv, encryptedData)
}

// OpenWeRunData opens a WeRun payload.
func (o *Opener) OpenWeRunData(sessionKey, iv, encryptedData string) (WeRunData, error) {
	return openTyped[WeRunData](o, sessionKey, iv, encryptedData)
}

// OpenShareInfo opens a share-info payload.
func (o *Opener) OpenShareInfo(sessionKey, iv, encryptedData string) (ShareInfo, error) {
	return openTyped[ShareInfo](o, sessionKey, iv, encryptedData)
}

// payload is implemented by the typed results, which carry their verified
// watermark outside the JSON mapping.
type payload[T any] interface {
	*T
	setWatermark(watermark.Watermark)
}

func (v *UserInfo) setWatermark(w watermark.Watermark)    { v.Watermark = w }
func (v *PhoneNumber) setWatermark(w watermark.Watermark) { v.Watermark = w }
func (v *WeRunData) setWatermark(w watermark.Watermark)   { v.Watermark = w }
func (v *ShareInfo) setWatermark(w watermark.Watermark)   { v.Watermark = w }

func openTyped[T any, P payload[T]](o *Opener, sessionKey, iv, encryptedData string) (T, error) {
	plaintext, err := aescbc.Decrypt(sessionKey, iv, encryptedData)
	if err != nil {
		var zero T
		return zero, err
	}
	defer clear(plaintext)
	return verifyTyped[T, P](o, plaintext)
}

// verifyTyped checks the watermark of decrypted open data and decodes it
// into a T. It is the one path from plaintext to typed result.
//
// Payloads of the common shape take the fast decoder (fastjson.go); the
// rest, and every error, go through encoding/json.
func verifyTyped[T any, P payload[T]](o *Opener, plaintext []byte) (T, error) {
	if v, ok, err := verifyFast[T](o, plaintext); ok {
		return v, err
	}
	return verifyJSON[T, P](o, plaintext)
}

// verifyFast is verifyTyped through the fast decoder. ok is false when the
// decoder is not sure of the document.
func verifyFast[T any](o *Opener, plaintext []byte) (v T, ok bool, err error) {
	// The strict watermark rule (wmjson) first; the fallback reports its
	// errors.
	if wmjson.Check(plaintext) != nil {
		return v, false, nil
	}
	var r record
	sc := schemaFor[T]()
	if sc == nil || !decodeFast(string(plaintext), sc, &r) {
		return v, false, nil
	}
	if o == nil {
		return v, true, errNilOpener
	}
	if err := o.policy.Check(r.wm); err != nil {
		return v, true, err
	}
	fill(&v, &r)
	return v, true, nil
}

// verifyJSON is verifyTyped through encoding/json.
func verifyJSON[T any, P payload[T]](o *Opener, plaintext []byte) (T, error) {
	var v T
	w, err := o.Verify(plaintext)
	if err != nil {
		return v, err
	}
	if err := decode(plaintext, P(&v)); err != nil {
		var zero T
		return zero, err
	}
	P(&v).setWatermark(w)
	return v, nil
}

func decode(plaintext []byte, v any) error {
	if err := json.Unmarshal(plaintext, v); err != nil {
		return fmt.Errorf("%w: %s", ErrPayload, jsonerr.Describe(err))
	}
	return nil
}

// Code returns the official demos' error code for err: -41001 for the
// session key, -41002 for the IV, -41004 for base64, and -41003
// (IllegalBuffer) for every other failure of the data, including a
// watermark that does not pass. It returns 0 for nil and for errors outside
// the demos' scope: an invalid policy, or a malformed or failed cloud-call
// field.
func Code(err error) int {
	if c := aescbc.Code(err); c != aescbc.CodeOK {
		return c
	}
	switch {
	case errors.Is(err, watermark.ErrMalformed), errors.Is(err, watermark.ErrAppID),
		errors.Is(err, watermark.ErrTooOld), errors.Is(err, watermark.ErrFuture),
		errors.Is(err, ErrPayload):
		return aescbc.CodeIllegalBuffer
	}
	return aescbc.CodeOK
}
