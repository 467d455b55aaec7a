package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"

	"devopsjuggle/cmd/juggle/internal/cmdline"
	"devopsjuggle/game"
	"devopsjuggle/sim"
)

// exitCode reports err on stderr (one line) and returns the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, cmdline.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "juggle: %v\n", err)
	var u cmdline.UsageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// usagef is bad usage or bad input: exit status 2.
func usagef(format string, args ...any) error { return cmdline.Usagef(format, args...) }

// parse turns the command line into the game's options.
func parse(args []string, stdout io.Writer) (game.Options, error) {
	var o game.Options
	v, err := cmdline.Parse(args, stdout)
	if err != nil {
		return o, err
	}
	o.QuitAfterTicks, o.Screenshot, o.Record, o.Replay = v.QuitAfterTicks, v.Screenshot, v.Record, v.Replay
	o.Mute, o.Stats, o.SettingsPath, o.DataDir = v.Mute, v.Stats, v.Settings, v.Data
	s := game.Setup{Preset: v.Preset, Months: v.Months, Seed: v.Seed}
	// Checked by cmdline.Parse, before the display was needed.
	s.Difficulty, _ = sim.ParseDifficulty(v.Difficulty)
	s.Players[sim.Dev], _ = game.ParsePlayer(sim.Dev, v.Dev)
	s.Players[sim.Ops], _ = game.ParsePlayer(sim.Ops, v.Ops)
	// -autoplay puts bots in the roles no bot was given for, in the first round only:
	// the title screen then shows the roles as given (people, unless -dev or -ops say).
	o.Attract = v.Autoplay
	if _, err := s.Config(); err != nil {
		return o, usagef("%v", err)
	}
	o.Setup = s
	if v.Hall > 0 {
		o.Hall = &game.Hall{N: v.Hall, Round: s}
	}
	for _, f := range []string{"preset", "seed", "months", "dev", "ops", "difficulty", "autoplay"} {
		o.SetupGiven = o.SetupGiven || v.Set[f]
	}
	// Roles or -autoplay on the command line start the round at once; so does a
	// scripted run (it must show the round, not the title).
	o.Start = v.Autoplay || v.Set["dev"] || v.Set["ops"] || o.QuitAfterTicks > 0
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
		// The browser keeps settings in the page's localStorage (game/settings_js.go);
		// replays are not written (the lecture hall's page uploads them).
		o.SettingsPath, o.DataDir = browserSettings, ""
	}
	return game.Run(o)
}
