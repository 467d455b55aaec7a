// Package atomicfile writes files that a reader sees whole or not at all: the outputs
// of jugglesim (rows, charts, post-mortems, scenarios) and replays.
//
// It is written here rather than taken from a library: google/renameio, the
// well-kept one, exports nothing on Windows, where the game and jugglesim also run.
package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// Write creates or replaces the file at path with what write writes, through a
// temporary file in the same folder that is synced and renamed over path: a reader sees
// the old file or the whole new one, never half of it, and when write or the file
// system fails, path is left as it was and the temporary file is removed. The file's
// mode is 0644: an output is for sharing.
func Write(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		// The error names the hidden temporary file; the user named path.
		var pe *os.PathError
		if errors.As(err, &pe) {
			return &os.PathError{Op: "create", Path: path, Err: pe.Err}
		}
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing by that name
	// CreateTemp makes the file private (0600). A file system without modes (FAT, some
	// shares) refuses: the data matter more than the mode.
	_ = tmp.Chmod(0o644)
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	// js/wasm's file system cannot sync (EINVAL): the rename still makes it whole.
	if err := tmp.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteFile is Write of data.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
