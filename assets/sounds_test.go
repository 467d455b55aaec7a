package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSynth checks that every sound is audible, short enough for feedback, and in the
// player's format (16-bit stereo frames), the same on every call.
func TestSynth(t *testing.T) {
	for s := Sound(0); s < NumSounds; s++ {
		pcm := Synth(s)
		assert.Zero(t, len(pcm)%4, "%v: whole stereo frames", s)
		secs := float64(len(pcm)/4) / SampleRate
		assert.True(t, secs > 0.02 && secs < 1.2, "%v lasts %.2f s", s, secs)
		peak := 0
		for i := 0; i+1 < len(pcm); i += 2 {
			v := int(int16(uint16(pcm[i]) | uint16(pcm[i+1])<<8))
			peak = max(peak, v, -v)
		}
		assert.Greater(t, peak, 3000, "%v is audible", s)
		assert.Equal(t, pcm, Synth(s), "%v is deterministic", s)
	}
}

func TestTTF(t *testing.T) {
	for _, f := range []Font{Regular, Bold} {
		assert.Greater(t, len(TTF(f)), 10000)
	}
}
