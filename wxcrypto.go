// Package wxcrypto opens the encrypted open data that WeChat mini-program
// clients send to their back ends, in one call: it decrypts it (AES-128-CBC
// keyed by the session_key, package aescbc), checks the watermark's appid
// and freshness (package watermark), and decodes it into a typed result.
//
//	o, err := wxcrypto.NewOpener(watermark.NewPolicy("wx4f4bc4dec97d474b"))
//	...
//	info, err := o.OpenUserInfo(sessionKey, encryptedData, iv)
//
// The arguments come in the order of the official demo, sessionKey first.
//
// Until the plaintext is one JSON object, every failure is
// aescbc.ErrDecrypt, with one message: a wrong key, bad padding and a
// plaintext that is not JSON look the same, so the Opener is no padding
// oracle. (The time to fail still differs between bad padding and a JSON
// parse.) Then come the watermark errors, and for typed results ErrPayload.
// The watermark is read by the strict rule of spec/algorithms.md section 2,
// which every JSON parser agrees on. [Code] gives the official demos' codes.
//
// Open data that reaches a cloud function through a cloudID is read by
// package cloudid under the same Opener. Everything is offline; an Opener
// holds no mutable state and is safe for concurrent use.
package wxcrypto

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/fastjson"
	"github.com/wxcrypto/wxcrypto/internal/wmjson"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// ErrPayload means the decrypted data has a valid watermark but is not of
// the requested type: it lacks the type's identifying field (a phone
// payload given to OpenUserInfo has no openId), or a value has the wrong
// JSON type. The error never quotes the data.
var ErrPayload = errors.New("wxcrypto: decrypted data is not of the expected type")

// errNilOpener is a programmer error, not a policy: no sentinel, since no
// caller can act on it but by fixing the code.
var errNilOpener = errors.New("wxcrypto: nil *Opener: make one with NewOpener")

// UserInfo is the user profile of wx.getUserInfo and similar calls. Its
// identifying field is OpenID.
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

// PhoneNumber is the payload of the phone-number button. Its identifying
// field is PhoneNumber.
type PhoneNumber struct {
	PhoneNumber     string `json:"phoneNumber"`     // with the country code for numbers outside mainland China
	PurePhoneNumber string `json:"purePhoneNumber"` // without the country code
	CountryCode     string `json:"countryCode"`     // such as "86"; answer.ParsePhoneNumber gives a number in the answer as its digits

	Watermark watermark.Watermark `json:"-"` // verified
}

// WeRunData is the payload of wx.getWeRunData: the user's daily steps. Its
// identifying field is StepInfoList, which must be present (it may be
// empty).
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
// Its identifying field is OpenGID.
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
// policy. Use watermark.NewPolicy(appID) for the defaults. A policy that
// fails policy.Validate, like a nil Opener later, is watermark.ErrPolicy.
func NewOpener(policy watermark.Policy) (*Opener, error) {
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	return &Opener{policy: policy}, nil
}

// Open decrypts encryptedData with the base64 sessionKey and iv, verifies
// the watermark, and returns the plaintext JSON and its watermark. Use it for
// payloads without a type of their own here.
func (o *Opener) Open(sessionKey, encryptedData, iv string) ([]byte, watermark.Watermark, error) {
	if o == nil {
		return nil, watermark.Watermark{}, errNilOpener
	}
	plaintext, err := aescbc.Decrypt(sessionKey, encryptedData, iv)
	if err != nil {
		return nil, watermark.Watermark{}, err
	}
	w, err := o.check(plaintext)
	if err != nil {
		clear(plaintext)
		return nil, watermark.Watermark{}, err
	}
	return plaintext, w, nil
}

// OpenInto is Open followed by decoding into v, which must be a non-nil
// pointer: a *UserInfo, *PhoneNumber, *WeRunData or *ShareInfo is read as
// the typed methods read it, anything else with encoding/json.
func (o *Opener) OpenInto(sessionKey, encryptedData, iv string, v any) (watermark.Watermark, error) {
	if err := checkTarget(v); err != nil {
		return watermark.Watermark{}, err
	}
	if o == nil {
		return watermark.Watermark{}, errNilOpener
	}
	plaintext, err := aescbc.Decrypt(sessionKey, encryptedData, iv)
	if err != nil {
		return watermark.Watermark{}, err
	}
	defer clear(plaintext)
	return o.decodeInto(plaintext, v)
}

// Verify checks open data that is already decrypted, such as the data of a
// cloud call (package cloudid), as Open does, and decodes it into v as
// OpenInto does. A plaintext that is not one JSON object gives
// aescbc.ErrDecrypt.
func (o *Opener) Verify(plaintext []byte, v any) (watermark.Watermark, error) {
	if err := checkTarget(v); err != nil {
		return watermark.Watermark{}, err
	}
	if o == nil {
		return watermark.Watermark{}, errNilOpener
	}
	return o.decodeInto(plaintext, v)
}

// OpenUserInfo opens a user-info payload.
func (o *Opener) OpenUserInfo(sessionKey, encryptedData, iv string) (UserInfo, error) {
	return openTyped[UserInfo](o, sessionKey, encryptedData, iv)
}

// OpenPhoneNumber opens a phone-number payload.
func (o *Opener) OpenPhoneNumber(sessionKey, encryptedData, iv string) (PhoneNumber, error) {
	return openTyped[PhoneNumber](o, sessionKey, encryptedData, iv)
}

// OpenWeRunData opens a WeRun payload.
func (o *Opener) OpenWeRunData(sessionKey, encryptedData, iv string) (WeRunData, error) {
	return openTyped[WeRunData](o, sessionKey, encryptedData, iv)
}

// OpenShareInfo opens a share-info payload.
func (o *Opener) OpenShareInfo(sessionKey, encryptedData, iv string) (ShareInfo, error) {
	return openTyped[ShareInfo](o, sessionKey, encryptedData, iv)
}

// check reads the watermark by the strict rule and applies the policy.
func (o *Opener) check(plaintext []byte) (watermark.Watermark, error) {
	appID, ts, err := wmjson.Scan(plaintext)
	switch {
	case errors.Is(err, wmjson.ErrNotObject):
		// The same value as bad padding: no format oracle.
		return watermark.Watermark{}, aescbc.ErrDecrypt
	case err != nil:
		return watermark.Watermark{}, watermark.ErrMalformed
	}
	w := watermark.Watermark{AppID: appID, Timestamp: ts}
	if err := o.policy.Check(w); err != nil {
		return watermark.Watermark{}, err
	}
	return w, nil
}

func checkTarget(v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("wxcrypto: the value to decode into must be a non-nil pointer, not %T: %w",
			v, &json.InvalidUnmarshalError{Type: reflect.TypeOf(v)})
	}
	return nil
}

func (o *Opener) decodeInto(plaintext []byte, v any) (watermark.Watermark, error) {
	switch v := v.(type) {
	case *UserInfo:
		return into(o, plaintext, v)
	case *PhoneNumber:
		return into(o, plaintext, v)
	case *WeRunData:
		return into(o, plaintext, v)
	case *ShareInfo:
		return into(o, plaintext, v)
	}
	w, err := o.check(plaintext)
	if err != nil {
		return watermark.Watermark{}, err
	}
	if json.Unmarshal(plaintext, v) != nil {
		return watermark.Watermark{}, ErrPayload
	}
	return w, nil
}

func into[T any](o *Opener, plaintext []byte, v *T) (watermark.Watermark, error) {
	r, err := verifyTyped[T](o, plaintext)
	if err != nil {
		return watermark.Watermark{}, err
	}
	*v = r
	return *watermarkOf(v), nil
}

func openTyped[T any](o *Opener, sessionKey, encryptedData, iv string) (T, error) {
	var zero T
	if o == nil {
		return zero, errNilOpener
	}
	plaintext, err := aescbc.Decrypt(sessionKey, encryptedData, iv)
	if err != nil {
		return zero, err
	}
	defer clear(plaintext)
	return verifyTyped[T](o, plaintext)
}

// verifyTyped checks the watermark of decrypted open data and decodes it
// into a T. It is the one path from plaintext to typed result.
//
// Payloads of the common shape take the fast decoder; the rest go through
// the strict watermark scanner and encoding/json, which also give every
// error about the document.
func verifyTyped[T any](o *Opener, plaintext []byte) (T, error) {
	v, ok, err := verifyFast[T](o, plaintext)
	if !ok {
		v, err = verifySlow[T](o, plaintext)
	}
	if err == nil && !identified(&v) {
		err = ErrPayload
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// verifyFast is verifyTyped through the fast decoder. ok is false when the
// decoder is not sure of the document.
func verifyFast[T any](o *Opener, plaintext []byte) (v T, ok bool, err error) {
	// The decoder applies the strict watermark rule itself and takes only
	// documents the strict scanner accepts with the same watermark
	// (TestFastDecoderAgreesWithStrictPath, FuzzOpenJSON). Running the
	// scanner first as well would double the cost of the JSON.
	var r fastjson.Record
	if !fastjson.Decode(plaintext, schemaFor[T](), &r) {
		return v, false, nil
	}
	w := watermark.Watermark{AppID: r.AppID, Timestamp: r.Timestamp}
	if err := o.policy.Check(w); err != nil {
		return v, true, err // quoting a copy of the appid, not the result's values
	}
	fill(&v, &r, w)
	return v, true, nil
}

// verifySlow is verifyTyped through the strict scanner and encoding/json.
func verifySlow[T any](o *Opener, plaintext []byte) (v T, err error) {
	w, err := o.check(plaintext)
	if err != nil {
		return v, err
	}
	if json.Unmarshal(plaintext, &v) != nil {
		return v, ErrPayload
	}
	*watermarkOf(&v) = w
	return v, nil
}

// Code returns the official demos' error code for err: -41001 for the
// session key, -41002 for the IV, -41004 for base64, and -41003
// (IllegalBuffer) for every other failure of the data, including a
// watermark that does not pass. It returns 0 for nil and for errors outside
// the demos' scope: an invalid policy, a cloud-call field, or a platform
// answer's non-zero errcode, whose number is the Code of its *errcode.Error.
func Code(err error) int {
	if c := aescbc.Code(err); c != 0 {
		return c
	}
	switch {
	case errors.Is(err, watermark.ErrMalformed), errors.Is(err, watermark.ErrAppID),
		errors.Is(err, watermark.ErrTooOld), errors.Is(err, watermark.ErrFuture),
		errors.Is(err, ErrPayload):
		return -41003
	}
	return 0
}
