package sim

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDORABandEdges: each band's edge belongs to the band the 2023 report gives it.
func TestDORABandEdges(t *testing.T) {
	for _, tc := range []struct {
		got, want Band
	}{
		{deployBand(30), Elite}, {deployBand(29.99), High},
		{deployBand(30.0 / 7), High}, {deployBand(30.0/7 - 0.001), Medium},
		{deployBand(1), Medium}, {deployBand(0.999), Low},
		{leadTimeBand(0.999, true), Elite}, {leadTimeBand(1, true), High},
		{leadTimeBand(6.999, true), High}, {leadTimeBand(7, true), Medium},
		{leadTimeBand(29.99, true), Medium}, {leadTimeBand(30, true), Low},
		{changeFailureBand(0.05, true), Elite}, {changeFailureBand(0.0501, true), High},
		{changeFailureBand(0.10, true), High}, {changeFailureBand(0.1001, true), Medium},
		{changeFailureBand(0.15, true), Medium}, {changeFailureBand(0.1501, true), Low},
		{changeFailureBand(0, false), NoData},
		{restoreBand(0.999, true), Elite}, {restoreBand(1, true), High},
		{restoreBand(23.99, true), High}, {restoreBand(24, true), Medium},
		{restoreBand(167.9, true), Medium}, {restoreBand(168, true), Low},
		{restoreBand(0, false), NoData},
	} {
		assert.Equal(t, tc.want, tc.got)
	}
	assert.Zero(t, ratio(5, 0))
	assert.Equal(t, 2.5, ratio(5, 2))
}

// TestValidateEdges: each bound of a Config accepts its edge and refuses one step past.
func TestValidateEdges(t *testing.T) {
	for _, tc := range []struct {
		field string
		ok    func(*Config)
		bad   func(*Config)
	}{
		{"MonthTicks", func(c *Config) { c.MonthTicks = 1 }, func(c *Config) { c.MonthTicks = 0 }},
		{"MonthTicks", func(c *Config) { c.MonthTicks = MonthTicksLimit }, func(c *Config) { c.MonthTicks = MonthTicksLimit + 1 }},
		{"Months", func(c *Config) { c.Months = 1 }, func(c *Config) { c.Months = 0 }},
		{"Months", func(c *Config) { c.Months = MonthsLimit }, func(c *Config) { c.Months = MonthsLimit + 1 }},
		{"BuildTicks", func(c *Config) { c.BuildTicks = 1 }, func(c *Config) { c.BuildTicks = 0 }},
		{"BuildTicks", func(c *Config) { c.BuildTicks = DurationLimit }, func(c *Config) { c.BuildTicks = DurationLimit + 1 }},
		{"TrayCap", func(c *Config) { c.TrayCap = 1 }, func(c *Config) { c.TrayCap = 0 }},
		{"TrayCap", func(c *Config) { c.TrayCap = TrayLimit }, func(c *Config) { c.TrayCap = TrayLimit + 1 }},
		{"DefectChancePermille", func(c *Config) { c.DefectChancePermille = 0 }, func(c *Config) { c.DefectChancePermille = -1 }},
		{"DefectChancePermille", func(c *Config) { c.DefectChancePermille = 1000 }, func(c *Config) { c.DefectChancePermille = 1001 }},
		{"UpgradeDowntimeTicks", func(c *Config) { c.UpgradeDowntimeTicks = 0 }, func(c *Config) { c.UpgradeDowntimeTicks = -1 }},
		{"BakeTicks", func(c *Config) { c.BakeTicks = 0 }, func(c *Config) { c.BakeTicks = -1 }},
		{"MaxBalls", func(c *Config) { c.MaxBalls, c.TargetBalls = 2, 2 }, func(c *Config) { c.MaxBalls, c.TargetBalls = 1, 1 }},
		{"MaxBalls", func(c *Config) { c.MaxBalls = MaxBallsLimit / 2 }, func(c *Config) { c.MaxBalls = MaxBallsLimit/2 + 1 }},
		// The longest catch window leaves no flight long enough.
		{"FlightTicks", func(c *Config) {
			c.CatchWindowTicks, c.FlightTicks, c.ReleaseFlightTicks = DurationLimit/2-1, DurationLimit, DurationLimit
		},
			func(c *Config) {
				c.CatchWindowTicks, c.FlightTicks, c.ReleaseFlightTicks = DurationLimit, DurationLimit, DurationLimit
			}},
		{"TargetBalls", func(c *Config) { c.TargetBalls = 1 }, func(c *Config) { c.TargetBalls = 0 }},
		{"TargetBalls", func(c *Config) { c.TargetBalls = c.MaxBalls }, func(c *Config) { c.TargetBalls = c.MaxBalls + 1 }},
		{"CatchWindowTicks", func(c *Config) { c.CatchWindowTicks = 0 }, func(c *Config) { c.CatchWindowTicks = -1 }},
		{"FlightTicks", func(c *Config) { c.FlightTicks = 2*c.CatchWindowTicks + 1 }, func(c *Config) { c.FlightTicks = 2 * c.CatchWindowTicks }},
		{"ReleaseFlightTicks", func(c *Config) { c.ReleaseFlightTicks = c.CatchWindowTicks + 1 }, func(c *Config) { c.ReleaseFlightTicks = c.CatchWindowTicks }},
		{"KPIWindowTicks", func(c *Config) { c.KPIWindowTicks = 1 }, func(c *Config) { c.KPIWindowTicks = 0 }},
		{"KPIWindowTicks", func(c *Config) { c.KPIWindowTicks = KPIWindowMax }, func(c *Config) { c.KPIWindowTicks = KPIWindowMax + 1 }},
		{"DevPay.PerFeature", func(c *Config) { c.DevPay.PerFeature = 0 }, func(c *Config) { c.DevPay.PerFeature = -1 }},
		{"OpsPay.Tiers[0].Bonus", func(c *Config) { c.OpsPay.Tiers[0].Bonus = 0 }, func(c *Config) { c.OpsPay.Tiers[0].Bonus = -1 }},
		{"OpsPay.Tiers[1].MinUptimePermille", func(c *Config) { c.OpsPay.Tiers[1].MinUptimePermille = 989 },
			func(c *Config) { c.OpsPay.Tiers[1].MinUptimePermille = 990 }},
		{"OpsPay.Tiers[0].MinUptimePermille", func(c *Config) { c.OpsPay.Tiers[0].MinUptimePermille = 1000 },
			func(c *Config) { c.OpsPay.Tiers[0].MinUptimePermille = 1001 }},
		{"DevBot.CalmBalls", func(c *Config) { c.DevBot.CalmBalls = 0 }, func(c *Config) { c.DevBot.CalmBalls = -1 }},
		{"DevBot.IntervalTicks", func(c *Config) { c.DevBot.IntervalTicks = 0 }, func(c *Config) { c.DevBot.IntervalTicks = -1 }},
		{"DevBot.BudgetReservePermille", func(c *Config) { c.DevBot.BudgetReservePermille = 1000 }, func(c *Config) { c.DevBot.BudgetReservePermille = 1001 }},
		{"OpsBot.SkillPermille", func(c *Config) { c.OpsBot.SkillPermille = 0 }, func(c *Config) { c.OpsBot.SkillPermille = -1 }},
		{"OpsBot.FreezeTicks", func(c *Config) { c.OpsBot.FreezeTicks = 0 }, func(c *Config) { c.OpsBot.FreezeTicks = -1 }},
		{"OpsBot.ReactionTicks", func(c *Config) { c.OpsBot.ReactionTicks = 0 }, func(c *Config) { c.OpsBot.ReactionTicks = -1 }},
		{"OpsBot.Response", func(c *Config) { c.OpsBot.Response = RollbackFirst }, func(c *Config) { c.OpsBot.Response = "panic" }},
		{"Release", func(c *Config) { c.Release = BlueGreen }, func(c *Config) { c.Release = "" }},
	} {
		c := DefaultConfig()
		tc.ok(&c)
		require.NoError(t, c.Validate(), "%s at its edge", tc.field)
		c = DefaultConfig()
		tc.bad(&c)
		var fe *FieldError
		require.True(t, errors.As(c.Validate(), &fe), "%s past its edge", tc.field)
		assert.Equal(t, tc.field, fe.Field)
		assert.Contains(t, fe.Error(), tc.field+" = ")
	}
	c := DefaultConfig()
	c.MaxBalls = 9
	assert.EqualError(t, c.Validate(), "MaxBalls = 9: must be in [2, 8]")
	c = DefaultConfig()
	c.Months = 0
	assert.EqualError(t, c.Validate(), "Months = 0: must be in [1, 120]")
	for _, g := range []Gatekeeping{ApproveAll, ApproveCalm, Freeze, RejectAll} {
		c := DefaultConfig()
		c.OpsBot.Gatekeeping = g
		assert.NoError(t, c.Validate(), g)
	}
	for _, m := range []Monitoring{MonitorNone, MonitorBottomUp, MonitorTopDown, MonitorBoth} {
		c := DefaultConfig()
		c.Monitoring = m
		assert.NoError(t, c.Validate(), m)
		assert.Equal(t, m == MonitorBottomUp || m == MonitorBoth, m.BottomUp())
		assert.Equal(t, m == MonitorTopDown || m == MonitorBoth, m.TopDown())
	}
	c = DefaultConfig()
	assert.Equal(t, Tick(6*1800), c.Ticks())
	c.SLOPermille = 980
	assert.Equal(t, int64(20*1800), c.ErrorBudgetPermilleTicks())
}

// TestNoDataBands: a round with no deploy and no incident has no lead time, change
// failure or restore band to give.
func TestNoDataBands(t *testing.T) {
	cfg := testConfig()
	cfg.Months = 1
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.Ticks())
	r := h.w.Result()
	require.Zero(t, r.Deploys)
	require.Zero(t, r.Incidents)
	assert.Equal(t, NoData, r.LeadTimeBand)
	assert.Equal(t, NoData, r.ChangeFailureBand)
	assert.Equal(t, NoData, r.RestoreBand)
	assert.Equal(t, Low, r.DeployBand, "no deploy is a deploy frequency: the lowest")
	assert.Equal(t, 1.0, r.Uptime)
}
