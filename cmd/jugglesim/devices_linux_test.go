package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// devices returns a null device and a full one (Linux's /dev/null and /dev/full) to
// write outputs to. As root they are private nodes made in a temporary folder, so that
// a jugglesim that wrongly replaced a device would break nothing of the machine's;
// otherwise (no one but root may rename in /dev) the machine's own.
func devices(t *testing.T) (null, full string) {
	t.Helper()
	dir := t.TempDir()
	null, full = filepath.Join(dir, "null"), filepath.Join(dir, "full")
	// Linux's device numbers: 1:3 is null, 1:7 is full.
	if syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3) == nil && syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7) == nil {
		if f, err := os.OpenFile(null, os.O_WRONLY, 0); err == nil { // a folder mounted nodev refuses them
			f.Close()
			return null, full
		}
	}
	return "/dev/null", "/dev/full"
}
