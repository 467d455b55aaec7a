package replay

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"devopsjuggle/internal/atomicfile"
	"devopsjuggle/internal/fileerr"
	"devopsjuggle/sim"
)

// Error is a problem in a replay file, at a line and a field.
type Error = fileerr.Error

// line is any line after the header.
type line struct {
	T          *int64      `json:"t,omitempty"`
	Role       string      `json:"role,omitempty"`
	Action     string      `json:"action,omitempty"`
	Arg        int32       `json:"arg,omitempty"`
	Checkpoint *int64      `json:"checkpoint,omitempty"`
	End        *int64      `json:"end,omitempty"`
	Hash       string      `json:"hash,omitempty"`
	Complete   *bool       `json:"complete,omitempty"`
	Result     *sim.Result `json:"result,omitempty"`
}

// Encode writes the replay as JSON Lines.
func (r *Replay) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(r.Header); err != nil {
		return err
	}
	c := 0
	checkpoint := func(upTo sim.Tick) error {
		for ; c < len(r.Checkpoints) && r.Checkpoints[c].Tick <= upTo; c++ {
			t := int64(r.Checkpoints[c].Tick)
			if err := enc.Encode(line{Checkpoint: &t, Hash: hexHash(r.Checkpoints[c].Hash)}); err != nil {
				return err
			}
		}
		return nil
	}
	for _, in := range r.Inputs {
		// A checkpoint at tick T is the state after T ticks: before the inputs of tick T.
		if err := checkpoint(in.Tick); err != nil {
			return err
		}
		t := int64(in.Tick)
		if err := enc.Encode(line{T: &t, Role: in.Role.String(), Action: in.Action.String(), Arg: in.Arg}); err != nil {
			return err
		}
	}
	if err := checkpoint(r.End.Tick); err != nil {
		return err
	}
	t, complete := int64(r.End.Tick), r.End.Complete
	res := r.End.Result
	if err := enc.Encode(line{End: &t, Hash: hexHash(r.End.Hash), Complete: &complete, Result: &res}); err != nil {
		return err
	}
	return bw.Flush()
}

func hexHash(h uint64) string { return fmt.Sprintf("%016x", h) }

// WriteFile writes the replay to path through atomicfile: a reader of a regular file sees
// the old file or the whole new one, never half of it (a new file gets mode 0644, a
// replaced one keeps its mode).
func (r *Replay) WriteFile(path string) error {
	return atomicfile.Write(path, r.Encode)
}

// ReadFile reads and checks a replay file; errors are *Error naming the file.
func ReadFile(path string) (*Replay, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := Decode(f)
	var e *Error
	if errors.As(err, &e) {
		e.File = path
	}
	return r, err
}
