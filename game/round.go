package game

import (
	"errors"
	"fmt"

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
	return strategy.BotPrefix + p.Name
}

// ParsePlayer reads "human", "bot" (the preset's bot) or "bot:NAME" for a role
// (strategy.ParsePlayer).
func ParsePlayer(role sim.Role, s string) (Player, error) {
	bot, name, err := strategy.ParsePlayer(role, s)
	return Player{Bot: bot, Name: name}, err
}

// Setup is what a round is made of: who plays, the rules and the seed.
type Setup struct {
	Preset string
	Months int
	Seed   uint64
	// Difficulty is applied to the preset's config (sim.Difficulty: the catch window, the
	// grace before the first throws); "" leaves the preset as it is, as bots play it.
	Difficulty sim.Difficulty
	Players    [2]Player // by sim.Role
}

// Config returns the round's config: the preset, the months, the difficulty, and the
// named bots.
func (s *Setup) Config() (sim.Config, error) {
	cfg, err := sim.Preset(s.Preset)
	if err != nil {
		return cfg, err
	}
	if s.Months > 0 {
		cfg.Months = s.Months
	}
	if s.Difficulty != "" {
		if _, err := sim.ParseDifficulty(string(s.Difficulty)); err != nil {
			return cfg, err
		}
		s.Difficulty.Apply(&cfg)
	}
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

	// Playback of a replay: its player's inputs instead of players', its checkpoints
	// checked; Divergence is the first that did not match (playback goes on, showing it).
	player     *replay.Player
	Divergence *replay.Divergence

	human   []sim.Input
	applied []sim.Input // the inputs of the last step, a copy

	// scriptedBy names who sends a role's inputs that no person nor bot plays: practice
	// and the guided round drive dev (and set up their lessons) with scripted inputs.
	scriptedBy [2]string

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
		dev = bot.NewWith(sim.Dev, cfg, s.Seed, opt) // the novice too
	}
	if s.Players[sim.Ops].Bot {
		ops = bot.NewWith(sim.Ops, cfg, s.Seed, opt)
	}
	rd := &Round{Setup: s, Config: cfg, bots: bot.NewRound(cfg, s.Seed, dev, ops)}
	rd.World = rd.bots.World
	h := replay.NewHeader(cfg, s.Seed, "juggle", Version())
	h.Players = map[string]string{"dev": s.Players[sim.Dev].String(), "ops": s.Players[sim.Ops].String()}
	rd.rec = replay.NewRecorder(h)
	rd.init()
	return rd, nil
}

// newScriptedRound starts a round on cfg itself (not a preset's): practice and the guided
// round's lessons. People play the roles of s.Players that are not bots; the others are
// driven by the scene's scripted inputs (StepWith), under the name by. It is not
// recorded: a warm-up or a lesson is no round of the exercise, and joins no session.
func newScriptedRound(s Setup, cfg sim.Config, by string) (*Round, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rd := &Round{Setup: s, Config: cfg, bots: bot.NewRound(cfg, s.Seed, nil, nil)}
	for role, p := range s.Players {
		if p.Bot {
			rd.scriptedBy[role] = by
		}
	}
	rd.World = rd.bots.World
	rd.init()
	return rd, nil
}

// Scripted reports whether the round's roles that no person plays are scripted by the
// scene (practice, the guided round) rather than played by bots.
func (rd *Round) Scripted() bool { return rd.scriptedBy != [2]string{} }

// NewPlayback starts playing a replay back. Nobody plays: the recorded inputs do.
func NewPlayback(r *replay.Replay) (*Round, error) {
	if err := r.Header.Config.Validate(); err != nil {
		return nil, fmt.Errorf("replay config: %w", err)
	}
	cfg := r.Header.Config
	s := Setup{Preset: cfg.Name, Months: cfg.Months, Seed: r.Header.Seed} // the config is the replay's, whatever its difficulty
	for role, key := range []string{"dev", "ops"} {
		s.Players[role] = Player{Bot: true, Name: "replay"}
		if p, err := ParsePlayer(sim.Role(role), r.Header.Players[key]); err == nil {
			s.Players[role] = p
		}
	}
	rd := &Round{Setup: s, Config: cfg, bots: bot.NewRound(cfg, s.Seed, nil, nil), player: replay.NewPlayer(r)}
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
// A replay holds their inputs, not their reasons: played back, they are seated again
// over the recording up to the tick shown (bot.ReplayChoices), and say nothing if they
// would not have pressed as recorded.
func (rd *Round) Decisions() []strategy.Decision {
	if rd.player != nil {
		rep := rd.player.Replay()
		return bot.ReplayChoices(rep.Header.Config, rep.Header.Seed, rep.Header.Bots(), rep.Inputs, rd.World.Tick())
	}
	return rd.bots.Choices()
}

// Playback reports whether the round plays a replay back.
func (rd *Round) Playback() bool { return rd.player != nil }

// Human reports whether a person plays the role.
func (rd *Round) Human(r sim.Role) bool { return rd.player == nil && !rd.Setup.Players[r].Bot }

// Done reports whether the round is over (or the replay played to its end).
func (rd *Round) Done() bool {
	if rd.player != nil {
		return rd.player.Done(rd.World)
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
func (rd *Round) Step(controls []Control) []sim.Event { return rd.StepWith(controls, nil) }

// StepWith is Step with the scene's scripted inputs of this tick added after the
// players' (practice and the guided round: dev's releases, a lesson's set-up). Inputs
// for a role that a bot plays are left out (bot.Round.Step).
func (rd *Round) StepWith(controls []Control, script []sim.Input) []sim.Event {
	if rd.Done() {
		return nil
	}
	w := rd.World
	rd.human = rd.human[:0]
	if rd.player != nil {
		rd.human = append(rd.human, rd.player.Inputs(w.Tick())...)
	} else {
		for _, c := range controls {
			if in, ok := rd.Input(c); ok {
				rd.human = append(rd.human, in)
			}
		}
		rd.human = append(rd.human, script...)
	}
	applied := rd.bots.Step(rd.human)
	rd.applied = append(rd.applied[:0], applied...)
	if rd.rec != nil {
		rd.rec.Step(w, applied)
	}
	if rd.player != nil {
		rd.Divergence = rd.player.Check(w)
	}
	w.Observe(sim.Ops, &rd.View)
	k := int16(1000)
	if rd.View.KPIPermille >= 0 {
		k = int16(rd.View.KPIPermille)
	}
	rd.kpi[rd.kpiPos] = k
	rd.kpiPos = (rd.kpiPos + 1) % len(rd.kpi)
	return w.Events()
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
