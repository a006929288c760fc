package fuzz

import (
	"encoding/json"
)

// ref189Answer is the documented reading of an authorizeUserInfo answer
// (cloud189's doc): one JSON object of at most 64 KiB without duplicate
// members; code an integer written as a number or a numeric string; a
// non-zero code is an API error, whose msg, if present, is a string; code 0
// needs a data object, without duplicates, holding a non-empty
// encryptedData string.
type ref189Answer struct {
	kind errKind // kindOK, kindAPI, kindMalformed or kindTooLarge
	code int64
	data string
}

func refParse189Answer(body []byte) ref189Answer {
	bad := ref189Answer{kind: kindMalformed}
	if len(body) > 64<<10 {
		return ref189Answer{kind: kindTooLarge}
	}
	list, ok := refObject(body)
	if !ok {
		return bad
	}
	m, ok := refUnique(list)
	if !ok {
		return bad
	}
	code, ok := refInteger(m["code"])
	if !ok {
		return bad
	}
	if code != 0 {
		var msg string
		if raw, ok := m["msg"]; ok && json.Unmarshal(raw, &msg) != nil {
			return bad
		}
		return ref189Answer{kind: kindAPI, code: code}
	}
	raw, ok := m["data"]
	if !ok {
		return bad
	}
	dlist, ok := refObject(raw)
	if !ok {
		return bad
	}
	d, ok := refUnique(dlist)
	if !ok {
		return bad
	}
	var data string
	if raw, ok := d["encryptedData"]; !ok || !isJSONString(raw) || json.Unmarshal(raw, &data) != nil || data == "" {
		return bad
	}
	return ref189Answer{kind: kindOK, data: data}
}
