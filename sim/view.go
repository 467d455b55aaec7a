package sim

// BallView is a ball as a player or bot sees it.
type BallView struct {
	Version Version
	Feature FeatureID
	State   BallState
	Hand    Hand
	From    Tick
	Arrival Tick
	Live    bool // the live version
	Standby bool // installed, not live: there to roll back to
	// Cracked is set on a defective live ball once an incident it caused was detected:
	// monitoring (or a customer) has shown the defect.
	Cracked bool
	// Known is false for a ball on the floor that ops does not know about: without
	// bottom-up monitoring, a drop is known only once an incident is detected.
	Known bool
}

// TrayView is a feature in dev's tray as dev sees it (the defect itself is hidden).
type TrayView struct {
	ID             FeatureID
	ChancePermille int32 // the chance it is defective, which testing halves
	TestedTicks    Tick  // testing since the last halving
	Rework         bool
	InReview       bool // a change request for it is waiting
}

// IncidentView is the open incident as ops knows it: only once it is detected.
type IncidentView struct {
	ID         int32
	Start      Tick
	Detected   Tick
	DetectedBy Detector
	Acked      bool
	// Cause is known only from bottom-up alerts (top-down and customers say something is
	// wrong, not what): otherwise CauseUnknown.
	Cause Cause
}

// View is what a role sees of the world: the whole dev pipeline and the juggle (both are
// on the shared screen), and only what the monitoring mode reveals of the service. Bots
// decide from a View and nothing else; the game draws one. It has fixed-size arrays so
// that filling it allocates nothing.
type View struct {
	Role       Role
	Tick       Tick
	Month      int  // from 0
	MonthTick  Tick // ticks into the month
	MonthTicks Tick // the length of a month
	Monitoring Monitoring
	Release    ReleaseStyle
	Gate       bool

	// Development.
	BuildProgress  Tick
	BuildTicks     Tick
	Stalled        bool // the tray is full
	Tray           [TrayLimit + MaxBallsLimit]TrayView
	TrayN          int
	Testing        bool
	ReworkN        int // rolled-back features waiting for rework
	ReworkProgress Tick
	ReworkTicks    Tick
	CRActive       bool
	CRSince        Tick
	CRDeadline     Tick
	CanRelease     bool // a release (or change request) would be accepted now
	Locked         bool // the error budget is spent: releases locked until next month
	// BudgetLeftPermille is the share of the month's error budget left (1000 without one).
	BudgetLeftPermille int32

	// Production.
	Balls        [MaxBallsLimit]BallView
	BallsN       int
	Live         Version
	TargetBalls  int
	MaxBalls     int // releases and recoveries are refused while production holds this many
	UpgradeUntil Tick
	Busy         [2]bool // a hand is picking a ball up
	// CatchWindowTicks is how far from a ball's arrival a press still catches it: the
	// screen lights a hand's ring for that long. RecoverTicks is how long picking a ball
	// up keeps its hand busy. Both are the config's.
	CatchWindowTicks Tick
	RecoverTicks     Tick

	// Monitoring: only what the mode reveals.
	// KPIPermille is availability over the KPI window, -1 without top-down monitoring.
	KPIPermille int32
	KPIAlert    bool
	// Infra holds the bottom-up alert conditions (InfraFloor, InfraOverTarget,
	// InfraOverload); all false without bottom-up monitoring.
	Infra [3]bool
	// Incident is the open incident once detected (Incident.ID 0: none known).
	Incident IncidentView
	// Unacked counts detected incidents not yet acknowledged.
	Unacked int

	// Money, closed months only, and this month's shipped features.
	DevPay       int64
	OpsPay       int64
	Shipped      int32
	MonthShipped int32

	// UptimeKnown says whether monitoring shows the uptime: only the top-down customer
	// KPI does. Without it nobody knows the uptime before the month's statement, and
	// AvailSum and MonthAvailSum are 0.
	UptimeKnown bool
	// AvailSum and MonthAvailSum are availability summed over the round and over the
	// month so far, in per-mille ticks: divided by 1000 x Tick (or x MonthTick) they are
	// the uptime, and a PayScheme's Pay(MonthShipped, MonthAvailSum, MonthTick) is what
	// the month would pay if it ended now.
	AvailSum      int64
	MonthAvailSum int64

	// BallsGen changes whenever Balls do (or which ball is live, or which floor ball is
	// known), but not when only Cracked does: a bot may cache what it derives from Balls.
	BallsGen uint64
	// BallsShapeGen changes whenever BallsGen does but for catches of balls in the air,
	// which change only the caught balls' Hand, From and Arrival: a bot may keep what it
	// derives from the balls' versions and states (and whether they are live, standby,
	// known) while it holds.
	BallsShapeGen uint64

	src     *World // the world Balls were copied from, and when (ballsGen)
	liveIdx int    // index in Balls of the live ball, -1
	stepped uint64 // src's World.stepped when the view was last filled
}

// Observe fills v with what role r sees now. It writes each field rather than the whole
// struct, so entries of Tray and Balls past TrayN and BallsN hold stale values. A view
// filled from w with no Step since (only jumps: AdvanceTo) gets only what moves in
// quiet ticks brought up to date (observeClocks), and one filled before ticks at which
// StepAhead only caught balls in the air gets the balls too: what else it holds is
// still right, unless the caller changed it.
func (w *World) Observe(r Role, v *View) {
	if v.src == w && v.stepped >= w.changed {
		// Only quiet ticks were jumped over since v was filled, and ticks at which balls
		// in the air were caught: only clocks and flights moved.
		w.observeClocks(r, v)
		if v.stepped != w.stepped {
			v.stepped = w.stepped
			if v.BallsGen != w.ballsGen {
				v.observeBalls(w)
			}
		}
		return
	}
	c := &w.cfg
	v.Role, v.Tick, v.Month, v.MonthTick = r, w.tick, w.month, w.tick-Tick(w.month)*c.MonthTicks
	v.Monitoring, v.Release, v.Gate = c.Monitoring, c.Release, c.Gate
	v.BuildProgress, v.BuildTicks, v.Stalled = w.buildProgress, c.BuildTicks, w.trayN >= c.TrayCap
	v.TrayN, v.Testing, v.CRActive = w.trayN, w.testing, w.crActive
	v.ReworkN, v.ReworkProgress, v.ReworkTicks = w.reworkN, w.reworkProgress, c.ReworkTicks
	v.CanRelease, v.Locked = !w.crActive && w.canRelease(), w.locked
	v.Live, v.TargetBalls, v.MaxBalls, v.UpgradeUntil = w.live, c.TargetBalls, c.MaxBalls, w.upgradeUntil
	v.CatchWindowTicks, v.RecoverTicks, v.MonthTicks = c.CatchWindowTicks, c.RecoverTicks, c.MonthTicks
	v.DevPay, v.OpsPay, v.Shipped, v.MonthShipped = w.devPay, w.opsPay, w.stats.Shipped, w.cur.Shipped
	v.CRSince, v.CRDeadline = 0, 0
	if w.crActive {
		v.CRSince = w.crSince
		v.CRDeadline = w.crSince + c.CRTimeoutTicks
	}
	v.BudgetLeftPermille = 1000
	if b := w.cur.ErrorBudget; b > 0 {
		v.BudgetLeftPermille = int32(max(0, 1000-w.cur.ErrorUsed*1000/b))
	}
	for i := 0; i < w.trayN; i++ {
		f := &w.tray[i]
		v.Tray[i] = TrayView{ID: f.ID, ChancePermille: f.ChancePermille, TestedTicks: f.TestedTicks, Rework: f.Rework}
	}
	if w.trayN > 0 {
		v.Tray[0].InReview = w.crActive
	}

	open := w.detected()
	if v.src != w || v.BallsGen != w.ballsGen || w.ballsGen == 0 {
		v.src = w
		v.observeBalls(w)
	} else {
		v.crack(w, open)
	}

	v.UptimeKnown, v.AvailSum, v.MonthAvailSum = w.topDown, 0, 0
	if w.topDown {
		v.AvailSum, v.MonthAvailSum = w.stats.AvailSum, w.cur.AvailSum
	}
	v.KPIPermille, v.KPIAlert = -1, false
	if w.topDown {
		v.KPIPermille = int32(w.kpi.sum / int64(w.kpi.size))
		v.KPIAlert = w.kpiAlert()
	}
	v.Infra = [3]bool{}
	if w.bottomUp {
		v.Infra = w.infra
	}
	v.Incident = IncidentView{}
	if open != nil {
		v.Incident = IncidentView{ID: open.ID, Start: open.Start, Detected: open.Detected,
			DetectedBy: open.DetectedBy, Acked: open.Acknowledged >= 0, Cause: CauseUnknown}
		if open.DetectedBy == DetectedByInfra || w.bottomUp && w.cause.InfraVisible() {
			v.Incident.Cause = w.cause
		}
	}
	v.Unacked = w.unacked
	v.stepped = w.stepped
}

// observeClocks brings up to date what moves in quiet ticks, in a view filled from w
// since its last Step: the tick, development's progress, the error budget left and
// the availability summed (the KPI). Everything else changes only in a Step.
func (w *World) observeClocks(r Role, v *View) {
	v.Role, v.Tick, v.MonthTick = r, w.tick, w.tick-Tick(w.month)*w.cfg.MonthTicks
	v.BuildProgress, v.ReworkProgress = w.buildProgress, w.reworkProgress
	if w.trayN > 0 {
		v.Tray[0].TestedTicks = w.tray[0].TestedTicks
	}
	if b := w.cur.ErrorBudget; b > 0 {
		v.BudgetLeftPermille = int32(max(0, 1000-w.cur.ErrorUsed*1000/b))
	}
	if w.topDown {
		v.AvailSum, v.MonthAvailSum = w.stats.AvailSum, w.cur.AvailSum
		v.KPIPermille = int32(w.kpi.sum / int64(w.kpi.size))
		v.KPIAlert = w.kpiAlert()
	}
}

// detected returns the open incident if it was detected, else nil.
func (w *World) detected() *Incident {
	if w.open >= 0 && w.incidents[w.open].Detected >= 0 {
		return &w.incidents[w.open]
	}
	return nil
}

// observeBalls copies the balls into a view of w.
func (v *View) observeBalls(w *World) {
	v.BallsGen, v.BallsShapeGen = w.ballsGen, w.shapeGen
	v.copyBalls(w)
	v.crack(w, w.detected())
}

// crack shows the live ball cracked if the detected incident open is of its defect.
func (v *View) crack(w *World, open *Incident) {
	if v.liveIdx >= 0 {
		// Only the live ball can be cracked, and that changes with the incident, not the balls.
		v.Balls[v.liveIdx].Cracked = open != nil && open.HasCause(CauseDefect) && w.balls[v.liveIdx].Defective
	}
}

// copyBalls copies the balls into the view.
func (v *View) copyBalls(w *World) {
	v.BallsN = w.ballsN
	v.Busy = [2]bool{}
	v.liveIdx = -1
	for i := 0; i < w.ballsN; i++ {
		b, bv := &w.balls[i], &v.Balls[i]
		live := b.Version == w.live
		if live {
			v.liveIdx = i
		}
		bv.Version, bv.Feature, bv.State, bv.Hand, bv.From, bv.Arrival = b.Version, b.Feature, b.State, b.Hand, b.From, b.Arrival
		bv.Live, bv.Standby = live, b.Installed && !live
		bv.Known, bv.Cracked = b.State != BallFloor || b.Seen, false
		if b.State == BallRecovering {
			v.Busy[b.Hand] = true
		}
	}
}
