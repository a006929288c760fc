package fuzz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/vectors"
)

// FuzzVectorFile feeds arbitrary bytes to the vector-file runner, as a file
// in the format of spec/vectors.md. It must not panic, and the library it
// drives must not either: the runner turns a panic inside a case into a
// failure saying "panic: ...", which this target reports. Every input ends
// in at least one passed or failed case, and a report is OK exactly when
// nothing failed.
//
// Each shipped case is a seed on its own, wrapped in a one-case file.
func FuzzVectorFile(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		file, err := json.Marshal(map[string]any{
			"schema":    vectors.Schema,
			"operation": c.Operation,
			"source":    c.File,
			"tests":     []any{c.Raw()},
		})
		if err == nil {
			add(file)
		}
	}, vectors.Operations()...)
	const head = `{"schema":"wxcrypto-vectors/v1","operation":"opendata.watermark","source":"s","tests":[`
	for _, b := range []string{
		head + `{"tcId":1,"comment":"c","flags":[],"result":"valid","plaintext":"{}","appid":"a","now":-9223372036854775808,"maxAge":9223372036854775807,"skew":9223372036854775807}]}`,
		head + `{"tcId":1,"comment":"c","flags":[],"result":"valid","plaintext":"{}","appid":"a","now":1,"maxAge":1,"skew":1},{"tcId":1}]}`,
		head + `]}`, head + `{}]}`, head + `null]}`, `{}`, `[]`, `null`, ``,
		`{"schema":"wxcrypto-vectors/v1","operation":"xxtea.decrypt","source":"s","tests":[{"tcId":1,"comment":"c","flags":[],"result":"valid","keyHex":"zz","ciphertext":"00"}]}`,
		`{"schema":"wxcrypto-vectors/v1","operation":"opendata.decrypt","source":"s","tests":[{"tcId":1,"comment":"c","flags":[],"result":"valid","sessionKey":"","iv":"","encryptedData":"","plaintext":"","plaintextHex":""}]}`,
	} {
		s.add([]byte(b))
	}
	s.done()
	f.Fuzz(func(t *testing.T, data []byte) {
		r := vectors.RunData("fuzz.json", data)
		for _, fl := range r.Failures {
			if strings.HasPrefix(fl.Msg, "panic: ") {
				t.Fatalf("a case panicked: %s", fl)
			}
		}
		if r.Passed+r.Failed == 0 || r.Failed < len(r.Failures) || r.OK() != (r.Failed == 0 && len(r.Failures) == 0) {
			t.Fatalf("inconsistent report: %+v", r)
		}
		if !strings.HasSuffix(r.Summary(), " failed") {
			t.Fatalf("summary %q", r.Summary())
		}
	})
}
