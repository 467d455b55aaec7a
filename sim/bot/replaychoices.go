package bot

import (
	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// ReplayChoices plays a recorded round again with its bots seated anew, to recover what
// the bots that play for their pay chose and why: a replay holds the inputs, not the
// bots' reasons, and the post-mortem of a stored round (the lecture hall's projector,
// jugglesim replay -postmortem) would otherwise leave out what a class's learner bot
// learnt. bots[r] says whether role r was a bot's (replay.Header.Bots); the bots are made
// as the game makes them (NoSolve). inputs are the recording's, in order; the round is
// played to end (the recording's last tick) or its own end.
//
// It returns nil when no bot that plays for its pay played, and when the bots seated
// anew do not press as recorded at some tick (another build's bots, a scenario's strategy
// spaces): their reasons would then be another round's.
func ReplayChoices(cfg sim.Config, seed uint64, bots [2]bool, inputs []sim.Input, end sim.Tick) []strategy.Decision {
	var seat [2]Bot
	choosers := false
	for r := range seat {
		if !bots[r] {
			continue
		}
		seat[r] = NewWith(sim.Role(r), cfg, seed, Options{NoSolve: true})
		if _, ok := seat[r].(Chooser); ok {
			choosers = true
		}
	}
	if !choosers {
		return nil
	}
	round := NewRound(cfg, seed, seat[sim.Dev], seat[sim.Ops])
	var others, recorded []sim.Input
	for i := 0; round.World.Tick() < end && !round.World.Done(); {
		t := round.World.Tick()
		others, recorded = others[:0], recorded[:0]
		for ; i < len(inputs) && inputs[i].Tick <= t; i++ {
			if inputs[i].Tick < t {
				return nil // out of order: no recording of a round
			}
			if bots[inputs[i].Role] {
				recorded = append(recorded, inputs[i])
			} else {
				others = append(others, inputs[i])
			}
		}
		k := 0
		for _, in := range round.Step(others) {
			if !bots[in.Role] {
				continue
			}
			if k >= len(recorded) || in != recorded[k] {
				return nil
			}
			k++
		}
		if k != len(recorded) {
			return nil
		}
	}
	return round.Choices()
}
