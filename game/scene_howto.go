package game

import (
	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
)

// howToScene is one screen of rules in plain words, the lecture's.
type howToScene struct {
	back Scene
}

func newHowToScene(back Scene) *howToScene { return &howToScene{back: back} }

func (s *howToScene) Update(g *Game) error {
	gs := &g.Gestures
	if gs.Confirm() || gs.Pressed(ebiten.KeyEscape) || gs.Pressed(ebiten.KeyH) || len(gs.Taps) > 0 {
		g.Audio.Play(assets.SoundClick)
		g.Switch(s.back)
	}
	return nil
}

var howToRules = []string{
	"30 seconds are a month; one second is a day.",
	"Features are balls. DEV builds features and releases them: a release puts a new ball (a new version) into production.",
	"Production keeps two versions: the LIVE one (solid ball) and a STANDBY to roll back to (ring). OPS juggles them (supports them): press a hand's key as the ring round it closes.",
	"A release upgrades version N to N+1, and must not cause downtime. A dropped live ball is an outage until picked up, or thrown away (a rollback).",
	"Features may hide a defect: testing halves the chance, but costs time. A defective live version shows cracked once monitoring (or a customer) sees it.",
	"With the change-request gate, ops approves or rejects each release. Blue/green puts the new version on a stand: ops swaps it in while catching the old standby, with no downtime.",
	"Pay: by default dev is paid per feature shipped, ops by uptime. Other presets share the pay, add monitoring, an error budget, blue/green. Watch what each incentive does.",
	"The strip under your half of the screen says what to do when it matters. New here? PRACTICE, then the GUIDED FIRST ROUND (title screen).",
}

func (s *howToScene) Draw(g *Game, r *Renderer) {
	r.Text("HOW TO PLAY", ScreenW/2, 20, styleTitle)
	y := float32(70)
	for _, rule := range howToRules {
		lines := r.WrapFill(rule, styleBody, 720)
		r.Disc(40, y+12, 6, ColOrange)
		for _, l := range lines {
			r.Text(l, 56, y, styleBody)
			y += 26
		}
		y += 10
	}
	// Keys, per role.
	x := float32(820)
	r.Panel(x-16, 64, 460, 570, ColPanel, ColPanelEdge)
	ky := float32(76)
	head := func(s string, c colorRGBA) {
		r.Text(s, x, ky, styleHeading.In(c))
		ky += 38
	}
	// The keys' labels in one column, after the widest key.
	keyW := float32(0)
	for _, ctls := range helpOrder {
		for _, c := range ctls {
			keyW = max(keyW, r.Measure(KeyName(g.Bindings[c]), styleLabel)+14)
		}
	}
	row := func(ctl Control, c colorRGBA) {
		key := KeyName(g.Bindings[ctl])
		w := r.Measure(key, styleLabel) + 14
		r.Rect(x, ky, w, 26, c)
		r.Text(key, x+w/2, ky+13, styleKeyCap)
		r.Text(ctl.Label(), x+keyW+10, ky+13, styleSmall.At(LeftMid))
		ky += 31
	}
	// The keyboard's halves: "left hand" would read as the juggler's.
	head("DEV (keyboard's left)", ColOrange)
	for _, c := range helpOrder[0] {
		row(c, ColOrange)
	}
	ky += 8
	head("OPS (keyboard's right)", ColSky)
	for _, c := range helpOrder[1] {
		row(c, ColSky)
	}
	r.Text("Mouse/touch: click a hand to catch, or a button", x, ky+4, styleNote)
	r.Text("Enter, Esc or click: back", ScreenW/2, 650, stylePrompt)
}

// Footer is the how-to screen's keys, in the status line: Esc goes back (to the title,
// or to the pause menu), it pauses nothing.
func (s *howToScene) Footer(g *Game) string {
	return "Esc back · F11 fullscreen · M mute · F9/F10 volume"
}
