package assets

import "math"

// SampleRate is the rate of every synthesized sound, in frames per second.
const SampleRate = 44100

// Sound names one of the game's sounds.
type Sound int

// The sounds, one per kind of feedback.
const (
	SoundCatch     Sound = iota // a ball caught: a short wooden tock
	SoundWhiff                  // a press with nothing to catch: a puff of air
	SoundDrop                   // a ball hit the floor: a low thud
	SoundRollback               // a rollback: a falling "rewind" sweep
	SoundCash                   // money earned: two bright pings
	SoundPager                  // an alert: three pager beeps
	SoundComplaint              // a customer complaint: a phone ring
	SoundRelease                // a release leaves dev: a rising whoosh
	SoundClick                  // a menu click
	SoundMonthEnd               // a month closes: a major arpeggio
	SoundRequest                // a change request waits for ops: a ding-dong
	SoundLesson                 // a lesson of the guided round done: a rising three-note chime
	SoundPrompt                 // something to do now: a short double tick
	NumSounds
)

var soundNames = [NumSounds]string{"catch", "whiff", "drop", "rollback", "cash", "pager",
	"complaint", "release", "click", "month-end", "request", "lesson", "prompt"}

// String names the sound.
func (s Sound) String() string {
	if s >= 0 && s < NumSounds {
		return soundNames[s]
	}
	return "?"
}

// Synth returns the sound as 16-bit little-endian signed stereo PCM at SampleRate, the
// format of ebiten's audio players. The same call always returns the same bytes.
func Synth(s Sound) []byte {
	var mono []float64
	switch s {
	case SoundCatch:
		mono = tone(0.07, func(t, p float64) float64 {
			return 0.7 * math.Sin(2*math.Pi*740*t) * math.Exp(-t*60)
		})
	case SoundWhiff:
		n := noise(1)
		mono = tone(0.14, func(t, p float64) float64 { return 0.35 * n() * math.Sin(math.Pi*p) })
		lowpass(mono, 0.15)
	case SoundDrop:
		n := noise(2)
		mono = tone(0.3, func(t, p float64) float64 {
			f := 95 - 45*p
			return (0.9*math.Sin(2*math.Pi*f*t) + 0.3*n()) * math.Exp(-t*12)
		})
		lowpass(mono, 0.2)
	case SoundRollback:
		mono = sweep(0.35, 900, 250, 0.5)
	case SoundCash:
		mono = mix(tone(0.32, func(t, p float64) float64 {
			return 0.45 * math.Sin(2*math.Pi*1319*t) * math.Exp(-t*14)
		}), delay(tone(0.3, func(t, p float64) float64 {
			return 0.45 * math.Sin(2*math.Pi*1760*t) * math.Exp(-t*12)
		}), 0.08))
	case SoundPager:
		mono = tone(0.66, func(t, p float64) float64 {
			k := int(t / 0.11)
			if k%2 == 1 {
				return 0 // gaps between beeps
			}
			f := 2000.0
			if k%4 == 2 {
				f = 1600
			}
			return 0.35 * square(f*t)
		})
		lowpass(mono, 0.35)
	case SoundComplaint:
		mono = tone(0.8, func(t, p float64) float64 {
			if math.Mod(t, 0.4) > 0.3 {
				return 0
			}
			return 0.3 * (math.Sin(2*math.Pi*440*t) + math.Sin(2*math.Pi*480*t))
		})
	case SoundRelease:
		mono = sweep(0.18, 300, 900, 0.35)
	case SoundClick:
		mono = tone(0.03, func(t, p float64) float64 {
			return 0.4 * math.Sin(2*math.Pi*1200*t) * (1 - p)
		})
	case SoundMonthEnd:
		var parts [][]float64
		for i, f := range []float64{523.25, 659.25, 783.99, 1046.5} {
			parts = append(parts, delay(tone(0.3, func(t, p float64) float64 {
				return 0.3 * math.Sin(2*math.Pi*f*t) * math.Exp(-t*8)
			}), 0.09*float64(i)))
		}
		mono = mix(parts...)
	case SoundRequest:
		// A doorbell: high then low, loud enough to be heard over the juggle.
		mono = mix(tone(0.35, func(t, p float64) float64 {
			return 0.45 * math.Sin(2*math.Pi*880*t) * math.Exp(-t*9)
		}), delay(tone(0.45, func(t, p float64) float64 {
			return 0.45 * math.Sin(2*math.Pi*660*t) * math.Exp(-t*7)
		}), 0.16))
	case SoundLesson:
		var parts [][]float64
		for i, f := range []float64{659.25, 783.99, 1318.5} {
			parts = append(parts, delay(tone(0.35, func(t, p float64) float64 {
				return 0.3 * math.Sin(2*math.Pi*f*t) * math.Exp(-t*7)
			}), 0.11*float64(i)))
		}
		mono = mix(parts...)
	case SoundPrompt:
		mono = mix(tone(0.05, func(t, p float64) float64 {
			return 0.35 * math.Sin(2*math.Pi*1500*t) * (1 - p)
		}), delay(tone(0.05, func(t, p float64) float64 {
			return 0.35 * math.Sin(2*math.Pi*1500*t) * (1 - p)
		}), 0.09))
	}
	return stereo16(mono)
}

// tone samples f(t seconds, p progress in [0, 1)) over d seconds, with 3 ms fades at both
// ends so that no sound starts or stops with a click.
func tone(d float64, f func(t, p float64) float64) []float64 {
	n := int(d * SampleRate)
	out := make([]float64, n)
	fade := 0.003 * SampleRate
	for i := range out {
		t := float64(i) / SampleRate
		v := f(t, float64(i)/float64(n))
		v *= math.Min(1, math.Min(float64(i)/fade, float64(n-1-i)/fade))
		out[i] = v
	}
	return out
}

// sweep is a sine whose pitch glides from f0 to f1 Hz over d seconds.
func sweep(d, f0, f1, amp float64) []float64 {
	phase := 0.0
	return tone(d, func(t, p float64) float64 {
		phase += 2 * math.Pi * (f0 + (f1-f0)*p) / SampleRate
		return amp * math.Sin(phase) * (1 - p*0.7)
	})
}

// square is a square wave of the given phase in cycles.
func square(cycles float64) float64 {
	if math.Mod(cycles, 1) < 0.5 {
		return 1
	}
	return -1
}

// noise returns a deterministic white-noise source in [-1, 1] (a 32-bit LCG: the sounds
// are the same on every run and need no random source).
func noise(seed uint32) func() float64 {
	x := seed*2654435761 + 1
	return func() float64 {
		x = x*1664525 + 1013904223
		return float64(int32(x)) / (1 << 31)
	}
}

// lowpass smooths s in place with a one-pole filter of coefficient a in (0, 1].
func lowpass(s []float64, a float64) {
	y := 0.0
	for i, x := range s {
		y += a * (x - y)
		s[i] = y
	}
}

// delay returns s preceded by d seconds of silence.
func delay(s []float64, d float64) []float64 {
	return append(make([]float64, int(d*SampleRate)), s...)
}

// mix adds sounds sample by sample; the result is as long as the longest.
func mix(ss ...[]float64) []float64 {
	n := 0
	for _, s := range ss {
		n = max(n, len(s))
	}
	out := make([]float64, n)
	for _, s := range ss {
		for i, v := range s {
			out[i] += v
		}
	}
	return out
}

// stereo16 clips the samples to [-1, 1] and encodes them as 16-bit stereo PCM.
func stereo16(mono []float64) []byte {
	out := make([]byte, 4*len(mono))
	for i, v := range mono {
		v = math.Max(-1, math.Min(1, v))
		s := uint16(int16(v * 32767))
		out[4*i], out[4*i+1] = byte(s), byte(s>>8)
		out[4*i+2], out[4*i+3] = byte(s), byte(s>>8)
	}
	return out
}
