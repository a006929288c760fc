// Package jsonobj splits one JSON object into its members, exactly: names
// are kept as written (encoding/json would match struct fields ignoring
// case), duplicates are kept for the caller to judge (encoding/json would
// silently keep the last), and nothing may follow the object. The parsers
// of platform answers, cloud-call events and vector files share it.
package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Why data is not one JSON object. The messages quote nothing of the data.
var (
	ErrNotJSON   = errors.New("not JSON")
	ErrNotObject = errors.New("not a JSON object")
	ErrTrailing  = errors.New("data after the JSON object")
	ErrDuplicate = errors.New("duplicate member")
)

// Member is one member of an object: its name, and its value as valid JSON
// without the white space around it.
type Member struct {
	Name  string
	Value json.RawMessage
}

// Members returns the members of the one JSON object in data, in order,
// duplicates included. White space may surround the object; anything else
// is an error.
func Members(data []byte) ([]Member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, ErrNotJSON
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, ErrNotObject
	}
	var members []Member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, ErrNotJSON
		}
		name, ok := tok.(string)
		if !ok {
			return nil, ErrNotJSON
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, ErrNotJSON
		}
		members = append(members, Member{name, v})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, ErrNotJSON
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, ErrTrailing
	}
	return members, nil
}

// Map returns the members of the one JSON object in data by name, refusing
// duplicates with an error that wraps ErrDuplicate and names the member.
func Map(data []byte) (map[string]json.RawMessage, error) {
	members, err := Members(data)
	if err != nil {
		return nil, err
	}
	m := make(map[string]json.RawMessage, len(members))
	for _, mem := range members {
		if _, dup := m[mem.Name]; dup {
			return nil, &DuplicateError{Name: bounded(mem.Name), Len: len(mem.Name)}
		}
		m[mem.Name] = mem.Value
	}
	return m, nil
}

// DuplicateError names a member that appears twice. Member names are the
// format's, not private data, but callers decide whether to show them. A
// name is the peer's text, as long as the document: Name is a copy cut to
// maxName bytes, and Len the length of the whole name.
type DuplicateError struct {
	Name string
	Len  int
}

func (e *DuplicateError) Error() string {
	if e.Len > len(e.Name) {
		return fmt.Sprintf("duplicate member %s... (%d bytes)", quote(e.Name), e.Len)
	}
	return "duplicate member " + quote(e.Name)
}

// Unwrap returns ErrDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// maxName bounds the part of a member name that an error keeps.
const maxName = 64

// bounded returns a copy of s cut to maxName bytes on a character boundary.
func bounded(s string) string {
	if len(s) <= maxName {
		return strings.Clone(s)
	}
	n := maxName
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n])
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Folded returns the one of names that name case-folds to without being it
// (Unicode simple folding, which covers encoding/json's name matching), or
// "". A reader that matches names exactly must refuse such a member: an
// encoding/json reader of the same document would take it for the member
// itself, and which copy wins would depend on the order.
func Folded(name string, names []string) string {
	for _, n := range names {
		if name != n && strings.EqualFold(name, n) {
			return n
		}
	}
	return ""
}
