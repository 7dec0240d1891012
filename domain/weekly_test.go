package domain

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func codes(w MemberWeek) []string {
	var out []string
	for _, f := range w.Flags {
		out = append(out, string(f.Kind)+":"+f.Code)
	}
	return out
}

func hasFlag(w MemberWeek, code string) (Flag, bool) {
	for _, f := range w.Flags {
		if f.Code == code {
			return f, true
		}
	}
	return Flag{}, false
}

// overloaded runs 30 AU (3 km) a day for 5 weeks, then 60 AU (6 km) a day for a week.
func overloaded() History {
	return historyOfLoads(append(repeat(30, 35), repeat(60, 7)...))
}

// steady has 6 weeks of the same runs and calm mornings: nothing to flag.
func steady() History {
	h := historyOfLoads([]float64{40, 0, 60, 30, 0, 90, 20, 40, 0, 60, 30, 0, 90, 20, 40, 0, 60, 30, 0, 90, 20,
		40, 0, 60, 30, 0, 90, 20, 40, 0, 60, 30, 0, 90, 20, 40, 0, 60, 30, 0, 90, 20})
	for i := 0; i < 42; i++ {
		h.CheckIns = append(h.CheckIns, m{rhr: 50 + i%2, sleep: 8.5, fatigue: 3 + i%2, soreness: 3, stress: 3, mood: 7}.on(day(i)))
	}
	return h
}

func TestWeeklyOverloadFlagsNameTheirEvidence(t *testing.T) {
	w := WeeklySummary(Member{ID: 1, Name: "Ann", Units: UnitsKM}, overloaded(), day(41))
	want := []string{"overload:acwr", "overload:mileage-jump", "overload:run-spike", "overload:monotony", "overload:strain"}
	if strings.Join(codes(w), ",") != strings.Join(want, ",") {
		t.Fatalf("flags %v, want %v", codes(w), want)
	}
	for code, evidence := range map[string]string{
		"acwr":         "Load ratio (ACWR, uncoupled) 2.00: the last 7 days averaged 60 a day (RPE × minutes) against 30",
		"mileage-jump": "Distance up 100% on the week before (42.0 km against 21.0 km)",
		"run-spike":    "6.0 km, 100% longer than your longest run of the 30 days before (3.0 km)",
		"monotony":     "Monotony 10.00 (above 2.0)",
		"strain":       "Strain 4200 against your 4-week average of 2100 (2.0 times)",
	} {
		f, _ := hasFlag(w, code)
		if !strings.Contains(f.Evidence, evidence) || f.Source == "" {
			t.Errorf("%s evidence %q lacks %q", code, f.Evidence, evidence)
		}
	}
	if got := w.Totals(UnitsKM); !strings.HasPrefix(got, "42.0 km (26.1 mi) in 7 runs (1:24 h), up 100% on last week's 21.0 km; 0 of 7 check-ins.") {
		t.Errorf("totals %q", got)
	}
	if got := w.Totals(UnitsMI); !strings.Contains(got, "26.1 mi (42.0 km)") || !strings.Contains(got, "last week's 13.0 mi") {
		t.Errorf("totals in miles %q", got)
	}
	if mi := WeeklySummary(Member{Units: UnitsMI}, overloaded(), day(41)); !strings.Contains(mi.Flags[1].Evidence, "26.1 mi against 13.0 mi") {
		t.Errorf("evidence in the member's units: %q", mi.Flags[1].Evidence)
	}
}

func TestWeeklyQuietMemberHasNoFlags(t *testing.T) {
	w := WeeklySummary(Member{Name: "Bo"}, steady(), day(41))
	if len(w.Flags) != 0 {
		t.Errorf("flags %v", codes(w))
	}
	if w.CheckIns != 7 || w.PrevChecks != 7 || w.Runs != 5 || w.PrevRuns != 5 {
		t.Errorf("totals %+v", w)
	}
	near(t, "change", (w.Metres-w.PrevMetres)/w.PrevMetres, 0)
	if !strings.Contains(w.Totals(UnitsKM), "the same as last week") {
		t.Errorf("totals %q", w.Totals(UnitsKM))
	}
}

func TestWeeklyRestWeekIsNotMonotonous(t *testing.T) {
	h := steady()
	h.Runs = h.Runs[:len(h.Runs)-5] // no runs in the last week
	w := WeeklySummary(Member{Name: "Cy"}, h, day(41))
	if _, ok := hasFlag(w, "monotony"); ok || !w.Training.Monotony.Capped {
		t.Errorf("a rest week has capped monotony but no flag: %v %+v", codes(w), w.Training.Monotony)
	}
	if len(w.Flags) != 0 {
		t.Errorf("flags %v", codes(w))
	}
}

func TestWeeklyUnderRecoveryFlags(t *testing.T) {
	var cis []CheckIn
	for i := 0; i < 35; i++ {
		x := 4.0
		if i%2 == 1 {
			x = 4.2
		}
		cis = append(cis, m{rhr: 50, hrv: math.Exp(x), sleep: 8.5, fatigue: 3, soreness: 3}.on(day(i)))
	}
	week := []m{
		{rhr: 50, hrv: math.Exp(3.9), sleep: 7, fatigue: 3, soreness: 3},
		{rhr: 56, hrv: math.Exp(3.9), sleep: 7, fatigue: 3, soreness: 3},
		{rhr: 51, hrv: math.Exp(3.9), sleep: 7, fatigue: 3, soreness: 3},
		{rhr: 57, hrv: math.Exp(3.9), sleep: 7, fatigue: 4, soreness: 3},
		{rhr: 51, hrv: math.Exp(3.9), sleep: 7, fatigue: 5, soreness: 3},
		{rhr: 58, hrv: math.Exp(3.9), sleep: 7, fatigue: 6, soreness: 3},
		{rhr: 50, hrv: math.Exp(3.9), sleep: 7, fatigue: 4, soreness: 3},
	}
	for k, x := range week {
		cis = append(cis, x.on(day(35+k)))
	}
	w := WeeklySummary(Member{Name: "Di"}, History{CheckIns: cis}, day(41))
	want := []string{"under-recovery:rhr-up", "under-recovery:hrv-low", "under-recovery:short-sleep", "under-recovery:fatigue-up"}
	if strings.Join(codes(w), ",") != strings.Join(want, ",") {
		t.Fatalf("flags %v, want %v", codes(w), want)
	}
	for code, evidence := range map[string]string{
		"rhr-up":      "on 3 of the last 7 days",
		"short-sleep": "Sleep averaged 7.0 h over 7 nights, 7.0 h short of 8 h a night.",
		"fatigue-up":  "Fatigue rose three days in a row (3 → 4 → 5 → 6, to Saturday).",
		"hrv-low":     "HRV 7-day average 49 ms is below your normal range",
	} {
		if f, _ := hasFlag(w, code); !strings.Contains(f.Evidence, evidence) {
			t.Errorf("%s evidence %q lacks %q", code, f.Evidence, evidence)
		}
	}
}

func TestWeeklyTrendByWeeklyMeans(t *testing.T) {
	var cis []CheckIn
	for i := 0; i < 7; i++ {
		cis = append(cis, m{soreness: 3 + i%2}.on(day(i)))     // mean 3.43
		cis = append(cis, m{soreness: 5 - i%2*1}.on(day(7+i))) // 5,4,5,4,...: mean 4.57, no run of rises
	}
	w := WeeklySummary(Member{Name: "Ed"}, History{CheckIns: cis}, day(13))
	f, ok := hasFlag(w, "soreness-up")
	if !ok || f.Evidence != "Soreness averaged 4.6 this week against 3.4 the week before." {
		t.Errorf("flag %+v in %v", f, codes(w))
	}
}

func TestWeeklyBurnoutFlags(t *testing.T) {
	var cis []CheckIn
	for i := 0; i < 7; i++ { // days 28..34: a full week of check-ins
		cis = append(cis, m{mood: 8, stress: 4, sleep: 8}.on(day(28+i)))
	}
	cis = append(cis, m{mood: 7, stress: 8}.on(day(35)), m{mood: 6, stress: 8}.on(day(36)), m{mood: 5, stress: 9}.on(day(37)))
	w := WeeklySummary(Member{Name: "Flo"}, History{CheckIns: cis}, day(41))
	want := []string{"burnout:mood-down", "burnout:stress-high", "burnout:checkins-down"}
	if strings.Join(codes(w), ",") != strings.Join(want, ",") {
		t.Fatalf("flags %v, want %v", codes(w), want)
	}
	for code, evidence := range map[string]string{
		"mood-down":     "Mood fell three days in a row (8 → 7 → 6 → 5",
		"stress-high":   "Stress was 7 or higher on 3 days this week.",
		"checkins-down": "Check-ins dropped from 7 to 3 this week.",
	} {
		if f, _ := hasFlag(w, code); !strings.Contains(f.Evidence, evidence) {
			t.Errorf("%s evidence %q lacks %q", code, f.Evidence, evidence)
		}
	}
	low := WeeklySummary(Member{}, History{CheckIns: mornings(0, 6, m{mood: 3})}, day(6))
	if f, ok := hasFlag(low, "mood-down"); !ok || !strings.Contains(f.Evidence, "3 or lower on 7 days") {
		t.Errorf("low mood on many days: %+v", f)
	}
}

func TestWeeklyOfNoHistory(t *testing.T) {
	w := WeeklySummary(Member{Name: "Gus"}, History{}, day(0))
	if len(w.Flags) != 0 || w.Runs != 0 || w.CheckIns != 0 {
		t.Errorf("%+v", w)
	}
	if got := w.Totals(UnitsKM); got != "0.0 km (0.0 mi) in 0 runs (0:00 h); 0 of 7 check-ins." {
		t.Errorf("totals %q", got)
	}
}

func TestGroupSummaryListsOnlySharingMembersWorstFirst(t *testing.T) {
	secret := historyOfLoads(append(repeat(30, 35), repeat(77.7, 7)...))
	secret.CheckIns = mornings(35, 41, m{rhr: 99})
	members := []GroupMember{
		{Member{ID: 1, Name: "Quiet Bo", ShareWithCoach: true}, steady()},
		{Member{ID: 2, Name: "Zelda Private", ShareWithCoach: false}, secret},
		{Member{ID: 3, Name: "Overloaded Ann", ShareWithCoach: true}, overloaded()},
		{Member{ID: 4, Name: "Yann Private", ShareWithCoach: false}, secret},
		{Member{ID: 5, Name: "Also Quiet", ShareWithCoach: true}, steady()},
	}
	g := GroupSummary(members, day(41), UnitsKM)
	var names []string
	for _, w := range g.Members {
		names = append(names, w.Name)
	}
	if strings.Join(names, ",") != "Overloaded Ann,Also Quiet,Quiet Bo" {
		t.Errorf("order %v", names)
	}
	if g.Total != 5 || g.NotSharing != 2 || g.Flagged != 1 {
		t.Errorf("counts %+v", g)
	}
	if g.CheckIns != 14 || g.PossibleCheckIns != 21 {
		t.Errorf("check-ins %d of %d", g.CheckIns, g.PossibleCheckIns)
	}
	near(t, "rate", g.CheckInRate(), 14.0/21)
	wantMetres := g.Members[0].Metres + g.Members[1].Metres + g.Members[2].Metres
	near(t, "metres", g.Metres, wantMetres)
	dump := fmt.Sprintf("%+v", g)
	for _, leak := range []string{"Zelda", "Yann", "MemberID:2 ", "MemberID:4 ", "7770", "RHR:99"} {
		if strings.Contains(dump, leak) {
			t.Errorf("group summary leaks %q", leak)
		}
	}
	if (GroupWeek{}).CheckInRate() != 0 {
		t.Error("an empty club has rate 0")
	}
}

func TestGroupOrderBreaksTiesOnBodyAndMindThenName(t *testing.T) {
	a := MemberWeek{Name: "A", Flags: []Flag{{Kind: FlagOverload}}}
	b := MemberWeek{Name: "B", Flags: []Flag{{Kind: FlagBurnout}}}
	c := MemberWeek{Name: "C", Flags: []Flag{{Kind: FlagBurnout}}}
	if !worse(b, a) || worse(a, b) || !worse(b, c) || worse(c, b) {
		t.Error("equal counts: burnout before overload, then by name")
	}
}

func BenchmarkGroupSummary1000Members60Days(b *testing.B) {
	members := make([]GroupMember, 1000)
	for i := range members {
		members[i] = GroupMember{Member{ID: int64(i), Name: fmt.Sprintf("runner %04d", i), ShareWithCoach: true, Units: UnitsKM},
			yearOfHistory(60, uint64(i))}
	}
	b.ReportAllocs()
	for b.Loop() {
		g := GroupSummary(members, day(59), UnitsKM)
		if len(g.Members) != 1000 {
			b.Fatal("members missing")
		}
	}
}

func TestWeeklyTotalsSayDownAndFirstWeek(t *testing.T) {
	w := MemberWeek{Metres: 8000, PrevMetres: 10000, Runs: 1, Minutes: 45}
	if got := w.Totals(UnitsKM); got != "8.0 km (5.0 mi) in 1 run (0:45 h), down 20% on last week's 10.0 km; 0 of 7 check-ins." {
		t.Errorf("%q", got)
	}
	w.PrevMetres = 0
	if got := w.Totals(UnitsKM); !strings.Contains(got, "no runs logged the week before") {
		t.Errorf("%q", got)
	}
}
