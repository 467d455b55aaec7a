package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDifficulties: the one table the game, the hall and jugglesim apply. Every level
// gives people a second of grace; easy widens the catch window to ±12 ticks, hard
// narrows it to ±4, normal keeps the preset's ±7. The presets alone have no grace.
func TestDifficulties(t *testing.T) {
	for _, tc := range []struct {
		d             Difficulty
		window, grace Tick
	}{{Easy, 12, 60}, {Normal, 7, 60}, {Hard, 4, 60}} {
		for _, name := range PresetNames() {
			c, err := Preset(name)
			require.NoError(t, err)
			require.Zero(t, c.GraceTicks, "%s: no grace in a preset", name)
			tc.d.Apply(&c)
			assert.Equal(t, tc.window, c.CatchWindowTicks, "%s, %s", name, tc.d)
			assert.Equal(t, tc.grace, c.GraceTicks, "%s, %s", name, tc.d)
			assert.Equal(t, Tick(60), c.FlightTicks, "%s, %s: flights as they are", name, tc.d)
			require.NoError(t, c.Validate())
		}
		got, err := ParseDifficulty(string(tc.d))
		require.NoError(t, err)
		assert.Equal(t, tc.d, got)
	}
	assert.Equal(t, []Difficulty{Easy, Normal, Hard}, Difficulties())
	_, err := ParseDifficulty("nightmare")
	assert.EqualError(t, err, `difficulty "nightmare": want easy, normal or hard`)
	_, err = ParseDifficulty("")
	assert.Error(t, err)
	assert.Panics(t, func() { c := DefaultConfig(); Difficulty("").Apply(&c) })

	// A longer grace stays; flights too short for a wider window grow to stay valid.
	c := DefaultConfig()
	c.GraceTicks, c.FlightTicks, c.ReleaseFlightTicks, c.CatchWindowTicks = 200, 15, 8, 3
	require.NoError(t, c.Validate())
	Easy.Apply(&c)
	assert.Equal(t, Tick(200), c.GraceTicks)
	assert.Equal(t, Tick(25), c.FlightTicks)
	assert.Equal(t, Tick(13), c.ReleaseFlightTicks)
	assert.NoError(t, c.Validate())
}

// TestTheGrace: the juggler holds both balls for GraceTicks: version 1 is thrown half a
// flight before the grace ends and lands half a flight after it, version 2 is thrown as
// it ends; nothing can be caught before, and a catch on the first arrival tick works.
func TestTheGrace(t *testing.T) {
	cfg := testConfig()
	cfg.GraceTicks = 60
	f := cfg.FlightTicks
	h := newHarness(t, cfg)
	v1, v2 := h.ball(1), h.ball(2)
	assert.Equal(t, Ball{Version: 1, State: BallAir, Hand: Left, From: 60 - f/2, Arrival: 60 + f/2, Installed: true}, v1)
	assert.Equal(t, Ball{Version: 2, State: BallAir, Hand: Right, From: 60, Arrival: 60 + f, Installed: true}, v2)
	h.auto = true
	h.stepTo(v1.Arrival - cfg.CatchWindowTicks - 1)
	assert.Zero(t, h.w.Stats().Whiffs+h.w.Stats().Catches+h.w.Stats().Drops, "nothing lands in the grace")
	assert.Equal(t, int64(1000)*int64(h.w.Tick()), h.w.Stats().AvailSum, "the service is up while the juggler holds the balls")
	h.stepTo(v2.Arrival + 1)
	assert.Equal(t, int32(2), h.w.Stats().Catches)
	assert.Zero(t, h.w.Stats().Drops)
}
