package report

import (
	"fmt"
	"regexp"
	"strconv"
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

// playedWith plays a preset with other bots ("" keeps the preset's) and, when months > 0,
// another length.
func playedWith(t *testing.T, preset, dev, ops string, months int, seed uint64) *sim.World {
	t.Helper()
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	if dev != "" {
		cfg.DevBot, err = sim.DevBotSpecFor(dev)
		require.NoError(t, err)
	}
	if ops != "" {
		cfg.OpsBot, err = sim.OpsBotSpecFor(ops)
		require.NoError(t, err)
	}
	if months > 0 {
		cfg.Months = months
	}
	r := bot.NewBotRound(cfg, seed)
	r.Run()
	return r.World
}

// timelineRows returns the timeline table's rows by incident number, each as its cells.
func timelineRows(pm string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range strings.Split(pm, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| #") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[0]] = cells
	}
	return rows
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

func TestPostMortemTimelineCountsFromTheIncidentsStart(t *testing.T) {
	for _, tc := range []struct {
		name, preset, dev, ops string
		months                 int
		seed                   uint64
		row                    string // one row's cells from "detected" on, as printed
		id                     string
	}{
		{"ack after detection", "silo", "", "", 0, 7,
			"+2 d (customer complaint) | +2 d 12 h | +4 d 6 h | 4 d 6 h | 0.0 %", "2"},
		{"ack after the end", "silo", "", "partner", 1, 1,
			"+2 d (customer complaint) | +2 d 12 h (after it ended) | +2 d | 2 d | 0.0 %", "5"},
		{"still open", "devops", "careful", "cowboy", 0, 3,
			"+0 min (KPI alert) | +12 h 24 min | still open | 98 d 7 h so far | 0.0 %", "30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := playedWith(t, tc.preset, tc.dev, tc.ops, tc.months, tc.seed)
			pm := PostMortem(w)
			assert.Contains(t, pm, "Detected, acknowledged and resolved count from each incident's start.")
			assert.Contains(t, pm, "| detected | acknowledged | resolved | lasted | lowest availability |")
			rows := timelineRows(pm)
			require.Contains(t, rows, tc.id, "reproduce with -seed=%d", tc.seed)
			assert.Equal(t, tc.row, strings.Join(rows[tc.id][3:], " | "), "reproduce with -seed=%d", tc.seed)
			for _, in := range w.Incidents() {
				cells, ok := rows[fmt.Sprint(in.ID)]
				if !ok {
					continue
				}
				if in.Acknowledged >= 0 {
					assert.True(t, strings.HasPrefix(cells[4], "+"+Duration(in.Acknowledged-in.Start)),
						"incident %d: acknowledged %q counts from its start", in.ID, cells[4])
				}
				if in.Resolved >= 0 {
					assert.Equal(t, "+"+Duration(in.Resolved-in.Start), cells[5], "incident %d", in.ID)
				}
			}
		})
	}
}

// detectionNumbers reads from a post-mortem how many incidents bottom-up monitoring saw,
// how many of those it saw without an alert, and how many alerts fired while customers
// were affected.
func detectionNumbers(t *testing.T, pm string) (seen, silent, affected int) {
	t.Helper()
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		return n
	}
	if m := regexp.MustCompile(`, (\d+) were seen by infrastructure \(bottom-up\) monitoring`).FindStringSubmatch(pm); m != nil {
		seen = atoi(m[1])
	} else if strings.Contains(pm, "The only incident was seen by infrastructure (bottom-up) monitoring") {
		seen = 1
	}
	if m := regexp.MustCompile(`among them (\d+) in-place restarts? for an upgrade or rollback`).FindStringSubmatch(pm); m != nil {
		silent = atoi(m[1])
	} else if strings.Contains(pm, "(it was an in-place restart for an upgrade or rollback") {
		silent = 1
	}
	fired := regexp.MustCompile(`Bottom-up alerts fired (once|twice|\d+ times)[:,] (?:(\d+) while customers were affected|(each time )?while customers were (affected|fine))`)
	if m := fired.FindStringSubmatch(pm); m != nil {
		switch {
		case m[2] != "":
			affected = atoi(m[2])
		case m[4] == "affected":
			affected = map[string]int{"once": 1, "twice": 2}[m[1]]
			if affected == 0 {
				affected = atoi(strings.TrimSuffix(m[1], " times"))
			}
		}
	}
	return seen, silent, affected
}

func TestPostMortemDetectionAgreesWithTheAlerts(t *testing.T) {
	for _, mon := range []sim.Monitoring{sim.MonitorBoth, sim.MonitorBottomUp} {
		for _, ops := range []string{"sre", "cowboy", "wall"} {
			for seed := uint64(1); seed <= 10; seed++ {
				cfg, err := sim.Preset("sre")
				require.NoError(t, err)
				cfg.Monitoring = mon
				cfg.OpsBot, err = sim.OpsBotSpecFor(ops)
				require.NoError(t, err)
				r := bot.NewBotRound(cfg, seed)
				r.Run()
				pm := PostMortem(r.World)
				why := fmt.Sprintf("%s monitoring, ops %s: reproduce with -seed=%d", mon, ops, seed)
				assert.NotContains(t, pm, "infrastructure alerts", why)

				var restarts int
				for _, in := range r.World.Incidents() {
					if in.DetectedBy == sim.DetectedByInfra && in.Cause == sim.CauseUpgrade {
						restarts++
						if in.Causes != 1<<sim.CauseUpgrade {
							assert.Contains(t, pm, fmt.Sprintf("| %d | %s | %s | +0 min (infrastructure panel, no bottom-up alert) |",
								in.ID, Clock(in.Start, cfg.MonthTicks), causes(&in)), why)
						}
					}
				}
				seen, silent, affected := detectionNumbers(t, pm)
				assert.Equal(t, restarts, silent, "restarts seen without an alert; %s", why)
				assert.LessOrEqual(t, seen-silent, affected,
					"every other incident bottom-up monitoring saw came with an alert while customers were affected; %s", why)
			}
		}
	}
}

func TestPostMortemSaysHowRestartsWereNoticed(t *testing.T) {
	for _, tc := range []struct {
		preset, dev, ops string
		seed             uint64
		want, not        string
	}{
		{"sre", "", "", 417,
			"16 in-place upgrades restarted the service for 2 h 24 min each (all showed on the infrastructure panel without a bottom-up alert).",
			"raised an alert"},
		{"devops", "careful", "cowboy", 3,
			"19 in-place upgrades restarted the service for 2 h 24 min each (all raised a KPI alert).", ""},
		{"silo", "", "", 7,
			"20 in-place upgrades restarted the service for 2 h 24 min each. The other incidents are listed below.",
			"(0 of them"},
	} {
		pm := PostMortem(playedWith(t, tc.preset, tc.dev, tc.ops, 0, tc.seed))
		assert.Contains(t, pm, tc.want, "%s: reproduce with -seed=%d", tc.preset, tc.seed)
		if tc.not != "" {
			assert.NotContains(t, pm, tc.not, "%s: reproduce with -seed=%d", tc.preset, tc.seed)
		}
	}
	sre := PostMortem(played(t, "sre", 417))
	assert.Contains(t, sre, "Of 19 incidents, 19 were seen by infrastructure (bottom-up) monitoring (among them 16 in-place restarts for an upgrade or rollback, which the infrastructure panel shows without raising a bottom-up alert).")
	assert.Contains(t, sre, "Bottom-up alerts fired 55 times: 5 while customers were affected and 50 while they were fine (false positives).")
}

func TestPostMortemSummaryNamesTheLongestIncident(t *testing.T) {
	for _, tc := range []struct {
		name, preset, dev, ops string
		months                 int
		seed                   uint64
		want                   string
	}{
		{"longest still open", "devops", "careful", "cowboy", 0, 3,
			"There were **30 incidents**; the longest, still open when the round ended, had lasted 98 d 7 h (in-place upgrade, then defect)."},
		{"open but not the longest", "bluegreen", "", "", 0, 11,
			"There were **8 incidents**; the longest lasted 4 d 4 h (defect)."},
		{"the only one, open", "bluegreen", "", "gatekeeper", 1, 43,
			"There was **1 incident**; it was still open when the round ended, after 3 d 20 h (defect)."},
		{"the only one", "bluegreen", "", "gatekeeper", 1, 2,
			"There was **1 incident**; it lasted 4 d (defect)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pm := PostMortem(playedWith(t, tc.preset, tc.dev, tc.ops, tc.months, tc.seed))
			assert.Contains(t, pm, tc.want, "reproduce with -seed=%d", tc.seed)
			assert.NotContains(t, pm, "lasted still open")
		})
	}
}

func TestPostMortemWording(t *testing.T) {
	for _, tc := range []struct {
		name, preset, dev, ops string
		months                 int
		seed                   uint64
		want, not              []string
	}{
		{"a quiet round", "bluegreen", "", "wall", 0, 1,
			[]string{"There were **0 incidents**.", "- Production was never down, and no request failed.",
				"Monitoring: **none**. There was no incident to detect.\n", "There was no incident, so nothing to restore. Ops rolled back"},
			[]string{"Of 0 incidents", "0 min (DORA", "Fully down for 0 min", "Mean time"}},
		{"the only incident still open", "bluegreen", "", "gatekeeper", 1, 43,
			[]string{"No incident was resolved before the round ended: counted up to the end, the mean time to restore is at least 3 d 20 h (DORA: medium)."},
			[]string{"(DORA: n/a)"}},
		{"an open incident counted up to the end", "devops", "careful", "cowboy", 0, 3,
			// 17 h 36 min for the 29 resolved; the 30th had lasted 98 d 7 h at the end.
			[]string{"Mean time to restore: 4 d (DORA: medium), counting the 1 incident still open at the end up to the end."}, nil},
		{"one restart and no monitoring", "silo", "", "partner", 1, 10,
			[]string{"1 in-place upgrade restarted the service for 2 h 24 min. The other incidents are listed below."},
			[]string{"(0 of them", "2 h 24 min each ("}},
		{"a round's lost bonus", "silo", "", "", 0, 7,
			// The top bonus is $1,000 a month and ops was paid $2,000 in six months.
			[]string{"- Ops lost $4,000 of uptime bonus against a round without downtime.\n", "ops $2,000."},
			[]string{"against a month"}},
		{"the one ball dropped was live", "bluegreen", "", "", 0, 12,
			[]string{"- 1 ball was dropped in all: the live version.\n"}, []string{"1 of them"}},
		{"the one ball dropped was not live", "bluegreen", "", "", 0, 1,
			[]string{"- 1 ball was dropped in all, not the live version.\n"}, []string{"0 of them"}},
		{"nothing but restarts", "sre", "", "", 1, 1,
			[]string{"restarted the service for 2 h 24 min each (all showed on the infrastructure panel without a bottom-up alert). Nothing else happened.\n\n## Detection"},
			[]string{"\n\n\n"}},
		{"locked for a while", "sre", "", "", 0, 417,
			[]string{"6. The error budget locked releases for 57 d 1 h. Was that time well spent?"}, []string{" days."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pm := PostMortem(playedWith(t, tc.preset, tc.dev, tc.ops, tc.months, tc.seed))
			for _, s := range tc.want {
				assert.Contains(t, pm, s, "reproduce with -seed=%d", tc.seed)
			}
			for _, s := range tc.not {
				assert.NotContains(t, pm, s, "reproduce with -seed=%d", tc.seed)
			}
		})
	}
}

func TestCountsReadRight(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{alertsFired(0, 0), "Bottom-up alerts never fired."},
		{alertsFired(1, 0), "Bottom-up alerts fired once, while customers were affected."},
		{alertsFired(1, 1), "Bottom-up alerts fired once, while customers were fine (a false positive)."},
		{alertsFired(2, 0), "Bottom-up alerts fired twice, each time while customers were affected."},
		{alertsFired(3, 3), "Bottom-up alerts fired 3 times, each time while customers were fine (false positives)."},
		{alertsFired(3, 1), "Bottom-up alerts fired 3 times: 2 while customers were affected and 1 while they were fine (a false positive)."},
		{alertsFired(55, 50), "Bottom-up alerts fired 55 times: 5 while customers were affected and 50 while they were fine (false positives)."},
		{falseNegatives(0), "No incident got past the monitoring."},
		{falseNegatives(1), "1 incident got past the monitoring (a false negative)."},
		{falseNegatives(4), "4 incidents got past the monitoring (false negatives)."},
		{list([]string{"a"}), "a"},
		{list([]string{"a", "b"}), "a and b"},
		{list([]string{"a", "b", "c"}), "a, b, and c"},
		{Count(1, "incident"), "1 incident"},
		{Count(int32(0), "incident"), "0 incidents"},
	} {
		assert.Equal(t, tc.want, tc.got)
	}
}

func TestPracticesNameBothKindsOfMonitoring(t *testing.T) {
	cfg, err := sim.Preset("sre")
	require.NoError(t, err)
	assert.Equal(t, "no change-request gate, in-place releases, bottom-up and top-down monitoring, an error budget (SLO 98.0 %)", Practices(cfg))
	assert.Contains(t, PostMortem(played(t, "sre", 417)), "Monitoring: **bottom-up and top-down**. ")
	cfg, err = sim.Preset("silo")
	require.NoError(t, err)
	assert.Equal(t, "a change-request gate, in-place releases, no monitoring, no error budget", Practices(cfg))
}

// The summary counts features in words that agree with the count: "1 feature" (a
// play-tester read "dev shipped 1 features" in the debrief).
func TestPostMortemSummaryPlural(t *testing.T) {
	w := playedWith(t, "silo", "", "", 1, 19)
	require.Equal(t, int32(1), w.Result().Shipped, "silo, one month, seed 19 ships one feature")
	pm := PostMortem(w)
	assert.Contains(t, pm, "dev shipped **1 feature**")
	assert.NotContains(t, pm, "1 features")
}
