package bot

import (
	"math/rand/v2"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// The learner's rule, in fixed point. Losses, estimates and probabilities are in
// millionths (a loss of 1 is the most a month can lose: it paid nothing).
const (
	micro = 1_000_000
	// learnBeta is the learning rate, in millionths, in powers of two: a value whose
	// estimated loss is one unit (a month's most pay, importance-weighted) above
	// another's has 2^-learnBeta times its weight. Chosen by measurement (README,
	// "Bots that play for their pay"): over 100 seeds, silo's ops learner earns $526 a
	// month in 6-month rounds at 4 ($298 with no learning, 0; $508 at 2; $527 at 8),
	// and silo's dev learner $311 a month in 24-month rounds ($277 at 0, $304 at 2, $308
	// at 8 and 16).
	learnBeta = 4 * micro
	// learnGamma is the share of each choice drawn uniformly (exploration): every value
	// keeps at least learnGamma/K of the odds, which bounds the importance weights.
	learnGamma = 100_000
)

// Learner plays for its pay and learns from it. It starts from a neutral strategy (each
// choice drawn with equal odds) and, at each month's start, draws its strategy for the
// month from what the months before paid it, by a no-regret rule for bandits (EXP3,
// with losses; Auer et al. 2002): one learner per axis of its role's strategy space
// (test, interval, hold... gate, response, react), each over the values the space gives
// that axis. A month's loss is 1 - its pay / the most a month can pay the role; each
// axis adds the loss over the probability of the value it played to that value's
// estimate (the other values' are not seen: bandit feedback); the next month's odds are
// 2^-(learnBeta x estimate) mixed with learnGamma of uniform exploration.
//
// Learning each axis on its own is what lets a learner learn anything in a round: six
// months are six draws, too few for one learner over the 12 or 24 strategies of a role,
// but enough to compare testing with not testing. The freeze axis learns only in months
// ops freezes (gate=freeze).
//
// Everything is integer arithmetic, and its draws come from its own random stream (the
// round's seed and a salt of its own): the same round, on any platform, makes the same
// choices, and a replay of the round needs only its inputs. Between month starts it is
// the DevBot or OpsBot of its strategy (ops keeps the config's juggling skill), woken at
// each month's start even when asleep.
type Learner struct {
	role       sim.Role
	inner      Sleeper
	skill      int32
	monthTicks sim.Tick
	maxPay     int64 // the most a month can pay the role
	rng        *rand.Rand
	axes       []learnAxis
	values     []int64 // the strategy being played, per axis (all the role's axes)
	playing    int     // the month being played, -1 before the first
	paidBefore int64   // the role's pay over the months before the one being played
	// The months' losses summed and counted: the baseline.
	baseSum, baseN int64
	log            []strategy.Decision
}

// learnAxis is one axis's learner.
type learnAxis struct {
	axis   int // index in strategy.Axes(role)
	key    string
	values []int64
	loss   []int64 // estimated cumulative loss, millionths
	odds   []int64 // the odds the current value was drawn with, millionths (sum ~1e6)
	total  int64   // their sum
	cur    int     // the value played this month
	active bool    // it took part in this month's play (freeze only with the freeze gate)
	// The pay seen with each value: the months played and their pay summed.
	months []int
	paid   []int64
}

// NewLearner returns a learner for role in a round of cfg with seed, over the role's
// strategy space (opt.Strategies, or the default).
func NewLearner(role sim.Role, cfg sim.Config, seed uint64, opt Options) *Learner {
	grid := opt.grid(role)
	sp, err := grid.Space(&cfg)
	if err != nil {
		panic("bot: learner: " + err.Error()) // scenario files and the defaults are checked
	}
	scheme := cfg.DevPay
	if role == sim.Ops {
		scheme = cfg.OpsPay
	}
	maxFeatures := int32((cfg.MonthTicks + cfg.BuildTicks - 1) / cfg.BuildTicks)
	l := &Learner{
		role: role, skill: cfg.OpsBot.SkillPermille, monthTicks: cfg.MonthTicks,
		maxPay: max(scheme.MaxPay(maxFeatures), 1), rng: newRand(seed, learnerSalt^roleSalt(role)), playing: -1,
	}
	axes := strategy.Axes(role)
	own := strategy.FromConfig(&cfg, role)
	l.values = append([]int64(nil), own.Values...)
	for i, a := range axes {
		la := learnAxis{axis: i, key: a.Key}
		for _, s := range sp.Strategies {
			v := s.Values[i]
			if a.Key == "freeze" && v == 0 {
				continue // no freeze: the gate axis says so
			}
			if !containsInt(la.values, v) {
				la.values = append(la.values, v)
			}
		}
		if len(la.values) == 0 {
			la.values = []int64{own.Values[i]}
		}
		n := len(la.values)
		la.loss, la.odds, la.months, la.paid = make([]int64, n), make([]int64, n), make([]int, n), make([]int64, n)
		l.axes = append(l.axes, la)
	}
	if role == sim.Dev {
		l.inner = NewDev(own.DevSpec())
	} else {
		l.inner = NewOps(own.OpsSpec(l.skill), cfg, seed)
	}
	return l
}

func containsInt(vs []int64, v int64) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// Role returns the role it plays.
func (l *Learner) Role() sim.Role { return l.role }

// Act settles the months that ended, chooses the month's strategy at a month's start,
// and plays it.
func (l *Learner) Act(v *sim.View, out []sim.Input) []sim.Input {
	l.settle(v)
	if l.playing != v.Month {
		l.choose(v.Month)
	}
	return l.inner.Act(v, out)
}

// Wake returns the strategy's wake, or the next month's start if sooner.
func (l *Learner) Wake() sim.Tick {
	return min(l.inner.Wake(), sim.Tick(l.playing+1)*l.monthTicks)
}

// paid returns the role's pay over the months closed, as v shows it.
func (l *Learner) paid(v *sim.View) int64 {
	if l.role == sim.Dev {
		return v.DevPay
	}
	return v.OpsPay
}

// settle closes the month being played once it has ended: its pay is the loss each
// active axis learns from. It changes nothing until then, so it may be called at any
// time (Choices does).
func (l *Learner) settle(v *sim.View) {
	if l.playing < 0 || v.Month <= l.playing || l.log[len(l.log)-1].Closed {
		return
	}
	total := l.paid(v)
	pay := total - l.paidBefore
	l.paidBefore = total
	c := &l.log[len(l.log)-1]
	c.Pay, c.Closed = pay, true
	loss := micro - min(max(pay, 0)*micro/l.maxPay, micro)
	// The loss is learnt from against a baseline, the mean loss of the months before
	// (the first month's own): it shifts every value's estimate alike in expectation,
	// so it changes no odds on average, but a value played less often no longer
	// gathers the large estimates of a high loss over a small probability.
	base := loss
	if l.baseN > 0 {
		base = l.baseSum / l.baseN
	}
	l.baseSum += loss
	l.baseN++
	for i := range l.axes {
		a := &l.axes[i]
		if !a.active {
			continue
		}
		a.months[a.cur]++
		a.paid[a.cur] += pay
		if len(a.values) > 1 {
			a.loss[a.cur] += (loss - base) * a.total / a.odds[a.cur]
		}
	}
}

// choose draws the strategy of a month and gives it to the inner bot.
func (l *Learner) choose(month int) {
	prev := append([]int64(nil), l.values...)
	first := len(l.log) == 0
	for i := range l.axes {
		a := &l.axes[i]
		a.odds, a.total = oddsOf(a.loss)
		a.cur = drawIndex(a.odds, a.total, l.rng)
		l.values[a.axis] = a.values[a.cur]
	}
	// freeze plays only with the freeze gate: without it the strategy has none.
	for i := range l.axes {
		a := &l.axes[i]
		a.active = true
		if a.key == "freeze" && l.role == sim.Ops && !l.freezeGate() {
			a.active = false
			l.values[a.axis] = 0
		}
	}
	s, err := strategy.Of(l.role, l.values)
	if err != nil {
		panic("bot: learner: " + err.Error())
	}
	switch in := l.inner.(type) {
	case *DevBot:
		in.Spec = s.DevSpec()
	case *OpsBot:
		in.Spec = s.OpsSpec(l.skill)
	}
	c := strategy.Decision{Role: l.role, Bot: strategy.Learner, Month: month, Strategy: s.Name()}
	if first {
		c.Why = "a neutral start: every choice drawn with equal odds"
	} else {
		c.Changes = l.changes(prev)
	}
	l.log = append(l.log, c)
	l.playing = month
}

// freezeGate reports whether the values being chosen have the freeze gate.
func (l *Learner) freezeGate() bool {
	for _, a := range l.axes {
		if a.key == "gate" {
			return strategy.Axes(sim.Ops)[a.axis].Format(l.values[a.axis]) == "freeze"
		}
	}
	return false
}

// changes lists the axes whose value differs from prev's, with the pay seen with each.
func (l *Learner) changes(prev []int64) []strategy.Change {
	var out []strategy.Change
	axes := strategy.Axes(l.role)
	for i := range l.axes {
		a := &l.axes[i]
		from, to := prev[a.axis], l.values[a.axis]
		if from == to || (a.key == "freeze" && (from == 0 || to == 0)) {
			continue // a freeze starting or ending is the gate's change
		}
		ch := strategy.Change{Axis: a.key, From: axes[a.axis].Format(from), To: axes[a.axis].Format(to)}
		for k, v := range a.values {
			if a.months[k] == 0 {
				continue
			}
			switch v {
			case from:
				ch.FromMonths, ch.FromPay = a.months[k], a.paid[k]/int64(a.months[k])
			case to:
				ch.ToMonths, ch.ToPay = a.months[k], a.paid[k]/int64(a.months[k])
			}
		}
		out = append(out, ch)
	}
	return out
}

// Choices returns the strategies chosen so far, month by month; v closes a month that
// has ended.
func (l *Learner) Choices(v *sim.View) []strategy.Decision {
	l.settle(v)
	return append([]strategy.Decision(nil), l.log...)
}

// oddsOf returns the odds of each value from the estimated losses: 2^-(learnBeta x (loss
// - the least loss)), normalised to (1 - learnGamma) millionths, plus learnGamma / K
// each; and their sum (about a million: rounding leaves it a little under).
func oddsOf(loss []int64) ([]int64, int64) {
	n := int64(len(loss))
	odds := make([]int64, n)
	least := loss[0]
	for _, x := range loss {
		least = min(least, x)
	}
	var sum uint64
	w := make([]uint64, n)
	for i, x := range loss {
		w[i] = exp2neg(mulDiv(learnBeta, x-least, micro))
		sum += w[i]
	}
	var total int64
	for i := range odds {
		odds[i] = int64(w[i]*uint64(micro-learnGamma)/sum) + learnGamma/n
		total += odds[i]
	}
	return odds, total
}

// mulDiv returns a x b / c for non-negative values, without overflow for the sizes the
// learner uses (a up to 1e7, b up to 1e12).
func mulDiv(a, b, c int64) int64 {
	hi := a / c
	return hi*b + (a%c)*b/c
}

// drawIndex draws an index with the given odds.
func drawIndex(odds []int64, total int64, rng *rand.Rand) int {
	u := int64(rng.Uint64N(uint64(total)))
	for i, o := range odds {
		if u < o {
			return i
		}
		u -= o
	}
	return len(odds) - 1
}
