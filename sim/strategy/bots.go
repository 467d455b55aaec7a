package strategy

import (
	"fmt"
	"slices"
	"strings"

	"devopsjuggle/sim"
)

// The bots that play for their pay (package sim/bot plays them): names a config's bot
// may take besides the scripted bots and the strategies.
const (
	// Equilibrium plays its role's strategy in the equilibrium of the config's empirical
	// game (solved over a fixed seed set; a mixed one is drawn from with the bot's own
	// random stream).
	Equilibrium = "equilibrium"
	// Learner starts from a neutral strategy and changes it between months from its own
	// month's pay, by a no-regret rule.
	Learner = "learner"
)

// ForPay reports whether a bot's name is one of the bots that play for their pay
// (Equilibrium, Learner): its parameters are then not a strategy it plays but the
// config's own strategy, the starting point of the equilibrium bot's best-response path
// and its fallback.
func ForPay(name string) bool { return name == Equilibrium || name == Learner }

// BotNames lists the names a role's bot takes in help texts: the model's named bots
// (the scripted bots and the novices), then the bots that play for their pay. Any
// strategy's name (test=1s,hold=calm) is a bot's name too.
func BotNames(role sim.Role) []string {
	names := sim.OpsBotNames()
	if role == sim.Dev {
		names = sim.DevBotNames()
	}
	return append(slices.Clone(names), Equilibrium, Learner)
}

// BotNamesHelp is BotNames joined for a flag's help, with a word on strategies.
func BotNamesHelp(role sim.Role) string {
	return strings.Join(BotNames(role), ", ") + ", or a strategy's name such as " + exampleStrategy(role)
}

func exampleStrategy(role sim.Role) string {
	if role == sim.Dev {
		return "test=1s,hold=calm"
	}
	return "gate=freeze,freeze=7s,response=recover"
}

// DevBot returns the dev bot a name stands for, in a config whose dev bot is cur:
//   - a scripted bot's name (sim.DevBotNames): that bot, as sim.DevBotSpecFor gives it;
//   - a strategy's name (any name Parse reads): the bot that plays it, named by the
//     strategy's canonical name (Strategy.Name), so that a config written by
//     Strategy.Apply reads back as itself;
//   - Equilibrium or Learner: cur's parameters, under that name (see ForPay).
func DevBot(name string, cur sim.DevBotSpec) (sim.DevBotSpec, error) {
	switch {
	case ForPay(name):
		cur.Name = name
		return cur, nil
	case slices.Contains(sim.DevBotNames(), name):
		return sim.DevBotSpecFor(name)
	}
	s, err := Parse(sim.Dev, name)
	if err != nil {
		return sim.DevBotSpec{}, botNameError(sim.Dev, name, err)
	}
	return s.DevSpec(), nil
}

// OpsBot returns the ops bot a name stands for, in a config whose ops bot is cur, as
// DevBot does; a strategy's name keeps cur's juggling skill (a skill, not a choice),
// while a scripted bot's name sets the skill to that bot's.
func OpsBot(name string, cur sim.OpsBotSpec) (sim.OpsBotSpec, error) {
	switch {
	case ForPay(name):
		cur.Name = name
		return cur, nil
	case slices.Contains(sim.OpsBotNames(), name):
		return sim.OpsBotSpecFor(name)
	}
	s, err := Parse(sim.Ops, name)
	if err != nil {
		return sim.OpsBotSpec{}, botNameError(sim.Ops, name, err)
	}
	return s.OpsSpec(cur.SkillPermille), nil
}

// BotPrefix is how the game's -dev/-ops flags, replays and the lecture hall name a bot:
// "bot:NAME". jugglesim and scenario files, where only bots play, take NAME bare too.
const BotPrefix = "bot:"

// BotName is the bot s names, bare ("learner") or as the game writes it
// ("bot:learner"): the same bot.
func BotName(s string) string { return strings.TrimPrefix(s, BotPrefix) }

// IsBotPlayer reports whether s, who plays a role as ParsePlayer reads it, is a bot:
// "bot" (the preset's) or "bot:NAME". It does not check that NAME is a bot's.
func IsBotPlayer(s string) bool { return s == "bot" || strings.HasPrefix(s, BotPrefix) }

// ParsePlayer reads who plays a role as the game's -dev/-ops flags, replays and the
// lecture hall write it: "human", "bot" (the preset's bot) or "bot:NAME", NAME any bot
// SetBot knows. It returns whether a bot plays and its name ("" for the preset's).
func ParsePlayer(role sim.Role, s string) (bot bool, name string, err error) {
	switch {
	case s == "human":
		return false, "", nil
	case s == "bot":
		return true, "", nil
	case strings.HasPrefix(s, BotPrefix):
		name = BotName(s)
		var cfg sim.Config // a scripted bot, a strategy, or a bot that plays for its pay
		if err := SetBot(&cfg, role, name); err != nil {
			return false, "", err
		}
		return true, name, nil
	}
	return false, "", fmt.Errorf("%q: want human, bot or bot:NAME", s)
}

// SetBot sets cfg's bot for role to the one name stands for (DevBot, OpsBot).
func SetBot(cfg *sim.Config, role sim.Role, name string) error {
	var err error
	if role == sim.Dev {
		cfg.DevBot, err = DevBot(name, cfg.DevBot)
	} else {
		cfg.OpsBot, err = OpsBot(name, cfg.OpsBot)
	}
	return err
}

// botNameError explains a name that is neither a bot nor a strategy: a name without
// "=" is taken for a bot's name, one with "=" for a strategy's.
func botNameError(role sim.Role, name string, err error) error {
	if !strings.Contains(name, "=") {
		return fmt.Errorf("unknown %s bot %q (choose from %s, or a strategy's name such as %s)",
			role, name, strings.Join(BotNames(role), ", "), exampleStrategy(role))
	}
	return err
}
