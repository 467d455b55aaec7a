package swarm

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// checkJump plays the case jumping over quiet ticks (bot.Round.Advance, issue 9): the bots
// look when they would anyway, and the world jumps from one tick at which something
// happens to the next. A person looks at every tick, so the persons' inputs are the
// reference play's, given at their ticks: what a person would press as long as the world
// is the same (and if it is not, a hash differs). Inputs for a role a bot plays are the
// bot's: Round drops any other.
func checkJump(c *Case, ref *Trace) error {
	cfg := c.Config
	var bots [2]bot.Bot
	for role, p := range c.Players {
		if p.Kind != Bot {
			continue
		}
		bots[role] = bot.New(sim.Role(role), cfg, c.Seed) // the novices too
	}
	var script []sim.Input
	for _, in := range ref.Inputs {
		if bots[in.Role] == nil {
			script = append(script, in)
		}
	}
	round := bot.NewRound(cfg, c.Seed, bots[sim.Dev], bots[sim.Ops])
	w := round.World
	tr := &Trace{Inputs: make([]sim.Input, 0, len(ref.Inputs))}
	var now []sim.Input
	for k := 0; !w.Done(); { // each pass plays a tick, or jumps one at least
		var applied []sim.Input
		if k < len(script) && script[k].Tick == w.Tick() {
			now = now[:0]
			for ; k < len(script) && script[k].Tick == w.Tick(); k++ {
				now = append(now, script[k])
			}
			applied = round.Step(now)
		} else {
			// On to the next input of a person, stopping at every checkpoint.
			limit := (w.Tick()/CheckpointTicks + 1) * CheckpointTicks
			if k < len(script) {
				limit = min(limit, script[k].Tick)
			}
			applied = round.Advance(limit)
		}
		tr.Inputs = append(tr.Inputs, applied...)
		if w.Tick()%CheckpointTicks == 0 {
			tr.Checkpoints = append(tr.Checkpoints, w.Hash())
		}
	}
	tr.Hash, tr.Result = w.Hash(), w.Result()
	return compare(ref, tr)
}

// checkReplayJump plays the reference play's recording back jumping from one input to
// the next (sim.World.AdvanceTo), as replay's own player does: that player must find
// every hash the file recorded, and the bare world the reference Trace.
func checkReplayJump(c *Case, ref *Trace) error {
	r, err := readBack(ref)
	if err != nil {
		return err
	}
	if _, err := r.Play(); err != nil {
		return fmt.Errorf("replay's player: %w", err)
	}
	w := sim.New(r.Header.Config, r.Header.Seed)
	tr := &Trace{Inputs: make([]sim.Input, 0, len(r.Inputs))}
	var in []sim.Input
	for k := 0; w.Tick() < r.End.Tick; { // each pass plays a tick, or jumps one at least
		if k < len(r.Inputs) && r.Inputs[k].Tick == w.Tick() {
			in = in[:0]
			for ; k < len(r.Inputs) && r.Inputs[k].Tick == w.Tick(); k++ {
				in = append(in, r.Inputs[k])
			}
			w.Step(in)
			tr.Inputs = append(tr.Inputs, in...)
		} else {
			next := min(r.End.Tick, (w.Tick()/CheckpointTicks+1)*CheckpointTicks)
			if k < len(r.Inputs) {
				next = min(next, r.Inputs[k].Tick)
			}
			w.AdvanceTo(max(next, w.Tick()+1))
		}
		if w.Tick()%CheckpointTicks == 0 {
			tr.Checkpoints = append(tr.Checkpoints, w.Hash())
		}
	}
	tr.Hash, tr.Result = w.Hash(), w.Result()
	return compare(ref, tr)
}
