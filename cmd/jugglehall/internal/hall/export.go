package hall

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/sweep"
)

// result looks the path's result up in the session; it answers 404 (and returns false)
// if there is none.
func (s *Server) result(w http.ResponseWriter, r *http.Request) (store.Session, store.Result, bool) {
	ss, ok := s.session(w, r)
	if !ok {
		return ss, store.Result{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusNotFound, "%q is not a result's id", r.PathValue("id"))
		return ss, store.Result{}, false
	}
	res, err := s.store.Result(r.Context(), ss.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "session %s has no result %d", ss.Code, id)
		return ss, res, false
	}
	if err != nil {
		s.fail(w, r, err)
		return ss, res, false
	}
	return ss, res, true
}

// storedReplay is the result the request names and its stored replay file; false when
// it has answered the request itself (an unknown session or result, a store failure).
func (s *Server) storedReplay(w http.ResponseWriter, r *http.Request) (store.Session, store.Result, []byte, bool) {
	ss, res, ok := s.result(w, r)
	if !ok {
		return ss, res, nil, false
	}
	b, err := s.store.Replay(r.Context(), ss.ID, res.ID)
	if err != nil {
		s.fail(w, r, err)
		return ss, res, nil, false
	}
	return ss, res, b, true
}

// replayName names a result's replay file, a round of preset: only letters, digits,
// dots, dashes and underscores (POSIX's portable file names), so that the name is one
// file on Windows, macOS and Linux whatever the team's name.
func replayName(code string, r store.Result, preset string) string {
	return portable(fmt.Sprintf("%s-%d-%s-round%d-%s-seed%d", code, r.ID, r.Team, r.Round, preset, r.Result.Seed)) + ".replay.jsonl"
}

// portable replaces every run of characters outside POSIX's portable file name set
// (A-Z a-z 0-9 . _ -) by one underscore: "Red, "the" team" is Red_the_team.
func portable(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		ok := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
		switch {
		case ok:
			b.WriteRune(r)
			under = r == '_'
		case !under:
			b.WriteByte('_')
			under = true
		}
	}
	return b.String()
}

// presetOf maps a session's rounds' numbers to their presets.
func (s *Server) presetOf(r *http.Request, sessionID int64) (map[int]string, error) {
	rounds, err := s.store.Rounds(r.Context(), sessionID)
	return presets(rounds), err
}

// presets maps rounds' numbers to their presets.
func presets(rounds []store.Round) map[int]string {
	out := make(map[int]string, len(rounds))
	for _, rd := range rounds {
		out[rd.N] = rd.Round.Preset
	}
	return out
}

func (s *Server) replayFile(w http.ResponseWriter, r *http.Request) {
	ss, res, b, ok := s.storedReplay(w, r)
	if !ok {
		return
	}
	presetOf, err := s.presetOf(r, ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Content-Disposition", contentDisposition(replayName(ss.Code, res, presetOf[res.Round])))
	w.Write(b)
}

// postMortem re-runs the stored replay and writes the round's post-mortem (Markdown).
func (s *Server) postMortem(w http.ResponseWriter, r *http.Request) {
	_, res, b, ok := s.storedReplay(w, r)
	if !ok {
		return
	}
	rp, err := replay.Decode(bytes.NewReader(b))
	if err != nil {
		s.fail(w, r, fmt.Errorf("stored replay %d: %w", res.ID, err))
		return
	}
	world, err := rp.Play()
	if err != nil {
		s.fail(w, r, fmt.Errorf("stored replay %d: %w", res.ID, err))
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	// An HTML comment holds no "--": a team named "x --> y" would end it early.
	who := strings.ReplaceAll(fmt.Sprintf("team %s, round %d; dev: %s, ops: %s", res.Team, res.Round, res.Dev, res.Ops), "--", "- -")
	fmt.Fprintf(w, "<!-- %s -->\n", who)
	// What its bots that play for their pay chose (a learner seated against the class):
	// the replay holds their inputs, not their reasons, so they are seated again over it.
	choices := bot.ReplayChoices(rp.Header.Config, rp.Header.Seed, rp.Header.Bots(), rp.Inputs, rp.End.Tick)
	w.Write([]byte(report.PostMortem(world) + report.DecisionsSection(choices)))
}

// resultsCSV writes the session's results in the columns of jugglesim sweep's rows, plus
// the team, its round and who played: the same scripts read both, and jugglesim plot
// draws the class by preset.
func (s *Server) resultsCSV(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	rs, err := s.store.Results(r.Context(), ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	presetOf, err := s.presetOf(r, ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := sweep.NewRoundRows(sweep.CSV, "team", "round", "dev", "ops")
	b := rows.Header()
	for i, res := range rs {
		// The preset column is the round's: jugglesim names a preset played by other bots
		// after them ("silo+ops=cowboy"), and the dev and ops columns say who played.
		res.Result.Preset = presetOf[res.Round]
		b = rows.AppendRow(b, uint64(i+1), &res.Result, res.Team, strconv.Itoa(res.Round), res.Dev, res.Ops)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", contentDisposition("jugglehall-"+ss.Code+".csv"))
	w.Write(b)
}

// replaysZip writes every replay of the session as one zip, one file each.
func (s *Server) replaysZip(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	presetOf, err := s.presetOf(r, ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", contentDisposition("jugglehall-"+ss.Code+"-replays.zip"))
	zw := zip.NewWriter(w)
	err = s.store.EachReplay(r.Context(), ss.ID, func(res store.Result, b []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: replayName(ss.Code, res, presetOf[res.Round]), Method: zip.Deflate, Modified: res.Created.UTC()})
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		return err
	})
	if err != nil {
		// The status is sent; a cut zip does not open, which is the best signal left.
		s.log.Error("replays.zip", "session", ss.Code, "err", err)
		return
	}
	zw.Close()
}
