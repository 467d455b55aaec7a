package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

func TestPrintedPresetsLoadBackExactly(t *testing.T) {
	for _, name := range sim.PresetNames() {
		t.Run(name, func(t *testing.T) {
			text, err := FormatPreset(name)
			require.NoError(t, err)
			s, err := Parse("printed.toml", text)
			require.NoError(t, err)
			want, _ := sim.Preset(name)
			want.Name = "printed" // the file's name: a preset's name is the preset's
			assert.Equal(t, want, s.Config, "the printed file is the preset, to the last field")
			assert.True(t, reflect.DeepEqual(want, s.Config), "nil and empty tiers differ too")
			assert.Equal(t, name, s.Base)
			// Every field is there, with a comment above it.
			lines := strings.Split(string(text), "\n")
			for _, f := range fields {
				_, leaf := splitPath(f.Path)
				found := false
				for i, l := range lines {
					if strings.HasPrefix(l, leaf+" = ") {
						found = true
						assert.True(t, strings.HasPrefix(lines[i-1], "#"), "%s has a comment", f.Path)
					}
				}
				assert.True(t, found, "%s is printed", f.Path)
			}
		})
	}
}

// TestEveryConfigFieldIsInAFile walks sim.Config: a field added to the model must be
// added to scenario files too.
func TestEveryConfigFieldIsInAFile(t *testing.T) {
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := range typ.NumField() {
			sf := typ.Field(i)
			path := prefix + sf.Name
			if _, ok := byGo(path); ok {
				continue
			}
			switch {
			case path == "Name": // the top-level name key
			case path == "DevBot.Name" || path == "OpsBot.Name": // dev.bot, ops.bot
			case sf.Type.Kind() == reflect.Struct:
				walk(path+".", sf.Type)
			default:
				t.Errorf("sim.Config.%s has no key in scenario files", path)
			}
		}
	}
	walk("", reflect.TypeOf(sim.Config{}))
}

func TestAPartialFileOverridesItsBase(t *testing.T) {
	s, err := Parse("dir/budget-test.toml", []byte(`
base = "sre"
months = 3
[ops]
skill = 0.9
[dev]
bot = "paced"
interval_s = 2.5   # after bot, whatever the order in the file
[model]
catch_window_s = 0.1167
[practices]
monitoring = "top-down"
[ops.pay]
uptime_bonus = { "0.95" = 100, "0.999" = 900 }
`))
	require.NoError(t, err)
	want, _ := sim.Preset("sre")
	want.Name = "budget-test"
	want.Months = 3
	want.OpsBot.SkillPermille = 900
	want.DevBot = sim.MustDevBotSpec("paced")
	want.DevBot.IntervalTicks = 150
	want.CatchWindowTicks = 7
	want.Monitoring = sim.MonitorTopDown
	want.OpsPay.Tiers = []sim.Tier{{MinUptimePermille: 999, Bonus: 900}, {MinUptimePermille: 950, Bonus: 100}}
	assert.Equal(t, want, s.Config)

	// A bot's parameters set before its name in the file still win.
	s, err = Parse("x.toml", []byte("[dev]\ninterval_s = 1\nbot = \"paced\"\n"))
	require.NoError(t, err)
	assert.Equal(t, sim.Tick(60), s.Config.DevBot.IntervalTicks)
	assert.Equal(t, "silo", s.Base, "silo is the default base")

	// A bot named as the game names it is the same bot.
	bare, err := Parse("x.toml", []byte("[dev]\nbot = \"paced\"\n[ops]\nbot = \"learner\"\n"))
	require.NoError(t, err)
	prefixed, err := Parse("x.toml", []byte("[dev]\nbot = \"bot:paced\"\n[ops]\nbot = \"bot:learner\"\n"))
	require.NoError(t, err)
	assert.Equal(t, bare.Config, prefixed.Config)
}

func TestBadFilesNameFileLineAndField(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line       int
		field, msg string
	}{
		{"syntax", "base = \"silo\"\nmonths = \n", 2, "months", "syntax error"},
		{"unclosed table", "base = \"silo\"\n[ops\nskill = 0.9\n", 2, "", "syntax error: expected '.' or ']' to end table name"},
		{"unknown key", "base = \"silo\"\n[ops]\nskil = 0.9\n", 3, "ops.skil", "unknown key (did you mean ops.skill?)"},
		{"unknown table", "[opps]\nskill = 0.9\n", 1, "opps", "unknown key"},
		{"unknown far key", "[model]\nwibble = 3\n", 2, "model.wibble", "in [model]: month_s, build_s"},
		{"unknown top key", "colour = 3\n", 1, "colour", "at the top"},
		{"case matters", "[ops]\nSkill = 0.9\n", 2, "ops.Skill", "did you mean ops.skill?"},
		{"wrong type", "[ops]\nskill = \"high\"\n", 2, "ops.skill", `"high" is not a number`},
		{"not a table", "ops = 3\n", 1, "ops", "must be a table"},
		{"fraction out of range", "[practices]\nslo = 98\n", 2, "practices.slo", "must be a fraction from 0 to 1 (write 0.98"},
		{"too many decimals", "[ops]\nskill = 0.7005\n", 2, "ops.skill", "more than three decimals"},
		{"not a whole tick", "\n\n[model]\ncatch_window_s = 0.11\n", 4, "model.catch_window_s", "0.11 s is 6.60 ticks: durations are whole ticks of 1/60 s, e.g. 0.1 or 0.1167"},
		{"negative seconds", "[model]\nbuild_s = -1\n", 2, "model.build_s", "must not be negative"},
		{"zero duration", "[model]\nbuild_s = 0\n", 2, "model.build_s", "0 must be positive"},
		{"not whole", "months = 2.5\n", 1, "months", "2.5 is not a whole number"},
		{"months out of range", "months = 0\n", 1, "months", "must be in [1, 120]"},
		{"huge int", "months = 99999999999\n", 1, "months", "too large"},
		{"unknown base", "base = \"waterfall\"\n", 1, "base", `unknown preset "waterfall"`},
		{"unknown bot", "[ops]\nbot = \"hero\"\n", 2, "ops.bot", `unknown ops bot "hero"`},
		{"bad enum", "[practices]\nmonitoring = \"sideways\"\n", 2, "practices.monitoring", `"sideways" is not one of "none", "bottom-up", "top-down" or "both"`},
		{"bool", "[practices]\ngate = \"yes\"\n", 2, "practices.gate", "not true or false"},
		{"cross-field, set here", "[model]\nflight_s = 0.2\ncatch_window_s = 0.1\n", 2, "model.flight_s", "0.2 must be longer than two catch windows"},
		{"cross-field, from base", "[model]\n\ncatch_window_s = 0.5\n", 3, "model.catch_window_s", `model.flight_s = 1 (from base "silo"): must be longer than two catch windows`},
		{"target over max", "[model]\nmax_balls = 2\ntarget_balls = 3\n", 3, "model.target_balls", "3 must be in [1, max_balls]"},
		{"tier threshold", "[ops.pay]\nuptime_bonus = { \"99%\" = 3 }\n", 2, `ops.pay.uptime_bonus."99%"`, "not an uptime fraction"},
		{"tier bonus", "[ops.pay]\nuptime_bonus = { \"0.99\" = -3 }\n", 2, `ops.pay.uptime_bonus."0.99"`, "must be from 0"},
		{"tier duplicate", "[ops.pay]\nuptime_bonus = { \"0.99\" = 3, \"0.990\" = 4 }\n", 2, `ops.pay.uptime_bonus."0.990"`, "are the same"},
		{"tiers not a table", "[dev.pay]\nuptime_bonus = 3\n", 2, "dev.pay.uptime_bonus", "must be a table of uptime thresholds"},
		{"tiers as a table", "[dev.pay.uptime_bonus]\n\"0.9\" = 1\n\"2\" = 1\n", 3, `dev.pay.uptime_bonus.2`, "must be a fraction"},
		{"array of tables", "[[dev.pay.tiers]]\nbonus = 3\n", 1, "dev.pay.tiers", "unknown key"},
		{"empty name", "name = \"\"\n", 1, "name", "must not be empty"},
		{"date", "months = 1979-05-27\n", 1, "months", "not a whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bad.toml", []byte(tc.text))
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			assert.Equal(t, "bad.toml", e.File)
			assert.Equal(t, tc.line, e.Line, "%v", err)
			assert.Equal(t, tc.field, e.Field, "%v", err)
			assert.Contains(t, e.Msg, tc.msg)
			assert.NotContains(t, err.Error(), "\n", "one line")
			assert.True(t, strings.HasPrefix(err.Error(), "bad.toml:"), err.Error())
		})
	}
}

func TestLoadNamesAMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
	require.Error(t, err)
	assert.Contains(t, strings.ToLower(err.Error()), "nope.toml: no such file") // js/wasm capitalises it
}

func TestLoadFromDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calm-ops.toml")
	require.NoError(t, os.WriteFile(path, []byte("base = \"devops\"\n[ops]\nskill = 0.95\n"), 0o644))
	s, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, "calm-ops", s.Config.Name)
	assert.Equal(t, int32(950), s.Config.OpsBot.SkillPermille)
}

func TestSecondsAndFractions(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want sim.Tick
	}{{0, 0}, {0.1, 6}, {0.1167, 7}, {0.117, 7}, {2.5, 150}, {30, 1800}, {1.0 / 60, 1}} {
		got, err := secondsToTicks(tc.s, 0)
		require.NoError(t, err, "%v", tc.s)
		assert.Equal(t, tc.want, got, "%v s", tc.s)
	}
	for _, s := range []float64{0.11, 0.01, 1e7, -0.5} {
		_, err := secondsToTicks(s, 0)
		assert.Error(t, err, "%v s", s)
	}
	for tk := sim.Tick(0); tk < 2000; tk++ {
		back, err := secondsToTicks(mustFloat(t, formatSeconds(tk)), 0)
		require.NoError(t, err)
		require.Equal(t, tk, back, "ticks %d print as %s and read back", tk, formatSeconds(tk))
	}
	for pm := int32(0); pm <= 1000; pm++ {
		back, err := fractionToPermille(mustFloat(t, formatPermille(pm)))
		require.NoError(t, err)
		require.Equal(t, pm, back)
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := (&Field{Kind: Seconds}).Parse(s)
	require.NoError(t, err)
	return v.(float64)
}

func TestFieldsForVary(t *testing.T) {
	f, ok := Lookup("ops.skill")
	require.True(t, ok)
	cfg := sim.DefaultConfig()
	v, err := f.Parse("0.9")
	require.NoError(t, err)
	require.NoError(t, f.Set(&cfg, v))
	assert.Equal(t, int32(900), cfg.OpsBot.SkillPermille)
	assert.Equal(t, "0.9", f.Text(&cfg))
	assert.True(t, f.Numeric())

	f, _ = Lookup("practices.monitoring")
	assert.False(t, f.Numeric())
	assert.Error(t, f.Set(&cfg, "sideways"))
	assert.Equal(t, `"none"`, f.Format(&cfg))

	f, _ = Lookup("dev.bot")
	require.NoError(t, f.Set(&cfg, "tester"))
	assert.Equal(t, sim.MustDevBotSpec("tester"), cfg.DevBot)

	_, ok = Lookup("dev.pay.uptime_bonus")
	assert.False(t, ok, "the bonus tables are not scalar")
	_, ok = Lookup("base")
	assert.False(t, ok)
}

// FuzzParse: whatever the bytes, Parse does not panic, and every error says where.
func FuzzParse(f *testing.F) {
	for _, name := range sim.PresetNames() {
		text, _ := FormatPreset(name)
		f.Add(text)
	}
	entries, _ := os.ReadDir("testdata")
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join("testdata", e.Name())); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[ops]\nskill = 0.9\n[model]\ncatch_window_s = 0.6\n"))
	f.Add([]byte("[dev.pay]\nuptime_bonus = { \"0.5\" = 1 }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tm := time.AfterFunc(3*time.Second, func() { panic(fmt.Sprintf("hang on %q", data)) })
		defer tm.Stop()
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			var e *Error
			require.True(t, errors.As(err, &e), "every error is an *Error: %v", err)
			require.Equal(t, "fuzz.toml", e.File)
			if len(data) <= maxFileBytes {
				require.GreaterOrEqual(t, e.Line, 1, "every error names a line: %v", err)
			}
			if !strings.HasPrefix(e.Msg, "syntax error") {
				require.NotEmpty(t, e.Field, "every error names a field: %v", err)
			}
			return
		}
		require.NoError(t, s.Config.Validate())
		// A file that loads prints to a file that loads to the same config.
		back, err := Parse("fuzz.toml", Format(s))
		require.NoError(t, err, "%s", Format(s))
		require.Equal(t, s.Config, back.Config)
	})
}

// A file saved by Windows Notepad starts with a byte-order mark: it reads as without one,
// and errors still name the right line.
func TestAByteOrderMarkIsSkipped(t *testing.T) {
	s, err := Parse("notepad.toml", []byte("\ufeffbase = \"sre\"\nmonths = 2\n"))
	require.NoError(t, err)
	assert.Equal(t, "sre", s.Base)
	assert.Equal(t, 2, s.Config.Months)

	_, err = Parse("notepad.toml", []byte("\ufeffbase = \"sre\"\nmonths = \"two\"\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "notepad.toml:2:")
}

// A file saved as UTF-16 is refused, even one with nothing but its byte-order mark: it
// would otherwise read as an empty scenario, and a researcher would run the base preset
// believing it was theirs.
func TestUTF16IsRefused(t *testing.T) {
	for _, data := range []string{"\xff\xfe", "\xfe\xff", "\xff\xfeb\x00a\x00s\x00e\x00"} {
		_, err := Parse("u16.toml", []byte(data))
		require.Error(t, err, "%q", data)
		assert.Contains(t, err.Error(), "u16.toml:1:")
		assert.Contains(t, err.Error(), "UTF-16")
	}
}
