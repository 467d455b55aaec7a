package main

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReachable: a hall listening on every interface names addresses students can type
// (never [::] or 0.0.0.0), the room's network first; one listening on one address names it.
func TestReachable(t *testing.T) {
	ips := func(s ...string) []net.IP {
		var out []net.IP
		for _, a := range s {
			out = append(out, net.ParseIP(a))
		}
		return out
	}
	all := &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}
	for _, c := range []struct {
		ln   *net.TCPAddr
		ips  []net.IP
		want []string
	}{
		{all, ips("2001:db8::7", "fe80::1", "127.0.0.1", "203.0.113.9", "192.168.1.20", "fd00::2", "169.254.3.4", "10.0.0.5"),
			[]string{"192.168.1.20:8080", "10.0.0.5:8080", "203.0.113.9:8080", "[fd00::2]:8080", "[2001:db8::7]:8080"}},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 9000}, ips("192.168.1.20", "192.168.1.20"), []string{"192.168.1.20:9000"}},
		{all, ips("::1", "fe80::1"), []string{"127.0.0.1:8080"}},
		{all, nil, []string{"127.0.0.1:8080"}},
		{&net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 8080}, ips("192.168.1.20"), []string{"127.0.0.1:8080"}},
		{&net.TCPAddr{IP: net.ParseIP("192.168.1.20"), Port: 8080}, ips("10.0.0.5"), []string{"192.168.1.20:8080"}},
	} {
		assert.Equal(t, c.want, reachable(c.ln, c.ips), "%v %v", c.ln, c.ips)
	}
}

// TestBanner: the links the hall prints open in a browser and can be typed by students;
// a hall only this machine reaches says how to open it to the room.
func TestBanner(t *testing.T) {
	var b bytes.Buffer
	banner(&b, "SQLite hall.db", []string{"192.168.1.20:8080", "10.0.0.5:8080"})
	assert.Contains(t, b.String(), "instructor: http://192.168.1.20:8080/instructor\n")
	assert.Contains(t, b.String(), "students:   http://192.168.1.20:8080/\n")
	assert.Contains(t, b.String(), "http://10.0.0.5:8080/")
	assert.NotContains(t, b.String(), "only this machine")
	b.Reset()
	banner(&b, "SQLite hall.db", []string{"127.0.0.1:8080"})
	assert.Contains(t, b.String(), "only this machine can open it")
	assert.Contains(t, b.String(), "-addr :8080")
}

// TestRunPrintsUsableLinks: started with -addr :0 (every interface), as make hall
// HALL_ADDR=:8080 starts it, the hall prints no [::] or 0.0.0.0, which no browser opens.
func TestRunPrintsUsableLinks(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, stderr bytes.Buffer
	w := writerFunc(func(b []byte) (int, error) { out.Write(b); cancel(); return len(b), nil })
	err := run(ctx, []string{"-addr", ":0", "-game", dir, "-db", filepath.Join(dir, "h.db")}, w, &stderr)
	require.NoError(t, err, stderr.String())
	assert.Regexp(t, `instructor: http://[^/]+:\d+/instructor`, out.String())
	assert.NotContains(t, out.String(), "[::]")
	assert.NotContains(t, out.String(), "0.0.0.0")
}
