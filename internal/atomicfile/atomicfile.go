// Package atomicfile writes an output the way the tools people trust do (the outputs of
// jugglesim: replays, post-mortems, charts, scenarios, merged rows), whatever the path
// names:
//
//   - a regular file, or nothing yet: the new contents go to a temporary file in the
//     same folder, which is synced, renamed over path, and the folder synced: a reader
//     sees the old file or the whole new one, never half of it. On any failure path is
//     left as it was and the temporary file is removed. A new file gets mode 0644 (an
//     output is for sharing); a replaced file keeps its mode and, where the process may,
//     its owner.
//   - a symbolic link: written through to the file it points to, as above; the link
//     stays a link (a dangling link's target is created, as the shell's > would).
//   - a device, a FIFO or a socket (/dev/null, a named pipe): written directly, since
//     nothing there can be replaced; write and close errors are returned. A FIFO waits
//     for its reader, as the shell's > does.
//   - one of the process's open descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
//     /proc/self/fd/N on Unix): written through that descriptor, at its offset, as the
//     shell writes `> /dev/stdout`, whether it is a terminal, a pipe or a redirected
//     file (which is neither replaced nor written from its start).
//   - a directory: an error naming path ("is a directory"), and nothing is written.
//
// No file is ever created outside the folder of the file written (the link's target's,
// for a link). The kind of path is looked at just before writing; a path changed by
// someone else between that look and the rename is the caller's race, as with any tool.
//
// It is written here rather than taken from a library: google/renameio, the
// well-kept one, exports nothing on Windows, where the game and jugglesim also run, and
// replaces symbolic links and devices instead of writing through them.
package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// maxLinks bounds the symbolic links followed from one path, as Linux does (ELOOP after
// 40): a loop of links ends in an error, not a hang.
const maxLinks = 40

// Write writes what write writes to path, as the package comment says for each kind of
// path. write's error is returned as it is.
func Write(path string, write func(io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// WriteFile is Write of data.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Pending is an output written but not yet in place: a command with several outputs
// prepares them all and commits them only when every one was written, so that a
// failure leaves none of them. Commit or Discard it.
type Pending struct {
	path, tmp string // the file to replace (a link's target) and the temporary file; "" when done
}

// Prepare writes what write writes for path: to a synced temporary file in path's
// folder when path is a regular file or nothing yet (Commit renames it over path), or
// directly to a device, FIFO or socket (Commit has nothing left to do). On an error
// nothing is left behind.
func Prepare(path string, write func(io.Writer) error) (*Pending, error) {
	target, info, err := resolve(path)
	if fd := descriptor(target); err == nil && fd >= 0 {
		f, err := dupDescriptor(fd, path)
		if err != nil {
			return nil, err
		}
		return &Pending{}, writeClose(f, write)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case info == nil || info.Mode().IsRegular():
		return prepare(target, info, write)
	case info.IsDir():
		return nil, &os.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	}
	return &Pending{}, direct(target, write)
}

// Commit puts the output in place: the rename over the old file, then the folder
// synced. On an error the old file is left as it was.
func (p *Pending) Commit() error {
	if p.tmp == "" {
		return nil
	}
	tmp := p.tmp
	p.tmp = ""
	if err := os.Rename(tmp, p.path); err != nil {
		os.Remove(tmp)
		var le *os.LinkError
		if errors.As(err, &le) {
			return &os.PathError{Op: "rename", Path: p.path, Err: le.Err}
		}
		return err
	}
	return syncDir(filepath.Dir(p.path))
}

// Discard removes an output not committed; after Commit it does nothing.
func (p *Pending) Discard() {
	if p.tmp != "" {
		os.Remove(p.tmp)
		p.tmp = ""
	}
}

// resolve follows symbolic links from path to what they end on, and returns it with its
// info (nil when nothing is there yet).
//
// It stops, with no info, at a path that names an open descriptor (descriptor), whose
// link leads nowhere useful: /dev/stdout's is /proc/self/fd/1, whose is "pipe:[N]" or
// whatever file the descriptor refers to.
func resolve(path string) (string, fs.FileInfo, error) {
	at := path
	for range maxLinks {
		if descriptor(at) >= 0 {
			return at, nil, nil
		}
		info, err := os.Lstat(at)
		if errors.Is(err, fs.ErrNotExist) {
			return at, nil, nil
		}
		if err != nil {
			return "", nil, createError(at, err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return at, info, nil
		}
		link, err := os.Readlink(at)
		if err != nil {
			return "", nil, createError(at, err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(at), link)
		}
		at = link
	}
	return "", nil, &os.PathError{Op: "create", Path: path, Err: syscall.ELOOP}
}

// createError names what went wrong as creating path: the user asked for a file, not
// for an lstat.
func createError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &os.PathError{Op: "create", Path: path, Err: pe.Err}
	}
	return err
}

// prepare writes a regular file (or a new one) for path to a temporary file beside
// it; old is the file it will replace, nil if none.
func prepare(path string, old fs.FileInfo, write func(io.Writer) error) (*Pending, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, createError(path, err) // not the hidden temporary file's name: path's
	}
	fail := func(err error) (*Pending, error) {
		tmp.Close() // a second Close only returns an error, ignored: the write failed already
		os.Remove(tmp.Name())
		return nil, err
	}
	// CreateTemp makes the file private (0600). A file system without modes (FAT, some
	// shares) refuses: the data matter more than the mode.
	mode := fs.FileMode(0o644)
	if old != nil {
		mode = old.Mode().Perm()
		keepOwner(tmp, old)
	}
	_ = tmp.Chmod(mode)
	if err := write(tmp); err != nil {
		return fail(err)
	}
	// js/wasm's file system cannot sync (EINVAL): the rename still makes it whole.
	if err := tmp.Sync(); err != nil && !unsupported(err) {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	return &Pending{path: path, tmp: tmp.Name()}, nil
}

// direct writes to what cannot be replaced: a device, a FIFO, a socket.
func direct(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return writeClose(f, write)
}

// writeClose writes what write writes to f and closes it.
func writeClose(f *os.File, write func(io.Writer) error) error {
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable: until the folder is synced, a crash may lose
// the new name.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // NTFS journals renames; a folder cannot be opened for syncing there
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !unsupported(err) {
		return err
	}
	return nil
}

// unsupported reports whether a sync failed only because the file system cannot sync
// (js/wasm, some network and FUSE file systems).
func unsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.ENOSYS)
}
