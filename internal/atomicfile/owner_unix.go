//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the temporary file the owner of the file it replaces, where the
// process may (root may; others may only keep their own group): root writing into a
// user's file must not leave the user a file they cannot write.
func keepOwner(tmp *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid() {
		_ = tmp.Chown(int(st.Uid), int(st.Gid)) // not permitted: the new file is ours, as with any tool
	}
}
