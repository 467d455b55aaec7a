package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/strategy"
)

// runOptions are the flags of jugglesim run.
type runOptions struct {
	preset, scenario string
	overrides
	seed               uint64
	months             int
	json, tickByTick   bool
	record, postmortem string
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", "jugglesim run [-preset NAME | -scenario FILE] [-seed N] [-months N] [-dev BOT] [-ops BOT] [-difficulty LEVEL] [-json] [-record FILE] [-postmortem FILE] [-tick-by-tick]", false)
	fs.StringVar(&o.preset, "preset", "silo", "the preset to play: "+strings.Join(sim.PresetNames(), ", "))
	fs.StringVar(&o.scenario, "scenario", "", "play a scenario file (TOML; see jugglesim scenario print) instead of a preset")
	fs.Uint64Var(&o.seed, "seed", 1, "the round's seed: the same seed gives the same round")
	fs.IntVar(&o.months, "months", 6, fmt.Sprintf("the round's length in 30-second months, 1 to %d; with -scenario, the file's months unless this is given", sim.MonthsLimit))
	fs.StringVar(&o.dev, "dev", "", "the dev bot, instead of the preset's, as NAME or bot:NAME (the game's form): "+strategy.BotNamesHelp(sim.Dev))
	fs.StringVar(&o.ops, "ops", "", "the ops bot, instead of the preset's, as NAME or bot:NAME (the game's form): "+strategy.BotNamesHelp(sim.Ops))
	difficultyFlag(fs, &o.difficulty)
	fs.BoolVar(&o.json, "json", false, "print one JSON object instead of the summary")
	fs.StringVar(&o.record, "record", "", "also write the round's replay to `FILE` (JSON Lines; check it with jugglesim replay)")
	fs.StringVar(&o.postmortem, "postmortem", "", "also write the round's blameless post-mortem to `FILE` (Markdown)")
	fs.BoolVar(&o.tickByTick, "tick-by-tick", false, "step the model at every tick instead of jumping over quiet ones (the same round, slower)")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	var cfg sim.Config
	var err error
	opt := bot.Options{Log: func(s string) { fmt.Fprintf(stderr, "jugglesim: %s\n", s) }}
	if o.scenario != "" {
		if fs.isSet("preset") {
			return usagef("run: -preset and -scenario: give one of them")
		}
		cfg, err = scenarioConfig(o.scenario, o.overrides, o.months, fs.isSet("months"))
		if err == nil {
			s, _ := scenario.Load(o.scenario) // read above: it loads
			opt.Strategies = s.Strategies
		}
	} else {
		cfg, err = configFor(o.preset, o.overrides, o.months)
	}
	if err != nil {
		return err
	}
	dev, ops := bot.ForConfigWith(cfg, o.seed, opt)
	round := bot.NewRound(cfg, o.seed, dev, ops)
	round.TickByTick = o.tickByTick
	var rec *replay.Recorder
	if o.record != "" {
		h := replay.NewHeader(cfg, o.seed, "jugglesim run", buildVersion())
		h.Players = map[string]string{"dev": strategy.BotPrefix + cfg.DevBot.Name, "ops": strategy.BotPrefix + cfg.OpsBot.Name}
		rec = replay.NewRecorder(h)
	}
	for !round.World.Done() {
		// On to the next tick with inputs, stopping at every checkpoint for the recorder.
		next := (round.World.Tick()/replay.CheckpointTicks + 1) * replay.CheckpointTicks
		in := round.Advance(next)
		if rec != nil {
			rec.Step(round.World, in)
		}
	}
	var recording func(io.Writer) error
	if rec != nil {
		recording = rec.Finish(round.World).Encode
	}
	if err := writeOutputs(
		output{"-record", o.record, recording},
		output{"-postmortem", o.postmortem, text(func() string {
			return report.PostMortem(round.World) + report.DecisionsSection(round.Choices())
		})},
	); err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		return enc.Encode(round.World.Result())
	}
	return writeSummary(stdout, round.World, botsOf(cfg), round.Choices())
}

// botsOf says which bots play a config's roles: "dev bot greedy, ops bot gatekeeper".
func botsOf(c sim.Config) string {
	return fmt.Sprintf("dev bot %s, ops bot %s", c.DevBot.Name, c.OpsBot.Name)
}

// writeSummary prints a round's outcome for people; who says who played, choices what
// the bots that play for their pay chose (none: nothing said).
func writeSummary(w io.Writer, world *sim.World, who string, choices []strategy.Decision) error {
	r := world.Result()
	cfg := world.Config()
	fmt.Fprintf(w, "Dev vs Ops: %s, seed %d, %s (rules %s)\n", r.Preset, r.Seed, report.Count(r.Months, "month"), r.RulesVersion)
	fmt.Fprintf(w, "  %s; %s\n\n", report.Practices(cfg), who)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Pay\tdev %s\tops %s\n", report.Dollars(r.DevPay), report.Dollars(r.OpsPay))
	fmt.Fprintf(tw, "Features shipped\t%d\treleased %d, deployed %d, rolled back %d\n", r.Shipped, r.Released, r.Deploys, r.Rollbacks)
	fmt.Fprintf(tw, "Uptime\t%.2f %%\t%s; %.1f hours fully down\n", 100*r.Uptime, report.Nines(r.Uptime), r.DowntimeHours)
	fmt.Fprintf(tw, "Incidents\t%d\t%d undetected; MTTD %.1f d, MTTA %.1f d, MTTR %.1f d\n", r.Incidents, r.Undetected, r.MTTDs, r.MTTAs, r.MTTRs)
	fmt.Fprintf(tw, "Drops\t%d\tlive %d, failed upgrades %d\n", r.Drops, r.LiveDrops, r.FailedUpgrades)
	fmt.Fprintf(tw, "Catches\t%d\t%.1f %% of the balls that reached a hand\n", r.Catches, 100*catchRate(&r))
	if cfg.Gate {
		fmt.Fprintf(tw, "Change requests\t%d\t%d approved\n", r.CRs, r.CRsApproved)
	}
	if cfg.Monitoring != sim.MonitorNone {
		// Alerts are bottom-up monitoring's; with the KPI alone there are none, and a
		// line of zero alerts read as if nothing had been detected.
		if cfg.Monitoring.BottomUp() {
			fmt.Fprintf(tw, "Alerts\t%d\tfrom the infrastructure (bottom-up), %d false positives\n", r.InfraAlerts, r.FalsePositives)
		}
		fmt.Fprintf(tw, "Missed\t%d\tincidents monitoring did not detect (false negatives); %d complaints\n", r.FalseNegatives, r.Complaints)
	} else {
		fmt.Fprintf(tw, "Complaints\t%d\tno monitoring: customers tell you\n", r.Complaints)
	}
	if cfg.ErrorBudget {
		fmt.Fprintf(tw, "Releases locked\t%.0f days\terror budget spent (SLO %.1f %%)\n", r.LockedDays, float64(cfg.SLOPermille)/10)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nDORA's four keys (1 s of play = 1 day)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  deployment frequency\t%.1f per month\t%s\n", r.DeploysPerMonth, r.DeployBand)
	fmt.Fprintf(tw, "  lead time for changes\t%.1f days\t%s\n", r.LeadTimeDays, r.LeadTimeBand)
	fmt.Fprintf(tw, "  change failure rate\t%.0f %%\t%s\n", 100*r.ChangeFailureRate, r.ChangeFailureBand)
	restore := ""
	if r.OpenIncidents > 0 {
		restore = fmt.Sprintf(" (%s still open at the end, counted up to it)", report.Count(r.OpenIncidents, "incident"))
	}
	fmt.Fprintf(tw, "  time to restore\t%.1f hours\t%s%s\n", r.TimeToRestoreHours, r.RestoreBand, restore)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nMonth by month\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  month\tshipped\tuptime\tincidents\tdev pay\tops pay\t\n")
	for _, m := range world.Statements() {
		fmt.Fprintf(tw, "  %d\t%d\t%.2f %%\t%d\t%s\t%s\t\n", m.Month+1, m.Shipped, 100*m.Uptime(), m.Incidents, report.Dollars(m.DevPay), report.Dollars(m.OpsPay))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(choices) > 0 {
		fmt.Fprintf(w, "\nBots that played for their pay\n")
		for _, c := range choices {
			line := report.ChoiceLine(c)
			if c.Closed {
				line += fmt.Sprintf(" The month paid it %s.", report.Dollars(c.Pay))
			}
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	_, err := fmt.Fprintf(w, "\nState hash %s\n", r.StateHash)
	return err
}

// practices describes a config's practices and bots in one line.
func practices(c sim.Config) string { return report.Practices(c) + "; " + botsOf(c) }
