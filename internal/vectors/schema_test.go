package vectors

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSchemaAgrees: spec/vectors.schema.json describes each operation the
// runner knows with the same fields (and Hex twins) and the same error
// words, so that a file the schema accepts is one the runner can judge.
func TestSchemaAgrees(t *testing.T) {
	data, err := os.ReadFile("../../spec/vectors.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	type prop struct {
		Enum []string `json:"enum"`
	}
	var schema struct {
		Properties struct {
			Operation struct {
				Enum []string `json:"enum"`
			} `json:"operation"`
		} `json:"properties"`
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	for _, name := range Operations() {
		if !slices.Contains(schema.Properties.Operation.Enum, name) {
			t.Errorf("operation %s is not in the schema", name)
			continue
		}
		def, ok := schema.Defs["op:"+name]
		if !ok {
			t.Errorf("operation %s has no definition in the schema", name)
			continue
		}
		op, _ := lookup(name)
		want := []string{"comment", "error", "flags", "result", "tcId"}
		for _, f := range op.fields {
			want = append(want, f.name)
			if f.kind == kindBytes {
				want = append(want, f.name+"Hex")
			}
		}
		var got []string
		for k := range def.Properties {
			got = append(got, k)
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: schema fields (-runner +schema):\n%s", name, diff)
		}
		var words []string
		for w := range op.errors {
			words = append(words, w)
		}
		sort.Strings(words)
		var e prop
		if string(def.Properties["error"]) != "false" {
			if err := json.Unmarshal(def.Properties["error"], &e); err != nil {
				t.Errorf("%s: error property: %v", name, err)
			}
		}
		sort.Strings(e.Enum)
		if diff := cmp.Diff(words, e.Enum, cmp.Comparer(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 || slices.Equal(a, b) })); diff != "" {
			t.Errorf("%s: error words (-runner +schema):\n%s", name, diff)
		}
	}
}
