package hall

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CodeLen is the length of a join code.
const CodeLen = 6

// codeAlphabet is the join codes' letters and digits, without the look-alikes a class
// misreads from a projector: 0 and O, 1 and I and L, 5 and S, 2 and Z, 8 and B, U and V.
const codeAlphabet = "ACDEFGHJKMNPQRTWXY34679"

// NewCode returns a random join code (23^6, about 148 million codes).
func NewCode() string {
	b := make([]byte, CodeLen)
	n := big.NewInt(int64(len(codeAlphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic(err) // crypto/rand does not fail on Linux
		}
		b[i] = codeAlphabet[k.Int64()]
	}
	return string(b)
}

// NormalizeCode reads a join code as people type it: any case, with spaces or dashes.
// ok is false for anything else (ParseCode says why).
func NormalizeCode(s string) (string, bool) {
	code, err := ParseCode(s)
	return code, err == nil
}

// ParseCode reads a join code as NormalizeCode does; the error says what is wrong with
// s for the person who typed it: a character no code has (a look-alike, which is in no
// code either), or how many characters it has.
func ParseCode(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-':
			continue
		case strings.ContainsRune(codeAlphabet, r):
			b.WriteRune(r)
		default:
			return "", fmt.Errorf("%q is not a join code: no code has %q (codes are %d characters from %s, without the look-alikes 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V)",
				s, r, CodeLen, codeAlphabet)
		}
	}
	if n := utf8.RuneCountInString(b.String()); n != CodeLen {
		return "", fmt.Errorf("%q is not a join code: it has %d of a code's %d characters", s, n, CodeLen)
	}
	return b.String(), nil
}

// MaxTeamRunes bounds a team's name: it must fit a row of the projector's league.
const MaxTeamRunes = 32

// ErrNoTeamName is a team's name that is empty, or only spaces.
var ErrNoTeamName = errors.New("give your team a name")

// NormalizeTeam reads a team's name: spaces trimmed and runs of spaces made one, 1 to
// MaxTeamRunes printable characters; ErrNoTeamName for none. Names that differ only in
// case name one team (store.SameTeam).
func NormalizeTeam(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("a team's name must be text (UTF-8)")
	}
	name := strings.Join(strings.Fields(s), " ")
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return "", ErrNoTeamName
	case n > MaxTeamRunes:
		return "", fmt.Errorf("a team's name has at most %d characters; %q has %d", MaxTeamRunes, name, n)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return "", fmt.Errorf("a team's name cannot hold %U", r)
		}
	}
	return name, nil
}

func base64URL(b []byte) string { return base64.URLEncoding.EncodeToString(b) }

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
