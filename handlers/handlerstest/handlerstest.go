// Package handlerstest builds the real handlers over a real database
// (SQLite, or PostgreSQL through OpenOn) for the tests of the handlers, the
// adapters, the scheduler and the program: the one place for the set-up every end-to-end test needs. It may
// import handlers, storage and domain; production code never imports it.
package handlerstest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/storage"
)

// DB is a database with every store, embedded so that a test reads and
// writes through it as through one repository.
type DB struct {
	// Stores are the same stores by aggregate, for code that takes them so.
	Stores storage.Stores
	*storage.DB
	*storage.MemberStore
	*storage.CheckInStore
	*storage.RunStore
	*storage.ClubStore
	*storage.ConversationStore
	*storage.HistoryStore
	*storage.DeliveryStore
	*storage.ScheduleStore
	*storage.ImportStore
	*storage.ChangeStore
	*storage.StepSkipStore
	*storage.AwayStore
	*storage.LinkStore
	*storage.AlertStore
	*storage.EventStore
}

// Open opens (creating and migrating) the SQLite database at path, closed
// when the test ends; an empty path is a fresh file in t.TempDir().
func Open(t testing.TB, path string) *DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "runclub.db")
	}
	return OpenOn(t, "sqlite", path)
}

// OpenOn opens the database dsn on driver, closed when the test ends: for
// PostgreSQL, dsn is typically storage/pgtest.Schema's fresh schema.
func OpenOn(t testing.TB, driver, dsn string) *DB {
	t.Helper()
	db, err := storage.Open(context.Background(), driver, dsn, nil)
	if err != nil {
		t.Fatalf("open %s: %v", driver, err)
	}
	t.Cleanup(func() { db.Close() })
	st := storage.NewStores(db)
	return &DB{Stores: st, DB: db, MemberStore: st.Members, CheckInStore: st.CheckIns, RunStore: st.Runs, ClubStore: st.Clubs,
		ConversationStore: st.Conversations, HistoryStore: st.History, DeliveryStore: st.Deliveries,
		ScheduleStore: st.Schedule, ImportStore: st.Import, ChangeStore: st.Changes, StepSkipStore: st.StepSkips,
		AwayStore: st.Away, LinkStore: st.Links, AlertStore: st.Alerts, EventStore: st.Events}
}

// Repos are the handlers' repositories over db.
func (db *DB) Repos() handlers.Repos {
	return handlers.Repos{Members: db.MemberStore, CheckIns: db.CheckInStore, Runs: db.RunStore, Clubs: db.ClubStore,
		Conversations: db.ConversationStore, History: db.HistoryStore, Changes: db.ChangeStore, Tx: db.DB, Skips: db.StepSkipStore,
		Memberships: db.ClubStore, Away: db.AwayStore, Links: db.LinkStore, Events: db.EventStore}
}

// Defaults mirror config.example.yaml.
var Defaults = handlers.Defaults{TZ: "UTC", WakeMinute: 390, BedMinute: 1350, WindDownMinutes: 60, WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60}

// New is the real handlers with Defaults over a fresh database, on the
// clock now (time.Now when nil).
func New(t testing.TB, now func() time.Time) (*handlers.Service, *DB) {
	t.Helper()
	if now == nil {
		now = time.Now
	}
	db := Open(t, "")
	return handlers.New(db.Repos(), Defaults, now, nil), db
}
