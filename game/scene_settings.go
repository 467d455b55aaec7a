package game

import (
	"fmt"
	"runtime"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
)

// settingsScene sets the volume and rebinds the controls' keys.
type settingsScene struct {
	back Scene
	sel  int
	// waiting is set while the next key pressed becomes the selected control's.
	waiting bool
	msg     string
}

func newSettingsScene(back Scene) *settingsScene { return &settingsScene{back: back} }

// Rows: volume, smoothing, then one per control, then "reset" and "back".
const (
	setVolume = 0
	setSmooth = 1
	setFirst  = 2 // the first control's row
)

func (s *settingsScene) rows() int { return setFirst + int(NumControls) - 1 + 2 }

// smoothModes cycle on the smoothing row.
var smoothModes = []string{"auto", "on", "off"}

func (s *settingsScene) smooth(g *Game, d int) {
	g.Settings.Smooth = cycle(smoothModes, g.Settings.Smooth, d)
	g.r.AA = g.Settings.Smooth != "off"
	g.SaveSettings()
}

func (s *settingsScene) control(row int) Control {
	if row >= setFirst && row < setFirst+int(NumControls)-1 {
		return Control(row - setFirst + 1)
	}
	return CtlNone
}

func (s *settingsScene) Update(g *Game) error {
	gs := &g.Gestures
	if s.waiting {
		if len(gs.Keys) > 0 {
			s.rebind(g, gs.Keys[0])
		}
		return nil
	}
	n := s.rows()
	act := false
	switch {
	case gs.Pressed(ebiten.KeyEscape):
		g.Switch(s.back)
		return nil
	case gs.Pressed(ebiten.KeyUp):
		s.sel = (s.sel + n - 1) % n
	case gs.Pressed(ebiten.KeyDown):
		s.sel = (s.sel + 1) % n
	case gs.Pressed(ebiten.KeyLeft) && s.sel == setVolume:
		s.volume(g, -10)
	case gs.Pressed(ebiten.KeyRight) && s.sel == setVolume:
		s.volume(g, 10)
	case gs.Pressed(ebiten.KeyLeft) && s.sel == setSmooth:
		s.smooth(g, -1)
	case gs.Pressed(ebiten.KeyRight) && s.sel == setSmooth:
		s.smooth(g, 1)
	case gs.Confirm():
		act = true
	}
	for row := 0; row < n; row++ {
		x, y, w, h := settingsRowRect(row)
		if gs.Tapped(x, y, w, h) {
			s.sel, act = row, true
			if row == setVolume {
				if gs.Taps[0].X < x+w/2 {
					s.volume(g, -10)
				} else {
					s.volume(g, 10)
				}
				act = false
			}
		}
	}
	if act {
		s.activate(g)
	}
	return nil
}

// rebind binds the selected control to k, the key pressed while waiting for one: Esc
// keeps the old key, one of the game's own keys is refused (it waits on), and a key
// another control has swaps the two, so that no two controls share a key.
func (s *settingsScene) rebind(g *Game, k ebiten.Key) {
	c := s.control(s.sel)
	switch {
	case k == ebiten.KeyEscape:
		s.msg = "Unchanged."
	case reserved(k):
		s.msg = KeyName(k) + " is the game's own key (pause, sound, fullscreen): choose another."
		return
	default:
		if other := g.Bindings.Control(k); other != CtlNone && other != c {
			g.Bindings[other] = g.Bindings[c]
			s.msg = fmt.Sprintf("%s now on %s, %s on %s.", c.Label(), KeyName(k), other.Label(), KeyName(g.Bindings[other]))
		} else {
			s.msg = fmt.Sprintf("%s now on %s.", c.Label(), KeyName(k))
		}
		g.Bindings[c] = k
		g.SaveSettings()
	}
	s.waiting = false
}

// activate does what the selected row does on Enter or a click: restore the default
// keys, go back, cycle the smoothing, or wait for a control's new key.
func (s *settingsScene) activate(g *Game) {
	g.Audio.Play(assets.SoundClick)
	n := s.rows()
	switch {
	case s.sel == n-2:
		g.Bindings = DefaultBindings()
		g.SaveSettings()
		s.msg = "Default keys restored."
	case s.sel == n-1:
		g.Switch(s.back)
	case s.sel == setSmooth:
		s.smooth(g, 1)
	case s.control(s.sel) != CtlNone:
		s.waiting = true
		s.msg = "Press the new key (Esc: keep the old one)."
	}
}

func (s *settingsScene) volume(g *Game, d int) {
	g.Settings.VolumePercent = min(100, max(0, g.Settings.VolumePercent+d))
	g.Settings.Muted = false
	g.Audio.SetVolume(float64(g.Settings.VolumePercent)/100, false)
	g.Audio.Play(assets.SoundCatch)
	g.SaveSettings()
}

func settingsRowRect(row int) (x, y, w, h float32) {
	col, i := 0, row
	if row >= 9 {
		col, i = 1, row-9
	}
	return 60 + float32(col)*600, 110 + float32(i)*52, 560, 44
}

func (s *settingsScene) Draw(g *Game, r *Renderer) {
	r.Text("SETTINGS & KEYS", ScreenW/2, 24, styleTitle)
	r.Text(settingsWhere(g), ScreenW/2, 66, styleNote.At(Center))
	n := s.rows()
	for row := 0; row < n; row++ {
		x, y, w, h := settingsRowRect(row)
		if row == s.sel {
			r.Rect(x, y, w, h, fade(ColSky, 0.25))
			r.Frame(x, y, w, h, 2, ColSky)
		} else {
			r.Frame(x, y, w, h, 1, ColPanelEdge)
		}
		var label, value string
		col := ColText
		switch c := s.control(row); {
		case row == setVolume:
			label = "Volume (F9/F10; M mutes)"
			value = fmt.Sprintf("< %d %% >", g.Settings.VolumePercent)
			if g.Settings.Muted {
				value = "muted"
			}
			switch {
			case g.opts.Mute:
				value = "off (-mute)"
			case !g.Audio.Enabled():
				value = "no sound device"
			}
		case row == setSmooth:
			label = "Smooth round shapes"
			value = "< " + g.Settings.Smooth + " >"
			if g.Settings.Smooth == "auto" {
				value = "< auto: " + map[bool]string{true: "on", false: "off"}[g.r.AA] + " >"
			}
		case c != CtlNone:
			label = c.Role().String() + ": " + c.Label()
			value = KeyName(g.Bindings[c])
			if s.waiting && row == s.sel {
				value = "press a key..."
				col = ColYellow
			}
			if c.Role().String() == "dev" {
				r.Rect(x, y, 6, h, ColOrange)
			} else {
				r.Rect(x, y, 6, h, ColSky)
			}
		case row == n-2:
			label = "Restore the default keys"
		default:
			label = "Back"
		}
		r.Text(label, x+18, y+h/2, styleBody.At(LeftMid))
		r.Text(value, x+w-16, y+h/2, styleStrong.In(col).At(RightMid))
	}
	r.Text(s.msg, ScreenW/2, 640, stylePrompt)
}

// Footer is the settings' keys, in the status line.
func (s *settingsScene) Footer(g *Game) string { return "Arrows choose · Enter rebinds · Esc back" }

// settingsWhere says where the settings are kept.
func settingsWhere(g *Game) string {
	switch {
	case g.store.Path == "":
		return "Kept in memory only: not saved to a file"
	case runtime.GOOS == "js":
		return "Saved in this browser, for this site"
	}
	return "Saved in " + g.store.Path
}
