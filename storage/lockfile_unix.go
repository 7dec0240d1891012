//go:build unix

package storage

import (
	"os"
	"syscall"
)

// flock takes an exclusive, non-blocking flock on f: it fails at once if
// another open file holds it, in this process or another.
func flock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
