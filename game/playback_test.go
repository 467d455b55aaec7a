package game

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim/replay"
)

// TestGoldenReplaysPlayBack: the model's golden rounds are demos too. Each plays back on
// screen (juggle -replay FILE), through its months' statements, to its recorded end with
// no divergence, and ends on the debrief.
func TestGoldenReplaysPlayBack(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "sim", "testdata", "golden", "*.replay.jsonl"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r, err := replay.ReadFile(path)
			require.NoError(t, err)
			g, _ := newTestGame(t, Options{Replay: path})
			rs, ok := g.Scene().(*roundScene)
			require.True(t, ok, "the replay opens on the round")
			// Bounded: the round's ticks, and each month's statement as long as it stays
			// when nobody plays.
			bound := int(r.End.Tick) + r.Header.Config.Months*(attractMonthTicks+1) + 2
			for i := 0; i < bound; i++ {
				if _, done := g.Scene().(*debriefScene); done {
					break
				}
				update(t, g, 1)
			}
			assert.Nil(t, rs.round.Divergence)
			assert.Equal(t, r.End.Tick, rs.round.World.Tick())
			assert.Equal(t, r.End.Hash, rs.round.World.Hash())
			assert.Equal(t, r.End.Result, rs.round.World.Result())
			assert.IsType(t, &debriefScene{}, g.Scene())
		})
	}
}
