package domain

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// day0 is the first day of the synthetic histories in these tests.
var day0 = Date{2026, time.January, 5}

func day(n int) Date { return day0.AddDays(n) }

// near fails unless got equals want to within 0.0005 (3 decimals).
func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 0.0005 || math.IsNaN(got) {
		t.Errorf("%s = %.6f, want %.4f", name, got, want)
	}
}

// runOfLoad returns a run on d whose session load is load AU (RPE 5).
func runOfLoad(d Date, load float64) Run {
	return Run{Date: d, Metres: load * 100, Duration: time.Duration(load / 5 * float64(time.Minute)), RPE: 5, Type: "easy"}
}

// historyOfLoads turns daily loads (0 = no run) starting at day(0) into runs.
func historyOfLoads(loads []float64) History {
	var h History
	for i, l := range loads {
		if l > 0 {
			h.Runs = append(h.Runs, runOfLoad(day(i), l))
		}
	}
	return h
}

func repeat(x float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = x
	}
	return out
}

// gabbettVector is science.md's ACWR vector: 30 for 21 days, then 50 for 7.
func gabbettVector() []float64 { return append(repeat(30, 21), repeat(50, 7)...) }

func TestSessionLoadIsRPETimesMinutes(t *testing.T) {
	for _, tc := range []struct {
		minutes, rpe int
		want         float64
	}{{60, 7, 420}, {75, 7, 525}, {30, 3, 90}, {45, 0, 0}} {
		r := Run{Duration: time.Duration(tc.minutes) * time.Minute, RPE: tc.rpe}
		near(t, "load", SessionLoad(r), tc.want)
	}
}

func TestDailyLoadsSumsSessionsAndLeavesMissingDaysAtZero(t *testing.T) {
	runs := []Run{
		{Date: day(0), Duration: 60 * time.Minute, RPE: 7},
		{Date: day(0), Duration: 30 * time.Minute, RPE: 3},
		{Date: day(3), Duration: 75 * time.Minute, RPE: 7},
		{Date: day(9), Duration: 75 * time.Minute, RPE: 7}, // outside the range
	}
	got := DailyLoads(runs, day(0), day(4))
	want := []float64{510, 0, 0, 525, 0}
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	for i := range want {
		near(t, "day", got[i], want[i])
	}
	if DailyLoads(runs, day(4), day(0)) != nil {
		t.Error("an inverted range must give no days")
	}
}

func TestRollingACWRMatchesScienceVector(t *testing.T) {
	loads := gabbettVector()
	c := RollingACWR(loads, true)
	near(t, "coupled ratio", c.Ratio, 1.4286)
	near(t, "coupled chronic", c.Chronic, 35)
	near(t, "acute", c.Acute, 50)
	u := RollingACWR(loads, false)
	near(t, "uncoupled ratio", u.Ratio, 1.6667)
	near(t, "uncoupled chronic", u.Chronic, 30)
	if u.Building || !u.Defined || u.Coupled || !c.Coupled {
		t.Errorf("flags wrong: %+v %+v", u, c)
	}
	if u.Zone() != ZoneDanger || c.Zone() != ZoneAboveSweet {
		t.Errorf("zones %q %q", u.Zone(), c.Zone())
	}
}

func TestEWMAMatchesScienceVector(t *testing.T) {
	e := EWMAACWR(gabbettVector())
	near(t, "acute", e.Acute, 47.3303)
	near(t, "chronic", e.Chronic, 37.8720)
	near(t, "ratio", e.Ratio, 1.2497)
	near(t, "lambda 7", EWMALambda(7), 0.25)
	near(t, "lambda 28", EWMALambda(28), 0.0690)
	if e.Building {
		t.Error("28 days is enough history")
	}
}

func TestComputeLoadFromRunsMatchesScienceVectors(t *testing.T) {
	h := historyOfLoads(gabbettVector())
	s := ComputeLoad(h, day(27))
	near(t, "uncoupled", s.ACWR.Ratio, 1.6667)
	near(t, "coupled", s.ACWRCoupled.Ratio, 1.4286)
	near(t, "ewma ratio", s.EWMA.Ratio, 1.2497)
	near(t, "today", s.Today, 50)
	if s.Days != 28 {
		t.Errorf("days = %d, want 28", s.Days)
	}
}

func TestACWRNeeds28DaysOfHistory(t *testing.T) {
	for _, tc := range []struct {
		days     int
		building bool
	}{{0, true}, {1, true}, {7, true}, {27, true}, {28, false}, {60, false}} {
		a := RollingACWR(repeat(40, tc.days), false)
		if a.Building != tc.building || a.Days != tc.days {
			t.Errorf("%d days: building %v, want %v", tc.days, a.Building, tc.building)
		}
		if !tc.building {
			near(t, "steady ratio", a.Ratio, 1)
		}
		if e := EWMAACWR(repeat(40, tc.days)); e.Building != tc.building {
			t.Errorf("%d days: EWMA building %v", tc.days, e.Building)
		}
	}
}

func TestACWRWithNoChronicLoadHasNoRatio(t *testing.T) {
	loads := append(repeat(0, 21), repeat(50, 7)...)
	u := RollingACWR(loads, false)
	if u.Defined || u.Ratio != 0 {
		t.Errorf("uncoupled over a zero chronic load must be undefined: %+v", u)
	}
	if c := RollingACWR(loads, true); !c.Defined {
		t.Errorf("coupled includes the acute week, so it is defined: %+v", c)
	}
	if e := EWMAACWR(repeat(0, 30)); e.Defined {
		t.Errorf("EWMA of zeros must be undefined: %+v", e)
	}
}

func TestMonotonyMatchesScienceVector(t *testing.T) {
	m := WeekMonotony([]float64{0, 111, 58, 39, 68, 99, 76})
	near(t, "sum", m.Sum, 451)
	near(t, "mean", m.Mean, 64.429)
	near(t, "sd", m.SD, 34.537)
	near(t, "monotony", m.Monotony, 1.865)
	if math.Abs(m.Strain-841.3) > 0.05 {
		t.Errorf("strain = %.3f, want 841.3", m.Strain)
	}
	if m.Capped || m.High() {
		t.Errorf("1.865 is neither capped nor high: %+v", m)
	}
}

func TestMonotonyCapsAtTenWhenLoadsDoNotVary(t *testing.T) {
	rest := WeekMonotony(repeat(0, 7))
	if rest.Monotony != MonotonyCap || !rest.Capped || rest.Strain != 0 || rest.High() {
		t.Errorf("a rest week is capped but not flagged: %+v", rest)
	}
	same := WeekMonotony(repeat(60, 7))
	if same.Monotony != MonotonyCap || !same.High() {
		t.Errorf("the same load every day is maximal monotony: %+v", same)
	}
	near(t, "strain", same.Strain, 4200)
	nearlySame := WeekMonotony([]float64{60, 60, 60, 60, 60, 60, 61})
	if nearlySame.Monotony != MonotonyCap {
		t.Errorf("mean/SD above 10 is capped too: %+v", nearlySame)
	}
	if WeekMonotony(nil) != (Monotony{}) {
		t.Error("no days gives the zero value")
	}
}

func TestFitnessFormFollowsTheRecursion(t *testing.T) {
	f := FitnessForm([]float64{420})
	near(t, "ctl", f.CTL, 10)
	near(t, "atl", f.ATL, 60)
	near(t, "form", f.Form, 0)
	f = FitnessForm([]float64{420, 0})
	near(t, "form is yesterday's ctl-atl", f.Form, -50)
	near(t, "ctl day 2", f.CTL, 10*41.0/42)
	long := FitnessForm(repeat(100, 2000))
	near(t, "ctl converges", long.CTL, 100)
	near(t, "atl converges", long.ATL, 100)
}

func TestWeeklyDistanceAndTheThirtyPercentJump(t *testing.T) {
	prev := []Run{{Date: day(0), Metres: 50_000}, {Date: day(6), Metres: 50_000}}
	for _, tc := range []struct {
		metres float64
		jump   bool
		change float64
	}{{130_000, false, 0.30}, {130_100, true, 0.301}, {80_000, false, -0.20}} {
		runs := append(append([]Run{}, prev...), Run{Date: day(10), Metres: tc.metres})
		w := WeeklyDistance(runs, day(13))
		near(t, "change", w.Change, tc.change)
		if w.Jump() != tc.jump || !w.HasPrev || w.PrevMetres != 100_000 {
			t.Errorf("%v m: %+v jump %v", tc.metres, w, w.Jump())
		}
	}
	if w := WeeklyDistance([]Run{{Date: day(13), Metres: 9000}}, day(13)); w.HasPrev || w.Jump() {
		t.Errorf("a first week has nothing to compare with: %+v", w)
	}
}

func TestRunSpikesCompareWithTheLongestRunOfThePrevious30Days(t *testing.T) {
	base := []Run{
		{Date: day(0), Metres: 40_000},  // 31 days before day 31: outside the window
		{Date: day(1), Metres: 20_000},  // 30 days before day 31: inside
		{Date: day(20), Metres: 15_000}, // inside
	}
	for _, tc := range []struct {
		name   string
		run    Run
		spike  bool
		before float64
	}{
		{"exactly 10% longer is not a spike", Run{Date: day(31), Metres: 22_000}, false, 0},
		{"more than 10% longer is", Run{Date: day(31), Metres: 22_100}, true, 20_000},
		{"a run 31 days back does not count", Run{Date: day(31), Metres: 30_000}, true, 20_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := RunSpikes(append(append([]Run{}, base...), tc.run), day(31), day(31))
			if (len(got) == 1) != tc.spike {
				t.Fatalf("spikes = %+v", got)
			}
			if tc.spike && got[0].LongestBefore != tc.before {
				t.Errorf("longest before = %v, want %v", got[0].LongestBefore, tc.before)
			}
		})
	}
	sameDay := []Run{{Date: day(5), Metres: 5000}, {Date: day(5), Metres: 30_000}}
	if got := RunSpikes(sameDay, day(5), day(5)); len(got) != 0 {
		t.Errorf("runs of the same day or with no earlier run are not spikes: %+v", got)
	}
}

func TestComputeLoadWithNoHistoryIsAllBuilding(t *testing.T) {
	s := ComputeLoad(History{}, day(0))
	if s.Days != 0 || !s.ACWR.Building || !s.EWMA.Building || s.Today != 0 || len(s.Spikes) != 0 {
		t.Errorf("empty history: %+v", s)
	}
}

func TestComputeLoadOnASingleDay(t *testing.T) {
	s := ComputeLoad(History{Runs: []Run{{Date: day(0), Metres: 10_000, Duration: time.Hour, RPE: 7}}}, day(0))
	near(t, "today", s.Today, 420)
	near(t, "ewma acute", s.EWMA.Acute, 420)
	near(t, "ewma chronic", s.EWMA.Chronic, 420)
	if s.Days != 1 || !s.ACWR.Building || !s.EWMA.Building {
		t.Errorf("one day is building: %+v", s)
	}
	near(t, "week sum", s.Monotony.Sum, 420)
}

func TestComputeLoadTreatsGapsAsRestAndIgnoresTheFuture(t *testing.T) {
	loads := make([]float64, 40)
	for i := 0; i < 40; i += 3 { // a run every third day, nothing logged between
		loads[i] = 60
	}
	h := historyOfLoads(loads)
	h.Runs = append(h.Runs, runOfLoad(day(40), 5000))                                     // after "today"
	h.Runs = append(h.Runs, Run{Date: day(38), Metres: 5000, Duration: 30 * time.Minute}) // unrated
	s := ComputeLoad(h, day(39))
	want := RollingACWR(loads, false)
	near(t, "ratio", s.ACWR.Ratio, want.Ratio)
	near(t, "acute", s.ACWR.Acute, 60*3/7.0) // runs on days 33, 36 and 39
	near(t, "today", s.Today, 60)
	if s.Unrated != 1 {
		t.Errorf("unrated = %d, want 1", s.Unrated)
	}
	if s.Days != 40 {
		t.Errorf("days = %d, want 40", s.Days)
	}
}

// closedFormEWMA is E_t = (1-λ)^(t-1)·L_1 + Σ_{k=2..t} λ(1-λ)^(t-k)·L_k.
func closedFormEWMA(loads []float64, n int) float64 {
	l := EWMALambda(n)
	t := len(loads)
	e := math.Pow(1-l, float64(t-1)) * loads[0]
	for k := 1; k < t; k++ {
		e += l * math.Pow(1-l, float64(t-1-k)) * loads[k]
	}
	return e
}

func TestEWMARecursionAgreesWithClosedForm(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		loads := make([]float64, 1+rng.IntN(120))
		for i := range loads {
			if rng.Float64() < 0.7 {
				loads[i] = rng.Float64() * 900
			}
		}
		for _, n := range []int{7, 28, 42} {
			got, want := EWMA(loads, n), closedFormEWMA(loads, n)
			if math.Abs(got-want) > 1e-9*math.Max(1, want) {
				t.Fatalf("trial %d N=%d: recursive %.12f, closed form %.12f", trial, n, got, want)
			}
		}
	}
}

func TestIncrementalACWRAgreesWithRecomputedWindows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 50; trial++ {
		loads := make([]float64, rng.IntN(100))
		for i := range loads {
			if rng.Float64() < 0.6 {
				loads[i] = float64(rng.IntN(800))
			}
		}
		for _, coupled := range []bool{false, true} {
			series := ACWRSeries(loads, coupled)
			for i := range loads {
				full := RollingACWR(loads[:i+1], coupled)
				want := 0.0
				if !full.Building && full.Defined {
					want = full.Ratio
				}
				if math.Abs(series[i]-want) > 1e-9 {
					t.Fatalf("trial %d day %d coupled %v: incremental %.12f, recomputed %.12f", trial, i, coupled, series[i], want)
				}
			}
		}
		sums := rollingSums(loads, 7)
		for i := range loads {
			want := 0.0
			for j := max(0, i-6); j <= i; j++ {
				want += loads[j]
			}
			if math.Abs(sums[i]-want) > 1e-9 {
				t.Fatalf("rolling sum day %d: %v, want %v", i, sums[i], want)
			}
		}
	}
}

func TestACWRZonesAtTheirBoundaries(t *testing.T) {
	for _, tc := range []struct {
		ratio float64
		zone  LoadZone
	}{{0.79, ZoneUnderLoading}, {0.8, ZoneSweetSpot}, {1.3, ZoneSweetSpot}, {1.31, ZoneAboveSweet}, {1.49, ZoneAboveSweet}, {1.5, ZoneDanger}, {3, ZoneDanger}} {
		if got := (ACWR{Ratio: tc.ratio}).Zone(); got != tc.zone {
			t.Errorf("%.2f: %q, want %q", tc.ratio, got, tc.zone)
		}
	}
	if EWMA(nil, 7) != 0 || mean(nil) != 0 {
		t.Error("empty series give 0")
	}
}
