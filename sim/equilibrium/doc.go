// Package equilibrium solves the empirical game between dev and ops (DESIGN.md sec. 7):
// a payoff table built by simulation, each role's pay for every pair of strategies
// (package sim/strategy) over the same seeds, and what self-interested roles would play
// in it.
//
// # The table
//
// A Table holds, for every profile (a dev strategy, a row; an ops strategy, a column),
// each role's integer pay on each of n seeds. The seeds are common random numbers:
// sample k of every profile was played with the same seed, so two profiles differ only
// by the strategies. Per-seed values are kept (not only sums) because the gain of a
// deviation is judged against the noise of its paired differences. A Matrix adds, per
// profile, the means of the rounds' other figures (features shipped, uptime, DORA's four
// keys) for its CSV; NewExact makes a textbook game without noise.
//
// # Exact solving
//
// Everything that decides is integer or rational arithmetic (math/big), never floats,
// so a table gives the same equilibria on amd64, 386, arm64 and wasm. The solver works
// on the payoff sums (the means times n: the same equilibria):
//
//   - PureEquilibria: every profile where no deviation of either role counts (see
//     Rule), checked profile by profile.
//   - LemkeHowson: a mixed equilibrium, by Lemke and Howson's complementary pivoting on
//     two integer tableaux with Bareiss's fraction-free pivots (each division is exact),
//     and the lexicographic ratio test, which keeps degenerate games (ties) from
//     cycling. It follows one path from one dropped label; different labels may end at
//     different equilibria.
//   - SupportEnumeration: every equilibrium of a small nondegenerate game, by solving
//     the indifference equations of each pair of equal-size supports (up to about 9 x 9
//     strategies).
//   - Solve: pure equilibria under the rule, then mixed ones when asked or when there is
//     no pure one; every mixed result is checked exactly (IsNash) before it is returned.
//   - BestResponsePath: iterated best responses from a starting pair (the preset's own
//     bots): dev, then ops, alternately, each switching to its best deviation that
//     counts, until neither has one, a state recurs (a cycle), or a bound.
//   - Regret, MixedRegret, NashConv: what each role would gain by deviating alone from a
//     profile (its best deviation by mean gain), with the deviation's 95 % interval.
//   - Group: profiles that paid both roles the same on every seed (a wall of rejections
//     pays the same whatever dev does), to report many equilibria as a few classes.
//
// # When a deviation counts
//
// For a profile p and a deviation of one role r to its strategy s (the other role
// keeping its own), the paired per-seed gains are d_k = u_r(s, k) - u_r(p, k), k = 1..n.
// Their mean is the deviation's mean gain; the half-width of its 95 % confidence interval
// is h = t(0.975, n-1) x sd(d) / √n, with Student's t from a table rounded up (a
// slightly wider interval). The rule Significant, the default, says:
//
//	a deviation counts only when its mean gain is greater than h,
//
// that is, when its whole 95 % interval lies above zero. It is decided exactly, as
// S1 > 0 and S1² (n-1) > t² (n S2 - S1²) with S1 and S2 the sums of the d_k and of their
// squares (t a rational: millionths). A gain within the noise of the seeds is a tie: a
// profile whose better deviations are all ties is an equilibrium under the rule, and a
// best-response path does not move for it. With fewer than two seeds there is no
// interval and nothing counts; on an exact table any positive gain counts. The rule
// Exact counts any positive mean gain. Because the d_k are paired, each seed's own luck
// (shared by both profiles) cancels: a dollar a seed is significant though each
// profile's own mean pay is uncertain by thousands.
//
// Regrets are reported by mean gain with the interval of the best deviation alone;
// choosing the best of many deviations favours a lucky one, so a regret near its
// interval is a tie, not a finding.
//
// # Output
//
// WriteNFG writes Gambit's .nfg format (both versions; the payoff version also loads in
// OpenSpiel), with exact means (1608.04, or 3217/3). Matrix.WriteCSV writes one row per
// profile: cell, dev_strategy, ops_strategy, rounds, dev_pay, ops_pay (mean dollars),
// shipped, uptime (a fraction), the other figures' means, the intervals, and each
// role's regret with its interval and the strategy it would switch to.
//
// # Phase 2: a proposal
//
// The jugglesim equilibrium command, the sweep integration, [dev.strategies] in scenario
// files and the equilibrium and learner bots come once the CLI, sweep and model changes
// under way have landed. How they can be built on this package and sim/strategy:
//
// Playing all pairs. An equilibrium run is a sweep with two more dimensions: its jobs
// are cells (sources x -vary values) x dev strategies x ops strategies x seeds, the seed
// innermost, numbered like sweep's runs. Each job is one bot round: cfg with
// Strategy.Apply for both roles, bot.Play(cfg, seed). Rows (one per round, with
// dev_strategy and ops_strategy columns) stream to a file in job order exactly as sweep
// writes them, so -workers, -shard k/n with merge, Ctrl-C and -resume come from sweep's
// machinery unchanged and the bytes are the same for any worker count. The table, the
// solution, -matrix, -nfg and -json are then computed from the rows in job order
// (Matrix.Add checks that each profile's seeds come in order, which makes the float
// means identical too); reading the rows back, not the rounds in flight, is what makes a
// resumed or merged run give the same answer. Cost: the default grids give 12 x 24
// pairs for silo and bluegreen, 12 x 4 for devops and 13 x 4 for sre (no gate: ops
// chooses only response and reaction; Space merges what plays alike), so 57,600,
// 9,600 and 10,400 rounds at 200 seeds. Measured with a throwaway driver (two
// goroutines, bot.Play per round, Matrix, Solve): silo's 57,600 rounds took 19.0 s of CPU
// (0.33 ms a round; bluegreen 16.3 s, devops 4.0 s, sre 4.3 s): about 10 s of wall
// time on two otherwise idle cores, within the 30 s goal (a projection: the shared
// machine it was measured on took 45 s at a load of 8); solving took 2 ms
// (BenchmarkSolve: tens of milliseconds for 48 x 48). Reusing the common prefix of rounds that differ only in one
// role's strategy (forking a cloned World and bots where their inputs first differ)
// would save little: a round's strategies diverge within its first seconds (the first
// finished feature, the first change request), so the prefix is a few percent of 180 s,
// for a World.Clone and bot clones the model does not have. Not worth it; the merging of
// inert axes (6x fewer ops strategies without a gate) is where the savings are.
//
// The equilibrium bot. A bot name, "equilibrium", for either role in scenario files and
// -dev/-ops flags. Its strategy is decided before the round: bot.ForConfig finds the
// solution of the round's config (without its bots) in a cache keyed by a hash of the
// config, the grids, the seed set and sim.RulesVersion (the user's cache folder; the
// four presets' solutions shipped as embedded data, so the game needs no solving), and
// draws the role's pure strategy from the equilibrium's probabilities with its own PCG
// stream (seed, role salt) by integer arithmetic: a uniform draw below the probabilities'
// common denominator, compared with their cumulative numerators. It then plays that
// strategy's DevBot or OpsBot, a Sleeper like any other. The round's inputs are recorded
// as usual, so a replay needs neither the solution nor the cache. Which equilibrium:
// the end of the best-response path from the preset's scripted pair when it converges
// (what today's practice drifts to), else Solve's mixed one. A config without a cached
// solution in the game falls back to the scripted bot and says so.
//
// The learner bot. A Bot (and Sleeper) that wraps a DevBot or OpsBot and changes its
// Spec at each month's end (the EvMonthEnd event wakes a sleeping bot). It keeps EXP3
// weights over its role's strategy space (bandit feedback: it sees only the pay of the
// strategy it played): at a month's end its reward is the month's pay (the change of
// View.DevPay or View.OpsPay since the last month) over the scheme's MaxPay, a fraction
// in [0, 1]; the estimate of the played strategy grows by reward / probability; the next
// month's strategy is drawn from probabilities proportional to 2^(eta x estimate), mixed
// with gamma of uniform exploration. All of it in fixed-point integers (estimates in
// millionths, a table-driven 2^x) and its own PCG stream (seed, learner salt), so the
// round replays from its inputs alone and the same on every platform. Swapping the Spec
// of the one OpsBot keeps its juggling timing and plans (skill is not a choice); the
// DevBot keeps its testing progress. It starts from a neutral strategy (uniform weights)
// and logs each month's choice, pay and estimates, so the month statement and debrief
// can say "dev stopped testing in month 2: testing earned it $300 less" (the difference
// of the two strategies' estimated monthly pay). Six months are few decisions for a dozen
// strategies: research runs use longer rounds (-months 24 and more), and the game can
// carry the weights from round to round in a session.
package equilibrium
