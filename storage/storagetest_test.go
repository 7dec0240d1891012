package storage_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// openDB opens a fresh SQLite database file in the test's temporary folder.
func openDB(t *testing.T) (*storage.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "runclub.db")
	db, err := storage.Open(context.Background(), "sqlite", path, nil)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, path
}

// newMember stores a member known on the console as userID.
func newMember(t *testing.T, db *storage.DB, userID string) domain.Member {
	t.Helper()
	m := domain.NewMember("Runner "+userID, "Europe/London")
	if err := db.CreateMember(context.Background(), &m, domain.Identity{Platform: domain.PlatformConsole, UserID: userID}); err != nil {
		t.Fatalf("create member: %v", err)
	}
	return m
}

func day(s string) domain.Date {
	d, err := domain.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var t0 = time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC)
