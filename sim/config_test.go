package sim

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPresetsAreValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range PresetNames() {
		c, err := Preset(name)
		require.NoError(t, err, name)
		require.NoError(t, c.Validate(), name)
		assert.Equal(t, name, c.Name)
		seen[name] = true
	}
	silo, _ := Preset("silo")
	devops, _ := Preset("devops")
	sre, _ := Preset("sre")
	bg, _ := Preset("bluegreen")
	assert.True(t, silo.Gate && silo.Release == InPlace && silo.Monitoring == MonitorNone && !silo.ErrorBudget)
	assert.Zero(t, silo.DevPay.Tiers, "silo dev is paid per feature")
	assert.Zero(t, silo.OpsPay.PerFeature, "silo ops is paid by uptime")
	assert.True(t, !devops.Gate && devops.Monitoring == MonitorTopDown)
	assert.Equal(t, devops.DevPay, devops.OpsPay, "devops pays both roles the same")
	assert.True(t, sre.ErrorBudget)
	assert.Equal(t, sre.DevPay, sre.OpsPay)
	assert.Equal(t, BlueGreen, bg.Release)
	assert.Equal(t, silo.DevPay, bg.DevPay)

	_, err := Preset("waterfall")
	assert.ErrorIs(t, err, ErrUnknownPreset)
	assert.ErrorContains(t, err, "silo, devops, sre, bluegreen")
}

func TestValidateNamesTheBadField(t *testing.T) {
	for _, tc := range []struct {
		field string
		edit  func(*Config)
	}{
		{"MonthTicks", func(c *Config) { c.MonthTicks = 0 }},
		{"Months", func(c *Config) { c.Months = MonthsLimit + 1 }},
		{"TrayCap", func(c *Config) { c.TrayCap = 0 }},
		{"DefectChancePermille", func(c *Config) { c.DefectChancePermille = 1001 }},
		{"Release", func(c *Config) { c.Release = "rolling" }},
		{"Monitoring", func(c *Config) { c.Monitoring = "sideways" }},
		{"MaxBalls", func(c *Config) { c.MaxBalls = MaxBallsLimit }},
		{"TargetBalls", func(c *Config) { c.TargetBalls = 0 }},
		{"FlightTicks", func(c *Config) { c.FlightTicks = 2 * c.CatchWindowTicks }},
		{"CatchWindowTicks", func(c *Config) { c.CatchWindowTicks = -1 }},
		{"KPIWindowTicks", func(c *Config) { c.KPIWindowTicks = KPIWindowMax + 1 }},
		{"OpsPay.Tiers[1].MinUptimePermille", func(c *Config) { c.OpsPay.Tiers[1].MinUptimePermille = 999 }},
		{"DevPay.PerFeature", func(c *Config) { c.DevPay.PerFeature = -5 }},
		{"OpsBot.Gatekeeping", func(c *Config) { c.OpsBot.Gatekeeping = "maybe" }},
		{"OpsBot.SkillPermille", func(c *Config) { c.OpsBot.SkillPermille = 2000 }},
		{"DevBot.TestTicks", func(c *Config) { c.DevBot.TestTicks = -1 }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			assert.Equal(t, tc.field, fe.Field)
			assert.Panics(t, func() { New(c, 1) }, "New refuses an invalid config")
		})
	}
}

func TestNewCopiesPayTiers(t *testing.T) {
	c := DefaultConfig()
	w := New(c, 1)
	c.OpsPay.Tiers[0].Bonus = 1
	assert.Equal(t, int32(1000), w.Config().OpsPay.Tiers[0].Bonus)
}

// TestHashCoversStats changes each counter in turn: a field left out of Hash would let two
// different states hash the same.
func TestHashCoversStats(t *testing.T) {
	w := New(DefaultConfig(), 1)
	base := w.Hash()
	v := reflect.ValueOf(&w.stats).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		old := f.Int()
		f.SetInt(old + 1)
		assert.NotEqual(t, base, w.Hash(), "Hash ignores Stats.%s", v.Type().Field(i).Name)
		f.SetInt(old)
	}
	assert.Equal(t, base, w.Hash())
}

func TestReworkComesBackWithAFreshDraw(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	releaseAndLand(h)
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
	require.Equal(t, 1, h.w.reworkN)
	built := h.w.Stats().FeaturesBuilt
	h.stepTo(h.w.Tick() + cfg.ReworkTicks)
	assert.Zero(t, h.w.reworkN)
	assert.Equal(t, FeatureID(1), h.w.tray[0].ID, "the reworked feature is first in the tray")
	assert.True(t, h.w.tray[0].Rework)
	assert.Equal(t, built, h.w.Stats().FeaturesBuilt, "rework is not a new feature")
}

func TestRollbackAfterShippingClawsBack(t *testing.T) {
	cfg := testConfig()
	cfg.DefectChancePermille = 0
	h := newHarness(t, cfg)
	h.auto = true
	caught := releaseAndLand(h)
	h.stepTo(caught + cfg.BakeTicks)
	require.Equal(t, int32(1), h.w.Stats().Shipped)
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
	assert.Contains(t, h.events(), EvClawback)
	assert.Equal(t, int32(0), h.w.Stats().Shipped)
	assert.Equal(t, int32(1), h.w.Stats().Clawbacks)
}

// TestDefaultsAreTheDocumentedOnes: README's "model in short" and the calibration table
// rest on these values.
func TestDefaultsAreTheDocumentedOnes(t *testing.T) {
	c := DefaultConfig()
	for _, tc := range []struct {
		name      string
		got, want Tick
	}{
		{"a month, 30 s", c.MonthTicks, 30 * 60},
		{"a feature, 3 s", c.BuildTicks, 180},
		{"a halving of the defect chance per second of testing", c.TestHalvingTicks, 60},
		{"rework, 1.5 s", c.ReworkTicks, 90},
		{"a change request's timeout, 4 s", c.CRTimeoutTicks, 240},
		{"the catch window, 7 ticks", c.CatchWindowTicks, 7},
		{"a throw, 1 s", c.FlightTicks, 60},
		{"a release's flight, 0.75 s", c.ReleaseFlightTicks, 45},
		{"a pick-up, 0.8 s", c.RecoverTicks, 48},
		{"an in-place restart, 6 ticks", c.UpgradeDowntimeTicks, 6},
		{"shipping after 3 s live", c.BakeTicks, 180},
		{"customers complain after 2 s", c.ComplaintDelayTicks, 120},
		{"the KPI window, 0.5 s", c.KPIWindowTicks, 30},
		{"the gatekeeper's freeze, 7 s", c.OpsBot.FreezeTicks, 420},
		{"the gatekeeper's reaction, 0.5 s", c.OpsBot.ReactionTicks, 30},
	} {
		assert.Equal(t, tc.want, tc.got, tc.name)
	}
	assert.Equal(t, 6, c.Months)
	assert.Equal(t, 3, c.TrayCap)
	assert.Equal(t, int32(250), c.DefectChancePermille)
	assert.Equal(t, int32(300), c.DefectErrorPermille)
	assert.Equal(t, int32(980), c.SLOPermille)
	assert.Equal(t, int32(990), c.KPIThresholdPermille)
	assert.Equal(t, 2, c.TargetBalls)
	assert.Equal(t, 6, c.MaxBalls)
	for _, name := range PresetNames() {
		p, _ := Preset(name)
		assert.Equal(t, Tick(30), p.OpsBot.ReactionTicks, "%s: ops reacts in half a second", name)
		assert.Equal(t, int32(700), p.OpsBot.SkillPermille, name)
	}
	for _, name := range OpsBotNames() {
		o, err := OpsBotSpecFor(name)
		require.NoError(t, err)
		assert.Equal(t, name, o.Name)
		if IsNovice(name) {
			assert.Equal(t, Tick(15), o.ReactionTicks, "%s: a person's median reaction, 250 ms", name)
			assert.Equal(t, int32(700), o.SkillPermille, "%s: a timing error of 50 ms", name)
			continue
		}
		assert.Equal(t, Tick(30), o.ReactionTicks, name)
	}
	assert.True(t, IsNovice("novice"))
	assert.True(t, IsNovice("novice-nocue"))
	assert.False(t, IsNovice("novice~"), "a swarm's redrawn novice plays as a bot of its parameters")
	_, err := OpsBotSpecFor("hero")
	assert.ErrorContains(t, err, `unknown ops bot "hero" (choose from cowboy, gatekeeper, novice, novice-nocue, partner, sre, wall)`)
	_, err = DevBotSpecFor("hero")
	assert.ErrorContains(t, err, `unknown dev bot "hero" (choose from greedy, paced, careful, tester, budget, novice)`)
	assert.Equal(t, Tick(360), MustDevBotSpec("paced").IntervalTicks)
	assert.Equal(t, Tick(120), MustDevBotSpec("tester").TestTicks)
	assert.Equal(t, int32(400), MustDevBotSpec("budget").BudgetReservePermille)
	assert.Panics(t, func() { MustDevBotSpec("hero") })
}
