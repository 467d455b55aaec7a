// Package replay reads, writes and checks replays: a round's config, seed and inputs,
// with state hashes along the way, so that anyone can re-run the round and see that it
// comes out the same (DESIGN.md sec. 3.6).
//
// A replay is a JSON Lines file. The first line is the header; then, in tick order, one
// line per input and one checkpoint line every CheckpointTicks; the last line is the end,
// with the final hash and the result:
//
//	{"format":"devopsjuggle-replay","format_version":1,"rules_version":"2",...,"seed":7,"config":{...}}
//	{"t":180,"role":"dev","action":"release"}
//	{"t":211,"role":"ops","action":"approve"}
//	{"checkpoint":600,"hash":"0f3c...."}
//	...
//	{"end":10800,"hash":"279246994c427db5","result":{...}}
package replay

import (
	"fmt"

	"devopsjuggle/sim"
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

// Divergence is where a replay stopped matching the model.
type Divergence struct {
	Tick     sim.Tick // the first checkpoint (or the end) whose hash differs
	LastGood sim.Tick // the last checkpoint that matched, 0 if none
	Want     uint64   // the recorded hash
	Got      uint64   // the hash the model gives
}

// Error says where the replay diverged.
func (d *Divergence) Error() string {
	return fmt.Sprintf("diverges at tick %d: recorded hash %016x, replayed %016x (last match at tick %d)",
		d.Tick, d.Want, d.Got, d.LastGood)
}

// Play re-runs the replay from its header and inputs. It returns the world where it
// stopped, and a *Divergence as the error at the first checkpoint whose hash differs.
// It jumps from one recorded input or checkpoint to the next (sim.World.AdvanceTo).
func (r *Replay) Play() (*sim.World, error) { return r.play(false) }

// PlayTickByTick is Play stepping the world at every tick, the way the game plays a
// replay back: the same world, more slowly.
func (r *Replay) PlayTickByTick() (*sim.World, error) { return r.play(true) }

func (r *Replay) play(tickByTick bool) (*sim.World, error) {
	w := sim.New(r.Header.Config, r.Header.Seed)
	k, c := 0, 0
	lastGood := sim.Tick(0)
	var in []sim.Input
	for w.Tick() < r.End.Tick {
		in = in[:0]
		for ; k < len(r.Inputs) && r.Inputs[k].Tick == w.Tick(); k++ {
			in = append(in, r.Inputs[k])
		}
		if len(in) > 0 || tickByTick {
			w.Step(in)
		} else {
			// Nothing recorded for this tick: on to the next input, checkpoint or the end.
			next := r.End.Tick
			if k < len(r.Inputs) && r.Inputs[k].Tick > w.Tick() {
				next = min(next, r.Inputs[k].Tick)
			}
			if c < len(r.Checkpoints) && r.Checkpoints[c].Tick > w.Tick() {
				next = min(next, r.Checkpoints[c].Tick)
			}
			w.AdvanceTo(next)
		}
		for ; c < len(r.Checkpoints) && r.Checkpoints[c].Tick == w.Tick(); c++ {
			if h := w.Hash(); h != r.Checkpoints[c].Hash {
				return w, &Divergence{Tick: w.Tick(), LastGood: lastGood, Want: r.Checkpoints[c].Hash, Got: h}
			}
			lastGood = w.Tick()
		}
	}
	if h := w.Hash(); h != r.End.Hash {
		return w, &Divergence{Tick: w.Tick(), LastGood: lastGood, Want: r.End.Hash, Got: h}
	}
	return w, nil
}
