package storage

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// ErrInUse is the kind of error Open returns when another process holds
// the SQLite file: SQLite takes one runclub process, and two would each
// send the morning prompts.
var ErrInUse = errors.New("the SQLite database is in use by another runclub process")

// fileLock is an exclusive lock on the file next to a SQLite database,
// held for as long as the database is open. The operating system lets it
// go when the process ends however it ends, kill -9 included (flock).
type fileLock struct {
	f *os.File
}

// sqlitePath is the file a SQLite DSN names, or "" for an in-memory
// database, which no other process can open.
func sqlitePath(dsn string) string {
	if dsn == "" {
		dsn = "runclub.db"
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if q, err := url.ParseQuery(query); err == nil && q.Get("mode") == "memory" {
		return ""
	}
	if path == "" || path == ":memory:" {
		return ""
	}
	return path
}

// lockSQLite takes the lock next to the database at path (path + ".lock"),
// writing this process's id into it for the message another process gets.
func lockSQLite(path string) (*fileLock, error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open database %s: lock file: %w", path, err)
	}
	if err := flock(f); err != nil {
		holder, _ := os.ReadFile(name)
		_ = f.Close()
		who := "another process"
		if pid, err := strconv.Atoi(strings.TrimSpace(string(holder))); err == nil && pid > 0 {
			who = "process " + strconv.Itoa(pid)
		}
		return nil, fmt.Errorf("open database %s: %w (%s holds %s); stop it first, or run several replicas on PostgreSQL (database.driver: postgres): %w",
			path, ErrInUse, who, name, err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &fileLock{f: f}, nil
}

// release lets the lock go. The file stays: removing it would let a third
// process lock a new file while a second still waits on the old one.
func (l *fileLock) release() error {
	if l == nil {
		return nil
	}
	if err := l.f.Close(); err != nil {
		return fmt.Errorf("release the database lock: %w", err)
	}
	return nil
}
