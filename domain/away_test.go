package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewAwayCountsDaysFromToday(t *testing.T) {
	today := day(10)
	for _, tc := range []struct {
		name   string
		days   int
		until  Date
		reason AwayReason
		want   Away
	}{
		{"three days is today and two more", 3, Date{}, AwayIll, Away{MemberID: 1, From: today, Until: day(12), Reason: AwayIll}},
		{"no days is a week", 0, Date{}, "", Away{MemberID: 1, From: today, Until: day(16), Reason: AwayOther}},
		{"until is the last day away", 0, day(14), AwayTravel, Away{MemberID: 1, From: today, Until: day(14), Reason: AwayTravel}},
		{"until today is one day", 0, today, AwayRest, Away{MemberID: 1, From: today, Until: today, Reason: AwayRest}},
		{"sixty days is the most", MaxAwayDays, Date{}, AwayInjured, Away{MemberID: 1, From: today, Until: day(69), Reason: AwayInjured}},
	} {
		got, err := NewAway(1, today, tc.days, tc.until, tc.reason)
		if err != nil || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	for _, until := range []Date{day(9), day(70)} {
		_, err := NewAway(1, today, 0, until, AwayIll)
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Field != FieldAwayUntil || inv.From != today || inv.To != day(69) {
			t.Errorf("until %s: %v, want the valid range today..+59", until, err)
		}
	}
}

func TestAwayCoversItsDaysInclusive(t *testing.T) {
	a := Away{From: day(3), Until: day(5)}
	for i, want := range []bool{false, false, false, true, true, true, false} {
		if a.Covers(day(i)) != want {
			t.Errorf("day %d: covers = %v", i, !want)
		}
	}
	if a.Days() != 3 {
		t.Errorf("days = %d", a.Days())
	}
	later := Away{From: day(5), Until: day(8), Reason: AwayTravel}
	if got, ok := AwayOn([]Away{a, later}, day(5)); !ok || got != later {
		t.Errorf("two spans on one day: the later one wins, got %+v", got)
	}
	if awayDays([]Away{a, later}, day(0), day(9)) != 6 {
		t.Errorf("overlapping spans count each day once")
	}
}

// steadyWeekWithIllness is steady() with the member ill from day from to
// day to: resting HR up and no runs, as illness looks.
func steadyWeekWithIllness(from, to int) History {
	h := steady()
	for i := range h.CheckIns {
		if d := h.CheckIns[i].Date; !d.Before(day(from)) && !d.After(day(to)) {
			h.CheckIns[i].RHR = Ptr(66)
		}
	}
	runs := h.Runs[:0]
	for _, r := range h.Runs {
		if r.Date.Before(day(from)) || r.Date.After(day(to)) {
			runs = append(runs, r)
		}
	}
	h.Runs = runs
	h.Away = []Away{{From: day(from), Until: day(to), Reason: AwayIll}}
	return h
}

func TestAWeekAwaySaysSoInsteadOfFlags(t *testing.T) {
	ill := steadyWeekWithIllness(37, 41)
	without := ill
	without.Away = nil
	if w := WeeklySummary(Member{Name: "Cy"}, without, day(41)); len(w.Flags) == 0 {
		t.Fatal("the same week without the time away should have flags, or the test shows nothing")
	}
	w := WeeklySummary(Member{Name: "Cy"}, ill, day(41))
	if !w.ShowsAway() || len(w.Flags) != 0 || w.Next.Kind != "" {
		t.Errorf("away %d days: shows away %v, flags %v, next %+v", w.AwayDays, w.ShowsAway(), codes(w), w.Next)
	}
	if w.AwayDays != 5 || w.Away.Reason != AwayIll || w.PresentDays() != 2 {
		t.Errorf("away days %d, reason %q, present %d", w.AwayDays, w.Away.Reason, w.PresentDays())
	}
}

func TestAShortTimeAwayEarlierInTheWeekKeepsTheFlags(t *testing.T) {
	h := overloaded()
	h.Away = []Away{{From: day(36), Until: day(37), Reason: AwayTravel}}
	w := WeeklySummary(Member{}, h, day(41))
	if w.ShowsAway() || len(w.Flags) == 0 || w.AwayDays != 2 {
		t.Errorf("two days away mid-week: shows away %v, flags %v", w.ShowsAway(), codes(w))
	}
}

func TestAwayDaysAreNotCheckInsDroppingOff(t *testing.T) {
	var cis []CheckIn
	cis = append(cis, mornings(28, 34, m{mood: 7})...) // last week: every day
	cis = append(cis, mornings(35, 37, m{mood: 7})...) // this week: three days, then away
	h := History{CheckIns: cis}
	if _, ok := hasFlag(WeeklySummary(Member{}, h, day(41)), FlagCheckInsDown); !ok {
		t.Fatal("three check-ins after seven, with no time away, drop off")
	}
	// Two days away (38, 39): three check-ins on five days is not half of
	// last week's rate, and the days away are not missing.
	h.Away = []Away{{From: day(38), Until: day(39), Reason: AwayTravel}}
	w := WeeklySummary(Member{}, h, day(41))
	if _, ok := hasFlag(w, FlagCheckInsDown); ok || w.ShowsAway() {
		t.Errorf("days away counted as dropping off: %v", codes(w))
	}
}

func TestGroupSummaryCountsAwayMembersApart(t *testing.T) {
	members := []GroupMember{
		{Member{ID: 1, Name: "Ill Cy", ShareWithCoach: true}, steadyWeekWithIllness(35, 41)},
		{Member{ID: 2, Name: "Bo", ShareWithCoach: true}, steady()},
	}
	g := GroupSummary(members, day(41))
	if g.Away != 1 || g.Flagged != 0 || g.PossibleCheckIns != 7 || g.CheckIns != 7 {
		t.Errorf("away %d, flagged %d, check-ins %d of %d", g.Away, g.Flagged, g.CheckIns, g.PossibleCheckIns)
	}
	if names := []string{g.Members[0].Name, g.Members[1].Name}; strings.Join(names, ",") != "Bo,Ill Cy" {
		t.Errorf("order %v", names)
	}
}

func TestMergeCheckInsTakesTheLaterAnswerFieldByField(t *testing.T) {
	at := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	early := CheckIn{Date: day(1), RHR: Ptr(50), SleepHours: Ptr(7.0), Mood: Ptr(6), UpdatedAt: at}
	late := CheckIn{Date: day(1), RHR: Ptr(53), Fatigue: Ptr(4), UpdatedAt: at.Add(time.Hour)}
	for _, got := range []CheckIn{MergeCheckIns(early, late), MergeCheckIns(late, early)} {
		if *got.RHR != 53 || *got.SleepHours != 7 || *got.Mood != 6 || *got.Fatigue != 4 || !got.UpdatedAt.Equal(late.UpdatedAt) {
			t.Errorf("merged %+v: RHR %d, sleep %v, mood %d, fatigue %d", got, *got.RHR, *got.SleepHours, *got.Mood, *got.Fatigue)
		}
	}
}
