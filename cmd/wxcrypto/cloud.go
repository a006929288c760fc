package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/watermark"
)

func runCloud(e *env, args []string) int {
	fs := newFlagSet(e, "cloud", `cloud [flags]

Reads the event a cloud function received, reports each top-level field
(replaced with open data by a cloudID, failed with an errCode, malformed, or
plain), and verifies the watermark of every replaced field with the same
policy as decrypt. Prints one JSON object per field that is not plain.
Exits with status 1 if any field failed, is malformed or does not verify.`)
	appID := fs.String("appid", "", "your mini-program's `appid` (env WXCRYPTO_APPID)")
	event := fs.String("event", "", "`file` holding the event, or - for standard input")
	typ := fs.String("type", "raw", "payload `type` of the replaced fields: "+strings.Join(payloadTypes, ", "))
	pf := addPolicyFlags(fs)
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	usageErr := func(err error) int {
		fmt.Fprintf(e.stderr, "wxcrypto cloud: %v\n", err)
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		return usageErr(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	case *event == "":
		return usageErr(errors.New("no event: use -event FILE or -event -"))
	case !slices.Contains(payloadTypes, *typ):
		return usageErr(fmt.Errorf("unknown -type %q (want one of %s)", *typ, strings.Join(payloadTypes, ", ")))
	}
	s := &secrets{e: e}
	app, err := s.get("appid", *appID, "WXCRYPTO_APPID")
	if err != nil {
		return usageErr(err)
	}
	body, err := s.read("event", *event, 4<<20) // the event limit of package cloudid
	if err != nil {
		return usageErr(err)
	}
	policy := pf.policy(app)
	o, err := wxcrypto.NewOpener(policy)
	if err != nil {
		return usageErr(err)
	}
	fields, err := cloudid.ParseEvent(body)
	if err != nil {
		reportError(e.stderr, "cloud", err)
		return exitFail
	}

	type fieldReport struct {
		Field   string `json:"field"`
		Kind    string `json:"kind"`
		CloudID string `json:"cloudID,omitempty"`
		*verifiedResult
		Error string `json:"error,omitempty"`
		Class string `json:"class,omitempty"`
	}
	rc := exitOK
	for _, f := range fields {
		r := fieldReport{Field: f.Name, Kind: f.Kind.String(), CloudID: f.CloudID}
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
				r.verifiedResult = &verifiedResult{Type: *typ, Verified: verifiedChecks(policy, w), Watermark: watermarkJSON(w), Data: data}
			}
		}
		if err != nil {
			r.Error, r.Class = err.Error(), errorClass(err)
			rc = exitFail
		}
		printJSON(e.stdout, r)
	}
	return rc
}

// cloudAs reads a replaced field as a typed result.
func cloudAs[T any](o *wxcrypto.Opener, field []byte) func() (T, error) {
	return func() (T, error) {
		var v T
		_, err := cloudid.Open(o, field, &v)
		return v, err
	}
}
