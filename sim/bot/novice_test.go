package bot

import (
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

func noviceConfig(t *testing.T, preset, ops string) sim.Config {
	t.Helper()
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	cfg.OpsBot, err = sim.OpsBotSpecFor(ops)
	require.NoError(t, err)
	return cfg
}

// TestNoviceReactionTimes: a person's reaction times, log-normal with the spec's median
// (250 ms) and shape 0.25: half under 15 ticks, 5 % under 166 ms, 5 % over 376 ms.
func TestNoviceReactionTimes(t *testing.T) {
	for s, m := range reactionLogNormal {
		want := 1000 * math.Exp(0.25*float64(s-32)/math.Sqrt(4*(17*17-1)/12.0))
		assert.InDelta(t, want, float64(m), 0.5, "s = %d", s-32)
	}
	n := NewNovice(sim.Ops, noviceConfig(t, "silo", "novice"), 1)
	rts := make([]int, 20000)
	for i := range rts {
		rts[i] = int(n.reaction())
	}
	slices.Sort(rts)
	assert.Equal(t, 15, rts[len(rts)/2], "the median: 250 ms")
	assert.InDelta(t, 10, rts[len(rts)/20], 1, "5 %: 166 ms")
	assert.InDelta(t, 23, rts[len(rts)*19/20], 1, "95 %: 376 ms")
	assert.GreaterOrEqual(t, rts[0], 7, "no faster than 0.44 x the median")
	assert.LessOrEqual(t, rts[len(rts)-1], 34, "no slower than 2.26 x the median")
}

// TestNoviceTimingError: the error of a press on an anticipated beat has a standard
// deviation of (1000 - skill)/100 ticks (50 ms for the named novice), no bias, and
// stays within 3.5 standard deviations.
func TestNoviceTimingError(t *testing.T) {
	for _, skill := range []int32{700, 400, 1000} {
		cfg := noviceConfig(t, "silo", "novice")
		cfg.OpsBot.SkillPermille = skill
		n := NewNovice(sim.Ops, cfg, 2)
		var sum, sq float64
		most := sim.Tick(0)
		const draws = 20000
		for range draws {
			e := n.timing()
			sum += float64(e)
			sq += float64(e * e)
			most = max(most, e, -e)
		}
		sd := float64(1000-skill) / 100
		mean := sum / draws
		assert.InDelta(t, 0, mean, 0.05, "skill %d", skill)
		assert.InDelta(t, sd, math.Sqrt(sq/draws-mean*mean), 0.05*sd+0.1, "skill %d", skill)
		assert.LessOrEqual(t, float64(most), 3.5*sd+0.5, "skill %d", skill)
	}
}

// TestNoviceSeesOnlyTheScreen: without monitoring, a ball on the floor is unknown until
// customers complain; the novice does not touch it before (the world would refuse it),
// and picks it up or throws it away a reaction time after the screen shows it.
func TestNoviceSeesOnlyTheScreen(t *testing.T) {
	cfg := noviceConfig(t, "silo", "novice")
	w := sim.New(cfg, 1)
	for w.Tick() <= cfg.FlightTicks+cfg.CatchWindowTicks {
		w.Step(nil) // nobody juggles: both balls fall, unseen
	}
	n := NewNovice(sim.Ops, cfg, 1)
	var v sim.View
	detected := sim.Tick(-1)
	var acted []sim.Input
	for w.Tick() < 400 && len(acted) == 0 {
		w.Observe(sim.Ops, &v)
		in := n.Act(&v, nil)
		for _, x := range in {
			if x.Action == sim.ActRecover || x.Action == sim.ActDiscard {
				acted = append(acted, x)
			}
		}
		w.Step(in)
		for _, e := range w.Events() {
			if e.Kind == sim.EvDetected {
				detected = w.Tick() - 1
			}
			assert.NotEqual(t, sim.EvRefused, e.Kind, "tick %d: %v", w.Tick()-1, in)
		}
	}
	require.NotEmpty(t, acted, "it acts once it sees the fall")
	require.GreaterOrEqual(t, detected, sim.Tick(0))
	assert.Equal(t, cfg.FlightTicks+cfg.CatchWindowTicks+cfg.ComplaintDelayTicks, detected, "found when a customer complained about the live drop")
	after := acted[0].Tick - detected
	assert.GreaterOrEqual(t, after, sim.Tick(7), "no faster than a person")
	assert.LessOrEqual(t, after, sim.Tick(40), "a reaction time or two")
}

// TestNoviceAnticipatesWithCues: with the approach cues, the novice presses around each
// ball's arrival (its timing error, as often early as late); without them it presses a
// reaction time after the catch ring lights: never before the arrival, and on normal
// mostly too late to catch (those presses never come: the ball has fallen).
func TestNoviceAnticipatesWithCues(t *testing.T) {
	for _, tc := range []struct {
		ops      string
		min, max float64 // the mean press time from arrival, ticks
		early    bool    // some presses come before the arrival
	}{{"novice", -1, 1, true}, {NoviceNoCue, 4, 8, false}} {
		cfg := noviceConfig(t, "devops", tc.ops)
		cfg.Months = 1
		w := sim.New(cfg, 3)
		n := NewNovice(sim.Ops, cfg, 3)
		var v sim.View
		var sum, count float64
		first := sim.Tick(1 << 40)
		for !w.Done() {
			w.Observe(sim.Ops, &v)
			in := n.Act(&v, nil)
			for _, x := range in {
				if x.Action != sim.ActCatchLeft && x.Action != sim.ActCatchRight {
					continue
				}
				// The press against the arrival of the ball it was for: the nearest.
				h := sim.Hand(x.Action - sim.ActCatchLeft)
				off := sim.Tick(1 << 40)
				for i := 0; i < v.BallsN; i++ {
					if b := &v.Balls[i]; b.State.InJuggle() && b.Hand == h && abs(x.Tick-b.Arrival) < abs(off) {
						off = x.Tick - b.Arrival
					}
				}
				if abs(off) <= 20 {
					sum += float64(off)
					count++
					first = min(first, off)
				}
			}
			w.Step(in)
		}
		require.Positive(t, count, tc.ops)
		mean := sum / count
		assert.GreaterOrEqual(t, mean, tc.min, tc.ops)
		assert.LessOrEqual(t, mean, tc.max, tc.ops)
		assert.Equal(t, tc.early, first < 0, "%s: the earliest press, %d ticks from its ball's arrival", tc.ops, first)
	}
}

// TestNoviceFollowsThePrompts: with the prompts, the novice keeps production near its
// target (it retires the oldest versions and rolls cracked ones back); on the screen
// without them it never retires, so versions pile up.
func TestNoviceFollowsThePrompts(t *testing.T) {
	over := map[string]int64{}
	rollbacks := int32(0)
	for _, ops := range []string{"novice", NoviceNoCue} {
		for seed := uint64(1); seed <= 5; seed++ {
			cfg := noviceConfig(t, "devops", ops)
			sim.Easy.Apply(&cfg) // even the old screen juggles on easy: the prompts make the difference
			cfg.Months = 2
			r := NewBotRound(cfg, seed)
			r.Run()
			s := r.World.Stats()
			over[ops] += s.OverTargetTicks
			if ops == "novice" {
				assert.Positive(t, s.Retires, "seed %d", seed)
				rollbacks += s.Rollbacks
			} else {
				assert.Zero(t, s.Retires+s.Rollbacks, "seed %d: nothing told it to", seed)
			}
		}
	}
	assert.Positive(t, rollbacks, "cracked versions rolled back")
	assert.Less(t, over["novice"]*2, over[NoviceNoCue], "less than half the time over target")
}

// TestNoviceFigures is the design's measure (issue 12): with the approach cues, a
// first-timer in ops catches at least 90 % of balls on normal and 95 % on easy, and over
// 100 seeds devops and sre deliver more working features (shipped x uptime) than silo.
// The thresholds sit just under what README's "A first-timer's figures" reports; the
// figures themselves come from jugglesim compare (README).
func TestNoviceFigures(t *testing.T) {
	switch {
	case raceOn:
		t.Skip("600 rounds: make test plays them without the race detector, on 386")
	case runtime.GOARCH == "arm64" || runtime.GOARCH == "wasm":
		t.Skip("600 rounds emulated: the same figures on every platform, played on 386")
	}
	const seeds = 100
	type figures struct{ caught, missed, working float64 }
	got := map[string]figures{}
	for _, d := range []sim.Difficulty{sim.Normal, sim.Easy} {
		for _, preset := range []string{"silo", "devops", "sre"} {
			cfg := noviceConfig(t, preset, "novice")
			d.Apply(&cfg)
			var f figures
			for seed := 1; seed <= seeds; seed++ {
				r := Play(cfg, uint64(seed))
				f.caught += float64(r.Catches)
				f.missed += float64(r.Misses)
				f.working += float64(r.Shipped) * r.Uptime / float64(seeds)
			}
			got[string(d)+" "+preset] = f
			rate := f.caught / (f.caught + f.missed)
			t.Logf("%s %s: caught %.1f %%, working features %.1f", d, preset, 100*rate, f.working)
			want := map[sim.Difficulty]float64{sim.Normal: 0.977, sim.Easy: 0.985}[d] // measured: 98.0 %, 98.7 % at least
			assert.GreaterOrEqual(t, rate, want, "%s, %s: the catch rate", d, preset)
		}
		// Measured: devops 2.16 and 2.04 times silo's, sre 1.24 and 1.29 times.
		silo := got[string(d)+" silo"].working
		assert.Greater(t, got[string(d)+" devops"].working, 2*silo, "%s: devops delivers more working features than silo", d)
		assert.Greater(t, got[string(d)+" sre"].working, 1.2*silo, "%s: sre delivers more working features than silo", d)
	}
}

func abs(t sim.Tick) sim.Tick { return max(t, -t) }

// TestNewSeatsTheNamedBot: bot.New seats a novice for the novices' names (either role)
// and the spec's bot otherwise; Round and Play use it.
func TestNewSeatsTheNamedBot(t *testing.T) {
	cfg := noviceConfig(t, "silo", "novice-nocue")
	cfg.DevBot = sim.MustDevBotSpec("novice")
	d, o := ForConfig(cfg, 1)
	require.IsType(t, &Novice{}, d)
	require.IsType(t, &Novice{}, o)
	assert.Equal(t, sim.Dev, d.Role())
	assert.Equal(t, sim.Ops, o.Role())
	assert.False(t, o.(*Novice).cues, "novice-nocue plays the old screen")
	assert.True(t, d.(*Novice).cues)
	cfg = noviceConfig(t, "silo", "gatekeeper")
	assert.IsType(t, &OpsBot{}, New(sim.Ops, cfg, 1))
	assert.IsType(t, &DevBot{}, New(sim.Dev, cfg, 1))
	cfg.OpsBot.Name = "novice~" // a swarm's redrawn novice is a bot of its parameters
	assert.IsType(t, &OpsBot{}, New(sim.Ops, cfg, 1))
}
