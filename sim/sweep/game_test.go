package sweep

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/strategy"
)

// gamePlan is a small game's plan: silo and devops, one-month rounds, narrowed spaces
// (2 dev x 3 ops strategies in silo; devops has no gate, so 2 x 2), two values of ops
// pay.
func gamePlan(t *testing.T, seeds string, shard Shard) *Plan {
	t.Helper()
	var sources []Source
	for _, name := range []string{"silo", "devops"} {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cfg.Months = 1
		src := Source{Name: name, Config: cfg}
		for r := range src.Strategies {
			src.Strategies[r] = strategy.DefaultGrid(sim.Role(r))
			src.Strategies[r].Include = nil
		}
		require.NoError(t, src.Strategies[sim.Dev].Set("test", []string{"0", "2"}))
		require.NoError(t, src.Strategies[sim.Dev].Set("interval", []string{"0"}))
		require.NoError(t, src.Strategies[sim.Dev].Set("hold", []string{"off"}))
		require.NoError(t, src.Strategies[sim.Ops].Set("gate", []string{"approve-all", "reject-all"}))
		require.NoError(t, src.Strategies[sim.Ops].Set("react", []string{"0.5"}))
		require.NoError(t, src.Strategies[sim.Ops].Set("response", []string{"recover"}))
		sources = append(sources, src)
	}
	p, err := ParseVary("ops.pay.per_feature=0,50")
	require.NoError(t, err)
	s, err := ParseSeeds(seeds)
	require.NoError(t, err)
	plan, err := NewGamePlan(sources, []Param{p}, s, shard)
	require.NoError(t, err)
	return plan
}

func TestGamePlanCells(t *testing.T) {
	p := gamePlan(t, "1-3", Whole)
	require.Len(t, p.Games, 4)
	// silo: the grid's 2 x 2, and the preset's own ops bot (the gatekeeper) added.
	assert.Equal(t, []string{"greedy", "test=2s"}, p.Games[0].Spaces[sim.Dev].Names())
	assert.Equal(t, []string{"response=recover", "gate=reject-all,response=recover", "gate=freeze,freeze=7s,response=recover"},
		p.Games[0].Spaces[sim.Ops].Names())
	// devops: no gate, so the gates merge; its own ops bot (partner) is added.
	assert.Equal(t, []string{"response=recover", "response=rollback"}, p.Games[2].Spaces[sim.Ops].Names())
	assert.Equal(t, []string{"greedy", "test=2s", "test=2s,hold=calm"}, p.Games[2].Spaces[sim.Dev].Names(), "with the preset's own tester")
	assert.Equal(t, 2*(2*3+3*2), len(p.Cells))
	assert.Equal(t, uint64(len(p.Cells)*3), p.Total())

	c := p.Cells[p.Games[1].First+1*3+2] // silo ops.pay.per_feature=50, test=2s x gatekeeper
	assert.Equal(t, [2]string{"test=2s", "gate=freeze,freeze=7s,response=recover"}, c.Strategies)
	assert.Equal(t, [2]int{1, 2}, c.Pair)
	assert.Equal(t, sim.Tick(120), c.Config.DevBot.TestTicks)
	assert.Equal(t, "test=2s", c.Config.DevBot.Name)
	assert.Equal(t, sim.Freeze, c.Config.OpsBot.Gatekeeping)
	assert.Equal(t, int32(50), c.Config.OpsPay.PerFeature)
	assert.Equal(t, "silo ops.pay.per_feature=50 dev=test=2s ops=gate=freeze,freeze=7s,response=recover", p.CellName(p.Games[1].First+5))
	assert.Equal(t, "silo ops.pay.per_feature=50", p.GameName(1))
}

// A game's rows carry the two strategies; the rows of any number of workers, and of
// shards merged, are the same bytes; each row reads back as the round it was written
// from.
func TestGameRows(t *testing.T) {
	p := gamePlan(t, "1-3", Whole)
	one, _ := sweep(t, p, CSV, 1)
	eight, _ := sweep(t, p, CSV, 8)
	require.Equal(t, one, eight)
	lines := strings.Split(one, "\n")
	assert.True(t, strings.HasPrefix(lines[0], "run,preset,seed,ops.pay.per_feature,dev_strategy,ops_strategy,months,"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "1,silo,1,0,greedy,response=recover,1,"), lines[1])
	assert.True(t, strings.HasPrefix(lines[6], `6,silo,3,0,greedy,"gate=reject-all,response=recover",1,`), lines[6])

	var parts [][]byte
	for k := 1; k <= 3; k++ {
		s, _ := sweep(t, gamePlan(t, "1-3", Shard{k, 3}), CSV, 2)
		parts = append(parts, []byte(s))
	}
	var merged bytes.Buffer
	_, _, err := Merge(&merged, []Part{{"a", bytes.NewReader(parts[0])}, {"b", bytes.NewReader(parts[1])}, {"c", bytes.NewReader(parts[2])}})
	require.NoError(t, err)
	assert.Equal(t, one, merged.String(), "shards merged are the whole game's bytes")

	// Resuming a file cut in the middle hands back every row as the round it was.
	path := filepath.Join(t.TempDir(), "game.csv")
	require.NoError(t, os.WriteFile(path, []byte(one[:len(one)/2]), 0o644))
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	var got []Job
	from, err := p.ResumeRows(f, CSV, nil, func(j Job, r *sim.Result) error {
		want := bot.Play(p.Cells[j.Cell].Config, j.Seed)
		assert.Equal(t, want, *r, "run %d", j.Run)
		got = append(got, j)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, got, int(from))
	var rest []Job
	_, err = p.Run(context.Background(), f, Options{From: from, Rows: func(j Job, r *sim.Result) { rest = append(rest, j) }})
	require.NoError(t, err)
	assert.Equal(t, uint64(len(got)+len(rest)), p.Count())
	assert.Equal(t, got[len(got)-1].Run+1, rest[0].Run, "Rows goes on from where the file stopped")
	back, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, one, string(back))
}
