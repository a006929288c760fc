// Command schemacheck validates vector files against spec/vectors.schema.json
// with a pinned JSON Schema validator (go.mod): it takes the schema and then
// files or folders (every *.json below a folder), prints one line per
// invalid file and exits 1 if any.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: schemacheck SCHEMA PATH...")
		os.Exit(2)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var files []string
	for _, p := range os.Args[2:] {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (path == p || strings.HasSuffix(path, ".json")) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	bad := 0
	for _, name := range files {
		if err := validate(schema, name); err != nil {
			fmt.Printf("%s: %v\n", name, err)
			bad++
		}
	}
	fmt.Printf("%d files valid, %d invalid\n", len(files)-bad, bad)
	if bad > 0 || len(files) == 0 {
		os.Exit(1)
	}
}

func validate(schema *jsonschema.Schema, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return err
	}
	return schema.Validate(doc)
}
