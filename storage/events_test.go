package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

func TestAnEventIsRecordedOnceAndOnlyWithItsTransaction(t *testing.T) {
	forEachDB(t, testAnEventIsRecordedOnce)
}

func testAnEventIsRecordedOnce(t *testing.T, b backend) {
	db, _ := b.open(t)
	ctx := context.Background()
	record := func(ctx context.Context, id string) bool {
		t.Helper()
		first, err := db.Events.RecordEvent(ctx, domain.PlatformTelegram, id)
		if err != nil {
			t.Fatalf("record %s: %v", id, err)
		}
		return first
	}
	boom := errors.New("handler failed")

	// Rolled back with the effect it belongs to: the event is new again.
	err := db.InTx(ctx, func(ctx context.Context) error {
		if !record(ctx, "1") {
			t.Error("a new event was not new")
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v", err)
	}
	// A nested InTx that fails undoes only its own part (a savepoint): the
	// event stays recorded with the outer transaction.
	err = db.InTx(ctx, func(ctx context.Context) error {
		if !record(ctx, "1") {
			t.Error("an event whose transaction rolled back was not new")
		}
		if err := db.InTx(ctx, func(ctx context.Context) error {
			newMemberCtx(t, ctx, db, "inner")
			return boom
		}); !errors.Is(err, boom) {
			t.Errorf("nested InTx = %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if record(ctx, "1") {
		t.Error("a committed event was recorded again")
	}
	if _, err := db.Members.MemberByIdentity(ctx, domain.PlatformConsole, "inner"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("the failed nested transaction's member: %v, want not found", err)
	}
	// The same id on another platform is another event.
	if first, err := db.Events.RecordEvent(ctx, domain.PlatformDiscord, "1"); err != nil || !first {
		t.Errorf("discord event 1 = %v, %v; want new", first, err)
	}
}

func TestPruneEventsForgetsOnlyOldOnes(t *testing.T) {
	forEachDB(t, testPruneEvents)
}

func testPruneEvents(t *testing.T, b backend) {
	db, _ := b.open(t)
	ctx := context.Background()
	now := t0
	db.Now = func() time.Time { return now }
	mustRecord := func(id string) {
		t.Helper()
		if _, err := db.Events.RecordEvent(ctx, domain.PlatformTelegram, id); err != nil {
			t.Fatal(err)
		}
	}
	mustRecord("old")
	now = now.Add(domain.EventRetention)
	mustRecord("new")
	n, err := db.Events.PruneEvents(ctx, now.Add(-time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	for id, wantNew := range map[string]bool{"old": true, "new": false} {
		if first, _ := db.Events.RecordEvent(ctx, domain.PlatformTelegram, id); first != wantNew {
			t.Errorf("after the prune, %s new = %v, want %v", id, first, wantNew)
		}
	}
}

// TestTwoReplicasRecordingTheSameEventAtOnceRecordItOnce opens the database
// twice, as two replicas do, and has both record the same event from
// several transactions at once: exactly one of them finds it new.
func TestTwoReplicasRecordingTheSameEventAtOnceRecordItOnce(t *testing.T) {
	forEachDB(t, func(t *testing.T, b backend) {
		first, dsn := b.open(t)
		replicas := []*testDB{first, first}
		if b.driver == "postgres" {
			// SQLite is one process, one DB; PostgreSQL takes replicas.
			replicas[1] = b.reopen(t, dsn)
		}
		for round := range 5 {
			id := fmt.Sprint("update-", round)
			start := make(chan struct{})
			var wg sync.WaitGroup
			var news atomic.Int32
			for i := range 8 {
				db := replicas[i%2]
				wg.Go(func() {
					<-start
					err := db.InTx(context.Background(), func(ctx context.Context) error {
						isNew, err := db.Events.RecordEvent(ctx, domain.PlatformTelegram, id)
						if isNew {
							news.Add(1)
						}
						return err
					})
					if err != nil {
						t.Errorf("record %s: %v", id, err)
					}
				})
			}
			close(start)
			wg.Wait()
			if n := news.Load(); n != 1 {
				t.Errorf("%s was new to %d transactions, want 1", id, n)
			}
		}
	})
}
