//go:build unix

package atomicfile

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// descriptor returns the open file descriptor a path names (/dev/stdout, /dev/stderr,
// /dev/fd/N, /proc/self/fd/N), -1 for any other path.
//
// Opening such a path would not do: Linux reopens what the descriptor refers to, so a
// redirected file would be written from its start (or renamed over, losing what the
// program printed to it), and a pipe cannot be opened by its name ("pipe:[N]") at all.
func descriptor(path string) int {
	switch path {
	case "/dev/stdout":
		return 1
	case "/dev/stderr":
		return 2
	}
	for _, dir := range [...]string{"/dev/fd/", "/proc/self/fd/"} {
		if n, ok := strings.CutPrefix(path, dir); ok {
			if v, err := strconv.Atoi(n); err == nil && v >= 0 && n == strconv.Itoa(v) {
				return v
			}
		}
	}
	return -1
}

// dupDescriptor returns a duplicate of descriptor fd (named path) to write through: it
// shares the descriptor's offset, as the shell's `> /dev/stdout` does. The caller closes
// it, which leaves fd open.
func dupDescriptor(fd int, path string) (*os.File, error) {
	dup, err := syscall.Dup(fd)
	if err != nil {
		return nil, &os.PathError{Op: "write", Path: path, Err: err}
	}
	syscall.CloseOnExec(dup)
	return os.NewFile(uintptr(dup), path), nil
}
