package hall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

// optionsJSON lists what a round can be made of: GET /api/options.
type optionsJSON struct {
	Presets      []string `json:"presets"`
	Difficulties []string `json:"difficulties"`
	MaxMonths    int      `json:"max_months"`
	DevBots      []string `json:"dev_bots"`
	OpsBots      []string `json:"ops_bots"`
	RulesVersion string   `json:"rules_version"`
}

func (s *Server) options(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, optionsJSON{
		Presets: sim.PresetNames(), Difficulties: []string{string(verify.Easy), string(verify.Normal), string(verify.Hard)},
		MaxMonths: verify.MaxMonths, DevBots: strategy.BotNames(sim.Dev), OpsBots: strategy.BotNames(sim.Ops), RulesVersion: sim.RulesVersion,
	})
}

// createdSession is the answer to POST /api/sessions.
type createdSession struct {
	Code            string `json:"code"`
	InstructorToken string `json:"instructor_token"`
	JoinURL         string `json:"join_url"`
	ProjectorURL    string `json:"projector_url"`
	InstructorURL   string `json:"instructor_url"`
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	tok := newToken()
	// A code taken already is drawn again; with 148 million codes, ten tries always do.
	for range 10 {
		code := NewCode()
		_, err := s.store.CreateSession(r.Context(), code, hashToken(tok))
		if errors.Is(err, store.ErrExists) {
			continue
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		base := baseURL(r)
		writeJSON(w, http.StatusCreated, createdSession{
			Code: code, InstructorToken: tok,
			JoinURL:       scheme(r) + "://" + s.joinAddr(r) + "/?code=" + code,
			ProjectorURL:  base + "/projector/" + code,
			InstructorURL: base + "/instructor#code=" + code + "&token=" + tok,
		})
		return
	}
	s.fail(w, r, errors.New("no free join code after 10 draws"))
}

// baseURL is the address the client used, for links in answers.
func baseURL(r *http.Request) string { return scheme(r) + "://" + r.Host }

func scheme(r *http.Request) string {
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		return "https"
	}
	return "http"
}

// roundJSON is a round in the API.
type roundJSON struct {
	N int `json:"n"`
	verify.Round
	Open bool `json:"open"`
	// Actions are the actions the round's rules have a use for, named as in replays
	// (coach.Used, as the game's own key hints): the game page lists the keys of these
	// only, so approve and reject only with silo's change-request gate, swap only with
	// blue/green releases.
	Actions []string `json:"actions"`
}

func toRoundJSON(r store.Round) roundJSON {
	out := roundJSON{N: r.N, Round: r.Round, Open: r.Open, Actions: []string{}}
	// A stored round was checked when it was set: its config is valid.
	if cfg, err := r.Round.Config(); err == nil {
		used := coach.Used(&cfg)
		for a := sim.ActRelease; a <= sim.ActAcknowledge; a++ {
			if used.Has(a) {
				out.Actions = append(out.Actions, a.String())
			}
		}
	}
	return out
}

// sessionJSON is what GET /api/sessions/{code} and the live events say of a session.
type sessionJSON struct {
	Code string `json:"code"`
	// Join is the address students type (joinAddr), host:port.
	Join   string       `json:"join"`
	Locked bool         `json:"locked"`
	Round  *roundJSON   `json:"round"` // the current round; null before the first
	Rounds []roundJSON  `json:"rounds"`
	Change store.Change `json:"change"`
}

func (s *Server) sessionInfo(r *http.Request, ss store.Session) (sessionJSON, error) {
	out := sessionJSON{Code: ss.Code, Join: s.joinAddr(r), Locked: ss.Locked, Rounds: []roundJSON{}}
	rs, err := s.store.Rounds(r.Context(), ss.ID)
	if err != nil {
		return out, err
	}
	for _, rd := range rs {
		out.Rounds = append(out.Rounds, toRoundJSON(rd))
	}
	if len(rs) > 0 {
		cur := out.Rounds[len(out.Rounds)-1]
		out.Round = &cur
	}
	ch, err := s.store.Changes(r.Context(), []int64{ss.ID})
	out.Change = ch[ss.ID]
	return out, err
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	info, err := s.sessionInfo(r, ss)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// maxJSONBytes bounds a JSON body: the largest the API takes is a round, under 300 bytes.
const maxJSONBytes = 64 << 10

// readJSON decodes a small JSON body strictly: one object of v's fields and nothing after
// it. It answers 400 (413 over maxJSONBytes) and returns false for anything else.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBytes))
	dec.DisallowUnknownFields()
	var tooBig *http.MaxBytesError
	err := dec.Decode(v)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			err = nil
		} else if !errors.As(err, &tooBig) {
			err = errors.New("more after the JSON object: send one object and nothing else")
		}
	}
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than %d bytes: the API's JSON bodies are a few hundred", maxJSONBytes)
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, "the body is not the JSON object wanted: %v (see docs/hall.md)", err)
		return false
	}
	return true
}

func (s *Server) patchSession(w http.ResponseWriter, r *http.Request, ss store.Session) {
	var body struct {
		Locked *bool `json:"locked"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	if body.Locked == nil {
		writeError(w, http.StatusBadRequest, `nothing to change: send {"locked": true} or {"locked": false}`)
		return
	}
	if err := s.store.SetLocked(r.Context(), ss.ID, *body.Locked); err != nil {
		s.fail(w, r, err)
		return
	}
	ss.Locked = *body.Locked
	s.getSessionAs(w, r, ss)
}

func (s *Server) getSessionAs(w http.ResponseWriter, r *http.Request, ss store.Session) {
	info, err := s.sessionInfo(r, ss)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// roundBody is PUT .../round's body. Pointers tell a field left out from a zero: seed 0
// is a seed, and a round set without one would silently be seed 0.
type roundBody struct {
	Preset     *string      `json:"preset"`
	Seed       *json.Number `json:"seed"`
	Months     *int         `json:"months"`
	Difficulty string       `json:"difficulty"`
	Dev        string       `json:"dev"`
	Ops        string       `json:"ops"`
	Open       *bool        `json:"open"`
}

// round reads the body's round; the error names the field.
func (b *roundBody) round() (verify.Round, error) {
	switch {
	case b.Preset == nil:
		return verify.Round{}, errors.New("preset is missing")
	case b.Seed == nil:
		return verify.Round{}, errors.New("seed is missing")
	case b.Months == nil:
		return verify.Round{}, errors.New("months is missing")
	}
	seed, err := strconv.ParseUint(b.Seed.String(), 10, 64)
	if err != nil || seed > verify.MaxSeed {
		return verify.Round{}, fmt.Errorf("seed %s: a seed is a whole number from 0 to %d (2^53-1, the largest a browser holds exactly)", b.Seed, uint64(verify.MaxSeed))
	}
	rd := verify.Round{Preset: *b.Preset, Seed: seed, Months: *b.Months, Difficulty: verify.Difficulty(b.Difficulty), Dev: b.Dev, Ops: b.Ops}
	return rd, rd.Normalize()
}

func (s *Server) putRound(w http.ResponseWriter, r *http.Request, ss store.Session) {
	var body roundBody
	if !readJSON(w, r, &body) {
		return
	}
	rd, err := body.round()
	if err != nil {
		writeError(w, http.StatusBadRequest, "round: %v", err)
		return
	}
	open := body.Open == nil || *body.Open
	cur, err := s.store.SetRound(r.Context(), ss.ID, rd, open)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRoundJSON(cur))
}

func (s *Server) patchRound(w http.ResponseWriter, r *http.Request, ss store.Session) {
	var body struct {
		Open *bool `json:"open"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	if body.Open == nil {
		writeError(w, http.StatusBadRequest, `nothing to change: send {"open": true} or {"open": false}`)
		return
	}
	cur, err := s.store.SetOpen(r.Context(), ss.ID, *body.Open)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusConflict, "the session has no round yet: set one first (PUT .../round)")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRoundJSON(cur))
}

// teamJSON is a team in the API.
type teamJSON struct {
	Name string `json:"name"`
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	var body teamJSON
	if !readJSON(w, r, &body) {
		return
	}
	name, err := NormalizeTeam(body.Name)
	if errors.Is(err, ErrNoTeamName) {
		writeError(w, http.StatusBadRequest, `%v: send {"name": "Blue team"}`, err)
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	team, created, err := s.store.Join(r.Context(), ss.ID, name)
	switch {
	case errors.Is(err, store.ErrLocked):
		writeError(w, http.StatusForbidden, "the instructor has locked joining: ask them to unlock it, or join a team that joined already")
	case err != nil:
		s.fail(w, r, err)
	case created:
		writeJSON(w, http.StatusCreated, teamJSON{team.Name})
	default:
		writeJSON(w, http.StatusOK, teamJSON{team.Name})
	}
}

// uploadJSON is the answer to an upload that counts.
type uploadJSON struct {
	resultJSON
	// Duplicate is set when the team had uploaded this replay before: it counts once.
	Duplicate bool `json:"duplicate"`
}

// resultJSON is a verified round in the API.
type resultJSON struct {
	ID            int64      `json:"id"`
	Team          string     `json:"team"`
	Round         int        `json:"round"`
	Preset        string     `json:"preset"` // the round's preset (the result's may name other bots)
	Dev           string     `json:"dev"`
	Ops           string     `json:"ops"`
	Result        sim.Result `json:"result"`
	ReplayURL     string     `json:"replay_url"`
	PostMortemURL string     `json:"postmortem_url"`
}

// toResultJSON shows a result of a round of preset. Its result's preset is the round's
// too: the model names a preset played with other rules or bots after them
// ("silo+difficulty=normal"), but the round says its difficulty and the result who
// played, so every preset the API, the CSV and the file names show is the plain name.
func toResultJSON(code string, r store.Result, preset string) resultJSON {
	r.Result.Preset = preset
	base := fmt.Sprintf("/api/sessions/%s/results/%d", code, r.ID)
	return resultJSON{ID: r.ID, Team: r.Team, Round: r.Round, Preset: preset, Dev: r.Dev, Ops: r.Ops, Result: r.Result,
		ReplayURL: base + "/replay", PostMortemURL: base + "/postmortem"}
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		s.logRefusal(r, http.StatusNotFound, apiError{Error: "no session has this code"})
		return
	}
	name, err := NormalizeTeam(r.URL.Query().Get("team"))
	if errors.Is(err, ErrNoTeamName) {
		s.refuse(w, r, http.StatusBadRequest, "%v: upload to .../replays?team=NAME", err)
		return
	}
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	limit := s.opts.MaxUploadBytes
	if r.ContentLength > limit {
		s.refuse(w, r, http.StatusRequestEntityTooLarge, "the upload has %d bytes; a replay has at most %d", r.ContentLength, limit)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.refuse(w, r, http.StatusRequestEntityTooLarge, "the upload is larger than %d bytes, the most a replay has", limit)
		return
	}
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "the upload could not be read: %v", err)
		return
	}
	// A team that has not joined joins with its first upload, unless joining is locked:
	// a locked-out team is refused here, before its replay is re-run (AddResult checks
	// again, as it joins the team).
	if ss.Locked {
		_, err := s.store.FindTeam(r.Context(), ss.ID, name)
		if errors.Is(err, store.ErrNotFound) {
			s.refuse(w, r, http.StatusForbidden, "the instructor has locked joining, and no team %q joined before", name)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	rounds, err := s.store.Rounds(r.Context(), ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nr := make([]verify.Numbered, len(rounds))
	for i, rd := range rounds {
		nr[i] = verify.Numbered{N: rd.N, Round: rd.Round}
	}
	select {
	case s.verifying <- struct{}{}:
	case <-r.Context().Done():
		return
	}
	v, err := verify.Verify(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), nr)
	<-s.verifying
	var ve *verify.Error
	if errors.As(err, &ve) {
		e := apiError{Error: ve.Msg, Check: ve.Check}
		s.logRefusal(r, http.StatusUnprocessableEntity, e)
		writeJSON(w, http.StatusUnprocessableEntity, e)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The team joins, if it is new, with the result it stores, and not if it is refused.
	res, created, err := s.store.AddResult(r.Context(), ss.ID, store.Result{
		Team: name, Round: v.Round, Hash: v.Hash, Dev: v.Dev, Ops: v.Ops, Result: v.Result,
	}, v.Canonical, copyOf(v))
	if errors.Is(err, store.ErrLocked) {
		s.refuse(w, r, http.StatusForbidden, "the instructor has locked joining, and no team %q joined before", name)
		return
	}
	var cp *store.CopyError
	if errors.As(err, &cp) {
		s.refuse(w, r, http.StatusConflict, "this round's inputs are, to the tick, those of team %q's upload of round %d (result %d): "+
			"people never play a round the same twice, so one of the two is a copy of the other's file, and it does not count. "+
			"Play the round yourselves (or ask your instructor)", cp.Of.Team, cp.Of.Round, cp.Of.ID)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	writeJSON(w, status, uploadJSON{resultJSON: toResultJSON(ss.Code, res, presets(rounds)[res.Round]), Duplicate: !created})
}

// refuse answers an upload that does not count, formatting its error, and logs it.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, format string, args ...any) {
	e := apiError{Error: sprintf(format, args...)}
	s.logRefusal(r, status, e)
	writeJSON(w, status, e)
}

// logRefusal writes one line on the hall's log per refused upload (docs/hall.md), so that
// the instructor sees a copy, a locked-out team or a broken file as it happens, rather
// than hearing of it from a team.
func (s *Server) logRefusal(r *http.Request, status int, e apiError) {
	attrs := []any{"session", r.PathValue("code"), "team", r.URL.Query().Get("team"), "status", status}
	if e.Check != "" {
		attrs = append(attrs, "check", e.Check)
	}
	s.log.Warn("upload refused", append(attrs, "error", e.Error)...)
}

// copyOf tells a verified upload copied from another team's result of its round: the
// same inputs, tick for tick. People never press the same keys at the same ticks twice,
// so identical inputs with a person in a role are one team's file uploaded by another.
// Bots play the same round the same way every time, so a round where every role was a
// bot, in both uploads, is exempt: every team gets that replay, legitimately. Who played
// is the replays' own word (docs/hall.md): a copy relabelled "bot" still meets the
// original's "human".
func copyOf(v *verify.Verified) store.CopyCheck {
	return func(other store.Result, b []byte) (bool, error) {
		if allBots(v.Dev, v.Ops) && allBots(other.Dev, other.Ops) {
			return false, nil
		}
		rp, err := replay.Decode(bytes.NewReader(b))
		if err != nil {
			return false, fmt.Errorf("stored replay %d: %w", other.ID, err)
		}
		return slices.Equal(rp.Inputs, v.Replay.Inputs), nil
	}
}

// allBots reports whether both roles were played by bots ("bot", "bot:NAME").
func allBots(dev, ops string) bool { return strategy.IsBotPlayer(dev) && strategy.IsBotPlayer(ops) }

// contentDisposition names a download, in ASCII.
func contentDisposition(name string) string {
	safe := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '/' {
			return '_'
		}
		return r
	}, name)
	return `attachment; filename="` + safe + `"`
}
