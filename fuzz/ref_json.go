package fuzz

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The references below read JSON with encoding/json only, the way the
// README and the package docs describe each format, for differential
// fuzzing of whatever parser the library uses.

// errKind names the class of a result, for comparing a library error with a
// reference verdict.
type errKind string

const (
	kindOK        errKind = "ok"
	kindMalformed errKind = "malformed"
	kindAppID     errKind = "appid"
	kindTooOld    errKind = "too old"
	kindFuture    errKind = "future"
	kindPayload   errKind = "payload"
	kindPolicy    errKind = "policy"
	kindAPI       errKind = "api"
	kindTooLarge  errKind = "too large"
)

// isJSONObject reports whether data, after white space, starts like a JSON
// object.
func isJSONObject(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// refParseWatermark reads the watermark of decrypted open data by the
// strict rule (refStrictWatermark), with one class for every failure.
func refParseWatermark(data []byte) (watermark.Watermark, errKind) {
	w, k := refStrictWatermark(data)
	if k != kindOK {
		return watermark.Watermark{}, kindMalformed
	}
	return w, kindOK
}

// refWindow applies the freshness rule to a timestamp in units of unit:
// with the clock truncated to the unit and the durations counted in whole
// units, now - maxAge <= ts <= now + skew. It computes with big integers so
// that no value can overflow.
func refWindow(ts int64, now time.Time, maxAge, skew time.Duration, unit time.Duration) errKind {
	perSecond := big.NewInt(int64(time.Second / unit))
	nowUnits := new(big.Int).Mul(big.NewInt(now.Unix()), perSecond)
	nowUnits.Add(nowUnits, big.NewInt(int64(now.Nanosecond())/int64(unit)))
	lo := new(big.Int).Sub(nowUnits, big.NewInt(int64(maxAge/unit)))
	hi := new(big.Int).Add(nowUnits, big.NewInt(int64(skew/unit)))
	t := big.NewInt(ts)
	switch {
	case t.Cmp(lo) < 0:
		return kindTooOld
	case t.Cmp(hi) > 0:
		return kindFuture
	}
	return kindOK
}

// refCheck is the reference of Policy.Check and Policy.CheckMillis.
func refCheck(p watermark.Policy, appID string, ts int64, unit time.Duration) errKind {
	if p.AppID == "" || p.MaxAge < 0 || p.Skew < 0 {
		return kindPolicy
	}
	if appID != p.AppID {
		return kindAppID
	}
	if p.SkipFreshness {
		return kindOK
	}
	return refWindow(ts, p.Now(), p.MaxAge, p.Skew, unit)
}

// The typed payloads, as documented, with their JSON member names.
type (
	refUserInfo struct {
		OpenID    string `json:"openId"`
		UnionID   string `json:"unionId"`
		NickName  string `json:"nickName"`
		Gender    int    `json:"gender"`
		Language  string `json:"language"`
		City      string `json:"city"`
		Province  string `json:"province"`
		Country   string `json:"country"`
		AvatarURL string `json:"avatarUrl"`
	}
	refPhoneNumber struct {
		PhoneNumber     string `json:"phoneNumber"`
		PurePhoneNumber string `json:"purePhoneNumber"`
		CountryCode     string `json:"countryCode"`
	}
	refWeRunData struct {
		StepInfoList []struct {
			Timestamp int64 `json:"timestamp"`
			Step      int   `json:"step"`
		} `json:"stepInfoList"`
	}
	refShareInfo struct {
		OpenGID string `json:"openGId"`
	}
)

// refOpened is what the reference makes of one plaintext for every typed
// result: the watermark verdict, then each type's own.
type refOpened struct {
	wm     watermark.Watermark
	wmKind errKind // kindOK, kindMalformed or kindAppID

	user   wxcrypto.UserInfo
	phone  wxcrypto.PhoneNumber
	weRun  wxcrypto.WeRunData
	share  wxcrypto.ShareInfo
	userK  errKind
	phoneK errKind
	weRunK errKind
	shareK errKind
}

// refOpen reads plaintext as the Opener documents it under a policy that
// skips freshness: the watermark first (malformed, or another appid), then
// the typed payload (a member of the wrong JSON type is a payload error).
func refOpenTyped(appID string, plaintext []byte) refOpened {
	var r refOpened
	// One error until a JSON object exists: the Opener's aescbc.ErrDecrypt.
	r.wm, r.wmKind = refStrictWatermark(plaintext)
	if r.wmKind == kindOK && r.wm.AppID != appID {
		r.wmKind = kindAppID
	}
	if r.wmKind != kindOK {
		r.userK, r.phoneK, r.weRunK, r.shareK = r.wmKind, r.wmKind, r.wmKind, r.wmKind
		return r
	}
	// A typed result needs its identifying member: openId, phoneNumber,
	// stepInfoList (present, not null) and openGId, non-empty.
	var u refUserInfo
	r.userK = payloadKind(json.Unmarshal(plaintext, &u), u.OpenID != "")
	if r.userK == kindOK {
		r.user = wxcrypto.UserInfo{
			OpenID: u.OpenID, UnionID: u.UnionID, NickName: u.NickName, Gender: u.Gender,
			Language: u.Language, City: u.City, Province: u.Province, Country: u.Country,
			AvatarURL: u.AvatarURL, Watermark: r.wm,
		}
	}
	var p refPhoneNumber
	r.phoneK = payloadKind(json.Unmarshal(plaintext, &p), p.PhoneNumber != "")
	if r.phoneK == kindOK {
		r.phone = wxcrypto.PhoneNumber{
			PhoneNumber: p.PhoneNumber, PurePhoneNumber: p.PurePhoneNumber,
			CountryCode: p.CountryCode, Watermark: r.wm,
		}
	}
	var w refWeRunData
	r.weRunK = payloadKind(json.Unmarshal(plaintext, &w), w.StepInfoList != nil)
	if r.weRunK == kindOK {
		r.weRun = wxcrypto.WeRunData{Watermark: r.wm}
		for _, s := range w.StepInfoList {
			r.weRun.StepInfoList = append(r.weRun.StepInfoList, wxcrypto.StepInfo{Timestamp: s.Timestamp, Step: s.Step})
		}
	}
	var s refShareInfo
	r.shareK = payloadKind(json.Unmarshal(plaintext, &s), s.OpenGID != "")
	if r.shareK == kindOK {
		r.share = wxcrypto.ShareInfo{OpenGID: s.OpenGID, Watermark: r.wm}
	}
	return r
}

func payloadKind(err error, identified bool) errKind {
	if err != nil || !identified {
		return kindPayload
	}
	return kindOK
}

// ref189UserInfo reads decrypted 189 user info by the strict rule of
// cloud189's doc: one JSON object in valid UTF-8 with exactly one string
// openId and appId, one integer timestamp and at most one string
// phoneNumber, and no member whose name folds to one of those four.
type ref189UserInfo struct {
	OpenID, PhoneNumber, AppID string
	Timestamp                  int64
}

func refParse189UserInfo(data []byte) (ref189UserInfo, bool) {
	list, ok := refObject(data)
	if !ok || !utf8.Valid(data) {
		return ref189UserInfo{}, false
	}
	got := map[string]json.RawMessage{}
	for _, m := range list {
		for _, name := range []string{"openId", "appId", "timestamp", "phoneNumber"} {
			if strings.EqualFold(m.name, name) {
				if _, dup := got[name]; dup || m.name != name {
					return ref189UserInfo{}, false
				}
				got[name] = m.value
			}
		}
	}
	var u ref189UserInfo
	for name, dst := range map[string]*string{"openId": &u.OpenID, "appId": &u.AppID, "phoneNumber": &u.PhoneNumber} {
		raw, ok := got[name]
		if !ok && name == "phoneNumber" {
			continue
		}
		if !ok || !isJSONString(raw) || json.Unmarshal(raw, dst) != nil {
			return ref189UserInfo{}, false
		}
	}
	ts, ok := got["timestamp"]
	if !ok || isJSONString(ts) {
		return ref189UserInfo{}, false
	}
	if u.Timestamp, ok = refInteger(ts); !ok {
		return ref189UserInfo{}, false
	}
	return u, true
}

// refMember is one member of a JSON object.
type refMember struct {
	name  string
	value json.RawMessage
}

// refObject splits data, which must be exactly one JSON object (white space
// around it aside), into its members, in order, duplicates kept, each value
// without surrounding white space.
func refObject(data []byte) ([]refMember, bool) {
	if !json.Valid(data) || !isJSONObject(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.Token() // '{'
	var members []refMember
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return nil, false
		}
		members = append(members, refMember{name.(string), bytes.TrimSpace(v)})
	}
	return members, true
}

// refUnique returns the members by name, or false if a name repeats.
func refUnique(members []refMember) (map[string]json.RawMessage, bool) {
	m := make(map[string]json.RawMessage, len(members))
	for _, mb := range members {
		if _, dup := m[mb.name]; dup {
			return nil, false
		}
		m[mb.name] = mb.value
	}
	return m, true
}

// refPlatformAnswer is the documented reading of a WeChat platform answer
// (package errcode's doc): one JSON object without duplicate members, at
// most maxSize bytes; errcode an integer of at most 32 bits written as a
// number or a numeric string, absent meaning 0; errmsg a string, absent or
// null meaning ""; a non-zero errcode is an API error.
type refPlatformAnswer struct {
	kind    errKind // kindOK, kindAPI, kindMalformed or kindTooLarge
	code    int
	msg     string
	members map[string]json.RawMessage
}

func refAnswer(body []byte, maxSize int) refPlatformAnswer {
	bad := refPlatformAnswer{kind: kindMalformed}
	if len(body) > maxSize {
		return refPlatformAnswer{kind: kindTooLarge}
	}
	list, ok := refObject(body)
	if !ok {
		return bad
	}
	members, ok := refUnique(list)
	if !ok {
		return bad
	}
	code := int64(0)
	if raw, ok := members["errcode"]; ok {
		n, ok := refInteger(raw)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return bad
		}
		code = n
	}
	msg := ""
	if raw, ok := members["errmsg"]; ok && !isNull(raw) {
		if !isJSONString(raw) || json.Unmarshal(raw, &msg) != nil {
			return bad
		}
	}
	if code != 0 {
		return refPlatformAnswer{kind: kindAPI, code: int(code), msg: msg}
	}
	return refPlatformAnswer{kind: kindOK, members: members}
}

// refCheckAnswer is the documented reading of a checkEncryptedData answer
// (msghash.ParseCheckResponse's doc comment) on top of refAnswer.
type refCheckAnswer struct {
	refPlatformAnswer
	valid      bool
	createTime int64 // unix seconds, 0 for none
}

func refCheckResponse(body []byte, maxSize int) refCheckAnswer {
	a := refCheckAnswer{refPlatformAnswer: refAnswer(body, maxSize)}
	if a.kind != kindOK {
		return a
	}
	bad := refCheckAnswer{refPlatformAnswer: refPlatformAnswer{kind: kindMalformed}}
	// A member that encoding/json would take for one the check reads, but
	// is not it, makes the answer ambiguous (spec/algorithms.md section 4).
	for name := range a.members {
		for _, read := range []string{"vaild", "valid", "create_time"} {
			if name != read && strings.EqualFold(name, read) {
				return bad
			}
		}
	}
	valid, present := true, false
	for _, name := range []string{"vaild", "valid"} {
		raw, ok := a.members[name]
		if !ok {
			continue
		}
		present = true
		switch string(raw) {
		case "true":
		case "false":
			valid = false
		default:
			return bad
		}
	}
	if !present {
		return bad
	}
	a.valid = valid
	if raw, ok := a.members["create_time"]; ok {
		n, ok := refInteger(raw)
		if !ok || n < 0 {
			return bad
		}
		a.createTime = n
	}
	return a
}

// cloudPlain is the reference's kind of a field not in a cloudID's shape,
// which cloudid.ParseEvent does not return.
const cloudPlain cloudid.Kind = 0

// refCloudField is the documented reading of one top-level field of a
// cloud-call event (the docs of cloudid.Open and cloudid.ParseEvent).
type refCloudField struct {
	kind    cloudid.Kind
	cloudID string          // replaced and failed fields
	code    int             // failed fields
	msg     string          // failed fields
	data    json.RawMessage // replaced fields
}

func refReadCloudField(value json.RawMessage) refCloudField {
	list, ok := refObject(value)
	if !ok {
		return refCloudField{kind: cloudPlain}
	}
	has := map[string]json.RawMessage{}
	for _, m := range list {
		has[m.name] = m.value
	}
	cloudID, hasID := has["cloudID"]
	data, hasData := has["data"]
	errCode, hasCode := has["errCode"]
	if !hasID || (!hasData && !hasCode) {
		return refCloudField{kind: cloudPlain}
	}
	malformed := refCloudField{kind: cloudid.Malformed}
	if _, ok := refUnique(list); !ok {
		return malformed
	}
	var id string
	if !isJSONString(cloudID) || json.Unmarshal(cloudID, &id) != nil || len(id) > 256 {
		return malformed
	}
	switch {
	case hasData && hasCode:
		return malformed
	case hasData:
		if !isJSONObject(data) {
			return malformed
		}
		return refCloudField{kind: cloudid.Replaced, cloudID: id, data: data}
	}
	code, ok := refInteger(errCode)
	if !ok || code == 0 || code < math.MinInt32 || code > math.MaxInt32 {
		return malformed
	}
	msg := ""
	if raw, ok := has["errMsg"]; ok && !isNull(raw) {
		if !isJSONString(raw) || json.Unmarshal(raw, &msg) != nil {
			return malformed
		}
	}
	// The message is kept cut to 256 bytes, on a character boundary.
	if len(msg) > 256 {
		n := 256
		for n > 0 && !utf8.RuneStart(msg[n]) {
			n--
		}
		msg = msg[:n]
	}
	return refCloudField{kind: cloudid.Failed, cloudID: id, code: int(code), msg: msg}
}

var integerText = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// refInteger reads an integer written as a JSON number or as a JSON string
// holding one, without fraction, exponent, sign '+', leading zeros or
// white space inside the string.
func refInteger(raw json.RawMessage) (int64, bool) {
	s := string(bytes.TrimSpace(raw))
	if isJSONString(raw) {
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
	}
	if !integerText.MatchString(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false // out of the int64 range
	}
	return n, true
}

func isJSONString(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '"'
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}
