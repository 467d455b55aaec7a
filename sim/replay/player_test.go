package replay

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// TestPlayerHandsOutEachTicksInputs: stepping a world with the player's inputs, tick by
// tick, applies every recorded input once, at its tick, and reaches the recorded end.
func TestPlayerHandsOutEachTicksInputs(t *testing.T) {
	r := record(t, "silo", 7, 1)
	p := NewPlayer(r)
	w := sim.New(r.Header.Config, r.Header.Seed)
	var all []sim.Input
	for ticks := 0; !p.Done(w); ticks++ {
		require.Less(t, ticks, 1800, "the player ends at the replay's end")
		in := p.Inputs(w.Tick())
		for _, x := range in {
			assert.Equal(t, w.Tick(), x.Tick)
		}
		all = append(all, in...)
		w.Step(in)
		require.Nil(t, p.Check(w), "tick %d", w.Tick())
	}
	assert.Equal(t, r.Inputs, all)
	assert.Equal(t, r.End.Tick, w.Tick())
	assert.Equal(t, r.End.Hash, w.Hash())
	assert.Nil(t, p.Divergence())
}

// TestPlayerInputsAreReadOnly: appending to a tick's inputs (as the game adds its own)
// never writes into the replay.
func TestPlayerInputsAreReadOnly(t *testing.T) {
	r := record(t, "devops", 3, 1)
	before := append([]sim.Input(nil), r.Inputs...)
	p := NewPlayer(r)
	first := r.Inputs[0].Tick
	in := p.Inputs(first)
	require.NotEmpty(t, in)
	_ = append(in, sim.Input{Tick: first, Role: sim.Ops, Action: sim.ActAcknowledge})
	assert.Equal(t, before, r.Inputs)
	assert.Empty(t, p.Inputs(first), "a tick's inputs are handed out once")
}

// playerOn plays r through a player to its end (or its first divergence).
func playerOn(r *Replay) (*sim.World, *Divergence) {
	w := sim.New(r.Header.Config, r.Header.Seed)
	p := NewPlayer(r)
	for !p.Done(w) {
		w.Step(p.Inputs(w.Tick()))
		if d := p.Check(w); d != nil {
			return w, d
		}
	}
	return w, p.Check(w)
}

func TestPlayerNamesTheFirstDivergence(t *testing.T) {
	r := record(t, "sre", 2, 2)
	require.Len(t, r.Checkpoints, 5)

	t.Run("a checkpoint", func(t *testing.T) {
		edited := *r
		edited.Checkpoints = append([]Checkpoint(nil), r.Checkpoints...)
		edited.Checkpoints[2].Hash ^= 1
		w, d := playerOn(&edited)
		require.NotNil(t, d)
		assert.Equal(t, sim.Tick(1800), d.Tick)
		assert.Equal(t, sim.Tick(1200), d.LastGood)
		assert.Equal(t, edited.Checkpoints[2].Hash, d.Want)
		assert.Equal(t, r.Checkpoints[2].Hash, d.Got)
		assert.Equal(t, sim.Tick(1800), w.Tick(), "playing stops where it diverges")
		assert.Equal(t, "diverges at tick 1800: recorded hash "+hexHash(d.Want)+", replayed "+hexHash(d.Got)+" (last match at tick 1200)", d.Error())
	})
	t.Run("the end hash", func(t *testing.T) {
		edited := *r
		edited.End.Hash ^= 1
		_, d := playerOn(&edited)
		require.NotNil(t, d)
		assert.Equal(t, sim.Tick(3600), d.Tick)
		assert.Equal(t, sim.Tick(3000), d.LastGood, "the last checkpoint before the end")
		assert.Empty(t, d.Result)
	})
	t.Run("the end result", func(t *testing.T) {
		edited := *r
		edited.End.Result.Shipped += 10
		_, d := playerOn(&edited)
		require.NotNil(t, d)
		assert.Equal(t, sim.Tick(3600), d.Tick)
		assert.Equal(t, d.Want, d.Got, "the states match")
		assert.Contains(t, d.Result, "shipped: recorded ")
		assert.Contains(t, d.Error(), "the states match to the end, but the recorded result differs from the replayed one (shipped: recorded")
	})
	t.Run("the first of two", func(t *testing.T) {
		edited := *r
		edited.Checkpoints = append([]Checkpoint(nil), r.Checkpoints...)
		edited.Checkpoints[1].Hash ^= 1
		edited.Checkpoints[3].Hash ^= 1
		_, d := playerOn(&edited)
		require.NotNil(t, d)
		assert.Equal(t, sim.Tick(1200), d.Tick)
		assert.Equal(t, sim.Tick(600), d.LastGood)
	})
}

// TestPlayerKeepsTheFirstDivergence: the game plays on after a divergence; the player
// keeps reporting the first one and compares nothing more.
func TestPlayerKeepsTheFirstDivergence(t *testing.T) {
	r := record(t, "bluegreen", 4, 1)
	edited := *r
	edited.Checkpoints = append([]Checkpoint(nil), r.Checkpoints...)
	edited.Checkpoints[0].Hash ^= 1
	edited.End.Hash ^= 1
	p := NewPlayer(&edited)
	w := sim.New(r.Header.Config, r.Header.Seed)
	var first *Divergence
	for !p.Done(w) {
		w.Step(p.Inputs(w.Tick()))
		if d := p.Check(w); d != nil && first == nil {
			first = d
		}
	}
	require.NotNil(t, first)
	assert.Equal(t, sim.Tick(600), first.Tick)
	assert.Same(t, first, p.Check(w))
	assert.Same(t, first, p.Divergence())
	assert.Equal(t, sim.Tick(0), first.LastGood, "no checkpoint matched before it")
}

// TestPlayOfAReplayStoppedAtTickZero: a game quit before its first tick leaves a replay
// with nothing to step; it still plays, and its end is compared.
func TestPlayOfAReplayStoppedAtTickZero(t *testing.T) {
	cfg := sim.DefaultConfig()
	round := bot.NewBotRound(cfg, 9)
	r := NewRecorder(NewHeader(cfg, 9, "test", "devel")).Finish(round.World)
	w, err := r.Play()
	require.NoError(t, err)
	assert.Equal(t, sim.Tick(0), w.Tick())

	r.End.Hash ^= 1
	_, err = r.Play()
	var d *Divergence
	require.True(t, errors.As(err, &d), "%v", err)
	assert.Equal(t, sim.Tick(0), d.Tick)
}
