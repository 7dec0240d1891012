package storage_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// oneByOne reads a member's history the way the commands do, one member and
// one table at a time, without the bookkeeping timestamps HistoryOf leaves out.
func oneByOne(t *testing.T, db *testDB, id int64, from, to domain.Date) domain.History {
	t.Helper()
	cs, err := db.CheckIns.CheckIns(context.Background(), id, from, to)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := db.Runs.Runs(context.Background(), id, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var h domain.History
	for _, c := range cs {
		c.UpdatedAt = time.Time{}
		h.CheckIns = append(h.CheckIns, c)
	}
	for _, r := range rs {
		r.CreatedAt = time.Time{}
		r.Number = 0 // bookkeeping too: the club computations need no run numbers
		h.Runs = append(h.Runs, r)
	}
	return h
}

// normal makes empty and nil slices compare equal.
func normal(h domain.History) domain.History {
	if len(h.CheckIns) == 0 {
		h.CheckIns = nil
	}
	if len(h.Runs) == 0 {
		h.Runs = nil
	}
	return h
}

// awkward are values whose shortest decimal form needs 16 or 17 digits, so
// that a packing that rounds to 15 digits would change them.
var awkward = []float64{20.0 / 3, 0.1 + 0.2, math.Nextafter(7.5, 8), 100.0 / 7, math.Nextafter(60, 0), 5}

func TestHistoryOfEqualsReadingEachMember(t *testing.T) {
	forEachDB(t, testHistoryOfEqualsReadingEachMember)
}

func testHistoryOfEqualsReadingEachMember(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	rng := rand.New(rand.NewPCG(6, 1))
	last := day("2026-05-31")
	var members []domain.Member
	for i := range 12 {
		members = append(members, member(t, db, fmt.Sprint("m", i), "UTC", 390, 1350, 0))
	}
	maybeInt := func(lo, hi int) *int {
		if rng.IntN(4) == 0 {
			return nil
		}
		return domain.Ptr(lo + rng.IntN(hi-lo+1))
	}
	maybeFloat := func() *float64 {
		if rng.IntN(4) == 0 {
			return nil
		}
		return domain.Ptr(awkward[rng.IntN(len(awkward))] + float64(rng.IntN(3)))
	}
	for i, m := range members {
		if i%4 == 3 {
			continue // no rows at all
		}
		for d := range 70 {
			date := last.AddDays(-d)
			if rng.IntN(3) == 0 {
				continue // a gap
			}
			if i%4 != 2 { // members 2, 6, 10 only run
				c := domain.CheckIn{MemberID: m.ID, Date: date, RHR: maybeInt(40, 70), HRV: maybeFloat(), SleepHours: maybeFloat(),
					SleepQuality: maybeInt(1, 5), Fatigue: maybeInt(1, 10), Soreness: maybeInt(1, 10), Stress: maybeInt(1, 10), Mood: maybeInt(1, 10)}
				if c.IsEmpty() {
					c.Mood = domain.Ptr(5)
				}
				if _, err := db.CheckIns.UpsertCheckIn(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			if i%4 != 1 && rng.IntN(2) == 0 { // members 1, 5, 9 only check in
				for range 1 + rng.IntN(2) { // sometimes two runs a day
					r := domain.Run{MemberID: m.ID, Date: date, Metres: 1000 * awkward[rng.IntN(len(awkward))],
						Duration: time.Duration(600+rng.IntN(7200)) * time.Second, RPE: rng.IntN(11), Type: domain.RunTypes[rng.IntN(len(domain.RunTypes))]}
					if err := db.Runs.CreateRun(ctx, &r); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	// A run logged late for an earlier day: a higher id on an older date.
	if err := db.Runs.CreateRun(ctx, &domain.Run{MemberID: members[0].ID, Date: last.AddDays(-30), Metres: 5000, Duration: time.Hour, RPE: 3}); err != nil {
		t.Fatal(err)
	}

	from := last.AddDays(-59)
	all := ids(members)
	got, err := db.History.HistoryOf(ctx, all[:len(all)-1], from, last) // the last member is not asked for
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range members[:len(members)-1] {
		want := normal(oneByOne(t, db, m.ID, from, last))
		h, ok := got[m.ID]
		if i%4 == 3 {
			if ok {
				t.Errorf("member %d has no rows but HistoryOf returned %+v", i, h)
			}
			continue
		}
		if !reflect.DeepEqual(normal(h), want) {
			t.Errorf("member %d: HistoryOf differs from CheckIns and Runs\n got %s\nwant %s", i, describe(h), describe(want))
		}
		if len(want.CheckIns)+len(want.Runs) == 0 {
			t.Errorf("member %d: the test gave them no history in the window", i)
		}
	}
	if _, ok := got[members[len(members)-1].ID]; ok {
		t.Error("history of a member not asked for")
	}
}

func describe(h domain.History) string {
	s := fmt.Sprintf("%d check-ins, %d runs:", len(h.CheckIns), len(h.Runs))
	for _, c := range h.CheckIns {
		s += fmt.Sprintf(" %s[%v %v %v %v %v %v %v %v]", c.Date, deref(c.RHR), deref(c.HRV), deref(c.SleepHours),
			deref(c.SleepQuality), deref(c.Fatigue), deref(c.Soreness), deref(c.Stress), deref(c.Mood))
	}
	for _, r := range h.Runs {
		s += fmt.Sprintf(" run%d:%s:%v:%s:%d:%s", r.ID, r.Date, r.Metres, r.Duration, r.RPE, r.Type)
	}
	return s
}

func deref[T any](p *T) any {
	if p == nil {
		return "NULL"
	}
	return *p
}

func TestHistoryOfKeepsTheWindowAndEveryValue(t *testing.T) {
	forEachDB(t, testHistoryOfKeepsTheWindowAndEveryValue)
}

func testHistoryOfKeepsTheWindowAndEveryValue(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	a := member(t, db, "a", "UTC", 390, 1350, 0)
	for _, d := range []string{"2026-03-01", "2026-03-02", "2026-03-09", "2026-03-10"} {
		if _, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: a.ID, Date: day(d), RHR: domain.Ptr(50), HRV: domain.Ptr(20.0 / 3)}); err != nil {
			t.Fatal(err)
		}
		if err := db.Runs.CreateRun(ctx, &domain.Run{MemberID: a.ID, Date: day(d), Metres: 10000.5, Duration: time.Hour + time.Second, RPE: 0}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.History.HistoryOf(ctx, []int64{a.ID}, day("2026-03-02"), day("2026-03-09"))
	if err != nil {
		t.Fatal(err)
	}
	h := got[a.ID]
	if len(h.CheckIns) != 2 || h.CheckIns[0].Date != day("2026-03-02") || h.CheckIns[1].Date != day("2026-03-09") {
		t.Fatalf("check-ins = %s, want 03-02 and 03-09 (the window is inclusive)", describe(h))
	}
	c := h.CheckIns[0]
	if *c.RHR != 50 || *c.HRV != 20.0/3 || c.SleepHours != nil || c.Mood != nil {
		t.Errorf("check-in = %s, want rhr 50, hrv 20/3 exactly and the rest unset", describe(h))
	}
	if len(h.Runs) != 2 || h.Runs[0].Metres != 10000.5 || h.Runs[0].Duration != time.Hour+time.Second || h.Runs[0].RPE != 0 || h.Runs[1].MemberID != a.ID {
		t.Errorf("runs = %s, want two of 10000.5 m in 1:00:01 without RPE", describe(h))
	}
}

func TestHistoryOfReadsMoreMembersThanOneINList(t *testing.T) {
	forEachDB(t, testHistoryOfReadsMoreMembersThanOneINList)
}

func testHistoryOfReadsMoreMembersThanOneINList(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	var all []int64
	for i := range 520 {
		m := member(t, db, fmt.Sprint("u", i), "UTC", 390, 1350, 0)
		all = append(all, m.ID)
		if i%2 == 0 {
			if _, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: day("2026-03-05"), Stress: domain.Ptr(i%10 + 1)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := db.History.HistoryOf(ctx, all, day("2026-03-01"), day("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 260 {
		t.Fatalf("history for %d members, want the 260 who checked in", len(got))
	}
	if h := got[all[518]]; len(h.CheckIns) != 1 || *h.CheckIns[0].Stress != 518%10+1 {
		t.Errorf("member 518 (second IN list) = %s", describe(h))
	}
}

func FuzzParseDateMatchesParseISODate(f *testing.F) {
	for _, s := range []string{"2026-05-31", "2024-02-29", "2026-02-29", "1900-02-29", "2000-02-29", "2026-13-01", "2026-04-31",
		"0000-01-01", "2026-1-01", "2026/05/31", "20260531xx", "+026-05-31", "2026-05-3a", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := storage.ParseDate(s)
		want, wantErr := domain.ParseISODate(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("parseDate(%q) = %v, %v; ParseISODate gives %v, %v", s, got, gotErr, want, wantErr)
		}
	})
}
