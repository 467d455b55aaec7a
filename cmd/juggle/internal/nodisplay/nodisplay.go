// Package nodisplay lets juggle answer its command line on a machine without a display,
// where ebiten's package initialisation would panic before main runs. cmd/juggle imports
// it for its init alone; it is a package of its own so that cmdline's tests run anywhere.
package nodisplay

import (
	"errors"
	"fmt"
	"os"
	"runtime"

	"devopsjuggle/cmd/juggle/internal/cmdline"
)

// NoDisplay is juggle's message when there is no display to open a window on.
const NoDisplay = "juggle: no display (DISPLAY and WAYLAND_DISPLAY are unset): the game opens a window. " +
	"Run it on a desktop, or under a virtual display (xvfb-run -a juggle ...); juggle -h works anywhere."

// displayMissing reports whether this is an X11 platform (where ebiten uses GLFW) with
// neither an X nor a Wayland display to open a window on.
func displayMissing() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "netbsd", "openbsd", "dragonfly":
		return os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == ""
	}
	return false
}

// init answers the command line when there is no display, before ebiten's own package
// initialisation tries to open one and panics (it does so before main runs). Go
// initialises packages in import-path order whenever their imports allow (the language
// specification, since Go 1.21): this package ("devopsjuggle/...") comes before ebiten
// ("github.com/..."), and its imports are ready by the time ebiten's are.
// TestNoDisplay (cmd/juggle) runs the binary without a display to keep that so.
//
// Without a display, -h prints the usage (status 0), a malformed command line says so
// (status 2), and anything else gets NoDisplay (status 1) instead of a Go panic.
func init() {
	if !displayMissing() {
		return
	}
	_, err := cmdline.Parse(os.Args[1:], os.Stdout)
	var u cmdline.UsageError
	switch {
	case errors.Is(err, cmdline.ErrHelp):
		os.Exit(0)
	case errors.As(err, &u):
		fmt.Fprintln(os.Stderr, "juggle:", err)
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, NoDisplay)
	os.Exit(1)
}
