package domain

import (
	"math"
	"strings"
	"testing"
)

// m is a compact check-in for tests; zero fields are "not given".
type m struct {
	rhr                             int
	hrv, sleep                      float64
	fatigue, soreness, stress, mood int
}

func (x m) on(d Date) CheckIn {
	c := CheckIn{Date: d}
	if x.rhr != 0 {
		c.RHR = Ptr(x.rhr)
	}
	if x.hrv != 0 {
		c.HRV = Ptr(x.hrv)
	}
	if x.sleep != 0 {
		c.SleepHours = Ptr(x.sleep)
	}
	if x.fatigue != 0 {
		c.Fatigue = Ptr(x.fatigue)
	}
	if x.soreness != 0 {
		c.Soreness = Ptr(x.soreness)
	}
	if x.stress != 0 {
		c.Stress = Ptr(x.stress)
	}
	if x.mood != 0 {
		c.Mood = Ptr(x.mood)
	}
	return c
}

// mornings returns the same check-in on days from..to inclusive.
func mornings(from, to int, x m) []CheckIn {
	var out []CheckIn
	for i := from; i <= to; i++ {
		out = append(out, x.on(day(i)))
	}
	return out
}

func TestRHRBaselineAveragesTheLast28ValidMorningsBeforeToday(t *testing.T) {
	var cis []CheckIn
	cis = append(cis, mornings(0, 11, m{rhr: 70})...)        // older than the last 28 readings
	cis = append(cis, mornings(12, 25, m{rhr: 50})...)       // 14 readings
	cis = append(cis, mornings(26, 30, m{sleep: 8})...)      // no RHR: skipped, not zero
	cis = append(cis, mornings(31, 44, m{rhr: 52})...)       // 14 readings
	cis = append(cis, CheckIn{Date: day(45), RHR: Ptr(200)}) // invalid: skipped
	cis = append(cis, m{rhr: 60}.on(day(46)))                // today: not in the baseline
	got, n := RHRBaseline(History{CheckIns: cis}, day(46))
	near(t, "baseline", got, 51)
	if n != 28 {
		t.Errorf("mornings = %d, want 28", n)
	}
	s := ComputeMarkers(History{CheckIns: cis}, day(46)).RHR
	if !s.HasToday || s.Today != 60 || s.Level != LevelCaution || s.Building {
		t.Errorf("status %+v", s)
	}
	near(t, "delta", s.Delta, 9)
}

func TestRHRLevelsAgainstBaseline(t *testing.T) {
	for _, tc := range []struct {
		today int
		want  Level
	}{{44, LevelOK}, {54, LevelOK}, {55, LevelCaution}, {59, LevelCaution}, {60, LevelWarning}, {75, LevelWarning}} {
		cis := append(mornings(0, 9, m{rhr: 50}), m{rhr: tc.today}.on(day(10)))
		if got := ComputeMarkers(History{CheckIns: cis}, day(10)).RHR.Level; got != tc.want {
			t.Errorf("RHR %d over 50: %v, want %v", tc.today, got, tc.want)
		}
	}
}

func TestRHRBuildsUntilFiveMornings(t *testing.T) {
	for _, tc := range []struct {
		have     int
		building bool
	}{{0, true}, {3, true}, {4, true}, {5, false}} {
		cis := append(mornings(0, tc.have-1, m{rhr: 50}), m{rhr: 65}.on(day(10)))
		s := ComputeMarkers(History{CheckIns: cis}, day(10)).RHR
		if s.Building != tc.building || s.Mornings != tc.have {
			t.Errorf("%d mornings: %+v", tc.have, s)
		}
		if tc.building && s.Level != LevelOK {
			t.Errorf("no level while building: %+v", s)
		}
	}
}

func TestRHRCountsConsecutiveElevatedDays(t *testing.T) {
	cis := mornings(0, 19, m{rhr: 50})
	cis = append(cis, m{rhr: 58}.on(day(20)), m{rhr: 51}.on(day(21)), m{rhr: 58}.on(day(22)), m{rhr: 59}.on(day(23)), m{rhr: 60}.on(day(24)))
	s := ComputeMarkers(History{CheckIns: cis}, day(24)).RHR
	if s.ElevatedDays != 3 {
		t.Errorf("elevated days = %d, want 3 (day 21 broke the run)", s.ElevatedDays)
	}
}

// hrvHistory gives 60 baseline days alternating e^4.0 and e^4.2 (ln mean 4.1,
// population SD 0.1), then the last 7 days' values and today.
func hrvHistory(week []float64) []CheckIn {
	var cis []CheckIn
	for i := 0; i < 60; i++ {
		x := 4.0
		if i%2 == 1 {
			x = 4.2
		}
		cis = append(cis, m{hrv: math.Exp(x)}.on(day(i)))
	}
	// days 60..66 are the last 7 days; day 66 is today.
	for k, x := range week {
		cis = append(cis, m{hrv: math.Exp(x)}.on(day(60+k)))
	}
	return cis
}

func TestHRVWorksOnLnRMSSDAgainstTheNormalRange(t *testing.T) {
	for _, tc := range []struct {
		name    string
		week    []float64 // ln values for days 60..66 (66 = today)
		level   Level
		weekLow bool
	}{
		{"inside the range", []float64{4.1, 4.1, 4.1, 4.1, 4.1, 4.1, 4.1}, LevelOK, false},
		{"7-day mean below the range", []float64{4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.04}, LevelCaution, true},
		{"today below baseline minus 1 SD", []float64{4.1, 4.1, 4.1, 4.1, 4.1, 4.1, 3.99}, LevelWarning, false},
		{"both", []float64{3.9, 3.9, 3.9, 3.9, 3.9, 3.9, 3.9}, LevelWarning, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The baseline is the 60 days before today: days 6..59 of the
			// alternating values and days 60..65 of the week.
			cis := hrvHistory(tc.week)
			var xs []float64
			for i := 6; i <= 65; i++ {
				x := 4.0
				if i%2 == 1 {
					x = 4.2
				}
				if i >= 60 {
					x = tc.week[i-60]
				}
				xs = append(xs, x)
			}
			mean, sd := meanSD(xs)
			s := ComputeMarkers(History{CheckIns: cis}, day(66)).HRV
			near(t, "mean", s.Mean, mean)
			near(t, "sd", s.SD, sd)
			near(t, "week mean", s.Week7Mean, meanOf(tc.week))
			if s.Level != tc.level || s.WeekLow != tc.weekLow || s.Building || !s.Used {
				t.Errorf("status %+v", s)
			}
			lo, hi := s.RangeMS()
			near(t, "range lo", lo, math.Exp(mean-0.5*sd))
			near(t, "range hi", hi, math.Exp(mean+0.5*sd))
		})
	}
}

func TestHRVRangeOfAPlainBaseline(t *testing.T) {
	var cis []CheckIn
	for i := 0; i < 60; i++ {
		x := 4.0
		if i%2 == 1 {
			x = 4.2
		}
		cis = append(cis, m{hrv: math.Exp(x)}.on(day(i)))
	}
	s := ComputeMarkers(History{CheckIns: cis}, day(60)).HRV
	near(t, "mean", s.Mean, 4.1)
	near(t, "sd", s.SD, 0.1)
	near(t, "low", s.NormalLow(), 4.05)
	near(t, "high", s.NormalHigh(), 4.15)
	if s.HasToday || s.TodayLow {
		t.Errorf("no reading today: %+v", s)
	}
}

func meanOf(xs []float64) float64 { mu, _ := meanSD(xs); return mu }

func meanSD(xs []float64) (float64, float64) {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	mu := s / float64(len(xs))
	ss := 0.0
	for _, x := range xs {
		ss += (x - mu) * (x - mu)
	}
	return mu, math.Sqrt(ss / float64(len(xs)))
}

func TestHRVBuildsWithTooFewReadings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		old, week int // readings on days 10.. and on the last days up to today
		building  bool
		wantBase  int // the week's readings before today are in the baseline too
	}{
		{"13 baseline readings", 11, 3, true, 13},
		{"2 readings this week", 20, 2, true, 21},
		{"just enough", 12, 3, false, 14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cis []CheckIn
			for i := 0; i < tc.old; i++ {
				cis = append(cis, m{hrv: 60 + float64(i%3)}.on(day(10+i)))
			}
			for i := tc.week - 1; i >= 0; i-- {
				cis = append(cis, m{hrv: 60}.on(day(66-i)))
			}
			s := ComputeMarkers(History{CheckIns: cis}, day(66)).HRV
			if s.Building != tc.building || s.Week7N != tc.week || s.BaselineN != tc.wantBase {
				t.Errorf("status %+v", s)
			}
			if s.Building && s.Level != LevelOK {
				t.Errorf("no level while building: %+v", s)
			}
		})
	}
}

func TestHRVBaselineIgnoresReadingsOlderThan60Days(t *testing.T) {
	cis := append(mornings(0, 9, m{hrv: 20}), mornings(71, 80, m{hrv: 60})...)
	s := ComputeMarkers(History{CheckIns: cis}, day(80)).HRV
	if s.BaselineN != 9 {
		t.Errorf("baseline readings = %d, want 9 (days 71..79)", s.BaselineN)
	}
	near(t, "mean", s.Mean, math.Log(60))
}

func TestSleepLevelsMeanAndDebt(t *testing.T) {
	for _, tc := range []struct {
		last float64
		want Level
	}{{6.9, LevelWarning}, {7, LevelCaution}, {7.99, LevelCaution}, {8, LevelOK}, {10, LevelOK}} {
		s := ComputeMarkers(History{CheckIns: []CheckIn{m{sleep: tc.last}.on(day(0))}}, day(0)).Sleep
		if s.Level != tc.want || !s.HasLastNight {
			t.Errorf("%.2f h: %v, want %v", tc.last, s.Level, tc.want)
		}
	}
	cis := []CheckIn{m{sleep: 5}.on(day(0)), m{sleep: 7}.on(day(3)), m{sleep: 9}.on(day(5)), m{sleep: 6}.on(day(7)), m{sleep: 8}.on(day(9))}
	s := ComputeMarkers(History{CheckIns: cis}, day(9)).Sleep
	if s.Nights != 4 {
		t.Errorf("nights = %d, want 4 (day 0 is outside the week)", s.Nights)
	}
	near(t, "mean", s.Mean7, 7.5)
	near(t, "debt", s.Debt, 2)
	surplus := ComputeMarkers(History{CheckIns: mornings(0, 6, m{sleep: 9})}, day(6)).Sleep
	if surplus.Debt != 0 {
		t.Errorf("no debt when sleeping more: %v", surplus.Debt)
	}
}

func TestSubjectiveThresholdsAndRisingTrend(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []int // fatigue on consecutive days ending today; 0 = no check-in
		level  Level
		rising bool
	}{
		{"6 is fine", []int{6}, LevelOK, false},
		{"7 is a caution", []int{7}, LevelCaution, false},
		{"9 is a warning", []int{9}, LevelWarning, false},
		{"three rises in a row", []int{2, 3, 4, 5}, LevelCaution, true},
		{"two rises are not enough", []int{5, 3, 4, 5}, LevelOK, false},
		{"a flat day breaks it", []int{2, 3, 3, 5}, LevelOK, false},
		{"a missing day breaks it", []int{2, 0, 4, 5}, LevelOK, false},
		{"rising to a warning stays a warning", []int{6, 7, 8, 9}, LevelWarning, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cis []CheckIn
			for i, v := range tc.values {
				if v != 0 {
					cis = append(cis, m{fatigue: v, soreness: v}.on(day(i)))
				}
			}
			today := day(len(tc.values) - 1)
			s := ComputeMarkers(History{CheckIns: cis}, today).Subjective
			if s.FatigueLevel != tc.level || s.FatigueRising != tc.rising || s.SorenessLevel != tc.level || s.SorenessRising != tc.rising {
				t.Errorf("%+v", s)
			}
		})
	}
	s := ComputeMarkers(History{CheckIns: []CheckIn{m{stress: 7, mood: 3}.on(day(0))}}, day(0)).Subjective
	if !s.StressHigh || !s.MoodLow {
		t.Errorf("stress 7 and mood 3 feed burnout: %+v", s)
	}
	s = ComputeMarkers(History{CheckIns: []CheckIn{m{stress: 6, mood: 4}.on(day(0))}}, day(0)).Subjective
	if s.StressHigh || s.MoodLow {
		t.Errorf("stress 6 and mood 4 do not: %+v", s)
	}
}

func TestMarkersMergeSameDayCheckInsInOrder(t *testing.T) {
	cis := []CheckIn{m{rhr: 50, sleep: 6}.on(day(0)), m{sleep: 8.5}.on(day(0))}
	mk := ComputeMarkers(History{CheckIns: cis}, day(0))
	if !mk.RHR.HasToday || mk.RHR.Today != 50 || mk.Sleep.LastNight != 8.5 {
		t.Errorf("merged: %+v %+v", mk.RHR, mk.Sleep)
	}
}

func TestMarkersOfNoHistory(t *testing.T) {
	mk := ComputeMarkers(History{}, day(0))
	if mk.HasCheckIn || !mk.RHR.Building || !mk.HRV.Building || mk.HRV.Used || mk.Sleep.Nights != 0 {
		t.Errorf("%+v", mk)
	}
	if !strings.Contains(LevelWarning.String()+LevelCaution.String()+LevelOK.String()+LevelInfo.String(), "warningcautionoknote") {
		t.Error("level names")
	}
}
