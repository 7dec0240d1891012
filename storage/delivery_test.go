package storage_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

func claim(t *testing.T, db *storage.DB, d domain.Delivery) (domain.Delivery, bool) {
	t.Helper()
	ok, err := db.ClaimDelivery(context.Background(), &d)
	if err != nil {
		t.Fatalf("claim %+v: %v", d, err)
	}
	return d, ok
}

func TestClaimDeliveryOncePerKey(t *testing.T) {
	db, _ := openDB(t)
	m := newMember(t, db, "u1")
	base := domain.Delivery{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: day("2026-11-20"), CreatedAt: t0}
	first, ok := claim(t, db, base)
	if !ok || first.ID == 0 || first.Status != domain.DeliveryPending {
		t.Fatalf("first claim = %+v, %v; want a pending delivery with an id", first, ok)
	}
	if _, ok := claim(t, db, base); ok {
		t.Error("second claim of the same key succeeded")
	}
	others := []domain.Delivery{
		{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: day("2026-11-21")},
		{Kind: domain.DeliveryWindDown, MemberID: m.ID, LocalDate: day("2026-11-20")},
		{Kind: domain.DeliveryWeeklyClub, MemberID: m.ID, ClubID: 7, LocalDate: day("2026-11-20")},
		{Kind: domain.DeliveryWeeklyClub, ClubID: 7, LocalDate: day("2026-11-20")},
	}
	for _, d := range others {
		if _, ok := claim(t, db, d); !ok {
			t.Errorf("claim of a different key %+v refused", d)
		}
	}
	if _, ok := claim(t, db, others[3]); ok {
		t.Error("a club's own delivery (member 0) was claimed twice")
	}
}

func TestConcurrentClaimsHaveOneWinner(t *testing.T) {
	db, _ := openDB(t)
	m := newMember(t, db, "u1")
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			d := domain.Delivery{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: day("2026-11-20")}
			ok, err := db.ClaimDelivery(context.Background(), &d)
			if err != nil {
				t.Errorf("claim: %v", err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d concurrent claims won, want 1", wins.Load())
	}
}

func TestMarkSentFailedAndAbandon(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	m := newMember(t, db, "u1")
	date := day("2026-11-20")
	sent, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	failed, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWindDown, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	old, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyMember, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	fresh, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyClub, MemberID: m.ID, ClubID: 3, LocalDate: date, CreatedAt: t0.Add(time.Hour)})

	if err := db.MarkSent(ctx, t0.Add(time.Second), sent.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkFailed(ctx, failed.ID, "bot blocked"); err != nil {
		t.Fatal(err)
	}
	n, err := db.AbandonPending(ctx, t0.Add(time.Minute), "interrupted")
	if err != nil || n != 1 {
		t.Fatalf("AbandonPending = %d, %v; want 1 (only the old pending one)", n, err)
	}
	if err := db.MarkSent(ctx, t0, 9999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("MarkSent of an unknown id: %v, want not found", err)
	}

	list, err := db.Deliveries(ctx, date)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]domain.Delivery{}
	for _, d := range list {
		got[d.ID] = d
	}
	if d := got[sent.ID]; d.Status != domain.DeliverySent || !d.SentAt.Equal(t0.Add(time.Second)) {
		t.Errorf("sent delivery = %+v", d)
	}
	if d := got[failed.ID]; d.Status != domain.DeliveryFailed || d.Reason != "bot blocked" {
		t.Errorf("failed delivery = %+v", d)
	}
	if d := got[old.ID]; d.Status != domain.DeliveryFailed || d.Reason != "interrupted" {
		t.Errorf("abandoned delivery = %+v", d)
	}
	if d := got[fresh.ID]; d.Status != domain.DeliveryPending {
		t.Errorf("delivery claimed after the cut-off = %+v, want still pending", d)
	}
}

func TestDeliveriesMigrationIsRecorded(t *testing.T) {
	db, _ := openDB(t)
	var n int64
	db.Gorm().Table("schema_migrations").Where("version = 10").Count(&n)
	if n != 1 {
		t.Errorf("migration 10 recorded %d times, want 1", n)
	}
}
