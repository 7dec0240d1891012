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

// claim claims d alone, a batch of one.
func claim(t *testing.T, db *testDB, d domain.Delivery) (domain.Delivery, bool) {
	t.Helper()
	ds := []domain.Delivery{d}
	n, err := db.Deliveries.ClaimDeliveries(context.Background(), ds)
	if err != nil {
		t.Fatalf("claim %+v: %v", d, err)
	}
	if (n == 1) != (ds[0].ID != 0) {
		t.Fatalf("claim of %+v counted %d but set id %d", d, n, ds[0].ID)
	}
	return ds[0], n == 1
}

func TestClaimDeliveryOncePerKey(t *testing.T) { forEachDB(t, testClaimDeliveryOncePerKey) }

func testClaimDeliveryOncePerKey(t *testing.T, b backend) {
	db, _ := b.open(t)
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

func TestConcurrentClaimsHaveOneWinner(t *testing.T) { forEachDB(t, testConcurrentClaimsHaveOneWinner) }

func testConcurrentClaimsHaveOneWinner(t *testing.T, b backend) {
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			ds := []domain.Delivery{{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: day("2026-11-20")}}
			n, err := db.Deliveries.ClaimDeliveries(context.Background(), ds)
			if err != nil {
				t.Errorf("claim: %v", err)
			}
			wins.Add(int32(n))
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d concurrent claims won, want 1", wins.Load())
	}
}

func TestMarkSentFailedAndAbandon(t *testing.T) { forEachDB(t, testMarkSentFailedAndAbandon) }

func testMarkSentFailedAndAbandon(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	date := day("2026-11-20")
	sent, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	failed, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWindDown, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	old, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyMember, MemberID: m.ID, LocalDate: date, CreatedAt: t0})
	fresh, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyClub, MemberID: m.ID, ClubID: 3, LocalDate: date, CreatedAt: t0.Add(time.Hour)})

	if err := db.Deliveries.MarkSent(ctx, t0.Add(time.Second), sent.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Deliveries.MarkFailed(ctx, failed.ID, "bot blocked"); err != nil {
		t.Fatal(err)
	}
	n, err := db.Deliveries.AbandonPending(ctx, t0.Add(time.Minute), "interrupted")
	if err != nil || n != 1 {
		t.Fatalf("AbandonPending = %d, %v; want 1 (only the old pending one)", n, err)
	}
	if err := db.Deliveries.MarkSent(ctx, t0, 9999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("MarkSent of an unknown id: %v, want not found", err)
	}

	list, err := db.Deliveries.Deliveries(ctx, date)
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

func TestDeliveriesMigrationIsRecorded(t *testing.T) { forEachDB(t, testDeliveriesMigrationIsRecorded) }

func testDeliveriesMigrationIsRecorded(t *testing.T, b backend) {
	db, _ := b.open(t)
	var n int64
	storage.Gorm(db.DB).Table("schema_migrations").Where("version = 10").Count(&n)
	if n != 1 {
		t.Errorf("migration 10 recorded %d times, want 1", n)
	}
}

func TestClaimDeliveriesClaimsEachFreeKeyOnce(t *testing.T) {
	forEachDB(t, testClaimDeliveriesClaimsEachFreeKeyOnce)
}

func testClaimDeliveriesClaimsEachFreeKeyOnce(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	date := day("2026-11-22")
	taken, _ := claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyMember, MemberID: 3, LocalDate: date, CreatedAt: t0})
	// More rows than one statement takes, one key claimed already, and
	// one key twice in the batch.
	var ds []domain.Delivery
	for m := int64(1); m <= 1200; m++ {
		ds = append(ds, domain.Delivery{Kind: domain.DeliveryWeeklyMember, MemberID: m, LocalDate: date, CreatedAt: t0})
	}
	ds = append(ds, domain.Delivery{Kind: domain.DeliveryWeeklyClub, MemberID: 5, ClubID: 9, LocalDate: date, CreatedAt: t0},
		domain.Delivery{Kind: domain.DeliveryWeeklyClub, MemberID: 5, ClubID: 9, LocalDate: date, CreatedAt: t0})
	n, err := db.Deliveries.ClaimDeliveries(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1200 {
		t.Errorf("claimed %d, want 1200 (1199 members not taken and the club summary once)", n)
	}
	if ds[2].ID != 0 {
		t.Errorf("the key claimed before got id %d in the batch, want 0", ds[2].ID)
	}
	if ds[1200].ID == 0 || ds[1201].ID != 0 {
		t.Errorf("a key twice in one batch: ids %d and %d, want the first claimed only", ds[1200].ID, ds[1201].ID)
	}
	list, err := db.Deliveries.Deliveries(ctx, date)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]domain.Delivery{}
	for _, d := range list {
		stored[d.ID] = d
	}
	if len(stored) != 1201 {
		t.Errorf("%d deliveries stored, want 1201", len(stored))
	}
	for i, d := range ds {
		if d.ID == 0 {
			continue
		}
		s := stored[d.ID]
		if s.Kind != d.Kind || s.MemberID != d.MemberID || s.ClubID != d.ClubID || s.Status != domain.DeliveryPending || d.Status != domain.DeliveryPending {
			t.Fatalf("delivery %d got id %d, which is stored as %+v", i, d.ID, s)
		}
	}
	if s := stored[taken.ID]; s.MemberID != 3 {
		t.Errorf("the earlier claim changed: %+v", s)
	}
	again := []domain.Delivery{ds[0], ds[1]}
	if n, err := db.Deliveries.ClaimDeliveries(ctx, again); err != nil || n != 0 || again[0].ID != 0 {
		t.Errorf("claiming claimed keys again = %d, %v, ids %d; want 0 and no id", n, err, again[0].ID)
	}
}

func TestConcurrentBatchClaimsShareNoKey(t *testing.T) {
	forEachDB(t, testConcurrentBatchClaimsShareNoKey)
}

func testConcurrentBatchClaimsShareNoKey(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	date := day("2026-11-22")
	var wg sync.WaitGroup
	var total atomic.Int32
	owner := make([][]int64, 4)
	for w := range 4 {
		wg.Go(func() {
			// Overlapping batches: worker w asks for members w*50 .. w*50+99.
			var ds []domain.Delivery
			for m := w * 50; m < w*50+100; m++ {
				ds = append(ds, domain.Delivery{Kind: domain.DeliveryMorning, MemberID: int64(m + 1), LocalDate: date})
			}
			n, err := db.Deliveries.ClaimDeliveries(ctx, ds)
			if err != nil {
				t.Errorf("claim: %v", err)
			}
			total.Add(int32(n))
			for _, d := range ds {
				if d.ID != 0 {
					owner[w] = append(owner[w], d.MemberID)
				}
			}
		})
	}
	wg.Wait()
	seen := map[int64]int{}
	for w := range owner {
		for _, m := range owner[w] {
			seen[m]++
		}
	}
	for m, n := range seen {
		if n != 1 {
			t.Errorf("member %d claimed by %d batches", m, n)
		}
	}
	if total.Load() != 250 || len(seen) != 250 {
		t.Errorf("claimed %d keys (%d distinct), want the 250 asked for", total.Load(), len(seen))
	}
}

func TestReleaseDeliveriesFreesOnlyPendingClaims(t *testing.T) {
	forEachDB(t, testReleaseDeliveriesFreesOnlyPendingClaims)
}

func testReleaseDeliveriesFreesOnlyPendingClaims(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	date := day("2026-11-22")
	ds := []domain.Delivery{
		{Kind: domain.DeliveryMorning, MemberID: 1, LocalDate: date, CreatedAt: t0},
		{Kind: domain.DeliveryMorning, MemberID: 2, LocalDate: date, CreatedAt: t0},
	}
	if n, err := db.Deliveries.ClaimDeliveries(ctx, ds); err != nil || n != 2 {
		t.Fatalf("claim = %d, %v", n, err)
	}
	if err := db.Deliveries.MarkSent(ctx, t0, ds[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Deliveries.ReleaseDeliveries(ctx, ds[0].ID, ds[1].ID); err != nil {
		t.Fatal(err)
	}
	list, err := db.Deliveries.Deliveries(ctx, date)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != ds[0].ID || list[0].Status != domain.DeliverySent {
		t.Errorf("after release: %+v, want only the sent delivery", list)
	}
	if _, ok := claim(t, db, ds[1]); !ok {
		t.Error("a released key cannot be claimed again")
	}
}

func TestPruneDeletesOnlyRecordsOfEarlierDates(t *testing.T) {
	forEachDB(t, testPruneDeletesOnlyRecordsOfEarlierDates)
}

func testPruneDeletesOnlyRecordsOfEarlierDates(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	var ds []domain.Delivery
	for _, d := range []string{"2026-11-10", "2026-11-11", "2026-11-12"} {
		ds = append(ds, domain.Delivery{Kind: domain.DeliveryMorning, MemberID: 1, LocalDate: day(d), CreatedAt: t0})
	}
	if n, err := db.Deliveries.ClaimDeliveries(ctx, ds); err != nil || n != 3 {
		t.Fatalf("claim = %d, %v", n, err)
	}
	if n, err := db.Deliveries.Prune(ctx, day("2026-11-12")); err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v; want the 2 records before 12 November", n, err)
	}
	for d, want := range map[string]int{"2026-11-10": 0, "2026-11-11": 0, "2026-11-12": 1} {
		if list, _ := db.Deliveries.Deliveries(ctx, day(d)); len(list) != want {
			t.Errorf("records of %s after pruning: %d, want %d", d, len(list), want)
		}
	}
}
