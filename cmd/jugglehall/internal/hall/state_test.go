package hall

import (
	"math"
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
	require.NotNil(t, ps[0].Shipped.CI95)
	// Two values 10 and 20: sd 7.07, t(0.975, 1) = 12.706: half-width 63.5.
	assert.InDelta(t, 12.706*math.Sqrt(50)/math.Sqrt(2), *ps[0].Shipped.CI95, 0.01)
	assert.Equal(t, "devops", ps[1].Preset)
	assert.Nil(t, ps[1].Shipped.CI95, "no interval from one round")

	qs := questions(ps)
	require.Len(t, qs, 5)
	assert.Contains(t, qs[0].Numbers, "silo: uptime 85.0 %")
	assert.Contains(t, qs[3].Numbers, "dev $1,500")
	assert.Contains(t, questions(nil)[0].Numbers, "no round uploaded yet")
}
