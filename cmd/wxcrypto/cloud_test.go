package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// weRunEvent is the event of the platform's cloudID example, as strict JSON.
const weRunEvent = `{
  "weRunData": {"cloudID": "xxx", "data": {"stepInfoList": [{"step": 5000, "timestamp": 1554814312}], "watermark": {"appid": "wx1111111111", "timestamp": 1554815786}}},
  "obj": {"shareInfo": "yyy"}
}`

const expiredEvent = `{"weRunData": {"cloudID": "xxx", "errCode": -601006, "errMsg": "cloudID expired."}, "note": "plain"}`

func TestCloudCommand(t *testing.T) {
	rc, out, errOut := wx(t, weRunEvent, nil, "cloud", "-appid", "wx1111111111", "-event", "-", "-type", "werun", "-now", "1554815800")
	if rc != 0 {
		t.Fatalf("rc %d: %s", rc, errOut)
	}
	type step struct{ Step, Timestamp int64 }
	type report struct {
		Field, Kind, CloudID, Type string
		Data                       struct {
			StepInfoList []step `json:"stepInfoList"`
		}
	}
	var r report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// "xxx" is three characters whose SHA-256 begins cd2eb0837c9b4c96
	// (sha256sum of the text): the cloudID is redacted.
	want := report{Field: "weRunData", Kind: "replaced", CloudID: "redacted, 3 chars, sha256 cd2eb083", Type: "werun"}
	want.Data.StepInfoList = []step{{Step: 5000, Timestamp: 1554814312}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if strings.Contains(out, `"xxx"`) {
		t.Errorf("cloudID printed:\n%s", out)
	}
	if strings.Contains(out, `"obj"`) {
		t.Errorf("plain field reported: %s", out)
	}

	for _, tt := range []struct {
		name, event, class string
		args               []string
	}{
		{"expired", expiredEvent, "expired", nil},
		{"stale", weRunEvent, "expired", []string{"-now", "1554900000"}},
		{"other app", strings.Replace(weRunEvent, "wx1111111111", "wx2", 1), "appid", []string{"-no-freshness"}},
		{"malformed field", `{"f":{"cloudID":"x","data":{},"errCode":1}}`, "malformed", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"cloud", "-appid", "wx1111111111", "-event", "-", "-now", "1554815800"}, tt.args...)
			rc, out, _ := wx(t, tt.event, nil, args...)
			if rc != 1 || !strings.Contains(out, `"class": "`+tt.class+`"`) || strings.Contains(out, `"xxx"`) {
				t.Errorf("rc %d, output %s; want class %s", rc, out, tt.class)
			}
		})
	}
	if rc, _, errOut := wx(t, `[]`, nil, "cloud", "-appid", "wx1", "-event", "-"); rc != 1 || !strings.Contains(errOut, "class: malformed\n") {
		t.Errorf("not an object: rc %d, %s", rc, errOut)
	}
}

func TestInputsAreCappedNotCut(t *testing.T) {
	// An answer over msghash's cap is refused by name, not truncated into a
	// JSON error.
	big := `{"errcode":0,"pad":"` + strings.Repeat("x", 70<<10) + `"}`
	rc, _, errOut := wx(t, big, nil, "msghash", "-answer", "-")
	if rc != 2 || !strings.Contains(errOut, "-answer: larger than") {
		t.Errorf("rc %d, %q", rc, errOut)
	}
	// A cloud event may be larger than a signed body.
	event := `{"pad":"` + strings.Repeat("x", 2<<20) + `",` + strings.TrimPrefix(weRunEvent, "{")
	rc, out, errOut := wx(t, event, nil, "cloud", "-appid", "wx1111111111", "-event", "-", "-no-freshness")
	if rc != 0 || !strings.Contains(out, `"kind": "replaced"`) || strings.Contains(out, "AES") {
		t.Errorf("2 MiB event: rc %d, %s %s", rc, out, errOut)
	}
}
