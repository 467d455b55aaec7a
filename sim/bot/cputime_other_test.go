//go:build !linux

package bot

// threadCPU is not measured here: only Linux tells a thread's CPU time.
func threadCPU() (int64, bool) { return 0, false }
