package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
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

// scenarioConfig loads a scenario file, with bot overrides ("" keeps the file's) and a
// length (when setMonths; else the file's).
func scenarioConfig(path, dev, ops string, months int, setMonths bool) (sim.Config, error) {
	s, err := scenario.Load(path)
	if err != nil {
		return sim.Config{}, usageError{err}
	}
	return override(s.Config, dev, ops, months, setMonths)
}

// configFor returns the config of a preset with bot overrides ("" keeps the preset's).
func configFor(preset, dev, ops string, months int) (sim.Config, error) {
	cfg, err := sim.Preset(preset)
	if err != nil {
		return cfg, usageError{err}
	}
	return override(cfg, dev, ops, months, true)
}

// override swaps in the bots dev and ops name ("" keeps cfg's), sets the length when
// setMonths, and validates the result.
func override(cfg sim.Config, dev, ops string, months int, setMonths bool) (sim.Config, error) {
	if dev != "" {
		if err := strategy.SetBot(&cfg, sim.Dev, dev); err != nil {
			return cfg, usageError{err}
		}
		cfg.Name += "+dev=" + dev
	}
	if ops != "" {
		if err := strategy.SetBot(&cfg, sim.Ops, ops); err != nil {
			return cfg, usageError{err}
		}
		cfg.Name += "+ops=" + ops
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

// variant parses "preset[+dev=NAME][+ops=NAME]".
func variant(spec string, months int) (sim.Config, error) {
	parts := strings.Split(spec, "+")
	var dev, ops string
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		switch {
		case ok && k == "dev":
			dev = v
		case ok && k == "ops":
			ops = v
		default:
			return sim.Config{}, usagef("%q: expected preset[+dev=BOT][+ops=BOT]", spec)
		}
	}
	return configFor(parts[0], dev, ops, months)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
