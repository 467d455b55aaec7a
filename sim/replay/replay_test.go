package replay

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// record plays a bot round and returns its replay.
func record(t *testing.T, preset string, seed uint64, months int) *Replay {
	t.Helper()
	cfg, err := sim.Preset(preset)
	require.NoError(t, err)
	cfg.Months = months
	round := bot.NewBotRound(cfg, seed)
	rec := NewRecorder(NewHeader(cfg, seed, "test", "devel"))
	for !round.World.Done() {
		rec.Step(round.World, round.Step(nil))
	}
	return rec.Finish(round.World)
}

func encode(t *testing.T, r *Replay) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.Encode(&b))
	return b.String()
}

func TestRoundTripAndVerify(t *testing.T) {
	r := record(t, "silo", 7, 2)
	text := encode(t, r)
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Contains(t, lines[0], `"format":"devopsjuggle-replay"`)
	assert.Contains(t, lines[len(lines)-1], `"end":3600`)
	assert.Equal(t, 5, strings.Count(text, `"checkpoint"`), "every 600 ticks, the end aside")

	back, err := Decode(strings.NewReader(text))
	require.NoError(t, err)
	assert.Equal(t, r.Inputs, back.Inputs)
	assert.Equal(t, r.Checkpoints, back.Checkpoints)
	assert.Equal(t, r.End, back.End)
	assert.Equal(t, encode(t, back), text, "encoding is canonical")

	w, err := back.Play()
	require.NoError(t, err)
	assert.Equal(t, r.End.Result, w.Result(), "the replay reproduces the round")
}

func TestEditedReplayIsCaughtAtTheRightTick(t *testing.T) {
	r := record(t, "devops", 3, 2)
	// Drop one of ops' catches at about tick 1000: the world goes another way from there.
	k := 0
	for k < len(r.Inputs) && (r.Inputs[k].Tick < 1000 || r.Inputs[k].Role != sim.Ops) {
		k++
	}
	require.Less(t, k, len(r.Inputs))
	edited := *r
	edited.Inputs = append(append([]sim.Input(nil), r.Inputs[:k]...), r.Inputs[k+1:]...)
	_, err := edited.Play()
	var d *Divergence
	require.True(t, errors.As(err, &d), "%v", err)
	assert.Equal(t, sim.Tick(1200), d.Tick, "the first checkpoint after the edit")
	assert.Equal(t, sim.Tick(600), d.LastGood)
	assert.Contains(t, d.Error(), "diverges at tick 1200")
}

func TestQuitEarlyReplay(t *testing.T) {
	cfg := sim.DefaultConfig()
	round := bot.NewBotRound(cfg, 4)
	rec := NewRecorder(NewHeader(cfg, 4, "test", "devel"))
	for round.World.Tick() < 1200 { // stopped where a checkpoint is due: it has one
		rec.Step(round.World, round.Step(nil))
	}
	r := rec.Finish(round.World)
	assert.False(t, r.End.Complete)
	back, err := Decode(strings.NewReader(encode(t, r)))
	require.NoError(t, err)
	w, err := back.Play()
	require.NoError(t, err)
	assert.Equal(t, sim.Tick(1200), w.Tick())
	assert.Len(t, back.Checkpoints, 2)
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.jsonl")
	r := record(t, "sre", 2, 1)
	require.NoError(t, r.WriteFile(path))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left behind")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "a replay is meant to be shared")
	back, err := ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, r.End, back.End)
}

func TestBadReplays(t *testing.T) {
	good := encode(t, record(t, "silo", 1, 1))
	lines := strings.Split(strings.TrimSuffix(good, "\n"), "\n")
	n := len(lines)
	edit := func(i int, from, to string) string {
		ls := append([]string(nil), lines...)
		require.Contains(t, ls[i], from)
		ls[i] = strings.Replace(ls[i], from, to, 1)
		return strings.Join(ls, "\n") + "\n"
	}
	firstInput := 1
	for !strings.Contains(lines[firstInput], `"t":`) {
		firstInput++
	}
	var checkpoints []int
	for i, l := range lines {
		if strings.Contains(l, `"checkpoint":`) {
			checkpoints = append(checkpoints, i)
		}
	}
	require.Len(t, checkpoints, 2, "a month has checkpoints at 600 and 1200")
	without := func(i int) string {
		ls := append(append([]string(nil), lines[:i]...), lines[i+1:]...)
		return strings.Join(ls, "\n") + "\n"
	}
	for _, tc := range []struct {
		name, text string
		line       int
		field, msg string
	}{
		{"empty", "", 0, "", "empty file"},
		{"not json", "hello\n", 1, "header", "not valid JSON"},
		{"not a replay", `{"format":"gif"}` + "\n", 1, "format", "not a replay"},
		{"future format", edit(0, `"format_version":1`, `"format_version":9`), 1, "format_version", "reads version 1"},
		{"other rules", edit(0, `"rules_version":"`+sim.RulesVersion+`"`, `"rules_version":"0"`), 1, "rules_version", "would not reproduce"},
		{"unknown header key", edit(0, `"seed":`, `"colour":1,"seed":`), 1, "header.colour", "unknown key"},
		{"bad config value", edit(0, `"catch_window_ticks":7`, `"catch_window_ticks":-3`), 1, "config.catch_window_ticks", "must not be negative"},
		{"config type", edit(0, `"months":1`, `"months":"one"`), 1, "header.config.months", "not a int"},
		{"unknown action", edit(firstInput, `"action":"`, `"action":"juggle-`), firstInput + 1, "action", "unknown action"},
		{"wrong role", edit(firstInput, `"role":"ops"`, `"role":"dev"`), firstInput + 1, "role", "an action of ops"},
		{"bad hash", edit(n-1, `"hash":"`, `"hash":"zz`), n, "hash", "16 hex digits"},
		{"truncated", strings.Join(lines[:n-1], "\n") + "\n", n - 1, "", "truncated"},
		{"cut mid-line", good[:len(good)-40], n, "", "cut short"},
		{"after the end", good + lines[firstInput] + "\n", n + 1, "", "after the end"},
		{"a checkpoint deleted", without(checkpoints[0]), checkpoints[1], "checkpoint", "tick 1200 where the checkpoint of tick 600 belongs"},
		{"the last checkpoint deleted", without(checkpoints[1]), n - 1, "end", "the file has 1 of the 2 checkpoints before tick 1800"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tc.text))
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			assert.Equal(t, tc.line, e.Line, "%v", err)
			assert.Equal(t, tc.field, e.Field, "%v", err)
			assert.Contains(t, e.Msg, tc.msg)
		})
	}
}

func TestJSONPath(t *testing.T) {
	assert.Equal(t, "catch_window_ticks", JSONPath("CatchWindowTicks"))
	assert.Equal(t, "ops_pay.tiers[1].min_uptime_permille", JSONPath("OpsPay.Tiers[1].MinUptimePermille"))
	assert.Equal(t, "ops_bot.gatekeeping", JSONPath("OpsBot.Gatekeeping"))
}

func FuzzDecode(f *testing.F) {
	cfg := sim.DefaultConfig()
	cfg.Months = 1
	round := bot.NewBotRound(cfg, 1)
	rec := NewRecorder(NewHeader(cfg, 1, "fuzz", "devel"))
	for round.World.Tick() < 700 {
		rec.Step(round.World, round.Step(nil))
	}
	var b bytes.Buffer
	if err := rec.Finish(round.World).Encode(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"format":"devopsjuggle-replay"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(bytes.NewReader(data))
		if err != nil {
			var e *Error
			require.True(t, errors.As(err, &e), "every error says where: %v", err)
			return
		}
		// A replay that decodes must play without panicking (it may diverge).
		_, err = r.Play()
		if err != nil {
			var d *Divergence
			require.True(t, errors.As(err, &d))
		}
	})
}

// TestARecordingHoldsNoMalformedInput (issue 13, defect 8): a person's inputs include
// junk (no action, an unknown one, the other role's) and inputs the world refuses (an
// approval with nothing pending). The world ignores the junk, the recording leaves it
// out, and the file reads back and replays to the same hashes; refusals stay recorded.
func TestARecordingHoldsNoMalformedInput(t *testing.T) {
	cfg := sim.DefaultConfig()
	cfg.Months = 1
	round := bot.NewRound(cfg, 9, bot.NewDev(cfg.DevBot), nil) // a person plays ops
	rec := NewRecorder(NewHeader(cfg, 9, "test", "devel"))
	var sent, refused int
	for !round.World.Done() {
		tk := round.World.Tick()
		person := []sim.Input{
			{Tick: tk, Role: sim.Ops, Action: sim.Action(tk % 20)}, // none, dev's actions, unknown ones, ops'
			{Tick: tk, Role: sim.Ops, Action: sim.ActApprove},
		}
		if tk%7 == 0 {
			person = append(person, sim.Input{Tick: tk, Role: sim.Dev, Action: sim.ActRelease}) // dev is a bot's
		}
		sent += len(person)
		rec.Step(round.World, round.Step(person))
		for _, e := range round.World.Events() {
			if e.Kind == sim.EvRefused {
				refused++
			}
		}
	}
	r := rec.Finish(round.World)
	for _, in := range r.Inputs {
		require.True(t, in.WellFormed(), "%v recorded", in)
	}
	assert.Positive(t, refused, "refused inputs are recorded and counted")
	assert.Equal(t, int32(refused), round.World.Stats().Refused)
	back, err := Decode(strings.NewReader(encode(t, r)))
	require.NoError(t, err, "a recording always reads back")
	w, err := back.Play()
	require.NoError(t, err)
	assert.Equal(t, r.End.Result, w.Result())
	assert.Less(t, len(r.Inputs), sent)
}
