package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"devopsjuggle/sim"
)

// flagSet is a subcommand's flags, whose errors are returned rather than printed.
type flagSet struct {
	*flag.FlagSet
	cmd      string // "run"
	synopsis string // "jugglesim run [flags]"
	args     bool   // it takes positional arguments
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

// parse parses args. -h prints the flags to stdout and returns errHelp; a bad flag or an
// unexpected argument returns a usageError naming it.
func (fs *flagSet) parse(args []string, stdout io.Writer) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.printFlags(stdout)
		return errHelp
	}
	if err != nil {
		return usagef("%s: %v (see jugglesim %s -h)", fs.cmd, err, fs.cmd)
	}
	if fs.NArg() > 0 && !fs.args {
		return usagef("%s: unexpected argument %q (see jugglesim %s -h)", fs.cmd, fs.Arg(0), fs.cmd)
	}
	return nil
}

// errHelp ends a command after -h: exit status 0.
var errHelp = errors.New("help shown")

func (fs *flagSet) printFlags(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\nFlags:\n", fs.synopsis)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// versionLine names the build and the rules version.
func versionLine() string {
	v := "devel"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return fmt.Sprintf("jugglesim %s, rules version %s", v, sim.RulesVersion)
}

// configFor returns the config of a preset with bot overrides ("" keeps the preset's).
func configFor(preset, dev, ops string, months int) (sim.Config, error) {
	cfg, err := sim.Preset(preset)
	if err != nil {
		return cfg, usageError{err}
	}
	if dev != "" {
		if cfg.DevBot, err = sim.DevBot(dev); err != nil {
			return cfg, usageError{err}
		}
		cfg.Name += "+dev=" + dev
	}
	if ops != "" {
		if cfg.OpsBot, err = sim.OpsBot(ops); err != nil {
			return cfg, usageError{err}
		}
		cfg.Name += "+ops=" + ops
	}
	cfg.Months = months
	if err := cfg.Validate(); err != nil {
		var fe *sim.FieldError
		if errors.As(err, &fe) && fe.Field == "Months" {
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
