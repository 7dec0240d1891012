package storage_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// testDB is a database with every store over it.
type testDB struct {
	*storage.DB
	storage.Stores
}

// openDB opens a fresh SQLite database file in the test's temporary folder.
func openDB(t *testing.T) (*testDB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "runclub.db")
	return reopen(t, path), path
}

// reopen opens the database file at path, as a restarted process would.
func reopen(t *testing.T, path string) *testDB {
	t.Helper()
	db, err := storage.Open(context.Background(), "sqlite", path, nil)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return &testDB{DB: db, Stores: storage.NewStores(db)}
}

// newMember stores a member known on the console as userID.
func newMember(t *testing.T, db *testDB, userID string) domain.Member {
	t.Helper()
	return newMemberCtx(t, context.Background(), db, userID)
}

// newMemberCtx stores a member with ctx, which may carry a transaction.
func newMemberCtx(t *testing.T, ctx context.Context, db *testDB, userID string) domain.Member {
	t.Helper()
	m := domain.NewMember("Runner "+userID, "Europe/London")
	if err := db.Members.CreateMember(ctx, &m, domain.Identity{Platform: domain.PlatformConsole, UserID: userID}); err != nil {
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
