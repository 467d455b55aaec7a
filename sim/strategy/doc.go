// Package strategy declares each role's strategy space (DESIGN.md sec. 7): the finite,
// named set of choices a self-interested dev or ops bot picks from when it plays for its
// pay. A strategy is a value on each axis of its role, the bot parameters that are
// decisions, not skills:
//
//	dev  interval  least time between two releases       sim.DevBotSpec.IntervalTicks
//	     test      testing of each feature before release   .TestTicks
//	     hold      hold releases while production is busy   .CalmBalls
//	     reserve   share of the error budget kept unspent   .BudgetReservePermille
//	ops  gate      how change requests are answered      sim.OpsBotSpec.Gatekeeping
//	     freeze    how long the freeze gate rejects         .FreezeTicks
//	     response  rollback or recover first                .Response
//	     react     reaction time to alerts and requests     .ReactionTicks
//
// Ops' juggling skill and the model's rules are not choices: they come from the config.
//
// # Names
//
// A strategy's name is its identity and reads as what the bot does: the axes whose value
// is not the axis's default, as key=value joined by commas in the order above, e.g.
// "test=1s,hold=calm" or "gate=freeze,freeze=7s,response=recover,react=1s". Defaults
// are the "does nothing special" values (no pacing, no testing, no holding, no reserve,
// approve every change, no freeze) and a react of 0.5 s, every scripted ops bot's;
// response is always shown. The dev strategy that does none of these is "greedy". Parse
// reads names back (axes in any order, seconds with or without the s) and also takes the
// model's scripted bots' names (sim.DevBotNames, sim.OpsBotNames) for their parameters.
//
// One behaviour has one name: a freeze time is kept only with gate=freeze, and a freeze
// of 0 is approve-calm (the bot then approves exactly as approve-calm does).
//
// # The scripted bots
//
// Every scripted bot is a strategy (every parameter but skill is an axis):
//
//	greedy      greedy                    gatekeeper  gate=freeze,freeze=7s,response=recover
//	paced       interval=6s               partner     response=rollback
//	careful     hold=calm                 sre         response=rollback (as partner)
//	tester      test=2s,hold=calm         cowboy      response=recover
//	budget      test=2s,hold=calm,        wall        gate=reject-all,response=recover
//	            reserve=0.4
//
// All are on the default grids but budget, which the default dev grid includes by name.
//
// # Grids and spaces
//
// A Grid is what a scenario file declares: the values of each axis (every combination is
// a strategy) and strategies included by name; DefaultGrid gives the defaults, SetTOML
// reads a [dev.strategies] or [ops.strategies] table's keys, WriteTOML prints one with
// each axis's meaning. Grid.Space turns a grid into the strategies of one config: an
// axis that cannot change play under it (no change-request gate, no error budget, no
// defects) is set to its default everywhere, so strategies that would play exactly alike
// are merged and the empirical game has no duplicate rows; the config's own bot is
// always in the space (Space.Own), and each strategy lists the scripted bots it plays.
//
// The package imports only the model (sim) and the standard library, so that bots that
// play strategies can live in sim/bot and in the game.
package strategy
