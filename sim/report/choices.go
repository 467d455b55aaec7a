package report

// The words for what the bots that play for their pay (sim/bot's equilibrium and
// learner bots) chose and why: the game's month statement and debrief, and jugglesim run.

import (
	"fmt"
	"slices"
	"strconv"
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
		case c.Bot == strategy.Learner && c.Month == 0:
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
		if c.Month != month && !(c.Bot == strategy.Equilibrium && month >= c.Month) {
			continue
		}
		line := ChoiceLine(c)
		if c.Bot == strategy.Equilibrium && month > c.Month {
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
			if c.Bot == strategy.Equilibrium {
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
		case bot == strategy.Equilibrium:
			out = append(out, fmt.Sprintf("%s played %s all round: %s.", capital(role.String()), most, why))
		case bot != "":
			out = append(out, fmt.Sprintf("%s learned from its pay, month by month: %s. Played most: %s (%s).",
				capital(role.String()), strings.Join(months, ", "), most, Count(count[most], "month")))
		}
	}
	return out
}

// MonthBrief says in a short line per bot what each bot that plays for its pay played
// in a month and the first reason it had: for the game's month statement, where the
// pay is shown beside it.
func MonthBrief(cs []strategy.Decision, month int) []string {
	var out []string
	for _, c := range cs {
		who := capital(c.Role.String())
		switch {
		case c.Bot == strategy.Equilibrium:
			out = append(out, fmt.Sprintf("%s plays the game's equilibrium: %s.", who, StrategyWords(c.Strategy)))
		case c.Month != month:
			continue
		case month == 0:
			out = append(out, fmt.Sprintf("%s learner: %s.", who, StrategyWords(c.Strategy)))
		case len(c.Changes) == 0:
			out = append(out, fmt.Sprintf("%s learner, again: %s.", who, StrategyWords(c.Strategy)))
		default:
			ch := c.Changes[0]
			line := fmt.Sprintf("%s learner: %s; %s", who, briefWords(ch), briefWhy(ch))
			if n := len(c.Changes) - 1; n > 0 {
				line += fmt.Sprintf(" (+%s)", Count(n, "change"))
			}
			out = append(out, line+".")
		}
	}
	return out
}

// StrategyWords says what a strategy's name has its bot do, in a few words a class
// reads ("gate=approve-calm,response=rollback": "approves when calm, rolls back
// first"); a scripted bot's name plays like that bot. A part it does not know stays as
// the name writes it.
func StrategyWords(name string) string {
	var ws []string
	parts := strings.Split(name, ",")
	freeze := ""
	for _, part := range parts {
		if v, ok := strings.CutPrefix(part, "freeze="); ok && slices.Contains(parts, "gate=freeze") {
			freeze = strings.TrimSuffix(v, "s") + " s"
		}
	}
	for _, part := range parts {
		axis, v, ok := strings.Cut(part, "=")
		switch {
		case !ok:
			ws = append(ws, "plays like the "+part+" bot")
			continue
		case freeze != "" && part == "gate=freeze":
			ws = append(ws, "freezes "+freeze+" after incidents")
			continue
		case freeze != "" && axis == "freeze":
			continue
		}
		w, ok := playWords[part]
		if !ok {
			sec := strings.TrimSuffix(v, "s") + " s"
			switch axis {
			case "freeze":
				w = "freezes " + sec
			case "react":
				w = "reacts in " + sec
			case "interval":
				w = "paces releases " + sec
			case "test":
				w = "tests " + sec
			case "reserve":
				w = "keeps " + percentOf(v) + " of its budget"
			default:
				w = part
			}
		}
		ws = append(ws, w)
	}
	return strings.Join(ws, ", ")
}

// playWords are StrategyWords' words for a strategy's part with a value of its own; the
// others say their number.
var playWords = map[string]string{
	"gate=approve-all": "approves all changes", "gate=approve-calm": "approves when calm",
	"gate=freeze": "freezes after incidents", "gate=reject-all": "rejects all changes",
	"response=rollback": "rolls back first", "response=recover": "recovers first",
	"hold=calm": "holds while busy", "hold=off": "never holds",
	"interval=0s": "releases at once", "test=0s": "skips testing",
}

// percentOf writes a fraction as strategy names do ("0.25") in percent ("25 %"); what is
// no number stays as it is.
func percentOf(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(f*100, 'f', -1, 64) + " %"
}

// briefWhy is changeWhy in a few words.
func briefWhy(ch strategy.Change) string {
	switch {
	case ch.ToMonths == 0:
		return "a first try"
	case ch.FromMonths == 0 || ch.ToPay == ch.FromPay:
		return fmt.Sprintf("it had paid %s a month", Dollars(ch.ToPay))
	case ch.ToPay > ch.FromPay:
		return fmt.Sprintf("it had paid %s a month more", Dollars(ch.ToPay-ch.FromPay))
	}
	return fmt.Sprintf("exploring (%s a month less)", Dollars(ch.FromPay-ch.ToPay))
}

// briefWords is changeWords in a few words.
func briefWords(ch strategy.Change) string {
	switch ch.Axis + "=" + ch.To {
	case "gate=approve-calm":
		return "approved only when calm"
	case "gate=freeze":
		return "froze changes after incidents"
	case "hold=off":
		return "stopped holding releases"
	case "hold=calm":
		return "held releases while busy"
	case "response=rollback":
		return "rolled back first"
	case "response=recover":
		return "recovered first"
	}
	sec := func(v string) string { return strings.TrimSuffix(v, "s") + " s" }
	switch {
	case ch.Axis == "test" && ch.From == "0s":
		return "started testing " + sec(ch.To)
	case ch.Axis == "test" && ch.To != "0s":
		return "tested " + sec(ch.To) + ", not " + sec(ch.From)
	case ch.Axis == "interval" && ch.To != "0s":
		return "paced releases " + sec(ch.To) + " apart"
	}
	return changeWords(ch)
}

// DecisionsSection is a Markdown section of a round's post-mortem, for the debrief, on
// what the bots that play for their pay chose month by month and why; "" when no bot
// played for its pay.
func DecisionsSection(cs []strategy.Decision) string {
	if len(cs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n## What the bots that play for their pay chose\n\n")
	for _, l := range RoundChoices(cs) {
		b.WriteString("- " + l + "\n")
	}
	for _, c := range cs {
		if c.Bot == strategy.Learner && c.Month > 0 && len(c.Changes) > 0 {
			b.WriteString("- " + ChoiceLine(c) + "\n")
		}
	}
	return b.String()
}
