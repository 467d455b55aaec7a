package sweep

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// TestRoundRowsAreSweepRows: a round's row outside a sweep is, byte for byte, the row a
// sweep of its preset and seed writes, with the extra columns after it.
func TestRoundRowsAreSweepRows(t *testing.T) {
	cfg, err := sim.Preset("devops")
	require.NoError(t, err)
	cfg.Months = 1
	seeds, err := ParseSeeds("4-5")
	require.NoError(t, err)
	plan, err := NewPlan([]Source{{Name: "devops", Config: cfg}}, nil, seeds, Whole)
	require.NoError(t, err)
	for _, f := range []Format{CSV, JSONL} {
		want, _ := sweep(t, plan, f, 1)
		rr := NewRoundRows(f, "team")
		got := rr.Header()
		for i, seed := range []uint64{4, 5} {
			round := bot.NewBotRound(cfg, seed)
			for !round.World.Done() {
				round.Step(nil)
			}
			res := round.World.Result()
			got = rr.AppendRow(got, uint64(i+1), &res, `Blue, "the" team`)
		}
		wantLines := strings.SplitAfter(want, "\n")
		gotLines := strings.SplitAfter(string(got), "\n")
		require.Len(t, gotLines, len(wantLines), f)
		for i := range wantLines {
			if wantLines[i] == "" {
				continue
			}
			w := strings.TrimSuffix(wantLines[i], "\n")
			switch {
			case f == CSV && i == 0:
				assert.Equal(t, w+",team\n", gotLines[i], "the header")
			case f == CSV:
				assert.Equal(t, w+`,"Blue, ""the"" team"`+"\n", gotLines[i])
			default:
				assert.Equal(t, strings.TrimSuffix(w, "}")+`,"team":"Blue, \"the\" team"}`+"\n", gotLines[i])
			}
		}
		// The sweep tools read it: the preset is its only cell column.
		if f == CSV {
			tab, err := OpenTable(strings.NewReader(string(got)), "hall.csv", CSV)
			require.NoError(t, err)
			l, err := LayoutOf(tab.Header)
			require.NoError(t, err)
			assert.Equal(t, []int{1}, l.Cell)
		}
	}
}
