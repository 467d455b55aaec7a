package game

import (
	"errors"
	"fmt"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
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
		var cfg sim.Config // a scripted bot, a strategy, or a bot that plays for its pay
		if err := strategy.SetBot(&cfg, role, name); err != nil {
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
		if err = strategy.SetBot(&cfg, sim.Dev, p.Name); err != nil {
			return cfg, err
		}
	}
	if p := s.Players[sim.Ops]; p.Bot && p.Name != "" {
		if err = strategy.SetBot(&cfg, sim.Ops, p.Name); err != nil {
			return cfg, err
		}
	}
	return cfg, cfg.Validate()
}

// kpiHistoryTicks is how much KPI history the top-down chart shows (10 s, 10 days).
const kpiHistoryTicks = 600

// Round is the game's round in progress: the world, its bots, its recording, and what
// the screen needs that the world does not keep (the KPI history). It holds no rule:
// every change to the world is a sim.Input given to Step.
type Round struct {
	Setup  Setup
	Config sim.Config
	World  *sim.World
	// View is what the screen shows, observed after each step (ops' view: both roles
	// share one screen, and their views differ only in Role).
	View sim.View

	bots *bot.Round // steps the world with the bots of the roles no person plays
	rec  *replay.Recorder

	// Playback of a replay: its inputs instead of players, its checkpoints checked.
	playback   *replay.Replay
	pbInput    int
	pbCheck    int
	Divergence *replay.Divergence

	human   []sim.Input
	applied []sim.Input // the inputs of the last step, a copy

	kpi    [kpiHistoryTicks]int16
	kpiPos int
}

// NewRound starts a round.
func NewRound(s Setup) (*Round, error) {
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	var dev, ops bot.Bot
	// NoSolve: an equilibrium bot plays a shipped or cached solution, never solving here.
	opt := bot.Options{NoSolve: true}
	if s.Players[sim.Dev].Bot {
		dev = bot.New(sim.Dev, cfg, s.Seed, opt)
	}
	if s.Players[sim.Ops].Bot {
		ops = bot.New(sim.Ops, cfg, s.Seed, opt)
	}
	rd := &Round{Setup: s, Config: cfg, bots: bot.NewRound(cfg, s.Seed, dev, ops)}
	rd.World = rd.bots.World
	h := replay.NewHeader(cfg, s.Seed, "juggle", Version())
	h.Players = map[string]string{"dev": s.Players[sim.Dev].String(), "ops": s.Players[sim.Ops].String()}
	rd.rec = replay.NewRecorder(h)
	rd.init()
	return rd, nil
}

// NewPlayback starts playing a replay back. Nobody plays: the recorded inputs do.
func NewPlayback(r *replay.Replay) (*Round, error) {
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
	rd := &Round{Setup: s, Config: cfg, bots: bot.NewRound(cfg, s.Seed, nil, nil), playback: r}
	rd.World = rd.bots.World
	rd.init()
	return rd, nil
}

func (rd *Round) init() {
	for i := range rd.kpi {
		rd.kpi[i] = 1000
	}
	rd.human = make([]sim.Input, 0, 8)
	rd.applied = make([]sim.Input, 0, 16)
	rd.World.Observe(sim.Ops, &rd.View)
}

// Decisions returns what the round's bots that play for their pay chose so far and why.
func (rd *Round) Decisions() []strategy.Decision { return rd.bots.Choices() }

// Playback reports whether the round plays a replay back.
func (rd *Round) Playback() bool { return rd.playback != nil }

// Human reports whether a person plays the role.
func (rd *Round) Human(r sim.Role) bool { return rd.playback == nil && !rd.Setup.Players[r].Bot }

// Done reports whether the round is over (or the replay played to its end).
func (rd *Round) Done() bool {
	if rd.playback != nil {
		return rd.World.Tick() >= rd.playback.End.Tick
	}
	return rd.World.Done()
}

// Applied returns the inputs of the last step. Read only.
func (rd *Round) Applied() []sim.Input { return rd.applied }

// Input turns a control into the sim.Input it means now (controlTable), for a role a
// person plays. ok is false for a control of a role that a bot plays (or during
// playback).
func (rd *Round) Input(c Control) (in sim.Input, ok bool) {
	if c == CtlNone || !rd.Human(c.Role()) {
		return in, false
	}
	return c.Input(rd.World.Tick(), &rd.View), true
}

// Step plays one tick with the players' controls of this tick; bots and replays add
// theirs. It returns the world's events of the tick.
func (rd *Round) Step(controls []Control) []sim.Event {
	if rd.Done() {
		return nil
	}
	w := rd.World
	rd.human = rd.human[:0]
	if rd.playback != nil {
		for r := rd.playback; rd.pbInput < len(r.Inputs) && r.Inputs[rd.pbInput].Tick == w.Tick(); rd.pbInput++ {
			rd.human = append(rd.human, r.Inputs[rd.pbInput])
		}
	} else {
		for _, c := range controls {
			if in, ok := rd.Input(c); ok {
				rd.human = append(rd.human, in)
			}
		}
	}
	applied := rd.bots.Step(rd.human)
	rd.applied = append(rd.applied[:0], applied...)
	if rd.rec != nil {
		rd.rec.Step(w, applied)
	}
	rd.check()
	w.Observe(sim.Ops, &rd.View)
	k := int16(1000)
	if rd.View.KPIPermille >= 0 {
		k = int16(rd.View.KPIPermille)
	}
	rd.kpi[rd.kpiPos] = k
	rd.kpiPos = (rd.kpiPos + 1) % len(rd.kpi)
	return w.Events()
}

// check compares the replay's checkpoints with the world, and remembers the first
// divergence (playback goes on, showing it).
func (rd *Round) check() {
	r := rd.playback
	if r == nil || rd.Divergence != nil {
		return
	}
	w := rd.World
	for ; rd.pbCheck < len(r.Checkpoints) && r.Checkpoints[rd.pbCheck].Tick <= w.Tick(); rd.pbCheck++ {
		c := r.Checkpoints[rd.pbCheck]
		if c.Tick == w.Tick() && w.Hash() != c.Hash {
			rd.Divergence = &replay.Divergence{Tick: c.Tick, Want: c.Hash, Got: w.Hash()}
			if rd.pbCheck > 0 {
				rd.Divergence.LastGood = r.Checkpoints[rd.pbCheck-1].Tick
			}
			return
		}
	}
	if w.Tick() == r.End.Tick && w.Hash() != r.End.Hash {
		rd.Divergence = &replay.Divergence{Tick: w.Tick(), Want: r.End.Hash, Got: w.Hash()}
	}
}

// KPI returns the KPI history, oldest first, into dst (one value per tick).
func (rd *Round) KPI(dst []int16) []int16 {
	dst = append(dst[:0], rd.kpi[rd.kpiPos:]...)
	return append(dst, rd.kpi[:rd.kpiPos]...)
}

// Replay finishes the recording (as far as played) and returns it; nil for a playback.
func (rd *Round) Replay() *replay.Replay {
	if rd.rec == nil {
		return nil
	}
	return rd.rec.Finish(rd.World)
}

// errNoRecording is returned when a playback is asked to save itself.
var errNoRecording = errors.New("a replay being played back is not recorded again")

// SaveReplay writes the recording to path (writeFile), making its folder.
func (rd *Round) SaveReplay(path string) error {
	r := rd.Replay()
	if r == nil {
		return errNoRecording
	}
	return writeFile(path, r.Encode)
}
