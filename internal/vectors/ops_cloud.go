package vectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// cloudOperations are the operations of the areas that receive data from a
// platform rather than from a client's encryptedData: the 189 cloud user
// info, cloud-call events and fields (cloudID), and errcode answers.
var cloudOperations = map[string]operation{
	"cloud189.userinfo": {
		fields: []field{
			{name: "answer", kind: kindString, optional: true},
			{name: "encryptedData", kind: kindString, optional: true},
			{name: "appSecret", kind: kindString},
			{name: "appId", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
			{name: "openId", kind: kindString, validOnly: true},
			{name: "phoneNumber", kind: kindString, validOnly: true},
			{name: "timestamp", kind: kindInt, validOnly: true},
			{name: "code", kind: kindInt, optional: true},
		},
		errors: map[string]func(error) bool{
			"key":        isAny(xxtea.ErrKeyEmpty),
			"answer":     isAny(cloud189.ErrMalformedAnswer, errcode.ErrTooLarge),
			"code":       isType[*cloud189.APIError],
			"ciphertext": isAny(xxtea.ErrCiphertext),
			"decrypt":    isAny(xxtea.ErrLength),
			"userinfo":   isAny(cloud189.ErrMalformedUserInfo),
			"appid":      isAny(watermark.ErrAppID),
			"expired":    isAny(watermark.ErrTooOld),
			"future":     isAny(watermark.ErrFuture),
		},
		check: checkCloud189UserInfo,
	},
	"cloudid.field": {
		fields: []field{
			{name: "field", kind: kindString},
			{name: "appid", kind: kindString},
			{name: "now", kind: kindInt},
			{name: "maxAge", kind: kindInt},
			{name: "skew", kind: kindInt},
			{name: "data", kind: kindString, validOnly: true},
			{name: "errCode", kind: kindInt, optional: true},
		},
		errors: map[string]func(error) bool{
			"field":     isAny(errCloudMalformed),
			"cloudid":   isCloudIDError,
			"watermark": isAny(watermark.ErrMalformed),
			"appid":     isAny(watermark.ErrAppID),
			"expired":   isAny(watermark.ErrTooOld),
			"future":    isAny(watermark.ErrFuture),
		},
		check: checkCloudIDField,
	},
	"cloudid.event": {
		fields: []field{
			{name: "event", kind: kindString},
			{name: "fields", kind: kindObject, validOnly: true},
		},
		errors: map[string]func(error) bool{"event": isAny(errCloudEvent)},
		check: func(c *Case) error {
			got, err := cloudEventKinds([]byte(c.String("event")))
			if err := validity(c, err); err != nil || !c.Valid {
				return err
			}
			if diff := cmp.Diff(c.Object("fields"), got); diff != "" {
				return fmt.Errorf("fields (-want +got):\n%s", diff)
			}
			return nil
		},
	},
	"errcode.answer": {
		fields: []field{
			{name: "answer", kind: kindString},
			{name: "errcode", kind: kindInt, optional: true},
			{name: "errmsg", kind: kindString, optional: true},
		},
		errors: map[string]func(error) bool{
			"errcode":   isType[*errcode.Error],
			"malformed": isAny(errcode.ErrMalformed, errcode.ErrTooLarge),
		},
		check: checkErrcodeAnswer,
	},
}

// The cloud-call API, in one place: these few lines follow the library's
// cloud-call package.
var (
	errCloudMalformed = cloudid.ErrMalformed
	errCloudEvent     = cloudid.ErrMalformed
)

// isCloudIDError: a field the platform could not exchange (its errCode).
func isCloudIDError(err error) bool { return isType[*cloudid.Error](err) }

// cloudIDCode returns the errCode of such an error, and whether it is the
// expired code's sentinel.
func cloudIDCode(err error) (code int64, expired, ok bool) {
	var e *cloudid.Error
	if !errors.As(err, &e) {
		return 0, false, false
	}
	return int64(e.Code), errors.Is(err, cloudid.ErrExpired), true
}

// cloudEventKinds maps each top-level field in a cloudID's shape to its
// kind; plain fields are left out.
func cloudEventKinds(event []byte) (map[string]string, error) {
	fields, err := cloudid.ParseEvent(event)
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{}
	for _, f := range fields {
		kinds[f.Name] = f.Kind.String()
	}
	return kinds, nil
}

// cloudOpenField verifies one replaced field and returns its data's JSON.
func cloudOpenField(o *wxcrypto.Opener, field []byte) ([]byte, error) {
	var data json.RawMessage
	_, err := cloudid.Open(o, field, &data)
	return data, err
}

// xxteaErrors are the error words of xxtea.decrypt (cloud189.userinfo uses
// the same words for its ciphertext).
var xxteaErrors = map[string]func(error) bool{
	"key":        isAny(xxtea.ErrKeyEmpty),
	"ciphertext": isAny(xxtea.ErrCiphertext),
	"decrypt":    isAny(xxtea.ErrLength),
}

// isType returns a class test: err is or wraps an error of type E.
func isType[E error](err error) bool {
	var e E
	return errors.As(err, &e)
}

// outputsIf reports a case whose optional outputs are present where the
// format does not allow them, or absent where it requires them.
func outputsIf(c *Case, want bool, names ...string) error {
	for _, n := range names {
		if c.Has(n) != want {
			return fmt.Errorf("%q present: %v, want %v for this result and error word", n, c.Has(n), want)
		}
	}
	return nil
}

func checkCloud189UserInfo(c *Case) error {
	if c.Has("answer") == c.Has("encryptedData") {
		return errors.New(`want exactly one of "answer" and "encryptedData"`)
	}
	if err := outputsIf(c, c.Error == "code", "code"); err != nil {
		return err
	}
	policy, ok := casePolicy(c, "appId", time.Millisecond)
	if !ok {
		return errPolicyRange
	}
	var u cloud189.UserInfo
	o, err := cloud189.NewOpener(c.String("appSecret"), policy)
	if err == nil {
		if c.Has("answer") {
			u, err = o.OpenAnswer([]byte(c.String("answer")))
		} else {
			u, err = o.OpenUserInfo(c.String("encryptedData"))
		}
	}
	if err := validity(c, err); err != nil {
		return err
	}
	if !c.Valid {
		var api *cloud189.APIError
		if c.Has("code") && errors.As(err, &api) && api.Code != c.Int("code") {
			return fmt.Errorf("code %d, want %d", api.Code, c.Int("code"))
		}
		return nil
	}
	want := cloud189.UserInfo{OpenID: c.String("openId"), PhoneNumber: c.String("phoneNumber"), AppID: c.String("appId"), Timestamp: c.Int("timestamp")}
	if diff := cmp.Diff(want, u); diff != "" {
		return fmt.Errorf("user info (-want +got):\n%s", diff)
	}
	return nil
}

func checkCloudIDField(c *Case) error {
	if err := outputsIf(c, c.Error == "cloudid", "errCode"); err != nil {
		return err
	}
	policy, ok := casePolicy(c, "appid", time.Second)
	if !ok {
		return errPolicyRange
	}
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return fmt.Errorf("policy: %v", err)
	}
	data, err := cloudOpenField(o, []byte(c.String("field")))
	if err := validity(c, err); err != nil {
		return err
	}
	if !c.Valid {
		if !c.Has("errCode") {
			return nil
		}
		code, expired, ok := cloudIDCode(err)
		if !ok || code != c.Int("errCode") {
			return fmt.Errorf("%v, want errCode %d", err, c.Int("errCode"))
		}
		if expired != (code == -601006) {
			return fmt.Errorf("%v: the expired sentinel must match errCode -601006 only", err)
		}
		return nil
	}
	if string(data) != c.String("data") {
		return fmt.Errorf("data %q, want %q", data, c.String("data"))
	}
	return nil
}

func checkErrcodeAnswer(c *Case) error {
	if err := outputsIf(c, c.Valid || c.Error == "errcode", "errcode", "errmsg"); err != nil {
		return err
	}
	members, err := errcode.ParseObject([]byte(c.String("answer")))
	if err := validity(c, err); err != nil {
		return err
	}
	got := errcode.Error{}
	if c.Valid {
		json.Unmarshal(members["errmsg"], &got.Msg) // a string or null, checked by ParseObject
	} else if e := (*errcode.Error)(nil); errors.As(err, &e) {
		got = *e
	} else {
		return nil
	}
	want := errcode.Error{Code: int(c.Int("errcode")), Msg: c.String("errmsg")}
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("errcode and errmsg (-want +got):\n%s", diff)
	}
	return nil
}
