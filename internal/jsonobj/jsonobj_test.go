package jsonobj

import (
	"errors"
	"strings"
	"testing"
)

func TestMembers(t *testing.T) {
	got, err := Members([]byte(" {\"b\":1, \"a\" : {\"x\":[1,2]}, \"b\":\"two\"} \n"))
	if err != nil || len(got) != 3 || got[0].Name != "b" || string(got[0].Value) != "1" ||
		got[1].Name != "a" || string(got[1].Value) != `{"x":[1,2]}` || string(got[2].Value) != `"two"` {
		t.Fatalf("Members = %q, %v", got, err)
	}
	for in, want := range map[string]error{
		``:              ErrNotJSON,
		`{`:             ErrNotJSON,
		`{"a":}`:        ErrNotJSON,
		`{"a":1,}`:      ErrNotJSON,
		`[]`:            ErrNotObject,
		`"x"`:           ErrNotObject,
		`null`:          ErrNotObject,
		`{} {}`:         ErrTrailing,
		`{}x`:           ErrTrailing,
		`{"a":1}}`:      ErrTrailing,
		`{"a":1,"a":2}`: nil,
	} {
		if _, err := Members([]byte(in)); !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("Members(%q) = %v, want %v", in, err, want)
		}
	}
}

func TestMap(t *testing.T) {
	m, err := Map([]byte(`{"errcode":0,"ERRCODE":1}`))
	if err != nil || string(m["errcode"]) != "0" || string(m["ERRCODE"]) != "1" {
		t.Fatalf("Map = %v, %v", m, err)
	}
	var dup *DuplicateError
	if _, err := Map([]byte(`{"a":1,"b":2,"a":3}`)); !errors.As(err, &dup) || dup.Name != "a" || !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
}

// A member name is the peer's text, as long as the document: the error keeps
// and shows a bounded copy of it.
func TestDuplicateNameBounded(t *testing.T) {
	name := strings.Repeat("n", 30000) + "é"
	_, err := Map([]byte(`{"` + name + `":1,"` + name + `":2}`))
	var dup *DuplicateError
	if !errors.As(err, &dup) || !errors.Is(err, ErrDuplicate) {
		t.Fatalf("Map = %v, want a *DuplicateError", err)
	}
	if len(dup.Name) > 64 || len(err.Error()) > 128 {
		t.Errorf("the error keeps a name of %d bytes and a message of %d bytes", len(dup.Name), len(err.Error()))
	}
	if msg := err.Error(); !strings.HasPrefix(msg, `duplicate member "nnn`) || !strings.HasSuffix(msg, "(30002 bytes)") {
		t.Errorf("message of %d bytes starting %.40q", len(msg), msg)
	}
	if _, err := Map([]byte(`{"a":1,"a":2}`)); err == nil || err.Error() != `duplicate member "a"` {
		t.Errorf("short name: %v", err)
	}
}
