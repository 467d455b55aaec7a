package game

import (
	"errors"
	"fmt"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
)

// Player says who plays a role: a person at the keyboard, or a bot from sim/bot.
type Player struct {
	Bot  bool
	Name string // the bot's name; "" for the preset's bot
}

// Human is a person at the keyboard.
var Human = Player{}

// String returns "human", "bot" or "bot:NAME", as the flags and replays write it.
func (p Player) String() string {
	switch {
	case !p.Bot:
		return "human"
	case p.Name == "":
		return "bot"
	}
	return "bot:" + p.Name
}

// ParsePlayer reads "human", "bot" (the preset's bot) or "bot:NAME" for a role.
func ParsePlayer(role sim.Role, s string) (Player, error) {
	switch {
	case s == "human":
		return Human, nil
	case s == "bot":
		return Player{Bot: true}, nil
	case strings.HasPrefix(s, "bot:"):
		name := s[4:]
		var err error
		if role == sim.Dev {
			_, err = sim.DevBotSpecFor(name)
		} else {
			_, err = sim.OpsBotSpecFor(name)
		}
		if err != nil {
			return Player{}, err
		}
		return Player{Bot: true, Name: name}, nil
	}
	return Player{}, fmt.Errorf("%q: want human, bot or bot:NAME", s)
}

// Difficulty sets the catch window: how far from a ball's arrival a press still catches.
type Difficulty int

// The difficulties.
const (
	Easy Difficulty = iota
	Normal
	Hard
)

var difficultyNames = []string{"easy", "normal", "hard"}

// String names the difficulty.
func (d Difficulty) String() string { return difficultyNames[d] }

// ParseDifficulty reads "easy", "normal" or "hard".
func ParseDifficulty(s string) (Difficulty, error) {
	for i, n := range difficultyNames {
		if n == s {
			return Difficulty(i), nil
		}
	}
	return Normal, fmt.Errorf("%q: want easy, normal or hard", s)
}

// catchWindowTicks is the catch window of a difficulty. Normal is the preset's own (7
// ticks, 117 ms each side); easy is about twice as forgiving, hard half.
func (d Difficulty) catchWindowTicks(preset sim.Tick) sim.Tick {
	switch d {
	case Easy:
		return 12
	case Hard:
		return 4
	}
	return preset
}

// Setup is what a round is made of: who plays, the rules and the seed.
type Setup struct {
	Preset     string
	Months     int
	Seed       uint64
	Difficulty Difficulty
	Players    [2]Player // by sim.Role
}

// Config returns the round's config: the preset, the months, the catch window of the
// difficulty, and the named bots.
func (s *Setup) Config() (sim.Config, error) {
	cfg, err := sim.Preset(s.Preset)
	if err != nil {
		return cfg, err
	}
	if s.Months > 0 {
		cfg.Months = s.Months
	}
	cfg.CatchWindowTicks = s.Difficulty.catchWindowTicks(cfg.CatchWindowTicks)
	if p := s.Players[sim.Dev]; p.Bot && p.Name != "" {
		if cfg.DevBot, err = sim.DevBotSpecFor(p.Name); err != nil {
			return cfg, err
		}
	}
	if p := s.Players[sim.Ops]; p.Bot && p.Name != "" {
		if cfg.OpsBot, err = sim.OpsBotSpecFor(p.Name); err != nil {
			return cfg, err
		}
	}
	return cfg, cfg.Validate()
}

// kpiHistoryTicks is how much KPI history the top-down chart shows (10 s, 10 days).
const kpiHistoryTicks = 600

// Match is a round in progress: the world, the bots, the recorder, and what the screen
// needs that the world does not keep (the KPI history). It holds no rule: every change
// to the world is a sim.Input given to Step.
type Match struct {
	Setup  Setup
	Config sim.Config
	World  *sim.World
	// View is what the screen shows, observed after each step (ops' view: both roles
	// share one screen, and their views differ only in Role).
	View sim.View

	round *bot.Round
	rec   *replay.Recorder

	// Playback of a replay: its player's inputs instead of players', its checkpoints
	// checked; Divergence is the first that did not match (playback goes on, showing it).
	player     *replay.Player
	Divergence *replay.Divergence

	human   []sim.Input
	applied []sim.Input // the inputs of the last step, a copy

	kpi    [kpiHistoryTicks]int16
	kpiPos int
}

// NewMatch starts a round.
func NewMatch(s Setup) (*Match, error) {
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	var dev, ops bot.Bot
	if s.Players[sim.Dev].Bot {
		dev = bot.NewDev(cfg.DevBot)
	}
	if s.Players[sim.Ops].Bot {
		ops = bot.NewOps(cfg.OpsBot, cfg, s.Seed)
	}
	m := &Match{Setup: s, Config: cfg, round: bot.NewRound(cfg, s.Seed, dev, ops)}
	m.World = m.round.World
	h := replay.NewHeader(cfg, s.Seed, "juggle", Version())
	h.Players = map[string]string{"dev": s.Players[sim.Dev].String(), "ops": s.Players[sim.Ops].String()}
	m.rec = replay.NewRecorder(h)
	m.init()
	return m, nil
}

// NewPlayback starts playing a replay back. Nobody plays: the recorded inputs do.
func NewPlayback(r *replay.Replay) (*Match, error) {
	if err := r.Header.Config.Validate(); err != nil {
		return nil, fmt.Errorf("replay config: %w", err)
	}
	cfg := r.Header.Config
	s := Setup{Preset: cfg.Name, Months: cfg.Months, Seed: r.Header.Seed, Difficulty: Normal}
	for role, key := range []string{"dev", "ops"} {
		s.Players[role] = Player{Bot: true, Name: "replay"}
		if p, err := ParsePlayer(sim.Role(role), r.Header.Players[key]); err == nil {
			s.Players[role] = p
		}
	}
	m := &Match{Setup: s, Config: cfg, round: bot.NewRound(cfg, s.Seed, nil, nil), player: replay.NewPlayer(r)}
	m.World = m.round.World
	m.init()
	return m, nil
}

func (m *Match) init() {
	for i := range m.kpi {
		m.kpi[i] = 1000
	}
	m.human = make([]sim.Input, 0, 8)
	m.applied = make([]sim.Input, 0, 16)
	m.World.Observe(sim.Ops, &m.View)
}

// Playback reports whether the match plays a replay back.
func (m *Match) Playback() bool { return m.player != nil }

// Human reports whether a person plays the role.
func (m *Match) Human(r sim.Role) bool { return m.player == nil && !m.Setup.Players[r].Bot }

// Done reports whether the round is over (or the replay played to its end).
func (m *Match) Done() bool {
	if m.player != nil {
		return m.player.Done(m.World)
	}
	return m.World.Done()
}

// Applied returns the inputs of the last step. Read only.
func (m *Match) Applied() []sim.Input { return m.applied }

// Input turns a control into the sim.Input it means now, for a role a person plays.
// ok is false for a control of a role that a bot plays (or during playback).
func (m *Match) Input(c Control) (in sim.Input, ok bool) {
	r := c.Role()
	if c == CtlNone || !m.Human(r) {
		return in, false
	}
	v := &m.View
	in = sim.Input{Tick: m.World.Tick(), Role: r}
	switch c {
	case CtlRelease:
		in.Action, in.Arg = sim.ActRelease, sim.ArgHandAuto
	case CtlReleaseLeft:
		in.Action, in.Arg = sim.ActRelease, sim.ArgHandLeft
	case CtlReleaseRight:
		in.Action, in.Arg = sim.ActRelease, sim.ArgHandRight
	case CtlTest:
		in.Action = sim.ActTestStart
		if v.Testing {
			in.Action = sim.ActTestStop
		}
	case CtlCatchLeft:
		in.Action = sim.ActCatchLeft
	case CtlCatchRight:
		in.Action = sim.ActCatchRight
	case CtlRetireLeft:
		in.Action = sim.ActRetireLeft
	case CtlRetireRight:
		in.Action = sim.ActRetireRight
	case CtlSwap:
		in.Action, in.Arg = sim.ActSwap, int32(m.nextHand())
	case CtlApprove:
		in.Action = sim.ActApprove
	case CtlReject:
		in.Action = sim.ActReject
	case CtlRecover:
		in.Action = sim.ActRecover
	case CtlDiscard:
		in.Action = sim.ActDiscard
	case CtlAck:
		in.Action = sim.ActAcknowledge
	}
	return in, true
}

// nextHand is the hand a one-key swap means: the hand of the ball in the juggle whose
// arrival is nearest to now (left when nothing flies). The model decides what the press
// catches; this only says where the player pressed.
func (m *Match) nextHand() sim.Hand {
	v := &m.View
	best, hand := sim.Tick(1<<40), sim.Left
	for i := 0; i < v.NBalls; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() {
			continue
		}
		d := b.Arrival - v.Tick
		if d < 0 {
			d = -d
		}
		if d < best {
			best, hand = d, b.Hand
		}
	}
	return hand
}

// Step plays one tick with the players' controls of this frame; bots and replays add
// theirs. It returns the world's events of the tick.
func (m *Match) Step(controls []Control) []sim.Event {
	if m.Done() {
		return nil
	}
	w := m.World
	m.human = m.human[:0]
	if m.player != nil {
		m.human = append(m.human, m.player.Inputs(w.Tick())...)
	} else {
		for _, c := range controls {
			if in, ok := m.Input(c); ok {
				m.human = append(m.human, in)
			}
		}
	}
	applied := m.round.Step(m.human)
	m.applied = append(m.applied[:0], applied...)
	if m.rec != nil {
		m.rec.Step(w, applied)
	}
	if m.player != nil {
		m.Divergence = m.player.Check(w)
	}
	w.Observe(sim.Ops, &m.View)
	k := int16(1000)
	if m.View.KPIPermille >= 0 {
		k = int16(m.View.KPIPermille)
	}
	m.kpi[m.kpiPos] = k
	m.kpiPos = (m.kpiPos + 1) % len(m.kpi)
	return w.Events()
}

// KPI returns the KPI history, oldest first, into dst (one value per tick).
func (m *Match) KPI(dst []int16) []int16 {
	dst = append(dst[:0], m.kpi[m.kpiPos:]...)
	return append(dst, m.kpi[:m.kpiPos]...)
}

// Replay finishes the recording (as far as played) and returns it; nil for a playback.
func (m *Match) Replay() *replay.Replay {
	if m.rec == nil {
		return nil
	}
	return m.rec.Finish(m.World)
}

// errNoRecording is returned when a playback is asked to save itself.
var errNoRecording = errors.New("a replay being played back is not recorded again")

// SaveReplay writes the recording to path.
func (m *Match) SaveReplay(path string) error {
	r := m.Replay()
	if r == nil {
		return errNoRecording
	}
	return r.WriteFile(path)
}
