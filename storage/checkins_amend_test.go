package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

func TestAmendCheckInReturnsTheDayAsItWasAndAsItIs(t *testing.T) {
	forEachDB(t, testAmendCheckInReturnsTheDayAsItWasAndAsItIs)
}

func testAmendCheckInReturnsTheDayAsItWasAndAsItIs(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	other := newMember(t, db, "u2")
	d := day("2026-11-20")
	before, after, err := db.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(52), HRV: domain.Ptr(61.5), UpdatedAt: t0})
	if err != nil || before != nil {
		t.Fatalf("first answer of the day: before %+v, %v; want none", before, err)
	}
	if *after.RHR != 52 || *after.HRV != 61.5 || after.SleepHours != nil {
		t.Errorf("after the first answer: %s", describe(domain.History{CheckIns: []domain.CheckIn{after}}))
	}
	// Another member's day is another row.
	if _, _, err := db.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: other.ID, Date: d, RHR: domain.Ptr(70)}); err != nil {
		t.Fatal(err)
	}
	before, after, err = db.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(50), SleepHours: domain.Ptr(7.25), UpdatedAt: t0.Add(time.Hour)})
	if err != nil || before == nil {
		t.Fatalf("second answer: before %v, %v", before, err)
	}
	if *before.RHR != 52 || *before.HRV != 61.5 || before.SleepHours != nil || !before.UpdatedAt.Equal(t0) || before.MemberID != m.ID || before.Date != d {
		t.Errorf("before the second answer: %s at %v", describe(domain.History{CheckIns: []domain.CheckIn{*before}}), before.UpdatedAt)
	}
	if *after.RHR != 50 || *after.HRV != 61.5 || *after.SleepHours != 7.25 || after.Mood != nil {
		t.Errorf("after the second answer: %s", describe(domain.History{CheckIns: []domain.CheckIn{after}}))
	}
	stored, _ := db.CheckIns.CheckIns(ctx, m.ID, d, d)
	if len(stored) != 1 || !stored[0].Equal(after) || !stored[0].UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("stored %+v, want %s", stored, describe(domain.History{CheckIns: []domain.CheckIn{after}}))
	}
}

func TestAmendCheckInInATransactionRollsBackWithIt(t *testing.T) {
	forEachDB(t, testAmendCheckInInATransactionRollsBackWithIt)
}

func testAmendCheckInInATransactionRollsBackWithIt(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	d := day("2026-11-20")
	if _, _, err := db.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(52)}); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("the merged day is refused")
	err := db.InTx(ctx, func(ctx context.Context) error {
		before, _, err := db.CheckIns.AmendCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(99), Mood: domain.Ptr(3)})
		if err != nil || before == nil || *before.RHR != 52 {
			t.Errorf("in the transaction: before %v, %v", before, err)
		}
		return refused
	})
	if !errors.Is(err, refused) {
		t.Fatalf("InTx = %v", err)
	}
	stored, _ := db.CheckIns.CheckIns(ctx, m.ID, d, d)
	if len(stored) != 1 || *stored[0].RHR != 52 || stored[0].Mood != nil {
		t.Errorf("after the rollback: %+v, want the day as it was", stored)
	}
}

func TestAmendCheckInOfAMemberWhoIsGoneIsNotFound(t *testing.T) {
	forEachDB(t, testAmendCheckInOfAMemberWhoIsGoneIsNotFound)
}

func testAmendCheckInOfAMemberWhoIsGoneIsNotFound(t *testing.T, b backend) {
	db, _ := b.open(t)
	_, _, err := db.CheckIns.AmendCheckIn(context.Background(), domain.CheckIn{MemberID: 4242, Date: day("2026-11-20"), RHR: domain.Ptr(52)})
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("err = %v (code %q), want not found", err, domain.ErrorCode(err))
	}
}
