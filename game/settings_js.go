//go:build js

package game

import (
	"fmt"
	"io/fs"
	"syscall/js"
)

// BrowserSettingsKey is the localStorage entry the browser build keeps its settings in
// (volume, smoothing, key bindings, the last round's choices): the page's origin keeps
// them across reloads, as the settings file does on the desktop.
const BrowserSettingsKey = "devopsjuggle.settings"

// readSettings reads the settings from the page's localStorage entry key; a missing
// entry is fs.ErrNotExist, as a missing file is.
func readSettings(key string) (data []byte, err error) {
	defer catchJS(&err)
	v := js.Global().Get("localStorage").Call("getItem", key)
	if v.IsNull() || v.IsUndefined() {
		return nil, fs.ErrNotExist
	}
	return []byte(v.String()), nil
}

// writeSettings writes the settings to the page's localStorage entry key (one call: the
// browser keeps the old value or the new one).
func writeSettings(key string, data []byte) (err error) {
	defer catchJS(&err)
	js.Global().Get("localStorage").Call("setItem", key, string(data))
	return nil
}

// catchJS turns a JavaScript exception (storage disabled, or full) into an error.
func catchJS(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the browser's storage: %v", r)
	}
}
