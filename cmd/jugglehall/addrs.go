package main

import (
	"cmp"
	"net"
	"slices"
	"strconv"
)

// reachable lists the addresses, host:port, at which students reach a listener on ln,
// best first: ln's own address, or, when ln listens on every interface (":8080"), each
// of ips (the machine's, from interfaceIPs) that another machine can use: IPv4 before
// IPv6, private (the room's network) before public, in the interfaces' order; link-local
// and loopback addresses are left out. The loopback address when nothing else is left:
// a laptop on no network still serves its own browser.
func reachable(ln *net.TCPAddr, ips []net.IP) []string {
	port := strconv.Itoa(ln.Port)
	if !ln.IP.IsUnspecified() {
		return []string{net.JoinHostPort(ln.IP.String(), port)}
	}
	type cand struct {
		ip   net.IP
		rank int
	}
	var cs []cand
	for _, ip := range ips {
		if ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
			continue
		}
		rank := 0
		if ip.To4() == nil {
			rank += 2
		}
		if !ip.IsPrivate() {
			rank++
		}
		cs = append(cs, cand{ip, rank})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(a.rank, b.rank) })
	var out []string
	for _, c := range cs {
		if a := net.JoinHostPort(c.ip.String(), port); !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = []string{net.JoinHostPort("127.0.0.1", port)}
	}
	return out
}

// interfaceIPs lists the addresses of the machine's interfaces that are up and running
// (a bridge with nothing plugged in, docker0 without containers, is not running), in the
// system's order.
func interfaceIPs() []net.IP {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagRunning == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		as, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range as {
			if n, ok := a.(*net.IPNet); ok {
				out = append(out, n.IP)
			}
		}
	}
	return out
}
