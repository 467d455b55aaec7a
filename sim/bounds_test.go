package sim

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tickFields returns the path ("FlightTicks", "OpsBot.FreezeTicks") of every duration in
// a Config, found by type so that a duration added later is bounded too.
func tickFields() []string {
	var paths []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			f := t.Field(i)
			switch {
			case f.Type == reflect.TypeFor[Tick]():
				paths = append(paths, prefix+f.Name)
			case f.Type.Kind() == reflect.Struct:
				walk(f.Type, prefix+f.Name+".")
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return paths
}

// setTick sets the duration at path in c.
func setTick(c *Config, path string, v Tick) {
	f := reflect.ValueOf(c).Elem()
	for _, name := range splitPath(path) {
		f = f.FieldByName(name)
	}
	f.SetInt(int64(v))
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := range len(p) {
		if p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// TestValidateBoundsEveryDuration: every duration of a Config is at most DurationLimit
// (MonthTicks at most MonthTicksLimit): one tick more, or a value that would overflow a
// sum of ticks, is refused and named.
func TestValidateBoundsEveryDuration(t *testing.T) {
	paths := tickFields()
	require.Subset(t, paths, []string{"MonthTicks", "CatchWindowTicks", "DevBot.TestTicks", "OpsBot.ReactionTicks"})
	for _, path := range paths {
		limit := DurationLimit
		if path == "MonthTicks" {
			limit = MonthTicksLimit
		}
		for _, v := range []Tick{limit + 1, math.MaxInt64 - 1, math.MaxInt64} {
			c := DefaultConfig()
			setTick(&c, path, v)
			err := c.Validate()
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "%s = %d accepted", path, v)
			assert.Equal(t, path, fe.Field, "%s = %d", path, v)
		}
	}
}

// TestValidateRefusesTheOverflowsFound: the three configs the swarm of issue 13 found
// passing Validate and breaking the round.
func TestValidateRefusesTheOverflowsFound(t *testing.T) {
	for _, tc := range []struct {
		field string
		edit  func(*Config)
	}{
		// 2*CatchWindowTicks wrapped negative, so any flight was "longer than two windows".
		{"CatchWindowTicks", func(c *Config) { c.CatchWindowTicks = 1 << 62 }},
		// tick + UpgradeDowntimeTicks wrapped negative: no downtime at all.
		{"UpgradeDowntimeTicks", func(c *Config) { c.UpgradeDowntimeTicks = math.MaxInt64 - 1 }},
		// crSince + CRTimeoutTicks wrapped: a negative deadline.
		{"CRTimeoutTicks", func(c *Config) { c.CRTimeoutTicks = math.MaxInt64 }},
	} {
		c := DefaultConfig()
		tc.edit(&c)
		var fe *FieldError
		require.ErrorAs(t, c.Validate(), &fe)
		assert.Equal(t, tc.field, fe.Field)
		assert.Contains(t, fe.Why, "DurationLimit")
	}
}

// TestLongestDurationsPlay: a config with every duration at its bound is valid, and a
// round of it steps, with random inputs, keeping every invariant.
func TestLongestDurationsPlay(t *testing.T) {
	c := DefaultConfig()
	for _, path := range tickFields() {
		setTick(&c, path, DurationLimit)
	}
	c.MonthTicks = 600
	c.KPIWindowTicks = KPIWindowMax
	c.CatchWindowTicks = DurationLimit/2 - 1 // flights must be longer than two windows
	require.NoError(t, c.Validate())
	_, ins := fuzzWorld([]byte("a world that waits a very long time for everything, pressing keys"))
	runFuzz(t, c, ins, 3)

	c.MonthTicks = MonthTicksLimit
	c.Months = 1
	c.CatchWindowTicks = 0
	c.FlightTicks, c.ReleaseFlightTicks = 1, 1
	c.BuildTicks, c.TestHalvingTicks, c.ReworkTicks, c.RecoverTicks = 1, 1, 1, 1
	require.NoError(t, c.Validate(), "the shortest durations too")
	w := New(c, 1)
	for range 5000 {
		w.Step(nil)
		require.NoError(t, w.CheckInvariants())
	}
}
