package game

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestComplaintClearOfBalls: the customer's complaint bubble (with its tail) covers no
// place a ball can be drawn: balls of every state are drawn, with their tags, all along
// their paths, caught as late as the easy catch window allows, on a transparent image,
// with the hands, their labels and the blue/green stand; no pixel under the bubble may be
// painted, whatever panels the monitoring mode puts above it. (The blue/green stand's
// ball and tags are under the bubble only with both monitors, which no preset has with
// blue/green: the stand is checked with the other modes.) The incident panel over the
// arcs is checked the same way.
func TestComplaintClearOfBalls(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs, err := newRoundScene(g, Setup{Preset: "bluegreen", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}, "")
	require.NoError(t, err)
	cfg := &rs.round.Config
	easy := *cfg
	sim.Easy.Apply(&easy)
	late := float64(easy.CatchWindowTicks)

	for _, p := range sim.PresetNames() {
		c, err := sim.Preset(p)
		require.NoError(t, err)
		require.False(t, c.Monitoring == sim.MonitorBoth && c.Release == sim.BlueGreen, "preset %s", p)
	}

	img := ebiten.NewImage(ScreenW, ScreenH)
	defer img.Deallocate()
	stand := ebiten.NewImage(ScreenW, ScreenH)
	defer stand.Deallocate()
	r := g.r
	r.Begin(stand, 1)
	drawStand(r)
	standBall := sim.BallView{Version: 12, State: sim.BallStand}
	x, y := ballAt(&standBall, 0, 0, 0)
	drawBall(r, &standBall, x, y)
	r.Flush()
	r.Begin(img, 1)
	v := &sim.View{Release: sim.BlueGreen}
	rs.drawJuggler(g, r, v, 0)
	v.Busy = [2]bool{true, true} // the busy rings, and the labels that say so
	rs.drawJuggler(g, r, v, 0)
	for _, st := range []struct {
		state         sim.BallState
		span          sim.Tick
		live, cracked bool
	}{
		{sim.BallAir, cfg.FlightTicks, true, true}, // the DEFECT tag, the widest
		{sim.BallAir, cfg.FlightTicks, false, false},
		{sim.BallIncoming, cfg.ReleaseFlightTicks, false, false},
		{sim.BallRecovering, cfg.RecoverTicks, false, false},
	} {
		for h := sim.Left; h <= sim.Right; h++ {
			b := sim.BallView{Version: 12, State: st.state, Hand: h, Arrival: st.span, Live: st.live, Cracked: st.cracked}
			for tk := 0.0; tk <= float64(st.span)+late; tk += 0.5 {
				x, y := ballAt(&b, tk, 0, 0)
				drawBall(r, &b, x, y)
			}
		}
	}
	r.Flush()
	drawn := image.NewRGBA(image.Rect(0, 0, ScreenW, ScreenH))
	img.ReadPixels(drawn.Pix)
	standDrawn := image.NewRGBA(image.Rect(0, 0, ScreenW, ScreenH))
	stand.ReadPixels(standDrawn.Pix)

	// Nor under the incident panel, which spans the top of the arcs: the tags of balls
	// near the top go beside them.
	incident := image.Rect(incX, incY, incX+incW, incY+incH)
	n, first := painted(drawn, incident)
	assert.Zero(t, n, "pixels of balls or their tags under the incident panel %v, the first at %v", incident, first)

	// Nor under the beat hint's key caps (with their glow), beside the hands, nor under
	// the change request's box in ops' half (the presets with a gate have no monitoring).
	for h := sim.Left; h <= sim.Right; h++ {
		x := beatCapX(h)
		cap := image.Rect(int(x-beatCapGlow), beatCapY-beatCapGlow, int(x+beatCapW+beatCapGlow), beatCapY+beatCapH+beatCapGlow)
		n, first := painted(drawn, cap)
		assert.Zero(t, n, "pixels of balls, hands or labels under the %s key cap %v, the first at %v", h, cap, first)
		rx, ry, rw, rh := requestRect(sim.MonitorNone)
		assert.False(t, cap.Overlaps(image.Rect(int(rx), int(ry), int(rx+rw), int(ry+rh))), "the %s key cap under the change request", h)
	}
	rx, ry, rw, rh := requestRect(sim.MonitorNone)
	request := image.Rect(int(rx), int(ry), int(rx+rw), int(ry+rh))
	n, first = painted(drawn, request)
	assert.Zero(t, n, "pixels of balls, hands or labels under the change request %v, the first at %v", request, first)
	n, first = painted(standDrawn, request)
	assert.Zero(t, n, "pixels of the blue/green stand under the change request %v, the first at %v", request, first)
	_, by, _, bh := complaintRect(sim.MonitorNone)
	assert.GreaterOrEqual(t, ry, by+bh, "the change request under the complaint's place")

	for _, m := range []sim.Monitoring{sim.MonitorNone, sim.MonitorTopDown, sim.MonitorBottomUp, sim.MonitorBoth} {
		t.Run(string(m), func(t *testing.T) {
			x, y, w, h := complaintRect(m)
			assert.GreaterOrEqual(t, y-complaintTail, monitorsEnd(m), "under the monitoring panels")
			assert.LessOrEqual(t, x+w, float32(monX+monW), "inside the monitoring column")
			box := image.Rect(int(x), int(y-complaintTail), int(x+w+1), int(y+h+1))
			n, first := painted(drawn, box)
			assert.Zero(t, n, "pixels of balls, hands or labels under the bubble %v, the first at %v", box, first)
			if m != sim.MonitorBoth {
				n, first := painted(standDrawn, box)
				assert.Zero(t, n, "pixels of the stand under the bubble %v, the first at %v", box, first)
			}
		})
	}
}

// painted counts the pixels drawn (not transparent) in box, and returns the first.
func painted(img *image.RGBA, box image.Rectangle) (n int, first image.Point) {
	for py := box.Min.Y; py < box.Max.Y; py++ {
		for px := box.Min.X; px < box.Max.X; px++ {
			if img.RGBAAt(px, py).A != 0 {
				if n == 0 {
					first = image.Pt(px, py)
				}
				n++
			}
		}
	}
	return n, first
}
