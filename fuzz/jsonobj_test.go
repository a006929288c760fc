package fuzz

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wxcrypto/wxcrypto/internal/jsonobj"
)

// FuzzJSONObject feeds arbitrary bytes to jsonobj.Members and Map, the
// object splitter under the platform-answer, cloud-event and vector-file
// parsers, and checks them against encoding/json: data is accepted exactly
// when it is one valid JSON object; the members, in order and with
// duplicates, rebuild an object that encoding/json reads as it reads the
// data; every value is valid JSON without surrounding white space; and Map
// refuses exactly the objects with a repeated name, naming it.
func FuzzJSONObject(f *testing.F) {
	s := newSeeds(f)
	s.vectors(func(c *vectorCase, add func(...any)) {
		if b, err := json.Marshal(c.Raw()); err == nil {
			add(b)
		}
	}, "msghash", "paysig", "opendata.rawsig")
	s.vectors(func(c *vectorCase, add func(...any)) {
		if p, ok := c.Bytes("plaintext"); ok {
			add(p)
		}
	}, "opendata.watermark", "opendata.decrypt")
	for _, b := range []string{
		`{}`, ` { } `, `{"a":1,"a":2}`, `{"a":1,"A":2}`, `{"\u0061":1,"a":2}`, `{"a":{"a":[1,{"a":null}]}}`,
		`{"a":1}{}`, `{"a":1} x`, `{"a":1}]`, `{"a":1`, `{"a":}`, `{"a" 1}`, `{,}`, `{"a":1,}`, `{1:2}`,
		`[]`, `"{}"`, `null`, ``, ` `, "{\"a\":\"\xff\"}", `{"a":"\ud800"}`, `{"a":1e400}`, `{"":0}`,
	} {
		s.add([]byte(b))
	}
	s.done()
	f.Fuzz(func(t *testing.T, data []byte) {
		members, err := jsonobj.Members(data)
		trimmed := bytes.TrimLeft(data, " \t\r\n")
		isObject := json.Valid(data) && len(trimmed) > 0 && trimmed[0] == '{'
		if !isObject {
			if err == nil || members != nil {
				t.Fatalf("Members accepted what is not one JSON object: %d members, %v", len(members), err)
			}
			switch {
			case errors.Is(err, jsonobj.ErrNotObject):
				if len(trimmed) > 0 && trimmed[0] == '{' {
					t.Fatalf("ErrNotObject for data that opens an object")
				}
			case errors.Is(err, jsonobj.ErrNotJSON), errors.Is(err, jsonobj.ErrTrailing):
			default:
				t.Fatalf("Members: undocumented error %v", err)
			}
			if m, err2 := jsonobj.Map(data); m != nil || err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("Map = %v, %v; Members error %v", m, err2, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Members refused a JSON object: %v", err)
		}

		// Rebuild the object from the members and read both with
		// encoding/json, which keeps the last of duplicate names.
		var rebuilt bytes.Buffer
		rebuilt.WriteByte('{')
		names := map[string]int{}
		dup, hasDup := "", false
		for i, m := range members {
			if !json.Valid(m.Value) || !bytes.Equal(bytes.TrimSpace(m.Value), m.Value) {
				t.Fatalf("member %q: value %q is not trimmed valid JSON", m.Name, m.Value)
			}
			if i > 0 {
				rebuilt.WriteByte(',')
			}
			name, _ := json.Marshal(m.Name)
			rebuilt.Write(name)
			rebuilt.WriteByte(':')
			rebuilt.Write(m.Value)
			if names[m.Name]++; names[m.Name] == 2 && !hasDup {
				dup, hasDup = m.Name, true
			}
		}
		rebuilt.WriteByte('}')
		var want, got map[string]any
		if err := readNumbers(data, &want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if err := readNumbers(rebuilt.Bytes(), &got); err != nil {
			t.Fatalf("the members rebuild no object: %v\n%s", err, rebuilt.Bytes())
		}
		// reflect.DeepEqual first: cmp.Diff is slow on deeply nested values.
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("the members read differently from the data (-data +members):\n%s", cmp.Diff(want, got))
		}
		ref, ok := refObject(data)
		if !ok || len(ref) != len(members) {
			t.Fatalf("%d members; the reference reads %d (ok %v)", len(members), len(ref), ok)
		}

		m, err := jsonobj.Map(data)
		var de *jsonobj.DuplicateError
		if hasDup {
			if m != nil || !errors.As(err, &de) || de.Name != dup || !errors.Is(err, jsonobj.ErrDuplicate) {
				t.Fatalf("Map = %d members, %v; want the duplicate %q", len(m), err, dup)
			}
			return
		}
		if err != nil || len(m) != len(members) {
			t.Fatalf("Map = %d members, %v; Members %d", len(m), err, len(members))
		}
		for _, mb := range members {
			if !bytes.Equal(m[mb.Name], mb.Value) {
				t.Fatalf("Map[%q] = %s; Members %s", mb.Name, m[mb.Name], mb.Value)
			}
		}
	})
}

// readNumbers is json.Unmarshal with numbers kept as text, so that any
// valid number reads.
func readNumbers(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}
