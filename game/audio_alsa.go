//go:build linux && !android

package game

// #cgo pkg-config: alsa
// #include <alsa/asoundlib.h>
//
// static void quiet(const char *file, int line, const char *fn, int err, const char *fmt, ...) {}
//
// static int probe(const char *name) {
//   snd_pcm_t *h;
//   snd_lib_error_set_handler(quiet); // one notice from the game, not ALSA's lines
//   int err = snd_pcm_open(&h, name, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
//   snd_lib_error_set_handler(NULL);
//   if (err < 0) return err;
//   snd_pcm_close(h);
//   return 0;
// }
import "C"

import (
	"fmt"
	"unsafe"
)

// audioDeviceOK opens and closes the ALSA devices ebiten's audio would open first
// ("default", then "plug:default"); an error means none can be opened.
func audioDeviceOK() error {
	var first C.int
	for _, name := range []string{"default", "plug:default"} {
		cs := C.CString(name)
		err := C.probe(cs)
		C.free(unsafe.Pointer(cs))
		if err == 0 {
			return nil
		}
		if first == 0 {
			first = err
		}
	}
	return fmt.Errorf("ALSA: %s", C.GoString(C.snd_strerror(first)))
}
