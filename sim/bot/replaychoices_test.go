package bot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

// recordRound plays cfg with the learner as ops and, as dev, the preset's dev bot given
// as a person's inputs (Step's others) when devIsPerson; it returns the inputs as a
// recording holds them, and the choices the live round's bots said.
func recordRound(t *testing.T, cfg sim.Config, seed uint64, devIsPerson bool) ([]sim.Input, []strategy.Decision) {
	t.Helper()
	dev, ops := ForConfigWith(cfg, seed, Options{NoSolve: true})
	person := dev
	if devIsPerson {
		dev = nil
	}
	r := NewRound(cfg, seed, dev, ops)
	var inputs, mine []sim.Input
	var v sim.View
	for !r.World.Done() {
		mine = mine[:0]
		if devIsPerson {
			r.World.Observe(sim.Dev, &v)
			mine = person.Act(&v, mine)
		}
		inputs = append(inputs, r.Step(mine)...)
	}
	return inputs, r.Choices()
}

// The post-mortem of a stored round names what its learner chose: seated again over the
// recording, the bots press as recorded and say the live round's choices, whether the
// other role was a bot's or a person's; a recording the bots would not have made gets
// none (their reasons would be another round's).
func TestReplayChoices(t *testing.T) {
	cfg := preset(t, "silo")
	cfg.Months = 3
	require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Learner))
	for _, person := range []bool{false, true} {
		inputs, want := recordRound(t, cfg, 5, person)
		require.NotEmpty(t, want, "the learner says what it chose")
		bots := [2]bool{!person, true}
		got := ReplayChoices(cfg, 5, bots, inputs, cfg.Ticks())
		assert.Equal(t, want, got, "dev a person: %v", person)

		// Stopped early: the choices so far.
		part := ReplayChoices(cfg, 5, bots, inputs, cfg.MonthTicks+10)
		assert.NotEmpty(t, part)
		assert.Less(t, len(part), len(got), "fewer months, fewer choices")

		// One of ops' presses moved a tick: not the learner's round.
		tampered := append([]sim.Input(nil), inputs...)
		for i := range tampered {
			if tampered[i].Role == sim.Ops && i+1 < len(tampered) && tampered[i+1].Tick > tampered[i].Tick+1 {
				tampered[i].Tick++
				break
			}
		}
		assert.Nil(t, ReplayChoices(cfg, 5, bots, tampered, cfg.Ticks()), "dev a person: %v", person)
	}
	// No bot that plays for its pay: nothing to say.
	plain := preset(t, "silo")
	plain.Months = 1
	inputs, _ := recordRound(t, plain, 5, false)
	assert.Nil(t, ReplayChoices(plain, 5, [2]bool{true, true}, inputs, plain.Ticks()))
}

func TestHeaderBots(t *testing.T) {
	h := replay.Header{Players: map[string]string{"dev": "human", "ops": "bot:learner"}}
	assert.Equal(t, [2]bool{false, true}, h.Bots())
	h.Players = map[string]string{"dev": "bot", "ops": "human"}
	assert.Equal(t, [2]bool{true, false}, h.Bots())
	assert.Equal(t, [2]bool{}, (&replay.Header{}).Bots(), "not recorded: none")
}
