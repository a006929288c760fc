package errclass

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/msgpush"
	"github.com/wxcrypto/wxcrypto/watermark"
)

const (
	modulePath = "github.com/wxcrypto/wxcrypto"
	moduleRoot = "../.."
)

// TestEverySentinelHasAClass reads the source of every public package and
// fails when an exported Err variable has no entry in the table. A variable
// that is another package's sentinel under a second name (msghash's
// ErrSystemBusy is errcode's) needs the entry of the original.
func TestEverySentinelHasAClass(t *testing.T) {
	want := map[string]bool{}
	err := filepath.WalkDir(moduleRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(moduleRoot, path)
		if d.IsDir() {
			switch base := d.Name(); {
			case rel == ".":
			case strings.HasPrefix(base, ".") || base == "internal" || base == "cmd" || base == "fuzz" || base == "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := modulePath
		if dir := filepath.ToSlash(filepath.Dir(rel)); dir != "." {
			pkg += "/" + dir
		}
		for _, name := range sentinelsIn(t, path, pkg) {
			want[name] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 20 {
		t.Fatalf("found only %d sentinels: is the walk broken?", len(want))
	}
	have := tableEntries(t)
	var missing []string
	for name := range want {
		if !have[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		t.Errorf("%s has no class: add it to the table in errclass.go", name)
	}
}

// sentinelsIn returns the exported package-level Err variables of one file,
// as import path + "." + name; an alias of another package's variable
// stands for that variable.
func sentinelsIn(t *testing.T, path, pkg string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	imports := importsOf(f)
	var names []string
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if !id.IsExported() || !strings.HasPrefix(id.Name, "Err") {
					continue
				}
				name := pkg + "." + id.Name
				if i < len(vs.Values) {
					if alias, ok := selector(vs.Values[i], imports); ok {
						name = alias
					}
				}
				names = append(names, name)
			}
		}
	}
	return names
}

// tableEntries returns the sentinels the table in errclass.go names.
func tableEntries(t *testing.T) map[string]bool {
	f, err := parser.ParseFile(token.NewFileSet(), "errclass.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	imports := importsOf(f)
	have := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "sentinels" {
			return true
		}
		for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
			entry := elt.(*ast.CompositeLit)
			name, ok := selector(entry.Elts[0], imports)
			if !ok {
				t.Fatalf("table entry %v is not pkg.ErrName", entry.Elts[0])
			}
			have[name] = true
		}
		return false
	})
	if len(have) == 0 {
		t.Fatal("no table found in errclass.go")
	}
	return have
}

func importsOf(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		m[name] = path
	}
	return m
}

// selector resolves pkg.Name to import path + "." + Name.
func selector(e ast.Expr, imports map[string]string) (string, bool) {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok || imports[x.Name] == "" {
		return "", false
	}
	return imports[x.Name] + "." + sel.Sel.Name, true
}

// TestTableOrder: each sentinel, bare or wrapped, gets its own entry's
// class, so that no earlier entry shadows a more specific later one; and
// every class is a word the package documentation lists.
func TestTableOrder(t *testing.T) {
	words := documentedWords(t)
	for _, s := range sentinels {
		if !words[s.class] {
			t.Errorf("%v: class %q is not in the package documentation", s.err, s.class)
		}
		for _, err := range []error{s.err, fmt.Errorf("context: %w", s.err)} {
			if got := Of(err); got != s.class {
				t.Errorf("Of(%v) = %q, want %q", err, got, s.class)
			}
		}
	}
}

func documentedWords(t *testing.T) map[string]bool {
	src, err := os.ReadFile("errclass.go")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(line, "//\t"); ok && !strings.HasPrefix(rest, "word ") {
			words[strings.Fields(rest)[0]] = true
		}
	}
	if len(words) < 10 {
		t.Fatalf("found %d documented words", len(words))
	}
	return words
}

func TestOfAndCode(t *testing.T) {
	_, keyErr := aescbc.Decrypt("AAAA", "AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAA==")
	tests := []struct {
		err   error
		class string
		code  int64
	}{
		{nil, "", 0},
		{errors.New("other"), Unknown, 0},
		{keyErr, "key", -41001},
		{watermark.NewPolicy("a").Check(watermark.Watermark{AppID: "b", Timestamp: 1}), "appid", -41003},
		{errcode.Parse([]byte(`{"errcode":40029,"errmsg":"invalid code"}`)), "errcode", 40029},
		{errcode.Parse([]byte(`{"errcode":"-1","errmsg":"busy"}`)), "errcode", -1},
		{&cloud189.APIError{Code: 1001, Msg: "token invalid"}, "errcode", 1001},
		{errcode.Parse([]byte(`[]`)), "malformed", 0},
		{&cloudid.Error{CloudID: "x", Code: -601006, Msg: "cloudID expired."}, "expired", -601006},
		{&cloudid.Error{CloudID: "x", Code: -1, Msg: "system error"}, "cloudid", -1},
		{fmt.Errorf("push: %w", msgpush.ErrBuffer), "buffer", -40008},
		{msgpush.ErrBody, "body", -40002},
	}
	type result struct {
		Class string
		Code  int64
	}
	for _, tt := range tests {
		got := result{Of(tt.err), Code(tt.err)}
		if diff := cmp.Diff(result{tt.class, tt.code}, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.err, diff)
		}
		if tt.err != nil && !Is(tt.class)(tt.err) {
			t.Errorf("Is(%q)(%v) is false", tt.class, tt.err)
		}
	}
}

// TestREADMEListsEveryClass: the README's error table is what back-end
// authors read; every class the command line can print is in it.
func TestREADMEListsEveryClass(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sentinels {
		if !strings.Contains(string(readme), "(`"+s.class+"`)") {
			t.Errorf("README.md does not list class %q", s.class)
		}
	}
}
