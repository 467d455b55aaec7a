package equilibrium

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tiny is a 2 x 2 table over 6 seeds whose means are a decimal, a fraction, a negative
// and whole numbers.
func tiny() *Table {
	tb := NewTable([]string{"greedy", "test=1s,hold=calm"},
		[]string{"response=rollback", "gate=freeze,freeze=7s,response=recover"}, 6)
	set := func(p Profile, dev, ops []int64) {
		for k := range dev {
			tb.Set(p, k, dev[k], ops[k])
		}
	}
	set(Profile{0, 0}, []int64{1, 2, 1, 2, 1, 2}, []int64{2, 2, 2, 2, 2, 2})                         // 1.5, 2
	set(Profile{1, 0}, []int64{1, 2, 2, 2, 2, 1}, []int64{0, 0, 0, -1, -1, -1})                      // 5/3, -0.5
	set(Profile{0, 1}, []int64{100, 100, 100, 100, 100, 100}, []int64{100, 100, 100, 100, 100, 101}) // 100, 601/6
	set(Profile{1, 1}, []int64{0, 0, 0, 0, 0, 0}, []int64{1, 1, 1, 1, 1, 2})                         // 0, 7/6
	return tb
}

// The .nfg files are compared with files written by hand from Gambit's format
// documentation (so there is no -update flag: a change must be made by hand too).
func TestNFG(t *testing.T) {
	for _, c := range []struct {
		file string
		opt  NFG
	}{
		{"testdata/tiny-payoff.nfg", NFG{Title: `Dev vs Ops: "tiny"`}},
		{"testdata/tiny-outcome.nfg", NFG{Title: `Dev vs Ops: "tiny"`, Outcomes: true, Comment: "Mean pay in dollars over 6 seeds."}},
	} {
		want, err := os.ReadFile(c.file)
		require.NoError(t, err)
		var got bytes.Buffer
		require.NoError(t, tiny().WriteNFG(&got, c.opt))
		assert.Equal(t, string(want), got.String(), c.file)
	}
}

// The payoff version reads as OpenSpiel's loader reads it: tokens split at spaces and
// newlines only, the title and the player names quoted, the strategy counts, then
// exactly two numbers per profile.
func TestNFGPayoffTokens(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, tiny().WriteNFG(&b, NFG{Title: "t"}))
	assert.NotContains(t, b.String(), "\t")
	head, body, ok := strings.Cut(b.String(), "}\n\n")
	require.True(t, ok)
	assert.True(t, strings.HasSuffix(head, "{ 2 2 "))
	assert.Len(t, strings.Fields(body), 2*2*2)
}

func TestNFGNumber(t *testing.T) {
	for in, want := range map[string]string{
		"3/2": "1.5", "1/8": "0.125", "-7/40": "-0.175", "5/3": "5/3", "-1/6": "-1/6", "12": "12", "0": "0",
		"1608041/1000": "1608.041",
	} {
		assert.Equal(t, want, nfgNumber(rats(in)[0]), in)
	}
}
