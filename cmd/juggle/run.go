package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"

	"devopsjuggle/game"
	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
)

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errHelp ends the program after -h: exit status 0.
var errHelp = errors.New("help shown")

// exitCode reports err on stderr (one line) and returns the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "juggle: %v\n", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// parse turns the command line into the game's options.
func parse(args []string, stdout io.Writer) (game.Options, error) {
	var o game.Options
	fs := flag.NewFlagSet("juggle", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	preset := fs.String("preset", "silo", "the preset: "+fmt.Sprint(sim.PresetNames()))
	seed := fs.Uint64("seed", 1, "the round's seed: the same seed gives the same features and defects")
	months := fs.Int("months", 3, "the round's length in months (30 s each)")
	dev := fs.String("dev", "human", "who plays dev: human, bot (the preset's) or bot:NAME "+fmt.Sprint(sim.DevBotNames()))
	ops := fs.String("ops", "human", "who plays ops: human, bot (the preset's) or bot:NAME "+fmt.Sprint(sim.OpsBotNames()))
	difficulty := fs.String("difficulty", "normal", "the catch window: easy, normal or hard")
	autoplay := fs.Bool("autoplay", false, "bots for both roles, starting at once (attract mode)")
	fs.Int64Var(&o.QuitAfterTicks, "quit-after-ticks", 0, "quit after N updates (1/60 s each); 0: never")
	fs.StringVar(&o.Screenshot, "screenshot", "", "save the last frame to this PNG file before quitting")
	fs.StringVar(&o.Record, "record", "", "record the first round's replay to this file (default: the data folder)")
	fs.StringVar(&o.Replay, "replay", "", "play this replay file back")
	fs.BoolVar(&o.Mute, "mute", false, "no sound (the sound device is not opened)")
	fs.BoolVar(&o.Stats, "stats", false, "log update and frame rates, Update's time and the heap every 10 s")
	settings := fs.String("settings", game.DefaultSettingsPath(), "the settings file (\"\": keep settings in memory)")
	fs.StringVar(&o.DataDir, "data", game.DataDir(), "the folder replays are saved in (\"\": none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "Usage: juggle [flags]\n\nFlags:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return o, errHelp
		}
		return o, usagef("%v (see juggle -h)", err)
	}
	if fs.NArg() > 0 {
		return o, usagef("unexpected argument %q (see juggle -h)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	o.SettingsPath = *settings
	s := game.Setup{Preset: *preset, Months: *months, Seed: *seed}
	if _, err := sim.Preset(*preset); err != nil {
		return o, usagef("-preset: %v", err)
	}
	if *months < 1 || *months > sim.MonthsLimit {
		return o, usagef("-months %d: must be in [1, %d]", *months, sim.MonthsLimit)
	}
	var err error
	if s.Difficulty, err = game.ParseDifficulty(*difficulty); err != nil {
		return o, usagef("-difficulty: %v", err)
	}
	if s.Players[sim.Dev], err = game.ParsePlayer(sim.Dev, *dev); err != nil {
		return o, usagef("-dev: %v", err)
	}
	if s.Players[sim.Ops], err = game.ParsePlayer(sim.Ops, *ops); err != nil {
		return o, usagef("-ops: %v", err)
	}
	if *autoplay {
		for r := range s.Players {
			if !s.Players[r].Bot {
				s.Players[r] = game.Player{Bot: true}
			}
		}
	}
	if _, err := s.Config(); err != nil {
		return o, usagef("%v", err)
	}
	o.Setup = s
	for _, f := range []string{"preset", "seed", "months", "dev", "ops", "difficulty", "autoplay"} {
		o.SetupGiven = o.SetupGiven || set[f]
	}
	// Roles or -autoplay on the command line start the round at once; so does a
	// scripted run (it must show the round, not the title).
	o.Start = *autoplay || set["dev"] || set["ops"] || o.QuitAfterTicks > 0
	if o.Screenshot != "" && o.QuitAfterTicks <= 0 {
		return o, usagef("-screenshot needs -quit-after-ticks (the frame saved is the last)")
	}
	if o.Replay != "" {
		if _, err := replay.ReadFile(o.Replay); err != nil {
			return o, usageError{err}
		}
	}
	o.FixedStep = o.Screenshot != ""
	return o, nil
}

// run parses the flags and plays. It must run on the main goroutine (ebiten's rule).
func run(args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stdout)
	if err != nil {
		return err
	}
	o.Log = stderr
	if runtime.GOOS == "js" {
		o.SettingsPath, o.DataDir = "", ""
	}
	return game.Run(o)
}
