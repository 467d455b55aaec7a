package sim

// Next-event time advance. Most ticks of a round are quiet: nobody presses anything and
// nothing happens but the steady accrual of time (availability summed, builds and tests
// progressing, the KPI window moving). NextEvent says when the next tick that is not
// quiet comes, and AdvanceTo jumps to it, accruing the quiet ticks in exact integer
// arithmetic: the state, and so its hash, is the one stepping tick by tick gives.

// End returns the tick at which the round ends: Done once Tick reaches it.
func (w *World) End() Tick { return w.end }

// NextEvent returns the earliest tick, from the current one on, at which Step with no
// inputs may do more than AdvanceTo's steady accrual: emit an event (a ball drops at the
// end of its catch window, a recovery ends, a build or rework or test halving finishes,
// a change request times out, a version ships, an upgrade ends, an incident is detected
// by the KPI or a complaint, the error budget runs out, the month ends) or change the
// state otherwise. A ball's arrival is no event of the world's: only a press catches
// it, and presses are inputs. Every tick
// before it is quiet: stepped with no inputs, it emits nothing. It returns the round's
// end when nothing is due before it, and may return a tick at which nothing happens
// after all (it errs early, never late). It costs O(balls) plus, while top-down
// monitoring has not detected an open incident, O(runs of equal availability in the KPI
// window), and it allocates nothing.
func (w *World) NextEvent() Tick {
	if w.nextAt == w.tick {
		return w.next
	}
	w.next, w.nextAt = w.nextEvent(), w.tick
	return w.next
}

func (w *World) nextEvent() Tick {
	now := w.tick
	// Before the first Step the derived state (availability, alerts) is not worked out.
	if now == 0 || now >= w.end {
		return min(now, w.end)
	}
	c := &w.cfg
	next := w.end
	// due is the k-th tick from now (k = 1: now itself).
	due := func(k Tick) { next = min(next, now+max(k, 1)-1) }

	// Development: the one counter stepDev advances, and the change request's timeout.
	switch {
	case w.testing:
		if w.trayN == 0 || w.crActive {
			return now // testing stops
		}
		due(c.TestHalvingTicks - w.tray[0].TestedTicks)
	case w.reworkN > 0 && w.trayN < c.TrayCap:
		due(c.ReworkTicks - w.reworkProgress)
	case w.trayN < c.TrayCap:
		due(c.BuildTicks - w.buildProgress)
	}
	if w.crActive {
		next = min(next, max(now, w.crSince+c.CRTimeoutTicks))
	}

	// The juggle: drops at the end of a catch window, recoveries ending, bakes.
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		switch {
		case b.State.InJuggle():
			next = min(next, max(now, b.Arrival+c.CatchWindowTicks))
		case b.State == BallRecovering:
			next = min(next, max(now, b.Arrival))
		}
	}
	if w.live != 0 {
		for _, e := range w.unshipped {
			if e.Version <= w.live {
				next = min(next, max(now, w.liveSince+c.BakeTicks-1))
				break
			}
		}
	}

	// The service: availability holds until an upgrade ends or an event changes it.
	if now < w.upgradeUntil {
		next = min(next, w.upgradeUntil)
	}
	a, cause := w.availability()
	if a != w.avail || cause != w.cause || (a < 1000) != (w.open >= 0) {
		return now // an incident opens, changes or resolves
	}
	if w.open >= 0 && w.incidents[w.open].Detected < 0 {
		in := &w.incidents[w.open]
		if w.bottomUp && cause.InfraVisible() {
			return now
		}
		next = min(next, max(now, in.Start+c.ComplaintDelayTicks))
		if w.topDown && next > now {
			if k := w.kpi.crossing(a, w.kpiLimit(), next-now); k > 0 {
				due(k)
			}
		}
	}
	if c.ErrorBudget && !w.locked && a < 1000 {
		// The budget locks on the first tick the error used exceeds it.
		due(Tick((w.cur.ErrorBudget-w.cur.ErrorUsed)/int64(1000-a) + 1))
	}
	due(c.MonthTicks - w.cur.Ticks)
	return next
}

// AdvanceTo plays the round up to tick t (or its end, if sooner) with no inputs: the
// state is the one Step(nil) repeated gives, to the last bit of the hash. It jumps over
// the quiet ticks before each NextEvent and steps the ticks at which something happens;
// Events then holds the events of the last tick stepped, none if it ended on a jump.
// Jumping to a tick no later than NextEvent costs O(balls) and allocates nothing.
func (w *World) AdvanceTo(t Tick) {
	t = min(t, w.end)
	for w.tick < t { // each pass jumps, or steps a tick
		if e := w.NextEvent(); e > w.tick {
			w.eventsN = 0
			w.jump(min(e, t))
			continue
		}
		w.Step(nil)
	}
}

// StepAhead is Step for a round that jumps: the same state and events, to the last bit
// of the hash. When the inputs leave nothing to happen in the rest of the tick (no
// event due now by NextEvent, no bottom-up alert raised), it jumps over the rest
// instead of stepping it, and the NextEvent it worked out holds for the next tick; if
// they were all catches of balls in the air, a View filled before needs only its
// clocks and balls brought up to date (Observe).
//
// Rounds that step every tick use Step: working out the next event every tick would
// cost them more than it saves.
func (w *World) StepAhead(in []Input) {
	if w.Done() {
		return
	}
	changed := w.changed
	w.applyAll(in)
	e := w.next // what NextEvent said at this tick holds if no input changed anything
	if len(in) > 0 || w.nextAt != w.tick {
		e = w.nextEvent()
	}
	if e > w.tick && (!w.bottomUp || w.infraConditions() == w.infra) {
		w.next, w.nextAt = e, w.tick
		if w.throws == len(in) && w.eventsN == len(in) {
			// Every input caught a ball in the air, and nothing else happened: the balls'
			// flights alone changed (and the clocks).
			w.changed = changed
		}
		w.jump(w.tick + 1)
		return
	}
	w.stepDev()
	w.stepJuggle()
	w.stepService()
	w.stepMonth()
	w.tick++
}

// FlightsOnly reports whether the last tick played with StepAhead changed nothing but
// the clocks and the flights of balls caught in the air (their Hand, From and Arrival),
// as have the quiet ticks jumped over since; false after a Step.
func (w *World) FlightsOnly() bool { return w.changed != w.stepped }

// jump moves the world on to tick t over quiet ticks, all before NextEvent.
func (w *World) jump(t Tick) {
	n := t - w.tick
	invariant(n > 0 && t <= w.next && w.nextAt == w.tick, "jump past the next event")
	c := &w.cfg

	// stepDev, n times: one counter moves.
	switch {
	case w.testing:
		w.tray[0].TestedTicks += n
	case w.reworkN > 0 && w.trayN < c.TrayCap:
		w.reworkProgress += n
	case w.trayN < c.TrayCap:
		w.buildProgress += n
	}

	// stepService, n times: the same availability and cause every tick.
	a := w.avail
	up := int64(n) * int64(a)
	down := int64(n) * int64(1000-a)
	w.stats.AvailSum += up
	w.cur.AvailSum += up
	w.cur.Ticks += n
	if a == 0 {
		w.stats.DownTicks += int64(n)
	}
	if w.ballsN > c.TargetBalls {
		w.stats.OverTargetTicks += int64(n)
	}
	w.kpi.push(a, n)
	if w.open >= 0 {
		// The incident's causes, worst tick and most balls, and the floor balls seen once
		// it is detected, are up to date since the Step before: they do not change with
		// the same availability, cause and balls.
		w.incidents[w.open].ImpactPermilleTicks += down
	}
	w.cur.ErrorUsed += down
	if w.locked {
		w.stats.LockedTicks += int64(n)
		w.cur.LockedTicks += n
	}

	w.tick = t
	w.nextAt = t // the next event has not moved
}
