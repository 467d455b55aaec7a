package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

func played(t *testing.T, preset string, seed uint64) *sim.World {
	t.Helper()
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	r := bot.NewBotRound(cfg, seed)
	r.Run()
	return r.World
}

func TestPostMortemHasTheLecturesSections(t *testing.T) {
	for _, preset := range sim.PresetNames() {
		w := played(t, preset, 7)
		pm := PostMortem(w)
		for _, h := range []string{"# Post-mortem", "## Summary", "## Impact", "## Timeline", "## Detection",
			"## Response", "## Contributing factors", "## What went well", "## Questions to discuss"} {
			assert.Contains(t, pm, h, preset)
		}
		assert.Contains(t, pm, "Blameless")
		assert.Contains(t, pm, "What was the root cause")
		// Every incident that is not a routine restart has a row in the timeline.
		for _, in := range w.Incidents() {
			if in.Causes != 1<<sim.CauseUpgrade {
				assert.Contains(t, pm, fmt.Sprintf("| %d | %s |", in.ID, Clock(in.Start, w.Config().MonthTicks)), "%s incident %d", preset, in.ID)
			}
		}
		assert.Contains(t, pm, fmt.Sprintf("**%d features**", w.Result().Shipped))
	}
}

func TestPostMortemAsksAboutWhatHappened(t *testing.T) {
	silo := PostMortem(played(t, "silo", 7))
	assert.Contains(t, silo, "What would top-down monitoring have changed?", "customers complained under silo")
	assert.Contains(t, silo, "What would blue/green releases change?")
	bg := PostMortem(played(t, "bluegreen", 7))
	assert.NotContains(t, bg, "What would blue/green releases change?")
	assert.Contains(t, bg, "Blue/green releases made every switch and rollback instant.")
}

func TestPostMortemOfAQuietRound(t *testing.T) {
	cfg := sim.DefaultConfig()
	cfg.Months = 1
	cfg.OpsBot.SkillPermille = 1000
	cfg.OpsBot.Gatekeeping = sim.RejectAll
	r := bot.NewBotRound(cfg, 1)
	r.Run()
	pm := PostMortem(r.World)
	assert.Contains(t, pm, "No incident")
	assert.Contains(t, pm, "The live version never hit the floor.")
	assert.False(t, strings.Contains(pm, "| 1 |"))
}

func TestClockAndDuration(t *testing.T) {
	assert.Equal(t, "month 1, day 1, 00:00", Clock(0, 1800))
	assert.Equal(t, "month 1, day 2, 00:24", Clock(61, 1800))
	assert.Equal(t, "month 2, day 1, 00:00", Clock(1800, 1800))
	assert.Equal(t, "2 h 24 min", Duration(6))
	assert.Equal(t, "1 d", Duration(60))
	assert.Equal(t, "2 d 1 h", Duration(123))
	assert.Equal(t, "0 min", Duration(0))
}

func TestNines(t *testing.T) {
	assert.Equal(t, "no downtime", Nines(1))
	assert.Equal(t, "3.0 nines", Nines(0.999))
	assert.Equal(t, "no nines", Nines(0), "not -0.0 nines")
}
