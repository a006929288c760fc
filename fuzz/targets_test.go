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
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/fuzz/internal/corpusfmt"
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

// TestTargets keeps the targets fit for every way they are run: enough of
// them, each in package fuzz and seeded through the shared helper, and no
// two with the same libFuzzer binary name.
func TestTargets(t *testing.T) {
	names, files, _ := targets(t)
	if len(names) < 10 {
		t.Errorf("%d fuzz targets, want at least 10", len(names))
	}
	binaries := map[string]string{}
	for _, n := range names {
		b := corpusfmt.BinaryName(n)
		if other, dup := binaries[b]; dup {
			t.Errorf("targets %s and %s both build as %s", other, n, b)
		}
		binaries[b] = n
	}
	for p, f := range files {
		if f.Name.Name != "fuzz" {
			t.Errorf("%s: package %s, want package fuzz", p, f.Name.Name)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || !strings.HasPrefix(fd.Name.Name, "Fuzz") {
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
}

// shimMethods are the methods of go-118-fuzz-build's testing shim, which
// the libFuzzer build compiles every test file of this package against.
var shimMethods = map[string]bool{
	"Add": true, "Cleanup": true, "Error": true, "Errorf": true, "Fail": true, "FailNow": true,
	"Failed": true, "Fatal": true, "Fatalf": true, "Fuzz": true, "Helper": true, "Log": true,
	"Logf": true, "Name": true, "Run": true, "Setenv": true, "Skip": true, "SkipNow": true,
	"Skipf": true, "Skipped": true, "TempDir": true,
}

// TestShimAPI keeps every test file of the package buildable by the
// libFuzzer build: from package testing only the types T, F and TB, and on
// values of those types only the shim's methods.
func TestShimAPI(t *testing.T) {
	_, files, fset := targets(t)
	for _, f := range files {
		testingName := ""
		for _, imp := range f.Imports {
			if imp.Path.Value == `"testing"` {
				testingName = "testing"
				if imp.Name != nil {
					testingName = imp.Name.Name
				}
			}
		}
		if testingName == "" {
			continue
		}
		isTestingType := func(e ast.Expr) bool {
			if st, ok := e.(*ast.StarExpr); ok {
				e = st.X
			}
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			x, ok := sel.X.(*ast.Ident)
			return ok && x.Name == testingName
		}
		// Names of parameters of those types; a name is enough here, as
		// the targets keep t, f and tb for them.
		vars := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				if isTestingType(n.Type) {
					for _, name := range n.Names {
						vars[name.Name] = true
					}
				}
			case *ast.SelectorExpr:
				x, ok := n.X.(*ast.Ident)
				switch {
				case ok && x.Name == testingName:
					if name := n.Sel.Name; name != "T" && name != "F" && name != "TB" {
						t.Errorf("%s: testing.%s is not in the libFuzzer build's testing shim", fset.Position(n.Pos()), name)
					}
				case ok && vars[x.Name] && !shimMethods[n.Sel.Name]:
					t.Errorf("%s: %s.%s is not in the libFuzzer build's testing shim", fset.Position(n.Pos()), x.Name, n.Sel.Name)
				}
			}
			return true
		})
	}
}

// TestVectorDirFromAnywhere runs the vector lookup from directories other
// than fuzz/, as a coverage build's test binary is run.
func TestVectorDirFromAnywhere(t *testing.T) {
	here, err := filepath.Abs(filepath.Join("..", vectorSubdir))
	if err != nil {
		t.Fatal(err)
	}
	chdir(t, t.TempDir())
	if got, _ := filepath.Abs(findVectorDir()); got != here {
		t.Errorf("from an empty directory: %s, want %s (beside the source)", got, here)
	}
	if _, err := readVectors(findVectorDir()); err != nil {
		t.Errorf("from an empty directory: %v", err)
	}

	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, vectorSubdir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, vectorSubdir, "x.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	chdir(t, out)
	if got := findVectorDir(); got != filepath.Join(out, vectorSubdir) {
		t.Errorf("from a directory with testdata/vectors: %s", got)
	}
	t.Setenv(vectorsEnv, "/elsewhere")
	if got := findVectorDir(); got != "/elsewhere" {
		t.Errorf("with $%s set: %s", vectorsEnv, got)
	}
}

// chdir changes the working directory for the rest of the test. (Not
// t.Chdir: the libFuzzer build compiles this file against a testing shim
// that has no such method.)
func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

// TestSeedOut checks that with $WXCRYPTO_SEED_OUT set every seed is
// written, in go test's corpus format, under the target's name.
func TestSeedOut(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(seedOutEnv, dir)
	f := &fakeF{}
	s := newSeeds(f)
	s.add("a", []byte{0xff}, uint16(3))
	s.vectors(func(c *vectorCase, add func(...any)) { add(c.Str("hash"), uint16(c.TcID)) }, "msghash")
	s.done()
	files, err := filepath.Glob(filepath.Join(dir, "FuzzFake", "*"))
	if err != nil || len(files) != f.added || f.added < 2 {
		t.Fatalf("%d files for %d seeds: %v", len(files), f.added, err)
	}
	var found bool
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		args, err := corpusfmt.UnmarshalGo(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		found = found || cmp.Diff([]any{"a", []byte{0xff}, uint16(3)}, args) == ""
	}
	if !found {
		t.Error("the literal seed was not written")
	}
}

// fakeF records what the seed helpers do with a target.
type fakeF struct {
	added  int
	failed []string
}

func (f *fakeF) Name() string                    { return "FuzzFake" }
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
