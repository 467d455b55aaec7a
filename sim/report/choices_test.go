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

func TestMonthBriefAndDebrief(t *testing.T) {
	cs := []strategy.Decision{
		{Role: sim.Dev, Bot: strategy.Learner, Month: 0, Strategy: "test=1s", Pay: 200, Closed: true, Why: "a neutral start"},
		{Role: sim.Dev, Bot: strategy.Learner, Month: 1, Strategy: "greedy", Pay: 300, Closed: true,
			Changes: []strategy.Change{{Axis: "test", From: "1s", To: "0s", FromPay: 200, FromMonths: 1},
				{Axis: "hold", From: "calm", To: "off", FromPay: 200, FromMonths: 1}}},
		{Role: sim.Ops, Bot: strategy.Equilibrium, Month: 0, Strategy: "gate=reject-all,response=rollback", Why: "silo's equilibrium"},
	}
	assert.Equal(t, []string{
		"Dev learner: started with test=1s, a neutral start.",
		"Ops plays gate=reject-all,response=rollback, its strategy in the game's equilibrium.",
	}, MonthBrief(cs, 0))
	assert.Equal(t, []string{
		"Dev learner: stopped testing; a first try (+1 change).",
		"Ops plays gate=reject-all,response=rollback, its strategy in the game's equilibrium.",
	}, MonthBrief(cs, 1))
	// The longest brief lines fit the statement's panel.
	long := []strategy.Decision{{Role: sim.Ops, Bot: strategy.Learner, Month: 1, Strategy: "x", Changes: []strategy.Change{
		{Axis: "gate", From: "reject-all", To: "approve-calm", FromPay: 1_000_000, ToPay: 500, FromMonths: 1, ToMonths: 1}, {}, {}}}}
	for _, l := range append(append(MonthBrief(cs, 0), MonthBrief(cs, 1)...), MonthBrief(long, 1)...) {
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
