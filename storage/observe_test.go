package storage_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// failures counts ObserveErrors' reports by operation.
type failures struct {
	mu   sync.Mutex
	byOp map[string]int
}

func (f *failures) failed(op string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byOp[op]++
}

func (f *failures) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.byOp[op]
}

func TestObserveErrorsCountsFailedStatementsNotRefusals(t *testing.T) {
	forEachDB(t, testObserveErrors)
}

func testObserveErrors(t *testing.T, b backend) {
	db, _ := b.open(t)
	f := &failures{byOp: map[string]int{}}
	if err := db.ObserveErrors(f.failed); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := newMember(t, db, "u1")

	// The domain's refusals: not found, and the same identity twice.
	if _, err := db.Members.MemberByID(ctx, m.ID+100); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("MemberByID of a stranger: %v, want not found", err)
	}
	dup := domain.NewMember("Again", "UTC")
	if err := db.Members.CreateMember(ctx, &dup, domain.Identity{Platform: domain.PlatformConsole, UserID: "u1"}); err == nil {
		t.Fatal("the same identity was stored twice")
	}
	if got := f.byOp; len(got) != 0 {
		t.Fatalf("refusals counted as database errors: %v", got)
	}

	// A statement the database cannot run.
	if err := storage.Gorm(db.DB).Exec("UPDATE no_such_table SET x = 1").Error; err == nil {
		t.Fatal("an update of a missing table succeeded")
	}
	if got := f.count(storage.OpRaw); got != 1 {
		t.Errorf("raw errors = %d, want 1", got)
	}
	// The database gone: every store's read fails and is counted.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Members.MemberByID(ctx, m.ID); err == nil {
		t.Fatal("a read after Close succeeded")
	}
	if got := f.count(storage.OpQuery); got != 1 {
		t.Errorf("query errors = %d, want 1 (all: %v)", got, f.byOp)
	}
}

func TestReadyNeedsEveryMigration(t *testing.T) {
	forEachDB(t, testReadyNeedsEveryMigration)
}

func testReadyNeedsEveryMigration(t *testing.T, b backend) {
	db, _ := b.open(t)
	ctx := context.Background()
	if err := db.Ready(ctx); err != nil {
		t.Fatalf("a freshly migrated database is not ready: %v", err)
	}
	if err := storage.Gorm(db.DB).Exec("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Ready(ctx); err == nil || !strings.Contains(err.Error(), "1 of") {
		t.Errorf("Ready with the last migration missing = %v, want it named", err)
	}
	db.Close()
	if err := db.Ready(ctx); err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Errorf("Ready of a closed database = %v, want unreachable", err)
	}
}
