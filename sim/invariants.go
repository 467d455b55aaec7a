package sim

import "fmt"

// CheckInvariants returns an error describing the first broken invariant of the state,
// or nil. The rule tests, the fuzz test and the swarm (package sim/swarm) call it after
// every Step; it is not on the hot path. A broken invariant is a bug in the model, never
// bad input.
func (w *World) CheckInvariants() error {
	c := &w.cfg
	if w.ballsN < 0 || w.ballsN > len(w.balls) {
		return fmt.Errorf("%d balls", w.ballsN)
	}
	if n := w.production(); n > c.MaxBalls {
		return fmt.Errorf("production holds %d balls, more than MaxBalls %d", n, c.MaxBalls)
	}
	if err := w.checkDev(); err != nil {
		return err
	}
	if err := w.checkStats(); err != nil {
		return err
	}
	stand := 0
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		if i > 0 && w.balls[i-1].Version >= b.Version {
			return fmt.Errorf("balls out of version order at %d", i)
		}
		switch b.State {
		case BallIncoming, BallAir:
			if b.Hand != Left && b.Hand != Right {
				return fmt.Errorf("v%d in flight to no hand", b.Version)
			}
			if b.Arrival+c.CatchWindowTicks < w.tick {
				return fmt.Errorf("v%d still in flight past its window (arrival %d, tick %d)", b.Version, b.Arrival, w.tick)
			}
			if b.State == BallIncoming && b.Installed {
				return fmt.Errorf("v%d installed before it landed", b.Version)
			}
		case BallFloor, BallRecovering:
			if !b.Installed {
				return fmt.Errorf("v%d down but never installed", b.Version)
			}
		case BallStand:
			stand++
			if b.Installed || c.Release != BlueGreen {
				return fmt.Errorf("v%d on the stand wrongly", b.Version)
			}
		default:
			return fmt.Errorf("v%d in state %d", b.Version, b.State)
		}
	}
	if stand > 1 {
		return fmt.Errorf("%d balls on the stand", stand)
	}
	want := Version(0)
	if i := w.liveIndex(); i >= 0 {
		want = w.balls[i].Version
	}
	if w.live != want {
		return fmt.Errorf("live is v%d, want v%d", w.live, want)
	}
	if w.avail < 0 || w.avail > 1000 {
		return fmt.Errorf("availability %d", w.avail)
	}
	for i := 0; i < w.trayN; i++ {
		if f := &w.tray[i]; f.ID <= 0 || f.ChancePermille < 0 || f.ChancePermille > 1000 {
			return fmt.Errorf("tray[%d] = %+v", i, *f)
		}
	}
	if w.open >= len(w.incidents) || (w.open >= 0) != (w.avail < 1000) {
		return fmt.Errorf("open incident %d with availability %d", w.open, w.avail)
	}
	unacked := 0
	for i := range w.incidents {
		in := &w.incidents[i]
		if in.Resolved >= 0 && in.Resolved < in.Start || in.Detected >= 0 && in.Detected < in.Start ||
			in.Acknowledged >= 0 && in.Acknowledged < in.Detected {
			return fmt.Errorf("incident %d out of order: %+v", in.ID, *in)
		}
		if i > 0 && in.Start < w.incidents[i-1].Start {
			return fmt.Errorf("incidents out of order at %d", i)
		}
		if in.Detected >= 0 && in.Acknowledged < 0 {
			unacked++
		}
		if in.Detected >= w.tick || in.Acknowledged >= w.tick || in.Resolved >= w.tick || (in.Detected >= 0) != (in.DetectedBy != DetectedByNone) {
			return fmt.Errorf("incident %d: %+v at tick %d", in.ID, *in, w.tick)
		}
		if in.Resolved < 0 && i != w.open {
			return fmt.Errorf("incident %d unresolved but not the open one", in.ID)
		}
	}
	if unacked != w.unacked {
		return fmt.Errorf("%d unacknowledged incidents, counted %d", unacked, w.unacked)
	}
	if len(w.statements) != int(w.tick/c.MonthTicks) {
		return fmt.Errorf("%d statements at tick %d", len(w.statements), w.tick)
	}
	if w.stats.AvailSum < 0 || w.stats.AvailSum > 1000*int64(w.tick) {
		return fmt.Errorf("availability sum %d over %d ticks", w.stats.AvailSum, w.tick)
	}
	return nil
}

// checkDev checks development: the tray, rework, testing and the change request.
func (w *World) checkDev() error {
	c := &w.cfg
	if w.trayN < 0 || w.trayN > c.TrayCap || w.reworkN < 0 || w.reworkN > len(w.rework) {
		return fmt.Errorf("tray %d (cap %d), rework %d", w.trayN, c.TrayCap, w.reworkN)
	}
	// No feature is built while one waits for rework, so the features that exist (in the
	// tray, in rework, in a ball) never outnumber a full tray and a feature in every ball.
	features := w.trayN + w.reworkN
	for i := 0; i < w.ballsN; i++ {
		if w.balls[i].Feature != 0 {
			features++
		}
	}
	if features > c.TrayCap+MaxBallsLimit {
		return fmt.Errorf("%d features in the tray, rework and production", features)
	}
	switch {
	case w.crActive && w.trayN == 0:
		return fmt.Errorf("a change request with an empty tray")
	case w.crActive && !c.Gate:
		return fmt.Errorf("a change request without the gate")
	case w.locked && w.crActive:
		return fmt.Errorf("a change request pending while releases are locked")
	case w.locked && !c.ErrorBudget:
		return fmt.Errorf("releases locked without an error budget")
	case w.testing && (w.trayN == 0 || w.crActive):
		return fmt.Errorf("testing with nothing to test")
	}
	return nil
}

// checkStats checks that the counters agree with each other: the results computed from
// them cannot then be impossible (a change failure rate above 1, more shipped than
// deployed).
func (w *World) checkStats() error {
	s := &w.stats
	incidents := int32(len(w.incidents))
	switch {
	case s.ChangeFailures > s.Deploys:
		return fmt.Errorf("%d change failures of %d deploys", s.ChangeFailures, s.Deploys)
	case s.Deploys > s.Releases:
		return fmt.Errorf("%d deploys of %d releases", s.Deploys, s.Releases)
	case s.Shipped < 0 || s.Shipped > s.Deploys:
		return fmt.Errorf("%d shipped of %d deploys", s.Shipped, s.Deploys)
	case s.Releases > s.FeaturesBuilt+s.Rollbacks+s.Retires: // a feature goes out again only after coming back
		return fmt.Errorf("%d releases of %d features", s.Releases, s.FeaturesBuilt)
	case s.CRsApproved+s.CRsRejected+s.CRsTimedOut > s.CRs:
		return fmt.Errorf("%d change requests answered of %d", s.CRsApproved+s.CRsRejected+s.CRsTimedOut, s.CRs)
	case s.FalsePositives > s.InfraAlerts:
		return fmt.Errorf("%d false positives of %d alerts", s.FalsePositives, s.InfraAlerts)
	case s.FalseNegatives > incidents || s.Complaints > incidents:
		return fmt.Errorf("%d false negatives, %d complaints of %d incidents", s.FalseNegatives, s.Complaints, incidents)
	case s.DownTicks > int64(w.tick) || s.LockedTicks > int64(w.tick) || s.OverTargetTicks > int64(w.tick):
		return fmt.Errorf("down %d, locked %d, over target %d of %d ticks", s.DownTicks, s.LockedTicks, s.OverTargetTicks, w.tick)
	case s.LeadTimeSum < 0 || s.MaxBalls > MaxBallsLimit:
		return fmt.Errorf("lead time sum %d, most balls %d", s.LeadTimeSum, s.MaxBalls)
	}
	return nil
}
