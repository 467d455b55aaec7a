package replay

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"devopsjuggle/sim"
)

// maxLine bounds a line (the header holds the whole config).
const maxLine = 1 << 20

// Decode reads and checks a replay. Every problem is an *Error with the line and field:
// an unknown key, a bad value, inputs out of order, a hash that is not 16 hex digits, a
// missing end line (a truncated file), a config the model refuses.
func Decode(rd io.Reader) (*Replay, error) {
	d := newDecoder(rd)
	if err := d.header(); err != nil {
		return nil, err
	}
	// Bounded by the input: one pass per line.
	for {
		b, ok := d.next()
		if !ok {
			break
		}
		if err := d.line(b); err != nil {
			return nil, err
		}
	}
	if err := d.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, d.fail("", "line longer than %d bytes", maxLine)
		}
		return nil, d.fail("", "%v", err)
	}
	if !d.ended {
		return nil, d.fail("", "no end line: the file is truncated")
	}
	return d.r, nil
}

// decoder is Decode's state: the lines read so far and what they said.
type decoder struct {
	sc    *bufio.Scanner
	n     int // the number of the line read last, from 1
	r     *Replay
	ticks sim.Tick // the round's length, from the header's config
	last  sim.Tick // the tick of the last input
	ended bool     // the end line has been read
}

func newDecoder(rd io.Reader) *decoder {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	return &decoder{sc: sc, r: &Replay{}}
}

// next returns the next line that is not blank.
func (d *decoder) next() ([]byte, bool) {
	for d.sc.Scan() {
		d.n++
		if b := bytes.TrimSpace(d.sc.Bytes()); len(b) > 0 {
			return b, true
		}
	}
	return nil, false
}

// fail returns an *Error about field at the line read last.
func (d *decoder) fail(field, format string, args ...any) error {
	return &Error{Line: d.n, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// header reads the first line: the format, the versions, and a config the model accepts.
func (d *decoder) header() error {
	b, ok := d.next()
	if !ok {
		if err := d.sc.Err(); err != nil {
			return d.fail("", "%v", err)
		}
		return d.fail("", "empty file: not a replay")
	}
	h := &d.r.Header
	if err := strictUnmarshal(b, h); err != nil {
		return d.fail(jsonField(err, "header"), "%s", jsonMsg(err))
	}
	switch {
	case h.Format != Format:
		return d.fail("format", "%q is not %q: not a replay", h.Format, Format)
	case h.FormatVersion != FormatVersion:
		return d.fail("format_version", "version %d; this build reads version %d", h.FormatVersion, FormatVersion)
	case h.RulesVersion != sim.RulesVersion:
		return d.fail("rules_version", "recorded with rules version %q; this build has rules version %q and would not reproduce it", h.RulesVersion, sim.RulesVersion)
	}
	if err := h.Config.Validate(); err != nil {
		var fe *sim.FieldError
		if errors.As(err, &fe) {
			return d.fail("config."+JSONPath(fe.Field), "%v: %s", fe.Value, fe.Why)
		}
		return d.fail("config", "%v", err)
	}
	d.ticks = h.Config.Ticks()
	return nil
}

// line reads a line after the header: an input, a checkpoint or the end.
func (d *decoder) line(b []byte) error {
	if d.ended {
		return d.fail("", "a line after the end line")
	}
	var l line
	if err := strictUnmarshal(b, &l); err != nil {
		return d.fail(jsonField(err, ""), "%s", jsonMsg(err))
	}
	switch {
	case l.T != nil:
		return d.input(&l)
	case l.Checkpoint != nil:
		return d.checkpoint(&l)
	case l.End != nil:
		return d.end(&l)
	}
	return d.fail("", "a line that is neither an input, a checkpoint nor the end")
}

// input reads an input line: in tick order, within the round, an action of its role.
func (d *decoder) input(l *line) error {
	t := sim.Tick(*l.T)
	if t < d.last {
		return d.fail("t", "tick %d comes after tick %d: inputs must be in tick order", t, d.last)
	}
	if t < 0 || t >= d.ticks {
		return d.fail("t", "tick %d is outside the round (0 to %d)", t, d.ticks-1)
	}
	a, err := sim.ParseAction(l.Action)
	if err != nil {
		return d.fail("action", "%v", err)
	}
	role, err := parseRole(l.Role)
	if err != nil {
		return d.fail("role", "%v", err)
	}
	if a.Role() != role {
		return d.fail("role", "%s is an action of %s, not %s", a, a.Role(), role)
	}
	d.last = t
	d.r.Inputs = append(d.r.Inputs, sim.Input{Tick: t, Role: role, Action: a, Arg: l.Arg})
	return nil
}

// checkpoint reads a checkpoint line: the next one due, every CheckpointTicks.
func (d *decoder) checkpoint(l *line) error {
	t := sim.Tick(*l.Checkpoint)
	hash, err := parseHash(l.Hash)
	if err != nil {
		return d.fail("hash", "%v", err)
	}
	cps := d.r.Checkpoints
	// A checkpoint at tick T is the state before the inputs of tick T: it comes after
	// every input of an earlier tick, before those of its own.
	if t <= 0 || t > d.ticks || len(d.r.Inputs) > 0 && t <= d.last || len(cps) > 0 && t <= cps[len(cps)-1].Tick {
		return d.fail("checkpoint", "tick %d out of order", t)
	}
	if want := sim.Tick(len(cps)+1) * CheckpointTicks; t != want {
		return d.fail("checkpoint", "tick %d where the checkpoint of tick %d belongs: a checkpoint line is missing or edited", t, want)
	}
	d.r.Checkpoints = append(cps, Checkpoint{t, hash})
	return nil
}

// end reads the end line: its tick, whether the round was complete, and every
// checkpoint due before it.
func (d *decoder) end(l *line) error {
	t := sim.Tick(*l.End)
	hash, err := parseHash(l.Hash)
	if err != nil {
		return d.fail("hash", "%v", err)
	}
	cps := d.r.Checkpoints
	// The end at tick T is the state after T ticks: the inputs of tick T and later would
	// never be played.
	if len(d.r.Inputs) > 0 && t <= d.last || t > d.ticks || len(cps) > 0 && t < cps[len(cps)-1].Tick {
		return d.fail("end", "tick %d out of order", t)
	}
	if l.Complete == nil || l.Result == nil {
		return d.fail("end", "the end line needs complete and result")
	}
	if *l.Complete != (t == d.ticks) {
		return d.fail("complete", "%v at tick %d of a %d-tick round", *l.Complete, t, d.ticks)
	}
	// A checkpoint every CheckpointTicks before the end; a round that was stopped (not
	// complete) has one at the end's tick too, if it is due there.
	want := int(t / CheckpointTicks)
	if *l.Complete && t%CheckpointTicks == 0 {
		want--
	}
	if len(cps) != want {
		return d.fail("end", "the file has %d of the %d checkpoints before tick %d: a checkpoint line is missing", len(cps), want, t)
	}
	d.r.End = End{Tick: t, Hash: hash, Complete: *l.Complete, Result: *l.Result}
	d.ended = true
	return nil
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
