package hall_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall"
	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	hallweb "devopsjuggle/web/hall"
)

// TestJoinAddress: the projector opened from the instructor's own laptop (127.0.0.1,
// localhost, [::1], or the 0.0.0.0 a banner printed) shows students the machine's
// address on the room's network, which they can type; opened at any other host, that
// host, as the instructor typed it.
func TestJoinAddress(t *testing.T) {
	h := hallWith(t, halltest.SQLite(t), hall.Options{Pages: hallweb.Pages, Addrs: []string{"192.168.1.20:8080", "10.8.0.3:8080"}}).Config.Handler
	get := func(method, host, path string) map[string]any {
		req := httptest.NewRequest(method, "http://"+host+path, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		require.Contains(t, []int{http.StatusOK, http.StatusCreated}, w.Code, w.Body.String())
		var v map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v))
		return v
	}
	created := get("POST", "127.0.0.1:8080", "/api/sessions")
	code := created["code"].(string)
	assert.Equal(t, "http://192.168.1.20:8080/?code="+code, created["join_url"], "the link to give students")
	assert.Equal(t, "http://127.0.0.1:8080/projector/"+code, created["projector_url"], "the instructor's own links keep their host")
	for host, want := range map[string]string{
		"127.0.0.1:8080": "192.168.1.20:8080", "localhost:8080": "192.168.1.20:8080", "[::1]:8080": "192.168.1.20:8080",
		"[::]:8080": "192.168.1.20:8080", "0.0.0.0:8080": "192.168.1.20:8080",
		"10.8.0.3:8080": "10.8.0.3:8080", "hall.example.edu": "hall.example.edu",
	} {
		assert.Equal(t, want, get("GET", host, "/api/sessions/"+code)["join"], "session, page at %s", host)
		assert.Equal(t, want, get("GET", host, "/api/sessions/"+code+"/state")["join"], "state, page at %s", host)
	}
}

func TestLocalHost(t *testing.T) {
	for h, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3": true, "localhost": true, "LOCALHOST:80": true, "[::1]:8080": true,
		"[::]:8080": true, "0.0.0.0:8080": true, "": true, "hall.localhost:8080": true,
		"192.168.1.20:8080": false, "my-laptop:8080": false, "[fd00::2]:8080": false,
	} {
		assert.Equal(t, want, hall.LocalHost(h), h)
	}
}
