// Package hall is the lecture hall's server (cmd/jugglehall, docs/hall.md): a class
// plays the instructor's round in their browsers, each team's replay is re-run by the
// server and stored only if the model reproduces it, and the projector page shows the
// class live. docs/hall.md documents its HTTP API.
//
// A Server keeps nothing of its own that matters: every session, round, team and result
// is in the store, and live updates come from polling the store, so several processes on
// one PostgreSQL database serve one class behind one address.
package hall

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
)

// Options configure a Server.
type Options struct {
	// Pages are the students', instructor's and projector's pages (web/hall).
	Pages fs.FS
	// Game is the browser build of the game (juggle.wasm, its .gz, wasm_exec.js); nil
	// when it is not built: the pages then say how to build it.
	Game fs.FS
	// MaxUploadBytes bounds an upload (413 beyond); 0 for DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// PollInterval is how often live pages' sessions are checked for changes; 0 for
	// DefaultPollInterval.
	PollInterval time.Duration
	// Addrs are where students reach the hall, host:port, best first (jugglehall lists
	// the machine's network addresses when it listens on every interface). A page opened
	// at a loopback address (the instructor's own browser) shows students the first
	// instead; nil shows the page's own host.
	Addrs []string
	// Log receives one line per request that failed on the server's side, and one per
	// refused upload; nil for none.
	Log *slog.Logger
}

// Defaults.
const (
	// DefaultMaxUploadBytes: a 12-month round of two frantic players is under 1 MiB.
	DefaultMaxUploadBytes = 4 << 20
	// DefaultPollInterval keeps the projector within half a second of an upload.
	DefaultPollInterval = 250 * time.Millisecond
)

// Server serves the hall's pages and API.
type Server struct {
	store *store.Store
	opts  Options
	log   *slog.Logger
	hub   *hub
	// verifying bounds the re-runs in progress: each takes a core for a few ms, and a
	// class uploading at once should queue, not hold every body in memory at once.
	verifying chan struct{}
}

// New returns a server on st.
func New(st *store.Store, opts Options) *Server {
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Server{store: st, opts: opts, log: log, hub: newHub(st, opts.PollInterval, log),
		verifying: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	// Pages.
	mux.HandleFunc("GET /{$}", s.page("join.html"))
	mux.HandleFunc("GET /play", s.page("play.html"))
	mux.HandleFunc("GET /instructor", s.page("instructor.html"))
	mux.HandleFunc("GET /projector/{code}", s.projector)
	mux.Handle("GET /hall/", http.StripPrefix("/hall/", noCache(http.FileServerFS(s.opts.Pages))))
	mux.HandleFunc("GET /juggle.wasm", s.gameFile)
	mux.HandleFunc("GET /wasm_exec.js", s.gameFile)
	mux.HandleFunc("GET /healthz", s.health)
	// The API (docs/hall.md).
	mux.HandleFunc("GET /api/options", s.options)
	mux.HandleFunc("POST /api/sessions", s.createSession)
	mux.HandleFunc("GET /api/sessions/{code}", s.getSession)
	mux.HandleFunc("PATCH /api/sessions/{code}", s.instructor(s.patchSession))
	mux.HandleFunc("PUT /api/sessions/{code}/round", s.instructor(s.putRound))
	mux.HandleFunc("PATCH /api/sessions/{code}/round", s.instructor(s.patchRound))
	mux.HandleFunc("POST /api/sessions/{code}/teams", s.join)
	mux.HandleFunc("POST /api/sessions/{code}/replays", s.upload)
	mux.HandleFunc("GET /api/sessions/{code}/state", s.state)
	mux.HandleFunc("GET /api/sessions/{code}/events", s.events)
	mux.HandleFunc("GET /api/sessions/{code}/results/{id}/replay", s.replayFile)
	mux.HandleFunc("GET /api/sessions/{code}/results/{id}/postmortem", s.postMortem)
	mux.HandleFunc("GET /api/sessions/{code}/results.csv", s.resultsCSV)
	mux.HandleFunc("GET /api/sessions/{code}/replays.zip", s.replaysZip)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := allowed(mux, r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, http.StatusMethodNotAllowed, "%s %s: this API takes %s (see docs/hall.md)", r.Method, r.URL.Path, strings.Join(allow, ", "))
			return
		}
		writeError(w, http.StatusNotFound, "no such API: %s %s (see docs/hall.md)", r.Method, r.URL.Path)
	})
	return securityHeaders(mux)
}

// allowed lists the methods that a route other than the API's catch-all serves at r's
// path: a known route asked with another method is 405 with Allow, not 404. (The
// catch-all, which answers JSON, takes every method, so ServeMux's own 405 never comes.)
func allowed(mux *http.ServeMux, r *http.Request) []string {
	var out []string
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "/api/" && pattern != "" {
			out = append(out, m)
		}
	}
	return out
}

// Close stops the live updates.
func (s *Server) Close() { s.hub.close() }

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// page serves one of the pages.
func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(s.opts.Pages, name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

// projector serves the projector's page of a session; 404, a page that says so, for a
// code that is none: a mistyped address shows no empty league that waits forever.
func (s *Server) projector(w http.ResponseWriter, r *http.Request) {
	_, err := s.findSession(r)
	var nf noSession
	if err != nil && !errors.As(err, &nf) {
		s.fail(w, r, err)
		return
	}
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, notFoundPage, html.EscapeString(err.Error()))
		return
	}
	s.page("projector.html")(w, r)
}

// notFoundPage is the projector's page for a code that is none.
const notFoundPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Dev vs Ops: no such session</title><link rel="stylesheet" href="/hall/hall.css"></head>
<body><main><h1>No such session</h1><p>%s.</p><p><a href="/instructor">The instructor's page</a> starts a session and opens its projector page.</p></main></body>
</html>
`

// gameFile serves the browser build, juggle.wasm gzipped to browsers that take it.
func (s *Server) gameFile(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if s.opts.Game == nil {
		writeError(w, http.StatusNotFound, "the browser game is not built: run make web-build (make hall does)")
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	if name == "juggle.wasm" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		if b, err := fs.ReadFile(s.opts.Game, "juggle.wasm.gz"); err == nil {
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(b)
			return
		}
	}
	b, err := fs.ReadFile(s.opts.Game, name)
	if err != nil {
		writeError(w, http.StatusNotFound, "%s is not built: run make web-build (make hall does)", name)
		return
	}
	if name == "juggle.wasm" {
		w.Header().Set("Content-Type", "application/wasm")
	} else {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Write(b)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		writeError(w, http.StatusServiceUnavailable, "the database does not answer: %v", err)
		return
	}
	w.Write([]byte("ok\n"))
}

// apiError is the body of every error the API returns.
type apiError struct {
	Error string `json:"error"`
	// Check names the check an upload failed (422 only).
	Check string `json:"check,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a link's & stays & for someone who copies it from curl
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, apiError{Error: sprintf(format, args...)})
}

// fail answers 500 for an error on the server's side, and logs it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return // the client went away
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "the server could not answer: %v", err)
}

// session looks the path's join code up; it answers 404 (and returns false) if there is
// no such session.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (store.Session, bool) {
	ss, err := s.findSession(r)
	var nf noSession
	switch {
	case errors.As(err, &nf):
		writeError(w, http.StatusNotFound, "%v", err)
		return ss, false
	case err != nil:
		s.fail(w, r, err)
		return ss, false
	}
	return ss, true
}

// noSession is a path's join code that names no session, or is no code: a 404, saying
// which for the person who typed it.
type noSession struct{ error }

// findSession looks the path's join code up, for the API and the projector's page
// alike: a noSession error when there is no such session.
func (s *Server) findSession(r *http.Request) (store.Session, error) {
	code, err := ParseCode(r.PathValue("code"))
	if err != nil {
		return store.Session{}, noSession{err}
	}
	ss, err := s.store.Session(r.Context(), code)
	if errors.Is(err, store.ErrNotFound) {
		return ss, noSession{fmt.Errorf("no session has the join code %s: check it with your instructor", code)}
	}
	return ss, err
}

// instructor wraps a handler of an instructor's action: 401 without a bearer token, 403
// with one that is not the session's.
func (s *Server) instructor(h func(http.ResponseWriter, *http.Request, store.Session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss, ok := s.session(w, r)
		if !ok {
			return
		}
		// The scheme is case-insensitive (RFC 7235): bearer, Bearer and BEARER are one.
		scheme, tok, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		tok = strings.TrimSpace(tok)
		if !strings.EqualFold(scheme, "Bearer") || tok == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="jugglehall"`)
			writeError(w, http.StatusUnauthorized, "this is the instructor's: send the session's instructor token as Authorization: Bearer TOKEN")
			return
		}
		if subtle.ConstantTimeCompare([]byte(hashToken(tok)), []byte(ss.TokenHash)) != 1 {
			writeError(w, http.StatusForbidden, "that is not this session's instructor token")
			return
		}
		h(w, r, ss)
	}
}

// newToken returns an instructor token: 32 random bytes, as 43 URL-safe characters.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return strings.TrimRight(base64URL(b), "=")
}

// hashToken is what the store keeps of a token: a leaked database gives no token.
func hashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}
