// Package cmdline is juggle's command line: its flags, their defaults and -h. It does not
// import ebiten (a test keeps it so), which lets juggle answer -h, and say plainly that
// it needs a display, on a machine without one (see display.go).
package cmdline

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

// Values are the flags as given, each checked (Parse): the game takes them from here.
type Values struct {
	Preset, Dev, Ops, Difficulty string
	Seed                         uint64
	Months                       int
	Hall                         int
	Autoplay, Mute, Stats        bool
	QuitAfterTicks               int64
	Screenshot, Record, Replay   string
	Settings, Data               string
	// Set names the flags given on the command line.
	Set map[string]bool
}

// ErrHelp ends the program after -h printed the usage: exit status 0.
var ErrHelp = errors.New("help shown")

// UsageError is bad usage or bad input: exit status 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error { return UsageError{fmt.Errorf(format, args...)} }

// Parse reads the flags. -h prints the usage on stdout and returns ErrHelp.
func Parse(args []string, stdout io.Writer) (Values, error) {
	v := Values{Set: map[string]bool{}}
	fs := flag.NewFlagSet("juggle", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&v.Preset, "preset", "silo", "the preset: "+fmt.Sprint(sim.PresetNames()))
	fs.Uint64Var(&v.Seed, "seed", 1, "the round's seed: the same seed gives the same features and defects")
	fs.IntVar(&v.Months, "months", 3, "the round's length in months (30 s each)")
	fs.StringVar(&v.Dev, "dev", "human", "who plays dev: human, bot (the preset's) or bot:NAME "+fmt.Sprint(strategy.BotNames(sim.Dev))+", or a strategy's name")
	fs.StringVar(&v.Ops, "ops", "human", "who plays ops: human, bot (the preset's) or bot:NAME "+fmt.Sprint(strategy.BotNames(sim.Ops))+", or a strategy's name")
	fs.StringVar(&v.Difficulty, "difficulty", "normal", "the catch window: easy, normal or hard")
	fs.IntVar(&v.Hall, "hall", 0, "play the lecture hall's round N as the setup flags set it (hall mode: the title screen locks them;\nthe hall's page is in hall mode without it); 0: not the hall's round")
	fs.BoolVar(&v.Autoplay, "autoplay", false, "bots for both roles, starting at once (attract mode)")
	fs.Int64Var(&v.QuitAfterTicks, "quit-after-ticks", 0, "quit after N updates (1/60 s each); 0: never")
	fs.StringVar(&v.Screenshot, "screenshot", "", "save the last frame to this PNG file before quitting")
	fs.StringVar(&v.Record, "record", "", "record the first round's replay to this file (default: the data folder)")
	fs.StringVar(&v.Replay, "replay", "", "play this replay file back")
	fs.BoolVar(&v.Mute, "mute", false, "no sound (the sound device is not opened)")
	fs.BoolVar(&v.Stats, "stats", false, "log update and frame rates, Update's time and the heap every 10 s")
	fs.StringVar(&v.Settings, "settings", DefaultSettingsPath(), "the settings file (\"\": keep settings in memory)")
	fs.StringVar(&v.Data, "data", DataDir(), "the folder replays are saved in (\"\": none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "Usage: juggle [flags]\n\nThe Dev vs Ops juggling game (it opens a window). The setup flags (-preset, -seed,\n-months, -dev, -ops, -difficulty, -autoplay) replace the title screen's saved choices,\ntheir defaults included, so that a command line plays the same round everywhere. Flags:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return v, ErrHelp
		}
		return v, Usagef("%v (see juggle -h)", err)
	}
	if fs.NArg() > 0 {
		return v, Usagef("unexpected argument %q (see juggle -h)", fs.Arg(0))
	}
	fs.Visit(func(f *flag.Flag) { v.Set[f.Name] = true })
	// What the model can check, checked here, before the game: a machine without a
	// display names a bad value too (nodisplay), not only a missing display.
	if _, err := sim.Preset(v.Preset); err != nil {
		return v, Usagef("-preset: %v", err)
	}
	if v.Months < 1 || v.Months > sim.MonthsLimit {
		return v, Usagef("-months %d: must be in [1, %d]", v.Months, sim.MonthsLimit)
	}
	if _, err := sim.ParseDifficulty(v.Difficulty); err != nil {
		return v, Usagef("-difficulty: %v", err)
	}
	if err := check(&v); err != nil {
		return v, err
	}
	return v, nil
}

// check checks the flags' values that need more than the model's config: who plays
// each role, the scripted run's flags and the files named. Every value is checked
// before the game needs a display, so that a wrong one gets exit status 2 and one line
// naming it on any machine (nodisplay), not "no display".
func check(v *Values) error {
	for _, p := range []struct {
		flag string
		role sim.Role
		val  string
	}{{"-dev", sim.Dev, v.Dev}, {"-ops", sim.Ops, v.Ops}} {
		if _, _, err := strategy.ParsePlayer(p.role, p.val); err != nil {
			return Usagef("%s: %v", p.flag, err)
		}
	}
	if v.Hall < 0 {
		return Usagef("-hall %d: a round's number is 1 or more", v.Hall)
	}
	if v.Hall > 0 && v.Replay != "" {
		return Usagef("-hall plays the hall's round, -replay plays a replay back: give one")
	}
	if v.QuitAfterTicks < 0 {
		return Usagef("-quit-after-ticks %d: must be 0 (never) or more", v.QuitAfterTicks)
	}
	if v.Screenshot != "" && v.QuitAfterTicks <= 0 {
		return Usagef("-screenshot needs -quit-after-ticks (the frame saved is the last)")
	}
	// The files the game writes: it makes their folder, but cannot write over a folder.
	for _, f := range []struct{ flag, path string }{{"-screenshot", v.Screenshot}, {"-record", v.Record}} {
		if fi, err := os.Stat(f.path); f.path != "" && err == nil && fi.IsDir() {
			return Usagef("%s %s: is a folder (give a file's name)", f.flag, f.path)
		}
	}
	if v.Replay != "" {
		if _, err := replay.ReadFile(v.Replay); err != nil {
			return Usagef("-replay: %v", err)
		}
	}
	return nil
}

// DefaultSettingsPath is <user config dir>/devopsjuggle/settings.json, "" if there is none.
func DefaultSettingsPath() string {
	dir, err := os.UserConfigDir()
	if err != nil || runtime.GOOS == "js" {
		return ""
	}
	return filepath.Join(dir, "devopsjuggle", "settings.json")
}

// DataDir is where replays are saved: $XDG_DATA_HOME/devopsjuggle (~/.local/share/...)
// on Linux and the BSDs, the user's config folder elsewhere; "" in the browser.
func DataDir() string {
	switch runtime.GOOS {
	case "js":
		return ""
	case "windows", "darwin", "ios", "android":
		if dir, err := os.UserConfigDir(); err == nil {
			return filepath.Join(dir, "devopsjuggle")
		}
		return ""
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "devopsjuggle")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "devopsjuggle")
	}
	return ""
}
