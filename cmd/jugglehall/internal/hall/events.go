package hall

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
)

// hub tells the live pages of this process when their session changes. It polls the
// store (one query per session watched, every interval), so an upload that another
// process stored reaches every page: the store is the only state. Its map of what was
// last seen is a cache; losing it (a restart) only sends one event more.
type hub struct {
	st       *store.Store
	interval time.Duration
	log      *slog.Logger

	mu      sync.Mutex
	subs    map[int64]map[chan struct{}]bool
	last    map[int64]store.Change
	running bool
	done    chan struct{}
	closed  bool
}

func newHub(st *store.Store, interval time.Duration, log *slog.Logger) *hub {
	return &hub{st: st, interval: interval, log: log, subs: map[int64]map[chan struct{}]bool{},
		last: map[int64]store.Change{}, done: make(chan struct{})}
}

// subscribe returns a channel that receives a signal when the session changes (a
// signal waiting is not doubled: the page reads the latest state anyway), and a function
// to call when done.
func (h *hub) subscribe(id int64) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[id] == nil {
		h.subs[id] = map[chan struct{}]bool{}
	}
	h.subs[id][ch] = true
	if !h.running && !h.closed {
		h.running = true
		go h.loop()
	}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.subs[id], ch)
		if len(h.subs[id]) == 0 {
			delete(h.subs, id)
			delete(h.last, id)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// loop polls while anyone listens; it ends when nobody does.
func (h *hub) loop() {
	t := time.NewTicker(h.interval)
	defer t.Stop()
	for {
		select {
		case <-h.done:
			return
		case <-t.C:
		}
		h.mu.Lock()
		if len(h.subs) == 0 {
			h.running = false
			h.mu.Unlock()
			return
		}
		ids := make([]int64, 0, len(h.subs))
		for id := range h.subs {
			ids = append(ids, id)
		}
		h.mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ch, err := h.st.Changes(ctx, ids)
		cancel()
		if err != nil {
			h.log.Warn("live updates: the store did not answer", "err", err)
			continue
		}
		h.mu.Lock()
		for id, c := range ch {
			if old, ok := h.last[id]; ok && old == c {
				continue
			}
			h.last[id] = c
			for sub := range h.subs[id] {
				select {
				case sub <- struct{}{}:
				default:
				}
			}
		}
		h.mu.Unlock()
	}
}

// heartbeat keeps proxies from closing a quiet event stream.
const heartbeat = 15 * time.Second

// events streams a session's changes as server-sent events: an event "session" with the
// session (sessionJSON) at once and after every change. Browsers reconnect by
// themselves; each connection starts with the current state.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "this server cannot stream")
		return
	}
	changed, done := s.hub.subscribe(ss.ID)
	defer done()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 2000\n\n")
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	var last store.Change
	first := true
	send := func() bool {
		cur, err := s.store.Session(r.Context(), ss.Code)
		if err != nil {
			return false
		}
		info, err := s.sessionInfo(r, cur)
		if err != nil {
			return false
		}
		if !first && info.Change == last && info.Locked == ss.Locked {
			return true
		}
		first, last, ss.Locked = false, info.Change, info.Locked
		b, _ := json.Marshal(info)
		if _, err := fmt.Fprintf(w, "event: session\ndata: %s\n\n", b); err != nil {
			return false
		}
		fl.Flush()
		return true
	}
	if !send() {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-changed:
			if !send() {
				return
			}
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
