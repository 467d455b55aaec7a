package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
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
	assert.Equal(t, strings.ToLower("write "+dir+": is a directory"), strings.ToLower(err.Error())) // js/wasm: "Is a directory"
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
	null, full := devices(t)
	before, err := os.Stat(null)
	require.NoError(t, err)
	require.NoError(t, WriteFile(null, []byte("gone")))
	after, err := os.Stat(null)
	require.NoError(t, err)
	assert.Equal(t, before.Mode(), after.Mode(), "the null device is still the device")
	assert.True(t, after.Mode()&fs.ModeCharDevice != 0)

	err = WriteFile(full, []byte("no room"))
	assert.ErrorIs(t, err, syscall.ENOSPC, "a failed write is reported")
	assert.Contains(t, err.Error(), full)
	info, err := os.Stat(full)
	require.NoError(t, err)
	assert.True(t, info.Mode()&fs.ModeCharDevice != 0, "the full device is still the device")
	if dir := filepath.Dir(full); dir != "/dev" {
		assert.Equal(t, []string{"full", "null"}, names(t, dir), "nothing beside them")
	}
}

func openWrite(path string) (*os.File, error) { return os.OpenFile(path, os.O_WRONLY, 0) }

// TestPreparedOutputsAppearOnlyOnCommit: a command with two outputs prepares both and
// commits them together; discarded, neither the new file nor a temporary one is left.
func TestPreparedOutputsAppearOnlyOnCommit(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.md")
	require.NoError(t, os.WriteFile(old, []byte("old"), 0o644))
	fresh := filepath.Join(dir, "new.jsonl")
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}

	a, err := Prepare(old, text("replaced"))
	require.NoError(t, err)
	b, err := Prepare(fresh, text("created"))
	require.NoError(t, err)
	assert.Equal(t, "old", read(t, old), "not in place before Commit")
	assert.NoFileExists(t, fresh)
	require.NoError(t, a.Commit())
	require.NoError(t, b.Commit())
	assert.Equal(t, "replaced", read(t, old))
	assert.Equal(t, "created", read(t, fresh))
	a.Discard() // after Commit: nothing to do
	assert.Equal(t, "replaced", read(t, old))

	c, err := Prepare(old, text("never"))
	require.NoError(t, err)
	c.Discard()
	assert.Equal(t, "replaced", read(t, old))
	assert.Equal(t, []string{"new.jsonl", "old.md"}, names(t, dir), "no temporary file")
	assert.NoError(t, c.Commit(), "a discarded output commits nothing")
	assert.Equal(t, "replaced", read(t, old))
}

// TestAFailedRenameLeavesNoTemporaryFile: if the rename fails (here, someone made path
// a folder after Prepare looked), the error names path and the temporary file goes.
func TestAFailedRenameLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	p, err := Prepare(path, func(w io.Writer) error { _, err := io.WriteString(w, "rows"); return err })
	require.NoError(t, err)
	require.NoError(t, os.Mkdir(path, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(path, "inside"), nil, 0o644))
	err = p.Commit()
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "rename "+path+": "), err.Error())
	assert.Equal(t, []string{"out.csv"}, names(t, dir), "no temporary file")
}
