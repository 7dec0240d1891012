package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

func TestAnEventIsRecordedOnceAndOnlyWithItsTransaction(t *testing.T) {
	db, _ := openDB(t)
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
	db, _ := openDB(t)
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
