package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
)

// The checks an upload passes, in order; an *Error names the one that failed.
const (
	CheckFormat       = "format"        // a replay file that decodes (jugglesim run -record writes one)
	CheckRulesVersion = "rules_version" // recorded by a build with this server's rules
	CheckPlayers      = "players"       // who played each role is "human", "bot" or "bot:NAME"
	CheckRound        = "round"         // the preset, seed, months and difficulty of a round the session set
	CheckComplete     = "complete"      // the whole round was played
	CheckCheckpoints  = "checkpoints"   // every state hash reproduces
	CheckResult       = "result"        // the recorded result is the replayed one
)

// Error is an upload that does not count, and why: the check it failed and a message for
// the team that names what to do.
type Error struct {
	Check string `json:"check"`
	Msg   string `json:"error"`
}

func (e *Error) Error() string { return e.Check + ": " + e.Msg }

func fail(check, format string, args ...any) error {
	return &Error{Check: check, Msg: fmt.Sprintf(format, args...)}
}

// Numbered is a round a session set, with its number (1 for the first).
type Numbered struct {
	N     int
	Round Round
}

// Verified is an upload that counts.
type Verified struct {
	Replay *replay.Replay
	World  *sim.World // where the re-run ended: the round's end
	Result sim.Result
	// Round is the number of the session's round it plays: the latest one that matches.
	Round int
	// Canonical is the replay encoded again: what the server stores and serves. Two
	// uploads of one replay give the same bytes, whatever their spacing.
	Canonical []byte
	// Hash is the SHA-256 of Canonical in hex: an upload's identity.
	Hash string
	// Dev and Ops say who played: "human", "bot" or "bot:NAME".
	Dev, Ops string
}

// Verify decodes a replay and re-runs it. It returns an *Error for a replay that does not
// count: one that does not decode, plays no round of rounds (the session's, in any
// order), stops before the round's end, or does not reproduce its state hashes or its
// result.
func Verify(body []byte, rounds []Numbered) (*Verified, error) {
	r, err := replay.Decode(bytes.NewReader(body))
	if err != nil {
		var e *replay.Error
		if errors.As(err, &e) && e.Field == "rules_version" {
			return nil, fail(CheckRulesVersion, "%v: play the round again in this server's game", err)
		}
		if errors.As(err, &e) && e.Line > 0 {
			err = fmt.Errorf("line %d: %w", e.Line, &replay.Error{Field: e.Field, Msg: e.Msg})
		}
		return nil, fail(CheckFormat, "not a replay this server reads: %v", err)
	}
	v := &Verified{Replay: r}
	for _, p := range []struct {
		key  string
		role sim.Role
		dst  *string
	}{{"dev", sim.Dev, &v.Dev}, {"ops", sim.Ops, &v.Ops}} {
		s, ok := r.Header.Players[p.key]
		if !ok {
			s = "unknown"
		} else if err := CheckPlayer(p.role, s); err != nil {
			return nil, fail(CheckPlayers, "players.%s: %v", p.key, err)
		}
		*p.dst = s
	}
	if v.Round, err = match(&r.Header, rounds); err != nil {
		return nil, err
	}
	if !r.End.Complete {
		return nil, fail(CheckComplete, "the round was stopped at tick %d of %d: only whole rounds count", r.End.Tick, r.Header.Config.Ticks())
	}
	// The replay player checks every checkpoint, the end's hash and then its result.
	w, err := r.Play()
	if err != nil {
		var d *replay.Divergence
		switch {
		case errors.As(err, &d) && d.Result != "":
			return nil, fail(CheckResult, "the states match to the end, but the recorded result is not the replayed one (%s): the end line was edited", d.Result)
		case d != nil:
			return nil, fail(CheckCheckpoints, "the model does not reproduce this replay: it %v", d)
		}
		return nil, fail(CheckCheckpoints, "%v", err)
	}
	v.World, v.Result = w, w.Result()
	var buf bytes.Buffer
	if err := r.Encode(&buf); err != nil {
		return nil, err
	}
	v.Canonical = buf.Bytes()
	sum := sha256.Sum256(v.Canonical)
	v.Hash = hex.EncodeToString(sum[:])
	return v, nil
}

// match returns the number of the latest of rounds that the replay's header plays: the
// same seed and the same config but for the bots.
func match(h *replay.Header, rounds []Numbered) (int, error) {
	got := configMap(h.Config)
	var near []string
	for i := len(rounds) - 1; i >= 0; i-- {
		n := &rounds[i]
		cfg, err := n.Round.Config()
		if err != nil {
			continue
		}
		if h.Seed != n.Round.Seed || !isPreset(h.Config.Name, cfg.Name) || h.Config.Months != cfg.Months {
			continue
		}
		want := configMap(cfg)
		if k := firstMapDiff(want, got); k != "" {
			why := fmt.Sprintf("round %d (%s) has %s = %s where the replay has %s", n.N, &n.Round, k, want[k], got[k])
			if k == "catch_window_ticks" || k == "grace_ticks" {
				// The difficulty sets both: a replay jugglesim recorded without it has
				// the preset's window and no grace.
				why += fmt.Sprintf(" (the difficulty: record it with jugglesim run -difficulty %s)", n.Round.Difficulty)
			}
			near = append(near, why)
			continue
		}
		return n.N, nil
	}
	if len(rounds) == 0 {
		return 0, fail(CheckRound, "the instructor has not set a round yet")
	}
	if len(near) > 0 {
		return 0, fail(CheckRound, "the replay plays other rules than the session's round: %s", near[0])
	}
	set := make([]string, len(rounds))
	for i, n := range rounds {
		set[i] = fmt.Sprintf("%d: %s", n.N, &n.Round)
	}
	return 0, fail(CheckRound, "the replay plays %s, seed %d, %d months, which this session never set (its rounds: %s)",
		h.Config.Name, h.Seed, h.Config.Months, strings.Join(set, "; "))
}

// isPreset reports whether a config's name is the preset's: its own, or the name
// jugglesim gives it with other bots ("silo+dev=paced+ops=cowboy").
func isPreset(name, preset string) bool {
	return name == preset || strings.HasPrefix(name, preset+"+")
}

// configMap is a config as its JSON fields, without its name and bots (who plays is
// free, and jugglesim names a preset with other bots after them).
func configMap(c sim.Config) map[string]string {
	b, _ := json.Marshal(c)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	out := make(map[string]string, len(m))
	for k, v := range m {
		if k != "name" && k != "dev_bot" && k != "ops_bot" {
			out[k] = string(v)
		}
	}
	return out
}

// firstMapDiff returns the first key, in sorted order, whose values differ.
func firstMapDiff(a, b map[string]string) string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if a[k] != b[k] {
			return k
		}
	}
	return ""
}
