package sim

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzWorld builds a world and its inputs from fuzz bytes: the first byte picks the
// practices, then each three bytes are (ticks to wait, action, argument).
func fuzzWorld(data []byte) (Config, []Input) {
	cfg := DefaultConfig()
	cfg.Months = 1
	if len(data) > 0 {
		p := data[0]
		data = data[1:]
		cfg.Gate = p&1 != 0
		if p&2 != 0 {
			cfg.Release = BlueGreen
		}
		cfg.Monitoring = []Monitoring{MonitorNone, MonitorBottomUp, MonitorTopDown, MonitorBoth}[(p>>2)&3]
		cfg.ErrorBudget = p&16 != 0
		cfg.MaxBalls = 2 + int(p>>5)%(MaxBallsLimit/2-1)
	}
	var ins []Input
	t := Tick(0)
	for len(data) >= 3 && t < cfg.Ticks() {
		t += Tick(data[0] % 64)
		a := Action(data[1]) % (numActions + 1) // numActions itself: an unknown action
		role := a.Role()
		if data[1]&0x80 != 0 {
			role = 1 - role // the wrong role now and then
		}
		ins = append(ins, Input{Tick: t, Role: role, Action: a, Arg: int32(int8(data[2]))})
		data = data[3:]
	}
	return cfg, ins
}

// runFuzz plays the inputs to the end of the round, checking the invariants after every
// tick, and returns the final hash.
func runFuzz(t *testing.T, cfg Config, ins []Input, seed uint64) uint64 {
	w := New(cfg, seed)
	k := 0
	var now []Input
	for !w.Done() {
		now = now[:0]
		for ; k < len(ins) && ins[k].Tick == w.Tick(); k++ {
			now = append(now, ins[k])
		}
		prev := w.Tick()
		w.Step(now)
		require.Equal(t, prev+1, w.Tick(), "the tick moves by one")
		if err := w.CheckInvariants(); err != nil {
			t.Fatalf("after tick %d: %v (inputs %v)", prev, err, now)
		}
	}
	return w.Hash()
}

func FuzzStep(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{3, 0, byte(ActCatchLeft), 0, 30, byte(ActCatchLeft), 0, 30, byte(ActCatchRight), 0})
	f.Add([]byte{0xff, 1, byte(ActRelease), 0, 0, byte(ActApprove), 0, 50, byte(ActRecover), 0, 1, byte(ActDiscard), 0})
	// The golden rounds' inputs, squeezed into the fuzz encoding. The golden files are
	// replays (JSON Lines); package sim cannot import sim/replay, so this reads only their
	// input lines, {"t":...,"action":...,"arg":...}.
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.replay.jsonl"))
	require.NotEmpty(f, files, "the golden replays seed the corpus")
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(f, err)
		seedBytes := []byte{5}
		last := int64(0)
		for _, line := range bytes.Split(data, []byte("\n")) {
			var in struct {
				T      *int64
				Action string
				Arg    int32
			}
			if json.Unmarshal(line, &in) != nil || in.T == nil {
				continue // the header, a checkpoint, the end
			}
			a, err := ParseAction(in.Action)
			require.NoError(f, err)
			d := *in.T - last
			for d > 63 {
				seedBytes = append(seedBytes, 63, byte(ActNone), 0)
				d -= 63
			}
			seedBytes = append(seedBytes, byte(d), byte(a), byte(in.Arg))
			last = *in.T
		}
		f.Add(seedBytes)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, ins := fuzzWorld(data)
		require.NoError(t, cfg.Validate())
		a := runFuzz(t, cfg, ins, 42)
		b := runFuzz(t, cfg, ins, 42)
		require.Equal(t, a, b, "same config, seed and inputs, same hash")
		var wellFormed []Input
		for _, in := range ins {
			if in.WellFormed() {
				wellFormed = append(wellFormed, in)
			}
		}
		require.Equal(t, a, runFuzz(t, cfg, wellFormed, 42), "malformed inputs change nothing")
	})
}
