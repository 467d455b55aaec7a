package scenario

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML decoder keeps the position of every key but does not export it (see
// BurntSushi/toml issue 462); it reports the position of the key being decoded when an
// Unmarshaler fails. line uses that: it decodes the file again into a struct that holds
// only the path to the key, ending in a trap that always fails.

// errTrap is what the trap returns.
var errTrap = errors.New("scenario: located")

// trap fails to decode whatever it is given.
type trap struct{}

// UnmarshalTOML implements toml.Unmarshaler.
func (*trap) UnmarshalTOML(any) error { return errTrap }

// line returns the line of key in the file, or of its nearest table; 0 if unknown.
func (p *parser) line(key toml.Key) int {
	for k := key; len(k) > 0; k = k[:len(k)-1] {
		if n := keyLine(p.data, p.root, k); n > 0 {
			return n
		}
	}
	return 0
}

// keyLine returns the line of one key, 0 if it cannot be found. root is the decoded
// document: the decoder matches a key to a field case-insensitively when no field has
// its exact name, so keys that differ from the path's only in case get fields of their
// own, which keep them away from the trap.
func keyLine(data string, root map[string]any, key toml.Key) int {
	primitive := reflect.TypeOf(toml.Primitive{})
	t := reflect.TypeOf(trap{})
	for i := len(key) - 1; i >= 0; i-- {
		if strings.ContainsAny(key[i], "\",\\") {
			return 0 // cannot be written as a struct tag name
		}
		fs := []reflect.StructField{{Name: "F", Type: t, Tag: reflect.StructTag(fmt.Sprintf("toml:%q", key[i]))}}
		level, _ := lookup(root, key[:i])
		m, _ := level.(map[string]any)
		for _, sibling := range sortedKeys(m) {
			if sibling != key[i] && strings.EqualFold(sibling, key[i]) {
				if strings.ContainsAny(sibling, "\",\\") {
					return 0
				}
				fs = append(fs, reflect.StructField{Name: fmt.Sprintf("S%d", len(fs)), Type: primitive,
					Tag: reflect.StructTag(fmt.Sprintf("toml:%q", sibling))})
			}
		}
		t = reflect.StructOf(fs)
	}
	_, err := toml.Decode(data, reflect.New(t).Interface())
	var pe toml.ParseError
	if errors.As(err, &pe) && pe.Message == errTrap.Error() {
		return pe.Position.Line
	}
	return 0
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
