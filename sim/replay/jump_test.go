package replay

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestNextIsTheNextInputOrCheckpoint: Player.Next names the first tick from t on with a
// recorded input, a checkpoint or the end, skipping what was handed out or compared.
func TestNextIsTheNextInputOrCheckpoint(t *testing.T) {
	r := &Replay{
		Inputs:      []sim.Input{{Tick: 5}, {Tick: 5}, {Tick: 700}},
		Checkpoints: []Checkpoint{{Tick: 600}, {Tick: 1200}},
		End:         End{Tick: 1500},
	}
	p := NewPlayer(r)
	assert.Equal(t, sim.Tick(5), p.Next(0))
	assert.Equal(t, sim.Tick(5), p.Next(5))
	assert.Len(t, p.Inputs(5), 2)
	assert.Equal(t, sim.Tick(600), p.Next(6))
	assert.Equal(t, sim.Tick(700), p.Next(601), "a checkpoint passed")
	assert.Empty(t, p.Inputs(650))
	assert.Equal(t, sim.Tick(700), p.Next(650))
	assert.Len(t, p.Inputs(700), 1)
	assert.Equal(t, sim.Tick(1200), p.Next(701))
	assert.Equal(t, sim.Tick(1500), p.Next(1201), "then the end")
}

// TestPlayJumpsToTheSameAnswer: Play, which jumps from one recorded input or checkpoint
// to the next, and PlayTickByTick give the player's answer stepping tick by tick: the
// same world, or the same divergence at the same tick.
func TestPlayJumpsToTheSameAnswer(t *testing.T) {
	r := record(t, "sre", 2, 2)
	edit := func(f func(e *Replay)) *Replay {
		e := *r
		e.Checkpoints = append([]Checkpoint(nil), r.Checkpoints...)
		f(&e)
		return &e
	}
	for name, e := range map[string]*Replay{
		"as recorded":       r,
		"a checkpoint":      edit(func(e *Replay) { e.Checkpoints[2].Hash ^= 1 }),
		"the first of two":  edit(func(e *Replay) { e.Checkpoints[1].Hash ^= 1; e.Checkpoints[3].Hash ^= 1 }),
		"the end hash":      edit(func(e *Replay) { e.End.Hash ^= 1 }),
		"the end result":    edit(func(e *Replay) { e.End.Result.Shipped += 10 }),
		"stopped at tick 0": edit(func(e *Replay) { e.Inputs, e.Checkpoints, e.End.Tick = nil, nil, 0 }),
	} {
		t.Run(name, func(t *testing.T) {
			want, wantD := playerOn(e)
			for way, play := range map[string]func() (*sim.World, error){"jumping": e.Play, "tick by tick": e.PlayTickByTick} {
				w, err := play()
				require.Equal(t, want.Tick(), w.Tick(), way)
				require.Equal(t, want.Hash(), w.Hash(), way)
				if wantD == nil {
					require.NoError(t, err, way)
					continue
				}
				var d *Divergence
				require.ErrorAs(t, err, &d, way)
				require.Equal(t, *wantD, *d, way)
			}
		})
	}
}
