package bot

import "devopsjuggle/sim"

// DevBot plays development from a sim.DevBotSpec: it tests each feature for TestTicks,
// then releases it as soon as the gate, the interval, production's calm and the error
// budget allow.
type DevBot struct {
	Spec        sim.DevBotSpec
	front       sim.FeatureID // the feature being tested
	tested      sim.Tick      // testing done on it
	lastRelease sim.Tick
	lastAct     sim.Tick
	wake        sim.Tick
	holding     string // why it kept back a ready feature at its last look (Holding)
}

// NewDev returns a dev bot with the given parameters.
func NewDev(spec sim.DevBotSpec) *DevBot {
	b := new(DevBot)
	b.reset(spec)
	return b
}

// reset makes b the bot NewDev returns.
func (b *DevBot) reset(spec sim.DevBotSpec) {
	*b = DevBot{Spec: spec, lastRelease: -1 << 40, lastAct: -1}
}

// Role returns sim.Dev.
func (b *DevBot) Role() sim.Role { return sim.Dev }

// testTarget is how long to test the front feature. The budget-aware bot tests longer as
// the month's error budget burns: up to three times as long when it is spent.
func (b *DevBot) testTarget(v *sim.View) sim.Tick {
	t := b.Spec.TestTicks
	if b.Spec.BudgetReservePermille > 0 {
		used := sim.Tick(1000 - v.BudgetLeftPermille)
		t += t * 2 * used / 1000
	}
	return t
}

// calm reports whether production looks calm to dev: no known incident, nothing known
// on the floor, and no more than CalmBalls balls in the air. It reads the balls' states
// and whether they are known, not their flights, and nothing else in the bot reads the
// balls: Round lets it sleep through catches (Round.flightsOnly).
func (b *DevBot) calm(v *sim.View) bool {
	if v.Incident.ID != 0 || v.Locked || v.Tick < v.UpgradeUntil {
		return false
	}
	n := 0
	for i := 0; i < v.BallsN; i++ {
		bv := &v.Balls[i]
		if bv.State.Down() && bv.Known {
			return false
		}
		if bv.State.InJuggle() {
			n++
		}
	}
	return n <= b.Spec.CalmBalls
}

// Holding says, in a few words for the screen, why the bot kept back a feature that was
// ready to go when it last looked ("" when it did not): it paces its releases, waits for
// production to be calm, or keeps its error budget's reserve. Act records it where it
// decides, so the words cannot drift from the rule; a sleeping bot's reason holds until
// it looks again (Sleeper). A class watching a dev bot that stops releasing would
// otherwise read the silence as the preset's lesson.
func (b *DevBot) Holding() string { return b.holding }

// Act tests and releases. It also sets Wake: the bot would do nothing before it unless
// something happens in the world.
func (b *DevBot) Act(v *sim.View, out []sim.Input) []sim.Input {
	if v.Testing && b.lastAct >= 0 {
		b.tested += v.Tick - b.lastAct // testing went on since the last look
	}
	b.lastAct = v.Tick
	b.wake = never
	b.holding = ""
	if v.TrayN == 0 {
		return out
	}
	in := func(a sim.Action) []sim.Input {
		b.wake = v.Tick + 1
		return append(out, sim.Input{Tick: v.Tick, Role: sim.Dev, Action: a})
	}
	f := &v.Tray[0]
	if f.ID != b.front {
		b.front, b.tested = f.ID, 0
	}
	if f.InReview {
		return out
	}
	if target := b.testTarget(v); b.tested < target && f.ChancePermille > 0 {
		if !v.Testing {
			return in(sim.ActTestStart)
		}
		b.wake = v.Tick + target - b.tested
		return out
	}
	if !v.CanRelease || v.Tick-b.lastRelease < b.Spec.IntervalTicks {
		if v.Testing {
			return in(sim.ActTestStop) // done testing: back to building while waiting
		}
		if v.CanRelease {
			b.wake = b.lastRelease + b.Spec.IntervalTicks
			b.holding = "paces releases"
		}
		return out
	}
	if b.Spec.CalmBalls > 0 && !b.calm(v) {
		if v.Testing {
			return in(sim.ActTestStop)
		}
		if v.Tick < v.UpgradeUntil {
			b.wake = v.UpgradeUntil
		}
		b.holding = "waits for calm"
		return out
	}
	if b.Spec.BudgetReservePermille > 0 && v.BudgetLeftPermille < b.Spec.BudgetReservePermille {
		b.holding = "keeps budget"
		return out // the budget only shrinks until the month ends
	}
	b.lastRelease = v.Tick
	b.front = 0 // a feature that comes back as rework is tested again
	return in(sim.ActRelease)
}

// Wake returns the tick before which the bot would do nothing if the world stays quiet.
func (b *DevBot) Wake() sim.Tick { return b.wake }
