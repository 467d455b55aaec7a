package game

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/strategy"
)

// titleScene chooses the round: roles, preset, months, seed, difficulty.
type titleScene struct {
	// setup is the round chosen; in hall mode (g.hall, hall.go) the hall's, locked.
	setup Setup
	sel   int
	devs  []string // "human", "bot", "bot:NAME"
	opss  []string
}

// presetBlurbs say in one line what each preset changes.
var presetBlurbs = map[string]string{
	"silo":      "The lecture: dev paid per feature, ops by uptime; change requests, in-place releases, no monitoring.",
	"devops":    "Shared pay (features and uptime), no gate, top-down monitoring of the customer KPI.",
	"sre":       "Shared pay plus an error budget: spend it on outages and releases lock until next month.",
	"bluegreen": "Silo pay, but releases wait on a blue/green stand and swap in with no downtime.",
}

// Title rows.
const (
	rowDev = iota
	rowOps
	rowPreset
	rowMonths
	rowSeed
	rowDifficulty
	rowPractice // the first button: a first-timer starts here
	rowGuided
	rowStart
	rowAttract
	rowHowTo
	rowSettings
	rowSession
	rowQuit
	numRows
)

func newTitleScene(g *Game) *titleScene {
	s := &titleScene{devs: []string{"human", "bot"}, opss: []string{"human", "bot"}}
	for _, n := range sim.DevBotNames() {
		s.devs = append(s.devs, strategy.BotPrefix+n)
	}
	for _, n := range sim.OpsBotNames() {
		s.opss = append(s.opss, strategy.BotPrefix+n)
	}
	// The bots that play for their pay, last: a class watches what its pay teaches one.
	for _, n := range []string{strategy.Learner, strategy.Equilibrium} {
		s.devs = append(s.devs, strategy.BotPrefix+n)
		s.opss = append(s.opss, strategy.BotPrefix+n)
	}
	st := g.Settings
	s.setup = Setup{Preset: st.Preset, Months: st.Months, Seed: 1}
	if g.opts.SetupGiven {
		s.setup = g.opts.Setup
	} else {
		s.setup.Difficulty, _ = sim.ParseDifficulty(st.Difficulty)
		s.setup.Players[sim.Dev], _ = ParsePlayer(sim.Dev, st.Dev)
		s.setup.Players[sim.Ops], _ = ParsePlayer(sim.Ops, st.Ops)
		if n := len(g.Session); n > 0 {
			// The same seed and the same players: the next round, another preset,
			// compares (the guided round's lecture round has the dev bot, which the
			// settings do not say; a devops round after it had nobody playing dev).
			last := &g.Session[n-1].Setup
			s.setup.Seed, s.setup.Players = last.Seed, last.Players
		}
	}
	if _, err := sim.Preset(s.setup.Preset); err != nil {
		s.setup.Preset = "silo"
	}
	s.setup.Months = min(max(s.setup.Months, 1), 12)
	if g.hall != nil {
		s.setup = g.hall.Round // as the instructor set it, whatever was played since
	}
	if !st.Practised || !st.Guided {
		s.sel = rowPractice // a first-timer: the warm-up, then the guided round
		if st.Practised {
			s.sel = rowGuided
		}
	}
	return s
}

// firstButton is the first row that is a button, not a choice.
const firstButton = rowPractice

func cycle(list []string, cur string, d int) string {
	i := slices.Index(list, cur)
	if i < 0 {
		i = 0
	}
	return list[(i+d+len(list))%len(list)]
}

// change moves a choice's row to its previous (d = -1) or next (+1) value; in hall mode
// it changes nothing, and says why.
func (s *titleScene) change(g *Game, row, d int) {
	if g.hall != nil {
		g.notify("hall", g.hall.hallLocked())
		return
	}
	st := &s.setup
	switch row {
	case rowDev:
		st.Players[sim.Dev], _ = ParsePlayer(sim.Dev, cycle(s.devs, st.Players[sim.Dev].String(), d))
	case rowOps:
		st.Players[sim.Ops], _ = ParsePlayer(sim.Ops, cycle(s.opss, st.Players[sim.Ops].String(), d))
	case rowPreset:
		st.Preset = cycle(sim.PresetNames(), st.Preset, d)
	case rowMonths:
		st.Months = min(max(st.Months+d, 1), 12)
	case rowSeed:
		if int64(st.Seed)+int64(d) >= 0 {
			st.Seed = uint64(int64(st.Seed) + int64(d))
		}
	case rowDifficulty:
		ds := sim.Difficulties()
		st.Difficulty = ds[(slices.Index(ds, st.Difficulty)+d+len(ds))%len(ds)]
	}
}

// titleGridW is how many buttons a row of the title's button grid holds (titleRowRect).
const titleGridW = 4

// side is ← (d = -1) or → (+1): on a choice, the previous or next value; on the button
// grid, the button beside, round its row (the footer says "Arrows choose").
func (s *titleScene) side(g *Game, d int) {
	if s.sel < firstButton {
		s.change(g, s.sel, d)
		return
	}
	i := s.sel - firstButton
	rowFirst := i - i%titleGridW
	s.sel = firstButton + rowFirst + (i%titleGridW+d+titleGridW)%titleGridW
}

func (s *titleScene) Update(g *Game) error {
	gs := &g.Gestures
	switch {
	case gs.Pressed(ebiten.KeyUp):
		s.sel = (s.sel + numRows - 1) % numRows
	case gs.Pressed(ebiten.KeyDown):
		s.sel = (s.sel + 1) % numRows
	case gs.Pressed(ebiten.KeyLeft):
		s.side(g, -1)
	case gs.Pressed(ebiten.KeyRight):
		s.side(g, 1)
	case gs.Pressed(ebiten.KeyR) && s.sel == rowSeed && g.hall != nil:
		g.notify("hall", g.hall.hallLocked())
	case gs.Pressed(ebiten.KeyR) && s.sel == rowSeed:
		s.setup.Seed = uint64(rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)).IntN(10000))
	case gs.Pressed(ebiten.KeyH):
		g.Switch(newHowToScene(s))
		return nil
	}
	act := -1
	if gs.Confirm() {
		act = s.sel
		if s.sel < firstButton {
			act = rowStart
		}
	}
	for row := 0; row < numRows; row++ {
		x, y, w, h := titleRowRect(row)
		if row < firstButton {
			if gs.Tapped(x+300, y, 60, h) {
				s.sel = row
				s.change(g, row, -1)
			}
			if gs.Tapped(x+w-60, y, 60, h) {
				s.sel = row
				s.change(g, row, 1)
			}
		} else if gs.Tapped(x, y, w, h) {
			act = row
		}
	}
	if act >= 0 {
		s.activate(g, act)
	}
	return nil
}

// activate does what a button row does on Enter or a click.
func (s *titleScene) activate(g *Game, row int) {
	g.Audio.Play(assets.SoundClick)
	switch row {
	case rowStart, rowAttract:
		s.start(g, row == rowAttract)
	case rowPractice:
		s.remember(g)
		p, err := newPracticeScene(g, s.setup.Difficulty)
		if err != nil {
			g.Notify(err.Error())
			return
		}
		g.Switch(p)
	case rowGuided:
		s.remember(g)
		gd, err := newGuidedScene(g)
		if err != nil {
			g.Notify(err.Error())
			return
		}
		g.Switch(gd)
	case rowHowTo:
		g.Switch(newHowToScene(s))
	case rowSettings:
		g.Switch(newSettingsScene(s))
	case rowSession:
		g.Switch(newSessionScene(s))
	case rowQuit:
		if runtime.GOOS == "js" {
			g.Notify("Close the browser tab to quit.")
			return
		}
		g.Quit()
	}
}

// start starts the round chosen, and remembers the choices. Watching bots (attract)
// plays it with bots in both roles, but leaves the roles shown (and saved for the next
// start) as the people chose them.
func (s *titleScene) start(g *Game, attract bool) {
	setup := s.setup
	if attract {
		setup.Players = attractPlayers(setup.Players)
	}
	s.remember(g)
	r, err := newRoundScene(g, setup, "")
	if err != nil {
		g.Notify(err.Error())
		return
	}
	r.record = g.takeRecord()
	g.Switch(r)
}

// attractPlayers is who plays an attract round: the bot chosen for a role, else the
// preset's bot.
func attractPlayers(p [2]Player) [2]Player {
	for r := range p {
		if !p[r].Bot {
			p[r] = Player{Bot: true}
		}
	}
	return p
}

// remember saves the choices for the next start.
func (s *titleScene) remember(g *Game) {
	st := &g.Settings
	st.Preset, st.Months, st.Difficulty = s.setup.Preset, s.setup.Months, string(s.setup.Difficulty)
	st.Dev, st.Ops = s.setup.Players[sim.Dev].String(), s.setup.Players[sim.Ops].String()
	g.SaveSettings()
}

func titleRowRect(row int) (x, y, w, h float32) {
	if row < firstButton {
		return 200, 130 + float32(row)*52, 880, 46
	}
	// Buttons: two rows of four.
	i := row - firstButton
	return 40 + float32(i%titleGridW)*305, 500 + float32(i/titleGridW)*64, 285, 52
}

func (s *titleScene) Draw(g *Game, r *Renderer) {
	r.Text("DEV vs OPS", ScreenW/2, 16, styleHuge)
	r.Text("the juggling game of \"Designing for Production\"", ScreenW/2, 80, styleBody.In(ColDim).At(Center))
	st := &s.setup
	labels := [firstButton]string{"Dev played by", "Ops played by", "Preset", "Months", "Seed", "Difficulty"}
	values := [firstButton]string{st.Players[sim.Dev].String(), st.Players[sim.Ops].String(), st.Preset,
		fmt.Sprintf("%d  (%d s)", st.Months, st.Months*30), fmt.Sprintf("%d", st.Seed), string(st.Difficulty)}
	for row := 0; row < firstButton; row++ {
		x, y, w, h := titleRowRect(row)
		if row == s.sel {
			r.Rect(x, y, w, h, fade(ColSky, 0.25))
			r.Frame(x, y, w, h, 2, ColSky)
		}
		r.Text(labels[row], x+16, y+h/2, styleStrong.At(LeftMid))
		r.Text(values[row], x+(300+w)/2, y+h/2, styleHeading.At(CenterMid))
		if g.hall != nil {
			// No arrows: the instructor set it (hall.go).
			r.Text("set by the instructor", x+w-16, y+h/2, styleNote.At(RightMid))
			continue
		}
		r.Text("<", x+330, y+h/2, styleHeading.In(ColDim).At(CenterMid))
		r.Text(">", x+w-30, y+h/2, styleHeading.In(ColDim).At(CenterMid))
	}
	// The line under the rows says what the preset changes, or, on the seed's row, what
	// the seed does (under the title it crowded the subtitle, far from its row).
	r.Text(s.line(g), ScreenW/2, 466, styleNote.In(ColYellow).At(CenterMid))
	buttons := [...]string{"PRACTICE (30 s)", "GUIDED FIRST ROUND", "START ROUND", "WATCH BOTS (attract)",
		"HOW TO PLAY [H]", "SETTINGS & KEYS", "SESSION (" + report.Count(len(g.Session), "round") + ")", "QUIT"}
	if g.hall != nil && g.hall.N > 0 {
		buttons[rowStart-firstButton] = fmt.Sprintf("PLAY ROUND %d", g.hall.N)
	}
	for i, b := range buttons {
		row := firstButton + i
		x, y, w, h := titleRowRect(row)
		fill, tc := ColPanel, ColText
		if row == s.sel {
			fill, tc = ColSky, ColBlack
		}
		r.Panel(x, y, w, h, fill, ColPanelEdge)
		r.Text(b, x+w/2, y+h/2, styleButton.In(tc))
	}
}

// line is the line under the choices: what the selected button does, what the seed
// does on its row, what the preset changes elsewhere; and, for a first-timer, where to
// start.
func (s *titleScene) line(g *Game) string {
	switch {
	case g.hall != nil && s.sel == rowAttract:
		return "Bots play " + g.hall.RoundName() + " for you to watch: it is not sent to the projector."
	case g.hall != nil && s.sel < rowPractice || g.hall != nil && s.sel == rowStart:
		return g.hall.title() + ", as the instructor set it: played to its end, it counts."
	case s.sel == rowSeed:
		return "R: a random seed. The same seed gives the same features and defects."
	case s.sel == rowPractice:
		return "30 seconds of juggling only, on the difficulty chosen above: no dev, no pay."
	case s.sel == rowGuided:
		return "Play ops, one lesson at a time: catch, retire, roll back, pick up, acknowledge, approve."
	case !g.Settings.Practised || !g.Settings.Guided:
		return "New here? Start with PRACTICE (30 s), then the GUIDED FIRST ROUND."
	}
	return presetBlurbs[s.setup.Preset]
}

// Footer is the title screen's keys, in the status line.
func (s *titleScene) Footer(g *Game) string {
	return "Arrows choose · Enter starts · mouse works too · F11 fullscreen · M mute"
}
