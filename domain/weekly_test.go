package domain

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func codes(w MemberWeek) []string {
	var out []string
	for _, f := range w.Flags {
		out = append(out, string(f.Kind)+":"+string(f.Code))
	}
	return out
}

func hasFlag(w MemberWeek, code FlagCode) (Flag, bool) {
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
	for code, want := range map[FlagCode]Evidence{
		FlagACWR:        {Ratio: 2, Acute: 60, Chronic: 30},
		FlagMileageJump: {Change: 1, Metres: 42000, PrevMetres: 21000},
		FlagRunSpike:    {Date: day(35), Metres: 6000, PrevMetres: 3000, Ratio: 2},
		FlagMonotony:    {Ratio: 10},
		FlagStrain:      {Acute: 4200, Chronic: 2100, Ratio: 2},
	} {
		f, _ := hasFlag(w, code)
		if !sameEvidence(f.Evidence, want) || f.Source == "" {
			t.Errorf("%s evidence %+v, want %+v", code, f.Evidence, want)
		}
	}
	if w.Metres != 42000 || w.PrevMetres != 21000 || w.Runs != 7 || w.Minutes != 84 || w.CheckIns != 0 {
		t.Errorf("totals %+v", w)
	}
	if w.Next.Kind != ActionLighter {
		t.Errorf("overload makes next week lighter: %+v", w.Next)
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
	if !w.Judged() || w.Next.Kind != "" {
		t.Errorf("a full week without flags is judged, with nothing to change: %+v", w.Next)
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
	for code, want := range map[FlagCode]Evidence{
		FlagRHRUp:      {Days: 3},
		FlagShortSleep: {Mean: 7, Days: 7, Debt: 7},
		FlagFatigueUp:  {Shape: ShapeSeries, Series: []int{3, 4, 5, 6}, Date: day(40)},
	} {
		if f, _ := hasFlag(w, code); !sameEvidence(f.Evidence, want) {
			t.Errorf("%s evidence %+v, want %+v", code, f.Evidence, want)
		}
	}
	if day(40).Weekday() != time.Saturday {
		t.Errorf("the rise ends on %s", day(40).Weekday())
	}
	if f, _ := hasFlag(w, FlagHRVLow); math.Round(f.Evidence.Mean) != 49 || f.Evidence.Range.Lo <= f.Evidence.Mean {
		t.Errorf("hrv-low evidence %+v", f.Evidence)
	}
	if w.Next.Kind != ActionSleepFirst || w.Next.Bedtime != 21*60+30 || w.Next.Wake != DefaultWakeMinute {
		t.Errorf("under-recovery puts sleep first, 9 h before the default wake time: %+v", w.Next)
	}
}

func TestWeeklyTrendByWeeklyMeans(t *testing.T) {
	var cis []CheckIn
	for i := 0; i < 7; i++ {
		cis = append(cis, m{soreness: 3 + i%2}.on(day(i)))     // mean 3.43
		cis = append(cis, m{soreness: 5 - i%2*1}.on(day(7+i))) // 5,4,5,4,...: mean 4.57, no run of rises
	}
	w := WeeklySummary(Member{Name: "Ed"}, History{CheckIns: cis}, day(13))
	f, ok := hasFlag(w, FlagSorenessUp)
	if !ok || f.Evidence.Shape != ShapeMeans || math.Abs(f.Evidence.Mean-32.0/7) > 1e-9 || math.Abs(f.Evidence.PrevMean-24.0/7) > 1e-9 {
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
	for code, want := range map[FlagCode]Evidence{
		FlagMoodDown:     {Shape: ShapeSeries, Series: []int{8, 7, 6, 5}, Date: day(37)},
		FlagStressHigh:   {Days: 3},
		FlagCheckInsDown: {Count: 3, PrevCount: 7},
	} {
		if f, _ := hasFlag(w, code); !sameEvidence(f.Evidence, want) {
			t.Errorf("%s evidence %+v, want %+v", code, f.Evidence, want)
		}
	}
	if w.Next.Kind != ActionTalk {
		t.Errorf("burnout signs: talk about it: %+v", w.Next)
	}
	low := WeeklySummary(Member{}, History{CheckIns: mornings(0, 6, m{mood: 3})}, day(6))
	if f, ok := hasFlag(low, FlagMoodDown); !ok || !sameEvidence(f.Evidence, Evidence{Shape: ShapeLowDays, Days: 7}) {
		t.Errorf("low mood on many days: %+v", f)
	}
}

func TestWeeklyOfNoHistory(t *testing.T) {
	w := WeeklySummary(Member{Name: "Gus"}, History{}, day(0))
	if len(w.Flags) != 0 || w.Runs != 0 || w.CheckIns != 0 {
		t.Errorf("%+v", w)
	}
	if w.Judged() {
		t.Error("a week without check-ins is not judged")
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
	g := GroupSummary(members, day(41))
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
		g := GroupSummary(members, day(59))
		if len(g.Members) != 1000 {
			b.Fatal("members missing")
		}
	}
}

// sameEvidence compares evidence to want to 1e-9.
func sameEvidence(got, want Evidence) bool {
	for _, p := range [][2]float64{{got.Ratio, want.Ratio}, {got.Acute, want.Acute}, {got.Chronic, want.Chronic}, {got.Metres, want.Metres},
		{got.PrevMetres, want.PrevMetres}, {got.Change, want.Change}, {got.Mean, want.Mean}, {got.PrevMean, want.PrevMean}, {got.Debt, want.Debt}} {
		if math.Abs(p[0]-p[1]) > 1e-9 {
			return false
		}
	}
	return got.Date == want.Date && got.Days == want.Days && got.Shape == want.Shape && fmt.Sprint(got.Series) == fmt.Sprint(want.Series) &&
		got.Count == want.Count && got.PrevCount == want.PrevCount
}
