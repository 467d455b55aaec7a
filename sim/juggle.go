package sim

type pressKind uint8

const (
	pressCatch pressKind = iota
	pressRetire
	pressSwap
)

// handBusy reports whether hand h is picking a ball up.
func (w *World) handBusy(h Hand) bool {
	for i := 0; i < w.ballsN; i++ {
		if b := &w.balls[i]; b.State == BallRecovering && b.Hand == h {
			return true
		}
	}
	return false
}

// due returns the index of the earliest ball due at hand h within the catch window of
// this tick, or -1. Ties go to the older version.
func (w *World) due(h Hand) int {
	best := -1
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		if !b.State.InJuggle() || b.Hand != h {
			continue
		}
		if d := w.tick - b.Arrival; d < -w.cfg.CatchWindowTicks || d > w.cfg.CatchWindowTicks {
			continue
		}
		if best < 0 || b.Arrival < w.balls[best].Arrival {
			best = i
		}
	}
	return best
}

// press is ops pressing a hand: one press catches one ball, the earliest due. A press
// at a busy hand or with nothing due is no refusal (EvBusy, EvWhiff): only a second press
// of a hand in one tick is.
func (w *World) press(h Hand, kind pressKind) Refusal {
	if w.pressedAt[h] == w.tick {
		return RefusedPressed // one press per hand per tick
	}
	w.pressedAt[h] = w.tick
	if w.handBusy(h) {
		w.stats.BusyPresses++
		w.emit(Event{Kind: EvBusy, Role: Ops, Hand: h})
		return RefusedNone
	}
	i := w.due(h)
	if i < 0 {
		w.stats.Whiffs++
		w.emit(Event{Kind: EvWhiff, Role: Ops, Hand: h})
		return RefusedNone
	}
	w.stats.Catches++
	b := &w.balls[i]
	w.emit(Event{Kind: EvCatch, Role: Ops, Hand: h, Version: b.Version})
	switch kind {
	case pressRetire:
		w.retire(i)
		return RefusedNone
	case pressSwap:
		if w.swap(i) {
			return RefusedNone
		}
	}
	// An ordinary catch: thrown at once to the other hand.
	incoming := b.State == BallIncoming
	w.throw(b, h)
	if incoming {
		w.install(i, true)
	} else {
		w.throws++
	}
	return RefusedNone
}

// throw sends ball b from hand h to the other hand, leaving now. It changes the ball's
// flight alone (not ballsShape): a caller that changes more says so.
func (w *World) throw(b *Ball, h Hand) {
	w.ballsGen++
	b.State = BallAir
	b.Hand = h.Other()
	b.From = w.tick
	b.Arrival = w.tick + w.cfg.FlightTicks
}

// install makes ball i the live version. caught is false for an in-place release that
// dropped on arrival: the upgrade failed half-way (a change failure, and the service is
// down because the live ball is on the floor, not because of a restart).
func (w *World) install(i int, caught bool) {
	b := &w.balls[i]
	invariant(!b.Installed, "installing a version twice")
	b.Installed = true
	w.reshape()
	w.stats.Deploys++
	w.cur.Deploys++
	w.stats.LeadTimeSum += int64(w.tick - b.FinishedAt)
	if b.Defective || !caught {
		w.fail(b)
	}
	w.unshipped = append(w.unshipped, shipEntry{b.Version, b.Feature})
	w.setLive(caught)
}

// fail counts a deploy of this round as a change failure, once. Versions 1 and 2 were
// in production before the round: rolling one back is a rollback, but no deploy of the
// round failed, so the change failure rate stays a share of the round's deploys.
func (w *World) fail(b *Ball) {
	if !b.Failed && b.Version >= firstRelease {
		b.Failed = true
		w.stats.ChangeFailures++
	}
}

// setLive recomputes the live version after a change. restart is whether an in-place
// change of live version restarts the service (not when a version fell half-way).
func (w *World) setLive(restart bool) {
	v := Version(0)
	if i := w.liveIndex(); i >= 0 {
		v = w.balls[i].Version
	}
	if v == w.live {
		return
	}
	w.live = v
	w.liveSince = w.tick
	w.reshape()
	if v != 0 {
		w.emit(Event{Kind: EvLive, Version: v})
		if restart && !w.blueGreen {
			w.upgradeUntil = w.tick + w.cfg.UpgradeDowntimeTicks
		}
	}
}

// retire takes ball i out of production. Retiring the live version is a rollback;
// retiring an in-place release before it lands sends it back to dev.
func (w *World) retire(i int) {
	b := w.removeBall(i)
	w.stats.Retires++
	w.emit(Event{Kind: EvRetire, Role: Ops, Version: b.Version})
	switch {
	case b.Version == w.live:
		w.rollback(&b)
	case !b.Installed:
		w.returnToDev(&b)
	}
}

// rollback handles the live ball b having left production: the previous version is live
// again, and b's feature returns to dev as rework and does not count as shipped.
func (w *World) rollback(b *Ball) {
	w.stats.Rollbacks++
	w.fail(b)
	w.emit(Event{Kind: EvRollback, Role: Ops, Version: b.Version, Feature: b.Feature})
	if k := findEntry(w.unshipped, b.Version); k >= 0 {
		w.unshipped = append(w.unshipped[:k], w.unshipped[k+1:]...)
	} else if k := findEntry(w.shipped, b.Version); k >= 0 {
		w.shipped = append(w.shipped[:k], w.shipped[k+1:]...)
		w.stats.Shipped--
		w.stats.Clawbacks++
		w.cur.Shipped--
		w.emit(Event{Kind: EvClawback, Feature: b.Feature, Version: b.Version})
	}
	w.returnToDev(b)
	w.setLive(true)
}

func findEntry(es []shipEntry, v Version) int {
	for k := range es {
		if es[k].Version == v {
			return k
		}
	}
	return -1
}

// swap is the blue/green switch at a catch of ball i: a caught standby is retired and the
// stand ball thrown in its place, live at once with no downtime. With no standby in the
// air, catching the live ball tosses the stand ball in half a flight behind it.
// It reports false (an ordinary catch) when there is nothing to swap.
func (w *World) swap(i int) bool {
	if !w.blueGreen {
		return false
	}
	s := -1
	standbys := 0
	for k := 0; k < w.ballsN; k++ {
		b := &w.balls[k]
		if b.State == BallStand {
			s = k
		} else if b.Installed && b.Version != w.live && b.State.InJuggle() {
			standbys++ // standbys in the air: one on the floor cannot be swapped out
		}
	}
	if s < 0 {
		return false
	}
	caught := w.balls[i]
	h := caught.Hand
	switch {
	case caught.Installed && caught.Version != w.live:
		w.removeBall(i)
		w.stats.Retires++
		w.emit(Event{Kind: EvRetire, Role: Ops, Version: caught.Version})
		if i < s {
			s--
		}
		w.throw(&w.balls[s], h)
	case caught.Version == w.live && standbys == 0:
		w.throw(&w.balls[i], h)
		w.throw(&w.balls[s], h)
		w.balls[s].Arrival += w.cfg.FlightTicks / 2
	default:
		return false
	}
	w.stats.Swaps++
	w.emit(Event{Kind: EvSwap, Role: Ops, Version: w.balls[s].Version, Hand: h})
	w.install(s, true)
	return true
}

// recover starts picking up the dropped ball v (0: the live one if it is down, else the
// newest on the floor). Its hand catches nothing until it is back in the air. It is
// refused while production already holds MaxBalls balls: a ball picked up is back in
// production, which never holds more (ops discards or retires one first).
func (w *World) recover(v Version) Refusal {
	i, why := w.floorBall(v)
	switch {
	case i < 0:
		return why
	case w.handBusy(w.balls[i].Hand):
		return RefusedHandBusy
	case w.production() >= w.cfg.MaxBalls:
		return RefusedFull
	}
	b := &w.balls[i]
	w.reshape()
	b.State = BallRecovering
	b.From = w.tick
	b.Arrival = w.tick + w.cfg.RecoverTicks
	w.emit(Event{Kind: EvRecoverStart, Role: Ops, Version: b.Version, Hand: b.Hand})
	return RefusedNone
}

// discard throws the dropped ball v away (0 as for recover): a rollback if it was live.
func (w *World) discard(v Version) Refusal {
	i, why := w.floorBall(v)
	if i < 0 {
		return why
	}
	b := w.removeBall(i)
	w.stats.Discards++
	w.emit(Event{Kind: EvDiscard, Role: Ops, Version: b.Version})
	if b.Version == w.live {
		w.rollback(&b)
	}
	return RefusedNone
}

// floorBall returns the index of the ball on the floor with version v, or for v == 0 the
// live ball if it is on the floor, else the newest on the floor; -1 if none. Only balls
// ops knows of count (Ball.Seen: at once with bottom-up monitoring, else once an incident
// is detected): ops cannot pick up or throw away what it cannot see, so a ball nobody
// knows of stays on the floor until monitoring or a customer reveals it. With -1 it
// returns why: RefusedUnseen when the ball asked for lies there unknown, else
// RefusedNothingDown.
func (w *World) floorBall(v Version) (int, Refusal) {
	best, why := -1, RefusedNothingDown
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		if b.State != BallFloor || v != 0 && b.Version != v {
			continue
		}
		if !b.Seen {
			why = RefusedUnseen
			continue
		}
		if v != 0 {
			return i, RefusedNone
		}
		best = i // sorted by version: the last is the newest, and the live one is the newest installed
	}
	if best >= 0 {
		return best, RefusedNone
	}
	return -1, why
}

// stepJuggle drops the balls nobody caught in time and finishes recoveries.
func (w *World) stepJuggle() {
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		switch {
		case b.State.InJuggle() && w.tick >= b.Arrival+w.cfg.CatchWindowTicks:
			incoming := b.State == BallIncoming
			w.reshape()
			b.State = BallFloor
			b.From = w.tick
			b.Seen = w.bottomUp
			w.stats.Drops++
			w.cur.Drops++
			w.emit(Event{Kind: EvDrop, Version: b.Version, Hand: b.Hand})
			if incoming {
				w.stats.FailedUpgrades++
				w.install(i, false)
			}
			if b.Version == w.live {
				w.stats.LiveDrops++
			}
		case b.State == BallRecovering && w.tick >= b.Arrival:
			w.shapeGen++ // back in the air
			w.throw(b, b.Hand)
			w.stats.Recoveries++
			w.emit(Event{Kind: EvRecovered, Role: Ops, Version: b.Version, Hand: b.Hand})
		}
	}
	w.bake()
}

// bake ships the features of the live version, and of every older version still
// unshipped, once it has been live for BakeTicks.
func (w *World) bake() {
	if len(w.unshipped) == 0 || w.live == 0 || w.tick-w.liveSince+1 < w.cfg.BakeTicks {
		return
	}
	n := 0
	for _, e := range w.unshipped {
		if e.Version > w.live {
			w.unshipped[n] = e
			n++
			continue
		}
		if w.find(e.Version) >= 0 {
			w.shipped = append(w.shipped, e) // still in production: a rollback would claw it back
		}
		w.stats.Shipped++
		w.cur.Shipped++
		w.emit(Event{Kind: EvShipped, Version: e.Version, Feature: e.Feature})
	}
	w.unshipped = w.unshipped[:n]
}
