package sim_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from bot rounds")

// golden pins the model: a config, a seed and the inputs of a round, with the state
// hashes every checkpointTicks and the result they must give. The inputs were recorded
// from bots when the file was written (-update), but the test replays them through
// World.Step alone, so it checks the model, not the bots.
type golden struct {
	Config      sim.Config        `json:"config"`
	Seed        uint64            `json:"seed"`
	Inputs      [][4]int64        `json:"inputs"` // tick, role, action, arg
	Checkpoints map[string]string `json:"checkpoints"`
	Result      sim.Result        `json:"result"`
}

const checkpointTicks = 600

var goldenCases = []struct {
	file   string
	preset string
	seed   uint64
	edit   func(*sim.Config)
}{
	{"silo-7.json", "silo", 7, nil},
	{"devops-3.json", "devops", 3, nil},
	{"sre-11.json", "sre", 11, nil},
	{"bluegreen-2.json", "bluegreen", 2, nil},
	{"both-monitoring-2.json", "devops", 2, func(c *sim.Config) {
		c.Name = "devops+both"
		c.Monitoring = sim.MonitorBoth
		c.OpsBot.Response = sim.RecoverFirst
		c.DefectChancePermille = 400
	}},
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", gc.file)
			if *update {
				writeGolden(t, path, gc.preset, gc.seed, gc.edit)
			}
			data, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./sim -run TestGolden -update to create it")
			var g golden
			require.NoError(t, json.Unmarshal(data, &g))

			w := sim.New(g.Config, g.Seed)
			k := 0
			var in []sim.Input
			for !w.Done() {
				in = in[:0]
				for ; k < len(g.Inputs) && sim.Tick(g.Inputs[k][0]) == w.Tick(); k++ {
					r := g.Inputs[k]
					in = append(in, sim.Input{Tick: sim.Tick(r[0]), Role: sim.Role(r[1]), Action: sim.Action(r[2]), Arg: int32(r[3])})
				}
				w.Step(in)
				if want, ok := g.Checkpoints[fmt.Sprint(w.Tick())]; ok {
					require.Equal(t, want, fmt.Sprintf("%016x", w.Hash()), "state hash after tick %d (reproduce with -seed=%d)", w.Tick(), g.Seed)
				}
			}
			assert.Equal(t, len(g.Inputs), k, "inputs left over")
			assert.Equal(t, g.Result, w.Result())
		})
	}
}

func writeGolden(t *testing.T, path, preset string, seed uint64, edit func(*sim.Config)) {
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	cfg.Months = 2
	if edit != nil {
		edit(&cfg)
	}
	g := golden{Config: cfg, Seed: seed, Checkpoints: map[string]string{}}
	r := bot.NewBotRound(cfg, seed)
	for !r.World.Done() {
		for _, in := range r.Step(nil) {
			g.Inputs = append(g.Inputs, [4]int64{int64(in.Tick), int64(in.Role), int64(in.Action), int64(in.Arg)})
		}
		if tk := r.World.Tick(); tk%checkpointTicks == 0 || r.World.Done() {
			g.Checkpoints[fmt.Sprint(tk)] = fmt.Sprintf("%016x", r.World.Hash())
		}
	}
	g.Result = r.World.Result()
	data, err := json.MarshalIndent(g, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, append(data, '\n'), 0o644))
}
