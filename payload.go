package wxcrypto

import (
	"github.com/wxcrypto/wxcrypto/internal/fastjson"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The schemas of the typed results, in the order the platform sends the
// fields, which the fast decoder tries first.
var (
	userInfoSchema = fastjson.Schema{
		{Name: "openId", Kind: fastjson.String}, {Name: "nickName", Kind: fastjson.String},
		{Name: "gender", Kind: fastjson.Int}, {Name: "language", Kind: fastjson.String},
		{Name: "city", Kind: fastjson.String}, {Name: "province", Kind: fastjson.String},
		{Name: "country", Kind: fastjson.String}, {Name: "avatarUrl", Kind: fastjson.String},
		{Name: "unionId", Kind: fastjson.String},
	}
	phoneNumberSchema = fastjson.Schema{
		{Name: "phoneNumber", Kind: fastjson.String}, {Name: "purePhoneNumber", Kind: fastjson.String},
		{Name: "countryCode", Kind: fastjson.String},
	}
	weRunDataSchema = fastjson.Schema{{Name: "stepInfoList", Kind: fastjson.Steps}}
	shareInfoSchema = fastjson.Schema{{Name: "openGId", Kind: fastjson.String}}
)

// The typed results are told apart by type switches rather than methods
// through the type parameter, which would move every result to the heap.

func schemaFor[T any]() fastjson.Schema {
	switch any((*T)(nil)).(type) {
	case *UserInfo:
		return userInfoSchema
	case *PhoneNumber:
		return phoneNumberSchema
	case *WeRunData:
		return weRunDataSchema
	case *ShareInfo:
		return shareInfoSchema
	}
	return nil
}

// fill sets *v from the fast decoder's record.
func fill[T any](v *T, r *fastjson.Record, w watermark.Watermark) {
	switch v := any(v).(type) {
	case *UserInfo:
		*v = UserInfo{
			OpenID: r.Str[0], NickName: r.Str[1], Gender: int(r.Num[2]), Language: r.Str[3],
			City: r.Str[4], Province: r.Str[5], Country: r.Str[6], AvatarURL: r.Str[7], UnionID: r.Str[8],
			Watermark: w,
		}
	case *PhoneNumber:
		*v = PhoneNumber{PhoneNumber: r.Str[0], PurePhoneNumber: r.Str[1], CountryCode: r.Str[2], Watermark: w}
	case *WeRunData:
		*v = WeRunData{Watermark: w}
		if r.Steps != nil {
			v.StepInfoList = make([]StepInfo, len(r.Steps))
			for i, s := range r.Steps {
				v.StepInfoList[i] = StepInfo(s)
			}
		}
	case *ShareInfo:
		*v = ShareInfo{OpenGID: r.Str[0], Watermark: w}
	}
}

// watermarkOf returns the field that holds a result's watermark.
func watermarkOf[T any](v *T) *watermark.Watermark {
	switch v := any(v).(type) {
	case *UserInfo:
		return &v.Watermark
	case *PhoneNumber:
		return &v.Watermark
	case *WeRunData:
		return &v.Watermark
	case *ShareInfo:
		return &v.Watermark
	}
	return nil
}

// identified reports whether a result has its type's identifying field.
func identified[T any](v *T) bool {
	switch v := any(v).(type) {
	case *UserInfo:
		return v.OpenID != ""
	case *PhoneNumber:
		return v.PhoneNumber != ""
	case *WeRunData:
		return v.StepInfoList != nil
	case *ShareInfo:
		return v.OpenGID != ""
	}
	return false
}
