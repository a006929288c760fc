package fuzz

import (
	"bytes"
	"encoding/json"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wxcrypto/wxcrypto/watermark"
)

// The strict watermark rule of algorithms.md section 2, read through
// encoding/json's token stream (which keeps duplicate members), for
// differential fuzzing of the one-pass scanner.

// kindNotObject is the reference's verdict for a plaintext that is not one
// JSON object in valid UTF-8; package watermark reports it as malformed.
const kindNotObject errKind = "not a JSON object"

var refIntegerToken = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// refStrictWatermark returns the watermark of data, or why there is none:
// kindNotObject, or kindMalformed for an object without exactly one
// well-formed watermark.
func refStrictWatermark(data []byte) (watermark.Watermark, errKind) {
	none := watermark.Watermark{}
	// json.Valid checks the grammar and encoding/json's depth limit, but
	// lets invalid UTF-8 through.
	if !utf8.Valid(data) || !json.Valid(data) {
		return none, kindNotObject
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return none, kindNotObject
	}
	var w watermark.Watermark
	bad, seen := false, 0
	for dec.More() {
		tok, _ := dec.Token()
		name := tok.(string)
		switch {
		case name == "watermark":
			seen++
			a, ts, ok := refWatermarkObject(dec, data)
			bad = bad || !ok
			w = watermark.Watermark{AppID: a, Timestamp: ts}
		case strings.EqualFold(name, "watermark"):
			bad = true
			refSkipValue(dec)
		default:
			refSkipValue(dec)
		}
	}
	if bad || seen != 1 {
		return none, kindMalformed
	}
	return w, kindOK
}

// refWatermarkObject reads the value of a "watermark" member; ok is false
// unless it is an object with exactly one string "appid" free of lone
// surrogates, exactly one int64 integer "timestamp", and no member that
// folds to either without being it.
func refWatermarkObject(dec *json.Decoder, data []byte) (appID string, ts int64, ok bool) {
	tok, _ := dec.Token()
	if tok != json.Delim('{') {
		if d, isDelim := tok.(json.Delim); isDelim {
			refSkipRest(dec, d)
		}
		return "", 0, false
	}
	ok = true
	nA, nT := 0, 0
	for dec.More() {
		tok, _ := dec.Token()
		name := tok.(string)
		before := dec.InputOffset()
		switch {
		case name == "appid":
			nA++
			v, _ := dec.Token()
			s, isString := v.(string)
			raw := data[before:dec.InputOffset()]
			if !isString || refLoneSurrogate(raw[bytes.IndexByte(raw, '"'):]) {
				ok = false
				if d, isDelim := v.(json.Delim); isDelim {
					refSkipRest(dec, d)
				}
				continue
			}
			appID = s
		case name == "timestamp":
			nT++
			v, _ := dec.Token()
			n, isNumber := v.(json.Number)
			var err error
			if isNumber && refIntegerToken.MatchString(string(n)) {
				ts, err = strconv.ParseInt(string(n), 10, 64)
			}
			if !isNumber || !refIntegerToken.MatchString(string(n)) || err != nil {
				ok = false
				if d, isDelim := v.(json.Delim); isDelim {
					refSkipRest(dec, d)
				}
			}
		case strings.EqualFold(name, "appid"), strings.EqualFold(name, "timestamp"):
			ok = false
			refSkipValue(dec)
		default:
			refSkipValue(dec)
		}
	}
	dec.Token() // '}'
	return appID, ts, ok && nA == 1 && nT == 1
}

// refSkipValue reads one value of valid JSON.
func refSkipValue(dec *json.Decoder) {
	tok, _ := dec.Token()
	if d, ok := tok.(json.Delim); ok {
		refSkipRest(dec, d)
	}
}

// refSkipRest reads the rest of the container that open began.
func refSkipRest(dec *json.Decoder, open json.Delim) {
	if open != '{' && open != '[' {
		return
	}
	for depth := 1; depth > 0; {
		tok, _ := dec.Token()
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// refLoneSurrogate reports whether the JSON string literal lit has a \u
// escape of a surrogate that is not half of a pair, by decoding it into
// UTF-16 code units.
func refLoneSurrogate(lit []byte) bool {
	var units []uint16
	for i := 1; i < len(lit)-1; {
		switch {
		case lit[i] == '\\' && lit[i+1] == 'u':
			u, _ := strconv.ParseUint(string(lit[i+2:i+6]), 16, 16)
			units = append(units, uint16(u))
			i += 6
		case lit[i] == '\\':
			units = append(units, 'x')
			i += 2
		default:
			_, n := utf8.DecodeRune(lit[i:])
			units = append(units, 'x')
			i += n
		}
	}
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		if !utf16.IsSurrogate(u) {
			continue
		}
		if i+1 < len(units) && utf16.DecodeRune(u, rune(units[i+1])) != utf8.RuneError {
			i++
			continue
		}
		return true
	}
	return false
}

// refPolicyVerdict is the reference of Policy.Check and Policy.CheckMillis
// over the whole int64 range: the policy's own rules, the appid, then the
// window on math/big with the clock truncated to the unit (perSecond units
// a second) and the durations counted in whole units.
func refPolicyVerdict(p watermark.Policy, appID string, ts int64, now time.Time, perSecond int64) errKind {
	if p.AppID == "" || p.MaxAge < 0 || p.Skew < 0 || (p.MaxAge == 0 && !p.SkipFreshness) {
		return kindPolicy
	}
	if appID != p.AppID {
		return kindAppID
	}
	if p.SkipFreshness {
		return kindOK
	}
	unit := time.Second / time.Duration(perSecond)
	n := new(big.Int).Mul(big.NewInt(now.Unix()), big.NewInt(perSecond))
	n.Add(n, big.NewInt(int64(now.Nanosecond())/int64(unit)))
	return refBigWindow(ts, n, int64(p.MaxAge/unit), int64(p.Skew/unit))
}

// refBigWindow is now - maxAge <= ts <= now + skew on math/big.
func refBigWindow(ts int64, now *big.Int, maxAge, skew int64) errKind {
	lo := new(big.Int).Sub(now, big.NewInt(maxAge))
	hi := new(big.Int).Add(now, big.NewInt(skew))
	switch t := big.NewInt(ts); {
	case t.Cmp(lo) < 0:
		return kindTooOld
	case t.Cmp(hi) > 0:
		return kindFuture
	}
	return kindOK
}
