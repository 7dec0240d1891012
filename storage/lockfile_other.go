//go:build !unix

package storage

import "os"

// flock is a no-op where there is no flock: the one-process rule for SQLite
// is then the operator's to keep.
func flock(*os.File) error { return nil }
