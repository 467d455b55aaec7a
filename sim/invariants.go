package sim

import "fmt"

// checkInvariants returns an error describing the first broken invariant of the state,
// or nil. Tests call it after every Step; it is not on the hot path.
func (w *World) checkInvariants() error {
	c := &w.cfg
	if w.ballsN < 0 || w.ballsN > len(w.balls) {
		return fmt.Errorf("%d balls", w.ballsN)
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
	if w.trayN < 0 || w.trayN > len(w.tray) || w.reworkN < 0 || w.reworkN > len(w.rework) {
		return fmt.Errorf("tray %d, rework %d", w.trayN, w.reworkN)
	}
	for i := 0; i < w.trayN; i++ {
		if f := &w.tray[i]; f.ID <= 0 || f.ChancePermille < 0 || f.ChancePermille > 1000 {
			return fmt.Errorf("tray[%d] = %+v", i, *f)
		}
	}
	if w.crActive && w.trayN == 0 {
		return fmt.Errorf("a change request with an empty tray")
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
