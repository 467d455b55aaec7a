package game

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// The dev panel's column, inside its stripe and margins.
const devColX, devColW = devX + 16, devW - 32

// trayShown is how many of the tray's features have a card; "+N more" counts the rest.
const trayShown = 3

// drawDev draws dev's panel, top to bottom: what dev works on, the tray of features
// ready to release, the test meter and the release gate.
func (s *roundScene) drawDev(g *Game, r *Renderer, v *sim.View) {
	r.Panel(devX, devY, devW, devH, ColPanel, ColPanelEdge)
	r.Rect(devX, devY, 6, devH, ColOrange)
	r.Text("DEV", devX+18, devY+8, styleHeading.In(ColOrange))
	r.Text(s.playerLabel(sim.Dev), devX+devW-14, devY+12, styleNote.At(Right))
	drawWork(r, v, s.devHolding())
	s.drawTray(r, v)
	s.drawTestMeter(r, v)
	s.drawGate(r, v)
}

// devHolding is why dev's bot keeps back a feature that is ready ("" if dev is no
// scripted bot, or does not).
func (s *roundScene) devHolding() string {
	if s.round.bots == nil {
		return ""
	}
	if d, ok := s.round.bots.Bot(sim.Dev).(*bot.DevBot); ok {
		return d.Holding()
	}
	return ""
}

// drawWork draws what dev works on: building the next feature (or why not: a full tray,
// and why a bot keeps it full), and the rework queue of rolled-back features.
func drawWork(r *Renderer, v *sim.View, holding string) {
	x, w := float32(devColX), float32(devColW)
	switch {
	case v.Testing:
		r.Text("Building paused while testing", x, buildY, styleBody.In(ColDim))
	case v.Stalled && holding != "":
		r.Text("Tray full: bot "+holding, x, buildY, styleStrong.In(ColYellow))
	case v.Stalled:
		r.Text("Tray full: building stalled", x, buildY, styleStrong.In(ColYellow))
	case v.ReworkN > 0:
		r.Text("Reworking a rolled-back feature", x, buildY, styleBody)
	default:
		r.Text("Building the next feature", x, buildY, styleBody)
	}
	bar(r, x, buildY+28, w, 20, float32(v.BuildProgress)/float32(max(v.BuildTicks, 1)), ColOrange)

	if v.ReworkN > 0 {
		r.Text(fmt.Sprintf("Rework queue: %d (rolled back)", v.ReworkN), x, reworkY, styleBody.In(ColVermilion))
		bar(r, x, reworkY+28, w, 14, float32(v.ReworkProgress)/float32(max(v.ReworkTicks, 1)), ColVermilion)
	} else {
		r.Text("Rework queue: empty", x, reworkY, styleBody.In(ColDim))
	}
}

// drawTray draws the tray: the features ready to release, a card each, the next one
// first.
func (s *roundScene) drawTray(r *Renderer, v *sim.View) {
	x, w := float32(devColX), float32(devColW)
	cap := s.round.Config.TrayCap
	r.Text(fmt.Sprintf("Ready to release: %d/%d", v.TrayN, cap), x, trayY-4, styleStrong)
	for i := 0; i < trayShown && i < cap; i++ {
		cy := float32(trayY + 26 + i*(cardH+4))
		if i >= v.TrayN {
			r.Frame(x, cy, w, cardH, 2, ColPanelEdge)
			r.Text("empty", x+w/2, cy+cardH/2, styleNote.In(ColPanelEdge).At(CenterMid))
			continue
		}
		drawTrayCard(r, &v.Tray[i], i == 0, cy)
	}
	if v.TrayN > trayShown {
		r.Text(fmt.Sprintf("+%d more", v.TrayN-trayShown), x+w, trayY-4, styleNote.At(Right))
	}
}

// drawTrayCard draws a feature's card at cy: its number, its tag and its defect meter,
// whose length is the chance (testing halves it).
func drawTrayCard(r *Renderer, f *sim.TrayView, next bool, cy float32) {
	x, w := float32(devColX), float32(devColW)
	edge := ColPanelEdge
	if next {
		edge = ColOrange
	}
	r.Panel(x, cy, w, cardH, ColBG, edge)
	r.Text(fmt.Sprintf("F%d", f.ID), x+12, cy+cardH/2, styleHeading.At(LeftMid))
	tag := ""
	switch {
	case f.InReview:
		tag = "IN REVIEW"
	case f.Rework:
		tag = "REWORK"
	case next:
		tag = "NEXT"
	}
	r.Text(tag, x+72, cy+cardH/2, styleLabel.In(ColYellow).At(LeftMid))
	mx, mw := x+w-190, float32(176)
	r.Text(fmt.Sprintf("defect %d %%", (f.ChancePermille+5)/10), mx, cy+6, styleNote)
	bar(r, mx, cy+32, mw, 12, float32(f.ChancePermille)/1000*4, ColVermilion)
}

// drawTestMeter draws the test of the next feature: how long until its defect chance
// halves again, or that testing is off.
func (s *roundScene) drawTestMeter(r *Renderer, v *sim.View) {
	x, w := float32(devColX), float32(devColW)
	if !v.Testing || v.TrayN == 0 {
		r.Text("Testing: off", x, testY, styleBody.In(ColDim))
		return
	}
	f := &v.Tray[0]
	half := s.round.Config.TestHalvingTicks
	r.Text(fmt.Sprintf("TESTING F%d: halves in %.1f s", f.ID, float64(half-f.TestedTicks)/sim.TicksPerSecond), x, testY, styleStrong.In(ColGreen))
	bar(r, x, testY+26, w, 12, float32(f.TestedTicks)/float32(max(half, 1)), ColGreen)
}

// drawGate draws what stands between dev and a release: the change request waiting for
// ops (or whether releases need one), and the error budget's lock.
func (s *roundScene) drawGate(r *Renderer, v *sim.View) {
	x, w := float32(devColX), float32(devColW)
	switch {
	case v.CRActive:
		r.Panel(x, crY, w, 84, ColBG, ColYellow)
		id := crFeature(v)
		left := float64(v.CRDeadline-v.Tick) / sim.TicksPerSecond
		r.Text(fmt.Sprintf("CHANGE REQUEST F%d · %.1f s left", id, left), x+10, crY+6, styleStrong.In(ColYellow))
		total := float32(max(v.CRDeadline-v.CRSince, 1))
		bar(r, x+10, crY+36, w-20, 10, float32(v.CRDeadline-v.Tick)/total, ColYellow)
		r.Text("ops decides", x+10, crY+56, styleSmall)
	case v.Gate:
		r.Text("Releases need ops' approval (gate)", x, crY+8, styleNote)
	default:
		r.Text("No gate: releases go straight out", x, crY+8, styleNote)
	}
	if v.Locked {
		r.Text("LOCKED: error budget spent", x, crY+40, styleStrong.In(ColVermilion))
	} else if v.Monitoring != "" && s.round.Config.ErrorBudget {
		r.Text(fmt.Sprintf("Error budget left: %d %%", v.BudgetLeftPermille/10), x, crY+40, styleNote)
	}
}
