package hall

import (
	"net"
	"net/http"
	"strings"
)

// joinAddr is the address, host:port, that students type to reach the hall, as the
// projector and the instructor's page show it: the host the page was opened at, unless
// that is this machine's own name for itself (127.0.0.1, ::1, localhost, 0.0.0.0, [::]),
// which other machines cannot use; then the first of Options.Addrs, the machine's
// address on the room's network.
func (s *Server) joinAddr(r *http.Request) string {
	if len(s.opts.Addrs) > 0 && LocalHost(r.Host) {
		return s.opts.Addrs[0]
	}
	return r.Host
}

// LocalHost reports whether a host, or host:port, names only the machine it is typed
// on: a loopback or unspecified address, or localhost. Students cannot type it.
func LocalHost(hostport string) bool {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if h == "" || strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}
