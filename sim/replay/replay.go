// Package replay reads, writes and checks replays: a round's config, seed and inputs,
// with state hashes along the way, so that anyone can re-run the round and see that it
// comes out the same (docs/model.md, "Determinism, replays and the rules version").
//
// A replay is a JSON Lines file. The first line is the header; then, in tick order, one
// line per input and one checkpoint line every CheckpointTicks; the last line is the end,
// with the final hash and the result:
//
//	{"format":"devopsjuggle-replay","format_version":1,"rules_version":"3",...,"seed":7,"config":{...}}
//	{"t":180,"role":"dev","action":"release"}
//	{"t":211,"role":"ops","action":"approve"}
//	{"checkpoint":600,"hash":"0f3c...."}
//	...
//	{"end":10800,"hash":"279246994c427db5","result":{...}}
package replay

import (
	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// Format and FormatVersion identify the file format.
const (
	Format        = "devopsjuggle-replay"
	FormatVersion = 1
)

// CheckpointTicks is how often a replay records the state hash.
const CheckpointTicks = 600

// Header is the first line of a replay.
type Header struct {
	Format        string     `json:"format"`
	FormatVersion int        `json:"format_version"`
	RulesVersion  string     `json:"rules_version"`
	GameVersion   string     `json:"game_version"`
	Source        string     `json:"source"` // what recorded it: "jugglesim run", "juggle"
	Seed          uint64     `json:"seed"`
	Config        sim.Config `json:"config"`
	// Players says who played each role: "human" or "bot:NAME".
	Players map[string]string `json:"players,omitempty"`
}

// Bots says, for each role (indexed by sim.Role), whether a bot played it: Players names
// "bot" or "bot:NAME". A header that does not say (a replay recorded before it did) has
// none.
func (h *Header) Bots() [2]bool {
	var b [2]bool
	for r, key := range [2]string{"dev", "ops"} {
		b[r] = strategy.IsBotPlayer(h.Players[key])
	}
	return b
}

// Checkpoint is the state hash after Tick ticks.
type Checkpoint struct {
	Tick sim.Tick
	Hash uint64
}

// End is the last line: the hash and result where recording stopped, at the round's end
// (Complete) or earlier, when a game was quit.
type End struct {
	Tick     sim.Tick
	Hash     uint64
	Complete bool
	Result   sim.Result
}

// Replay is a whole replay in memory.
type Replay struct {
	Header      Header
	Inputs      []sim.Input
	Checkpoints []Checkpoint
	End         End
}

// NewHeader returns the header of a replay of cfg with seed, recorded by source.
func NewHeader(cfg sim.Config, seed uint64, source, gameVersion string) Header {
	return Header{
		Format: Format, FormatVersion: FormatVersion, RulesVersion: sim.RulesVersion,
		GameVersion: gameVersion, Source: source, Seed: seed, Config: cfg,
	}
}

// Recorder records a round as it is played.
type Recorder struct {
	Replay Replay
}

// NewRecorder starts recording a round with the given header.
func NewRecorder(h Header) *Recorder {
	return &Recorder{Replay: Replay{Header: h, Inputs: make([]sim.Input, 0, 1024)}}
}

// Step records the inputs a world has just been stepped with, and a checkpoint when one
// is due. Call it after every (*sim.World).Step. Inputs that are not well-formed
// (sim.Input.WellFormed) are left out: the world ignored them, so the replay plays the
// same without them, and Decode would refuse them.
func (r *Recorder) Step(w *sim.World, in []sim.Input) {
	for _, x := range in {
		if x.WellFormed() {
			r.Replay.Inputs = append(r.Replay.Inputs, x)
		}
	}
	if t := w.Tick(); t%CheckpointTicks == 0 && !w.Done() {
		r.Replay.Checkpoints = append(r.Replay.Checkpoints, Checkpoint{t, w.Hash()})
	}
}

// Finish records the end of the round, or of as much as was played.
func (r *Recorder) Finish(w *sim.World) *Replay {
	r.Replay.End = End{Tick: w.Tick(), Hash: w.Hash(), Complete: w.Done(), Result: w.Result()}
	return &r.Replay
}
