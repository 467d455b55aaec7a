//go:build js

package game

import (
	"bytes"
	"syscall/js"

	"devopsjuggle/sim/replay"
)

// The lecture hall's game page (web/hall/play.html) starts the game with the
// instructor's round as its command line (Go's argv), and defines
// jugglehall.roundEnded(bytes, complete) before the game starts. The game hands that
// function each round it recorded, as the replay file's bytes, when the round ends; the
// page uploads it to the class server, and keeps it in the browser's storage until the
// server has it. Elsewhere (the desktop, the plain browser page) nothing changes.
func init() {
	hall := js.Global().Get("jugglehall")
	if hall.Type() != js.TypeObject || hall.Get("roundEnded").Type() != js.TypeFunction {
		return
	}
	hallPage = true // hall mode (hall.go): the round is the instructor's
	onRoundEnd = func(r *replay.Replay) {
		var b bytes.Buffer
		if err := r.Encode(&b); err != nil {
			return
		}
		a := js.Global().Get("Uint8Array").New(b.Len())
		js.CopyBytesToJS(a, b.Bytes())
		hall.Call("roundEnded", a, r.End.Complete)
	}
}
