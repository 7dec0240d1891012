package domain

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// steadyRunner has 30 mornings (days 0..29) of RHR 50, HRV alternating
// e^4.0/e^4.2, 8.5 h sleep, fatigue and soreness 3; with lowWeek the HRV of
// days 24..29 is e^3.9 instead.
func steadyRunner(lowWeek bool) []CheckIn {
	var cis []CheckIn
	for i := 0; i < 30; i++ {
		x := 4.0
		if i%2 == 1 {
			x = 4.2
		}
		if lowWeek && i >= 24 {
			x = 3.9
		}
		cis = append(cis, m{rhr: 50, hrv: math.Exp(x), sleep: 8.5, fatigue: 3, soreness: 3}.on(day(i)))
	}
	return cis
}

func fine() m { return m{rhr: 50, hrv: math.Exp(4.1), sleep: 8.5, fatigue: 3, soreness: 3} }

func TestReadinessVerdicts(t *testing.T) {
	with := func(f func(*m)) m { x := fine(); f(&x); return x }
	for _, tc := range []struct {
		name    string
		lowWeek bool
		today   m
		verdict Verdict
		score   int
		pillar  Pillar
		moved   []string
	}{
		{"all normal", false, fine(), VerdictGreen, 100, PillarNutrition, nil},
		{"sleep under 8 h is a caution only", false, with(func(x *m) { x.sleep = 7.5 }), VerdictGreen, 90, PillarSleep, []string{"sleep"}},
		{"sleep under 7 h is a warning", false, with(func(x *m) { x.sleep = 6.5 }), VerdictAmber, 69, PillarSleep, []string{"sleep"}},
		{"two warnings are red", false, with(func(x *m) { x.sleep = 6.5; x.fatigue = 9 }), VerdictRed, 39, PillarSleep, []string{"sleep", "fatigue"}},
		{"RHR +10 alone is amber", false, with(func(x *m) { x.rhr = 60 }), VerdictAmber, 69, PillarPhysical, []string{"resting heart rate"}},
		{"RHR +5 alone stays green", false, with(func(x *m) { x.rhr = 55 }), VerdictGreen, 90, PillarPhysical, []string{"resting heart rate"}},
		{"RHR +10 with HRV low is red", true, with(func(x *m) { x.rhr = 60; x.hrv = math.Exp(3.95) }), VerdictRed, 39, PillarPhysical,
			[]string{"resting heart rate", "HRV", "RHR and HRV together"}},
		{"RHR +5 with HRV low is amber", true, with(func(x *m) { x.rhr = 55; x.hrv = math.Exp(3.95) }), VerdictAmber, 69, PillarPhysical,
			[]string{"resting heart rate", "HRV", "RHR and HRV together"}},
		{"HRV today far below is a warning", false, with(func(x *m) { x.hrv = math.Exp(3.9) }), VerdictAmber, 69, PillarPhysical, []string{"HRV"}},
		{"high stress is a note and the action", false, with(func(x *m) { x.stress = 8 }), VerdictGreen, 100, PillarStress, nil},
		{"soreness 7 is a caution", false, with(func(x *m) { x.soreness = 7 }), VerdictGreen, 90, PillarPhysical, []string{"soreness"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := History{CheckIns: append(steadyRunner(tc.lowWeek), tc.today.on(day(30)))}
			r := ComputeReadiness(NewMember("Ann", "UTC"), h, day(30))
			if r.Verdict != tc.verdict || r.Score != tc.score || r.Action.Pillar != tc.pillar {
				t.Errorf("got %s %d %q, want %s %d %q\n%+v", r.Verdict, r.Score, r.Action.Pillar, tc.verdict, tc.score, tc.pillar, r.Reasons)
			}
			var moved []string
			for _, x := range r.Moved() {
				moved = append(moved, x.Marker)
			}
			if strings.Join(moved, ",") != strings.Join(tc.moved, ",") && !sameSet(moved, tc.moved) {
				t.Errorf("moved %v, want %v", moved, tc.moved)
			}
			if r.Action.Text == "" || !strings.HasPrefix(r.Summary(), r.Verdict.Title()) {
				t.Errorf("action %q summary %q", r.Action.Text, r.Summary())
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestReadinessReasonsCompareWithTheRunnersOwnBaseline(t *testing.T) {
	x := fine()
	x.rhr, x.sleep = 58, 6.5
	r := ComputeReadiness(NewMember("Ann", "UTC"), History{CheckIns: append(steadyRunner(false), x.on(day(30)))}, day(30))
	text := ""
	for _, x := range r.Reasons {
		text += x.Text + " | " + x.Source + "\n"
	}
	for _, want := range []string{
		"Resting HR 58 bpm, +8 against your baseline of 50 (last 28 mornings)",
		"Slept 6.5 h last night (target 8–10 h). 7-day average 8.2 h.",
		"Fatigue 3/10 (your usual 3).",
		"inside or above your normal range of 57–63 ms", // e^4.05 and e^4.15
		SourceRHR, SourceHRV, SourceSleep,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("reasons lack %q:\n%s", want, text)
		}
	}
	if r.Reasons[0].Level != LevelWarning {
		t.Errorf("most severe first: %+v", r.Reasons[0])
	}
	if !strings.Contains(r.Action.Text, "lights out by 21:30") || !strings.Contains(r.Action.Text, "06:30") {
		t.Errorf("sleep action uses the wake time: %q", r.Action.Text)
	}
	if s := r.Summary(); !strings.Contains(s, "Amber (65/100)") || !strings.HasSuffix(s, "Slept 6.5 h, resting HR +8 bpm.") {
		t.Errorf("summary %q", s)
	}
}

func TestReadinessSaysWhatIsMissing(t *testing.T) {
	h := History{CheckIns: append(mornings(0, 2, m{rhr: 50}), m{rhr: 52, sleep: 6}.on(day(3)))}
	r := ComputeReadiness(NewMember("Bo", "UTC"), h, day(3))
	if r.Verdict != VerdictAmber {
		t.Errorf("sleep needs no baseline, so 6 h still makes it amber: %s", r.Verdict)
	}
	var found bool
	for _, x := range r.Missing {
		if x.String() == "RHR baseline: 3 of 5 mornings" && x.Remaining() == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("missing %v", r.Missing)
	}
	if s := r.Summary(); !strings.Contains(s, "Still building: RHR baseline: 3 of 5 mornings.") {
		t.Errorf("summary %q", s)
	}
}

func TestReadinessWithNoHistory(t *testing.T) {
	r := ComputeReadiness(NewMember("Cy", "UTC"), History{}, day(0))
	if r.Verdict != VerdictUnknown || r.Score != 0 || len(r.Reasons) != 0 {
		t.Errorf("%+v", r)
	}
	var got []string
	for _, x := range r.Missing {
		got = append(got, x.String())
	}
	want := []string{"today's check-in", "RHR baseline: 0 of 5 mornings", "training load ratio (ACWR): 0 of 28 days"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("missing %q, want %q", got, want)
	}
	if !strings.Contains(r.Summary(), "send today's check-in") || !strings.Contains(r.Action.Text, "/checkin") {
		t.Errorf("summary %q action %q", r.Summary(), r.Action.Text)
	}
}

func TestReadinessWithOnlyUnjudgeableValuesHasNoVerdict(t *testing.T) {
	h := History{CheckIns: []CheckIn{m{rhr: 50, mood: 6}.on(day(0))}}
	r := ComputeReadiness(NewMember("Di", "UTC"), h, day(0))
	if r.Verdict != VerdictUnknown || !strings.Contains(r.Summary(), "nothing I can judge yet") {
		t.Errorf("%s %q", r.Verdict, r.Summary())
	}
}

func TestReadinessShowsTheLoadDangerZoneAsANote(t *testing.T) {
	h := historyOfLoads(gabbettVector())
	h.CheckIns = []CheckIn{m{sleep: 9}.on(day(27))}
	r := ComputeReadiness(NewMember("Ed", "UTC"), h, day(27))
	if r.Verdict != VerdictGreen {
		t.Errorf("load does not change the colour: %s", r.Verdict)
	}
	var note *Reason
	for i := range r.Reasons {
		if r.Reasons[i].Marker == "training load" {
			note = &r.Reasons[i]
		}
	}
	if note == nil || note.Level != LevelInfo || !strings.Contains(note.Text, "ACWR 1.67, uncoupled") || !strings.Contains(note.Text, "not a diagnosis") {
		t.Errorf("load note %+v", note)
	}
}

func TestReadinessUsesTheMembersLocalDate(t *testing.T) {
	// 2026-03-10 12:30 UTC is 2026-03-11 01:30 in Auckland (NZDT, +13) and
	// 2026-03-10 05:30 in Los Angeles (PDT, -7).
	now := time.Date(2026, 3, 10, 12, 30, 0, 0, time.UTC)
	h := History{CheckIns: []CheckIn{m{sleep: 6}.on(Date{2026, 3, 11})}}
	for _, tc := range []struct {
		tz      string
		date    Date
		verdict Verdict
	}{
		{"Pacific/Auckland", Date{2026, 3, 11}, VerdictAmber},
		{"America/Los_Angeles", Date{2026, 3, 10}, VerdictUnknown},
		{"UTC", Date{2026, 3, 10}, VerdictUnknown},
	} {
		r := ReadinessAt(NewMember("Flo", tc.tz), h, now)
		if r.Date != tc.date || r.Verdict != tc.verdict {
			t.Errorf("%s: %s %s, want %s %s", tc.tz, r.Date, r.Verdict, tc.date, tc.verdict)
		}
	}
	// One second either side of local midnight in Auckland.
	mid := time.Date(2026, 3, 11, 0, 0, 0, 0, NewMember("", "Pacific/Auckland").Location())
	if got := ReadinessAt(NewMember("Flo", "Pacific/Auckland"), h, mid.Add(-time.Second)).Date; got != (Date{2026, 3, 10}) {
		t.Errorf("just before midnight: %s", got)
	}
	if got := ReadinessAt(NewMember("Flo", "Pacific/Auckland"), h, mid).Date; got != (Date{2026, 3, 11}) {
		t.Errorf("at midnight: %s", got)
	}
}

func TestReadinessAfterAMemberChangedZones(t *testing.T) {
	// Gus checked in every morning in Tokyo through 2026-03-20. He flies to
	// Los Angeles; at 2026-03-20 01:00 Tokyo time it is still 2026-03-19 in
	// Los Angeles, so his "today" goes back a day: the check-in dated the 20th
	// is in his future and must not count.
	tokyo := NewMember("Gus", "Asia/Tokyo")
	start := Date{2026, 2, 18}
	var cis []CheckIn
	for d := start; !d.After(Date{2026, 3, 19}); d = d.AddDays(1) {
		cis = append(cis, m{rhr: 50, sleep: 8.5}.on(d))
	}
	cis = append(cis, m{rhr: 63, sleep: 5}.on(Date{2026, 3, 20}))
	h := History{CheckIns: cis}
	now := time.Date(2026, 3, 20, 1, 0, 0, 0, tokyo.Location())

	if r := ReadinessAt(tokyo, h, now); r.Date != (Date{2026, 3, 20}) || r.Verdict != VerdictRed {
		t.Errorf("in Tokyo: %s %s", r.Date, r.Verdict)
	}
	la := tokyo
	la.TZ = "America/Los_Angeles"
	r := ReadinessAt(la, h, now)
	if r.Date != (Date{2026, 3, 19}) || r.Verdict != VerdictGreen || r.Markers.RHR.Today != 50 {
		t.Errorf("in Los Angeles: %s %s %+v", r.Date, r.Verdict, r.Markers.RHR)
	}
	truncated := History{CheckIns: cis[:len(cis)-1]}
	if want := ComputeReadiness(la, truncated, Date{2026, 3, 19}); r.Score != want.Score || len(r.Reasons) != len(want.Reasons) {
		t.Errorf("future data changed the answer: %+v vs %+v", r, want)
	}

	// Flying east instead skips a local date: the 21st never happens for him.
	// The skipped day is missing, not zero, so the baseline still has 28 mornings.
	east := append(append([]CheckIn{}, cis[:len(cis)-1]...), m{rhr: 56, sleep: 8}.on(Date{2026, 3, 21}))
	r = ComputeReadiness(tokyo, History{CheckIns: east}, Date{2026, 3, 21})
	if r.Markers.RHR.Mornings != 28 || r.Markers.RHR.Level != LevelCaution {
		t.Errorf("after the skipped day: %+v", r.Markers.RHR)
	}
}

func TestBedtimeWrapsAroundMidnight(t *testing.T) {
	for _, tc := range []struct{ wake, want int }{{6*60 + 30, 21*60 + 30}, {5 * 60, 20 * 60}, {8 * 60, 23 * 60}, {9 * 60, 0}, {10 * 60, 60}} {
		if got := BedtimeFor(tc.wake, 9); got != tc.want {
			t.Errorf("wake %s: bed %s, want %s", FormatClock(tc.wake), FormatClock(got), FormatClock(tc.want))
		}
	}
}

// yearOfHistory makes a realistic year: a check-in most mornings and a run
// most days, seeded so that every run of the benchmark sees the same data.
func yearOfHistory(days int, seed uint64) History {
	rng := rand.New(rand.NewPCG(seed, 7))
	var h History
	for i := 0; i < days; i++ {
		d := day(i)
		if rng.Float64() < 0.9 {
			h.CheckIns = append(h.CheckIns, m{rhr: 45 + rng.IntN(10), hrv: 50 + rng.Float64()*30, sleep: 6 + rng.Float64()*3,
				fatigue: 1 + rng.IntN(8), soreness: 1 + rng.IntN(8), stress: 1 + rng.IntN(8), mood: 2 + rng.IntN(8)}.on(d))
		}
		if rng.Float64() < 0.85 {
			mins := 30 + rng.IntN(120)
			h.Runs = append(h.Runs, Run{Date: d, Metres: float64(mins) * 180, Duration: time.Duration(mins) * time.Minute, RPE: 2 + rng.IntN(8), Type: "easy"})
		}
	}
	return h
}

func BenchmarkReadiness365Days(b *testing.B) {
	h := yearOfHistory(365, 1)
	mem := NewMember("Bench", "UTC")
	today := day(364)
	b.ReportAllocs()
	for b.Loop() {
		r := ComputeReadiness(mem, h, today)
		if r.Verdict == "" {
			b.Fatal("no verdict")
		}
	}
}

// BenchmarkBaselineDailyLoads365Days is the floor to compare with: one pass
// over a year of runs into a daily series, no rules at all.
func BenchmarkBaselineDailyLoads365Days(b *testing.B) {
	h := yearOfHistory(365, 1)
	b.ReportAllocs()
	for b.Loop() {
		if len(DailyLoads(h.Runs, day(0), day(364))) != 365 {
			b.Fatal("wrong length")
		}
	}
}

func TestReadinessSaysWhichHRVReadingsAreMissing(t *testing.T) {
	cis := append(mornings(0, 9, m{rhr: 50, hrv: 60}), m{rhr: 50, sleep: 8.5}.on(day(20)))
	r := ComputeReadiness(NewMember("Hal", "UTC"), History{CheckIns: cis}, day(20))
	var got []string
	for _, x := range r.Missing {
		got = append(got, x.String())
	}
	want := "HRV baseline: 10 of 14 readings; HRV in the last 7 days: 0 of 3 readings; training load ratio (ACWR): 21 of 28 days"
	if strings.Join(got, "; ") != want {
		t.Errorf("missing %q", strings.Join(got, "; "))
	}
	if r.Verdict != VerdictGreen {
		t.Errorf("RHR and sleep are judged while HRV builds: %s", r.Verdict)
	}
}

func TestVerdictWords(t *testing.T) {
	for v, want := range map[Verdict]string{VerdictGreen: "Green: train as planned", VerdictAmber: "Amber: keep it easy today: cut the intensity or the distance",
		VerdictRed: "Red: rest today, or active recovery only", VerdictUnknown: "No verdict: no verdict yet"} {
		if got := v.Title() + ": " + v.Advice(); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if capitalise("") != "" {
		t.Error("empty stays empty")
	}
}

// FuzzReadiness feeds histories with any values, in range or not, in any
// order, and checks that readiness and the weekly summary never panic and stay
// consistent.
func FuzzReadiness(f *testing.F) {
	f.Add([]byte{10, 50, 60, 80, 3, 3, 5, 7, 0, 60, 7}, uint8(20))
	f.Add([]byte{0, 255, 0, 0, 0, 0, 0, 0, 255, 255, 255}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, todayOff uint8) {
		var h History
		for len(data) >= 11 {
			d := day(int(data[0]) % 90)
			h.CheckIns = append(h.CheckIns, CheckIn{Date: d, RHR: Ptr(int(data[1])), HRV: Ptr(float64(data[2])), SleepHours: Ptr(float64(data[3]) / 10),
				Fatigue: Ptr(int(data[4]) % 12), Soreness: Ptr(int(data[5]) % 12), Stress: Ptr(int(data[6]) % 12), Mood: Ptr(int(data[7]) % 12)})
			h.Runs = append(h.Runs, Run{Date: d.AddDays(int(data[8]) % 3), Metres: float64(data[9]) * 300, Duration: time.Duration(data[9]) * time.Minute, RPE: int(data[10]) % 11})
			data = data[11:]
		}
		today := day(int(todayOff) % 100)
		r := ComputeReadiness(NewMember("Fuzz", "UTC"), h, today)
		switch r.Verdict {
		case VerdictGreen:
			if r.Score < 70 || r.Score > 100 {
				t.Fatalf("green with score %d", r.Score)
			}
		case VerdictAmber:
			if r.Score < 40 || r.Score > 69 {
				t.Fatalf("amber with score %d", r.Score)
			}
		case VerdictRed:
			if r.Score < 0 || r.Score > 39 {
				t.Fatalf("red with score %d", r.Score)
			}
		case VerdictUnknown:
		default:
			t.Fatalf("verdict %q", r.Verdict)
		}
		if r.Action.Text == "" || r.Summary() == "" {
			t.Fatal("no action or summary")
		}
		for _, x := range r.Reasons {
			if strings.Contains(x.Text, "NaN") || strings.Contains(x.Text, "Inf") {
				t.Fatalf("reason %q", x.Text)
			}
		}
		w := WeeklySummary(NewMember("Fuzz", "UTC"), h, today)
		for _, fl := range w.Flags {
			if fl.Evidence == "" || strings.Contains(fl.Evidence, "NaN") || strings.Contains(fl.Evidence, "Inf") {
				t.Fatalf("flag %+v", fl)
			}
		}
	})
}
