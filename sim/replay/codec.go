package replay

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

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

// maxLine bounds a line (the header holds the whole config).
const maxLine = 1 << 20

// Decode reads and checks a replay. Every problem is an *Error with the line and field:
// an unknown key, a bad value, inputs out of order, a hash that is not 16 hex digits, a
// missing end line (a truncated file), a config the model refuses.
func Decode(rd io.Reader) (*Replay, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	n := 0
	next := func() ([]byte, bool) {
		for sc.Scan() {
			n++
			if b := bytes.TrimSpace(sc.Bytes()); len(b) > 0 {
				return b, true
			}
		}
		return nil, false
	}
	fail := func(field, format string, args ...any) (*Replay, error) {
		return nil, &Error{Line: n, Field: field, Msg: fmt.Sprintf(format, args...)}
	}

	b, ok := next()
	if !ok {
		if err := sc.Err(); err != nil {
			return fail("", "%v", err)
		}
		return fail("", "empty file: not a replay")
	}
	r := &Replay{}
	if err := strictUnmarshal(b, &r.Header); err != nil {
		return fail(jsonField(err, "header"), "%s", jsonMsg(err))
	}
	h := &r.Header
	switch {
	case h.Format != Format:
		return fail("format", "%q is not %q: not a replay", h.Format, Format)
	case h.FormatVersion != FormatVersion:
		return fail("format_version", "version %d; this build reads version %d", h.FormatVersion, FormatVersion)
	case h.RulesVersion != sim.RulesVersion:
		return fail("rules_version", "recorded with rules version %q; this build has rules version %q and would not reproduce it", h.RulesVersion, sim.RulesVersion)
	}
	if err := h.Config.Validate(); err != nil {
		var fe *sim.FieldError
		if errors.As(err, &fe) {
			return fail("config."+JSONPath(fe.Field), "%v: %s", fe.Value, fe.Why)
		}
		return fail("config", "%v", err)
	}
	ticks := h.Config.Ticks()

	last := sim.Tick(0)
	ended := false
	for {
		b, ok := next()
		if !ok {
			break
		}
		if ended {
			return fail("", "a line after the end line")
		}
		var l line
		if err := strictUnmarshal(b, &l); err != nil {
			return fail(jsonField(err, ""), "%s", jsonMsg(err))
		}
		switch {
		case l.T != nil:
			t := sim.Tick(*l.T)
			if t < last {
				return fail("t", "tick %d comes after tick %d: inputs must be in tick order", t, last)
			}
			if t < 0 || t >= ticks {
				return fail("t", "tick %d is outside the round (0 to %d)", t, ticks-1)
			}
			a, err := sim.ParseAction(l.Action)
			if err != nil {
				return fail("action", "%v", err)
			}
			role, err := parseRole(l.Role)
			if err != nil {
				return fail("role", "%v", err)
			}
			if a.Role() != role {
				return fail("role", "%s is an action of %s, not %s", a, a.Role(), role)
			}
			last = t
			r.Inputs = append(r.Inputs, sim.Input{Tick: t, Role: role, Action: a, Arg: l.Arg})
		case l.Checkpoint != nil:
			t := sim.Tick(*l.Checkpoint)
			hash, err := parseHash(l.Hash)
			if err != nil {
				return fail("hash", "%v", err)
			}
			// A checkpoint at tick T is the state before the inputs of tick T: it comes
			// after every input of an earlier tick, before those of its own.
			if t <= 0 || t > ticks || len(r.Inputs) > 0 && t <= last || len(r.Checkpoints) > 0 && t <= r.Checkpoints[len(r.Checkpoints)-1].Tick {
				return fail("checkpoint", "tick %d out of order", t)
			}
			if want := sim.Tick(len(r.Checkpoints)+1) * CheckpointTicks; t != want {
				return fail("checkpoint", "tick %d where the checkpoint of tick %d belongs: a checkpoint line is missing or edited", t, want)
			}
			r.Checkpoints = append(r.Checkpoints, Checkpoint{t, hash})
		case l.End != nil:
			t := sim.Tick(*l.End)
			hash, err := parseHash(l.Hash)
			if err != nil {
				return fail("hash", "%v", err)
			}
			// The end at tick T is the state after T ticks: the inputs of tick T and later
			// would never be played.
			if len(r.Inputs) > 0 && t <= last || t > ticks || len(r.Checkpoints) > 0 && t < r.Checkpoints[len(r.Checkpoints)-1].Tick {
				return fail("end", "tick %d out of order", t)
			}
			if l.Complete == nil || l.Result == nil {
				return fail("end", "the end line needs complete and result")
			}
			if *l.Complete != (t == ticks) {
				return fail("complete", "%v at tick %d of a %d-tick round", *l.Complete, t, ticks)
			}
			// A checkpoint every CheckpointTicks before the end; a round that was stopped
			// (not complete) has one at the end's tick too, if it is due there.
			want := int(t / CheckpointTicks)
			if *l.Complete && t%CheckpointTicks == 0 {
				want--
			}
			if len(r.Checkpoints) != want {
				return fail("end", "the file has %d of the %d checkpoints before tick %d: a checkpoint line is missing", len(r.Checkpoints), want, t)
			}
			r.End = End{Tick: t, Hash: hash, Complete: *l.Complete, Result: *l.Result}
			ended = true
		default:
			return fail("", "a line that is neither an input, a checkpoint nor the end")
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fail("", "line longer than %d bytes", maxLine)
		}
		return fail("", "%v", err)
	}
	if !ended {
		return nil, &Error{Line: n, Msg: "no end line: the file is truncated"}
	}
	return r, nil
}

// strictUnmarshal decodes one JSON value and refuses unknown keys and trailing data.
func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// jsonField names the field a decoding error is about, under prefix.
func jsonField(err error, prefix string) string {
	join := func(f string) string {
		if prefix == "" {
			return f
		}
		if f == "" {
			return prefix
		}
		return prefix + "." + f
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return join(te.Field)
	}
	if s := err.Error(); strings.HasPrefix(s, "json: unknown field ") {
		f, _ := strconv.Unquote(strings.TrimPrefix(s, "json: unknown field "))
		return join(f)
	}
	return prefix
}

// jsonMsg rewords a decoding error for people.
func jsonMsg(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("%s is not a %s", te.Value, te.Type)
	case errors.As(err, &se):
		return "not valid JSON: " + se.Error()
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown key"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the line is cut short"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func parseRole(s string) (sim.Role, error) {
	switch s {
	case "dev":
		return sim.Dev, nil
	case "ops":
		return sim.Ops, nil
	}
	return 0, fmt.Errorf("unknown role %q (dev or ops)", s)
}

func parseHash(s string) (uint64, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("%q is not 16 hex digits", s)
	}
	h, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not 16 hex digits", s)
	}
	return h, nil
}

// JSONPath turns a sim.Config field path of Go names ("OpsPay.Tiers[1].Bonus") into the
// JSON keys of a replay header ("ops_pay.tiers[1].bonus").
func JSONPath(goPath string) string {
	t := reflect.TypeOf(sim.Config{})
	var out []string
	for _, part := range strings.Split(goPath, ".") {
		name, index, _ := strings.Cut(part, "[")
		if index != "" {
			index = "[" + index
		}
		for t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		f, ok := t.FieldByName(name)
		if !ok || t.Kind() != reflect.Struct {
			out = append(out, part)
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if key == "" {
			key = name
		}
		out = append(out, key+index)
		t = f.Type
	}
	return strings.Join(out, ".")
}
