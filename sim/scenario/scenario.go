// Package scenario reads and writes scenario files: TOML files that describe a round of
// the Dev vs Ops model in people's units, starting from a preset and overriding any field
// of sim.Config (docs/research.md).
//
//	base = "silo"          # the preset to start from
//	months = 6
//	[ops]
//	skill = 0.9            # a fraction, stored as 900 per-mille
//	[model]
//	catch_window_s = 0.1   # seconds, stored as 6 ticks
//
// Units: durations are seconds of play (keys end in _s) and must be whole ticks of 1/60 s
// to within 0.05 tick, so that a value is never silently rounded; chances, shares, skill
// and uptimes are fractions from 0 to 1 with at most three decimals (whole per-mille);
// money is whole dollars. Format writes a complete, commented file that Parse reads back
// to exactly the same sim.Config.
//
// Every error is an *Error naming the file, the line and the field: a syntax error, an
// unknown key, a value of the wrong type or out of range, or a config that
// sim.Config.Validate refuses (its Go field name mapped back to the file's path).
package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"devopsjuggle/internal/fileerr"
	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// Error is a problem in a scenario file, at a line and a field.
type Error = fileerr.Error

// maxFileBytes bounds a scenario file; a real one is a few kilobytes.
const maxFileBytes = 1 << 20

// Scenario is a scenario file read: the preset it starts from, the whole config, and
// each role's strategy space.
type Scenario struct {
	File   string     // the path it was read from
	Base   string     // the preset it starts from
	Config sim.Config // the base with the file's fields, validated
	// Strategies are dev's and ops' strategy spaces (indexed by sim.Role): the default
	// grids (strategy.DefaultGrid), narrowed or widened by the file's [dev.strategies]
	// and [ops.strategies] tables. Each makes a valid space under Config.
	Strategies [2]strategy.Grid
}

// New returns the scenario of a config with the default strategy spaces, as a preset
// has them.
func New(base string, cfg sim.Config) *Scenario {
	return &Scenario{Base: base, Config: cfg, Strategies: DefaultGrids()}
}

// DefaultGrids returns both roles' default strategy spaces, indexed by sim.Role.
func DefaultGrids() [2]strategy.Grid {
	return [2]strategy.Grid{strategy.DefaultGrid(sim.Dev), strategy.DefaultGrid(sim.Ops)}
}

// Load reads and checks the scenario file at path.
func Load(path string) (*Scenario, error) {
	// At most one byte more than a scenario may hold: /dev/zero, a FIFO fed forever or a
	// huge file given by mistake is refused as too big instead of filling memory.
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: cleanOSError(err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, &Error{File: path, Msg: cleanOSError(err)}
	}
	return Parse(path, data)
}

func cleanOSError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// DefaultName is the name of a scenario whose file sets none: the file's base name
// without its extension.
func DefaultName(file string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Parse reads a scenario from data; file names it in errors and gives the default name.
// A UTF-8 byte-order mark at the start (Windows Notepad writes one) is skipped; a
// UTF-16 one is refused, even with nothing after it (the TOML reader finds a UTF-16
// file's NUL bytes, but an empty one would read as an empty scenario).
func Parse(file string, data []byte) (*Scenario, error) {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return nil, &Error{File: file, Line: 1, Msg: "the file is UTF-16 (a UTF-16 byte-order mark starts it); TOML files must be UTF-8"}
	}
	p := &parser{file: file, data: strings.TrimPrefix(string(data), "\ufeff"), grids: DefaultGrids()}
	cfg, err := p.parse()
	if err != nil {
		return nil, err
	}
	return &Scenario{File: file, Base: p.base, Config: cfg, Strategies: p.grids}, nil
}

// parser reads one scenario file: decode, then check every key, then apply them to the
// base preset, then validate the whole.
type parser struct {
	file string
	data string
	root map[string]any

	// What checkKeys found, for apply.
	base    string         // the preset to start from
	name    string         // the scenario's name
	assigns []assignment   // the fields the file sets, in its order
	tiers   [2]*[]sim.Tier // dev's and ops's uptime bonuses, when the file sets them
	grids   [2]strategy.Grid
}

// assignment is one key of the file and its value.
type assignment struct {
	key   toml.Key
	field *Field // nil for base, name and the uptime bonuses
	raw   any
}

func (p *parser) fail(key toml.Key, format string, args ...any) error {
	return &Error{File: p.file, Line: p.line(key), Field: keyPath(key), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse() (sim.Config, error) {
	md, err := p.decode()
	if err != nil {
		return sim.Config{}, err
	}
	if err := p.checkKeys(md); err != nil {
		return sim.Config{}, err
	}
	cfg, err := p.apply()
	if err != nil {
		return sim.Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return sim.Config{}, p.validateError(err, p.base, md)
	}
	for r := range p.grids {
		if _, err := p.grids[r].Space(&cfg); err != nil {
			key := toml.Key{sim.Role(r).String(), "strategies"}
			return sim.Config{}, &Error{File: p.file, Line: p.line(key), Field: keyPath(key), Msg: err.Error()}
		}
	}
	return cfg, nil
}

// decode reads the TOML document into p.root; a syntax error names its line.
func (p *parser) decode() (toml.MetaData, error) {
	if len(p.data) > maxFileBytes {
		return toml.MetaData{}, &Error{File: p.file, Msg: fmt.Sprintf("more than %d bytes: not a scenario file", maxFileBytes)}
	}
	md, err := toml.Decode(p.data, &p.root)
	if err == nil {
		return md, nil
	}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The line from the error's byte offset: the decoder counts an unexpected
		// newline as the start of the next line.
		line := max(pe.Position.Line, 1)
		if st := pe.Position.Start; st >= 0 && st <= len(p.data) {
			line = 1 + strings.Count(p.data[:st], "\n")
		}
		return md, &Error{File: p.file, Line: line, Field: pe.LastKey, Msg: "syntax error: " + pe.Message}
	}
	return md, &Error{File: p.file, Line: 1, Msg: "syntax error: " + err.Error()}
}

// checkKeys checks every key in the file's order, so that the first problem reported is
// the first in the file, and records what each sets.
func (p *parser) checkKeys(md toml.MetaData) error {
	p.base, p.name = "silo", DefaultName(p.file)
	scratch := sim.DefaultConfig() // each field is tried on it, alone
	skip := map[string]bool{}      // keys under a value already checked whole
	for _, key := range md.Keys() {
		path := keyPath(key)
		if skip[keyPath(key[:len(key)-1])] && len(key) > 1 {
			skip[path] = true
			continue
		}
		raw, ok := lookup(p.root, key)
		if !ok {
			// Under an array of tables: the array's own key was refused first.
			return p.fail(key, "unknown key")
		}
		whole, err := p.checkKey(key, raw, &scratch)
		if whole {
			skip[path] = true
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checkKey checks one key and records what it sets. It reports whether the key's value
// is checked whole (a field, or an uptime bonus table): the keys under it are not keys.
func (p *parser) checkKey(key toml.Key, raw any, scratch *sim.Config) (whole bool, err error) {
	switch path := keyPath(key); {
	case path == "base":
		return false, p.checkBase(key, raw)
	case path == "name":
		return false, p.checkName(key, raw)
	case isTable(path):
		if _, ok := raw.(map[string]any); !ok {
			return false, p.fail(key, "must be a table ([%s]), not %s", path, describe(raw))
		}
		return false, nil
	case len(key) == 3 && key[1] == "strategies" && (key[0] == "dev" || key[0] == "ops"):
		role := sim.Dev
		if key[0] == "ops" {
			role = sim.Ops
		}
		if err := p.grids[role].SetTOML(key[2], raw); err != nil {
			return true, p.fail(key, "%v", err)
		}
		return true, nil
	case path == "dev.pay.uptime_bonus" || path == "ops.pay.uptime_bonus":
		t, err := p.parseTiers(key, raw)
		if err != nil {
			return true, err
		}
		p.tiers[boolIndex(path == "ops.pay.uptime_bonus")] = &t
		return true, nil
	default:
		f, ok := Lookup(path)
		if !ok {
			return false, p.fail(key, "unknown key%s", suggest(key))
		}
		if err := f.Set(scratch, raw); err != nil {
			return true, p.fail(key, "%v", err)
		}
		p.assigns = append(p.assigns, assignment{key: key, field: f, raw: raw})
		return true, nil
	}
}

// checkBase checks the preset the file starts from.
func (p *parser) checkBase(key toml.Key, raw any) error {
	s, ok := raw.(string)
	if !ok {
		return p.fail(key, "%s is not a preset's name (%s)", describe(raw), quoteList(sim.PresetNames()))
	}
	if _, err := sim.Preset(s); err != nil {
		return p.fail(key, "%v", err)
	}
	p.base = s
	return nil
}

// checkName checks the scenario's name.
func (p *parser) checkName(key toml.Key, raw any) error {
	s, ok := raw.(string)
	if !ok {
		return p.fail(key, "%s is not a string", describe(raw))
	}
	if err := checkName(s); err != nil {
		return p.fail(key, "%v", err)
	}
	p.name = s
	return nil
}

// apply builds the config: the base preset, then the file's fields in the order of the
// fields table (a bot before its parameters), then the uptime bonus tables.
func (p *parser) apply() (sim.Config, error) {
	cfg, _ := sim.Preset(p.base)
	cfg.Name = p.name
	slices.SortStableFunc(p.assigns, func(a, b assignment) int { return fieldIndex(a.field) - fieldIndex(b.field) })
	for _, a := range p.assigns {
		if err := a.field.Set(&cfg, a.raw); err != nil {
			return sim.Config{}, p.fail(a.key, "%v", err) // cannot happen: checked above
		}
	}
	if p.tiers[0] != nil {
		cfg.DevPay.Tiers = *p.tiers[0]
	}
	if p.tiers[1] != nil {
		cfg.OpsPay.Tiers = *p.tiers[1]
	}
	return cfg, nil
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkName refuses names that would break a CSV row or a chart's legend.
func checkName(s string) error {
	if s == "" {
		return errors.New("must not be empty")
	}
	if len(s) > 80 {
		return errors.New("is longer than 80 characters")
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return fmt.Errorf("%q holds a control character", s)
		}
	}
	return nil
}

// parseTiers reads an uptime bonus table: { "0.99" = 1000, "0.95" = 500 }.
func (p *parser) parseTiers(key toml.Key, raw any) ([]sim.Tier, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, p.fail(key, `must be a table of uptime thresholds and bonuses, e.g. { "0.99" = 1000, "0.95" = 500 }, not %s`, describe(raw))
	}
	var out []sim.Tier
	seen := map[int32]string{}
	// Go through the thresholds in a fixed order, so that the error reported does not
	// depend on map iteration.
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sub := append(slices.Clone(key), k)
		x, err := strconv.ParseFloat(strings.TrimSpace(k), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, p.fail(sub, "the threshold %q is not an uptime fraction such as \"0.99\"", k)
		}
		pm, err := fractionToPermille(x)
		if err != nil {
			return nil, p.fail(sub, "the threshold %v", err)
		}
		if other, dup := seen[pm]; dup {
			return nil, p.fail(sub, "the thresholds %q and %q are the same", other, k)
		}
		seen[pm] = k
		bonus, ok := m[k].(int64)
		if !ok {
			return nil, p.fail(sub, "the bonus %s is not a whole number of dollars", describe(m[k]))
		}
		if bonus < 0 || bonus > math.MaxInt32 {
			return nil, p.fail(sub, "the bonus %d must be from 0 to %d dollars", bonus, math.MaxInt32)
		}
		out = append(out, sim.Tier{MinUptimePermille: pm, Bonus: int32(bonus)})
	}
	// sim.PayScheme lists tiers from the highest threshold down.
	sort.Slice(out, func(i, j int) bool { return out[i].MinUptimePermille > out[j].MinUptimePermille })
	return out, nil
}

// validateError maps sim.Config.Validate's *FieldError to the file's path and line. A
// field the file does not set (it came from the base) is reported at the line of a
// related field that the file sets, e.g. flight_s through catch_window_s.
func (p *parser) validateError(err error, base string, md toml.MetaData) error {
	var fe *sim.FieldError
	if !errors.As(err, &fe) {
		return &Error{File: p.file, Msg: err.Error()}
	}
	goPath := fe.Field
	if i := strings.Index(goPath, ".Tiers["); i >= 0 {
		goPath = goPath[:i] + ".Tiers"
	}
	f, ok := byGo(goPath)
	if !ok {
		return &Error{File: p.file, Msg: err.Error()}
	}
	path := f.Path
	key := strings.Split(path, ".")
	val := ""
	if f.Kind >= 0 {
		cfg := reflectSet(goPath, fe.Value)
		val = f.Format(&cfg)
	}
	why := translateWhy(fe.Why)
	if md.IsDefined(key...) {
		return &Error{File: p.file, Line: p.line(key), Field: path, Msg: strings.TrimSpace(val + " " + why)}
	}
	msg := fmt.Sprintf("%s = %s (from base %q): %s", path, val, base, why)
	if val == "" {
		msg = fmt.Sprintf("%s (from base %q): %s", path, base, why)
	}
	for _, rel := range related[goPath] {
		if r, ok := byGo(rel); ok && md.IsDefined(strings.Split(r.Path, ".")...) {
			return &Error{File: p.file, Line: p.line(strings.Split(r.Path, ".")), Field: r.Path, Msg: msg}
		}
	}
	return &Error{File: p.file, Field: path, Msg: msg}
}

// reflectSet returns a config with one Go field set to v, to format v in file units.
func reflectSet(goPath string, v any) sim.Config {
	var cfg sim.Config
	f, _ := byGo(goPath)
	dst := f.value(&cfg)
	src := reflect.ValueOf(v)
	if src.IsValid() && src.Type().ConvertibleTo(dst.Type()) {
		dst.Set(src.Convert(dst.Type()))
	}
	return cfg
}

// related lists, for the fields sim.Config.Validate checks against others, the fields
// whose change can break them.
var related = map[string][]string{
	"FlightTicks":        {"CatchWindowTicks"},
	"ReleaseFlightTicks": {"CatchWindowTicks"},
	"TargetBalls":        {"MaxBalls"},
	"MaxBalls":           {"TargetBalls"},
	"CatchWindowTicks":   {"FlightTicks", "ReleaseFlightTicks"},
}

// translateWhy rewrites Validate's reasons in the file's terms: Go names become paths,
// per-mille becomes fractions.
func translateWhy(why string) string {
	why = strings.ReplaceAll(why, "a per-mille value in [0, 1000]", "a fraction from 0 to 1")
	for _, f := range fields {
		if !strings.Contains(f.Go, ".") && f.Go != "Months" {
			why = strings.ReplaceAll(why, f.Go, strings.TrimPrefix(f.Path, "model."))
		}
	}
	return why
}

func isTable(path string) bool {
	for _, t := range tables {
		if t.path == path {
			return true
		}
	}
	return false
}

func fieldIndex(f *Field) int {
	for i := range fields {
		if &fields[i] == f {
			return i
		}
	}
	return len(fields)
}

// keyPath joins a key's parts with dots, quoting those that need it ("0.99").
func keyPath(k toml.Key) string { return k.String() }

// lookup finds a key's value in the decoded document.
func lookup(root map[string]any, key toml.Key) (any, bool) {
	var v any = root
	for _, part := range key {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[part]; !ok {
			return nil, false
		}
	}
	return v, true
}

// suggest proposes the known key closest to an unknown one, or lists the table's keys.
func suggest(key toml.Key) string {
	table := keyPath(key[:len(key)-1])
	var inTable []string
	best, bestD := "", 3
	for _, f := range fields {
		dir, leaf := splitPath(f.Path)
		if dir == table {
			inTable = append(inTable, leaf)
		}
		if d := distance(f.Path, keyPath(key)); d < bestD {
			best, bestD = f.Path, d
		}
	}
	for _, t := range tables {
		if dir, leaf := splitPath(t.path); dir == table {
			inTable = append(inTable, leaf)
		}
	}
	if table == "" {
		inTable = append(inTable, "base", "name")
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	if len(inTable) > 0 {
		where := "at the top"
		if table != "" {
			where = "in [" + table + "]"
		}
		return fmt.Sprintf("; %s: %s", where, strings.Join(inTable, ", "))
	}
	return fmt.Sprintf("; the tables are %s", tableList())
}

func tableList() string {
	var ts []string
	for _, t := range tables {
		ts = append(ts, "["+t.path+"]")
	}
	return strings.Join(ts, ", ")
}

func splitPath(path string) (dir, leaf string) {
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
