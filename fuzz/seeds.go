package fuzz

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/wxcrypto/wxcrypto/fuzz/internal/corpusfmt"
)

// vectorSubdir is where the shared test vectors are below the root of the
// repository.
const vectorSubdir = "testdata/vectors"

// Environment variables the seed helpers read.
const (
	// vectorsEnv names a vector directory to use instead of looking for one.
	vectorsEnv = "WXCRYPTO_VECTORS"
	// seedOutEnv names a directory where every target writes each seed it
	// adds, as DIR/FuzzXxx/N in go test's corpus format; fuzz/corpus turns
	// them into libFuzzer seed corpora.
	seedOutEnv = "WXCRYPTO_SEED_OUT"
	// seedsEnv set to "off" makes the targets add no seed and not fail for
	// it, so that a run measures what a corpus alone reaches.
	seedsEnv = "WXCRYPTO_SEEDS"
)

// findVectorDir returns the vector directory: $WXCRYPTO_VECTORS if set, else
// the first testdata/vectors holding a *.json file in the working directory
// or one of its parents (go test runs in fuzz/; a coverage build's test
// binary runs in $OUT, where the build copies the vectors), else the one
// beside this source file, for a test binary run from anywhere on the
// machine that built it.
func findVectorDir() string {
	if dir := os.Getenv(vectorsEnv); dir != "" {
		return dir
	}
	has := func(dir string) bool {
		m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		return len(m) > 0
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if d := filepath.Join(dir, vectorSubdir); has(d) {
				return d
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		if d := filepath.Join(filepath.Dir(file), "..", vectorSubdir); has(d) {
			return d
		}
	}
	return filepath.Join("..", vectorSubdir)
}

// seeder is the part of *testing.F the seed helpers use. It is an interface
// so that the helpers, which live in a non-test file, also compile against
// the testing shim of a libFuzzer build.
type seeder interface {
	Helper()
	Add(args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Name() string
}

// vectorCase is one case of a vector file in the format of spec/vectors.md.
type vectorCase struct {
	File      string
	Operation string
	TcID      int64
	Valid     bool
	fields    map[string]json.RawMessage
}

// Str returns a string field, or "" when it is absent or not a string.
func (c *vectorCase) Str(name string) string {
	var s string
	json.Unmarshal(c.fields[name], &s)
	return s
}

// Int returns an integer field, or 0 when it is absent or not an integer.
func (c *vectorCase) Int(name string) int64 {
	var n int64
	json.Unmarshal(c.fields[name], &n)
	return n
}

// Bytes returns a binary field given as text under name or as hex under
// name+"Hex", and whether either was present.
func (c *vectorCase) Bytes(name string) ([]byte, bool) {
	if _, ok := c.fields[name]; ok {
		return []byte(c.Str(name)), true
	}
	if _, ok := c.fields[name+"Hex"]; ok {
		b, err := hex.DecodeString(c.Str(name + "Hex"))
		return b, err == nil
	}
	return nil, false
}

// Raw returns the case as it is written in its file.
func (c *vectorCase) Raw() map[string]json.RawMessage { return c.fields }

// loadVectors reads every *.json file of the vector directory once per
// process. A directory without any such file is an error, never an empty
// result.
var loadVectors = sync.OnceValues(func() ([]vectorCase, error) {
	return readVectors(findVectorDir())
})

func readVectors(dir string) ([]vectorCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.json vector file in %s", dir)
	}
	sort.Strings(files)
	var cases []vectorCase
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var file struct {
			Operation string                       `json:"operation"`
			Tests     []map[string]json.RawMessage `json:"tests"`
		}
		if err := json.Unmarshal(data, &file); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if file.Operation == "" || len(file.Tests) == 0 {
			return nil, fmt.Errorf("%s: no operation or no tests", name)
		}
		for _, t := range file.Tests {
			c := vectorCase{File: filepath.Base(name), Operation: file.Operation, fields: t}
			c.TcID = c.Int("tcId")
			c.Valid = c.Str("result") == "valid"
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// seeds adds a target's seed inputs and counts them.
type seeds struct {
	f                    seeder
	fromVectors, literal int
	out                  string // where to write each seed too, if set
	off                  bool   // add nothing: libFuzzer, or seeds turned off
}

func newSeeds(f seeder) *seeds {
	s := &seeds{f: f, off: libFuzzer}
	if !libFuzzer {
		if dir := os.Getenv(seedOutEnv); dir != "" {
			s.out = filepath.Join(dir, f.Name())
		}
		s.off = os.Getenv(seedsEnv) == "off"
	}
	return s
}

// put adds one seed input, and writes it to s.out when that is set.
func (s *seeds) put(args ...any) {
	s.f.Add(args...)
	if s.out == "" {
		return
	}
	s.f.Helper()
	b, err := corpusfmt.MarshalGo(args...)
	if err == nil {
		err = os.MkdirAll(s.out, 0o755)
	}
	if err == nil {
		sum := sha256.Sum256(b)
		n := s.fromVectors + s.literal
		err = os.WriteFile(filepath.Join(s.out, strconv.Itoa(n)+"-"+hex.EncodeToString(sum[:8])), b, 0o644)
	}
	if err != nil {
		s.f.Fatalf("seeds: %v", err)
	}
}

// vectors calls each for every vector case whose operation is one of
// ops; each adds seed inputs with add. The target fails when the vector
// files cannot be read or when they yield no seed at all, so that a moved
// directory or a renamed operation can never leave a target without seeds.
func (s *seeds) vectors(each func(c *vectorCase, add func(args ...any)), ops ...string) {
	if s.off {
		return
	}
	s.f.Helper()
	cases, err := loadVectors()
	if err != nil {
		s.f.Fatalf("seeds: %v", err)
		return
	}
	n := 0
	add := func(args ...any) {
		s.put(args...)
		n++
		s.fromVectors++
	}
	for i := range cases {
		if slices.Contains(ops, cases[i].Operation) {
			each(&cases[i], add)
		}
	}
	if n == 0 {
		s.f.Fatalf("seeds: the vectors of %v in %s gave no seed", ops, findVectorDir())
	}
}

// plaintexts adds (appid, wrap(plaintext)) for the decrypted open data of
// the shipped vectors: the watermark cases' plaintexts with their expected
// appid, and the decryption cases' plaintexts with the appid they carry.
func (s *seeds) plaintexts(wrap func(plaintext []byte) []byte) {
	s.vectors(func(c *vectorCase, add func(...any)) {
		add(c.Str("appid"), wrap([]byte(c.Str("plaintext"))))
	}, "opendata.watermark")
	s.vectors(func(c *vectorCase, add func(...any)) {
		if p, ok := c.Bytes("plaintext"); ok {
			w, _ := refParseWatermark(p)
			add(w.AppID, wrap(p))
		}
	}, "opendata.decrypt")
}

// add adds one literal seed input.
func (s *seeds) add(args ...any) {
	if s.off {
		return
	}
	s.put(args...)
	s.literal++
}

// done reports the counts; it fails the target if no vector seed was added.
func (s *seeds) done() {
	if s.off {
		return
	}
	s.f.Helper()
	if s.fromVectors == 0 {
		s.f.Fatalf("seeds: no seed from %s", findVectorDir())
		return
	}
	s.f.Logf("seeds: %d from vectors, %d literal, %d in all", s.fromVectors, s.literal, s.fromVectors+s.literal)
}
