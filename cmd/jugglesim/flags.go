package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/strategy"
)

// flagSet is a subcommand's flags, whose errors are returned rather than printed.
type flagSet struct {
	*flag.FlagSet
	cmd      string // "run"
	synopsis string // "jugglesim run [flags]"
	args     bool   // it takes positional arguments
	pos      []string
}

func newFlags(name, synopsis string, takesArgs bool) *flagSet {
	fs := flag.NewFlagSet("jugglesim "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, cmd: name, synopsis: synopsis, args: takesArgs}
}

// isSet reports whether the flag was given on the command line.
func (fs *flagSet) isSet(name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// parse parses args: flags may come before or after the positional arguments
// (jugglesim plot results.csv -o chart.png), and "--" ends the flags. -h prints the flags
// to stdout and returns errHelp; a bad flag or an unexpected argument returns a
// usageError naming it.
func (fs *flagSet) parse(args []string, stdout io.Writer) error {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.printFlags(stdout)
			return errHelp
		}
		if err != nil {
			return usagef("%s: %v (see jugglesim %s -h)", fs.cmd, err, fs.cmd)
		}
		rest := fs.FlagSet.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			fs.pos = append(fs.pos, rest...)
			break
		}
		fs.pos = append(fs.pos, rest[0])
		args = rest[1:]
	}
	if len(fs.pos) > 0 && !fs.args {
		return usagef("%s: unexpected argument %q (see jugglesim %s -h)", fs.cmd, fs.pos[0], fs.cmd)
	}
	return nil
}

// Args returns the positional arguments.
func (fs *flagSet) Args() []string { return fs.pos }

// NArg returns the number of positional arguments.
func (fs *flagSet) NArg() int { return len(fs.pos) }

// Arg returns the i-th positional argument.
func (fs *flagSet) Arg(i int) string { return fs.pos[i] }

// errHelp ends a command after -h: exit status 0.
var errHelp = errors.New("help shown")

func (fs *flagSet) printFlags(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\nFlags:\n", fs.synopsis)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// buildVersion is the module's version, or "devel" for a build from a work tree.
func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// versionLine names the build and the rules version.
func versionLine() string {
	return fmt.Sprintf("jugglesim %s, rules version %s", buildVersion(), sim.RulesVersion)
}

// overrides are what a command's flags, or a preset's +key=value, change in the configs
// it plays: the dev and ops bots and the difficulty; "" keeps the config's.
type overrides struct{ dev, ops, difficulty string }

// difficultyFlag adds -difficulty to a command's flags.
func difficultyFlag(fs *flagSet, v *string) {
	fs.StringVar(v, "difficulty", "", "play at a difficulty, as people do in the game: easy, normal or hard "+
		"(a second of grace before the first throws; easy widens the catch window, hard narrows it); default: the juggle as the preset has it")
}

// scenarioConfig loads a scenario file, with overrides and a length (when setMonths;
// else the file's).
func scenarioConfig(path string, o overrides, months int, setMonths bool) (sim.Config, error) {
	s, err := scenario.Load(path)
	if err != nil {
		return sim.Config{}, usageError{err}
	}
	return override(s.Config, o, months, setMonths)
}

// configFor returns the config of a preset with overrides.
func configFor(preset string, o overrides, months int) (sim.Config, error) {
	cfg, err := sim.Preset(preset)
	if err != nil {
		return cfg, usageError{err}
	}
	return override(cfg, o, months, true)
}

// override swaps in the bots the overrides name (any bot or strategy: strategy.SetBot),
// applies their difficulty, sets the length when setMonths, and validates the result.
// The config's name says what was changed: silo+ops=novice+difficulty=easy.
func override(cfg sim.Config, o overrides, months int, setMonths bool) (sim.Config, error) {
	for _, b := range []struct {
		role sim.Role
		name string
	}{{sim.Dev, o.dev}, {sim.Ops, o.ops}} {
		if b.name == "" {
			continue
		}
		name := strategy.BotName(b.name) // bot:NAME is NAME: the same config name, outputs and bytes
		if err := strategy.SetBot(&cfg, b.role, name); err != nil {
			return cfg, usagef("%v; give it as NAME or bot:NAME", err)
		}
		cfg.Name += "+" + b.role.String() + "=" + name
	}
	if o.difficulty != "" {
		d, err := sim.ParseDifficulty(o.difficulty)
		if err != nil {
			return cfg, usageError{err}
		}
		d.Apply(&cfg)
		cfg.Name += "+difficulty=" + string(d)
	}
	if setMonths {
		cfg.Months = months
	}
	if err := cfg.Validate(); err != nil {
		var fe *sim.FieldError
		if errors.As(err, &fe) && fe.Field == "Months" && setMonths {
			return cfg, usagef("-months %d: %s", months, fe.Why)
		}
		return cfg, usageError{err}
	}
	return cfg, nil
}

// variant parses "preset[+dev=NAME][+ops=NAME][+difficulty=NAME]"; what it does not
// name, dflt (the command's flags) does.
func variant(spec string, months int, dflt overrides) (sim.Config, error) {
	parts := strings.Split(spec, "+")
	o := dflt
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		switch {
		case ok && k == "dev":
			o.dev = v
		case ok && k == "ops":
			o.ops = v
		case ok && k == "difficulty":
			o.difficulty = v
		default:
			return sim.Config{}, usagef("%q: expected preset[+dev=BOT][+ops=BOT][+difficulty=LEVEL]", spec)
		}
	}
	return configFor(parts[0], o, months)
}
