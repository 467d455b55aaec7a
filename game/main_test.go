package game

import (
	"image"
	"image/color"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"
)

// TestMain runs the tests inside ebiten's game loop, as ebiten's own tests do: images can
// be drawn and read back only while the loop runs, and it must own the main goroutine.
// Run the package under a display (xvfb-run -a) with -p=1.
func TestMain(m *testing.M) {
	code := 1
	ebiten.SetWindowSize(320, 180)
	err := ebiten.RunGame(&testLoop{run: func() { code = m.Run() }})
	if err != nil {
		panic(err)
	}
	os.Exit(code)
}

type testLoop struct{ run func() }

func (l *testLoop) Update() error {
	l.run()
	return ebiten.Termination
}

func (*testLoop) Draw(*ebiten.Image)         {}
func (*testLoop) Layout(int, int) (int, int) { return 320, 180 }

// fakeDevices is a scripted keyboard and pointer: what is queued is pressed at the next
// frame.
type fakeDevices struct {
	keys []ebiten.Key
	taps []Point
}

func (f *fakeDevices) press(k ...ebiten.Key) { f.keys = append(f.keys, k...) }
func (f *fakeDevices) tap(p Point)           { f.taps = append(f.taps, p) }

func (f *fakeDevices) AppendJustPressedKeys(keys []ebiten.Key) []ebiten.Key {
	keys = append(keys, f.keys...)
	f.keys = f.keys[:0]
	return keys
}
func (f *fakeDevices) AppendTaps(taps []Point) []Point {
	taps = append(taps, f.taps...)
	f.taps = f.taps[:0]
	return taps
}
func (f *fakeDevices) Wheel() float64 { return 0 }

// newTestGame makes a game with scripted devices, no sound, no files.
func newTestGame(t *testing.T, o Options) (*Game, *fakeDevices) {
	t.Helper()
	d := &fakeDevices{}
	o.Devices, o.Mute, o.FixedStep = d, true, true
	o.Log = discard{}
	g, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return g, d
}

// startRound switches g to a one-month round of preset (seed 1) with the preset's dev bot
// and a person as ops, past its get-ready countdown.
func startRound(t *testing.T, g *Game, preset string) *roundScene {
	t.Helper()
	rs, err := newRoundScene(g, Setup{Preset: preset, Months: 1, Seed: 1, Players: [2]Player{{Bot: true}, Human}}, "")
	require.NoError(t, err)
	rs.countdown = 0
	g.Switch(rs)
	return rs
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// update runs n frames, failing the test on an error.
func update(t *testing.T, g *Game, n int) {
	t.Helper()
	for range n {
		if err := g.Update(); err != nil {
			t.Fatal(err)
		}
	}
}

// frame draws the current scene at 1280x720 and reads it back.
func frame(g *Game) *image.RGBA {
	img := ebiten.NewImage(ScreenW, ScreenH)
	defer img.Deallocate()
	g.DrawOn(img, 1)
	rgba := image.NewRGBA(image.Rect(0, 0, ScreenW, ScreenH))
	img.ReadPixels(rgba.Pix)
	return rgba
}

// near reports whether two colours differ by at most tol in each channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}
