// Command corpus prepares the fuzz targets of package fuzz for libFuzzer,
// OSS-Fuzz and ClusterFuzzLite, and brings their findings back:
//
//	go run ./fuzz/corpus -list                 target and binary names, one pair a line
//	go run ./fuzz/corpus -o DIR [TARGET...]    seed corpora, dictionaries, options
//	go run ./fuzz/corpus -crash FILE -target FuzzXxx [-name NAME] [-dir DIR] [FILE...]
//	                                           libFuzzer inputs as go test regressions
//
// With -o it writes, for every target (or the ones named), BIN_seed_corpus.zip
// holding the target's seeds (the ones its FuzzXxx function adds with f.Add,
// collected by running the target under go test, and its committed
// regression inputs in fuzz/testdata/fuzz/FuzzXxx/), each encoded as
// go-118-fuzz-build's testing shim decodes a libFuzzer input; and, for the
// targets that read JSON, base64, hex or XML, BIN.dict and a BIN.options
// that names it. BIN is the binary name, as in -list.
//
// With -crash it decodes FILE, an input a libFuzzer binary of the target
// reported, into the target's arguments and writes them to
// fuzz/testdata/fuzz/FuzzXxx/NAME (default: libfuzzer- and 16 hex digits of
// the file's SHA-256), where go test replays it from then on; -dir writes
// it elsewhere, as OSS-Fuzz's coverage runner needs a corpus converted.
//
// Run it anywhere in the module.
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wxcrypto/wxcrypto/fuzz/internal/corpusfmt"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write seed corpora, dictionaries and options to this `directory`")
	list := fs.Bool("list", false, "print each target and its binary name")
	crash := fs.String("crash", "", "convert this libFuzzer input `file` into a regression input")
	target := fs.String("target", "", "the target of -crash")
	name := fs.String("name", "", "the regression file's name for -crash (default: libfuzzer-HASH)")
	dir := fs.String("dir", "", "where -crash writes (default: fuzz/testdata/fuzz/TARGET)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(stderr, "corpus:", err)
		return 1
	}
	if *crash != "" {
		if *target == "" {
			fmt.Fprintln(stderr, "corpus: -crash needs -target FuzzXxx")
			return 2
		}
		files := append([]string{*crash}, fs.Args()...)
		if len(files) > 1 && *name != "" {
			fmt.Fprintln(stderr, "corpus: -name with more than one file")
			return 2
		}
		for _, file := range files {
			path, err := convertCrash(root, *target, file, *name, *dir)
			if err != nil {
				fmt.Fprintln(stderr, "corpus:", err)
				return 1
			}
			if *dir != "" {
				continue
			}
			rel, _ := filepath.Rel(root, path)
			fmt.Fprintf(stdout, "wrote %s\nreplay: go test -run '^%s/%s$' ./fuzz/\n", rel, *target, filepath.Base(path))
		}
		if *dir != "" {
			fmt.Fprintf(stdout, "wrote %d file(s) to %s\n", len(files), *dir)
		}
		return 0
	}
	if !*list && *out == "" {
		fs.Usage()
		return 2
	}
	all, err := listTargets(root)
	if err != nil {
		fmt.Fprintln(stderr, "corpus:", err)
		return 1
	}
	switch {
	case *list:
		for _, t := range all {
			fmt.Fprintln(stdout, t, corpusfmt.BinaryName(t))
		}
		return 0
	case *out != "":
		targets := all
		if fs.NArg() > 0 {
			targets = fs.Args()
			for _, t := range targets {
				if !contains(all, t) {
					fmt.Fprintf(stderr, "corpus: no target %s; the targets are %s\n", t, strings.Join(all, " "))
					return 2
				}
			}
		}
		if err := writeAll(root, *out, targets, stdout); err != nil {
			fmt.Fprintln(stderr, "corpus:", err)
			return 1
		}
		return 0
	}
	fs.Usage()
	return 2
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// moduleRoot returns the directory of the main module's go.mod.
func moduleRoot() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(b))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside a module")
	}
	return filepath.Dir(mod), nil
}

// listTargets returns the fuzz targets of ./fuzz as go test lists them.
func listTargets(root string) ([]string, error) {
	cmd := exec.Command("go", "test", "-list", "^Fuzz", "./fuzz/")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go test -list: %v", err)
	}
	var targets []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "Fuzz") {
			targets = append(targets, strings.TrimSpace(line))
		}
	}
	if len(targets) == 0 {
		return nil, errors.New("no fuzz target in ./fuzz")
	}
	return targets, nil
}

// collectSeeds runs the targets under go test with $WXCRYPTO_SEED_OUT set
// and returns each target's seeds, as go test corpus files, followed by its
// committed regression inputs.
func collectSeeds(root string, targets []string) (map[string][][]byte, error) {
	tmp, err := os.MkdirTemp("", "wxcrypto-seeds-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "test", "-count=1", "-run", "^("+strings.Join(targets, "|")+")$", "./fuzz/")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "WXCRYPTO_SEED_OUT="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go test: %v\n%s", err, b)
	}
	seeds := map[string][][]byte{}
	for _, t := range targets {
		for _, dir := range []string{filepath.Join(tmp, t), filepath.Join(root, "fuzz", "testdata", "fuzz", t)} {
			files, err := filepath.Glob(filepath.Join(dir, "*"))
			if err != nil {
				return nil, err
			}
			sort.Strings(files)
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					return nil, err
				}
				seeds[t] = append(seeds[t], b)
			}
		}
	}
	return seeds, nil
}

func writeAll(root, out string, targets []string, stdout io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	seeds, err := collectSeeds(root, targets)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-28s %-30s %6s %6s %6s  %s\n", "target", "binary", "seeds", "zip", "skip", "dict")
	for _, t := range targets {
		bin := corpusfmt.BinaryName(t)
		n, skipped, err := writeZip(filepath.Join(out, bin+"_seed_corpus.zip"), seeds[t])
		if err != nil {
			return fmt.Errorf("%s: %v", t, err)
		}
		kinds := dictKinds(t)
		if len(kinds) > 0 {
			if err := os.WriteFile(filepath.Join(out, bin+".dict"), dictionary(kinds), 0o644); err != nil {
				return err
			}
			opts := "[libfuzzer]\ndict = " + bin + ".dict\n"
			if err := os.WriteFile(filepath.Join(out, bin+".options"), []byte(opts), 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "%-28s %-30s %6d %6d %6d  %s\n", t, bin, len(seeds[t]), n, skipped, strings.Join(kinds, ","))
	}
	return nil
}

// writeZip writes the seeds, encoded for the shim, to a zip file named as
// libFuzzer names corpus files (the SHA-1 of the contents). It returns how
// many distinct inputs it holds and how many seeds could not be encoded.
func writeZip(name string, seeds [][]byte) (n, skipped int, err error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	for _, s := range seeds {
		args, err := corpusfmt.UnmarshalGo(s)
		if err != nil {
			return 0, 0, err
		}
		data, err := corpusfmt.Encode(args...)
		if errors.Is(err, corpusfmt.ErrNotRepresentable) {
			skipped++
			continue
		}
		if err != nil {
			return 0, 0, err
		}
		sum := sha1.Sum(data)
		entry := hex.EncodeToString(sum[:])
		if seen[entry] {
			continue
		}
		seen[entry] = true
		w, err := zw.Create(entry)
		if err != nil {
			return 0, 0, err
		}
		if _, err := w.Write(data); err != nil {
			return 0, 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return len(seen), skipped, os.WriteFile(name, buf.Bytes(), 0o644)
}

// convertCrash writes the libFuzzer input in file as a regression input of
// target, to dir or else the target's regression directory, and returns
// its path.
func convertCrash(root, target, file, name, dir string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	types, err := fuzzArgTypes(filepath.Join(root, "fuzz"), target)
	if err != nil {
		return "", err
	}
	args, err := corpusfmt.Decode(data, types)
	if err != nil {
		return "", err
	}
	b, err := corpusfmt.MarshalGo(args...)
	if err != nil {
		return "", err
	}
	if name == "" {
		sum := sha256.Sum256(data)
		name = "libfuzzer-" + hex.EncodeToString(sum[:8])
	}
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("-name %q is not a plain file name", name)
	}
	if dir == "" {
		dir = filepath.Join(root, "fuzz", "testdata", "fuzz", target)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, b, 0o644)
}
