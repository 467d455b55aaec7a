package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/game"
	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
)

// TestBadFlags: bad usage is exit status 2 with a message naming the flag.
func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-preset", "chaos"}, "-preset"},
		{[]string{"-months", "0"}, "-months 0"},
		{[]string{"-dev", "robot"}, "-dev"},
		{[]string{"-ops", "bot:nobody"}, "-ops"},
		{[]string{"-difficulty", "brutal"}, "-difficulty"},
		{[]string{"-screenshot", "x.png"}, "-quit-after-ticks"},
		{[]string{"-replay", "testdata/missing.jsonl"}, "missing.jsonl"},
		{[]string{"stray"}, "unexpected argument"},
		{[]string{"-nope"}, "nope"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			_, err := parse(tt.args, &bytes.Buffer{})
			require.Error(t, err)
			assert.Equal(t, 2, exitCode(err, &stderr))
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
	var out bytes.Buffer
	_, err := parse([]string{"-h"}, &out)
	assert.Equal(t, 0, exitCode(err, &bytes.Buffer{}))
	assert.Contains(t, out.String(), "-autoplay")
}

// TestFlagsSetUpTheRound: roles and -autoplay start the round at once.
func TestFlagsSetUpTheRound(t *testing.T) {
	o, err := parse([]string{"-autoplay", "-preset", "devops", "-seed", "9", "-months", "2"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.True(t, o.Start)
	assert.True(t, o.Attract, "bots play the first round")
	assert.Equal(t, [2]game.Player{game.Human, game.Human}, o.Setup.Players, "the roles the title shows afterwards")
	assert.Equal(t, uint64(9), o.Setup.Seed)
	o, err = parse([]string{"-ops", "bot:wall"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.True(t, o.Start)
	assert.Equal(t, "bot:wall", o.Setup.Players[1].String())
	assert.Equal(t, "human", o.Setup.Players[0].String())
	o, err = parse(nil, &bytes.Buffer{})
	require.NoError(t, err)
	assert.False(t, o.Start, "no flags: the title screen")
	assert.Nil(t, o.Hall, "not the hall's round")

	// The hall's page's command line, with -hall: the round is the hall's, locked.
	o, err = parse([]string{"-hall", "2", "-preset", "sre", "-seed", "7", "-months", "1", "-difficulty", "normal", "-dev", "bot", "-ops", "human"}, &bytes.Buffer{})
	require.NoError(t, err)
	require.NotNil(t, o.Hall)
	assert.Equal(t, 2, o.Hall.N)
	assert.Equal(t, o.Setup, o.Hall.Round, "the hall's round is the command line's")
	assert.True(t, o.Start, "the page's roles start it at once")
}

// buildJuggle builds the game binary once per test run.
func buildJuggle(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "juggle")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// env returns the environment with HOME and the config folders in dir, and ALSA
// pointed at conf.
func env(dir, conf string) []string {
	var e []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ALSA_CONFIG_PATH=") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_") {
			e = append(e, kv)
		}
	}
	return append(e, "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "ALSA_CONFIG_PATH="+conf)
}

// TestNoDisplay: with no display (DISPLAY and WAYLAND_DISPLAY unset), where ebiten's
// package initialisation panics before main, juggle -h still prints the flags (status 0),
// a bad flag is still named (2), and anything else says plainly that the game needs a
// display (1): never a Go panic.
func TestNoDisplay(t *testing.T) {
	// What answers then must not reach ebiten (its initialisation would come first).
	deps, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", "./internal/nodisplay").Output()
	require.NoError(t, err)
	assert.NotContains(t, string(deps), "hajimehoshi/ebiten")
	if runtime.GOOS != "linux" {
		t.Skip("the X11 platforms only")
	}
	bin := buildJuggle(t)
	var e []string
	for _, kv := range env(t.TempDir(), "/dev/null") {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			e = append(e, kv)
		}
	}
	for _, tt := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"-h"}, 0, "-autoplay", ""},
		{[]string{"-nope"}, 2, "", "-nope"},
		{[]string{"-preset", "nope"}, 2, "", "-preset:"}, // a bad value is named, not the display
		{[]string{"-months", "0"}, 2, "", "-months 0"},
		{[]string{"-difficulty", "insane"}, 2, "", "-difficulty:"},
		// Every value is checked before the display is needed: who plays, the scripted
		// run's flags, the files named.
		{[]string{"-dev", "nonsense"}, 2, "", "-dev: \"nonsense\": want human, bot or bot:NAME"},
		{[]string{"-ops", "bot:nobody"}, 2, "", "-ops: unknown ops bot \"nobody\""},
		{[]string{"-autoplay", "-dev", "bot:learner", "-ops", "bot:x=1"}, 2, "", "-ops:"},
		{[]string{"-screenshot", "x.png"}, 2, "", "-screenshot needs -quit-after-ticks"},
		{[]string{"-quit-after-ticks", "-5"}, 2, "", "-quit-after-ticks -5"},
		{[]string{"-replay", "testdata/missing.jsonl"}, 2, "", "-replay: "},
		{[]string{"-record", "testdata"}, 2, "", "-record testdata: is a folder"},
		{[]string{"-autoplay", "-dev", "bot:learner", "-ops", "bot:wall", "-preset", "sre"}, 1, "", "no display"},
		{[]string{"-autoplay"}, 1, "", "no display"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cmd := exec.Command(bin, tt.args...)
			cmd.Env = e
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if x, ok := err.(*exec.ExitError); ok {
				code = x.ExitCode()
			}
			assert.Equal(t, tt.code, code, "stderr: %s", stderr.String())
			assert.Contains(t, stdout.String(), tt.out)
			assert.Contains(t, stderr.String(), tt.err)
			assert.NotContains(t, stderr.String(), "panic")
			if tt.code != 0 {
				assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one line: %q", stderr.String())
			}
		})
	}
}

// TestScriptedRun: juggle -autoplay -quit-after-ticks 600 -screenshot x.png exits 0
// under Xvfb with no sound device, says so once, saves the round's replay, and the PNG
// shows the round.
func TestScriptedRun(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs a display: run under xvfb-run -a")
	}
	bin := buildJuggle(t)
	dir := t.TempDir()
	shot := filepath.Join(dir, "x.png")
	none, err := filepath.Abs("testdata/alsa-none.conf")
	require.NoError(t, err)
	cmd := exec.Command(bin, "-autoplay", "-quit-after-ticks", "600", "-screenshot", shot)
	cmd.Env = env(dir, none)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	assert.Equal(t, 1, strings.Count(stderr.String(), "No sound device"), "one notice: %s", stderr.String())

	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, image.Rect(0, 0, 1280, 720), img.Bounds())
	at := func(x, y int) color.RGBA {
		r, g, b, _ := img.At(x, y).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
	}
	assert.Equal(t, color.RGBA{0xe6, 0x9f, 0x00, 255}, at(15, 300), "the dev panel's orange stripe")
	assert.Equal(t, color.RGBA{0x56, 0xb4, 0xe9, 255}, at(447, 300), "production's blue stripe")
	assert.Equal(t, color.RGBA{0xaa, 0xb3, 0xc5, 255}, at(700, 440), "the juggler's left hand")
	// The replay of the round so far is in the data folder, marked incomplete.
	replays, _ := filepath.Glob(filepath.Join(dir, "data", "devopsjuggle", "replays", "*.replay.jsonl"))
	require.Len(t, replays, 1)
	r, err := replay.ReadFile(replays[0])
	require.NoError(t, err)
	assert.False(t, r.End.Complete)
	assert.Equal(t, sim.Tick(600), r.End.Tick)
	_, err = r.Play()
	assert.NoError(t, err, "the replay re-runs to the same hash")
}

// TestScriptedRunWithSound: with a (null) sound device the game opens it and plays.
func TestScriptedRunWithSound(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs a display: run under xvfb-run -a")
	}
	bin := buildJuggle(t)
	dir := t.TempDir()
	null, err := filepath.Abs("../../game/testdata/alsa-null.conf")
	require.NoError(t, err)
	cmd := exec.Command(bin, "-autoplay", "-preset", "sre", "-quit-after-ticks", "240")
	cmd.Env = env(dir, null)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
	assert.NotContains(t, stderr.String(), "No sound device")
}
