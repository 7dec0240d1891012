package domain

import "math"

// History is what runclub knows about one member: check-ins and runs, oldest
// first as the repositories return them. The computations do not depend on
// the order or on one check-in per date (same-date check-ins are merged in
// order), so callers may pass any slice the storage gives them.
type History struct {
	CheckIns []CheckIn
	Runs     []Run
}

// MaxHistoryDays bounds how far back a computation looks. Every rule in
// science.md needs at most 60 days, and the EWMA's weight on a day two years
// back is below 1e-20, so older data cannot change an answer.
const MaxHistoryDays = 2 * 365

// Thresholds of the training-load rules (science.md, "Training load").
const (
	// ACWRDays is the history the rolling ACWR needs (Gabbett 2016).
	ACWRDays = 28
	// ACWRSweetLow and ACWRSweetHigh bound the sweet spot; ACWRDanger starts the danger zone.
	ACWRSweetLow  = 0.8
	ACWRSweetHigh = 1.3
	ACWRDanger    = 1.5
	// MonotonyHigh is Foster's line for high monotony; MonotonyCap is used when SD = 0.
	MonotonyHigh = 2.0
	MonotonyCap  = 10.0
	// WeeklyJumpLimit is Nielsen 2014's > 30% week-on-week progression.
	WeeklyJumpLimit = 0.30
	// SpikeRatio is Garmin-RUNSAFE's "more than 10% longer than the longest run of the previous 30 days".
	SpikeRatio = 1.10
	// SpikeLookbackDays is the window of that comparison.
	SpikeLookbackDays = 30
)

// SessionLoad is Foster's session load in arbitrary units: session RPE
// (CR-10) × minutes. A run logged without RPE has no load we can honestly
// compute, so it counts 0 and callers report it as unrated.
func SessionLoad(r Run) float64 {
	if r.RPE <= 0 {
		return 0
	}
	return float64(r.RPE) * r.Minutes()
}

// DailyLoads returns the daily load of each date from..to inclusive (index 0 is
// from). A day with no run has load 0; runs outside the range are ignored.
func DailyLoads(runs []Run, from, to Date) []float64 {
	f, t := from.DayNumber(), to.DayNumber()
	if t < f {
		return nil
	}
	out := make([]float64, t-f+1)
	for _, r := range runs {
		if i := r.Date.DayNumber() - f; i >= 0 && i < len(out) {
			out[i] += SessionLoad(r)
		}
	}
	return out
}

// WeekDistance is the distance of the 7 days ending End against the 7 days before.
type WeekDistance struct {
	End Date
	// Metres is End-6..End; PrevMetres is End-13..End-7.
	Metres, PrevMetres float64
	// Change is (Metres-PrevMetres)/PrevMetres; meaningful only when HasPrev.
	Change  float64
	HasPrev bool
}

// Jump reports a week-on-week increase over 30%, the progression Nielsen et
// al. (2014) linked to more injuries. The popular 10% rule is only a heuristic.
func (w WeekDistance) Jump() bool { return w.HasPrev && w.Change > WeeklyJumpLimit }

// WeeklyDistance sums the distance of the week ending end and the week before it.
func WeeklyDistance(runs []Run, end Date) WeekDistance {
	return weeklyDistance(runs, runDayNumbers(runs), end)
}

// runDayNumbers returns each run's DayNumber, so loops need not recompute it.
func runDayNumbers(runs []Run) []int {
	out := make([]int, len(runs))
	for i, r := range runs {
		out[i] = r.Date.DayNumber()
	}
	return out
}

func weeklyDistance(runs []Run, days []int, end Date) WeekDistance {
	e := end.DayNumber()
	w := WeekDistance{End: end}
	for i, r := range runs {
		switch ago := e - days[i]; {
		case ago >= 0 && ago < 7:
			w.Metres += r.Metres
		case ago >= 7 && ago < 14:
			w.PrevMetres += r.Metres
		}
	}
	if w.PrevMetres > 0 {
		w.HasPrev = true
		w.Change = (w.Metres - w.PrevMetres) / w.PrevMetres
	}
	return w
}

// RunSpike is a run more than 10% longer than the longest run of the 30 days before it.
type RunSpike struct {
	Run Run
	// LongestBefore is the longest run in metres of the 30 days before Run.Date.
	LongestBefore float64
	// Ratio is Run.Metres / LongestBefore.
	Ratio float64
}

// RunSpikes finds the spikes among the runs dated from..to. A run with no run
// in the 30 days before it has nothing to compare with and is not a spike.
func RunSpikes(runs []Run, from, to Date) []RunSpike {
	return runSpikes(runs, runDayNumbers(runs), from.DayNumber(), to.DayNumber())
}

func runSpikes(runs []Run, days []int, f, t int) []RunSpike {
	var out []RunSpike
	for i, r := range runs {
		d := days[i]
		if d < f || d > t {
			continue
		}
		longest := 0.0
		for j, p := range runs {
			if ago := d - days[j]; ago >= 1 && ago <= SpikeLookbackDays && p.Metres > longest {
				longest = p.Metres
			}
		}
		if longest > 0 && r.Metres > SpikeRatio*longest {
			out = append(out, RunSpike{Run: r, LongestBefore: longest, Ratio: r.Metres / longest})
		}
	}
	return out
}

// ACWR is a rolling acute:chronic workload ratio (Gabbett 2016).
type ACWR struct {
	// Acute is the mean daily load of the last 7 days; Chronic that of the
	// last 28 days (coupled) or of days t-27..t-7 (uncoupled).
	Acute, Chronic, Ratio float64
	Coupled               bool
	// Days is how many days of history there were; Building is true below ACWRDays.
	Days     int
	Building bool
	// Defined is false when the chronic load is 0 and no ratio exists.
	Defined bool
}

// Zone names where the ratio lies: "under-loading", "sweet spot",
// "above the sweet spot" or "danger zone".
func (a ACWR) Zone() string { return acwrZone(a.Ratio) }

func acwrZone(r float64) string {
	switch {
	case r >= ACWRDanger:
		return "danger zone"
	case r > ACWRSweetHigh:
		return "above the sweet spot"
	case r >= ACWRSweetLow:
		return "sweet spot"
	default:
		return "under-loading"
	}
}

// Kind says "uncoupled" or "coupled", so a reply can say which ratio it shows.
func (a ACWR) Kind() string {
	if a.Coupled {
		return "coupled"
	}
	return "uncoupled"
}

// RollingACWR computes the ratio for the last day of loads, where loads holds
// one value per day of the member's history, oldest first. runclub reports
// the uncoupled ratio by default, since the coupled one counts the acute week
// in both terms.
func RollingACWR(loads []float64, coupled bool) ACWR {
	a := ACWR{Coupled: coupled, Days: len(loads)}
	if len(loads) < ACWRDays {
		a.Building = true
		if len(loads) >= 7 {
			a.Acute = mean(loads[len(loads)-7:])
		}
		return a
	}
	n := len(loads)
	a.Acute = mean(loads[n-7:])
	if coupled {
		a.Chronic = mean(loads[n-28:])
	} else {
		a.Chronic = mean(loads[n-28 : n-7])
	}
	if a.Chronic > 0 {
		a.Defined = true
		a.Ratio = a.Acute / a.Chronic
	}
	return a
}

// ACWRSeries returns the rolling ratio for every day of loads (0 where it is
// not defined yet). It keeps running sums instead of re-adding each window,
// which is what makes a chart of a year cheap; tests check it against RollingACWR.
func ACWRSeries(loads []float64, coupled bool) []float64 {
	out := make([]float64, len(loads))
	acute := rollingSums(loads, 7)
	long := rollingSums(loads, 28)
	for i := ACWRDays - 1; i < len(loads); i++ {
		chronic := long[i] / 28
		if !coupled {
			chronic = (long[i] - acute[i]) / 21
		}
		if chronic > 0 {
			out[i] = (acute[i] / 7) / chronic
		}
	}
	return out
}

// rollingSums returns, for each i, the sum of xs[i-w+1..i] (fewer at the start).
func rollingSums(xs []float64, w int) []float64 {
	out := make([]float64, len(xs))
	s := 0.0
	for i, x := range xs {
		s += x
		if i >= w {
			s -= xs[i-w]
		}
		out[i] = s
	}
	return out
}

// EWMALambda is the decay 2/(N+1) of Williams et al. (2017): 0.25 for N = 7.
func EWMALambda(n int) float64 { return 2 / float64(n+1) }

// EWMA is the exponentially weighted moving average of loads with N-day
// decay, seeded with the first day's load: E_t = λ·L_t + (1-λ)·E_{t-1}.
func EWMA(loads []float64, n int) float64 {
	if len(loads) == 0 {
		return 0
	}
	l := EWMALambda(n)
	e := loads[0]
	for _, x := range loads[1:] {
		e = l*x + (1-l)*e
	}
	return e
}

// EWMARatio is the EWMA acute:chronic ratio (acute N = 7, chronic N = 28).
type EWMARatio struct {
	Acute, Chronic, Ratio float64
	Days                  int
	// Building is true below ACWRDays of history: the chronic average is still
	// mostly its seed.
	Building bool
	Defined  bool
}

// EWMAACWR computes the EWMA ratio for the last day of loads (one per day, oldest first).
func EWMAACWR(loads []float64) EWMARatio {
	r := EWMARatio{Days: len(loads), Building: len(loads) < ACWRDays}
	if len(loads) == 0 {
		return r
	}
	r.Acute, r.Chronic = EWMA(loads, 7), EWMA(loads, 28)
	if r.Chronic > 0 {
		r.Defined = true
		r.Ratio = r.Acute / r.Chronic
	}
	return r
}

// Monotony is Foster's training monotony and strain of one week of daily loads.
type Monotony struct {
	Sum, Mean, SD float64
	// Monotony is Mean/SD (population SD), capped at MonotonyCap.
	Monotony float64
	// Strain is Sum × Monotony.
	Strain float64
	// Capped is true when SD was 0 (or the ratio exceeded the cap).
	Capped bool
}

// High reports monotony over 2.0 in a week that had any load. A week of pure
// rest has SD 0 and so the capped monotony, but nothing about it is monotonous
// training, so it is not flagged.
func (m Monotony) High() bool { return m.Sum > 0 && m.Monotony > MonotonyHigh }

// WeekMonotony computes monotony and strain of daily loads (normally 7, rest days 0).
func WeekMonotony(week []float64) Monotony {
	var m Monotony
	if len(week) == 0 {
		return m
	}
	for _, x := range week {
		m.Sum += x
	}
	m.Mean = m.Sum / float64(len(week))
	ss := 0.0
	for _, x := range week {
		ss += (x - m.Mean) * (x - m.Mean)
	}
	m.SD = math.Sqrt(ss / float64(len(week)))
	if m.SD < 1e-9 || m.Mean/m.SD > MonotonyCap {
		m.Monotony, m.Capped = MonotonyCap, true
	} else {
		m.Monotony = m.Mean / m.SD
	}
	m.Strain = m.Sum * m.Monotony
	return m
}

// Form is the TrainingPeaks-style fitness (CTL, 42 days), fatigue (ATL,
// 7 days) and form, all starting from 0 before the first day.
type Form struct {
	CTL, ATL float64
	// Form is yesterday's CTL − ATL, the usual definition of "form today".
	Form float64
}

// FitnessForm runs CTL_t = CTL_{t-1} + (L_t − CTL_{t-1})/42 and ATL with 7
// over loads (one per day, oldest first).
func FitnessForm(loads []float64) Form {
	var f Form
	for _, x := range loads {
		f.Form = f.CTL - f.ATL
		f.CTL += (x - f.CTL) / 42
		f.ATL += (x - f.ATL) / 7
	}
	return f
}

// LoadStatus gathers every training-load number for one member on one date.
type LoadStatus struct {
	Date Date
	// Days is the number of days from the member's first data to Date.
	Days int
	// Today is Date's load; Week the last 7 days' loads, oldest first
	// (days before the member's first data count as 0).
	Today float64
	Week  [7]float64
	// ACWR is the default (uncoupled) rolling ratio; ACWRCoupled the coupled one.
	ACWR        ACWR
	ACWRCoupled ACWR
	EWMA        EWMARatio
	Monotony    Monotony
	Form        Form
	Distance    WeekDistance
	// Spikes are run spikes in the last 7 days.
	Spikes []RunSpike
	// Unrated counts runs in the last 28 days logged without RPE (load 0).
	Unrated int
}

// ComputeLoad computes the training load of the member on date today from
// their history. Data dated after today is ignored.
func ComputeLoad(h History, today Date) LoadStatus {
	return newDayView(h, today).load()
}

func (v *dayView) load() LoadStatus {
	s := LoadStatus{Date: v.today, Days: v.n}
	loads := v.loads
	if v.n > 0 {
		s.Today = loads[v.n-1]
	}
	for i := 0; i < 7; i++ {
		if j := v.n - 7 + i; j >= 0 {
			s.Week[i] = loads[j]
		}
	}
	s.ACWR = RollingACWR(loads, false)
	s.ACWRCoupled = RollingACWR(loads, true)
	s.EWMA = EWMAACWR(loads)
	s.Monotony = WeekMonotony(s.Week[:])
	s.Form = FitnessForm(loads)
	s.Distance = weeklyDistance(v.runs, v.runDays, v.today)
	s.Spikes = runSpikes(v.runs, v.runDays, v.todayN-6, v.todayN)
	for i, r := range v.runs {
		if r.RPE <= 0 && v.todayN-v.runDays[i] < 28 {
			s.Unrated++
		}
	}
	return s
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// dayView indexes one member's history by day, from their first data (at most
// MaxHistoryDays back) to today, so that each rule reads a day in O(1).
type dayView struct {
	today  Date
	todayN int
	// first is the day number of index 0; n the number of days first..today.
	first, n int
	// ci points at each day's check-in (nil if none). It points into the
	// caller's slice, never written through; same-day duplicates get a merged copy.
	ci    []*CheckIn
	loads []float64
	// runs are the runs dated first..today, in input order; runDays their day numbers.
	runs    []Run
	runDays []int
}

func newDayView(h History, today Date) *dayView {
	v := &dayView{today: today, todayN: today.DayNumber()}
	oldest := v.todayN - MaxHistoryDays + 1
	first := v.todayN + 1
	ciDays := make([]int, len(h.CheckIns))
	for i, c := range h.CheckIns {
		d := c.Date.DayNumber()
		ciDays[i] = d
		if d >= oldest && d <= v.todayN && d < first {
			first = d
		}
	}
	runDays := make([]int, len(h.Runs))
	nRuns := 0
	for i, r := range h.Runs {
		d := r.Date.DayNumber()
		runDays[i] = d
		if d >= oldest && d <= v.todayN {
			nRuns++
			if d < first {
				first = d
			}
		}
	}
	v.first = first
	v.n = v.todayN - first + 1
	v.ci = make([]*CheckIn, v.n)
	v.loads = make([]float64, v.n)
	v.runs = make([]Run, 0, nRuns)
	v.runDays = make([]int, 0, nRuns)
	for i := range h.CheckIns {
		if j := ciDays[i] - first; j >= 0 && j < v.n {
			if v.ci[j] != nil {
				merged := v.ci[j].Merge(h.CheckIns[i])
				v.ci[j] = &merged
			} else {
				v.ci[j] = &h.CheckIns[i]
			}
		}
	}
	// Usually every run is in the window and the caller's slice can be
	// shared (read-only); otherwise copy the ones that are.
	if nRuns == len(h.Runs) {
		v.runs, v.runDays = h.Runs, runDays
	} else {
		v.runs = make([]Run, 0, nRuns)
		v.runDays = make([]int, 0, nRuns)
	}
	for i, r := range h.Runs {
		if j := runDays[i] - first; j >= 0 && j < v.n {
			v.loads[j] += SessionLoad(r)
			if nRuns != len(h.Runs) {
				v.runs = append(v.runs, r)
				v.runDays = append(v.runDays, runDays[i])
			}
		}
	}
	return v
}

// at returns the index of the day that is ago days before today, and whether
// it lies inside the view.
func (v *dayView) at(ago int) (int, bool) {
	i := v.n - 1 - ago
	return i, i >= 0 && i < v.n
}
