package report

// The words for what the bots that play for their pay (sim/bot's equilibrium and
// learner bots) chose and why: the game's month statement and debrief, and jugglesim run.

import (
	"fmt"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// ChoiceLine says in one sentence what a bot chose for its month and why: "In month 2
// dev stopped testing: months testing 1 s had paid it $300 less ($1,200 a month against
// $1,500)."
func ChoiceLine(c strategy.Decision) string {
	who := c.Role.String()
	if len(c.Changes) == 0 {
		switch {
		case c.Bot == "learner" && c.Month == 0:
			return fmt.Sprintf("In month 1 %s played %s: %s.", who, c.Strategy, c.Why)
		case c.Why != "":
			return fmt.Sprintf("%s plays %s: %s.", capital(who), c.Strategy, c.Why)
		case c.Month == 0:
			return fmt.Sprintf("%s starts with %s.", capital(who), c.Strategy)
		}
		return fmt.Sprintf("In month %d %s kept %s.", c.Month+1, who, c.Strategy)
	}
	var parts []string
	for _, ch := range c.Changes {
		parts = append(parts, changeWords(ch)+": "+changeWhy(ch))
	}
	return fmt.Sprintf("In month %d %s %s.", c.Month+1, who, strings.Join(parts, "; and "))
}

// changeWords says what a change of one axis does: "stopped testing".
func changeWords(ch strategy.Change) string {
	seconds := func(v string) string { return strings.TrimSuffix(v, "s") + " s" }
	switch ch.Axis {
	case "test":
		switch {
		case ch.To == "0s":
			return "stopped testing"
		case ch.From == "0s":
			return "started testing each feature " + seconds(ch.To)
		}
		return fmt.Sprintf("tested each feature %s instead of %s", seconds(ch.To), seconds(ch.From))
	case "interval":
		if ch.To == "0s" {
			return "stopped pacing its releases"
		}
		return "released at most once every " + seconds(ch.To)
	case "hold":
		if ch.To == "off" {
			return "stopped holding releases while production is busy"
		}
		return "held releases while production is busy"
	case "reserve":
		if ch.To == "0" {
			return "stopped keeping an error budget reserve"
		}
		return "kept " + ch.To + " of the error budget in reserve"
	case "gate":
		switch ch.To {
		case "reject-all":
			return "rejected every change"
		case "approve-all":
			return "approved every change"
		case "approve-calm":
			return "approved changes only while production is calm"
		case "freeze":
			return "froze changes after incidents and changes"
		}
	case "response":
		return "answered incidents by " + map[string]string{"rollback": "rolling back first", "recover": "recovering first"}[ch.To]
	case "react":
		return "reacted in " + seconds(ch.To) + " instead of " + seconds(ch.From)
	}
	return fmt.Sprintf("changed %s from %s to %s", ch.Axis, ch.From, ch.To)
}

// changeWhy says what pay a learner had seen with both values.
func changeWhy(ch strategy.Change) string {
	from, to := ch.Axis+"="+ch.From, ch.Axis+"="+ch.To
	switch {
	case ch.ToMonths == 0:
		return fmt.Sprintf("it had never tried %s (%s had paid it %s a month)", to, from, Dollars(ch.FromPay))
	case ch.FromMonths == 0:
		return fmt.Sprintf("%s had paid it %s a month", to, Dollars(ch.ToPay))
	case ch.ToPay > ch.FromPay:
		return fmt.Sprintf("%s had earned it %s a month more than %s (%s against %s)", to, Dollars(ch.ToPay-ch.FromPay), from,
			Dollars(ch.ToPay), Dollars(ch.FromPay))
	case ch.ToPay < ch.FromPay:
		return fmt.Sprintf("a draw to learn more, though %s had earned it %s a month less than %s (%s against %s)", to,
			Dollars(ch.FromPay-ch.ToPay), from, Dollars(ch.ToPay), Dollars(ch.FromPay))
	}
	return fmt.Sprintf("%s and %s had paid it the same, %s a month", to, from, Dollars(ch.ToPay))
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// MonthChoices are the sentences for a month's statement: for each bot that played for
// its pay in the month, what it chose and why, and what the month paid it.
func MonthChoices(cs []strategy.Decision, month int) []string {
	var out []string
	for _, c := range cs {
		if c.Month != month && !(c.Bot == "equilibrium" && month >= c.Month) {
			continue
		}
		line := ChoiceLine(c)
		if c.Bot == "equilibrium" && month > c.Month {
			line = fmt.Sprintf("%s plays %s all round (the equilibrium bot).", capital(c.Role.String()), c.Strategy)
		}
		if c.Closed && c.Month == month {
			line += fmt.Sprintf(" The month paid it %s.", Dollars(c.Pay))
		}
		out = append(out, line)
	}
	return out
}

// RoundChoices are the sentences for a round's debrief: for each bot that played for
// its pay, the strategies it played month by month with their pay, and the one it
// played most.
func RoundChoices(cs []strategy.Decision) []string {
	var out []string
	for _, role := range []sim.Role{sim.Dev, sim.Ops} {
		var months []string
		count := map[string]int{}
		most, bot, why := "", "", ""
		for _, c := range cs {
			if c.Role != role {
				continue
			}
			bot = c.Bot
			if c.Bot == "equilibrium" {
				why = c.Why
				most = c.Strategy
				continue
			}
			m := fmt.Sprintf("%d %s", c.Month+1, c.Strategy)
			if c.Closed {
				m += " (" + Dollars(c.Pay) + ")"
			}
			months = append(months, m)
			count[c.Strategy]++
			if most == "" || count[c.Strategy] > count[most] {
				most = c.Strategy
			}
		}
		switch {
		case bot == "equilibrium":
			out = append(out, fmt.Sprintf("%s played %s all round: %s.", capital(role.String()), most, why))
		case bot != "":
			out = append(out, fmt.Sprintf("%s learned from its pay, month by month: %s. Played most: %s (%s).",
				capital(role.String()), strings.Join(months, ", "), most, Count(count[most], "month")))
		}
	}
	return out
}
