package sim

// stepService works out this tick's availability, then incidents, monitoring and the
// error budget.
func (w *World) stepService() {
	w.avail, w.cause = w.availability()
	a := w.avail
	w.stats.AvailSum += int64(a)
	w.cur.AvailSum += int64(a)
	w.cur.Ticks++
	if a == 0 {
		w.stats.DownTicks++
	}
	if w.ballsN > w.cfg.TargetBalls {
		w.stats.OverTargetTicks++
	}

	// The top-down KPI: availability over the last KPIWindowTicks.
	if !w.kpi.still(a) {
		w.kpi.push(a, 1)
	}

	w.stepInfra()
	w.stepIncident()

	// The error budget.
	w.cur.ErrorUsed += int64(1000 - a)
	if w.cfg.ErrorBudget && !w.locked && w.cur.ErrorUsed > w.cur.ErrorBudget {
		w.locked = true
		w.crActive = false
		w.emit(Event{Kind: EvLocked})
	}
	if w.locked {
		w.stats.LockedTicks++
		w.cur.LockedTicks++
	}
}

// availability returns this tick's availability in per-mille and its cause (docs/model.md, "Availability").
func (w *World) availability() (int32, Cause) {
	i := w.liveIndex()
	switch {
	case i < 0:
		return 0, CauseNoLive
	case w.balls[i].State.Down():
		return 0, CauseLiveDrop
	case w.tick < w.upgradeUntil:
		return 0, CauseUpgrade
	case w.balls[i].Defective && w.cfg.DefectErrorPermille > 0:
		return 1000 - w.cfg.DefectErrorPermille, CauseDefect
	}
	return 1000, CauseNone
}

// kpiAlert reports whether the KPI over its window is below the threshold.
func (w *World) kpiAlert() bool {
	return w.kpi.sum < w.kpiLimit()
}

// kpiLimit is the sum of the KPI window below which the top-down alert fires.
func (w *World) kpiLimit() int64 {
	return int64(w.cfg.KPIThresholdPermille) * int64(w.kpi.size)
}

// infraConditions returns what bottom-up monitoring would alert on now.
func (w *World) infraConditions() (c [3]bool) {
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		if b.State.Down() {
			c[InfraFloor] = true
		}
	}
	c[InfraOverTarget] = w.ballsN > w.cfg.TargetBalls
	// Overload: two balls due at one hand within two catch windows. Balls are sorted by
	// version, not arrival, so compare every pair per hand (at most MaxBallsLimit^2/2).
	for i := 0; i < w.ballsN; i++ {
		bi := &w.balls[i]
		if !bi.State.InJuggle() {
			continue
		}
		for j := i + 1; j < w.ballsN; j++ {
			bj := &w.balls[j]
			if bj.State.InJuggle() && bj.Hand == bi.Hand {
				if d := bi.Arrival - bj.Arrival; d <= 2*w.cfg.CatchWindowTicks && d >= -2*w.cfg.CatchWindowTicks {
					c[InfraOverload] = true
				}
			}
		}
	}
	return c
}

// stepInfra raises bottom-up alerts on the rising edge of each condition, and counts
// those raised while customers were fine as false positives.
func (w *World) stepInfra() {
	if !w.bottomUp {
		return
	}
	now := w.infraConditions()
	for k := range now {
		if now[k] && !w.infra[k] {
			w.stats.InfraAlerts++
			if w.avail == 1000 {
				w.stats.FalsePositives++
			}
			w.emit(Event{Kind: EvAlert, Arg: int32(k)})
		}
	}
	w.infra = now
}

// stepIncident opens, updates, detects and resolves the incident.
func (w *World) stepIncident() {
	a := w.avail
	if w.open < 0 {
		if a == 1000 {
			return
		}
		w.incidents = append(w.incidents, Incident{
			ID: int32(len(w.incidents) + 1), Start: w.tick, Detected: -1, Acknowledged: -1, Resolved: -1,
			Cause: w.cause, Version: w.live, MinAvailabilityPermille: 1000, MaxBalls: int32(w.ballsN),
		})
		w.open = len(w.incidents) - 1
		w.cur.Incidents++
		w.emit(Event{Kind: EvIncidentOpen, Arg: w.incidents[w.open].ID})
	}
	in := &w.incidents[w.open]
	if a == 1000 {
		in.Resolved = w.tick
		if (w.bottomUp || w.topDown) && in.DetectedBy != DetectedByInfra && in.DetectedBy != DetectedByKPI {
			w.stats.FalseNegatives++
		}
		w.open = -1
		w.emit(Event{Kind: EvIncidentResolved, Arg: in.ID})
		return
	}
	in.Causes |= 1 << w.cause
	in.MinAvailabilityPermille = min(in.MinAvailabilityPermille, a)
	in.ImpactPermilleTicks += int64(1000 - a)
	in.MaxBalls = max(in.MaxBalls, int32(w.ballsN))
	if in.Detected >= 0 {
		w.seeFloor()
		return
	}
	det := DetectedByNone
	switch {
	case w.bottomUp && w.cause.InfraVisible():
		det = DetectedByInfra
	case w.topDown && w.kpiAlert():
		det = DetectedByKPI
	case w.tick-in.Start >= w.cfg.ComplaintDelayTicks:
		det = DetectedByComplaint
		w.stats.Complaints++
		w.emit(Event{Kind: EvComplaint, Arg: in.ID})
	}
	if det != DetectedByNone {
		in.Detected = w.tick
		in.DetectedBy = det
		w.unacked++
		w.seeFloor()
		w.emit(Event{Kind: EvDetected, Det: det, Arg: in.ID})
	}
}

// seeFloor marks every ball on the floor as known: during a detected incident, ops
// looks at production and finds what lies there.
func (w *World) seeFloor() {
	for i := 0; i < w.ballsN; i++ {
		if b := &w.balls[i]; b.State == BallFloor && !b.Seen {
			b.Seen = true
			w.reshape()
		}
	}
}

// acknowledge is ops acknowledging the oldest detected, unacknowledged incident.
func (w *World) acknowledge() Refusal {
	for i := range w.incidents {
		in := &w.incidents[i]
		if in.Detected >= 0 && in.Acknowledged < 0 {
			in.Acknowledged = w.tick
			w.unacked--
			w.emit(Event{Kind: EvAcknowledged, Role: Ops, Arg: in.ID})
			return RefusedNone
		}
	}
	return RefusedNoIncident
}

// stepMonth closes the month on its last tick: pay, statement, and a fresh error budget.
func (w *World) stepMonth() {
	if w.cur.Ticks < w.cfg.MonthTicks {
		return
	}
	m := &w.cur
	m.DevPay = w.cfg.DevPay.Pay(m.Shipped, m.AvailSum, m.Ticks)
	m.OpsPay = w.cfg.OpsPay.Pay(m.Shipped, m.AvailSum, m.Ticks)
	w.devPay += m.DevPay
	w.opsPay += m.OpsPay
	w.statements = append(w.statements, *m)
	w.emit(Event{Kind: EvMonthEnd, Arg: int32(w.month)})
	w.month++
	w.cur = MonthStatement{Month: w.month, ErrorBudget: w.budget()}
	w.locked = false
}
