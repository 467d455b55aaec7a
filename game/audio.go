package game

import (
	"github.com/hajimehoshi/ebiten/v2/audio"

	"devopsjuggle/assets"
)

// Audio plays the game's sounds, or nothing when there is no sound device: a machine
// without one (a server, a CI runner, a lecture-hall PC with the sound off) runs the game
// silently instead of failing.
type Audio struct {
	ctx     *audio.Context
	players [assets.NumSounds]*audio.Player
	volume  float64 // 0..1
	muted   bool
	// Notice says why there is no sound, "" when there is.
	Notice string
}

// NewAudio opens the sound device if there is one. ebiten's audio context fails the
// whole game loop when the device cannot be opened, and can be made only once per
// process, so the device is probed first (audioDeviceOK, per platform).
func NewAudio(enabled bool) *Audio {
	a := &Audio{volume: 0.7}
	if !enabled {
		a.Notice = "Sound is off (-mute)."
		return a
	}
	if err := audioDeviceOK(); err != nil {
		a.Notice = "No sound device: the game runs silently (" + err.Error() + ")."
		return a
	}
	a.ctx = audio.NewContext(assets.SampleRate)
	for s := assets.Sound(0); s < assets.NumSounds; s++ {
		a.players[s] = a.ctx.NewPlayerFromBytes(assets.Synth(s))
	}
	return a
}

// Enabled reports whether sounds are played at all.
func (a *Audio) Enabled() bool { return a.ctx != nil }

// SetVolume sets the volume (0..1) and the mute switch.
func (a *Audio) SetVolume(v float64, muted bool) {
	a.volume, a.muted = min(1, max(0, v)), muted
	for _, p := range a.players {
		if p != nil {
			p.SetVolume(a.volume)
		}
	}
}

// Play starts a sound from its beginning (a sound already playing restarts).
func (a *Audio) Play(s assets.Sound) {
	if a.ctx == nil || a.muted || a.volume == 0 {
		return
	}
	p := a.players[s]
	if err := p.Rewind(); err != nil {
		return
	}
	p.Play()
}
