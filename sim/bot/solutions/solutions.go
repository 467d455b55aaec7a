// Package solutions keeps the solved games that sim/bot's equilibrium bot plays: the
// four presets' solutions, shipped with the code (embedded, so the game starts at once),
// and any other config's, cached in the user's cache folder once solved
// (os.UserCacheDir()/devopsjuggle/equilibria, one JSON file per config's key).
//
// It holds data only: sim/bot computes the keys and solves the games. It imports
// nothing but the standard library and internal/atomicfile, so that the game and its
// browser build may link it (where there is no cache folder, only the shipped solutions
// are found).
package solutions

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"devopsjuggle/internal/atomicfile"
)

// Solution is a config's game solved: the equilibrium its roles are taken to play.
type Solution struct {
	// Key identifies the game: a hash of the config (bots' names aside), both roles'
	// strategy spaces, the seeds, the rule and the rules version (sim/bot.GameKey).
	Key string `json:"key"`
	// Name is the config's name (a preset's); Seeds and Months what it was solved over,
	// Rules the rules version.
	Name   string `json:"name"`
	Seeds  string `json:"seeds"`
	Months int    `json:"months"`
	Rules  string `json:"rules"`
	// Dev and Ops are each role's probabilities over its strategies, by name, as exact
	// fractions ("1", "1/3"); a pure strategy has one entry.
	Dev map[string]string `json:"dev"`
	Ops map[string]string `json:"ops"`
	// How says how it was chosen, for people.
	How string `json:"how"`
	// The equilibrium's expected outcomes: each role's mean pay per round, features
	// shipped and uptime (a fraction).
	DevPay  float64 `json:"dev_pay"`
	OpsPay  float64 `json:"ops_pay"`
	Shipped float64 `json:"shipped"`
	Uptime  float64 `json:"uptime"`
}

// ShippedFile is the shipped solutions' file, beside this package's source.
const ShippedFile = "presets.json"

//go:embed presets.json
var shippedJSON []byte

var shipped = sync.OnceValues(func() ([]Solution, error) {
	var s []Solution
	err := json.Unmarshal(shippedJSON, &s)
	return s, err
})

// Shipped returns the solutions shipped with the code, in order.
func Shipped() []Solution {
	s, err := shipped()
	if err != nil {
		panic(fmt.Sprintf("solutions: %s is not valid: %v", ShippedFile, err))
	}
	return s
}

// Encode writes solutions as the shipped file holds them: a JSON array, one solution a
// line.
func Encode(sols []Solution) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, s := range sols {
		line, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		b.Write(line)
		if i < len(sols)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}

// keyPattern is what a key looks like: hex digits only, so that it is a safe file name.
var keyPattern = regexp.MustCompile(`^[0-9a-f]{16,64}$`)

// Lookup finds a game's solution: shipped, else in the cache folder.
func Lookup(key string) (Solution, bool) {
	for _, s := range Shipped() {
		if s.Key == key {
			return s, true
		}
	}
	path, err := cachePath(key)
	if err != nil {
		return Solution{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Solution{}, false
	}
	var s Solution
	if json.Unmarshal(data, &s) != nil || s.Key != key {
		return Solution{}, false // a damaged file is solved again and replaced
	}
	return s, true
}

// ByName returns the shipped solution of a config named name (a preset's), whatever its
// key: the nearest solved game when a config's own is not known (the game's rounds
// differ from the presets' in length or difficulty).
func ByName(name string) (Solution, bool) {
	for _, s := range Shipped() {
		if s.Name == name {
			return s, true
		}
	}
	return Solution{}, false
}

// Store writes a solution to the cache folder, whole or not at all, and returns the
// file's path.
func Store(s Solution) (string, error) {
	path, err := cachePath(s.Key)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return "", err
	}
	return path, atomicfile.WriteFile(path, append(data, '\n'))
}

// cachePath is where a key's solution is cached.
func cachePath(key string) (string, error) {
	if !keyPattern.MatchString(key) {
		return "", fmt.Errorf("solutions: %q is not a key", key)
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	if dir == "" {
		return "", errors.New("solutions: no cache folder")
	}
	return filepath.Join(dir, "devopsjuggle", "equilibria", key+".json"), nil
}
