package vectors

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto/aescbc"
)

const vectorDir = "../../testdata/vectors"

// TestVectorFiles runs every shipped vector file, one subtest per file.
func TestVectorFiles(t *testing.T) {
	files, err := Files(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]int{}
	total := 0
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			r := RunFile(name)
			for _, f := range r.Failures {
				t.Error(f)
			}
			if r.Passed == 0 {
				t.Error("no case passed")
			}
			total += r.Passed
			data, _ := os.ReadFile(name)
			top, _ := object(data)
			var op string
			unmarshalStrict(top["operation"], &op)
			ops[op] += r.Passed
		})
	}
	// Every operation the runner knows must be exercised by shipped files,
	// or its check could be broken without anyone noticing.
	for _, op := range Operations() {
		if ops[op] == 0 {
			t.Errorf("operation %s: no shipped vector passed", op)
		}
	}
	t.Logf("%d cases passed in %d files", total, len(files))
}

func file(op string, tests ...string) string {
	return `{"schema":"wxcrypto-vectors/v1","operation":"` + op + `","source":"unit test","tests":[` + strings.Join(tests, ",") + `]}`
}

const (
	okCase      = `{"tcId":1,"comment":"c","flags":[],"result":"valid","plaintext":"{\"watermark\":{\"appid\":\"a\",\"timestamp\":5}}","appid":"a","now":5,"maxAge":0,"skew":0}`
	okCaseID2   = `{"tcId":2,"comment":"c","flags":["X"],"result":"invalid","plaintext":"{}","appid":"a","now":5,"maxAge":0,"skew":0}`
	eventCase   = `{"tcId":1,"comment":"c","flags":[],"result":"valid","event":"{\"f\":{\"cloudID\":\"x\",\"errCode\":-1},\"g\":1}","fields":{"f":"failed"}}`
	errcodeCase = `{"tcId":1,"comment":"c","flags":[],"result":"valid","answer":"{\"errcode\":\"0\",\"errmsg\":\"ok\"}","errcode":0,"errmsg":"ok"}`
	demoDecrypt = `{"tcId":1,"comment":"c","flags":[],"result":"valid","sessionKey":"tiihtNczf5v6AKRyjwEUhQ==","iv":"r7BXXKkLb8qrSNn05n0qiA==","encryptedData":"Kf3TdPbzEmhWMuPKtlKxIWDkijhn402w1bxoHL4kLdcKr6jT1jNcIhvDJfjXmJcgDWLjmBiIGJ5acUuSvxLws3WgAkERmtTuiCG10CKLsJiR+AXVk7B2TUQzsq88YVilDz/YAN3647REE7glGmeBPfvUmdbfDzhL9BzvEiuRhABuCYyTMz4iaM8hFjbLB1caaeoOlykYAFMWC5pZi9P8uw==","plaintext":"x"}`
)

// TestRunnerRejects shows that each kind of malformed file or case, and
// each wrong expectation, is counted as a failure.
func TestRunnerRejects(t *testing.T) {
	tests := []struct {
		name, data, msg string
		passed          int
	}{
		{"good", file("opendata.watermark", okCase, okCaseID2), "", 2},
		{"not JSON", `{`, "not JSON", 0},
		{"not an object", `[]`, "not a JSON object", 0},
		{"trailing data", file("opendata.watermark", okCase) + "{}", "after the JSON object", 0},
		{"bad schema", strings.Replace(file("opendata.watermark", okCase), "v1", "v2", 1), "schema", 0},
		{"unknown operation", file("opendata.decrypt2", okCase), "unknown operation", 0},
		{"unknown top-level field", strings.Replace(file("opendata.watermark", okCase), `"source"`, `"note":1,"source"`, 1), "unknown top-level field", 0},
		{"notes", strings.Replace(file("opendata.watermark", okCase), `"source"`, `"notes":{"X":"a flag"},"numberOfTests":1,"source"`, 1), "", 1},
		{"notes not strings", strings.Replace(file("opendata.watermark", okCase), `"source"`, `"notes":{"X":1},"source"`, 1), `"notes" is not an object`, 0},
		{"truncated file", strings.Replace(file("opendata.watermark", okCase), `"source"`, `"numberOfTests":2,"source"`, 1), `"numberOfTests" is 2`, 0},
		{"error word", file("opendata.watermark", strings.Replace(okCaseID2, `"result"`, `"error":"watermark","result"`, 1)), "", 1},
		{"wrong error word", file("opendata.watermark", strings.Replace(okCaseID2, `"result"`, `"error":"appid","result"`, 1)), `want error class "appid"`, 0},
		{"unknown error word", file("opendata.watermark", strings.Replace(okCaseID2, `"result"`, `"error":"padding","result"`, 1)), `error word "padding" is not one`, 0},
		{"error word in a valid case", file("opendata.watermark", strings.Replace(okCase, `"result"`, `"error":"appid","result"`, 1)), `"error" in a valid case`, 0},
		{"error word of a decryption", file("opendata.decrypt", strings.Replace(strings.Replace(demoDecrypt, `"valid"`, `"invalid"`, 1), `"result"`, `"error":"key","result"`, 1)), `want error class "key"`, 0},
		{"duplicate top-level field", strings.Replace(file("opendata.watermark", okCase), `"source"`, `"source":"x","source"`, 1), "duplicate field", 0},
		{"no tests", file("opendata.watermark"), "no tests", 0},
		{"duplicate tcId", file("opendata.watermark", okCase, okCase), "duplicate tcId", 1},
		{"unknown field", file("opendata.watermark", strings.Replace(okCase, `"skew"`, `"skw":0,"skew"`, 1)), `unknown field "skw"`, 0},
		{"duplicate field", file("opendata.watermark", strings.Replace(okCase, `"skew":0`, `"skew":0,"skew":0`, 1)), `duplicate field "skew"`, 0},
		{"missing field", file("opendata.watermark", strings.Replace(okCase, `,"skew":0`, ``, 1)), `missing "skew"`, 0},
		{"null field", file("opendata.watermark", strings.Replace(okCase, `"skew":0`, `"skew":null`, 1)), `"skew" is not an integer`, 0},
		{"float field", file("opendata.watermark", strings.Replace(okCase, `"skew":0`, `"skew":0.5`, 1)), `"skew" is not an integer`, 0},
		{"string tcId", file("opendata.watermark", strings.Replace(okCase, `"tcId":1`, `"tcId":"1"`, 1)), `"tcId"`, 0},
		{"missing comment", file("opendata.watermark", strings.Replace(okCase, `"comment":"c",`, ``, 1)), `"comment"`, 0},
		{"flags not strings", file("opendata.watermark", strings.Replace(okCase, `"flags":[]`, `"flags":[1]`, 1)), `"flags"`, 0},
		{"window beyond Durations", file("opendata.watermark",
			`{"tcId":1,"comment":"c","flags":[],"result":"valid","plaintext":"{\"watermark\":{\"appid\":\"a\",\"timestamp\":1}}","appid":"a","now":1000000000000,"maxAge":1000000000000,"skew":0}`,
			`{"tcId":2,"comment":"c","flags":[],"result":"valid","plaintext":"{\"watermark\":{\"appid\":\"a\",\"timestamp\":-9223372036854775800}}","appid":"a","now":-9223372036854775800,"maxAge":3600,"skew":0}`,
			`{"tcId":3,"comment":"c","flags":[],"result":"invalid","plaintext":"{\"watermark\":{\"appid\":\"a\",\"timestamp\":9223372036854775807}}","appid":"a","now":9223372036854775806,"maxAge":0,"skew":0}`,
			`{"tcId":4,"comment":"c","flags":[],"result":"valid","plaintext":"{\"watermark\":{\"appid\":\"\",\"timestamp\":5}}","appid":"","now":5,"maxAge":0,"skew":0}`),
			"", 4},
		{"acceptable result", file("opendata.watermark", strings.Replace(okCase, `"valid"`, `"acceptable"`, 1)), `"result"`, 0},
		{"wrong expectation", file("opendata.watermark", strings.Replace(okCase, `"result":"valid"`, `"result":"invalid"`, 1)), "invalid case accepted", 0},
		{"wrong plaintext", file("opendata.decrypt", strings.Replace(demoDecrypt, `tiihtNczf5v6AKRyjwEUhQ==`, `lyY4HPQbaOYzZdG+JcYK9w==`, 1)), "decrypt: got", 0},
		{"wrong key", file("opendata.decrypt", demoDecrypt), "decrypt: aescbc: decryption failed", 0},
		{"both text and hex", file("opendata.decrypt", strings.Replace(demoDecrypt, `"plaintext":"x"`, `"plaintext":"x","plaintextHex":"78"`, 1)), "both", 0},
		{"bad hex", file("opendata.decrypt", strings.Replace(demoDecrypt, `"plaintext":"x"`, `"plaintextHex":"7"`, 1)), "not hex", 0},
		{"valid without plaintext", file("opendata.decrypt", strings.Replace(demoDecrypt, `,"plaintext":"x"`, ``, 1)), `missing "plaintext"`, 0},
		{"not UTF-8", strings.Replace(file("opendata.watermark", okCase), `"c"`, "\"\xff\"", 1), "not UTF-8", 0},
		{"unpaired surrogate", strings.Replace(file("opendata.watermark", okCase), `"c"`, `"\ud800x"`, 1), "unpaired surrogate", 0},
		{"lone low surrogate", strings.Replace(file("opendata.watermark", okCase), `"c"`, `"\udc00"`, 1), "unpaired surrogate", 0},
		{"surrogate pair", strings.Replace(file("opendata.watermark", okCase), `"c"`, `"\ud83d\ude00 \\ud800 \u00e9"`, 1), "", 1},
		{"event fields", file("cloudid.event", eventCase), "", 1},
		{"event fields not an object", file("cloudid.event", strings.Replace(eventCase, `{"f":"failed"}`, `["failed"]`, 1)), `"fields" is not an object`, 0},
		{"event fields not strings", file("cloudid.event", strings.Replace(eventCase, `"failed"}`, `1}`, 1)), `"fields" is not an object`, 0},
		{"event fields duplicated", file("cloudid.event", strings.Replace(eventCase, `{"f":"failed"}`, `{"f":"failed","f":"failed"}`, 1)), `duplicate field "f"`, 0},
		{"event fields wrong", file("cloudid.event", strings.Replace(eventCase, `"failed"}`, `"replaced"}`, 1)), "fields (-want +got)", 0},
		{"errcode outputs", file("errcode.answer", errcodeCase), "", 1},
		{"errcode without outputs", file("errcode.answer", strings.Replace(errcodeCase, `,"errcode":0,"errmsg":"ok"`, ``, 1)), `"errcode" present: false`, 0},
		{"errcode wrong message", file("errcode.answer", strings.Replace(errcodeCase, `"errmsg":"ok"}`, `"errmsg":"OK"}`, 1)), "errcode and errmsg", 0},
		{"errcode outputs on a malformed case", file("errcode.answer", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","error":"malformed","answer":"{","errcode":0,"errmsg":""}`), `"errcode" present: true`, 0},
		{"errcode value", file("errcode.answer", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","error":"errcode","answer":"{\"errcode\":-1}","errcode":-1,"errmsg":""}`), "", 1},
		{"errcode wrong value", file("errcode.answer", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","error":"errcode","answer":"{\"errcode\":-1}","errcode":1,"errmsg":""}`), "errcode and errmsg", 0},
		{"189 answer and encryptedData", file("cloud189.userinfo", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","answer":"{}","encryptedData":"00","appSecret":"s","appId":"a","now":0,"maxAge":1000,"skew":0}`), "exactly one", 0},
		{"189 code without its word", file("cloud189.userinfo", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","answer":"{\"code\":1}","code":1,"appSecret":"s","appId":"a","now":0,"maxAge":1000,"skew":0}`), `"code" present`, 0},
		{"189 wrong code", file("cloud189.userinfo", `{"tcId":1,"comment":"c","flags":[],"result":"invalid","error":"code","answer":"{\"code\":1}","code":2,"appSecret":"s","appId":"a","now":0,"maxAge":1000,"skew":0}`), "code 1, want 2", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := RunData("f.json", []byte(tt.data))
			if r.Passed != tt.passed {
				t.Errorf("passed %d, want %d", r.Passed, tt.passed)
			}
			if tt.msg == "" {
				if !r.OK() {
					t.Errorf("failures: %v", r.Failures)
				}
				return
			}
			if r.OK() || len(r.Failures) == 0 || !strings.Contains(r.Failures[len(r.Failures)-1].String(), tt.msg) {
				t.Errorf("failures %v, want one containing %q", r.Failures, tt.msg)
			}
		})
	}
}

func TestRunPaths(t *testing.T) {
	dir := t.TempDir()
	if r := Run(io.Discard, dir); r.OK() || !strings.Contains(r.Failures[0].Msg, "no *.json") {
		t.Errorf("empty folder: %+v", r)
	}
	if r := Run(io.Discard, filepath.Join(dir, "missing.json")); r.OK() {
		t.Errorf("missing file: %+v", r)
	}
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(file("opendata.watermark", okCase)), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "b.json"), []byte(file("opendata.watermark", okCaseID2)), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a vector file"), 0o644)
	var out strings.Builder
	r := Run(&out, dir)
	if !r.OK() || r.Passed != 2 || r.Summary() != "2 passed, 0 failed" || out.Len() != 0 {
		t.Errorf("folder: %+v, output %q", r, out.String())
	}
}

// TestDecryptErrorClasses goes further than the format: where a shipped
// invalid case's flags name the kind of defect, the library must reject it
// for that reason and not for another (a case that fails for the wrong
// reason tests nothing).
func TestDecryptErrorClasses(t *testing.T) {
	classes := map[string]error{
		"BadPadding":     aescbc.ErrDecrypt,
		"WrongKey":       aescbc.ErrDecrypt,
		"WrongIv":        aescbc.ErrDecrypt,
		"NoPadding":      aescbc.ErrCiphertextSize,
		"CiphertextSize": aescbc.ErrCiphertextSize,
		"KeySize":        aescbc.ErrKeySize,
		"WrongKeySize":   aescbc.ErrKeySize,
		"IvSize":         aescbc.ErrIVSize,
		"Base64":         aescbc.ErrBase64,
	}
	files, err := Files(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		data, _ := os.ReadFile(name)
		var f struct {
			Operation string
			Tests     []struct {
				TcID                          int64
				Flags                         []string
				Result                        string
				SessionKey, IV, EncryptedData string
			}
		}
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		if f.Operation != "opendata.decrypt" {
			continue
		}
		for _, tc := range f.Tests {
			if tc.Result != "invalid" {
				continue
			}
			var want []error
			for _, flag := range tc.Flags {
				if e, ok := classes[flag]; ok {
					want = append(want, e)
				}
			}
			if len(want) != 1 {
				t.Errorf("%s %d: flags %v name %d error classes, want 1", name, tc.TcID, tc.Flags, len(want))
				continue
			}
			_, err := aescbc.Decrypt(tc.SessionKey, tc.EncryptedData, tc.IV)
			if !errors.Is(err, want[0]) {
				t.Errorf("%s %d %v: %v, want %v", filepath.Base(name), tc.TcID, tc.Flags, err, want[0])
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d invalid decrypt cases checked", checked)
	}
}

// TestOperationNamesUnique: every operation name is in one table only, so
// lookup's order never matters.
func TestOperationNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, set := range operationSets {
		for name := range set {
			if seen[name] {
				t.Errorf("operation %s in two tables", name)
			}
			seen[name] = true
		}
	}
}

// TestShippedNotes: the runner keeps notes and numberOfTests optional, so
// that older files still run, but every shipped file must have both, a note
// for each flag it uses and none for a flag it does not. A note that says
// its flag marks a defect ("Defect:", spec/vectors.md) must mark invalid
// cases only. Notes belong to their file, as in Wycheproof: two files may
// word a flag differently.
//
// Every flag of the file is checked against the file's own notes, so a
// note cannot be satisfied by another file's.
func TestShippedNotes(t *testing.T) {
	files, err := Files(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	defined := 0
	for _, name := range files {
		base := filepath.Base(name)
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Notes         map[string]string
			NumberOfTests *int
			Tests         []struct {
				TcID   int64
				Flags  []string
				Result string
			}
		}
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		if f.NumberOfTests == nil || *f.NumberOfTests != len(f.Tests) {
			t.Errorf("%s: numberOfTests missing or not %d", base, len(f.Tests))
		}
		if f.Notes == nil {
			t.Errorf("%s: no notes", base)
		}
		used := map[string]bool{}
		for _, tc := range f.Tests {
			for _, flag := range tc.Flags {
				used[flag] = true
				note, ok := f.Notes[flag]
				if !ok {
					continue // reported once below
				}
				if strings.HasPrefix(note, "Defect: ") && tc.Result != "invalid" {
					t.Errorf("%s %d: Defect flag %s on a %s case", base, tc.TcID, flag, tc.Result)
				}
			}
		}
		for flag := range used {
			if _, ok := f.Notes[flag]; !ok {
				t.Errorf("%s: flag %s has no note", base, flag)
			}
		}
		for flag, note := range f.Notes {
			if !used[flag] {
				t.Errorf("%s: note for unused flag %s", base, flag)
			}
			if strings.TrimSpace(note) == "" {
				t.Errorf("%s: empty note for %s", base, flag)
			}
			defined++
		}
	}
	if defined < 10 {
		t.Errorf("only %d notes across %d files", defined, len(files))
	}
}

// TestFlippedCasesFail turns every shipped case into its opposite (valid to
// invalid, invalid to valid without its error word) and requires the runner
// to fail it: a case whose check cannot fail tests nothing.
func TestFlippedCasesFail(t *testing.T) {
	files, err := Files(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	flipped := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		tests := doc["tests"].([]any)
		for i := range tests {
			tc := tests[i].(map[string]any)
			one := map[string]any{}
			for k, v := range tc {
				one[k] = v
			}
			if one["result"] == "valid" {
				one["result"] = "invalid"
			} else {
				one["result"] = "valid"
				delete(one, "error")
			}
			single := map[string]any{"schema": doc["schema"], "operation": doc["operation"], "source": doc["source"], "tests": []any{one}}
			b, err := json.Marshal(single)
			if err != nil {
				t.Fatal(err)
			}
			if r := RunData(name, b); r.Passed != 0 || r.OK() {
				t.Errorf("%s %v: passes with result %v", filepath.Base(name), tc["tcId"], one["result"])
			}
			flipped++
		}
	}
	t.Logf("%d flipped cases, all failed", flipped)
}

// TestCasePolicy: the policy a case's window describes, in seconds and in
// milliseconds, and no policy where one cannot hold the window (so the
// opendata.watermark cross-check is skipped only there).
func TestCasePolicy(t *testing.T) {
	c := func(fields string) *Case {
		m, err := object([]byte(`{` + fields + `}`))
		if err != nil {
			t.Fatal(err)
		}
		return &Case{fields: m}
	}
	p, ok := casePolicy(c(`"appid":"a","now":1578042800057,"maxAge":600000,"skew":60000`), "appid", time.Millisecond)
	if !ok || p.AppID != "a" || p.MaxAge != 10*time.Minute || p.Skew != time.Minute || !p.Now().Equal(time.UnixMilli(1578042800057)) {
		t.Errorf("milliseconds: %+v, %v", p, ok)
	}
	p, ok = casePolicy(c(`"appid":"a","now":-5,"maxAge":1,"skew":0`), "appid", time.Second)
	if !ok || !p.Now().Equal(time.Unix(-5, 0)) || p.MaxAge != time.Second {
		t.Errorf("seconds: %+v, %v", p, ok)
	}
	for _, fields := range []string{
		`"appid":"","now":5,"maxAge":1,"skew":0`,
		`"appid":"a","now":5,"maxAge":0,"skew":0`,
		`"appid":"a","now":5,"maxAge":1,"skew":-1`,
		`"appid":"a","now":9223372036854775807,"maxAge":1,"skew":0`,
		`"appid":"a","now":5,"maxAge":9223372036854775807,"skew":0`,
	} {
		if _, ok := casePolicy(c(fields), "appid", time.Second); ok {
			t.Errorf("%s: a policy", fields)
		}
	}
}
