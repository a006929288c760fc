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
