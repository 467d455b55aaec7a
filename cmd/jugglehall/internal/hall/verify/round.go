// Package verify decides whether an uploaded replay counts for a class session: it
// re-runs the replay with the headless model and accepts it only when every checkpoint
// hash and the result reproduce, and when the round it plays is one the instructor set
// (docs/hall.md). It imports only the model and the replay format: no database, no
// network, so the class server, its load test and its tests share it.
package verify

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// Difficulty names a difficulty, as the game's title screen and -difficulty do.
type Difficulty string

// The difficulties: sim.Difficulty's, which the game applies too (the catch window and
// the grace before the first throws); the hall's browser test plays an easy round in the
// real game and uploads it, which fails if the two ever disagree.
const (
	Easy   = Difficulty(sim.Easy)
	Normal = Difficulty(sim.Normal)
	Hard   = Difficulty(sim.Hard)
)

// ParseDifficulty reads "easy", "normal" or "hard"; "" is normal.
func ParseDifficulty(s string) (Difficulty, error) {
	switch d := Difficulty(s); d {
	case "":
		return Normal, nil
	case Easy, Normal, Hard:
		return d, nil
	}
	return Normal, fmt.Errorf("difficulty %q: want easy, normal or hard", s)
}

// MaxSeed is the largest seed a round takes: 2^53-1, the largest whole number a
// browser's JavaScript holds exactly. The game page reads the round as JSON, a number,
// and would start the game with a rounded seed: a round no replay of it could match.
const MaxSeed = 1<<53 - 1

// MaxMonths bounds a class round: a lecture has no time for longer ones, and it bounds
// what the server re-runs for one upload.
const MaxMonths = 12

// Round is what an instructor sets for the class to play: it fixes the rules (preset,
// difficulty), the seed and the length. Dev and Ops say who the instructor means to play
// each role ("human", "bot" for the preset's bot, "bot:NAME"); they are the game's
// defaults, not a condition: a team may fill an empty seat with a bot.
type Round struct {
	Preset     string     `json:"preset"`
	Seed       uint64     `json:"seed"`
	Months     int        `json:"months"`
	Difficulty Difficulty `json:"difficulty"`
	Dev        string     `json:"dev"`
	Ops        string     `json:"ops"`
}

// Normalize fills the defaults (normal difficulty, people in both roles) and checks every
// field; the error names the field.
func (r *Round) Normalize() error {
	if _, err := sim.Preset(r.Preset); err != nil {
		return fmt.Errorf("preset: %w", err)
	}
	if r.Seed > MaxSeed {
		return fmt.Errorf("seed %d: the largest is %d (2^53-1): browsers cannot hold a larger one exactly", r.Seed, uint64(MaxSeed))
	}
	if r.Months < 1 || r.Months > MaxMonths {
		return fmt.Errorf("months %d: must be in [1, %d]", r.Months, MaxMonths)
	}
	d, err := ParseDifficulty(string(r.Difficulty))
	if err != nil {
		return err
	}
	r.Difficulty = d
	for _, p := range []struct {
		field string
		v     *string
		role  sim.Role
	}{{"dev", &r.Dev, sim.Dev}, {"ops", &r.Ops, sim.Ops}} {
		if *p.v == "" {
			*p.v = "human"
		}
		if err := CheckPlayer(p.role, *p.v); err != nil {
			return fmt.Errorf("%s: %w", p.field, err)
		}
	}
	return nil
}

// CheckPlayer checks who plays a role: "human", "bot" (the preset's) or "bot:NAME", as
// the game reads it (strategy.ParsePlayer: NAME a scripted bot, one that plays for its
// pay, or a strategy's name). The replay holds every input, bots' too, so the bot's name
// is only a label: the check refuses what the game would not play.
func CheckPlayer(role sim.Role, s string) error {
	_, _, err := strategy.ParsePlayer(role, s)
	return err
}

// Config returns the model's config of the round, with the preset's bots: the config a
// replay of this round carries, but for its bots (who plays is free).
func (r *Round) Config() (sim.Config, error) {
	cfg, err := sim.Preset(r.Preset)
	if err != nil {
		return cfg, err
	}
	cfg.Months = r.Months
	d, err := ParseDifficulty(string(r.Difficulty))
	if err != nil {
		return cfg, err
	}
	sim.Difficulty(d).Apply(&cfg)
	return cfg, cfg.Validate()
}

// Same reports whether two rounds fix the same rules, seed and length.
func (r *Round) Same(o *Round) bool {
	return r.Preset == o.Preset && r.Seed == o.Seed && r.Months == o.Months && r.Difficulty == o.Difficulty
}

// String describes the round for people: "silo, seed 7, 2 months, easy".
func (r *Round) String() string {
	m := "months"
	if r.Months == 1 {
		m = "month"
	}
	return fmt.Sprintf("%s, seed %d, %d %s, %s", r.Preset, r.Seed, r.Months, m, r.Difficulty)
}
