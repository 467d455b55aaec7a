package bot

import "syscall"

// threadCPU returns the CPU time the calling thread has used, in nanoseconds. On a
// machine shared with others a benchmark's wall time counts their work too; its thread's
// CPU time counts only its own (cache and core sharing aside).
func threadCPU() (int64, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru) != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
