// Package corpusfmt converts fuzz inputs between the two forms the targets
// of package fuzz meet: the "go test fuzz v1" files of go test, and the raw
// byte strings of a libFuzzer build, which go-118-fuzz-build's testing shim
// cuts into the target's arguments.
//
// The shim (its input.Source) reads the arguments of the function given to
// f.Fuzz in two passes. First the fixed-size ones, in order: an integer of
// n bytes as n big-endian bytes, a bool as one byte (its low bit), a float
// as the bits of the integer of its size. Then one weight byte for each
// string or []byte argument, and after them the rest of the input, split
// among those arguments in the weights' proportions: with R bytes left and
// weights w summing to S, argument i gets R*w[i]/S bytes, rounded down (R/n
// each when S is 0), and the last one all that remains. A short input reads
// as if padded with zero bytes.
//
// Encode finds weights that give each argument exactly its length; with
// one byte per weight that is not always possible, and Encode then says so.
package corpusfmt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// ErrNotRepresentable means that no weight bytes give every string and
// []byte argument its exact length.
var ErrNotRepresentable = errors.New("corpusfmt: no weights give these argument lengths")

// Encode returns the libFuzzer input that the shim decodes to args.
func Encode(args ...any) ([]byte, error) {
	var fixed []byte
	var dynamic [][]byte
	for _, a := range args {
		switch v := a.(type) {
		case string:
			dynamic = append(dynamic, []byte(v))
		case []byte:
			dynamic = append(dynamic, v)
		default:
			b, err := appendFixed(fixed, a)
			if err != nil {
				return nil, err
			}
			fixed = b
		}
	}
	w, err := weights(dynamic)
	if err != nil {
		return nil, err
	}
	out := append(fixed, w...)
	for _, d := range dynamic {
		out = append(out, d...)
	}
	return out, nil
}

func appendFixed(b []byte, a any) ([]byte, error) {
	switch v := a.(type) {
	case bool:
		if v {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case int8:
		return append(b, byte(v)), nil
	case uint8:
		return append(b, v), nil
	case int16:
		return binary.BigEndian.AppendUint16(b, uint16(v)), nil
	case uint16:
		return binary.BigEndian.AppendUint16(b, v), nil
	case int32:
		return binary.BigEndian.AppendUint32(b, uint32(v)), nil
	case uint32:
		return binary.BigEndian.AppendUint32(b, v), nil
	case int64:
		return binary.BigEndian.AppendUint64(b, uint64(v)), nil
	case uint64:
		return binary.BigEndian.AppendUint64(b, v), nil
	case int:
		return binary.BigEndian.AppendUint64(b, uint64(v)), nil
	case uint:
		return binary.BigEndian.AppendUint64(b, uint64(v)), nil
	case float32:
		return binary.BigEndian.AppendUint32(b, math.Float32bits(v)), nil
	case float64:
		return binary.BigEndian.AppendUint64(b, math.Float64bits(v)), nil
	}
	return nil, fmt.Errorf("corpusfmt: unsupported argument type %T", a)
}

// weights returns one weight byte per dynamic argument such that the
// shim's split gives each its length.
func weights(dynamic [][]byte) ([]byte, error) {
	n := len(dynamic)
	w := make([]byte, n)
	if n <= 1 {
		return w, nil
	}
	total := 0
	for _, d := range dynamic {
		total += len(d)
	}
	// All weights zero: every argument but the last gets total/n.
	even := true
	for _, d := range dynamic[:n-1] {
		even = even && len(d) == total/n
	}
	if even {
		return w, nil
	}
	for sum := 1; sum <= 255*n; sum++ {
		used, ok := 0, true
		for i, d := range dynamic[:n-1] {
			// The smallest weight whose share, rounded down, reaches len(d).
			wi := (len(d)*sum + total - 1) / total
			if wi > 255 || total*wi/sum != len(d) {
				ok = false
				break
			}
			w[i] = byte(wi)
			used += wi
		}
		if last := sum - used; ok && last >= 0 && last <= 255 {
			w[n-1] = byte(last)
			return w, nil
		}
	}
	return nil, ErrNotRepresentable
}

// Decode splits data into arguments of the given types exactly as the shim
// does. Types other than strings, byte slices, bools, integers and floats
// are an error.
func Decode(data []byte, types []reflect.Type) ([]any, error) {
	r := &reader{data: data}
	args := make([]any, len(types))
	var dynamic []int
	for i, t := range types {
		switch t.Kind() {
		case reflect.String:
			dynamic = append(dynamic, i)
		case reflect.Slice:
			if t.Elem().Kind() != reflect.Uint8 {
				return nil, fmt.Errorf("corpusfmt: unsupported argument type %v", t)
			}
			dynamic = append(dynamic, i)
		default:
			v, err := r.fixed(t)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
	}
	w := r.next(len(dynamic))
	sum := 0
	for _, b := range w {
		sum += int(b)
	}
	left := r.left()
	for k, i := range dynamic {
		size := r.left()
		if k < len(dynamic)-1 {
			size = left / len(dynamic)
			if sum > 0 {
				size = left * int(w[k]) / sum
			}
		}
		b := bytes.Clone(r.next(size))
		if b == nil {
			b = []byte{}
		}
		if types[i].Kind() == reflect.String {
			args[i] = string(b)
		} else {
			args[i] = b
		}
	}
	return args, nil
}

type reader struct {
	data []byte
	i    int
}

func (r *reader) left() int { return len(r.data) - r.i }

// next returns the next n bytes, padded with zeros past the end of data.
func (r *reader) next(n int) []byte {
	out := make([]byte, n)
	r.i += copy(out, r.data[min(r.i, len(r.data)):])
	return out
}

func (r *reader) fixed(t reflect.Type) (any, error) {
	switch t.Kind() {
	case reflect.Bool:
		return r.next(1)[0]&1 != 0, nil
	case reflect.Int8:
		return int8(r.next(1)[0]), nil
	case reflect.Uint8:
		return r.next(1)[0], nil
	case reflect.Int16:
		return int16(binary.BigEndian.Uint16(r.next(2))), nil
	case reflect.Uint16:
		return binary.BigEndian.Uint16(r.next(2)), nil
	case reflect.Int32:
		return int32(binary.BigEndian.Uint32(r.next(4))), nil
	case reflect.Uint32:
		return binary.BigEndian.Uint32(r.next(4)), nil
	case reflect.Int64:
		return int64(binary.BigEndian.Uint64(r.next(8))), nil
	case reflect.Uint64:
		return binary.BigEndian.Uint64(r.next(8)), nil
	case reflect.Int:
		return int(binary.BigEndian.Uint64(r.next(8))), nil
	case reflect.Uint:
		return uint(binary.BigEndian.Uint64(r.next(8))), nil
	case reflect.Float32:
		return math.Float32frombits(binary.BigEndian.Uint32(r.next(4))), nil
	case reflect.Float64:
		return math.Float64frombits(binary.BigEndian.Uint64(r.next(8))), nil
	}
	return nil, fmt.Errorf("corpusfmt: unsupported argument type %v", t)
}

// header is the first line of a go test corpus file.
const header = "go test fuzz v1\n"

// MarshalGo returns args as a "go test fuzz v1" file, written as go test
// writes one.
func MarshalGo(args ...any) ([]byte, error) {
	b := bytes.NewBufferString(header)
	for _, a := range args {
		switch v := a.(type) {
		case int, int8, int16, int64, uint, uint16, uint32, uint64, bool:
			fmt.Fprintf(b, "%T(%v)\n", v, v)
		case int32:
			fmt.Fprintf(b, "int32(%v)\n", v)
		case uint8:
			fmt.Fprintf(b, "byte(%q)\n", v)
		case float32:
			fmt.Fprintf(b, "math.Float32frombits(0x%x)\n", math.Float32bits(v))
		case float64:
			fmt.Fprintf(b, "math.Float64frombits(0x%x)\n", math.Float64bits(v))
		case string:
			fmt.Fprintf(b, "string(%q)\n", v)
		case []byte:
			fmt.Fprintf(b, "[]byte(%q)\n", v)
		default:
			return nil, fmt.Errorf("corpusfmt: unsupported argument type %T", a)
		}
	}
	return b.Bytes(), nil
}

// UnmarshalGo reads a "go test fuzz v1" file.
func UnmarshalGo(data []byte) ([]any, error) {
	rest, ok := bytes.CutPrefix(data, []byte(header))
	if !ok {
		return nil, errors.New("corpusfmt: not a go test fuzz v1 file")
	}
	var args []any
	for _, line := range bytes.Split(rest, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		v, err := parseValue(string(line))
		if err != nil {
			return nil, fmt.Errorf("corpusfmt: %q: %v", line, err)
		}
		args = append(args, v)
	}
	if len(args) == 0 {
		return nil, errors.New("corpusfmt: no value in the file")
	}
	return args, nil
}

func parseValue(line string) (any, error) {
	expr, err := parser.ParseExpr(line)
	if err != nil {
		return nil, err
	}
	call, ok := expr.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil, errors.New("not a conversion")
	}
	var typ string
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		typ = fn.Name
	case *ast.ArrayType:
		if id, ok := fn.Elt.(*ast.Ident); ok && fn.Len == nil && (id.Name == "byte" || id.Name == "uint8") {
			typ = "[]byte"
		}
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "math" {
			typ = "math." + fn.Sel.Name
		}
	}
	arg := call.Args[0]
	neg := false
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		neg, arg = true, u.X
	}
	lit, ok := arg.(*ast.BasicLit)
	if !ok {
		if id, isID := arg.(*ast.Ident); isID && typ == "bool" && (id.Name == "true" || id.Name == "false") {
			return id.Name == "true", nil
		}
		return nil, errors.New("not a literal")
	}
	text := lit.Value
	if neg {
		text = "-" + text
	}
	switch typ {
	case "string", "[]byte":
		if lit.Kind != token.STRING {
			return nil, errors.New("want a string literal")
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return nil, err
		}
		if typ == "string" {
			return s, nil
		}
		return []byte(s), nil
	case "byte", "uint8", "rune", "int32":
		if lit.Kind == token.CHAR {
			r, _, _, err := strconv.UnquoteChar(lit.Value[1:len(lit.Value)-1], '\'')
			if err != nil {
				return nil, err
			}
			if typ == "byte" || typ == "uint8" {
				return byte(r), nil
			}
			return int32(r), nil
		}
	case "math.Float32frombits", "math.Float64frombits":
		n, err := strconv.ParseUint(text, 0, 64)
		if err != nil {
			return nil, err
		}
		if typ == "math.Float32frombits" {
			return math.Float32frombits(uint32(n)), nil
		}
		return math.Float64frombits(n), nil
	case "float32", "float64":
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, err
		}
		if typ == "float32" {
			return float32(f), nil
		}
		return f, nil
	}
	bits := map[string]int{"int": 64, "int8": 8, "int16": 16, "int32": 32, "int64": 64, "rune": 32,
		"uint": 64, "uint8": 8, "byte": 8, "uint16": 16, "uint32": 32, "uint64": 64}
	size, ok := bits[typ]
	if !ok {
		return nil, fmt.Errorf("unsupported type %s", typ)
	}
	if typ[0] == 'u' || typ == "byte" {
		n, err := strconv.ParseUint(text, 0, size)
		if err != nil {
			return nil, err
		}
		switch typ {
		case "uint":
			return uint(n), nil
		case "uint8", "byte":
			return uint8(n), nil
		case "uint16":
			return uint16(n), nil
		case "uint32":
			return uint32(n), nil
		}
		return n, nil
	}
	n, err := strconv.ParseInt(text, 0, size)
	if err != nil {
		return nil, err
	}
	switch typ {
	case "int":
		return int(n), nil
	case "int8":
		return int8(n), nil
	case "int16":
		return int16(n), nil
	case "int32", "rune":
		return int32(n), nil
	}
	return n, nil
}

// Types returns the types of args, for Decode.
func Types(args []any) []reflect.Type {
	ts := make([]reflect.Type, len(args))
	for i, a := range args {
		ts[i] = reflect.TypeOf(a)
	}
	return ts
}

// BinaryName is the name of a target's libFuzzer binary, its seed corpus
// (BinaryName_seed_corpus.zip), dictionary and options: FuzzAESCBCDecryptStrings
// gives fuzz_aescbc_decrypt_strings.
func BinaryName(target string) string {
	s := strings.TrimPrefix(target, "Fuzz")
	s = lowerUpper.ReplaceAllString(s, "${1}_${2}")
	s = acronymWord.ReplaceAllString(s, "${1}_${2}")
	return "fuzz_" + strings.ToLower(s)
}

var (
	lowerUpper  = regexp.MustCompile(`([a-z0-9])([A-Z])`)
	acronymWord = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`)
)
