package storage_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

func TestTheErrorObserverHearsOfFailuresNotOfExpectedOutcomes(t *testing.T) {
	forEachDB(t, testTheErrorObserverHearsOfFailuresNotOfExpectedOutcomes)
}

func testTheErrorObserverHearsOfFailuresNotOfExpectedOutcomes(t *testing.T, b backend) {
	ctx := context.Background()
	var mu sync.Mutex
	var ops []string
	db, err := storage.Open(ctx, b.driver, b.fresh(t), nil, storage.WithErrorObserver(func(op string, err error) {
		mu.Lock()
		defer mu.Unlock()
		ops = append(ops, op)
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := storage.NewStores(db)
	m := domain.NewMember("Ann", "UTC")
	if err := st.Members.CreateMember(ctx, &m, domain.Identity{Platform: domain.PlatformConsole, UserID: "ann"}); err != nil {
		t.Fatal(err)
	}
	// Expected outcomes: not found, a key taken, a member who is gone.
	_, _ = st.Members.MemberByID(ctx, m.ID+100)
	_ = st.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformConsole, UserID: "ann", MemberID: m.ID})
	_, _, _ = st.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID + 100, Date: day("2026-11-20"), RHR: domain.Ptr(50)})
	if len(ops) != 0 {
		t.Errorf("observed %v for outcomes the domain expects", ops)
	}
	// Failures: a query of a table that is not there, a raw write that breaks a constraint.
	if err := storage.Gorm(db).Raw("SELECT * FROM no_such_table").Scan(&[]int{}).Error; err == nil {
		t.Fatal("a query of a missing table succeeded")
	}
	if _, _, err := st.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: day("2026-11-20"), RHR: domain.Ptr(50), Mood: domain.Ptr(-1 << 40)}); err == nil && b.driver == "postgres" {
		t.Fatal("an out-of-range mood was stored on PostgreSQL")
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"row"} // Raw(…).Scan runs as a row query
	if b.driver == "postgres" {
		want = append(want, "raw") // SQLite stores any integer in an INTEGER column
	}
	if !slices.Equal(ops, want) {
		t.Errorf("observed %v, want %v", ops, want)
	}
}
