package scenario

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// parseErr parses text and returns its *Error, nil if it parsed.
func parseErr(t *testing.T, text string) *Error {
	t.Helper()
	_, err := Parse("b.toml", []byte(text))
	if err == nil {
		return nil
	}
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	return e
}

// TestValueBoundaries pins the edges of the values a file may hold: each limit itself is
// accepted, one step past it is refused with its own message.
func TestValueBoundaries(t *testing.T) {
	for _, tc := range []struct {
		text string
		msg  string // "" for accepted
	}{
		{"months = 2147483647\n", "must be in [1, 120]"}, // an int32: the model says why
		{"months = 2147483648\n", "2147483648 is too large"},
		{"months = -2147483648\n", "must be in [1, 120]"},
		{"months = -2147483649\n", "-2147483649 is too large"},
		{"[model]\nbuild_s = 1000000\n", ""},
		{"[model]\nbuild_s = 1000000.0166666\n", "more than the 1e+06 s allowed"},
		{"[model]\nbuild_s = 0\n", "must be positive"},
		{"[model]\nupgrade_downtime_s = 0\n", ""},
		{"name = \"" + strings.Repeat("n", 80) + "\"\n", ""},
		{"name = \"" + strings.Repeat("n", 81) + "\"\n", "longer than 80 characters"},
		{"[ops.pay]\nuptime_bonus = { \"0.99\" = 0 }\n", ""},
		{"[ops.pay]\nuptime_bonus = { \"0.99\" = 2147483647 }\n", ""},
		{"[ops.pay]\nuptime_bonus = { \"0.99\" = 2147483648 }\n", "must be from 0 to 2147483647 dollars"},
		{"[ops.pay]\nuptime_bonus = { \"0.99\" = -1 }\n", "must be from 0 to 2147483647 dollars"},
		{"[ops.pay]\nuptime_bonus = { \"1\" = 1, \"0\" = 2 }\n", ""},
		{"[ops]\nskill = 1\n", ""},
		{"[ops]\nskill = 1.001\n", "must be a fraction from 0 to 1"},
		{"[ops]\nskill = -0.001\n", "must be a fraction from 0 to 1"},
	} {
		e := parseErr(t, tc.text)
		if tc.msg == "" {
			assert.Nil(t, e, "%q", tc.text)
			continue
		}
		if assert.NotNil(t, e, "%q", tc.text) {
			assert.Contains(t, e.Msg, tc.msg, "%q", tc.text)
		}
	}
}

// TestTheLargestFile: a file of exactly maxFileBytes is read; one byte more is refused.
func TestTheLargestFile(t *testing.T) {
	pad := func(n int) string {
		body := "months = 2\n# "
		return body + strings.Repeat("x", n-len(body)-1) + "\n"
	}
	s, err := Parse("big.toml", []byte(pad(maxFileBytes)))
	require.NoError(t, err)
	assert.Equal(t, 2, s.Config.Months)
	e := parseErr(t, pad(maxFileBytes+1))
	require.NotNil(t, e)
	assert.Contains(t, e.Msg, "not a scenario file")
}

// TestTiersAreSortedFromTheHighest: whatever the file's order, the tiers reach the model
// highest threshold first.
func TestTiersAreSortedFromTheHighest(t *testing.T) {
	s, err := Parse("t.toml", []byte("[ops.pay]\nuptime_bonus = { \"0.5\" = 1, \"0.99\" = 3, \"0.9\" = 2 }\n"))
	require.NoError(t, err)
	assert.Equal(t, []sim.Tier{{MinUptimePermille: 990, Bonus: 3}, {MinUptimePermille: 900, Bonus: 2}, {MinUptimePermille: 500, Bonus: 1}}, s.Config.OpsPay.Tiers)
}

// TestSuggestions: an unknown key close to a known one (at most 2 edits) gets it
// suggested; otherwise the keys of its table are listed.
func TestSuggestions(t *testing.T) {
	for _, tc := range []struct{ text, msg string }{
		{"[ops]\nskil = 1\n", "unknown key (did you mean ops.skill?)"},
		{"[ops]\nsximl = 1\n", "unknown key (did you mean ops.skill?)"},                                                           // two edits
		{"[ops]\nsxxxl = 1\n", "unknown key; in [ops]: bot, skill, gatekeeping, freeze_s, response, reaction_s, pay, strategies"}, // three
		{"[dev]\nwibble = 1\n", "unknown key; in [dev]: bot, interval_s, test_s, calm_balls, budget_reserve, pay, strategies"},
		{"colour = 1\n", "unknown key; at the top: months, dev, ops, practices, model, base, name"},
	} {
		e := parseErr(t, tc.text)
		if assert.NotNil(t, e, tc.text) {
			assert.Equal(t, tc.msg, e.Msg, tc.text)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "ab", 2}, {"abc", "abc", 0}, {"skil", "skill", 1},
		{"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"ab", "ba", 2},
	} {
		assert.Equal(t, tc.d, distance(tc.a, tc.b), "%q %q", tc.a, tc.b)
		assert.Equal(t, tc.d, distance(tc.b, tc.a), "%q %q", tc.b, tc.a)
	}
}

func TestSplitPath(t *testing.T) {
	for _, tc := range []struct{ path, dir, leaf string }{
		{"months", "", "months"}, {"ops.skill", "ops", "skill"}, {"dev.pay.per_feature", "dev.pay", "per_feature"}, {".x", "", "x"},
	} {
		dir, leaf := splitPath(tc.path)
		assert.Equal(t, tc.dir, dir, tc.path)
		assert.Equal(t, tc.leaf, leaf, tc.path)
	}
}

// TestErrorLinesOfKeysThatCannotBeFound: a key whose own line cannot be found (it holds a
// quote or a comma) is reported at its table's line; with no table, at line 0.
func TestErrorLinesOfKeysThatCannotBeFound(t *testing.T) {
	e := parseErr(t, "months = 1\n[ops]\n\"sk,ill\" = 1\n")
	require.NotNil(t, e)
	assert.Equal(t, 2, e.Line, "the table's line")
	e = parseErr(t, "\"a,b\" = 1\n")
	require.NotNil(t, e)
	assert.Equal(t, 0, e.Line)
}

// TestCommentsWrapAt90Columns: a printed comment fills lines up to 90 columns, and a word
// longer than a line stays whole.
func TestCommentsWrapAt90Columns(t *testing.T) {
	var b strings.Builder
	w := strings.Repeat("w", 43)
	comment(&b, w+" "+w) // "# " + 43 + " " + 43 = 89 columns
	assert.Equal(t, "# "+w+" "+w+"\n", b.String())
	b.Reset()
	comment(&b, w+"x "+w) // 90 columns: still one line
	assert.Equal(t, "# "+w+"x "+w+"\n", b.String())
	b.Reset()
	comment(&b, w+"xy "+w) // 91
	assert.Equal(t, "# "+w+"xy\n# "+w+"\n", b.String())
	b.Reset()
	long := strings.Repeat("z", 100)
	comment(&b, long+" a")
	assert.Equal(t, "# "+long+"\n# a\n", b.String())
}

// TestEachTableHasItsOwnComment: in a printed file, the comment right above a table's
// header is that table's doc, after a blank line.
func TestEachTableHasItsOwnComment(t *testing.T) {
	text, err := FormatPreset("sre")
	require.NoError(t, err)
	lines := strings.Split(string(text), "\n")
	for _, tb := range tables {
		var want strings.Builder
		comment(&want, tb.doc)
		doc := strings.Split(strings.TrimSuffix(want.String(), "\n"), "\n")
		i := indexOf(lines, "["+tb.path+"]")
		require.Positive(t, i, tb.path)
		assert.Equal(t, doc, lines[i-len(doc):i], tb.path)
		assert.Equal(t, "", lines[i-len(doc)-1], tb.path)
	}
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}

func TestFormatSeconds(t *testing.T) {
	for _, tc := range []struct {
		ticks sim.Tick
		s     string
	}{
		{0, "0"}, {1, "0.0167"}, {3, "0.05"}, {7, "0.1167"}, {30, "0.5"}, {60, "1"}, {90, "1.5"}, {6000, "100"},
	} {
		assert.Equal(t, tc.s, formatSeconds(tc.ticks), "%d ticks", tc.ticks)
		assert.Equal(t, tc.ticks%3 == 0, exactSeconds(tc.ticks), "%d ticks", tc.ticks)
	}
}
