// Package answer reads the two platform answers that carry what open data
// needs: code2Session's (the session key that opens encrypted data) and the
// code-based phone-number flow's getuserphonenumber (phone_info, whose
// watermark is checked as for decrypted open data).
//
//	s, err := answer.ParseSession(body)          // openid, session_key checked
//	p, err := answer.ParsePhoneNumber(o, body)   // o is a *wxcrypto.Opener
//
// Both read the answer strictly: one JSON object, no duplicate member and no
// member whose name case-folds to one they read without being it
// (encoding/json would match "OpenID" for "openid", and which copy it took
// would depend on the order). A non-zero errcode, as a number or a numeric
// string, is package errcode's *errcode.Error; other faults wrap
// errcode.ErrMalformed and quote nothing of the answer. Details are in
// spec/algorithms.md section 10.
package answer

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
	"github.com/wxcrypto/wxcrypto/internal/strictb64"
	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// Session is the answer of code2Session (/sns/jscode2session): who the
// user is, and the session key that opens their encrypted data.
type Session struct {
	OpenID     string `json:"openid"`
	SessionKey string `json:"session_key"`       // base64 of 16 bytes, checked; a secret
	UnionID    string `json:"unionid,omitempty"` // "" when the answer has none
}

// String formats the session for logs with the session key left out, so
// that printing a Session with %v, %+v or %s does not leak the key.
func (s Session) String() string {
	return fmt.Sprintf("{OpenID:%s UnionID:%s SessionKey:[redacted]}", s.OpenID, s.UnionID)
}

// GoString is String for %#v, which would otherwise print every field.
func (s Session) GoString() string {
	return fmt.Sprintf("wxcrypto.Session{OpenID:%q, UnionID:%q, SessionKey:[redacted]}", s.OpenID, s.UnionID)
}

// LogValue leaves the session key out of log/slog records too: slog's JSON
// handler would otherwise marshal the Session, key included. (encoding/json
// itself keeps the key, for storing the session.)
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(slog.String("openid", s.OpenID), slog.String("unionid", s.UnionID))
}

// ParseSession reads a code2Session answer such as
//
//	{"openid":"...","session_key":"...","unionid":"..."}
//	{"errcode":40029,"errmsg":"invalid code"}
//
// A non-zero errcode, as a JSON number or a numeric string, is returned as
// the *errcode.Error that package errcode gives (40029 invalid code, 45011
// rate limit, 40226 high-risk user, -1 busy); an absent errcode means 0.
// Otherwise openid must be a non-empty string and session_key exactly 24
// characters of strict standard base64 decoding to 16 bytes, so that a key
// that could never open data is refused before it is stored (the error then
// matches sessionsig.ErrSessionKey too); unionid is optional. Anything else, including a second copy of one of these members
// under a case-folded name, is an error wrapping errcode.ErrMalformed that
// quotes nothing of the answer.
func ParseSession(body []byte) (Session, error) {
	members, err := answerMembers(body, "openid", "session_key", "unionid")
	if err != nil {
		return Session{}, err
	}
	var s Session
	var ok bool
	if s.OpenID, ok = stringMember(members["openid"]); !ok || s.OpenID == "" {
		return Session{}, malformed("openid is missing or not a non-empty string")
	}
	if s.SessionKey, ok = stringMember(members["session_key"]); !ok || !strictb64.Is16(s.SessionKey) {
		if strings.Contains(s.SessionKey, " ") {
			return Session{}, errSessionKeySpace
		}
		return Session{}, errBadSessionKey
	}
	if raw, present := members["unionid"]; present {
		if s.UnionID, ok = stringMember(raw); !ok {
			return Session{}, malformed("unionid is not a string")
		}
	}
	return s, nil
}

// ParsePhoneNumber reads the answer of the code-based phone-number flow
// (POST /wxa/business/getuserphonenumber), such as
//
//	{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"...","purePhoneNumber":"...",
//	 "countryCode":86,"watermark":{"timestamp":1637744274,"appid":"wx..."}}}
//
// and checks phone_info's watermark under o's policy, exactly as for
// decrypted open data. A non-zero errcode is the *errcode.Error of
// package errcode (40029: the code is invalid or used; each works once,
// for five minutes). phone_info must hold string phoneNumber and
// purePhoneNumber and a countryCode given either as a string or as a JSON
// integer without sign (the platform's page shows both); duplicate or
// case-folded copies of these members make the answer malformed
// (errcode.ErrMalformed). Watermark failures are those of package
// watermark.
func ParsePhoneNumber(o *wxcrypto.Opener, body []byte) (wxcrypto.PhoneNumber, error) {
	members, err := answerMembers(body, "phone_info")
	if err != nil {
		return wxcrypto.PhoneNumber{}, err
	}
	raw, ok := members["phone_info"]
	if !ok {
		return wxcrypto.PhoneNumber{}, malformed("no phone_info")
	}
	info, err := exactMembers(raw, "phoneNumber", "purePhoneNumber", "countryCode", "watermark")
	if err != nil {
		return wxcrypto.PhoneNumber{}, malformed("phone_info: " + err.Error())
	}
	var p wxcrypto.PhoneNumber
	if p.PhoneNumber, ok = stringMember(info["phoneNumber"]); !ok {
		return wxcrypto.PhoneNumber{}, malformed("phone_info.phoneNumber is missing or not a string")
	}
	if p.PurePhoneNumber, ok = stringMember(info["purePhoneNumber"]); !ok {
		return wxcrypto.PhoneNumber{}, malformed("phone_info.purePhoneNumber is missing or not a string")
	}
	if p.CountryCode, ok = countryCode(info["countryCode"]); !ok {
		return wxcrypto.PhoneNumber{}, malformed("phone_info.countryCode is missing, or neither a string nor a non-negative integer")
	}
	if p.Watermark, err = o.Verify(raw, new(json.RawMessage)); err != nil {
		return wxcrypto.PhoneNumber{}, err
	}
	return p, nil
}

// answerMembers reads a platform answer through package errcode (size cap,
// errcode and errmsg) after checking its members itself: one JSON object,
// no duplicates, and no member whose name folds to one the caller reads
// without being it, since encoding/json would match "OpenID" or
// "session_Key" case-insensitively and which copy it took would depend on
// the order. Its own errors name no member: a name is the peer's text, of
// any length.
func answerMembers(body []byte, names ...string) (map[string]json.RawMessage, error) {
	if len(body) > errcode.MaxAnswerSize {
		return nil, errcode.ErrTooLarge
	}
	list, err := jsonobj.Members(body)
	if err != nil {
		return nil, malformed(err.Error())
	}
	names = append(names, "errcode", "errmsg")
	seen := make(map[string]bool, len(list))
	for _, m := range list {
		if seen[m.Name] {
			return nil, malformed(jsonobj.ErrDuplicate.Error())
		}
		seen[m.Name] = true
		if folded := jsonobj.Folded(m.Name, names); folded != "" {
			return nil, malformed("a member folds to " + folded + " without being it")
		}
	}
	return errcode.ParseObject(body)
}

// exactMembers splits a nested object like answerMembers does the answer.
// Its errors name no member: a name is the peer's text, of any length.
func exactMembers(raw json.RawMessage, names ...string) (map[string]json.RawMessage, error) {
	members, err := jsonobj.Map(raw)
	if errors.Is(err, jsonobj.ErrDuplicate) {
		return nil, jsonobj.ErrDuplicate
	}
	if err != nil {
		return nil, err
	}
	for name := range members {
		if folded := jsonobj.Folded(name, names); folded != "" {
			return nil, fmt.Errorf("a member folds to %s without being it", folded)
		}
	}
	return members, nil
}

// errBadSessionKey is a session_key that could never open data: the answer
// is malformed, and the key is what sessionsig.ErrSessionKey names.
var errBadSessionKey = fmt.Errorf("%w: %w", errcode.ErrMalformed, sessionsig.ErrSessionKey)

// errSessionKeySpace is errBadSessionKey with the usual cause named.
var errSessionKeySpace = fmt.Errorf("%w: it contains a space, probably a '+' turned into a space by URL or form decoding", errBadSessionKey)

func malformed(reason string) error {
	return fmt.Errorf("%w: %s", errcode.ErrMalformed, reason)
}

// stringMember reads a member that must be a JSON string (not null).
func stringMember(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// countryCode reads countryCode: a string as it is, or a JSON integer token
// without sign (0|[1-9][0-9]*) as its digits (spec/vectors.md).
func countryCode(raw json.RawMessage) (string, bool) {
	if s, ok := stringMember(raw); ok {
		return s, true
	}
	if len(raw) == 0 || (raw[0] == '0' && len(raw) > 1) {
		return "", false
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return string(raw), true
}
