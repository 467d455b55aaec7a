package sim

// stepDev advances development by one tick: testing, reworking or building, and the
// change request's timeout. Rework comes before new features.
func (w *World) stepDev() {
	if w.testing && (w.trayN == 0 || w.crActive) {
		w.testing = false
	}
	switch {
	case w.testing:
		f := &w.tray[0]
		f.TestedTicks++
		if f.TestedTicks >= w.cfg.TestHalvingTicks {
			f.TestedTicks = 0
			f.ChancePermille /= 2
			w.stats.TestHalvings++
			w.emit(Event{Kind: EvTestHalved, Role: Dev, Feature: f.ID})
		}
	case w.reworkN > 0 && w.trayN < w.cfg.TrayCap:
		w.reworkProgress++
		if w.reworkProgress >= w.cfg.ReworkTicks {
			w.reworkProgress = 0
			w.finishRework()
		}
	case w.trayN < w.cfg.TrayCap:
		w.buildProgress++
		if w.buildProgress >= w.cfg.BuildTicks {
			w.buildProgress = 0
			w.finishFeature()
		}
	}
	if w.crActive && w.tick-w.crSince >= w.cfg.CRTimeoutTicks {
		w.crActive = false
		w.stats.CRsTimedOut++
		w.emit(Event{Kind: EvCRTimedOut, Role: Ops})
	}
}

// finishFeature puts a new feature at the back of the tray, with its hidden defect roll:
// the world's only random draw.
func (w *World) finishFeature() {
	invariant(w.trayN < len(w.tray), "tray overflow")
	f := Feature{
		ID:             w.nextFeature,
		FinishedAt:     w.tick,
		Roll:           int32(w.rng.IntN(1000)),
		ChancePermille: w.cfg.DefectChancePermille,
	}
	w.nextFeature++
	w.tray[w.trayN] = f
	w.trayN++
	w.stats.FeaturesBuilt++
	w.emit(Event{Kind: EvFeatureDone, Role: Dev, Feature: f.ID})
}

// canRelease reports whether the front feature may go out now (gate aside).
func (w *World) canRelease() bool { return w.releaseBlock() == RefusedNone }

// release is dev's release action: a change request with the gate, else straight out.
// It returns why it was refused, or RefusedNone.
func (w *World) release(arg int32) Refusal {
	if w.crActive {
		return RefusedInReview
	}
	if why := w.releaseBlock(); why != RefusedNone {
		return why
	}
	if arg < ArgHandAuto || arg > ArgHandRight {
		return RefusedNoSuchHand
	}
	w.testing = false
	if w.cfg.Gate {
		w.crActive = true
		w.crSince = w.tick
		w.crHand = arg
		w.stats.CRs++
		if w.open >= 0 {
			w.incidents[w.open].CRs++
		}
		w.emit(Event{Kind: EvCRSubmitted, Role: Dev, Feature: w.tray[0].ID})
		return RefusedNone
	}
	w.dispatch(arg)
	return RefusedNone
}

// approve is ops' approval of the pending change request. When the world changed since
// the request (error budget, stand, capacity), the request is rejected and the approval
// refused with the reason.
func (w *World) approve() Refusal {
	if !w.crActive {
		return RefusedNoRequest
	}
	w.crActive = false
	if why := w.releaseBlock(); why != RefusedNone {
		w.stats.CRsRejected++
		w.emit(Event{Kind: EvCRRejected, Role: Ops})
		return why
	}
	w.stats.CRsApproved++
	if w.open >= 0 {
		w.incidents[w.open].CRsApproved++
	}
	w.emit(Event{Kind: EvCRApproved, Role: Ops})
	w.dispatch(w.crHand)
	return RefusedNone
}

// dispatch sends the front feature to production as a new version.
func (w *World) dispatch(arg int32) {
	f := w.tray[0]
	copy(w.tray[:w.trayN-1], w.tray[1:w.trayN])
	w.trayN--
	w.tray[w.trayN] = Feature{}
	b := Ball{
		Version:    w.nextVersion,
		Feature:    f.ID,
		Defective:  f.Defective(),
		FinishedAt: f.FinishedAt,
		Hand:       NoHand,
		From:       w.tick,
	}
	w.nextVersion++
	if w.blueGreen {
		b.State = BallStand
		b.Arrival = w.tick
	} else {
		b.State = BallIncoming
		b.Hand = w.releaseHand(arg)
		b.Arrival = w.tick + w.cfg.ReleaseFlightTicks
	}
	w.addBall(b)
	w.stats.Releases++
	if w.open >= 0 {
		w.incidents[w.open].Releases++
	}
	w.emit(Event{Kind: EvRelease, Role: Dev, Version: b.Version, Feature: b.Feature, Hand: b.Hand})
	if b.State == BallStand {
		w.emit(Event{Kind: EvDeployed, Role: Dev, Version: b.Version, Feature: b.Feature})
	}
}

// releaseHand picks the hand a release flies to.
func (w *World) releaseHand(arg int32) Hand {
	switch arg {
	case ArgHandLeft:
		return Left
	case ArgHandRight:
		return Right
	}
	var inbound [2]int
	for i := 0; i < w.ballsN; i++ {
		if b := &w.balls[i]; b.State.InJuggle() {
			inbound[b.Hand]++
		}
	}
	if inbound[Right] < inbound[Left] {
		return Right
	}
	return Left
}

// returnToDev queues a rolled-back (or refused) feature for rework. Versions 1 and 2,
// in production before the round, carry no feature of this round (Feature 0).
func (w *World) returnToDev(b *Ball) {
	if b.Feature == 0 {
		return
	}
	invariant(w.reworkN < len(w.rework), "rework overflow")
	w.rework[w.reworkN] = Feature{ID: b.Feature, FinishedAt: b.FinishedAt, Rework: true}
	w.reworkN++
}

// finishRework puts the reworked feature at the front of the tray with a fresh defect
// draw: the fix may itself be faulty.
func (w *World) finishRework() {
	invariant(w.trayN < len(w.tray), "tray overflow on rework")
	f := w.rework[0]
	copy(w.rework[:w.reworkN-1], w.rework[1:w.reworkN])
	w.reworkN--
	w.rework[w.reworkN] = Feature{}
	f.Roll = int32(w.rng.IntN(1000))
	f.ChancePermille = w.cfg.DefectChancePermille
	copy(w.tray[1:w.trayN+1], w.tray[:w.trayN])
	w.tray[0] = f
	w.trayN++
	w.testing = false
	w.emit(Event{Kind: EvFeatureDone, Role: Dev, Feature: f.ID, Arg: 1})
}
