package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func hasModes() bool {
	return runtime.GOOS != "windows" && runtime.GOOS != "js" && runtime.GOOS != "wasip1"
}

func TestWriteReplacesWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	require.NoError(t, WriteFile(path, []byte("old\n")))
	if hasModes() {
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "an output is for sharing")
	}

	// A write that fails half-way leaves the old file, and no temporary one.
	failed := errors.New("disk full")
	err := Write(path, func(w io.Writer) error {
		_, _ = w.Write([]byte("half a ro"))
		return failed
	})
	assert.ErrorIs(t, err, failed)
	assert.Equal(t, "old\n", read(t, path))
	assert.Equal(t, []string{"rows.csv"}, names(t, dir), "no temporary file left behind")

	require.NoError(t, WriteFile(path, []byte("new\n")))
	assert.Equal(t, "new\n", read(t, path))
	assert.Equal(t, []string{"rows.csv"}, names(t, dir))
}

func TestWriteKeepsTheModeOfAReplacedFile(t *testing.T) {
	if !hasModes() {
		t.Skip("no Unix modes here")
	}
	path := filepath.Join(t.TempDir(), "private.md")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	require.NoError(t, os.Chmod(path, 0o600)) // whatever the umask
	require.NoError(t, WriteFile(path, []byte("new")))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "a private file stays private")
}

func TestWriteToAMissingFolder(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "x.csv")
	err := WriteFile(missing, []byte("x"))
	assert.ErrorIs(t, err, os.ErrNotExist)
	// The error names the file asked for, not the temporary one.
	assert.True(t, strings.HasPrefix(err.Error(), "create "+missing+": "), err.Error())
	assert.Empty(t, names(t, dir))
}

func TestWriteToADirectoryIsAnError(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	require.NoError(t, os.Mkdir(dir, 0o755))
	err := WriteFile(dir, []byte("x"))
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.EISDIR)
	assert.Equal(t, "write "+dir+": is a directory", err.Error())
	assert.Empty(t, names(t, dir), "nothing written inside it")
	assert.Equal(t, []string{"out"}, names(t, parent), "nor beside it")
	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.True(t, info.IsDir(), "still a directory")
}

func TestWriteThroughASymlink(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("symbolic links need privileges or do not exist here")
	}
	links, targets := t.TempDir(), t.TempDir()
	target := filepath.Join(targets, "real.jsonl")
	require.NoError(t, os.WriteFile(target, []byte("old"), 0o644))
	link := filepath.Join(links, "r.jsonl")
	require.NoError(t, os.Symlink(target, link))
	// A link to a link, relative.
	relLink := filepath.Join(links, "again.jsonl")
	require.NoError(t, os.Symlink("r.jsonl", relLink))

	require.NoError(t, WriteFile(relLink, []byte("new")))
	assert.Equal(t, "new", read(t, target), "the target is written")
	for _, l := range []string{link, relLink} {
		info, err := os.Lstat(l)
		require.NoError(t, err)
		assert.True(t, info.Mode()&fs.ModeSymlink != 0, "%s stays a link", l)
	}
	assert.Equal(t, []string{"again.jsonl", "r.jsonl"}, names(t, links), "no file beside the links")
	assert.Equal(t, []string{"real.jsonl"}, names(t, targets), "no temporary file beside the target")

	// A dangling link: its target is created, as the shell's > does.
	dangling := filepath.Join(links, "new.md")
	require.NoError(t, os.Symlink(filepath.Join(targets, "pm.md"), dangling))
	require.NoError(t, WriteFile(dangling, []byte("pm")))
	assert.Equal(t, "pm", read(t, filepath.Join(targets, "pm.md")))
	info, err := os.Lstat(dangling)
	require.NoError(t, err)
	assert.True(t, info.Mode()&fs.ModeSymlink != 0)

	// A loop of links is an error, not a hang.
	a, b := filepath.Join(links, "a"), filepath.Join(links, "b")
	require.NoError(t, os.Symlink(b, a))
	require.NoError(t, os.Symlink(a, b))
	err = WriteFile(a, []byte("x"))
	assert.ErrorIs(t, err, syscall.ELOOP)
	assert.Contains(t, err.Error(), a)
}

// TestWriteToDevices: a device is written, not replaced; a full one is an error.
func TestWriteToDevices(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/dev/null and /dev/full are Linux's")
	}
	before, err := os.Stat("/dev/null")
	require.NoError(t, err)
	require.NoError(t, WriteFile("/dev/null", []byte("gone")))
	after, err := os.Stat("/dev/null")
	require.NoError(t, err)
	assert.Equal(t, before.Mode(), after.Mode(), "/dev/null is still the device")
	assert.True(t, after.Mode()&fs.ModeCharDevice != 0)

	err = WriteFile("/dev/full", []byte("no room"))
	assert.ErrorIs(t, err, syscall.ENOSPC, "a failed write is reported")
	assert.Contains(t, err.Error(), "/dev/full")
	info, err := os.Stat("/dev/full")
	require.NoError(t, err)
	assert.True(t, info.Mode()&fs.ModeCharDevice != 0, "/dev/full is still the device")
}

func TestWriteToAFIFO(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("no named pipes here")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	require.NoError(t, WriteFile(fifo, []byte("through the pipe")))
	assert.Equal(t, "through the pipe", <-got)
	info, err := os.Lstat(fifo)
	require.NoError(t, err)
	assert.True(t, info.Mode()&fs.ModeNamedPipe != 0, "still a FIFO")
	assert.Equal(t, []string{"pipe"}, names(t, dir))
}

// TestWriteToAReadOnlyFolder: without write permission on the folder, nothing changes
// and the error says why. Root may write anywhere: as root the write succeeds and leaves
// no temporary file, and the child process below checks the refusal as nobody.
func TestWriteToAReadOnlyFolder(t *testing.T) {
	if !hasModes() {
		t.Skip("no Unix permissions here")
	}
	dir := os.Getenv("ATOMICFILE_READONLY_DIR")
	asChild := dir != ""
	if !asChild {
		dir = t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "old.csv"), []byte("old"), 0o666))
		require.NoError(t, os.Chmod(filepath.Join(dir, "old.csv"), 0o666))
		require.NoError(t, os.Chmod(dir, 0o555))
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	}
	path := filepath.Join(dir, "old.csv")
	err := WriteFile(path, []byte("new"))
	if os.Geteuid() == 0 {
		require.NoError(t, err, "root writes in a read-only folder")
		assert.Equal(t, "new", read(t, path))
	} else {
		assert.ErrorIs(t, err, fs.ErrPermission)
		assert.True(t, strings.HasPrefix(err.Error(), "create "+path+": "), err.Error())
		assert.Equal(t, "old", read(t, path), "the old file is kept")
	}
	assert.Equal(t, []string{"old.csv"}, names(t, dir), "no temporary file")
	if asChild || os.Geteuid() != 0 || runtime.GOOS != "linux" {
		return
	}

	// As root, run this test again as nobody: a copy of the test binary in a folder
	// others may enter, holding the read-only folder.
	top, err := os.MkdirTemp("", "atomicfile-nobody-")
	require.NoError(t, err)
	t.Cleanup(func() { os.Chmod(filepath.Join(top, "ro"), 0o755); os.RemoveAll(top) })
	require.NoError(t, os.Chmod(top, 0o755))
	bin, err := os.ReadFile(os.Args[0])
	require.NoError(t, err)
	exe := filepath.Join(top, "atomicfile.test")
	require.NoError(t, os.WriteFile(exe, bin, 0o755))
	ro := filepath.Join(top, "ro")
	require.NoError(t, os.Mkdir(ro, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ro, "old.csv"), []byte("old"), 0o666))
	require.NoError(t, os.Chmod(filepath.Join(ro, "old.csv"), 0o666))
	require.NoError(t, os.Chmod(ro, 0o555))
	cmd := exec.Command(exe, "-test.run=^TestWriteToAReadOnlyFolder$", "-test.count=1", "-test.v")
	cmd.Dir = top
	cmd.Env = append(os.Environ(), "ATOMICFILE_READONLY_DIR="+ro)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOEXEC) { // ENOEXEC: under qemu without binfmt
		t.Skipf("cannot run the test binary as nobody here: %v", err)
	}
	require.NoError(t, err, "as nobody: %s", out)
	assert.Contains(t, string(out), "--- PASS: TestWriteToAReadOnlyFolder")
	assert.Equal(t, "old", read(t, filepath.Join(ro, "old.csv")))
}
