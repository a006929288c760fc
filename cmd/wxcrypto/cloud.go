package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/internal/errclass"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func runCloud(e *env, args []string) int {
	fs := newFlagSet(e, "cloud", `cloud [flags]

Reads the event a cloud function received, reports each top-level field
(replaced with open data by a cloudID, failed with an errCode, malformed, or
plain), and verifies the watermark of every replaced field with the same
policy as decrypt. Prints one JSON object per field that is not plain (with
-json, one object {"fields":[...]} holding them).
Exits with status 1 if any field failed, is malformed or does not verify.
CloudIDs are never printed (one that has not expired can still be
exchanged): each is shown as its length and a short SHA-256.`)
	appID := fs.String("appid", "", "your mini-program's `appid` (env WXCRYPTO_APPID)")
	event := fs.String("event", "", "`file` holding the event, or - for standard input")
	typ := fs.String("type", "raw", "payload `type` of the replaced fields: "+strings.Join(payloadTypes, ", "))
	pf := addPolicyFlags(fs)
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	if err := checkPayloadType(*typ); err != nil {
		return e.usageError(err)
	}
	s := &secrets{e: e}
	app, err := s.get("appid", *appID, "WXCRYPTO_APPID")
	if err != nil {
		return e.usageError(err)
	}
	if err := missing(need{app, "-appid (or WXCRYPTO_APPID)"}, need{*event, "-event (a file, or - for standard input)"}); err != nil {
		return e.usageError(err)
	}
	body, err := s.read("event", *event, 4<<20) // the event limit of package cloudid
	if err != nil {
		return e.usageError(err)
	}
	policy := pf.policy(app)
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return e.usageError(err)
	}
	fields, err := cloudid.ParseEvent(body)
	if err != nil {
		return e.fail(err)
	}

	type fieldReport struct {
		Field   string `json:"field"`
		Kind    string `json:"kind"`
		CloudID string `json:"cloudID,omitempty"` // redacted
		*verifiedResult
		Error string `json:"error,omitempty"`
		Class string `json:"class,omitempty"`
	}
	var reports []fieldReport
	var firstErr error
	failed := 0
	for _, f := range fields {
		r := fieldReport{Field: f.Name, Kind: f.Kind.String(), CloudID: redact(f.CloudID)}
		err := f.Err
		if f.Kind == cloudid.Replaced {
			var data any
			var w watermark.Watermark
			data, w, err = openAs(*typ, payloadSource{
				raw: func() ([]byte, watermark.Watermark, error) {
					var raw json.RawMessage
					w, err := cloudid.Open(o, f.Value, &raw)
					return raw, w, err
				},
				user:  cloudAs[wxcrypto.UserInfo](o, f.Value),
				phone: cloudAs[wxcrypto.PhoneNumber](o, f.Value),
				werun: cloudAs[wxcrypto.WeRunData](o, f.Value),
				share: cloudAs[wxcrypto.ShareInfo](o, f.Value),
			})
			if err == nil {
				r.verifiedResult = &verifiedResult{Type: *typ, Verified: checks(policy, w), Watermark: watermarkJSON(w), Data: data}
			}
		}
		if err != nil {
			r.Error, r.Class = err.Error(), errclass.Of(err)
			if firstErr == nil {
				firstErr = fmt.Errorf("field %q: %w", f.Name, err)
			}
			failed++
		}
		if !e.json {
			writeJSON(e.stdout, r, "  ")
		}
		reports = append(reports, r)
	}
	if firstErr != nil {
		err := fmt.Errorf("%d of %d cloudID fields failed; first, %w", failed, len(reports), firstErr)
		return e.failWith(err, map[string]any{"fields": reports})
	}
	if !e.json {
		return exitOK
	}
	return e.done(map[string]any{"fields": reports}, nil)
}

// redact stands for a cloudID in output. A cloudID that has not expired can
// still be exchanged for the user's data, so it is never printed; a short
// hash lets a report be matched with the event it came from.
func redact(cloudID string) string {
	if cloudID == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(cloudID))
	return fmt.Sprintf("redacted, %d chars, sha256 %x", len(cloudID), sum[:4])
}

// cloudAs reads a replaced field as a typed result.
func cloudAs[T any](o *wxcrypto.Opener, field []byte) func() (T, error) {
	return func() (T, error) {
		var v T
		_, err := cloudid.Open(o, field, &v)
		return v, err
	}
}
