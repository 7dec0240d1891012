package domain

// FlagKind groups weekly flags the way science.md does.
type FlagKind string

// Kinds of weekly flag.
const (
	FlagOverload      = FlagKind("overload")
	FlagUnderRecovery = FlagKind("under-recovery")
	FlagBurnout       = FlagKind("burnout")
)

// FlagCode is a flag's stable name, such as "acwr" or "short-sleep".
type FlagCode string

// The weekly flags, by kind (science.md, "Weekly summary").
const (
	FlagACWR        = FlagCode("acwr")
	FlagEWMA        = FlagCode("ewma")
	FlagMileageJump = FlagCode("mileage-jump")
	FlagRunSpike    = FlagCode("run-spike")
	FlagMonotony    = FlagCode("monotony")
	FlagStrain      = FlagCode("strain")

	FlagRHRUp      = FlagCode("rhr-up")
	FlagHRVLow     = FlagCode("hrv-low")
	FlagShortSleep = FlagCode("short-sleep")
	FlagFatigueUp  = FlagCode("fatigue-up")
	FlagSorenessUp = FlagCode("soreness-up")

	FlagMoodDown     = FlagCode("mood-down")
	FlagStressHigh   = FlagCode("stress-high")
	FlagCheckInsDown = FlagCode("checkins-down")
)

// TrendShape says how a trend flag was seen.
type TrendShape string

// Ways a trend shows.
const (
	// ShapeSeries: four mornings in a row, each higher (lower) than the one before.
	ShapeSeries = TrendShape("series")
	// ShapeMeans: this week's mean a whole point above (below) last week's.
	ShapeMeans = TrendShape("means")
	// ShapeLowDays: mood 3 or lower on ScaleDaysFlag days or more.
	ShapeLowDays = TrendShape("low-days")
)

// Flag is one weekly finding with its evidence.
type Flag struct {
	Kind     FlagKind
	Code     FlagCode
	Source   Source
	Evidence Evidence
}

// Evidence is the values behind a flag; each field says which flags set it.
type Evidence struct {
	// Ratio is the load ratio (acwr, ewma), the run against the longest run
	// before it (run-spike), the monotony (monotony), or the strain against
	// its 4-week mean (strain).
	Ratio float64
	// Acute and Chronic are the mean daily loads (acwr, ewma), or this
	// week's strain and the 4-week mean (strain).
	Acute, Chronic float64
	// Metres and PrevMetres are this week's and last week's distance
	// (mileage-jump), or the run and the longest run before it (run-spike);
	// Change is the week-on-week change, 0.3 for 30% (mileage-jump).
	Metres, PrevMetres, Change float64
	// Date is the run's date (run-spike), or the last of the mornings of a
	// ShapeSeries.
	Date Date
	// Days counts the days past the line (rhr-up, stress-high, mood-down by
	// TrendLowDays) or the nights logged (short-sleep).
	Days int
	// Shape says how a trend flag (fatigue-up, soreness-up, mood-down) was seen.
	Shape TrendShape
	// Series is the four mornings of a ShapeSeries, oldest first.
	Series []int
	// Mean and PrevMean are this week's and last week's means (TrendMeans);
	// Mean is also the sleep mean in hours (short-sleep) and the HRV 7-day
	// mean in ms (hrv-low).
	Mean, PrevMean float64
	// Debt is the hours short of 8 h a night over the nights logged, in all (short-sleep).
	Debt float64
	// Range is the normal HRV range in ms (hrv-low).
	Range Range
	// Count and PrevCount are this week's and last week's check-ins (checkins-down).
	Count, PrevCount int
}

// overloadFlags, underRecoveryFlags and burnoutFlags append the week's
// flags of their kind to out.
func overloadFlags(out []Flag, v *dayView, t LoadStatus) []Flag {
	add := func(code FlagCode, src Source, ev Evidence) {
		out = append(out, Flag{Kind: FlagOverload, Code: code, Source: src, Evidence: ev})
	}
	if a := t.ACWR; !a.Building && a.Defined && a.Ratio >= ACWRDanger {
		add(FlagACWR, SourceACWR, Evidence{Ratio: a.Ratio, Acute: a.Acute, Chronic: a.Chronic})
	} else if e := t.EWMA; !e.Building && e.Defined && e.Ratio >= ACWRDanger {
		add(FlagEWMA, SourceACWR, Evidence{Ratio: e.Ratio, Acute: e.Acute, Chronic: e.Chronic})
	}
	if d := t.Distance; d.Jump() {
		add(FlagMileageJump, SourceMileage, Evidence{Change: d.Change, Metres: d.Metres, PrevMetres: d.PrevMetres})
	}
	for _, s := range t.Spikes {
		add(FlagRunSpike, SourceSpike, Evidence{Date: s.Run.Date, Metres: s.Run.Metres, PrevMetres: s.LongestBefore, Ratio: s.Ratio})
	}
	if t.Days >= 7 && t.Monotony.High() {
		add(FlagMonotony, SourceMonotony, Evidence{Ratio: t.Monotony.Monotony})
	}
	if t.Days >= 35 && t.Monotony.Sum > 0 {
		prev := 0.0
		for k := 1; k <= 4; k++ {
			end := v.n - 1 - 7*k
			prev += WeekMonotony(v.loads[end-6 : end+1]).Strain
		}
		prev /= 4
		if prev > 0 && t.Monotony.Strain > StrainRatioHigh*prev {
			add(FlagStrain, SourceMonotony, Evidence{Acute: t.Monotony.Strain, Chronic: prev, Ratio: t.Monotony.Strain / prev})
		}
	}
	return out
}

// weekMean averages field over the 7 days ending ago days before today.
func (v *dayView) weekMean(field func(*CheckIn) *int, ago int) (float64, int) {
	sum, n := 0, 0
	for k := ago; k < ago+7; k++ {
		if i, ok := v.at(k); ok && v.ci[i] != nil {
			if x := scaleOf(v.ci[i], field); x > 0 {
				sum += x
				n++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// trend reports a run of three rises (dir +1) or falls (dir -1) ending on a
// day of this week, or a weekly mean at least one point above (below) the week
// before, with evidence.
func (v *dayView) trend(field func(*CheckIn) *int, dir int) (Evidence, bool) {
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.run3(i, field, dir) {
			vals := make([]int, 4)
			for k := 0; k < 4; k++ {
				vals[k] = *field(v.ci[i-3+k])
			}
			return Evidence{Shape: ShapeSeries, Series: vals, Date: DateFromDayNumber(v.first + i)}, true
		}
	}
	now, n := v.weekMean(field, 0)
	before, nb := v.weekMean(field, 7)
	if n >= 3 && nb >= 3 && float64(dir)*(now-before) >= TrendPoints {
		return Evidence{Shape: ShapeMeans, Mean: now, PrevMean: before}, true
	}
	return Evidence{}, false
}

func underRecoveryFlags(out []Flag, v *dayView, w MemberWeek) []Flag {
	add := func(code FlagCode, src Source, ev Evidence) {
		out = append(out, Flag{Kind: FlagUnderRecovery, Code: code, Source: src, Evidence: ev})
	}
	up := 0
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.rhrElevated(i) {
			up++
		}
	}
	if up >= ElevatedDaysFlag {
		add(FlagRHRUp, SourceRHR, Evidence{Days: up})
	}
	if h := w.HRV; !h.Building && h.WeekLow {
		lo, hi := h.RangeMS()
		add(FlagHRVLow, SourceHRV, Evidence{Mean: h.Week7MS(), Range: Range{lo, hi}})
	}
	if s := w.Sleep; s.Nights >= MinNightsForMean && s.Mean7 < SleepTarget {
		add(FlagShortSleep, SourceSleep, Evidence{Mean: s.Mean7, Days: s.Nights, Debt: s.Debt})
	}
	if ev, ok := v.trend(fatigueOf, +1); ok {
		add(FlagFatigueUp, SourceSubjective, ev)
	}
	if ev, ok := v.trend(sorenessOf, +1); ok {
		add(FlagSorenessUp, SourceSubjective, ev)
	}
	return out
}

func burnoutFlags(out []Flag, v *dayView, w MemberWeek) []Flag {
	add := func(code FlagCode, ev Evidence) {
		out = append(out, Flag{Kind: FlagBurnout, Code: code, Source: SourceSubjective, Evidence: ev})
	}
	stressDays, moodDays := 0, 0
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.ci[i] != nil {
			if scaleOf(v.ci[i], stressOf) >= StressHigh {
				stressDays++
			}
			if x := scaleOf(v.ci[i], moodOf); x > 0 && x <= MoodLow {
				moodDays++
			}
		}
	}
	if ev, ok := v.trend(moodOf, -1); ok {
		add(FlagMoodDown, ev)
	} else if moodDays >= ScaleDaysFlag {
		add(FlagMoodDown, Evidence{Shape: ShapeLowDays, Days: moodDays})
	}
	if stressDays >= ScaleDaysFlag {
		add(FlagStressHigh, Evidence{Days: stressDays})
	}
	// Check-ins drop off when this week's rate over the days not away is
	// half last week's or less; without days away that is the count halved.
	present, prevPresent := w.PresentDays(), 7-w.PrevAwayDays
	if w.PrevChecks >= 4 && present >= MinPresentDays && 2*w.CheckIns*prevPresent <= w.PrevChecks*present {
		add(FlagCheckInsDown, Evidence{Count: w.CheckIns, PrevCount: w.PrevChecks})
	}
	return out
}
