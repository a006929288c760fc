// Package vectors runs test-vector files in the wxcrypto-vectors/v1 format
// (spec/vectors.md) against the library. The same runner serves go test and
// the wxcrypto vectors command.
//
// The format is strict on purpose: an unknown operation, an unknown or
// duplicate field, a duplicate tcId or a value of the wrong type is reported
// as a failure, because each of them usually means a case that tests nothing.
package vectors

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
)

// Schema is the value every file's "schema" must have.
const Schema = "wxcrypto-vectors/v1"

// MaxFileSize caps one vector file.
const MaxFileSize = 64 << 20

// Failure is one failed case, or a file that could not be run (TcID 0 and
// File set, or a whole-run problem with File empty).
type Failure struct {
	File string
	TcID int64
	Msg  string
}

func (f Failure) String() string {
	switch {
	case f.File == "":
		return f.Msg
	case f.TcID == 0:
		return fmt.Sprintf("%s: %s", f.File, f.Msg)
	}
	return fmt.Sprintf("%s %d: %s", f.File, f.TcID, f.Msg)
}

// Report counts the cases run.
type Report struct {
	Passed, Failed int
	Failures       []Failure
}

// OK reports whether everything ran and passed.
func (r Report) OK() bool { return r.Failed == 0 && len(r.Failures) == 0 }

// Summary is the closing line: "N passed, N failed".
func (r Report) Summary() string { return fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed) }

func (r *Report) fail(f Failure) {
	r.Failed++
	r.Failures = append(r.Failures, f)
}

func (r *Report) add(o Report) {
	r.Passed += o.Passed
	r.Failed += o.Failed
	r.Failures = append(r.Failures, o.Failures...)
}

// Files expands paths: a file stands for itself, a folder for every *.json
// file below it, in lexical order. A folder without any is an error, so a
// wrong path can never pass as an empty run.
func Files(paths ...string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		n := len(files)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(files) == n {
			return nil, fmt.Errorf("%s: no *.json vector files", p)
		}
	}
	return files, nil
}

// Run runs every file that paths name (see Files), writing one line per
// failure to w as it goes, and returns the totals. A file that cannot be read
// or is malformed counts as one failure.
func Run(w io.Writer, paths ...string) Report {
	var r Report
	files, err := Files(paths...)
	if err != nil {
		r.fail(Failure{Msg: err.Error()})
		fmt.Fprintln(w, r.Failures[0])
		return r
	}
	if len(files) == 0 {
		r.fail(Failure{Msg: "no vector files given"})
		fmt.Fprintln(w, r.Failures[0])
		return r
	}
	for _, name := range files {
		fr := RunFile(name)
		for _, f := range fr.Failures {
			fmt.Fprintln(w, f)
		}
		r.add(fr)
	}
	return r
}

// RunFile reads and runs one vector file.
func RunFile(name string) Report {
	data, err := readCapped(name)
	if err != nil {
		var r Report
		r.fail(Failure{File: name, Msg: err.Error()})
		return r
	}
	return RunData(name, data)
}

func readCapped(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxFileSize)
	}
	return data, nil
}

// RunData runs the vector file held in data; name is used in failures.
func RunData(name string, data []byte) (r Report) {
	fileFail := func(format string, args ...any) Report {
		r.fail(Failure{File: name, Msg: fmt.Sprintf(format, args...)})
		return r
	}
	if err := checkText(data); err != nil {
		return fileFail("%v", err)
	}
	top, err := object(data)
	if err != nil {
		return fileFail("%v", err)
	}
	for key := range top {
		if !slices.Contains([]string{"schema", "operation", "source", "tests", "notes", "numberOfTests"}, key) {
			return fileFail("unknown top-level field %q", key)
		}
	}
	var schema, opName, source string
	for _, f := range []struct {
		key string
		dst *string
	}{{"schema", &schema}, {"operation", &opName}, {"source", &source}} {
		raw, ok := top[f.key]
		if !ok {
			return fileFail("missing %q", f.key)
		}
		if err := json.Unmarshal(raw, f.dst); err != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return fileFail("%q is not a string", f.key)
		}
	}
	if schema != Schema {
		return fileFail("schema %q, want %q", schema, Schema)
	}
	op, ok := lookup(opName)
	if !ok {
		return fileFail("unknown operation %q", opName)
	}
	var tests []json.RawMessage
	if err := json.Unmarshal(top["tests"], &tests); err != nil || tests == nil {
		return fileFail(`"tests" is not an array`)
	}
	if len(tests) == 0 {
		return fileFail("no tests")
	}
	if raw, ok := top["numberOfTests"]; ok {
		var n int64
		if unmarshalStrict(raw, &n) != nil {
			return fileFail(`"numberOfTests" is not an integer`)
		}
		if n != int64(len(tests)) {
			return fileFail(`"numberOfTests" is %d, but the file has %d tests`, n, len(tests))
		}
	}
	if raw, ok := top["notes"]; ok {
		var notes map[string]string
		if unmarshalStrict(raw, &notes) != nil || notes == nil {
			return fileFail(`"notes" is not an object of strings`)
		}
	}
	seen := make(map[int64]bool, len(tests))
	for i, raw := range tests {
		c, err := parseCase(op, raw)
		if err != nil {
			id := c.TcID
			if id == 0 {
				r.fail(Failure{File: name, Msg: fmt.Sprintf("test #%d: %v", i+1, err)})
			} else {
				r.fail(Failure{File: name, TcID: id, Msg: err.Error()})
			}
			continue
		}
		if seen[c.TcID] {
			r.fail(Failure{File: name, TcID: c.TcID, Msg: "duplicate tcId"})
			continue
		}
		seen[c.TcID] = true
		if err := runCase(op, c); err != nil {
			r.fail(Failure{File: name, TcID: c.TcID, Msg: err.Error()})
			continue
		}
		r.Passed++
	}
	return r
}

// runCase runs one case, turning a panic into a failure: the library must
// never panic, and one that does must not stop the run.
func runCase(op operation, c *Case) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return op.check(c)
}

// object decodes a JSON object, refusing duplicate keys, which
// encoding/json would silently resolve in favour of the last.
func object(data []byte) (map[string]json.RawMessage, error) {
	m, err := jsonobj.Map(data)
	var dup *jsonobj.DuplicateError
	if errors.As(err, &dup) {
		return nil, fmt.Errorf("duplicate field %q", dup.Name)
	}
	return m, err
}

// Case is one test case with its fields checked against its operation.
type Case struct {
	TcID    int64
	Comment string
	Flags   []string
	Valid   bool
	Error   string // the error word of an invalid case, or ""
	fields  map[string]json.RawMessage
	class   func(error) bool // the test for Error
}

// String returns a string field.
func (c *Case) String(name string) string {
	var s string
	json.Unmarshal(c.fields[name], &s) // checked by parseCase
	return s
}

// Int returns an integer field.
func (c *Case) Int(name string) int64 {
	var n int64
	json.Unmarshal(c.fields[name], &n) // checked by parseCase
	return n
}

// Bytes returns a binary field, given either as text under name or as hex
// under name+"Hex". ok is false when neither is present.
func (c *Case) Bytes(name string) (b []byte, ok bool) {
	if raw, ok := c.fields[name]; ok {
		var s string
		json.Unmarshal(raw, &s)
		return []byte(s), true
	}
	if raw, ok := c.fields[name+"Hex"]; ok {
		var s string
		json.Unmarshal(raw, &s)
		b, _ := hex.DecodeString(s) // checked by parseCase
		return b, true
	}
	return nil, false
}

// A kind says what JSON a field holds.
type kind int

const (
	kindString kind = iota // a JSON string
	kindInt                // a JSON integer
	kindBytes              // name as a string, or name+"Hex" as hex: exactly one
	kindObject             // a JSON object whose values are strings
)

// field describes one field of an operation.
type field struct {
	name      string
	kind      kind
	validOnly bool // required in valid cases, optional in invalid ones
	optional  bool // optional in every case
}

// operation is what the runner knows of one operation name: its fields and
// how to check a case.
type operation struct {
	fields []field
	// errors maps each error word of the operation to its test: does an
	// error of the library belong to that class? An operation without error
	// words has none.
	errors map[string]func(error) bool
	// check returns nil when the library does what the case says: for a
	// valid case, succeeds with exactly the stated outputs; for an invalid
	// one, returns an error (of the class c.Error names, if any).
	check func(c *Case) error
}

func parseCase(op operation, raw json.RawMessage) (*Case, error) {
	m, err := object(raw)
	if err != nil {
		return &Case{}, err
	}
	c := &Case{fields: m}
	if err := unmarshalStrict(m["tcId"], &c.TcID); err != nil || m["tcId"] == nil {
		return c, errors.New(`"tcId" missing or not an integer`)
	}
	if c.TcID == 0 {
		// Zero is how failures name a whole file; real cases are never 0
		// in practice, and refusing it keeps reports unambiguous.
		return c, errors.New(`"tcId" 0 is not allowed`)
	}
	if m["comment"] == nil || unmarshalStrict(m["comment"], &c.Comment) != nil {
		return c, errors.New(`"comment" missing or not a string`)
	}
	if m["flags"] == nil || unmarshalStrict(m["flags"], &c.Flags) != nil || c.Flags == nil {
		return c, errors.New(`"flags" missing or not an array of strings`)
	}
	var result string
	if m["result"] == nil || unmarshalStrict(m["result"], &result) != nil {
		return c, errors.New(`"result" missing or not a string`)
	}
	switch result {
	case "valid":
		c.Valid = true
	case "invalid":
	default:
		return c, fmt.Errorf(`"result" is %q, want "valid" or "invalid"`, result)
	}

	if raw, ok := m["error"]; ok {
		if unmarshalStrict(raw, &c.Error) != nil {
			return c, errors.New(`"error" is not a string`)
		}
		if c.Valid {
			return c, errors.New(`"error" in a valid case`)
		}
		if c.class = op.errors[c.Error]; c.class == nil {
			return c, fmt.Errorf("error word %q is not one of this operation's", c.Error)
		}
	}
	known := map[string]bool{"tcId": true, "comment": true, "flags": true, "result": true, "error": true}
	for _, f := range op.fields {
		if err := checkField(c, f, known); err != nil {
			return c, err
		}
	}
	var unknown []string
	for k := range m {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return c, fmt.Errorf("unknown field %q", unknown[0])
	}
	return c, nil
}

func checkField(c *Case, f field, known map[string]bool) error {
	required := !f.optional && (!f.validOnly || c.Valid)
	switch f.kind {
	case kindObject:
		return checkObjectField(c, f, known, required)
	case kindString, kindInt:
		known[f.name] = true
		raw, ok := c.fields[f.name]
		if !ok {
			if required {
				return fmt.Errorf("missing %q", f.name)
			}
			return nil
		}
		if f.kind == kindString {
			var s string
			if unmarshalStrict(raw, &s) != nil {
				return fmt.Errorf("%q is not a string", f.name)
			}
			return nil
		}
		var n int64
		if unmarshalStrict(raw, &n) != nil {
			return fmt.Errorf("%q is not an integer", f.name)
		}
		return nil
	case kindBytes:
		hexName := f.name + "Hex"
		known[f.name], known[hexName] = true, true
		raw, hasText := c.fields[f.name]
		rawHex, hasHex := c.fields[hexName]
		switch {
		case hasText && hasHex:
			return fmt.Errorf("both %q and %q", f.name, hexName)
		case !hasText && !hasHex:
			if required {
				return fmt.Errorf("missing %q (or %q)", f.name, hexName)
			}
		case hasText:
			var s string
			if unmarshalStrict(raw, &s) != nil {
				return fmt.Errorf("%q is not a string", f.name)
			}
		case hasHex:
			var s string
			if unmarshalStrict(rawHex, &s) != nil {
				return fmt.Errorf("%q is not a string", hexName)
			}
			if _, err := hex.DecodeString(s); err != nil {
				return fmt.Errorf("%q is not hex", hexName)
			}
		}
	}
	return nil
}

// unmarshalStrict is json.Unmarshal that refuses null, which encoding/json
// would accept as "leave the zero value".
func unmarshalStrict(raw json.RawMessage, v any) error {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return errors.New("null")
	}
	return json.Unmarshal(raw, v)
}

// Operations returns the names of the operations the runner knows.
func Operations() []string {
	var names []string
	for _, set := range operationSets {
		for name := range set {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
