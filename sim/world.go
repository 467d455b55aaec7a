package sim

import (
	"fmt"
	"math/rand/v2"
)

// firstRelease is the version of the round's first release: versions 1 and 2 are in
// production when it starts.
const firstRelease Version = 3

// RulesVersion names the rules of the model. It changes whenever a change to the model
// changes any result for the same config, seed and inputs; replays and sweep rows carry it.
//
// Version 3 (issue 12): the mean time to restore counts the incidents still open at the
// end, up to the end, and results carry catches, misses and open incidents.
const RulesVersion = "3"

// World is the state of one round. Create it with New, advance it with Step.
type World struct {
	cfg  Config
	seed uint64
	pcg  rand.PCG
	rng  rand.Rand // draws from pcg; a value, so that Reset allocates nothing

	tick Tick
	end  Tick // cfg.Ticks()

	// The config's switches, decoded once (they are strings in Config).
	blueGreen, bottomUp, topDown bool

	// Development.
	nextFeature   FeatureID
	buildProgress Tick
	tray          [TrayLimit + MaxBallsLimit]Feature
	trayN         int
	testing       bool
	// rework holds rolled-back features waiting to be reworked. No feature is built
	// while it holds one, so it never holds more than every feature that exists: a full
	// tray and a feature in every ball (TestReworkHoldsEveryFeatureThatExists).
	rework         [TrayLimit + MaxBallsLimit]Feature
	reworkN        int
	reworkProgress Tick
	crActive       bool
	crSince        Tick
	crHand         int32
	nextVersion    Version

	// Production: balls sorted by version.
	balls  [MaxBallsLimit]Ball
	ballsN int
	// ballsGen counts changes to the balls (or to which one is live). It is bookkeeping
	// for Observe, which copies the balls only when it moved, not model state: Hash
	// leaves it out.
	ballsGen uint64
	// shapeGen counts the same changes but throws of balls caught in the air (their Hand,
	// From and Arrival, which is all a catch changes): View.BallsShapeGen. Bookkeeping too.
	shapeGen     uint64
	pressedAt    [2]Tick // last tick each hand was pressed (one press per hand per tick)
	upgradeUntil Tick
	live         Version // the live version, 0 for none
	liveSince    Tick
	// unshipped lists installed features not yet shipped, by version; shipped lists the
	// versions shipped that are still in production (a rollback claws them back).
	unshipped []shipEntry
	shipped   []shipEntry

	// Service and monitoring.
	avail     int32
	cause     Cause
	kpi       kpiWindow
	infra     [3]bool
	incidents []Incident
	open      int // index of the open incident, -1 for none
	unacked   int // detected incidents not acknowledged

	// Months and money.
	month      int
	cur        MonthStatement
	statements []MonthStatement
	locked     bool
	devPay     int64
	opsPay     int64

	stats Stats

	events     [maxEvents]Event
	eventsN    int
	eventsLost int64

	// next is NextEvent's answer at tick nextAt, kept until the world changes (every
	// change but a jump moves the tick, and a jump does not move the next event). Like
	// ballsGen it is bookkeeping, not model state: Hash leaves it out.
	next, nextAt Tick
	// stepped counts Steps (and Resets), not jumps: Observe refreshes only the clocks
	// of a View filled since the last one.
	stepped uint64
	// changed is the stepped of the last Step that changed more than the clocks and
	// the flights of balls caught in the air (StepAhead), and throws counts those
	// catches in the tick being played: Observe refreshes only the clocks and the balls
	// of a View filled since changed.
	changed uint64
	throws  int
}

type shipEntry struct {
	Version Version
	Feature FeatureID
}

// New returns a world at tick 0 for a valid config. Production starts with versions 1
// (standby) and 2 (live) juggled evenly. New panics if cfg.Validate fails: callers
// validate configs from files first.
func New(cfg Config, seed uint64) *World {
	w := new(World)
	w.Reset(cfg, seed)
	return w
}

// Reset makes w the world New(cfg, seed) returns, reusing w's memory: a program that
// plays many rounds one after the other allocates almost nothing per round. What w
// handed out before (its config's tiers, balls, incidents, statements) must not be
// used after. Reset panics if cfg.Validate fails.
func (w *World) Reset(cfg Config, seed uint64) {
	if err := cfg.Validate(); err != nil {
		panic(fmt.Sprintf("sim: New with an invalid config: %v", err))
	}
	// The memory to reuse: slices whose contents the new round overwrites.
	devTiers, opsTiers := w.cfg.DevPay.Tiers, w.cfg.OpsPay.Tiers
	incidents, unshipped, shipped, statements := w.incidents[:0], w.unshipped[:0], w.shipped[:0], w.statements[:0]
	runs, stepped, ballsGen, shapeGen := w.kpi.runs, w.stepped+1, w.ballsGen+1, w.shapeGen+1
	cfg.DevPay.Tiers = copyTiers(devTiers, cfg.DevPay.Tiers)
	cfg.OpsPay.Tiers = copyTiers(opsTiers, cfg.OpsPay.Tiers)
	*w = World{cfg: cfg, seed: seed, open: -1, end: cfg.Ticks(), nextAt: -1,
		blueGreen: cfg.Release == BlueGreen, bottomUp: cfg.Monitoring.BottomUp(), topDown: cfg.Monitoring.TopDown()}
	// The second PCG word is a fixed odd constant so that seeds 0, 1, 2... give unrelated streams.
	w.pcg = *rand.NewPCG(seed, 0x9e3779b97f4a7c15)
	w.rng = *rand.New(&w.pcg)
	w.nextFeature = 1
	w.kpi = newKPIWindow(int(cfg.KPIWindowTicks), runs)
	w.incidents = reuse(incidents, 16)
	w.unshipped = reuse(unshipped, 16)
	w.shipped = reuse(shipped, 16)
	w.statements = reuse(statements, cfg.Months)
	w.pressedAt = [2]Tick{-1, -1}
	w.stepped, w.changed = stepped, stepped // a View of the world before is filled anew
	// The balls' change counter goes on from the round before, or a View kept from it
	// whose count the new round reached would keep the old round's balls.
	w.ballsGen, w.shapeGen = ballsGen, shapeGen
	f, g := cfg.FlightTicks, cfg.GraceTicks
	// Version 1 is the standby, version 2 the live one; they arrive half a flight apart
	// at opposite hands, the easiest pattern to pick up. The juggler holds each until
	// its throw (From), the grace period's end for version 2.
	w.balls[0] = Ball{Version: 1, State: BallAir, Hand: Left, From: g + f/2 - f, Arrival: g + f/2, Installed: true}
	w.balls[1] = Ball{Version: 2, State: BallAir, Hand: Right, From: g, Arrival: g + f, Installed: true}
	w.ballsN = 2
	w.nextVersion = firstRelease
	w.live = 2
	w.avail = 1000
	w.cur = MonthStatement{Month: 0, ErrorBudget: w.budget()}
}

// copyTiers returns a copy of tiers in dst's memory if it holds them: the world's own,
// which no caller can change. No tiers is nil, as in a config from a file that has none.
func copyTiers(dst, tiers []Tier) []Tier {
	if len(tiers) == 0 {
		return nil
	}
	return append(dst[:0], tiers...)
}

// reuse returns s emptied if it holds n elements, else a new slice of capacity n.
func reuse[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// Config returns the world's config. Its pay tiers must not be modified.
func (w *World) Config() Config { return w.cfg }

// Seed returns the seed the world was created with.
func (w *World) Seed() uint64 { return w.seed }

// Tick returns the number of ticks stepped so far: the tick the next Step plays.
func (w *World) Tick() Tick { return w.tick }

// Done reports whether the round is over.
func (w *World) Done() bool { return w.tick >= w.end }

// Availability returns the availability of the last tick stepped, in per-mille.
func (w *World) Availability() int32 { return w.avail }

// Live returns the live version, 0 for none.
func (w *World) Live() Version { return w.live }

// Balls returns the balls in production (and on their way or on the stand), by version.
// The slice is the world's own: read it, do not keep it across Steps.
func (w *World) Balls() []Ball { return w.balls[:w.ballsN] }

// Tray returns the features waiting in the tray, front first. Read only.
func (w *World) Tray() []Feature { return w.tray[:w.trayN] }

// Incidents returns every incident so far. Read only.
func (w *World) Incidents() []Incident { return w.incidents }

// Statements returns the statements of the months closed so far. Read only.
func (w *World) Statements() []MonthStatement { return w.statements }

// Current returns the running statement of the current month.
func (w *World) Current() MonthStatement { return w.cur }

// Stats returns the counters of the round so far.
func (w *World) Stats() Stats { return w.stats }

// Pay returns each role's pay so far (closed months only).
func (w *World) Pay() (dev, ops int64) { return w.devPay, w.opsPay }

// Step plays one tick: it applies the inputs, all meant for the current tick, in order,
// then advances development, the juggle, the service and the month. Inputs that are not
// allowed at the time are refused (an EvRefused event, counted in Stats.Refused) and
// change nothing else; inputs that are not well-formed (Input.WellFormed) are ignored
// altogether. Step on a finished round does nothing. An input for another tick is a
// caller's bug: Step panics.
func (w *World) Step(in []Input) {
	if w.Done() {
		return
	}
	w.applyAll(in)
	w.stepDev()
	w.stepJuggle()
	w.stepService()
	w.stepMonth()
	w.tick++
}

// applyAll starts a tick: it clears the events and applies the inputs.
func (w *World) applyAll(in []Input) {
	w.eventsN = 0
	w.stepped++
	w.changed = w.stepped
	w.throws = 0
	for i := range in {
		if in[i].Tick != w.tick {
			panic(fmt.Sprintf("sim: input %v given at tick %d", in[i], w.tick))
		}
		w.apply(in[i])
	}
}

// apply carries out one input.
func (w *World) apply(in Input) {
	if !in.WellFormed() {
		return // not an action of this role: nothing anyone could have pressed
	}
	why := RefusedNone
	switch in.Action {
	case ActRelease:
		why = w.release(in.Arg)
	case ActTestStart:
		switch {
		case w.trayN == 0:
			why = RefusedEmptyTray
		case w.crActive:
			why = RefusedInReview
		case w.testing:
			why = RefusedTesting
		default:
			w.testing = true
		}
	case ActTestStop:
		if !w.testing {
			why = RefusedNotTesting
		}
		w.testing = false
	case ActApprove:
		why = w.approve()
	case ActReject:
		if !w.crActive {
			why = RefusedNoRequest
			break
		}
		w.crActive = false
		w.stats.CRsRejected++
		w.emit(Event{Kind: EvCRRejected, Role: Ops})
	case ActCatchLeft, ActCatchRight:
		why = w.press(Hand(in.Action-ActCatchLeft), pressCatch)
	case ActRetireLeft, ActRetireRight:
		why = w.press(Hand(in.Action-ActRetireLeft), pressRetire)
	case ActSwap:
		why = RefusedNoSuchHand
		if in.Arg == 0 || in.Arg == 1 {
			why = w.press(Hand(in.Arg), pressSwap)
		}
	case ActRecover:
		why = w.recover(Version(in.Arg))
	case ActDiscard:
		why = w.discard(Version(in.Arg))
	case ActAcknowledge:
		why = w.acknowledge()
	}
	if why != RefusedNone {
		w.refuse(in, why)
	}
}

// refuse counts a refused input and tells why (EvRefused).
func (w *World) refuse(in Input, why Refusal) {
	w.stats.Refused++
	w.emit(Event{Kind: EvRefused, Role: in.Role, Action: in.Action, Arg: in.Arg, Why: why})
}

// budget returns the month's error budget in permille-ticks, 0 without one.
func (w *World) budget() int64 {
	if !w.cfg.ErrorBudget {
		return 0
	}
	return w.cfg.ErrorBudgetPermilleTicks()
}

// production returns the number of balls that count against MaxBalls: in the juggle,
// being picked up, on the stand or on their way. Balls lying on the floor do not count
// (nobody may know they are there), but the world holds at most MaxBallsLimit in all.
func (w *World) production() int {
	n := 0
	for i := 0; i < w.ballsN; i++ {
		if w.balls[i].State != BallFloor {
			n++
		}
	}
	return n
}

// liveIndex returns the index of the live ball: the newest installed one, or -1.
func (w *World) liveIndex() int {
	for i := w.ballsN - 1; i >= 0; i-- {
		if w.balls[i].Installed {
			return i
		}
	}
	return -1
}

// find returns the index of the ball with version v, or -1.
func (w *World) find(v Version) int {
	for i := 0; i < w.ballsN; i++ {
		if w.balls[i].Version == v {
			return i
		}
	}
	return -1
}

// addBall appends a ball; versions only grow, so the balls stay sorted.
func (w *World) addBall(b Ball) {
	invariant(w.ballsN < len(w.balls), "too many balls")
	invariant(w.ballsN == 0 || w.balls[w.ballsN-1].Version < b.Version, "versions out of order")
	w.balls[w.ballsN] = b
	w.ballsN++
	w.reshape()
	w.stats.MaxBalls = max(w.stats.MaxBalls, int32(w.ballsN))
	if w.open >= 0 {
		o := &w.incidents[w.open]
		o.MaxBalls = max(o.MaxBalls, int32(w.ballsN))
	}
}

// reshape counts a change to the balls other than a throw (ballsGen, shapeGen).
func (w *World) reshape() {
	w.ballsGen++
	w.shapeGen++
}

// removeBall takes ball i out of production and returns it. A shipped version that
// leaves production can no longer be rolled back, so it is forgotten.
func (w *World) removeBall(i int) Ball {
	b := w.balls[i]
	if k := findEntry(w.shipped, b.Version); k >= 0 && b.Version != w.live {
		w.shipped = append(w.shipped[:k], w.shipped[k+1:]...)
	}
	copy(w.balls[i:w.ballsN-1], w.balls[i+1:w.ballsN])
	w.ballsN--
	w.balls[w.ballsN] = Ball{}
	w.reshape()
	return b
}
