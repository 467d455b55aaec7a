// Package fileerr is the error of a bad input file that the CLI reports in one line:
// the file, the line and the field, then what is wrong ("a.toml:3: ops.skill: ...").
// Scenario files and replays share it.
package fileerr

import (
	"fmt"
	"strings"
)

// Error is a problem in an input file, at a line and a field.
type Error struct {
	File  string // the file's path; may be empty
	Line  int    // from 1; 0 when it concerns the whole file or is unknown
	Field string // the key's path, e.g. "ops.skill" or "config.catch_window_ticks"; may be empty
	Msg   string
}

// Error formats the problem as "file:line: field: message", leaving out what is empty.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}
