package hall

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/sim"
)

// TestClassMeans: the means per preset, in the presets' order, each team once per round,
// with Student's t intervals from two rounds on.
func TestClassMeans(t *testing.T) {
	res := func(team int64, round int, shipped int32, uptime float64) store.Result {
		return store.Result{TeamID: team, Round: round, Result: sim.Result{Shipped: shipped, Uptime: uptime, DevPay: int64(100 * shipped)}}
	}
	presetOf := map[int]string{1: "devops", 2: "silo"}
	ps := classMeans([]store.Result{
		res(1, 2, 10, 0.90),
		res(2, 2, 20, 0.80),
		res(1, 2, 99, 0.10), // team 1 played round 2 again: its first upload counts
		res(3, 1, 30, 0.95),
	}, presetOf)
	require.Len(t, ps, 2)
	assert.Equal(t, "silo", ps[0].Preset, "the presets' order, not the rounds'")
	assert.Equal(t, 2, ps[0].Rounds)
	assert.Equal(t, 2, ps[0].Teams)
	assert.InDelta(t, 15, ps[0].Shipped.Mean, 1e-9)
	assert.InDelta(t, 85, ps[0].Uptime.Mean, 1e-9)
	assert.InDelta(t, 1500, ps[0].DevPay.Mean, 1e-9)
	assert.Nil(t, ps[0].Shipped.CI95, "no interval from two rounds: t is 12.7, the interval 15 ± 64")
	assert.Equal(t, [2]float64{10, 20}, [2]float64{ps[0].Shipped.Min, ps[0].Shipped.Max}, "the range instead")
	assert.Equal(t, [2]float64{80, 90}, [2]float64{ps[0].Uptime.Min, ps[0].Uptime.Max})
	assert.Equal(t, "devops", ps[1].Preset)
	assert.Nil(t, ps[1].Shipped.CI95, "no interval from one round")
	assert.Equal(t, 30.0, ps[1].Shipped.Min)

	qs := questions(ps)
	require.Len(t, qs, 5)
	assert.Contains(t, qs[0].Numbers, "silo: uptime 85.0 %")
	assert.Contains(t, qs[3].Numbers, "dev $1,500")
	assert.Contains(t, questions(nil)[0].Numbers, "no round uploaded yet")
}

// TestIntervals: a 95 % interval from MinIntervalRounds rounds on, never one of
// fewer; and an interval within what its figure can be: uptime at most 100 %, counts and
// pay at least 0.
func TestIntervals(t *testing.T) {
	var rs []store.Result
	presetOf := map[int]string{1: "silo"}
	// Uptimes near 100 % with one bad round, features near 0: the plain intervals would
	// pass 100 % and fall below 0.
	for i, x := range []struct {
		shipped int32
		uptime  float64
		cfr     float64
	}{{0, 1, 0}, {1, 1, 0}, {0, 0.999, 0}, {6, 0.70, 1}, {0, 1, 0}} {
		rs = append(rs, store.Result{TeamID: int64(i + 1), Round: 1, Result: sim.Result{Shipped: x.shipped, Uptime: x.uptime, ChangeFailureRate: x.cfr}})
		ps := classMeans(rs, presetOf)
		require.Len(t, ps, 1)
		p := ps[0]
		if i+1 < MinIntervalRounds {
			assert.Nil(t, p.Uptime.CI95, "%d rounds: no interval", i+1)
			assert.Nil(t, p.Uptime.Lo, "%d rounds", i+1)
			continue
		}
		require.NotNil(t, p.Uptime.CI95, "%d rounds: an interval", i+1)
		// The plain intervals, as Student's t gives them, run past the figures' bounds.
		require.Greater(t, p.Uptime.Mean+*p.Uptime.CI95, 100.0)
		require.Less(t, p.Shipped.Mean-*p.Shipped.CI95, 0.0)
		assert.Equal(t, 100.0, *p.Uptime.Hi, "uptime is at most 100 %")
		assert.InDelta(t, p.Uptime.Mean-*p.Uptime.CI95, *p.Uptime.Lo, 1e-9)
		assert.Equal(t, 0.0, *p.Shipped.Lo, "no fewer than 0 features")
		assert.Equal(t, 0.0, *p.ChangeFail.Lo, "a rate is at least 0 %")
		assert.Equal(t, 0.0, *p.Incidents.Lo, "no incidents at all: an interval of 0 to 0")
		assert.Equal(t, 0.0, *p.Incidents.Hi)
	}
	assert.Equal(t, 5, MinIntervalRounds, "docs/hall.md and the projector's heading say 5")
}
