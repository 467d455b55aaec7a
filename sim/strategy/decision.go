package strategy

import "devopsjuggle/sim"

// Decision is the strategy a bot that plays for its pay (sim/bot's Equilibrium and
// Learner) played in a month, and why it chose it: sim/report says it in words.
type Decision struct {
	Role sim.Role
	// Bot is the bot's name: Learner or Equilibrium.
	Bot string
	// Month is the month the strategy was played in, from 0. An equilibrium bot chooses
	// once, in month 0, for the whole round.
	Month int
	// Strategy is the strategy's name (test=1s,hold=calm).
	Strategy string
	// Pay is what the month paid the role, once Closed (the month ended).
	Pay    int64
	Closed bool
	// Changes are, for a learner, the choices (axes) whose value differs from the month
	// before's, with the pay it had seen with each value.
	Changes []Change
	// Why says where the strategy came from when Changes do not: an equilibrium bot's
	// solved game, or a learner's first draw.
	Why string
}

// Change is one choice (an axis of the role's strategies: test, gate...) a learner
// changed for a month, and the mean monthly pay it had seen with the old value and with
// the new one over the months it played each (Months 0: never tried).
type Change struct {
	Axis                 string // the axis's key, as strategy names write it
	From, To             string // the values, as strategy names write them: 2s, 0s, reject-all
	FromPay, ToPay       int64
	FromMonths, ToMonths int
}
