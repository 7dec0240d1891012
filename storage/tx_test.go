package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// writeEverything writes through every store that writes, as a handler and
// its bookkeeping would inside one transaction, and returns the member it
// created.
func writeEverything(t *testing.T, ctx context.Context, db *testDB) domain.Member {
	t.Helper()
	m := domain.NewMember("Tess", "UTC")
	if err := db.Members.CreateMember(ctx, &m, domain.Identity{Platform: domain.PlatformTelegram, UserID: "tx", ChatID: "tx"}); err != nil {
		t.Fatalf("create member: %v", err)
	}
	// Reads inside the transaction see its writes.
	if _, err := db.Members.MemberByID(ctx, m.ID); err != nil {
		t.Fatalf("the transaction does not see its own member: %v", err)
	}
	if _, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: day("2026-11-20"), RHR: domain.Ptr(50)}); err != nil {
		t.Fatalf("check-in: %v", err)
	}
	if err := db.Runs.CreateRun(ctx, &domain.Run{MemberID: m.ID, Date: day("2026-11-20"), Metres: 10000, Duration: 3000e9, RPE: 5}); err != nil {
		t.Fatalf("run: %v", err)
	}
	c := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-tx", TZ: "UTC"}
	if err := db.Clubs.CreateClub(ctx, &c); err != nil {
		t.Fatalf("club: %v", err)
	}
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: domain.RoleCoach}); err != nil {
		t.Fatalf("club member: %v", err)
	}
	if err := db.Conversations.SaveConversation(ctx, domain.Conversation{MemberID: m.ID, Kind: domain.ConversationCheckIn, Step: domain.StepSleep}); err != nil {
		t.Fatalf("conversation: %v", err)
	}
	ds := []domain.Delivery{{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: day("2026-11-20")}}
	if n, err := db.Deliveries.ClaimDeliveries(ctx, ds); err != nil || n != 1 {
		t.Fatalf("claim: %d, %v", n, err)
	}
	return m
}

// stored counts what writeEverything left in the database, seen from
// outside any transaction.
func stored(t *testing.T, db *testDB) map[string]int {
	t.Helper()
	ctx := context.Background()
	got := map[string]int{}
	m, err := db.Members.MemberByIdentity(ctx, domain.PlatformTelegram, "tx")
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return got
	} else if err != nil {
		t.Fatal(err)
	}
	got["members"] = 1
	cs, _ := db.CheckIns.CheckIns(ctx, m.ID, day("2026-11-20"), day("2026-11-20"))
	rs, _ := db.Runs.Runs(ctx, m.ID, day("2026-11-20"), day("2026-11-20"))
	cms, _ := db.Clubs.MemberClubs(ctx, m.ID)
	ds, _ := db.Deliveries.Deliveries(ctx, day("2026-11-20"))
	got["check-ins"], got["runs"], got["club members"], got["deliveries"] = len(cs), len(rs), len(cms), len(ds)
	if _, err := db.Conversations.Conversation(ctx, m.ID); err == nil {
		got["conversations"] = 1
	}
	if _, err := db.Clubs.ClubByChat(ctx, domain.PlatformTelegram, "-tx"); err == nil {
		got["clubs"] = 1
	}
	return got
}

func TestInTxCommitsEveryStoresWritesTogether(t *testing.T) {
	forEachDB(t, testInTxCommitsEveryStoresWritesTogether)
}

func testInTxCommitsEveryStoresWritesTogether(t *testing.T, b backend) {
	db, _ := b.open(t)
	err := db.InTx(context.Background(), func(ctx context.Context) error {
		writeEverything(t, ctx, db)
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	got := stored(t, db)
	for _, what := range []string{"members", "check-ins", "runs", "clubs", "club members", "conversations", "deliveries"} {
		if got[what] != 1 {
			t.Errorf("%s after a committed transaction: %d, want 1", what, got[what])
		}
	}
}

func TestInTxRollsBackEveryStoresWritesOnError(t *testing.T) {
	forEachDB(t, testInTxRollsBackEveryStoresWritesOnError)
}

func testInTxRollsBackEveryStoresWritesOnError(t *testing.T, b backend) {
	db, _ := b.open(t)
	refused := errors.New("the handler refused")
	err := db.InTx(context.Background(), func(ctx context.Context) error {
		writeEverything(t, ctx, db)
		return refused
	})
	if !errors.Is(err, refused) {
		t.Fatalf("InTx = %v, want fn's error", err)
	}
	if got := stored(t, db); len(got) != 0 {
		t.Errorf("a rolled-back transaction left %v", got)
	}
	// The write lock was given back: a write outside any transaction works.
	newMember(t, db, "after")
}

func TestInTxRollsBackOnPanicAndReleasesTheLock(t *testing.T) {
	forEachDB(t, testInTxRollsBackOnPanicAndReleasesTheLock)
}

func testInTxRollsBackOnPanicAndReleasesTheLock(t *testing.T, b backend) {
	db, _ := b.open(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("InTx swallowed the panic")
			}
		}()
		_ = db.InTx(context.Background(), func(ctx context.Context) error {
			writeEverything(t, ctx, db)
			panic("boom")
		})
	}()
	if got := stored(t, db); len(got) != 0 {
		t.Errorf("a panicking transaction left %v", got)
	}
	newMember(t, db, "after")
}

func TestNestedFailuresUndoOnlyTheirOwnPart(t *testing.T) {
	forEachDB(t, testNestedFailuresUndoOnlyTheirOwnPart)
}

func testNestedFailuresUndoOnlyTheirOwnPart(t *testing.T, b backend) {
	db, _ := b.open(t)
	ctx := context.Background()
	taken := newMember(t, db, "taken")
	err := db.InTx(ctx, func(ctx context.Context) error {
		m := writeEverything(t, ctx, db)
		// A store's write that fails half way (the member row is written,
		// the identity is a duplicate) leaves nothing of itself behind.
		dup := domain.NewMember("Dup", "UTC")
		err := db.Members.CreateMember(ctx, &dup, domain.Identity{Platform: domain.PlatformConsole, UserID: "taken"})
		if domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("duplicate identity: %v, want a conflict", err)
		}
		// A nested InTx that fails is undone; the outer one goes on.
		inner := db.InTx(ctx, func(ctx context.Context) error {
			if err := db.Conversations.DeleteConversation(ctx, m.ID); err != nil {
				return err
			}
			return errors.New("changed my mind")
		})
		if inner == nil {
			t.Error("the nested InTx hid its error")
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	got := stored(t, db)
	if got["members"] != 1 || got["conversations"] != 1 {
		t.Errorf("after the outer commit: %v; want the member and the conversation the nested InTx deleted", got)
	}
	var dups int64
	if err := storage.Gorm(db.DB).Table("members").Where("name = ?", "Dup").Count(&dups).Error; err != nil || dups != 0 {
		t.Errorf("%d half-written duplicate members stored (%v), want 0", dups, err)
	}
	if _, err := db.Members.MemberByID(ctx, taken.ID); err != nil {
		t.Errorf("the member who had the identity first: %v", err)
	}
}

func TestInTxOfOneDatabaseIsNotUsedByAnother(t *testing.T) {
	forEachDB(t, testInTxOfOneDatabaseIsNotUsedByAnother)
}

func testInTxOfOneDatabaseIsNotUsedByAnother(t *testing.T, b backend) {
	one, _ := b.open(t)
	other, _ := b.open(t)
	err := one.InTx(context.Background(), func(ctx context.Context) error {
		// other has its own lock and connection: this neither deadlocks
		// nor writes into one's transaction.
		newMemberCtx(t, ctx, other, "elsewhere")
		return errors.New("roll back one")
	})
	if err == nil {
		t.Fatal("InTx hid fn's error")
	}
	if _, err := other.Members.MemberByIdentity(context.Background(), domain.PlatformConsole, "elsewhere"); err != nil {
		t.Errorf("the other database's write was rolled back with one's transaction: %v", err)
	}
}

func TestConcurrentReadThenWriteTransactionsTakeTurns(t *testing.T) {
	forEachDB(t, testConcurrentReadThenWriteTransactionsTakeTurns)
}

// Eight writers each read a member and write it back one minute longer: on
// PostgreSQL, with no lock between them, a lost update would leave fewer
// than eight minutes added.
func testConcurrentReadThenWriteTransactionsTakeTurns(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	const writers = 8
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.InTx(ctx, func(ctx context.Context) error {
				got, err := db.Members.MemberByID(ctx, m.ID)
				if err != nil {
					return err
				}
				got.WindDownMinutes++
				return db.Members.UpdateMember(ctx, got)
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := db.Members.MemberByID(ctx, m.ID)
	if err != nil || got.WindDownMinutes != m.WindDownMinutes+writers {
		t.Errorf("wind-down = %d (%v), want %d: an update was lost", got.WindDownMinutes, err, m.WindDownMinutes+writers)
	}
}
