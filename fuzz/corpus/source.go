package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
)

// fuzzArgTypes returns the types of the fuzzed arguments of target (those
// of the function it passes to f.Fuzz, after the *testing.T), read from the
// test files in dir.
func fuzzArgTypes(dir, target string) ([]reflect.Type, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.Name != target {
				continue
			}
			var fn *ast.FuncLit
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if sel, isSel := callee(c, ok); isSel && sel == "Fuzz" && len(c.Args) == 1 {
					fn, _ = c.Args[0].(*ast.FuncLit)
				}
				return fn == nil
			})
			if fn == nil {
				return nil, fmt.Errorf("%s: no f.Fuzz(func(...) {...}) in %s", target, name)
			}
			var types []reflect.Type
			for i, field := range fn.Type.Params.List {
				t, err := typeOf(field.Type)
				if i == 0 {
					continue // *testing.T
				}
				if err != nil {
					return nil, fmt.Errorf("%s: %v", target, err)
				}
				n := max(len(field.Names), 1)
				for range n {
					types = append(types, t)
				}
			}
			if len(fn.Type.Params.List) > 0 && len(fn.Type.Params.List[0].Names) > 1 {
				return nil, fmt.Errorf("%s: the fuzz function's first parameter group has several names", target)
			}
			return types, nil
		}
	}
	return nil, fmt.Errorf("no target %s in %s", target, dir)
}

func callee(c *ast.CallExpr, ok bool) (string, bool) {
	if !ok {
		return "", false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	return sel.Sel.Name, true
}

var basicTypes = map[string]reflect.Type{
	"string": reflect.TypeFor[string](), "bool": reflect.TypeFor[bool](),
	"int": reflect.TypeFor[int](), "int8": reflect.TypeFor[int8](), "int16": reflect.TypeFor[int16](),
	"int32": reflect.TypeFor[int32](), "rune": reflect.TypeFor[int32](), "int64": reflect.TypeFor[int64](),
	"uint": reflect.TypeFor[uint](), "uint8": reflect.TypeFor[uint8](), "byte": reflect.TypeFor[uint8](),
	"uint16": reflect.TypeFor[uint16](), "uint32": reflect.TypeFor[uint32](), "uint64": reflect.TypeFor[uint64](),
	"float32": reflect.TypeFor[float32](), "float64": reflect.TypeFor[float64](),
}

func typeOf(e ast.Expr) (reflect.Type, error) {
	switch e := e.(type) {
	case *ast.Ident:
		if t, ok := basicTypes[e.Name]; ok {
			return t, nil
		}
	case *ast.ArrayType:
		if id, ok := e.Elt.(*ast.Ident); ok && e.Len == nil && (id.Name == "byte" || id.Name == "uint8") {
			return reflect.TypeFor[[]byte](), nil
		}
	}
	return nil, fmt.Errorf("fuzzed argument of unsupported type %T", e)
}

// dictKinds returns the kinds of text a target's input holds, for its
// dictionary. A target not in the table gets one by its name.
func dictKinds(target string) []string {
	if k, ok := dictTable[target]; ok {
		return k
	}
	var kinds []string
	for _, r := range []struct{ word, kind string }{
		{"JSON", "json"}, {"Answer", "json"}, {"Response", "json"}, {"Event", "json"},
		{"Decoder", "json"}, {"Cloud", "json"},
		{"Push", "xml"}, {"XML", "xml"}, {"Hex", "hex"}, {"Base64", "base64"},
	} {
		if strings.Contains(target, r.word) && !contains(kinds, r.kind) {
			kinds = append(kinds, r.kind)
		}
	}
	return kinds
}

var dictTable = map[string][]string{
	"FuzzAESCBCDecryptStrings": {"base64"},
	"FuzzAESCBCDifferential":   nil,
	"FuzzAESCBCRoundTrip":      nil,
	"FuzzCheckResponse":        {"json"},
	"FuzzCloud189Answer":       {"json", "hex"},
	"FuzzCloudEvent":           {"json"},
	"FuzzErrcodeAnswer":        {"json"},
	"FuzzJSONObject":           {"json"},
	"FuzzMsgPushBody":          {"xml", "json"},
	"FuzzMsgPushDecrypt":       {"xml", "base64"},
	"FuzzOpenJSON":             {"json"},
	"FuzzPaySig":               {"hex"},
	"FuzzRawSig":               {"hex"},
	"FuzzSessionSig":           {"hex"},
	"FuzzVectorFile":           {"json", "hex", "base64"},
	"FuzzWatermarkParse":       {"json"},
	"FuzzXXTEADecryptHex":      {"hex"},
	"FuzzXXTEADifferential":    nil,
	"FuzzXXTEARoundTrip":       nil,
}

// dictTokens are libFuzzer dictionary entries by kind: the syntax of the
// format and the names the platform's documents use.
var dictTokens = map[string][]string{
	"json": {
		"{", "}", "[", "]", ":", ",", "\"", "\\\"", "\\\\", "\\u", "\\ud800", "\\udc00", "\\u0000",
		"true", "false", "null", "-0", "0.0", "1e2", "E-1", "9223372036854775808", "2147483648",
		"\"watermark\"", "\"appid\"", "\"timestamp\"", "\"openId\"", "\"unionId\"", "\"nickName\"",
		"\"gender\"", "\"city\"", "\"province\"", "\"country\"", "\"avatarUrl\"", "\"language\"",
		"\"phoneNumber\"", "\"purePhoneNumber\"", "\"countryCode\"", "\"stepInfoList\"", "\"step\"",
		"\"openGId\"", "\"errcode\"", "\"errmsg\"", "\"vaild\"", "\"valid\"", "\"create_time\"",
		"\"hash\"", "\"cloudID\"", "\"data\"", "\"errCode\"", "\"errMsg\"", "\"code\"", "\"msg\"",
		"\"encryptedData\"", "\"appId\"", "\"schema\"", "\"operation\"", "\"tests\"", "\"tcId\"",
		"\"result\"", "\"flags\"", "\"comment\"", "\"valid\"", "\"invalid\"", "\"wx4f4bc4dec97d474b\"",
	},
	"base64": {"=", "==", "+", "/", "-", "_", "\n", "\r\n", " ", "AAAAAAAAAAAAAAAAAAAAAA==",
		"tiihtNczf5v6AKRyjwEUhQ==", "r7BXXKkLb8qrSNn05n0qiA=="},
	"hex": {"0x", "00", "ff", "FF", "00000000", "ffffffff", "abcdef", "ABCDEF", "0123456789"},
	"xml": {"<xml>", "</xml>", "<![CDATA[", "]]>", "<Encrypt>", "</Encrypt>", "<ToUserName>",
		"</ToUserName>", "<MsgSignature>", "<TimeStamp>", "<Nonce>", "&lt;", "&amp;", "&#x",
		"<?xml version=\"1.0\"?>", "<!DOCTYPE", "<!--", "-->"},
}

// dictionary returns a libFuzzer dictionary of the tokens of kinds.
func dictionary(kinds []string) []byte {
	var b strings.Builder
	seen := map[string]bool{}
	for _, k := range kinds {
		fmt.Fprintf(&b, "# %s\n", k)
		for _, tok := range dictTokens[k] {
			if seen[tok] {
				continue
			}
			seen[tok] = true
			b.WriteString("\"")
			for i := 0; i < len(tok); i++ {
				c := tok[i]
				if c == '"' || c == '\\' || c < 0x20 || c >= 0x7f {
					fmt.Fprintf(&b, "\\x%02x", c)
				} else {
					b.WriteByte(c)
				}
			}
			b.WriteString("\"\n")
		}
	}
	return []byte(b.String())
}
