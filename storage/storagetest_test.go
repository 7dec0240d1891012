package storage_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// testDB is a database with every store over it.
type testDB struct {
	*storage.DB
	storage.Stores
}

// backend is one database the suite runs on.
type backend struct {
	// driver is storage.Open's driver name.
	driver string
	// fresh returns the DSN of a new, empty database for t.
	fresh func(tb testing.TB) string
}

// backends are the databases every storage test runs on: SQLite in a file
// of the test's own, and PostgreSQL in a schema of its own on the server
// RUNCLUB_TEST_POSTGRES_DSN names (the test fails without one).
var backends = []backend{
	{driver: "sqlite", fresh: func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "runclub.db") }},
	{driver: "postgres", fresh: func(tb testing.TB) string { return pgtest.Schema(tb) }},
}

// forEachDB runs fn once on each backend, as subtests named for the driver.
func forEachDB(t *testing.T, fn func(t *testing.T, b backend)) {
	t.Helper()
	for _, b := range backends {
		t.Run(b.driver, func(t *testing.T) { fn(t, b) })
	}
}

// open opens a fresh, empty database and returns it with its DSN.
func (b backend) open(t testing.TB) (*testDB, string) {
	t.Helper()
	dsn := b.fresh(t)
	return b.reopen(t, dsn), dsn
}

// reopen opens the database at dsn, as a restarted process would.
func (b backend) reopen(t testing.TB, dsn string) *testDB {
	t.Helper()
	db, err := storage.Open(context.Background(), b.driver, dsn, nil)
	if err != nil {
		t.Fatalf("open %s: %v", b.driver, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return &testDB{DB: db, Stores: storage.NewStores(db)}
}

// newMember stores a member known on the console as userID.
func newMember(t testing.TB, db *testDB, userID string) domain.Member {
	t.Helper()
	return newMemberCtx(t, context.Background(), db, userID)
}

// newMemberCtx stores a member with ctx, which may carry a transaction.
func newMemberCtx(t testing.TB, ctx context.Context, db *testDB, userID string) domain.Member {
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
