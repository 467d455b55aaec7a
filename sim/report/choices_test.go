package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

func TestChoiceLine(t *testing.T) {
	for _, tc := range []struct {
		c    strategy.Decision
		want string
	}{
		{strategy.Decision{Role: sim.Dev, Bot: strategy.Learner, Month: 1, Strategy: "greedy",
			Changes: []strategy.Change{{Axis: "test", From: "1s", To: "0s", FromPay: 1200, ToPay: 1500, FromMonths: 1, ToMonths: 1}}},
			"In month 2 dev stopped testing: test=0s had earned it $300 a month more than test=1s ($1,500 against $1,200)."},
		{strategy.Decision{Role: sim.Dev, Bot: strategy.Learner, Month: 2, Strategy: "test=2s",
			Changes: []strategy.Change{{Axis: "test", From: "0s", To: "2s", FromPay: 300, FromMonths: 2}}},
			"In month 3 dev started testing each feature 2 s: it had never tried test=2s (test=0s had paid it $300 a month)."},
		{strategy.Decision{Role: sim.Ops, Bot: strategy.Learner, Month: 4, Strategy: "gate=approve-all,response=recover",
			Changes: []strategy.Change{{Axis: "gate", From: "reject-all", To: "approve-all", FromPay: 1000, ToPay: 500, FromMonths: 3, ToMonths: 1}}},
			"In month 5 ops approved every change: a draw to learn more, though gate=approve-all had earned it $500 a month less than gate=reject-all ($500 against $1,000)."},
		{strategy.Decision{Role: sim.Ops, Bot: strategy.Learner, Month: 0, Strategy: "response=recover", Why: "a neutral start"},
			"In month 1 ops played response=recover: a neutral start."},
		{strategy.Decision{Role: sim.Dev, Bot: strategy.Learner, Month: 3, Strategy: "test=1s"},
			"In month 4 dev kept test=1s."},
		{strategy.Decision{Role: sim.Dev, Bot: strategy.Equilibrium, Strategy: "test=1s", Why: "its strategy in silo's equilibrium"},
			"Dev plays test=1s: its strategy in silo's equilibrium."},
	} {
		assert.Equal(t, tc.want, ChoiceLine(tc.c))
	}
}

// TestStrategyWords: the month's statement says what a learner plays in words, not in
// its strategy's name (a class read "gate=approve-calm,response=rollback").
func TestStrategyWords(t *testing.T) {
	for name, want := range map[string]string{
		"gate=approve-calm,response=rollback":    "approves when calm, rolls back first",
		"interval=6s,test=2s":                    "paces releases 6 s, tests 2 s",
		"response=recover,react=1s":              "recovers first, reacts in 1 s",
		"test=0s,hold=off":                       "skips testing, never holds",
		"gate=freeze,freeze=7s,response=recover": "freezes 7 s after incidents, recovers first",
		"gate=freeze":                            "freezes after incidents",
		"reserve=0.2":                            "keeps 20 % of its budget",
		"greedy":                                 "plays like the greedy bot",
		"odd=3":                                  "odd=3",
	} {
		assert.Equal(t, want, StrategyWords(name), name)
	}
}

func TestMonthBriefAndDebrief(t *testing.T) {
	cs := []strategy.Decision{
		{Role: sim.Dev, Bot: strategy.Learner, Month: 0, Strategy: "test=1s", Pay: 200, Closed: true, Why: "a neutral start"},
		{Role: sim.Dev, Bot: strategy.Learner, Month: 1, Strategy: "greedy", Pay: 300, Closed: true,
			Changes: []strategy.Change{{Axis: "test", From: "1s", To: "0s", FromPay: 200, FromMonths: 1},
				{Axis: "hold", From: "calm", To: "off", FromPay: 200, FromMonths: 1}}},
		{Role: sim.Ops, Bot: strategy.Equilibrium, Month: 0, Strategy: "gate=reject-all,response=rollback", Why: "silo's equilibrium"},
	}
	assert.Equal(t, []string{
		"Dev learner: tests 1 s.",
		"Ops plays the game's equilibrium: rejects all changes, rolls back first.",
	}, MonthBrief(cs, 0))
	assert.Equal(t, []string{
		"Dev learner: stopped testing; a first try (+1 change).",
		"Ops plays the game's equilibrium: rejects all changes, rolls back first.",
	}, MonthBrief(cs, 1))
	// The longest brief lines fit the statement's panel.
	long := []strategy.Decision{{Role: sim.Ops, Bot: strategy.Learner, Month: 1, Strategy: "x", Changes: []strategy.Change{
		{Axis: "gate", From: "reject-all", To: "approve-calm", FromPay: 1_000_000, ToPay: 500, FromMonths: 1, ToMonths: 1}, {}, {}}}}
	// The longest starts: every axis of dev's and of ops', at the default grids' values
	// (a reserve besides).
	first := []strategy.Decision{
		{Role: sim.Dev, Bot: strategy.Learner, Strategy: "interval=6s,test=2s,hold=calm,reserve=0.25"},
		{Role: sim.Ops, Bot: strategy.Learner, Strategy: "gate=freeze,freeze=15s,response=recover,react=1s"},
	}
	for _, l := range append(append(append(MonthBrief(cs, 0), MonthBrief(cs, 1)...), MonthBrief(long, 1)...), MonthBrief(first, 0)...) {
		assert.LessOrEqual(t, len(l), 90, "a short line: %s", l)
	}
	assert.Equal(t, []string{
		"Dev learned from its pay, month by month: 1 test=1s ($200), 2 greedy ($300). Played most: test=1s (1 month).",
		"Ops played gate=reject-all,response=rollback all round: silo's equilibrium.",
	}, RoundChoices(cs))
	md := DecisionsSection(cs)
	assert.True(t, strings.HasPrefix(md, "\n## What the bots that play for their pay chose\n\n- Dev learned"), md)
	assert.Contains(t, md, "- In month 2 dev stopped testing: it had never tried test=0s")
	assert.Empty(t, DecisionsSection(nil))
}
