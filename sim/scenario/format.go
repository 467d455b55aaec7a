package scenario

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// header is the comment at the top of a printed file.
const header = `# Dev vs Ops scenario %q (rules version %s).
# Run it with: jugglesim run -scenario FILE, or jugglesim sweep -scenarios FILE.
#
# A scenario starts from a preset (base) and overrides its fields. A key left out keeps
# the base's value, so you may delete every line you do not change. jugglesim sweep
# -vary takes the same paths: -vary ops.skill=0.5,0.7,0.9 -vary dev.interval_s=2:10:2.
#
# Units:
# - Durations (keys ending in _s) are seconds of play; a 30-second month reads as 30
#   days, so 1 s is a day. The model counts whole ticks of 1/60 s, and a duration must be
#   within 0.05 tick of one: 0.1 is 6 ticks, 0.1167 is 7, and 0.11 (6.6 ticks) is
#   refused rather than rounded.
# - Chances, shares, skill and uptimes are fractions from 0 to 1 with at most three
#   decimals; the model counts per-mille, so 0.7 is exactly 700 per-mille.
# - Money is whole dollars.

# The preset this scenario starts from: %s.
base = %q
# The name that rows, tables and charts show. Without this line it is the file's name
# without .toml (my.toml shows as "my").
%sname = %q
`

// Format writes s as a complete, commented scenario file: every field, with its meaning
// and unit. Parse reads it back to exactly s.Config.
func Format(s *Scenario) []byte {
	cfg := s.Config
	var b strings.Builder
	// A preset's name stays the preset's: a copy named like it could not be told apart
	// from it in a sweep of both, so the printed copy takes its file's name.
	nameLine, name := "", cfg.Name
	if slices.Contains(sim.PresetNames(), name) {
		nameLine, name = "# ", "my-"+name
	}
	fmt.Fprintf(&b, header, cfg.Name, sim.RulesVersion, quoteList(sim.PresetNames()), s.Base, nameLine, name)
	dir := ""
	for i := range fields {
		f := &fields[i]
		if d, _ := splitPath(f.Path); d != dir {
			dir = d
			b.WriteString("\n")
			for _, t := range tables {
				if t.path == d {
					comment(&b, t.doc)
				}
			}
			fmt.Fprintf(&b, "[%s]\n", d)
		}
		doc := f.Doc
		if f.Kind == BotName {
			doc += " One of " + quoteList(f.Choices) + "."
		}
		comment(&b, doc)
		_, leaf := splitPath(f.Path)
		switch {
		case f.Kind < 0:
			fmt.Fprintf(&b, "%s = %s\n", leaf, formatTiers(*f.value(&cfg).Addr().Interface().(*[]sim.Tier)))
		case f.Kind == Seconds && !exactSeconds(sim.Tick(f.value(&cfg).Int())):
			fmt.Fprintf(&b, "%s = %s  # %d ticks\n", leaf, f.Format(&cfg), f.value(&cfg).Int())
		default:
			fmt.Fprintf(&b, "%s = %s\n", leaf, f.Format(&cfg))
		}
	}
	for r, g := range s.Strategies {
		if len(g.Values) == 0 {
			g = strategy.DefaultGrid(sim.Role(r)) // a Scenario made by hand, without spaces
		}
		b.WriteString("\n")
		for _, t := range tables {
			if t.path == sim.Role(r).String()+".strategies" {
				comment(&b, t.doc)
			}
		}
		var table strings.Builder
		_ = g.WriteTOML(&table) // a strings.Builder does not fail
		head, rest, _ := strings.Cut(table.String(), "\n")
		b.WriteString(head + "\n")
		if sp, err := g.Space(&cfg); err == nil {
			for _, in := range sp.Inert {
				comment(&b, fmt.Sprintf("In this scenario %s cannot change play, so every strategy keeps its default: %s.", in.Key, in.Why))
			}
		}
		b.WriteString(rest)
	}
	return []byte(b.String())
}

// FormatPreset writes the named preset as a scenario file.
func FormatPreset(name string) ([]byte, error) {
	cfg, err := sim.Preset(name)
	if err != nil {
		return nil, err
	}
	return Format(New(name, cfg)), nil
}

func formatTiers(tiers []sim.Tier) string {
	if len(tiers) == 0 {
		return "{}"
	}
	parts := make([]string, len(tiers))
	for i, t := range tiers {
		parts[i] = fmt.Sprintf("%s = %d", strconv.Quote(formatPermille(t.MinUptimePermille)), t.Bonus)
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// comment writes text as comment lines of at most 90 columns.
func comment(b *strings.Builder, text string) {
	const width = 90
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > width && line != "#" {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}
