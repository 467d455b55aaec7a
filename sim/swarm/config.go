package swarm

import (
	"fmt"
	"math/bits"
	"math/rand/v2"

	"devopsjuggle/sim"
)

// randomConfig returns a random config that Validate accepts. It starts from a random
// preset and redraws each field with even odds: most draws land near the field's value,
// some on its edges (0, 1, the limit). A round's length is bounded for speed: most are 1
// to 3 months of 10 to 60 s, a few up to MonthsLimit tiny months or one long month.
func randomConfig(r *rand.Rand) sim.Config {
	names := sim.PresetNames()
	c, err := sim.Preset(names[r.IntN(len(names))])
	if err != nil {
		panic(err)
	}
	c.Name = "swarm-" + c.Name
	coin := func() bool { return r.IntN(2) == 0 }

	// The practices: every combination.
	c.Gate = coin()
	c.Release = []sim.ReleaseStyle{sim.InPlace, sim.BlueGreen}[r.IntN(2)]
	c.Monitoring = []sim.Monitoring{sim.MonitorNone, sim.MonitorBottomUp, sim.MonitorTopDown, sim.MonitorBoth}[r.IntN(4)]
	c.ErrorBudget = coin()

	// The round's length.
	switch n := r.IntN(1000); {
	case n < 900:
		c.Months = 1 + r.IntN(3)
		c.MonthTicks = sim.Tick(logUniform(r, 600, 3600))
	case n < 990:
		c.Months = 1 + r.IntN(12)
		c.MonthTicks = sim.Tick(logUniform(r, 1, 600))
	case n < 995:
		c.Months = sim.MonthsLimit
		c.MonthTicks = sim.Tick(1 + r.IntN(120))
	default:
		c.Months = 1
		c.MonthTicks = sim.Tick(logUniform(r, 3600, 100_000))
	}

	// The counts.
	c.TrayCap = edgeOr(r, c.TrayCap, 1, sim.TrayLimit)
	c.MaxBalls = edgeOr(r, c.MaxBalls, 2, sim.MaxBallsLimit/2)
	c.TargetBalls = edgeOr(r, c.TargetBalls, 1, c.MaxBalls)

	// The durations.
	dur := func(d *sim.Tick, lo sim.Tick) { *d = randomTicks(r, *d, lo, sim.DurationLimit) }
	dur(&c.BuildTicks, 1)
	dur(&c.TestHalvingTicks, 1)
	dur(&c.ReworkTicks, 1)
	dur(&c.CRTimeoutTicks, 1)
	dur(&c.RecoverTicks, 1)
	dur(&c.UpgradeDowntimeTicks, 0)
	dur(&c.BakeTicks, 0)
	dur(&c.ComplaintDelayTicks, 1)
	c.KPIWindowTicks = randomTicks(r, c.KPIWindowTicks, 1, sim.KPIWindowMax)
	// A flight is longer than two catch windows, a release's flight than one.
	c.CatchWindowTicks = randomTicks(r, c.CatchWindowTicks, 0, sim.DurationLimit/2-1)
	c.FlightTicks = randomTicks(r, c.FlightTicks, 2*c.CatchWindowTicks+1, sim.DurationLimit)
	c.ReleaseFlightTicks = randomTicks(r, c.ReleaseFlightTicks, c.CatchWindowTicks+1, sim.DurationLimit)

	// The chances.
	pm := func(p *int32) { *p = int32(edgeOr(r, int(*p), 0, 1000)) }
	pm(&c.DefectChancePermille)
	pm(&c.DefectErrorPermille)
	pm(&c.SLOPermille)
	pm(&c.KPIThresholdPermille)

	// Pay: a preset's scheme or a random one, for each role.
	for _, p := range []*sim.PayScheme{&c.DevPay, &c.OpsPay} {
		if coin() {
			*p = randomPay(r)
		}
	}

	c.DevBot = randomDevBot(r)
	c.OpsBot = randomOpsBot(r)
	if err := c.Validate(); err != nil {
		panic(fmt.Sprintf("swarm: a random config is invalid: %v", err))
	}
	return c
}

// logUniform returns an integer in [lo, hi] (lo at least 1) whose bit length is
// uniform: as many draws between 10 and 20 as between 1000 and 2000. Integers only, so
// the draw is the same on every platform.
func logUniform(r *rand.Rand, lo, hi int64) int64 {
	lo = max(lo, 1)
	if hi <= lo {
		return lo
	}
	lb, hb := bits.Len64(uint64(lo)), bits.Len64(uint64(hi))
	e := lb + r.IntN(hb-lb+1)
	a, b := max(int64(1)<<(e-1), lo), min(int64(1)<<e-1, hi)
	return a + r.Int64N(b-a+1)
}

// randomTicks keeps d (moved into [lo, hi]) half the time; otherwise it draws near d
// (from d/8 to 8d), at the edges (lo, lo+1, hi), or anywhere in [lo, hi].
func randomTicks(r *rand.Rand, d, lo, hi sim.Tick) sim.Tick {
	var v sim.Tick
	switch n := r.IntN(100); {
	case n < 50:
		v = d
	case n < 85:
		base := max(d, 1)
		v = sim.Tick(logUniform(r, int64(max(base/8, 1)), int64(base*8)))
	case n < 90:
		v = lo
	case n < 95:
		v = lo + 1
	case n < 97:
		v = hi
	default:
		v = lo + sim.Tick(r.Int64N(int64(hi-lo)+1))
	}
	return min(max(v, lo), hi)
}

// edgeOr keeps v (moved into [lo, hi]) half the time; otherwise it draws lo, hi, or
// anything in [lo, hi].
func edgeOr(r *rand.Rand, v, lo, hi int) int {
	switch n := r.IntN(100); {
	case n < 50:
	case n < 65:
		v = lo
	case n < 80:
		v = hi
	default:
		v = lo + r.IntN(hi-lo+1)
	}
	return min(max(v, lo), hi)
}

// randomPay is a scheme of 0 to 3 tiers, thresholds from the highest down.
func randomPay(r *rand.Rand) sim.PayScheme {
	p := sim.PayScheme{PerFeature: int32(r.IntN(3) * r.IntN(200))}
	threshold := int32(1001)
	for range r.IntN(4) {
		threshold -= int32(1 + r.IntN(100))
		if threshold < 0 {
			break
		}
		p.Tiers = append(p.Tiers, sim.Tier{MinUptimePermille: threshold, Bonus: int32(r.IntN(2000))})
	}
	return p
}

// randomDevBot is a named dev bot, a named one with some parameters redrawn, or one of
// random parameters.
func randomDevBot(r *rand.Rand) sim.DevBotSpec {
	names := sim.DevBotNames()
	s := sim.MustDevBotSpec(names[r.IntN(len(names))])
	if r.IntN(3) == 0 {
		return s
	}
	s.Name += "~"
	if r.IntN(2) == 0 {
		s.IntervalTicks = randomTicks(r, s.IntervalTicks+60, 0, sim.DurationLimit)
	}
	if r.IntN(2) == 0 {
		s.TestTicks = randomTicks(r, s.TestTicks+30, 0, sim.DurationLimit)
	}
	if r.IntN(2) == 0 {
		s.CalmBalls = r.IntN(sim.MaxBallsLimit)
	}
	if r.IntN(2) == 0 {
		s.BudgetReservePermille = int32(edgeOr(r, int(s.BudgetReservePermille), 0, 1000))
	}
	return s
}

// randomOpsBot is a named ops bot, a named one with some parameters redrawn, or one of
// random parameters.
func randomOpsBot(r *rand.Rand) sim.OpsBotSpec {
	names := sim.OpsBotNames()
	s, err := sim.OpsBotSpecFor(names[r.IntN(len(names))])
	if err != nil {
		panic(err)
	}
	if r.IntN(3) == 0 {
		return s
	}
	s.Name += "~"
	if r.IntN(2) == 0 {
		s.SkillPermille = int32(edgeOr(r, int(s.SkillPermille), 0, 1000))
	}
	if r.IntN(2) == 0 {
		s.Gatekeeping = []sim.Gatekeeping{sim.ApproveAll, sim.ApproveCalm, sim.Freeze, sim.RejectAll}[r.IntN(4)]
	}
	if r.IntN(2) == 0 {
		s.FreezeTicks = randomTicks(r, s.FreezeTicks+60, 0, sim.DurationLimit)
	}
	if r.IntN(2) == 0 {
		s.Response = []sim.Response{sim.RollbackFirst, sim.RecoverFirst}[r.IntN(2)]
	}
	if r.IntN(2) == 0 {
		s.ReactionTicks = randomTicks(r, s.ReactionTicks, 0, sim.DurationLimit)
	}
	return s
}
