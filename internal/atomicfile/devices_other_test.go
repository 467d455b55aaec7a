//go:build !linux

package atomicfile

import "testing"

// devices is Linux's: the tests that use it skip elsewhere.
func devices(t *testing.T) (null, full string) { return "/dev/null", "/dev/full" }
