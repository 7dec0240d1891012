package domain

import "math"

// Level is how much a marker moved today's verdict.
type Level int

// Levels, from nothing to note to a warning.
const (
	// LevelOK means the marker is within the runner's normal.
	LevelOK Level = iota
	// LevelInfo is worth mentioning but does not change the verdict.
	LevelInfo
	// LevelCaution lowers the score; LevelWarning makes the day at least amber.
	LevelCaution
	LevelWarning
)

// String names the level in plain words.
func (l Level) String() string {
	switch l {
	case LevelInfo:
		return "note"
	case LevelCaution:
		return "caution"
	case LevelWarning:
		return "warning"
	default:
		return "ok"
	}
}

// Thresholds of the recovery markers (science.md, "Recovery markers").
const (
	// RHRBaselineMornings is how many valid mornings the RHR baseline averages;
	// RHRMinMornings how many it needs at least.
	RHRBaselineMornings = 28
	RHRMinMornings      = 5
	// RHRCaution and RHRWarning are bpm above the baseline.
	RHRCaution = 5
	RHRWarning = 10
	// HRVBaselineDays is the HRV baseline window; HRVMinBaseline and
	// HRVMinWeek the readings it and the last 7 days need.
	HRVBaselineDays = 60
	HRVMinBaseline  = 14
	HRVMinWeek      = 3
	// SleepTarget is the guide's lower target; SleepWarning the line below which
	// last night is a warning.
	SleepTarget  = 8.0
	SleepWarning = 7.0
	// SubjectiveCaution and SubjectiveWarning apply to fatigue and soreness (1–10, 10 worst).
	SubjectiveCaution = 7
	SubjectiveWarning = 9
	// StressHigh and MoodLow feed the burnout signal.
	StressHigh = 7
	MoodLow    = 3
)

// RHRStatus is today's resting heart rate against the runner's own baseline.
type RHRStatus struct {
	// Today is this morning's RHR in bpm, valid when HasToday.
	Today    int
	HasToday bool
	// Baseline is the mean of the last Mornings valid mornings before today
	// (at most 28); Building is true while Mornings < 5.
	Baseline float64
	Mornings int
	Building bool
	// Delta is Today − Baseline when both exist.
	Delta float64
	Level Level
	// ElevatedDays counts consecutive days ending today with RHR ≥ their own
	// baseline + 5: several in a row is stronger evidence than one.
	ElevatedDays int
}

// HRVStatus is HRV on ln(rMSSD) against the 60-day baseline (Plews et al. 2012).
type HRVStatus struct {
	// TodayLn is ln(rMSSD) this morning, valid when HasToday; TodayMS is the raw value.
	TodayLn, TodayMS float64
	HasToday         bool
	// Mean and SD (population) of ln(rMSSD) over the 60 days before today, from BaselineN readings.
	Mean, SD  float64
	BaselineN int
	// Week7Mean is the mean ln(rMSSD) of the last 7 days (today included), from Week7N readings.
	Week7Mean float64
	Week7N    int
	// Building is true while BaselineN < 14 or Week7N < 3.
	Building bool
	// Used is true when the runner logged any HRV in the window; HRV is optional.
	Used  bool
	Level Level
	// WeekLow is true when the 7-day mean is below the normal range (caution);
	// TodayLow when today is below baseline − 1 SD (warning).
	WeekLow, TodayLow bool
}

// NormalLow is the bottom of the normal range, baseline − 0.5 SD (the
// smallest worthwhile change), on ln(rMSSD).
func (h HRVStatus) NormalLow() float64 { return h.Mean - 0.5*h.SD }

// NormalHigh is the top of the normal range, baseline + 0.5 SD, on ln(rMSSD).
func (h HRVStatus) NormalHigh() float64 { return h.Mean + 0.5*h.SD }

// RangeMS returns the normal range back in milliseconds of rMSSD.
func (h HRVStatus) RangeMS() (lo, hi float64) {
	return math.Exp(h.NormalLow()), math.Exp(h.NormalHigh())
}

// Week7MS is the 7-day mean back in milliseconds (the geometric mean of rMSSD).
func (h HRVStatus) Week7MS() float64 { return math.Exp(h.Week7Mean) }

// SleepStatus is last night's sleep, the 7-day mean and the debt against 8 h.
type SleepStatus struct {
	LastNight    float64
	HasLastNight bool
	// Mean7 is the mean of the nights recorded in the last 7 days (Nights of them).
	Mean7  float64
	Nights int
	// Debt is 8 h × Nights − the hours slept on them, never below 0.
	Debt  float64
	Level Level
}

// Subjective is today's fatigue, soreness, stress and mood (0 = not given).
type Subjective struct {
	Fatigue, Soreness, Stress, Mood int
	// FatigueRising and SorenessRising are true when the value rose on each of
	// the last three days (four mornings in a row, each higher than the one before).
	FatigueRising, SorenessRising bool
	FatigueLevel, SorenessLevel   Level
	// StressHigh (≥ 7) and MoodLow (≤ 3) feed the burnout signal.
	StressHigh, MoodLow bool
}

// Markers are all recovery markers of one member on one date.
type Markers struct {
	Date       Date
	HasCheckIn bool
	RHR        RHRStatus
	HRV        HRVStatus
	Sleep      SleepStatus
	Subjective Subjective
}

// ComputeMarkers computes every recovery marker for the member on date today.
func ComputeMarkers(h History, today Date) Markers {
	return newDayView(h, today).markers()
}

func (v *dayView) markers() Markers {
	m := Markers{Date: v.today}
	if i, ok := v.at(0); ok {
		m.HasCheckIn = v.ci[i] != nil
	}
	m.RHR = v.rhr()
	m.HRV = v.hrv()
	m.Sleep = v.sleep()
	m.Subjective = v.subjective()
	return m
}

func validRHR(c *CheckIn) bool { return c.RHR != nil && *c.RHR >= MinRHR && *c.RHR <= MaxRHR }
func validHRV(c *CheckIn) bool { return c.HRV != nil && *c.HRV >= MinHRV && *c.HRV <= MaxHRV }
func validSleep(c *CheckIn) bool {
	return c.SleepHours != nil && *c.SleepHours >= MinSleep && *c.SleepHours <= MaxSleep
}

// RHRBaseline returns the mean of the last 28 valid morning RHRs before date
// and how many mornings it used (it needs at least 5).
func RHRBaseline(h History, before Date) (baseline float64, mornings int) {
	v := newDayView(h, before)
	return v.rhrBaseline(v.n - 1)
}

// rhrBaseline averages the last 28 valid RHRs on days before index i, looking
// back no further than MaxHistoryDays, so that a view reaching further back (a
// trend's) gives each day the same baseline as that day's own view.
func (v *dayView) rhrBaseline(i int) (float64, int) {
	sum, n := 0, 0
	for j := i - 1; j >= max(0, i-MaxHistoryDays+1) && n < RHRBaselineMornings; j-- {
		if v.ci[j] != nil && validRHR(v.ci[j]) {
			sum += *v.ci[j].RHR
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// rhrElevated reports whether day i has a valid RHR at least RHRCaution above
// its own baseline (which needs 5 mornings).
func (v *dayView) rhrElevated(i int) bool {
	if i < 0 || i >= v.n || v.ci[i] == nil || !validRHR(v.ci[i]) {
		return false
	}
	b, n := v.rhrBaseline(i)
	return n >= RHRMinMornings && float64(*v.ci[i].RHR)-b >= RHRCaution
}

func (v *dayView) rhr() RHRStatus {
	var s RHRStatus
	i := v.n - 1
	s.Baseline, s.Mornings = v.rhrBaseline(i)
	s.Building = s.Mornings < RHRMinMornings
	if i >= 0 && v.ci[i] != nil && validRHR(v.ci[i]) {
		s.Today, s.HasToday = *v.ci[i].RHR, true
	}
	if !s.HasToday || s.Building {
		return s
	}
	s.Delta = float64(s.Today) - s.Baseline
	switch {
	case s.Delta >= RHRWarning:
		s.Level = LevelWarning
	case s.Delta >= RHRCaution:
		s.Level = LevelCaution
	}
	for j := i; v.rhrElevated(j); j-- {
		s.ElevatedDays++
	}
	return s
}

func (v *dayView) hrv() HRVStatus { return v.hrvAt(v.n - 1) }

// hrvAt is the HRV status of the day at index i, from the days before it.
func (v *dayView) hrvAt(i int) HRVStatus {
	var s HRVStatus
	var sum, sumSq float64
	for j := max(0, i-HRVBaselineDays); j < i; j++ {
		if x, ok := v.lnHRV(j); ok {
			sum += x
			sumSq += x * x
			s.BaselineN++
		}
	}
	var wsum float64
	for j := max(0, i-6); j <= i; j++ {
		if x, ok := v.lnHRV(j); ok {
			wsum += x
			s.Week7N++
		}
	}
	if x, ok := v.lnHRV(i); ok {
		s.TodayMS = *v.ci[i].HRV
		s.TodayLn, s.HasToday = x, true
	}
	s.Used = s.BaselineN > 0 || s.Week7N > 0
	if s.BaselineN > 0 {
		n := float64(s.BaselineN)
		s.Mean = sum / n
		s.SD = math.Sqrt(math.Max(0, sumSq/n-s.Mean*s.Mean))
	}
	if s.Week7N > 0 {
		s.Week7Mean = wsum / float64(s.Week7N)
	}
	s.Building = s.BaselineN < HRVMinBaseline || s.Week7N < HRVMinWeek
	if s.Building {
		return s
	}
	s.WeekLow = s.Week7Mean < s.NormalLow()
	s.TodayLow = s.HasToday && s.TodayLn < s.Mean-s.SD
	switch {
	case s.TodayLow:
		s.Level = LevelWarning
	case s.WeekLow:
		s.Level = LevelCaution
	}
	return s
}

// lnHRV returns ln(rMSSD) of day j, ok false without a valid reading. Each
// day's logarithm is taken once per view: a trend reads every day up to 67 times.
func (v *dayView) lnHRV(j int) (float64, bool) {
	if j < 0 || j >= v.n {
		return 0, false
	}
	if v.ln == nil {
		v.ln = make([]float64, v.n)
	}
	x := v.ln[j] // 0: not taken yet; -1: no valid reading (valid ones are above ln 5)
	if x == 0 {
		x = -1
		if c := v.ci[j]; c != nil && validHRV(c) {
			x = math.Log(*c.HRV)
		}
		v.ln[j] = x
	}
	return x, x > 0
}

func (v *dayView) sleep() SleepStatus {
	var s SleepStatus
	i := v.n - 1
	total := 0.0
	for j := i - 6; j <= i; j++ {
		if j >= 0 && v.ci[j] != nil && validSleep(v.ci[j]) {
			total += *v.ci[j].SleepHours
			s.Nights++
		}
	}
	if s.Nights > 0 {
		s.Mean7 = total / float64(s.Nights)
		s.Debt = math.Max(0, SleepTarget*float64(s.Nights)-total)
	}
	if i >= 0 && v.ci[i] != nil && validSleep(v.ci[i]) {
		s.LastNight, s.HasLastNight = *v.ci[i].SleepHours, true
		switch {
		case s.LastNight < SleepWarning:
			s.Level = LevelWarning
		case s.LastNight < SleepTarget:
			s.Level = LevelCaution
		}
	}
	return s
}

func scaleOf(c *CheckIn, field func(*CheckIn) *int) int {
	if p := field(c); p != nil && *p >= 1 && *p <= 10 {
		return *p
	}
	return 0
}

func fatigueOf(c *CheckIn) *int  { return c.Fatigue }
func sorenessOf(c *CheckIn) *int { return c.Soreness }
func stressOf(c *CheckIn) *int   { return c.Stress }
func moodOf(c *CheckIn) *int     { return c.Mood }

// run3 reports whether field rose (dir > 0) or fell (dir < 0) on each of the
// three days ending at index i: four mornings in a row, all recorded.
func (v *dayView) run3(i int, field func(*CheckIn) *int, dir int) bool {
	if i-3 < 0 || i >= v.n {
		return false
	}
	prev := 0
	for j := i - 3; j <= i; j++ {
		if v.ci[j] == nil {
			return false
		}
		x := scaleOf(v.ci[j], field)
		if x == 0 || (j > i-3 && (x-prev)*dir <= 0) {
			return false
		}
		prev = x
	}
	return true
}

func subjectiveLevel(x int, rising bool) Level {
	switch {
	case x >= SubjectiveWarning:
		return LevelWarning
	case x >= SubjectiveCaution || rising:
		return LevelCaution
	}
	return LevelOK
}

func (v *dayView) subjective() Subjective {
	var s Subjective
	i := v.n - 1
	if i < 0 || v.ci[i] == nil {
		return s
	}
	c := v.ci[i]
	s.Fatigue, s.Soreness = scaleOf(c, fatigueOf), scaleOf(c, sorenessOf)
	s.Stress, s.Mood = scaleOf(c, stressOf), scaleOf(c, moodOf)
	s.FatigueRising = v.run3(i, fatigueOf, +1)
	s.SorenessRising = v.run3(i, sorenessOf, +1)
	s.FatigueLevel = subjectiveLevel(s.Fatigue, s.FatigueRising)
	s.SorenessLevel = subjectiveLevel(s.Soreness, s.SorenessRising)
	s.StressHigh = s.Stress >= StressHigh
	s.MoodLow = s.Mood != 0 && s.Mood <= MoodLow
	return s
}
