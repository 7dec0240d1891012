package domain

import "math"

// Sample is one day's value of a series; OK is false on a day that has none.
type Sample struct {
	V  float64
	OK bool
}

// Series holds one sample a day over a trend's range, index 0 being its first
// day. A day without a value is missing (OK false), never zero.
type Series []Sample

// Points counts the days that have a value.
func (s Series) Points() int {
	n := 0
	for _, x := range s {
		if x.OK {
			n++
		}
	}
	return n
}

// TrendSeries names one series of a Trend.
type TrendSeries int

// The series of a Trend, in the order of the picture's panels.
const (
	SeriesRHR TrendSeries = iota
	SeriesRHRBaseline
	SeriesHRV
	SeriesHRVRange
	SeriesHRVWeek
	SeriesSleep
	SeriesLoad
	SeriesLoad7
	SeriesLoad28
	SeriesACWR
)

// TrendMissing is a series with no point in the trend's range, and what its
// rule still needs on the range's last day. Have and Need count:
//   - SeriesRHR, SeriesHRV, SeriesSleep: readings in the range (Need 1);
//   - SeriesLoad: runs with an RPE in the range (Need 1);
//   - SeriesRHRBaseline: valid mornings before To (Need 5);
//   - SeriesHRVRange: HRV readings in the 60 days before To (Need 14); once
//     those are there, readings in the 7 days ending To (Need 3), with InWeek set;
//   - SeriesHRVWeek: readings in the 7 days ending To (Need 3, InWeek set);
//   - SeriesLoad7, SeriesLoad28, SeriesACWR: days of history up to To (Need 7, 28, 28).
type TrendMissing struct {
	Series     TrendSeries
	Have, Need int
	InWeek     bool
}

// Trend is one member's daily series from From to To, the facts behind the
// /trend picture. Each day's values are what ComputeMarkers and ComputeLoad
// give for that day, so the picture and the sentences never disagree.
type Trend struct {
	From, To Date
	// RHR is each morning's resting HR in bpm; RHRBaseline that day's baseline
	// (the mean of the last 28 valid mornings before it), present from 5 mornings.
	RHR, RHRBaseline Series
	// HRV is each morning's ln(rMSSD). HRVMean and HRVSD are the day's 60-day
	// baseline (population SD), present once it has 14 readings and 3 in the
	// last 7 days; the normal range is HRVMean ± 0.5 HRVSD (NormalRange).
	// HRVWeek is the mean ln(rMSSD) of the 7 days ending that day, present
	// when they hold 3 readings.
	HRV, HRVMean, HRVSD, HRVWeek Series
	// Sleep is last night's sleep in hours.
	Sleep Series
	// Load is each day's session load (RPE × minutes; 0 without a rated run).
	// Load7 and Load28 are the mean daily load of the 7 and 28 days ending that
	// day, present from 7 and 28 days of history; ACWR is the uncoupled rolling
	// ratio, present from 28 days while the chronic load is not 0.
	Load          []float64
	Load7, Load28 Series
	ACWR          Series
	// Unrated counts the runs in the range logged without RPE (not in Load).
	Unrated int
	// Missing lists the series with no point in the range; empty when each has one.
	Missing []TrendMissing
}

// Days is the number of days in the range.
func (t Trend) Days() int { return len(t.Load) }

// Date returns the date of day i of the range.
func (t Trend) Date(i int) Date { return t.From.AddDays(i) }

// NormalRange returns day i's HRV normal range on ln(rMSSD), baseline ± 0.5 SD.
func (t Trend) NormalRange(i int) (lo, hi float64, ok bool) {
	m, sd := t.HRVMean[i], t.HRVSD[i]
	if !m.OK || !sd.OK {
		return 0, 0, false
	}
	return m.V - 0.5*sd.V, m.V + 0.5*sd.V, true
}

// HasLoad reports whether any day of the range had a rated run.
func (t Trend) HasLoad() bool {
	for _, x := range t.Load {
		if x > 0 {
			return true
		}
	}
	return false
}

// Lacks reports whether series s has no point in the range.
func (t Trend) Lacks(s TrendSeries) bool {
	for _, m := range t.Missing {
		if m.Series == s {
			return true
		}
	}
	return false
}

// ComputeTrend computes the member's daily series from from to to inclusive
// (empty when to is before from). It builds one day-indexed view of the
// history and walks it once, so 26 weeks cost about what one readiness does.
func ComputeTrend(h History, from, to Date) Trend {
	t := Trend{From: from, To: to}
	days := to.DayNumber() - from.DayNumber() + 1
	if days <= 0 {
		t.Load = []float64{}
		return t
	}
	v := newDayViewSince(h, from.DayNumber()-MaxHistoryDays+1, to)
	for _, p := range []*Series{&t.RHR, &t.RHRBaseline, &t.HRV, &t.HRVMean, &t.HRVSD, &t.HRVWeek, &t.Sleep, &t.Load7, &t.Load28, &t.ACWR} {
		*p = make(Series, days)
	}
	t.Load = make([]float64, days)
	acute, long := rollingSums(v.loads, 7), rollingSums(v.loads, 28)
	off := from.DayNumber() - v.first // view index of the range's first day
	for k := range days {
		j := off + k
		if j < 0 {
			continue // before the member's first data: nothing to show
		}
		c := v.ci[j]
		if c != nil && validRHR(c) {
			t.RHR[k] = Sample{float64(*c.RHR), true}
		}
		if b, n := v.rhrBaseline(j); n >= RHRMinMornings {
			t.RHRBaseline[k] = Sample{b, true}
		}
		if hs := v.hrvAt(j); hs.Used {
			if hs.HasToday {
				t.HRV[k] = Sample{hs.TodayLn, true}
			}
			if !hs.Building {
				t.HRVMean[k], t.HRVSD[k] = Sample{hs.Mean, true}, Sample{hs.SD, true}
			}
			if hs.Week7N >= HRVMinWeek {
				t.HRVWeek[k] = Sample{hs.Week7Mean, true}
			}
		}
		if c != nil && validSleep(c) {
			t.Sleep[k] = Sample{*c.SleepHours, true}
		}
		t.Load[k] = v.loads[j]
		if j+1 >= 7 {
			t.Load7[k] = Sample{math.Max(0, acute[j]/7), true}
		}
		if j+1 >= ACWRDays {
			t.Load28[k] = Sample{math.Max(0, long[j]/28), true}
		}
		if r, ok := acwrAt(acute, long, j, false); ok {
			t.ACWR[k] = Sample{r, true}
		}
	}
	fromN := from.DayNumber()
	for i, r := range v.runs {
		if v.runDays[i] >= fromN && r.RPE <= 0 {
			t.Unrated++
		}
	}
	t.Missing = v.trendMissing(t)
	return t
}

// trendMissing lists the series of t that have no point, with what their
// rules count on the view's last day (the range's end).
func (v *dayView) trendMissing(t Trend) []TrendMissing {
	var out []TrendMissing
	add := func(s TrendSeries, have, need int, week bool) {
		out = append(out, TrendMissing{Series: s, Have: have, Need: need, InWeek: week})
	}
	if t.RHR.Points() == 0 {
		add(SeriesRHR, 0, 1, false)
	}
	if t.RHRBaseline.Points() == 0 {
		_, n := v.rhrBaseline(v.n - 1)
		add(SeriesRHRBaseline, n, RHRMinMornings, false)
	}
	hs := v.hrvAt(v.n - 1)
	if t.HRV.Points() == 0 {
		add(SeriesHRV, 0, 1, false)
	}
	if t.HRVMean.Points() == 0 {
		if hs.BaselineN < HRVMinBaseline {
			add(SeriesHRVRange, hs.BaselineN, HRVMinBaseline, false)
		} else {
			add(SeriesHRVRange, hs.Week7N, HRVMinWeek, true)
		}
	}
	if t.HRVWeek.Points() == 0 {
		add(SeriesHRVWeek, hs.Week7N, HRVMinWeek, true)
	}
	if t.Sleep.Points() == 0 {
		add(SeriesSleep, 0, 1, false)
	}
	if !t.HasLoad() {
		add(SeriesLoad, 0, 1, false)
	}
	if t.Load7.Points() == 0 {
		add(SeriesLoad7, v.n, 7, false)
	}
	if t.Load28.Points() == 0 {
		add(SeriesLoad28, v.n, ACWRDays, false)
	}
	if t.ACWR.Points() == 0 {
		add(SeriesACWR, v.n, ACWRDays, false)
	}
	return out
}
