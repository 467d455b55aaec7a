package sim_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
)

var update = flag.Bool("update", false, "rewrite the golden replays in testdata/golden from bot rounds")

// The golden rounds pin the model. Each is an ordinary replay file (a config, a seed, the
// inputs, and the state hash every replay.CheckpointTicks and at the end, with the
// result): the test plays it back through the replay player, and anyone can watch it
// (juggle -replay FILE) or check it (jugglesim replay FILE). The inputs were recorded
// from bots when the file was written (-update), but playback applies them to a bare
// World, so the test checks the model, not the bots.
var goldenCases = []struct {
	file   string
	preset string
	seed   uint64
	edit   func(*sim.Config)
}{
	{"silo-7.replay.jsonl", "silo", 7, nil},
	{"devops-3.replay.jsonl", "devops", 3, nil},
	{"sre-11.replay.jsonl", "sre", 11, nil},
	{"bluegreen-2.replay.jsonl", "bluegreen", 2, nil},
	{"both-monitoring-2.replay.jsonl", "devops", 2, func(c *sim.Config) {
		c.Name = "devops+both"
		c.Monitoring = sim.MonitorBoth
		c.OpsBot.Response = sim.RecoverFirst
		c.DefectChancePermille = 400
	}},
}

// goldenMonths is the length of every golden round.
const goldenMonths = 2

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", gc.file)
			if *update {
				writeGolden(t, path, gc.preset, gc.seed, gc.edit)
			}
			r, err := replay.ReadFile(path)
			require.NoError(t, err, "if the rules changed on purpose (sim.RulesVersion raised), rewrite it: go test ./sim -run TestGolden -update")
			require.True(t, r.End.Complete, "a golden round is played to its end")
			require.Len(t, r.Checkpoints, goldenMonths*int(r.Header.Config.MonthTicks)/replay.CheckpointTicks-1,
				"a checkpoint every %d ticks, the end aside", replay.CheckpointTicks)

			w, err := r.Play()
			require.NoError(t, err, "reproduce with: go run ./cmd/jugglesim replay sim/%s (seed=%d); if the change is meant, raise sim.RulesVersion and run go test ./sim -run TestGolden -update",
				path, r.Header.Seed)
			assert.True(t, w.Done())
			assert.Equal(t, r.End.Result, w.Result())
		})
	}
}

// writeGolden records a bot round of the preset (edited) and writes it as a replay.
func writeGolden(t *testing.T, path, preset string, seed uint64, edit func(*sim.Config)) {
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	cfg.Months = goldenMonths
	if edit != nil {
		edit(&cfg)
	}
	h := replay.NewHeader(cfg, seed, "go test ./sim -run TestGolden -update", "golden")
	h.Players = map[string]string{"dev": "bot:" + cfg.DevBot.Name, "ops": "bot:" + cfg.OpsBot.Name}
	rec := replay.NewRecorder(h)
	round := bot.NewBotRound(cfg, seed)
	for !round.World.Done() {
		rec.Step(round.World, round.Step(nil))
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, rec.Finish(round.World).WriteFile(path))
}
