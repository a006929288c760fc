package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/fuzz/internal/corpusfmt"
)

// A libFuzzer input becomes a go test regression file holding the
// arguments the shim would have passed.
func TestConvertCrash(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "fuzz"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := `package fuzz

import "testing"

func FuzzThing(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, note string, body []byte, n uint16, ok bool, m int64) {})
}
`
	if err := os.WriteFile(filepath.Join(root, "fuzz", "thing_test.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []any{"appid", "", []byte("{\"a\":1}\x00"), uint16(513), true, int64(-5)}
	data, err := corpusfmt.Encode(args...)
	if err != nil {
		t.Fatal(err)
	}
	crash := filepath.Join(t.TempDir(), "crash-1")
	if err := os.WriteFile(crash, data, 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := convertCrash(root, "FuzzThing", crash, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if dir := filepath.Join(root, "fuzz", "testdata", "fuzz", "FuzzThing"); filepath.Dir(path) != dir ||
		!strings.HasPrefix(filepath.Base(path), "libfuzzer-") {
		t.Errorf("wrote %s", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "go test fuzz v1\nstring(\"appid\")\nstring(\"\")\n[]byte(\"{\\\"a\\\":1}\\x00\")\nuint16(513)\nbool(true)\nint64(-5)\n"
	if string(b) != want {
		t.Errorf("regression file:\n%s\nwant:\n%s", b, want)
	}
	if _, err := convertCrash(root, "FuzzThing", crash, "../x", ""); err == nil {
		t.Error("-name ../x accepted")
	}
	if _, err := convertCrash(root, "FuzzOther", crash, "", ""); err == nil {
		t.Error("unknown target accepted")
	}
}

// Every target's seeds, as -o writes them, decode with the argument types
// read from the target's source to exactly the seeds go test adds: the
// zip is what the targets would have seen under go test.
func TestSeedCorporaDecode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on ./fuzz")
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	targets, err := listTargets(root)
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := collectSeeds(root, targets)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, target := range targets {
		types, err := fuzzArgTypes(filepath.Join(root, "fuzz"), target)
		if err != nil {
			t.Fatal(err)
		}
		if len(seeds[target]) == 0 {
			t.Errorf("%s: no seed", target)
			continue
		}
		want := map[string]bool{}
		for _, s := range seeds[target] {
			args, err := corpusfmt.UnmarshalGo(s)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := corpusfmt.MarshalGo(args...)
			want[string(b)] = true
		}
		zipName := filepath.Join(out, corpusfmt.BinaryName(target)+"_seed_corpus.zip")
		n, skipped, err := writeZip(zipName, seeds[target])
		if err != nil {
			t.Fatal(err)
		}
		if skipped*10 > len(seeds[target]) {
			t.Errorf("%s: %d of %d seeds cannot be encoded", target, skipped, len(seeds[target]))
		}
		zr, err := zip.OpenReader(zipName)
		if err != nil {
			t.Fatal(err)
		}
		if len(zr.File) != n || n == 0 {
			t.Errorf("%s: %d files in the zip, %d reported", target, len(zr.File), n)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			args, err := corpusfmt.Decode(data, types)
			if err != nil {
				t.Fatal(err)
			}
			b, err := corpusfmt.MarshalGo(args...)
			if err != nil {
				t.Fatal(err)
			}
			if !want[string(b)] {
				t.Errorf("%s: zip entry %s decodes to a value no seed has:\n%s", target, f.Name, b)
				break
			}
		}
		zr.Close()
		if kinds := dictKinds(target); len(kinds) > 0 && !bytes.Contains(dictionary(kinds), []byte("\"")) {
			t.Errorf("%s: empty dictionary", target)
		}
	}
}

// The dictionary escapes what libFuzzer's parser needs escaped.
func TestDictionary(t *testing.T) {
	got := string(dictionary([]string{"json"}))
	for _, want := range []string{"\"\\x22watermark\\x22\"\n", "\"\\x5cu\"\n", "\"{\"\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("dictionary has no line %q", want)
		}
	}
	if diff := cmp.Diff([]string{"xml"}, dictKinds("FuzzMsgPushReply")); diff != "" {
		t.Errorf("dictKinds of a new push target (-want +got):\n%s", diff)
	}
}
