package fuzz

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// targets parses this package's test files and returns the fuzz targets by
// name, with the file each is in.
func targets(t *testing.T) (names []string, files map[string]*ast.File, fset *token.FileSet) {
	t.Helper()
	fset = token.NewFileSet()
	paths, err := filepath.Glob("*_test.go")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	files = map[string]*ast.File{}
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = f
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Fuzz") {
				names = append(names, fd.Name.Name)
			}
		}
	}
	slices.Sort(names)
	return names, files, fset
}

// libFuzzerName is the binary name of a target in libFuzzer and
// ClusterFuzzLite builds: FuzzAESCBCDecryptStrings gives
// fuzz_aescbc_decrypt_strings. fuzz/libfuzzer.sh applies the same rule.
func libFuzzerName(target string) string {
	s := strings.TrimPrefix(target, "Fuzz")
	s = regexp.MustCompile(`([a-z0-9])([A-Z])`).ReplaceAllString(s, "${1}_${2}")
	s = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`).ReplaceAllString(s, "${1}_${2}")
	return "fuzz_" + strings.ToLower(s)
}

// TestTargets keeps the targets fit for every way they are run: enough of
// them, seeded through the shared helper, buildable by go-118-fuzz-build
// (one file at a time, in package fuzz, no name a prefix of another for
// compile_native_go_fuzzer's grep), and all listed in the ClusterFuzzLite
// build script.
func TestTargets(t *testing.T) {
	names, files, fset := targets(t)
	if len(names) < 10 {
		t.Errorf("%d fuzz targets, want at least 10", len(names))
	}
	for _, a := range names {
		for _, b := range names {
			if a != b && strings.HasPrefix(b, a) {
				t.Errorf("target %s is a prefix of %s", a, b)
			}
		}
	}

	// Top-level declarations of each test file, to check that no file uses
	// another's: the libFuzzer build compiles a target's file alone.
	declared := map[string]string{}
	for p, f := range files {
		if f.Name.Name != "fuzz" {
			t.Errorf("%s: package %s, want package fuzz", p, f.Name.Name)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					declared[d.Name.Name] = p
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							declared[n.Name] = p
						}
					case *ast.TypeSpec:
						declared[s.Name.Name] = p
					}
				}
			}
		}
	}
	for p, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if other, ok := declared[id.Name]; ok && other != p {
					t.Errorf("%s: uses %s from %s; move it to a non-test file", fset.Position(id.Pos()), id.Name, other)
				}
			}
			return true
		})
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fd.Name.Name, "Fuzz") {
				continue
			}
			calls := map[string]bool{}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					switch fn := c.Fun.(type) {
					case *ast.Ident:
						calls[fn.Name] = true
					case *ast.SelectorExpr:
						calls[fn.Sel.Name] = true
					}
				}
				return true
			})
			calls["vectors"] = calls["vectors"] || calls["plaintexts"] // plaintexts calls vectors
			for _, want := range []string{"newSeeds", "vectors", "done", "Fuzz"} {
				if !calls[want] {
					t.Errorf("%s does not call %s", fd.Name.Name, want)
				}
			}
		}
	}

	build, err := os.ReadFile("../.clusterfuzzlite/build.sh")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^compile_native_go_fuzzer github\.com/wxcrypto/wxcrypto/fuzz (\w+) (\w+)$`)
	var listed []string
	for _, m := range re.FindAllStringSubmatch(string(build), -1) {
		listed = append(listed, m[1])
		if m[2] != libFuzzerName(m[1]) {
			t.Errorf("build.sh names %s %s, want %s", m[1], m[2], libFuzzerName(m[1]))
		}
	}
	slices.Sort(listed)
	if !slices.Equal(listed, names) {
		t.Errorf(".clusterfuzzlite/build.sh builds %v;\nthe targets are %v", listed, names)
	}
}

func TestLibFuzzerName(t *testing.T) {
	for target, want := range map[string]string{
		"FuzzAESCBCDecryptStrings": "fuzz_aescbc_decrypt_strings",
		"FuzzXXTEARoundTrip":       "fuzz_xxtea_round_trip",
		"FuzzOpenJSON":             "fuzz_open_json",
		"FuzzCloud189Answer":       "fuzz_cloud189_answer",
	} {
		if got := libFuzzerName(target); got != want {
			t.Errorf("libFuzzerName(%s) = %s, want %s", target, got, want)
		}
	}
}

// fakeF records what the seed helpers do with a target.
type fakeF struct {
	added  int
	failed []string
}

func (f *fakeF) Helper()                         {}
func (f *fakeF) Add(args ...any)                 { f.added++ }
func (f *fakeF) Logf(format string, args ...any) {}
func (f *fakeF) Fatalf(format string, args ...any) {
	f.failed = append(f.failed, fmt.Sprintf(format, args...))
}

// TestSeedsNeverEmpty shows that a target fails, rather than running
// without seeds, when the vectors give it none.
func TestSeedsNeverEmpty(t *testing.T) {
	if _, err := readVectors(t.TempDir()); err == nil {
		t.Error("readVectors of an empty directory: no error")
	}
	f := &fakeF{}
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) { add(1) }, "no.such.operation")
	if len(f.failed) != 1 || f.added != 0 {
		t.Errorf("unknown operation: %d added, failures %q", f.added, f.failed)
	}
	f = &fakeF{}
	s = newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {}, "msghash")
	if len(f.failed) != 1 {
		t.Errorf("no seed added: failures %q", f.failed)
	}
	f = &fakeF{}
	s = newSeeds(f)
	s.add(1)
	s.done()
	if len(f.failed) != 1 {
		t.Errorf("literal seeds only: failures %q", f.failed)
	}
	f = &fakeF{}
	s = newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) { add(c.TcID) }, "msghash", "paysig")
	s.done()
	if len(f.failed) != 0 || f.added < 2 {
		t.Errorf("msghash and paysig: %d added, failures %q", f.added, f.failed)
	}
}

// TestReferences checks the references against every shipped vector, so
// that agreeing with them means agreeing with the specification.
func TestReferences(t *testing.T) {
	cases, err := loadVectors()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for i := range cases {
		c := &cases[i]
		var ok bool
		switch c.Operation {
		case "opendata.decrypt":
			ok = refDecryptVector(c)
		case "xxtea.decrypt":
			key, _ := c.Bytes("key")
			ct, err := hex.DecodeString(c.Str("ciphertext"))
			p, dec := refXXTEADecrypt(key, ct)
			want, _ := c.Bytes("plaintext")
			if c.Valid {
				ok = err == nil && dec && bytes.Equal(p, want) && bytes.Equal(refXXTEAEncrypt(key, p), ct)
			} else {
				ok = err != nil || len(key) == 0 || !dec
			}
		case "opendata.watermark":
			// The format's integers span all of int64: the window on math/big.
			w, k := refParseWatermark([]byte(c.Str("plaintext")))
			switch {
			case k != kindOK:
			case w.AppID != c.Str("appid"):
				k = kindAppID
			default:
				k = refBigWindow(w.Timestamp, big.NewInt(c.Int("now")), c.Int("maxAge"), c.Int("skew"))
			}
			ok = (k == kindOK) == c.Valid
		case "opendata.open":
			ok = refOpenVector(c)
		case "sessionsig", "paysig", "payeventsig":
			key, msg, inputOK := c.Str("sessionKey"), c.Str("body"), refSessionKey(c.Str("sessionKey"))
			switch c.Operation {
			case "paysig":
				key, msg = c.Str("appKey"), c.Str("uri")+"&"+c.Str("body")
				inputOK = key != "" && refValidURI(c.Str("uri"))
			case "payeventsig":
				key, msg = c.Str("appKey"), c.Str("event")+"&"+c.Str("payload")
				inputOK = key != "" && c.Str("event") != "" && !strings.ContainsAny(c.Str("event"), "&?/ \t\r\n")
			}
			m := hmac.New(sha256.New, []byte(key))
			m.Write([]byte(msg))
			ok = (inputOK && hex.EncodeToString(m.Sum(nil)) == c.Str("signature")) == c.Valid
		case "opendata.rawsig":
			sum := sha1.Sum([]byte(c.Str("rawData") + c.Str("sessionKey")))
			match := refSessionKey(c.Str("sessionKey")) && hex.EncodeToString(sum[:]) == c.Str("signature")
			ok = match == c.Valid
		case "msghash":
			sum := sha256.Sum256([]byte(c.Str("encryptedData")))
			ok = (hex.EncodeToString(sum[:]) == c.Str("hash")) == c.Valid
		case "msgpush.decrypt", "msgpush.body", "msgpush.encrypt", "msgpush.urlsig":
			ok = refPushVector(c)
		case "phonenumber.answer", "code2session.answer", "cloud189.userinfo", "cloudid.field", "cloudid.event", "errcode.answer":
			// Platform answers: judged by their generators' own readers when
			// written, and by both vector runners.
			continue
		default:
			t.Errorf("%s %d: no reference for operation %s", c.File, c.TcID, c.Operation)
			continue
		}
		if !ok {
			t.Errorf("%s %d (%s): the reference disagrees with the vector", c.File, c.TcID, c.Str("comment"))
		}
		seen[c.Operation]++
	}
	t.Logf("references agree with %v", seen)
}

// refOpenVector judges an opendata.open case: decryption, then the strict
// watermark (a plaintext that is not one JSON object is a decryption
// failure), then appid and freshness.
func refOpenVector(c *vectorCase) bool {
	key, ok1 := canonicalBase64(c.Str("sessionKey"))
	iv, ok2 := canonicalBase64(c.Str("iv"))
	ct, ok3 := canonicalBase64(c.Str("encryptedData"))
	if !ok1 || !ok2 || !ok3 {
		return !c.Valid && c.Str("error") == "base64"
	}
	plain, err := refOpen(key, iv, ct)
	if err != nil {
		return !c.Valid
	}
	w, k := refStrictWatermark(plain)
	switch {
	case k != kindOK:
	case w.AppID != c.Str("appid"):
		k = kindAppID
	default:
		k = refBigWindow(w.Timestamp, big.NewInt(c.Int("now")), c.Int("maxAge"), c.Int("skew"))
	}
	if !c.Valid {
		return k != kindOK
	}
	return k == kindOK && string(plain) == c.Str("plaintext")
}

func refDecryptVector(c *vectorCase) bool {
	key, ok1 := canonicalBase64(c.Str("sessionKey"))
	iv, ok2 := canonicalBase64(c.Str("iv"))
	ct, ok3 := canonicalBase64(c.Str("encryptedData"))
	if !ok1 || !ok2 || !ok3 {
		return !c.Valid
	}
	p, err := refOpen(key, iv, ct)
	if !c.Valid {
		return err != nil
	}
	want, _ := c.Bytes("plaintext")
	return err == nil && bytes.Equal(p, want) &&
		base64.StdEncoding.EncodeToString(refSeal(key, iv, p)) == c.Str("encryptedData")
}
