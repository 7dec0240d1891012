package domain

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// patchyHistory is a member who checks in on most days, logs HRV only in some
// stretches, sometimes twice a day (merged) and sometimes with a value out of
// range (skipped), and runs with and without RPE, for minutes that are not
// whole. It starts at day(0).
func patchyHistory(days int, seed uint64) History {
	rng := rand.New(rand.NewPCG(seed, 11))
	var h History
	hrvOn := false
	for i := range days {
		d := day(i)
		if i%20 == 0 {
			hrvOn = rng.Float64() < 0.6
		}
		if rng.Float64() < 0.8 {
			x := m{rhr: 44 + rng.IntN(14), sleep: 5.5 + rng.Float64()*4}
			if hrvOn && rng.Float64() < 0.8 {
				x.hrv = 40 + rng.Float64()*50
			}
			c := x.on(d)
			if rng.Float64() < 0.05 {
				c.RHR = Ptr(200)
			}
			h.CheckIns = append(h.CheckIns, c)
			if rng.Float64() < 0.1 {
				h.CheckIns = append(h.CheckIns, m{rhr: 60}.on(d))
			}
		}
		for range rng.IntN(3) {
			rpe := 1 + rng.IntN(10)
			if rng.Float64() < 0.1 {
				rpe = 0
			}
			dur := time.Duration((20 + rng.Float64()*100) * float64(time.Minute))
			h.Runs = append(h.Runs, Run{Date: d, Metres: 10000, Duration: dur, RPE: rpe})
		}
	}
	return h
}

// same fails unless a sample is present exactly when want is, with a value
// within 1e-9 of it (running sums and fresh sums round differently).
func same(t *testing.T, what string, d Date, got Sample, want float64, present bool) {
	t.Helper()
	if got.OK != present {
		t.Fatalf("%s on %s: present %v, want %v (value %v)", what, d, got.OK, present, want)
	}
	if present && math.Abs(got.V-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Fatalf("%s on %s: %.12f, want %.12f", what, d, got.V, want)
	}
}

// checkDayAgainstSingleDay compares day k of tr with ComputeMarkers and
// ComputeLoad for that date.
func checkDayAgainstSingleDay(t *testing.T, h History, tr Trend, k int) {
	t.Helper()
	d := tr.Date(k)
	mk, ld := ComputeMarkers(h, d), ComputeLoad(h, d)
	same(t, "RHR", d, tr.RHR[k], float64(mk.RHR.Today), mk.RHR.HasToday)
	same(t, "RHR baseline", d, tr.RHRBaseline[k], mk.RHR.Baseline, !mk.RHR.Building)
	same(t, "HRV", d, tr.HRV[k], mk.HRV.TodayLn, mk.HRV.HasToday)
	same(t, "HRV mean", d, tr.HRVMean[k], mk.HRV.Mean, !mk.HRV.Building)
	same(t, "HRV SD", d, tr.HRVSD[k], mk.HRV.SD, !mk.HRV.Building)
	same(t, "HRV 7-day mean", d, tr.HRVWeek[k], mk.HRV.Week7Mean, mk.HRV.Week7N >= HRVMinWeek)
	if lo, hi, ok := tr.NormalRange(k); ok && (math.Abs(lo-mk.HRV.NormalLow()) > 1e-9 || math.Abs(hi-mk.HRV.NormalHigh()) > 1e-9) {
		t.Fatalf("normal range on %s: %v–%v, want %v–%v", d, lo, hi, mk.HRV.NormalLow(), mk.HRV.NormalHigh())
	}
	same(t, "sleep", d, tr.Sleep[k], mk.Sleep.LastNight, mk.Sleep.HasLastNight)
	same(t, "load", d, Sample{tr.Load[k], true}, ld.Today, true)
	same(t, "7-day load", d, tr.Load7[k], ld.ACWR.Acute, ld.Days >= 7)
	same(t, "28-day load", d, tr.Load28[k], ld.ACWRCoupled.Chronic, !ld.ACWRCoupled.Building)
	same(t, "ACWR", d, tr.ACWR[k], ld.ACWR.Ratio, !ld.ACWR.Building && ld.ACWR.Defined)
}

func TestTrendAgreesDayByDayWithTheSingleDayRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		seed     uint64
		from, to Date
	}{
		{"range starting before the first data", 1, day(-10), day(120)},
		{"26 weeks well into the history", 2, day(150), day(150 + 26*7 - 1)},
		{"one day", 3, day(90), day(90)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := patchyHistory(400, tc.seed)
			tr := ComputeTrend(h, tc.from, tc.to)
			if want := tc.to.DaysSince(tc.from) + 1; tr.Days() != want {
				t.Fatalf("%d days, want %d", tr.Days(), want)
			}
			for k := range tr.Days() {
				checkDayAgainstSingleDay(t, h, tr, k)
			}
		})
	}
}

func TestTrendLastDayEqualsTheSingleDayRulesOnEachEnd(t *testing.T) {
	h := patchyHistory(200, 4)
	from := day(20)
	for end := from; !end.After(day(199)); end = end.AddDays(1) {
		tr := ComputeTrend(h, from, end)
		checkDayAgainstSingleDay(t, h, tr, tr.Days()-1)
	}
}

// A member with more than two years of history still gets, on every day of
// the trend, the baseline that day's own view gives, though the trend's view
// reaches further back than any one day's.
func TestTrendOfALongSparseHistoryKeepsEachDaysLookback(t *testing.T) {
	var h History
	for i := 0; i < 1200; i += 45 { // one morning every 45 days: the baseline keeps looking back
		h.CheckIns = append(h.CheckIns, m{rhr: 40 + i%17}.on(day(i)))
	}
	tr := ComputeTrend(h, day(1000), day(1180))
	for k := range tr.Days() {
		checkDayAgainstSingleDay(t, h, tr, k)
	}
	if tr.RHRBaseline.Points() == 0 {
		t.Fatal("the test needs days with a baseline")
	}
}

func TestTrendDaysWithoutACheckInAreMissingNotZero(t *testing.T) {
	cis := mornings(0, 9, m{rhr: 50, sleep: 8, hrv: 60})
	cis = append(cis, m{sleep: 7}.on(day(11)), m{rhr: 52}.on(day(12)))
	h := History{CheckIns: cis, Runs: []Run{{Date: day(11), Duration: time.Hour, RPE: 7, Metres: 12000}}}
	tr := ComputeTrend(h, day(0), day(12))
	if tr.RHR[10].OK || tr.Sleep[10].OK || tr.HRV[10].OK {
		t.Errorf("day 10 has no check-in: RHR %+v sleep %+v HRV %+v", tr.RHR[10], tr.Sleep[10], tr.HRV[10])
	}
	if tr.RHR[11].OK || !tr.Sleep[11].OK || tr.Sleep[11].V != 7 {
		t.Errorf("day 11 logged sleep only: RHR %+v sleep %+v", tr.RHR[11], tr.Sleep[11])
	}
	if tr.Load[10] != 0 || tr.Load[11] != 420 {
		t.Errorf("loads %v: a day without a run is 0, 60 min at RPE 7 is 420", tr.Load[9:12])
	}
	if !tr.RHRBaseline[10].OK || tr.RHRBaseline[10].V != 50 {
		t.Errorf("the baseline goes on through a missed morning: %+v", tr.RHRBaseline[10])
	}
	if got := tr.RHR.Points(); got != 11 {
		t.Errorf("RHR points = %d, want 11", got)
	}
}

func TestTrendSaysWhichSeriesHaveNoPoints(t *testing.T) {
	rated := func(from, to int) []Run {
		var rs []Run
		for i := from; i <= to; i++ {
			rs = append(rs, Run{Date: day(i), Duration: 40 * time.Minute, RPE: 4, Metres: 8000})
		}
		return rs
	}
	for _, tc := range []struct {
		name string
		h    History
		want []TrendMissing
	}{
		{"no data at all", History{}, []TrendMissing{
			{Series: SeriesRHR, Need: 1}, {Series: SeriesRHRBaseline, Need: 5},
			{Series: SeriesHRV, Need: 1}, {Series: SeriesHRVRange, Need: 14}, {Series: SeriesHRVWeek, Need: 3, InWeek: true},
			{Series: SeriesSleep, Need: 1}, {Series: SeriesLoad, Need: 1},
			{Series: SeriesLoad7, Need: 7}, {Series: SeriesLoad28, Need: 28}, {Series: SeriesACWR, Need: 28},
		}},
		{"three mornings of RHR and sleep, a week of runs", History{CheckIns: mornings(4, 6, m{rhr: 50, sleep: 8}), Runs: rated(0, 6)}, []TrendMissing{
			{Series: SeriesRHRBaseline, Have: 3, Need: 5},
			{Series: SeriesHRV, Need: 1}, {Series: SeriesHRVRange, Need: 14}, {Series: SeriesHRVWeek, Need: 3, InWeek: true},
			{Series: SeriesLoad28, Have: 8, Need: 28}, {Series: SeriesACWR, Have: 8, Need: 28},
		}},
		{"HRV baseline full but the last week is thin", History{CheckIns: append(mornings(-40, -21, m{hrv: 60}), m{hrv: 55}.on(day(5))), Runs: rated(-30, 7)}, []TrendMissing{
			{Series: SeriesRHR, Need: 1}, {Series: SeriesRHRBaseline, Need: 5},
			{Series: SeriesHRVRange, Have: 1, Need: 3, InWeek: true}, {Series: SeriesHRVWeek, Have: 1, Need: 3, InWeek: true},
			{Series: SeriesSleep, Need: 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ComputeTrend(tc.h, day(0), day(7)).Missing
			if len(got) != len(tc.want) {
				t.Fatalf("missing %+v\nwant    %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("missing[%d] = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestTrendCountsUnratedRunsOfItsRangeOnly(t *testing.T) {
	h := History{Runs: []Run{
		{Date: day(0), Duration: time.Hour, Metres: 10000},            // before the range
		{Date: day(3), Duration: time.Hour, Metres: 10000},            // unrated
		{Date: day(4), Duration: time.Hour, Metres: 10000, RPE: 5},    // rated
		{Date: day(9), Duration: time.Hour, Metres: 10000},            // after the range
		{Date: day(5), Duration: 30 * time.Minute, Metres: 5000},      // unrated
		{Date: day(5), Duration: 30 * time.Minute, RPE: 3, Metres: 1}, // rated: 90
	}}
	tr := ComputeTrend(h, day(2), day(6))
	if tr.Unrated != 2 {
		t.Errorf("unrated = %d, want 2", tr.Unrated)
	}
	if tr.Load[2] != 300 || tr.Load[3] != 90 || tr.Load[1] != 0 {
		t.Errorf("loads %v, want [0 0 300 90 0]", tr.Load)
	}
}

func TestTrendOfAnEmptyRange(t *testing.T) {
	tr := ComputeTrend(patchyHistory(30, 5), day(10), day(9))
	if tr.Days() != 0 || len(tr.RHR) != 0 || tr.Missing != nil {
		t.Errorf("to before from: %d days, missing %v", tr.Days(), tr.Missing)
	}
}

// BenchmarkTrend26Weeks is the series behind a 26-week /trend over a year of
// history; BenchmarkTrendAsSingleDays26Weeks is the same facts asked day by
// day of ComputeMarkers and ComputeLoad, the cost the one pass avoids.
func BenchmarkTrend26Weeks(b *testing.B) {
	h := patchyHistory(365, 1)
	b.ReportAllocs()
	for b.Loop() {
		if ComputeTrend(h, day(364-181), day(364)).Days() != 182 {
			b.Fatal("wrong length")
		}
	}
}

func BenchmarkTrendAsSingleDays26Weeks(b *testing.B) {
	h := patchyHistory(365, 1)
	b.ReportAllocs()
	for b.Loop() {
		for d := day(364 - 181); !d.After(day(364)); d = d.AddDays(1) {
			_, _ = ComputeMarkers(h, d), ComputeLoad(h, d)
		}
	}
}
