//go:build !js

package game

import (
	"io"
	"os"
)

// readSettings reads the settings file.
func readSettings(path string) ([]byte, error) { return os.ReadFile(path) }

// writeSettings writes the settings file whole (writeFile): a crash never leaves a
// half-written file.
func writeSettings(path string, data []byte) error {
	return writeFile(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
