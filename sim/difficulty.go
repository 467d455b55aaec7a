package sim

import "fmt"

// Difficulty is how forgiving the juggle is for the people who play a round. It is
// applied to a Config (Apply), so a round's difficulty is part of its config: a replay
// carries it and reproduces without knowing the name. The game's title screen and
// -difficulty flag, the lecture hall and jugglesim's -difficulty all apply it through
// this one table.
//
// Every difficulty gives people a grace period (GraceTicks, PeopleGraceTicks): after the
// game's 3-second get-ready, the juggler holds the two balls one more second, and the
// first ball lands 1.5 s after the round starts. The presets alone have none: bots need
// no time to settle, and the researchers' rounds start as they always did.
type Difficulty string

// The difficulties.
const (
	// Easy is for a first-timer: a catch window of ±12 ticks (±200 ms) instead of ±7.
	Easy Difficulty = "easy"
	// Normal keeps the config's catch window (the presets': ±7 ticks, ±117 ms).
	Normal Difficulty = "normal"
	// Hard: a catch window of ±4 ticks (±67 ms).
	Hard Difficulty = "hard"
)

// PeopleGraceTicks is the grace period every difficulty gives: one second.
const PeopleGraceTicks Tick = TicksPerSecond

// The difficulties' catch windows.
const (
	easyCatchWindowTicks = 12
	hardCatchWindowTicks = 4
)

// Difficulties lists the difficulties, easiest first.
func Difficulties() []Difficulty { return []Difficulty{Easy, Normal, Hard} }

// ParseDifficulty reads "easy", "normal" or "hard".
func ParseDifficulty(s string) (Difficulty, error) {
	for _, d := range Difficulties() {
		if string(d) == s {
			return d, nil
		}
	}
	return Normal, fmt.Errorf("difficulty %q: want easy, normal or hard", s)
}

// Apply sets the config's juggle to the difficulty: the grace period (at least
// PeopleGraceTicks) and the catch window (easy and hard; normal keeps the config's).
// Flights stay longer than the rules want (two windows for a throw, one for a
// release). It panics on a difficulty that is not one of the constants: parse names
// with ParseDifficulty.
func (d Difficulty) Apply(c *Config) {
	switch d {
	case Easy:
		c.CatchWindowTicks = easyCatchWindowTicks
	case Hard:
		c.CatchWindowTicks = hardCatchWindowTicks
	case Normal:
	default:
		panic(fmt.Sprintf("sim: unknown difficulty %q", string(d)))
	}
	c.GraceTicks = max(c.GraceTicks, PeopleGraceTicks)
	c.FlightTicks = max(c.FlightTicks, 2*c.CatchWindowTicks+1)
	c.ReleaseFlightTicks = max(c.ReleaseFlightTicks, c.CatchWindowTicks+1)
}
