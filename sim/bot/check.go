package bot

import (
	"fmt"
	"slices"

	"devopsjuggle/sim"
)

// Divergence is where a round played two ways stopped matching: the first checkpoint
// at which the state hashes (or the inputs played since the last checkpoint) differ.
type Divergence struct {
	Tick     sim.Tick // the checkpoint
	LastGood sim.Tick // the last checkpoint that matched, 0 if none
	// Want is the hash stepping tick by tick gives, Got the other way's.
	Want, Got uint64
	// Inputs is set when the inputs differ: the first one that does, as each way played it.
	Inputs string
}

// Error says where the two ways diverged.
func (d *Divergence) Error() string {
	msg := fmt.Sprintf("diverges at tick %d: tick by tick %016x, jumping %016x (last match at tick %d)", d.Tick, d.Want, d.Got, d.LastGood)
	if d.Inputs != "" {
		msg += "; inputs differ: " + d.Inputs
	}
	return msg
}

// Check plays the bot round of cfg and seed twice, stepping the world at every tick and
// jumping over quiet ticks (Round.Advance), and compares the two rounds' state hashes
// and inputs every everyTicks and at the end. It returns a *Divergence at the first
// checkpoint where they differ, nil if they never do. With noSkip the reference round
// also has every bot look at every tick (Round.NoSkip), which checks the bots' Wake too.
func Check(cfg sim.Config, seed uint64, everyTicks sim.Tick, noSkip bool) error {
	ref, jump := NewBotRound(cfg, seed), NewBotRound(cfg, seed)
	ref.TickByTick, ref.NoSkip = true, noSkip
	end := cfg.Ticks()
	var inRef, inJump []sim.Input
	lastGood := sim.Tick(0)
	for cp := min(everyTicks, end); ; cp = min(cp+everyTicks, end) {
		inRef, inJump = inRef[:0], inJump[:0]
		for ref.World.Tick() < cp { // one tick a call
			inRef = append(inRef, ref.Advance(cp)...)
		}
		for jump.World.Tick() < cp { // at least one tick a call
			inJump = append(inJump, jump.Advance(cp)...)
		}
		want, got := ref.World.Hash(), jump.World.Hash()
		if want != got || !slices.Equal(inRef, inJump) {
			d := &Divergence{Tick: cp, LastGood: lastGood, Want: want, Got: got}
			if k := firstDiff(inRef, inJump); k >= 0 {
				d.Inputs = fmt.Sprintf("#%d since tick %d: %s / %s", k, lastGood, inputAt(inRef, k), inputAt(inJump, k))
			}
			return d
		}
		lastGood = cp
		if cp >= end {
			return nil
		}
	}
}

// firstDiff returns the index of the first input that differs between a and b, -1 if
// none does.
func firstDiff(a, b []sim.Input) int {
	for k := range max(len(a), len(b)) {
		if k >= len(a) || k >= len(b) || a[k] != b[k] {
			return k
		}
	}
	return -1
}

func inputAt(in []sim.Input, k int) string {
	if k < len(in) {
		return in[k].String()
	}
	return "none"
}
