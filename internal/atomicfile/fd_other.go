//go:build !unix

package atomicfile

import (
	"errors"
	"os"
)

// descriptor: only Unix systems name open descriptors by path (fd_unix.go).
func descriptor(string) int { return -1 }

func dupDescriptor(int, string) (*os.File, error) { return nil, errors.ErrUnsupported }
