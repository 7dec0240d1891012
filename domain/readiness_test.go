package domain

import (
	"fmt"
	"math"
	"math/rand/v2"
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
		moved   []Marker
	}{
		{"all normal", false, fine(), VerdictGreen, 100, PillarNutrition, nil},
		{"sleep under 8 h is a caution only", false, with(func(x *m) { x.sleep = 7.5 }), VerdictGreen, 90, PillarSleep, []Marker{MarkerSleep}},
		{"sleep under 7 h is a warning", false, with(func(x *m) { x.sleep = 6.5 }), VerdictAmber, 69, PillarSleep, []Marker{MarkerSleep}},
		{"two warnings are red", false, with(func(x *m) { x.sleep = 6.5; x.fatigue = 9 }), VerdictRed, 39, PillarSleep, []Marker{MarkerSleep, MarkerFatigue}},
		{"RHR +10 alone is amber", false, with(func(x *m) { x.rhr = 60 }), VerdictAmber, 69, PillarPhysical, []Marker{MarkerRHR}},
		{"RHR +5 alone stays green", false, with(func(x *m) { x.rhr = 55 }), VerdictGreen, 90, PillarPhysical, []Marker{MarkerRHR}},
		{"RHR +10 with HRV low is red", true, with(func(x *m) { x.rhr = 60; x.hrv = math.Exp(3.95) }), VerdictRed, 39, PillarPhysical,
			[]Marker{MarkerRHR, MarkerHRV, MarkerRHRWithHRV}},
		{"RHR +5 with HRV low is amber", true, with(func(x *m) { x.rhr = 55; x.hrv = math.Exp(3.95) }), VerdictAmber, 69, PillarPhysical,
			[]Marker{MarkerRHR, MarkerHRV, MarkerRHRWithHRV}},
		{"HRV today far below is a warning", false, with(func(x *m) { x.hrv = math.Exp(3.9) }), VerdictAmber, 69, PillarPhysical, []Marker{MarkerHRV}},
		{"high stress is a note and the action", false, with(func(x *m) { x.stress = 8 }), VerdictGreen, 100, PillarStress, nil},
		{"soreness 7 is a caution", false, with(func(x *m) { x.soreness = 7 }), VerdictGreen, 90, PillarPhysical, []Marker{MarkerSoreness}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := History{CheckIns: append(steadyRunner(tc.lowWeek), tc.today.on(day(30)))}
			r := ComputeReadiness(NewMember("Ann", "UTC"), h, day(30))
			if r.Verdict != tc.verdict || r.Score != tc.score || r.Action.Pillar != tc.pillar {
				t.Errorf("got %s %d %q, want %s %d %q\n%+v", r.Verdict, r.Score, r.Action.Pillar, tc.verdict, tc.score, tc.pillar, r.Reasons)
			}
			var moved []Marker
			for _, x := range r.Moved() {
				moved = append(moved, x.Marker)
			}
			if !sameSet(moved, tc.moved) {
				t.Errorf("moved %v, want %v", moved, tc.moved)
			}
			if r.Action.Kind == "" || r.Action.Pillar == "" {
				t.Errorf("no action: %+v", r.Action)
			}
		})
	}
}

func sameSet[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[T]int{}
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

// reason returns the reason about marker, failing t if there is none.
func reason(t *testing.T, r Readiness, marker Marker) Reason {
	t.Helper()
	for _, x := range r.Reasons {
		if x.Marker == marker {
			return x
		}
	}
	t.Fatalf("no %s reason in %+v", marker, r.Reasons)
	return Reason{}
}

func TestReadinessReasonsCompareWithTheRunnersOwnBaseline(t *testing.T) {
	x := fine()
	x.rhr, x.sleep = 58, 6.5
	r := ComputeReadiness(NewMember("Ann", "UTC"), History{CheckIns: append(steadyRunner(false), x.on(day(30)))}, day(30))
	rhr := reason(t, r, MarkerRHR)
	if rhr.RHR.Today != 58 || rhr.RHR.Mornings != 28 || rhr.Source != SourceRHR || rhr.Level != LevelCaution {
		t.Errorf("RHR reason %+v", rhr)
	}
	near(t, "RHR baseline", rhr.RHR.Baseline, 50)
	near(t, "RHR delta", rhr.RHR.Delta, 8)
	sl := reason(t, r, MarkerSleep)
	if sl.Sleep.LastNight != 6.5 || sl.Sleep.Nights != 7 || sl.Source != SourceSleep || sl.Pillar != PillarSleep {
		t.Errorf("sleep reason %+v", sl)
	}
	near(t, "sleep mean", sl.Sleep.Mean7, (6*8.5+6.5)/7)
	near(t, "sleep debt", sl.Sleep.Debt, 0)
	if f := reason(t, r, MarkerFatigue); f.Score != (Score{Value: 3, Usual: 3, HasUsual: true}) || f.Level != LevelOK || f.Source != SourceSubjective {
		t.Errorf("fatigue reason %+v", f)
	}
	h := reason(t, r, MarkerHRV)
	lo, hi := h.HRV.RangeMS()
	if h.Source != SourceHRV || math.Round(lo) != 57 || math.Round(hi) != 63 || h.Level != LevelOK { // e^4.05 and e^4.15
		t.Errorf("HRV reason %+v, range %.1f–%.1f", h, lo, hi)
	}
	if r.Reasons[0].Level != LevelWarning {
		t.Errorf("most severe first: %+v", r.Reasons[0])
	}
	if r.Action != (Action{Kind: ActionBedtime, Pillar: PillarSleep, Bedtime: 21*60 + 30, Wake: 6*60 + 30}) {
		t.Errorf("sleep action uses the wake time: %+v", r.Action)
	}
	if r.Verdict != VerdictAmber || r.Score != 65 {
		t.Errorf("verdict %s %d", r.Verdict, r.Score)
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
		if x == (Missing{Kind: MissingRHRBaseline, Have: 3, Need: 5}) && x.Remaining() == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("missing %v", r.Missing)
	}
}

func TestReadinessWithNoHistory(t *testing.T) {
	r := ComputeReadiness(NewMember("Cy", "UTC"), History{}, day(0))
	if r.Verdict != VerdictUnknown || r.Score != 0 || len(r.Reasons) != 0 {
		t.Errorf("%+v", r)
	}
	want := []Missing{{Kind: MissingCheckIn}, {Kind: MissingRHRBaseline, Need: 5}, {Kind: MissingLoadRatio, Need: 28}}
	if fmt.Sprint(r.Missing) != fmt.Sprint(want) {
		t.Errorf("missing %v, want %v", r.Missing, want)
	}
	if r.Action.Kind != ActionCheckIn {
		t.Errorf("action %+v", r.Action)
	}
}

func TestReadinessWithOnlyUnjudgeableValuesHasNoVerdict(t *testing.T) {
	h := History{CheckIns: []CheckIn{m{mood: 6, stress: 3}.on(day(0))}}
	r := ComputeReadiness(NewMember("Di", "UTC"), h, day(0))
	if r.Verdict != VerdictUnknown || !r.Markers.HasCheckIn {
		t.Errorf("%s %+v", r.Verdict, r.Markers)
	}
	// A resting HR is judged as soon as it is given: too early, while its
	// baseline builds.
	h = History{CheckIns: []CheckIn{m{rhr: 50, mood: 6}.on(day(0))}}
	if r := ComputeReadiness(NewMember("Di", "UTC"), h, day(0)); r.Verdict != VerdictEarly || r.Score != 0 || len(r.Reasons) != 0 ||
		r.Action != (Action{Kind: ActionBuildBaseline, Mornings: 4}) {
		t.Errorf("first resting HR: %s %d %+v %+v", r.Verdict, r.Score, r.Reasons, r.Action)
	}
}

func TestReadinessShowsTheLoadDangerZoneAsANote(t *testing.T) {
	h := historyOfLoads(gabbettVector())
	h.CheckIns = append(mornings(20, 26, m{rhr: 50}), m{rhr: 50, sleep: 9}.on(day(27)))
	r := ComputeReadiness(NewMember("Ed", "UTC"), h, day(27))
	if r.Verdict != VerdictGreen {
		t.Errorf("load does not change the colour: %s", r.Verdict)
	}
	note := reason(t, r, MarkerLoad)
	if note.Level != LevelInfo || note.Load.Coupled || math.Abs(note.Load.Ratio-5.0/3) > 1e-9 || note.Source != SourceACWR {
		t.Errorf("load note %+v", note)
	}
	if LoadZoneOf(note.Load.Ratio) != ZoneDanger {
		t.Errorf("zone %s", LoadZoneOf(note.Load.Ratio))
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
	want := []Missing{{Kind: MissingHRVBaseline, Have: 10, Need: 14}, {Kind: MissingHRVWeek, Need: 3}, {Kind: MissingLoadRatio, Have: 21, Need: 28}}
	if fmt.Sprint(r.Missing) != fmt.Sprint(want) {
		t.Errorf("missing %v, want %v", r.Missing, want)
	}
	if r.Verdict != VerdictGreen {
		t.Errorf("RHR and sleep are judged while HRV builds: %s", r.Verdict)
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
		case VerdictUnknown, VerdictEarly:
			if r.Score != 0 {
				t.Fatalf("%s with score %d", r.Verdict, r.Score)
			}
		default:
			t.Fatalf("verdict %q", r.Verdict)
		}
		if r.Action.Kind == "" {
			t.Fatal("no action")
		}
		for _, x := range r.Reasons {
			if x.Marker == "" || x.Source == "" || x.Pillar == "" || !finite(x.RHR.Delta, x.HRV.TodayMS, x.HRV.Week7MS(), x.Sleep.Mean7, x.Sleep.Debt, x.Score.Usual, x.Load.Ratio) {
				t.Fatalf("reason %+v", x)
			}
		}
		w := WeeklySummary(NewMember("Fuzz", "UTC"), h, today)
		for _, fl := range w.Flags {
			e := fl.Evidence
			if fl.Code == "" || fl.Source == "" || !finite(e.Ratio, e.Acute, e.Chronic, e.Metres, e.PrevMetres, e.Change, e.Mean, e.PrevMean, e.Debt, e.Range.Lo, e.Range.Hi) {
				t.Fatalf("flag %+v", fl)
			}
		}
		if len(w.Flags) > 0 && w.Next.Kind == "" {
			t.Fatal("flags and nothing to do next week")
		}
	})
}

// finite reports whether every x is a number a reply can show.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func TestTooEarlyToJudgeWhileTheRHRBaselineBuilds(t *testing.T) {
	four := mornings(0, 3, m{rhr: 50, sleep: 8.5, fatigue: 3})
	with := func(x m) History { return History{CheckIns: append(append([]CheckIn{}, four...), x.on(day(4)))} }
	for _, tc := range []struct {
		name    string
		h       History
		verdict Verdict
		level   Level // of the provisional RHR reason; -1 for none
		action  ActionKind
	}{
		{"day 5, resting HR 62 against about 50: no green 100", with(m{rhr: 62, sleep: 8.5, fatigue: 3}), VerdictEarly, LevelWarning, ActionEasySwap},
		{"a rise of 6 is a provisional caution", with(m{rhr: 56, sleep: 8.5}), VerdictEarly, LevelCaution, ActionWarmUp},
		{"an ordinary morning is still too early", with(m{rhr: 51, sleep: 8.5}), VerdictEarly, LevelOK, ActionBuildBaseline},
		{"no resting HR today: still too early", with(m{sleep: 8.5}), VerdictEarly, -1, ActionBuildBaseline},
		{"sleep under 7 h needs no baseline: amber", with(m{rhr: 62, sleep: 6}), VerdictAmber, LevelWarning, ActionBedtime},
		{"a provisional warning is not a second warning", with(m{rhr: 62, sleep: 6, fatigue: 3}), VerdictAmber, LevelWarning, ActionBedtime},
		{"one morning is no mean to compare with", History{CheckIns: []CheckIn{m{rhr: 50}.on(day(3)), m{rhr: 70, sleep: 8.5}.on(day(4))}}, VerdictEarly, -1, ActionBuildBaseline},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ComputeReadiness(NewMember("Bo", "UTC"), tc.h, day(4))
			if r.Verdict != tc.verdict || r.Action.Kind != tc.action {
				t.Errorf("%s %d, action %+v; want %s, %s", r.Verdict, r.Score, r.Action, tc.verdict, tc.action)
			}
			var prov []Reason
			for _, x := range r.Reasons {
				if x.Provisional {
					prov = append(prov, x)
				}
			}
			if tc.level < 0 {
				if len(prov) != 0 {
					t.Errorf("provisional reasons %+v", prov)
				}
				return
			}
			if len(prov) != 1 || prov[0].Marker != MarkerRHR || prov[0].Level != tc.level || prov[0].RHR.Mornings != 4 {
				t.Fatalf("provisional reasons %+v", prov)
			}
			near(t, "mean of the mornings there are", prov[0].RHR.Baseline, 50)
			near(t, "delta", prov[0].RHR.Delta, float64(prov[0].RHR.Today)-50)
		})
	}
	r := ComputeReadiness(NewMember("Bo", "UTC"), with(m{rhr: 51, sleep: 8.5}), day(4))
	if r.Action.Mornings != 0 || r.Score != 0 {
		t.Errorf("with today's resting HR the baseline is ready tomorrow: %+v, score %d", r.Action, r.Score)
	}
	if r := ComputeReadiness(NewMember("Bo", "UTC"), History{CheckIns: mornings(0, 4, m{rhr: 50, sleep: 8.5})}, day(5)); r.Verdict != VerdictUnknown {
		t.Errorf("no check-in on day 6: %s", r.Verdict)
	}
	if r := ComputeReadiness(NewMember("Bo", "UTC"), History{CheckIns: mornings(0, 5, m{rhr: 50, sleep: 8.5})}, day(5)); r.Verdict != VerdictGreen || r.Score != 100 {
		t.Errorf("day 6 with 5 mornings behind it: %s %d", r.Verdict, r.Score)
	}
}

func TestUnratedRunsCountOnlyTheWeekTheyAreShownWith(t *testing.T) {
	var runs []Run
	for _, d := range []int{1, 10, 20, 25, 26} { // three in the 7 days ending day 26 (days 20–26), five in its 28
		runs = append(runs, Run{Date: day(d), Metres: 8000, Duration: 45 * time.Minute})
	}
	runs = append(runs, Run{Date: day(24), Metres: 8000, Duration: 45 * time.Minute, RPE: 4}, Run{Date: day(27), Metres: 8000, Duration: time.Hour})
	r := ComputeReadiness(NewMember("Cy", "UTC"), History{Runs: runs}, day(26))
	if r.Unrated7 != 3 || r.Load.Unrated != 5 {
		t.Errorf("unrated in 7 days %d (in 28: %d)", r.Unrated7, r.Load.Unrated)
	}
}
