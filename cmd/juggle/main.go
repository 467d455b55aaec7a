// Command juggle is the Dev vs Ops game: two players on one keyboard (or a player and a
// bot, or bots for both), readable on a projector. See docs/game.md.
//
//	juggle                                   the title screen
//	juggle -preset devops -seed 7            the same, with the round chosen
//	juggle -autoplay                         bots for both roles (attract mode)
//	juggle -replay FILE                      play a recorded round back
//	juggle -autoplay -quit-after-ticks 600 -screenshot x.png   a scripted run
//
// Exit status: 0 on success, 2 for bad usage or bad input, 1 for other failures.
package main

import (
	"os"

	// First, so that without a display -h still answers (ebiten's initialisation would
	// panic): see nodisplay.
	_ "devopsjuggle/cmd/juggle/internal/nodisplay"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}
