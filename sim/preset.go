package sim

import (
	"fmt"
	"slices"
	"strings"
)

// DefaultConfig returns the model's default durations and chances with the lecture's
// practices and pay (it is the "silo" preset). The values were chosen by playtesting and
// by sweeps over many seeds (README.md, "Calibration").
func DefaultConfig() Config {
	return Config{
		Name:       "silo",
		MonthTicks: 30 * TicksPerSecond,
		Months:     6,

		BuildTicks:           3 * TicksPerSecond,
		TrayCap:              3,
		DefectChancePermille: 250,
		TestHalvingTicks:     TicksPerSecond,
		ReworkTicks:          TicksPerSecond * 3 / 2,

		Gate:           true,
		CRTimeoutTicks: 4 * TicksPerSecond,
		Release:        InPlace,
		Monitoring:     MonitorNone,
		ErrorBudget:    false,
		SLOPermille:    980,

		TargetBalls:          2,
		MaxBalls:             6,
		CatchWindowTicks:     7,
		FlightTicks:          TicksPerSecond,
		ReleaseFlightTicks:   TicksPerSecond * 3 / 4,
		RecoverTicks:         TicksPerSecond * 4 / 5,
		UpgradeDowntimeTicks: 6,

		DefectErrorPermille: 300,
		BakeTicks:           3 * TicksPerSecond,

		ComplaintDelayTicks:  2 * TicksPerSecond,
		KPIWindowTicks:       TicksPerSecond / 2,
		KPIThresholdPermille: 990,

		DevPay: PayScheme{PerFeature: 100},
		OpsPay: PayScheme{Tiers: []Tier{{990, 1000}, {950, 500}}},

		DevBot: MustDevBotSpec("greedy"),
		OpsBot: OpsBotSpec{
			Name: "gatekeeper", SkillPermille: 700, Gatekeeping: Freeze,
			FreezeTicks: 7 * TicksPerSecond, Response: RecoverFirst, ReactionTicks: TicksPerSecond / 2,
		},
	}
}

// sharedPay is the devops and sre pay: both roles paid the same blend of features and uptime.
func sharedPay() PayScheme {
	return PayScheme{PerFeature: 50, Tiers: []Tier{{990, 500}, {950, 250}}}
}

// presets are the named configurations (docs/model.md, "Presets"); their names are part of the interface.
var presets = map[string]func() Config{
	// silo is the lecture: dev paid per feature, ops paid by uptime, change-request gate,
	// in-place releases, no monitoring.
	"silo": DefaultConfig,
	// devops: both paid the same blend, no gate, top-down monitoring.
	"devops": func() Config {
		c := DefaultConfig()
		c.Name = "devops"
		c.Gate = false
		c.Monitoring = MonitorTopDown
		c.DevPay, c.OpsPay = sharedPay(), sharedPay()
		c.DevBot = MustDevBotSpec("tester")
		c.OpsBot = OpsBotSpec{
			Name: "partner", SkillPermille: 700, Gatekeeping: ApproveAll,
			Response: RollbackFirst, ReactionTicks: TicksPerSecond / 2,
		}
		return c
	},
	// sre: shared pay plus an error budget that locks releases for the rest of a month.
	"sre": func() Config {
		c := DefaultConfig()
		c.Name = "sre"
		c.Gate = false
		c.Monitoring = MonitorBoth
		c.ErrorBudget = true
		c.DevPay, c.OpsPay = sharedPay(), sharedPay()
		c.DevBot = MustDevBotSpec("budget")
		c.OpsBot = OpsBotSpec{
			Name: "sre", SkillPermille: 700, Gatekeeping: ApproveAll,
			Response: RollbackFirst, ReactionTicks: TicksPerSecond / 2,
		}
		return c
	},
	// bluegreen: silo pay and gate, blue/green releases.
	"bluegreen": func() Config {
		c := DefaultConfig()
		c.Name = "bluegreen"
		c.Release = BlueGreen
		return c
	},
}

// PresetNames lists the presets in a stable order.
func PresetNames() []string { return []string{"silo", "devops", "sre", "bluegreen"} }

// Preset returns the named preset's config.
func Preset(name string) (Config, error) {
	f, ok := presets[name]
	if !ok {
		return Config{}, fmt.Errorf("%w %q (choose from %s)", ErrUnknownPreset, name, strings.Join(PresetNames(), ", "))
	}
	return f(), nil
}

// devBots are the named dev bots' specs (docs/model.md, "Bots").
var devBots = map[string]DevBotSpec{
	"greedy":  {Name: "greedy"},
	"paced":   {Name: "paced", IntervalTicks: 6 * TicksPerSecond},
	"careful": {Name: "careful", CalmBalls: 2},
	"tester":  {Name: "tester", TestTicks: 2 * TicksPerSecond, CalmBalls: 2},
	"budget":  {Name: "budget", TestTicks: 2 * TicksPerSecond, CalmBalls: 2, BudgetReservePermille: 400},
	// novice is a first-time person (sim/bot's Novice): it releases each feature a
	// reaction time after the screen says it is ready; the other fields do not apply.
	"novice": {Name: "novice"},
}

// DevBotNames lists the named dev strategies.
func DevBotNames() []string {
	return []string{"greedy", "paced", "careful", "tester", "budget", "novice"}
}

// DevBotSpecFor returns the parameters of a named dev strategy.
func DevBotSpecFor(name string) (DevBotSpec, error) {
	s, ok := devBots[name]
	if !ok {
		return DevBotSpec{}, fmt.Errorf("unknown dev bot %q (choose from %s)", name, strings.Join(DevBotNames(), ", "))
	}
	return s, nil
}

// MustDevBotSpec is DevBotSpecFor for names known to be valid; it panics otherwise.
func MustDevBotSpec(name string) DevBotSpec {
	s, err := DevBotSpecFor(name)
	if err != nil {
		panic(err)
	}
	return s
}

// opsBots are the named ops bots; each preset's default is among them.
var opsBots = map[string]func() OpsBotSpec{
	"gatekeeper": func() OpsBotSpec { return DefaultConfig().OpsBot },
	"partner":    func() OpsBotSpec { c, _ := Preset("devops"); return c.OpsBot },
	"sre":        func() OpsBotSpec { c, _ := Preset("sre"); return c.OpsBot },
	"cowboy": func() OpsBotSpec {
		return OpsBotSpec{Name: "cowboy", SkillPermille: 700, Gatekeeping: ApproveAll, Response: RecoverFirst, ReactionTicks: TicksPerSecond / 2}
	},
	"wall": func() OpsBotSpec {
		return OpsBotSpec{Name: "wall", SkillPermille: 700, Gatekeeping: RejectAll, Response: RecoverFirst, ReactionTicks: TicksPerSecond / 2}
	},
	// The novices are first-time people (sim/bot's Novice): ReactionTicks is their median
	// reaction time (250 ms), SkillPermille sets their timing error on a beat they see
	// coming ((1000 - skill)/100 ticks standard deviation: 50 ms), Gatekeeping how they
	// answer change requests; they respond to incidents as the screen's prompts say, so
	// Response does not apply. novice-nocue plays the screen without approach cues and
	// prompts: it reacts to a catch ring lighting up and approves what it sees.
	"novice": func() OpsBotSpec {
		return OpsBotSpec{Name: "novice", SkillPermille: 700, Gatekeeping: ApproveCalm, FreezeTicks: 7 * TicksPerSecond,
			Response: RollbackFirst, ReactionTicks: TicksPerSecond / 4}
	},
	"novice-nocue": func() OpsBotSpec {
		return OpsBotSpec{Name: "novice-nocue", SkillPermille: 700, Gatekeeping: ApproveAll, Response: RecoverFirst, ReactionTicks: TicksPerSecond / 4}
	},
}

// IsNovice reports whether a bot's name names a novice: a bot that plays as a first-time
// person does (sim/bot's Novice), not a strategy with parameters. Its spec's fields mean
// what their docs say for novices, and strategy spaces leave it out.
func IsNovice(name string) bool { return name == "novice" || name == "novice-nocue" }

// OpsBotNames lists the named ops bots.
func OpsBotNames() []string {
	names := make([]string, 0, len(opsBots))
	for n := range opsBots {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// OpsBotSpecFor returns the parameters of a named ops bot.
func OpsBotSpecFor(name string) (OpsBotSpec, error) {
	f, ok := opsBots[name]
	if !ok {
		return OpsBotSpec{}, fmt.Errorf("unknown ops bot %q (choose from %s)", name, strings.Join(OpsBotNames(), ", "))
	}
	return f(), nil
}
