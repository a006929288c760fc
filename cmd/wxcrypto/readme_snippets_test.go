package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// snippetVars types the names the README's Go snippets use without
// declaring them: what a back end already has at that point.
var snippetVars = map[string]string{
	"sessionKey": "string", "encryptedData": "string", "iv": "string",
	"appKey": "string", "token": "string", "openID": "string", "appSecret": "string",
	"rawData": "string", "signature": "string", "aesKey": "string", "appID": "string",
	"event": "[]byte", "payload": "string", "payEventSig": "string",
	"body": "[]byte", "answerBody": "[]byte", "replyMsg": "[]byte",
	"o": "*wxcrypto.Opener", "w": "http.ResponseWriter", "r": "*http.Request",
}

// snippetVarsIn overrides snippetVars under a README heading.
var snippetVarsIn = map[string]map[string]string{
	"Virtual payment (xpay), end to end": {"event": "string"},
}

var snippetImports = map[string]string{
	"wxcrypto": "github.com/wxcrypto/wxcrypto", "answer": "github.com/wxcrypto/wxcrypto/answer", "aescbc": "github.com/wxcrypto/wxcrypto/aescbc",
	"cloud189": "github.com/wxcrypto/wxcrypto/cloud189", "cloudid": "github.com/wxcrypto/wxcrypto/cloudid",
	"errcode": "github.com/wxcrypto/wxcrypto/errcode", "msghash": "github.com/wxcrypto/wxcrypto/msghash",
	"msgpush": "github.com/wxcrypto/wxcrypto/msgpush", "sessionsig": "github.com/wxcrypto/wxcrypto/sessionsig",
	"watermark": "github.com/wxcrypto/wxcrypto/watermark", "xxtea": "github.com/wxcrypto/wxcrypto/xxtea",
	"errors": "errors", "fmt": "fmt", "http": "net/http", "io": "io", "json": "encoding/json",
	"log": "log", "time": "time", "url": "net/url",
}

// TestREADMESnippetsCompile builds every Go snippet of the README against
// the library, so that a renamed function, a changed signature or a wrong
// error name in the README fails the tests. Each snippet becomes the body of
// a function; the names it uses without declaring come from snippetVars, and
// the ones it declares without using are used by a blank assignment.
func TestREADMESnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a package with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var funcs []string
	used := map[string]bool{}
	heading := ""
	block := regexp.MustCompile("(?s)^```go\n(.*?)\n```")
	for i, text := 0, string(readme); i < len(text); i++ {
		if i > 0 && text[i-1] != '\n' {
			continue
		}
		rest := text[i:]
		if h, ok := strings.CutPrefix(rest, "## "); ok {
			heading, _, _ = strings.Cut(h, "\n")
		}
		m := block.FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		line := strings.Count(text[:i], "\n") + 2
		f, err := snippetFunc(fmt.Sprintf("readmeLine%d", line), m[1], heading, used)
		if err != nil {
			t.Errorf("README.md:%d: %v", line, err)
			continue
		}
		funcs = append(funcs, f)
	}
	if len(funcs) < 8 {
		t.Fatalf("found %d Go snippets in README.md, want the README's dozen", len(funcs))
	}
	var src bytes.Buffer
	src.WriteString("// Code generated from README.md by TestREADMESnippetsCompile.\n\npackage readme\n\nimport (\n")
	paths := make([]string, 0, len(used))
	for p := range used {
		paths = append(paths, snippetImports[p])
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&src, "\t%q\n", p)
	}
	src.WriteString(")\n\n" + strings.Join(funcs, "\n\n") + "\n")

	// The snippets are built as a package inside the module through an
	// overlay, so that nothing is written to the tree.
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gen := filepath.Join(dir, "readme.go")
	if err := os.WriteFile(gen, src.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	virtual := filepath.Join(root, "internal", "readmesnippets", "readme.go")
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{virtual: gen}})
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "build", "-overlay", overlayFile, "-o", os.DevNull, "./internal/readmesnippets")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("README.md's Go snippets do not build (functions named by their README line):\n%s\ngenerated source:\n%s", out, src.Bytes())
	}
}

// snippetFunc wraps a snippet into a function returning error, declares
// the free names it uses, and records the packages it refers to.
func snippetFunc(name, snippet, heading string, imports map[string]bool) (string, error) {
	fset := token.NewFileSet()
	wrap := "package p\nfunc " + name + "() error {\n" + snippet + "\nreturn nil\n}\n"
	f, err := parser.ParseFile(fset, "", wrap, parser.ParseComments)
	if err != nil {
		return "", fmt.Errorf("not Go statements: %v", err)
	}
	fn := f.Decls[0].(*ast.FuncDecl)
	var decls []string
	seen := map[string]bool{}
	for _, id := range f.Unresolved {
		if seen[id.Name] {
			continue
		}
		seen[id.Name] = true
		if _, ok := snippetImports[id.Name]; ok {
			imports[id.Name] = true
			continue
		}
		typ, ok := snippetVarsIn[heading][id.Name]
		if !ok {
			typ, ok = snippetVars[id.Name]
		}
		if ok {
			decls = append(decls, "var "+id.Name+" "+typ)
			for _, p := range []string{"wxcrypto", "http"} {
				if strings.Contains(typ, p+".") {
					imports[p] = true
				}
			}
		}
	}
	// Use every name declared in a block at the end of that block.
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch b := n.(type) {
		case *ast.BlockStmt:
			b.List = blankUses(b.List)
		case *ast.CaseClause:
			b.Body = blankUses(b.Body)
		}
		return true
	})
	sort.Strings(decls)
	fn.Body.List = append(parseStmts(strings.Join(decls, "\n")), fn.Body.List...)
	var out bytes.Buffer
	if err := format.Node(&out, fset, fn); err != nil {
		return "", err
	}
	return out.String(), nil
}

// blankUses appends "_ = x" for every x that stmts declare.
func blankUses(stmts []ast.Stmt) []ast.Stmt {
	var names []string
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						names = append(names, id.Name)
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					for _, id := range spec.(*ast.ValueSpec).Names {
						names = append(names, id.Name)
					}
				}
			}
		}
	}
	if len(names) == 0 {
		return stmts
	}
	// A block that ends in a return keeps it last.
	var tail []ast.Stmt
	if n := len(stmts); n > 0 {
		if _, ok := stmts[n-1].(*ast.ReturnStmt); ok {
			stmts, tail = stmts[:n-1:n-1], stmts[n-1:]
		}
	}
	for _, n := range names {
		stmts = append(stmts, parseStmts("_ = "+n)...)
	}
	return append(stmts, tail...)
}

func parseStmts(src string) []ast.Stmt {
	if src == "" {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc f() {\n"+src+"\n}\n", 0)
	if err != nil {
		panic(err)
	}
	return f.Decls[0].(*ast.FuncDecl).Body.List
}
