package domain

import "math"

// History is what runclub knows about one member: check-ins and runs, oldest
// first as the repositories return them. The computations do not depend on
// the order or on one check-in per date (same-date check-ins are merged in
// order), so callers may pass any slice the storage gives them.
type History struct {
	CheckIns []CheckIn
	Runs     []Run
	// Away are the member's times away that the window touches; only the
	// weekly rules and the coach alerts read them.
	Away []Away
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
