package domain

import (
	"sort"
	"time"
)

// Verdict is the colour of a day's readiness.
type Verdict string

// Verdicts (science.md, "Readiness").
const (
	VerdictGreen = Verdict("green")
	VerdictAmber = Verdict("amber")
	VerdictRed   = Verdict("red")
	// VerdictEarly means the resting HR baseline is still building and
	// nothing else made the day amber or red: too early to say green.
	VerdictEarly = Verdict("early")
	// VerdictUnknown means there was nothing on the day to judge by.
	VerdictUnknown = Verdict("unknown")
)

// RHRProvisionalMornings is how many mornings a resting HR needs behind it
// before it is compared with their mean while the baseline still builds:
// one morning is no mean, two are a first one. The comparison uses the
// baseline's own +5 and +10 bpm, and is marked provisional.
const RHRProvisionalMornings = 2

// Source names where a rule comes from, so that a reply can cite it.
type Source string

// The sources of science.md's rules.
const (
	SourceRHR        = Source("rhr")
	SourceHRV        = Source("hrv")
	SourceSleep      = Source("sleep")
	SourceSubjective = Source("subjective")
	SourceACWR       = Source("acwr")
	SourceMonotony   = Source("monotony")
	SourceMileage    = Source("mileage")
	SourceSpike      = Source("spike")
)

// Marker names what a reason is about.
type Marker string

// The markers readiness weighs.
const (
	MarkerRHR = Marker("rhr")
	MarkerHRV = Marker("hrv")
	// MarkerRHRWithHRV is resting HR up and HRV down on the same day.
	MarkerRHRWithHRV = Marker("rhr+hrv")
	MarkerSleep      = Marker("sleep")
	MarkerFatigue    = Marker("fatigue")
	MarkerSoreness   = Marker("soreness")
	MarkerStress     = Marker("stress")
	MarkerMood       = Marker("mood")
	// MarkerLoad is the training load ratio in the danger zone.
	MarkerLoad = Marker("load")
)

// Reason is one marker's part in the verdict, with the values behind it.
// Only the values of its Marker are set.
type Reason struct {
	Marker Marker
	Level  Level
	Source Source
	Pillar Pillar
	// Provisional is true for a resting HR compared with the mean of the
	// mornings there are while the baseline builds (RHR.Mornings of them,
	// fewer than RHRMinMornings). It counts as a caution at most.
	Provisional bool
	// RHR is set for MarkerRHR; HRV for MarkerHRV; Sleep for MarkerSleep.
	RHR   RHRStatus
	HRV   HRVStatus
	Sleep SleepStatus
	// Score is set for fatigue, soreness, stress and mood.
	Score Score
	// Load is set for MarkerLoad.
	Load ACWR
}

// Score is one 1–10 answer of the day against the runner's usual.
type Score struct {
	Value int
	// Usual is the mean of the 28 days before; HasUsual is true when it has
	// enough answers (RHRMinMornings) to compare with.
	Usual    float64
	HasUsual bool
	// Band is the level of the value alone (caution from 7, warning from 9),
	// without the trend.
	Band Level
	// Rising is true when it rose on each of the last three days.
	Rising bool
}

// MissingKind names data a rule still needs.
type MissingKind string

// What may be missing.
const (
	MissingCheckIn     = MissingKind("checkin")
	MissingRHRBaseline = MissingKind("rhr-baseline")
	MissingHRVBaseline = MissingKind("hrv-baseline")
	MissingHRVWeek     = MissingKind("hrv-week")
	MissingLoadRatio   = MissingKind("load-ratio")
)

// Missing is data a rule still needs: Have of Need mornings, readings or
// days (Need is 0 for the day's check-in).
type Missing struct {
	Kind       MissingKind
	Have, Need int
}

// Remaining is how many more are needed.
func (m Missing) Remaining() int { return max(0, m.Need-m.Have) }

// Readiness is the verdict for one member on one date.
type Readiness struct {
	Date    Date
	Verdict Verdict
	// Score is 0–100, consistent with the verdict (green 70+, amber 40–69, red below 40).
	Score int
	// Reasons lists every marker evaluated, most severe first.
	Reasons []Reason
	Action  Action
	// Missing lists what the rules still need; empty when every baseline is ready.
	Missing []Missing
	Markers Markers
	Load    LoadStatus
	// Unrated7 counts the runs of the 7 days ending Date logged without RPE,
	// which their load leaves out.
	Unrated7 int
}

// Moved returns the reasons that moved the verdict or the score (caution or warning).
func (r Readiness) Moved() []Reason {
	var out []Reason
	for _, x := range r.Reasons {
		if x.Level >= LevelCaution {
			out = append(out, x)
		}
	}
	return out
}

// ReadinessAt computes readiness for the member's local date at instant now.
func ReadinessAt(m Member, h History, now time.Time) Readiness {
	return ComputeReadiness(m, h, m.Today(now))
}

// ComputeReadiness combines the recovery markers into the day's verdict: any
// warning makes the day at least amber; two warnings, or RHR +10 with HRV low,
// make it red. Cautions lower the score without changing the colour, except RHR
// up together with HRV down, which points to overreaching or illness and so
// makes the day at least amber. While the resting HR baseline builds, a day
// that would be green is too early to judge, and a large change against the
// mornings there are is still pointed out (provisional). Data dated after the
// day is ignored.
func ComputeReadiness(m Member, h History, day Date) Readiness {
	v := newDayView(h, day)
	mk := v.markers()
	r := Readiness{Date: day, Markers: mk, Load: v.load(), Unrated7: v.unrated(7)}

	evaluated := 0
	add := func(x Reason) { r.Reasons = append(r.Reasons, x) }

	switch {
	case mk.RHR.HasToday && !mk.RHR.Building:
		evaluated++
		add(Reason{Marker: MarkerRHR, Level: mk.RHR.Level, Source: SourceRHR, Pillar: PillarPhysical, RHR: mk.RHR})
	case mk.RHR.HasToday:
		evaluated++
		if x, ok := provisionalRHR(mk.RHR); ok {
			add(x)
		}
	}
	if mk.HRV.Used && !mk.HRV.Building {
		evaluated++
		add(Reason{Marker: MarkerHRV, Level: mk.HRV.Level, Source: SourceHRV, Pillar: PillarPhysical, HRV: mk.HRV})
	}
	combined := mk.RHR.Level >= LevelCaution && mk.HRV.Level >= LevelCaution
	if combined {
		add(Reason{Marker: MarkerRHRWithHRV, Level: LevelCaution, Pillar: PillarPhysical, Source: SourceHRV})
	}
	if mk.Sleep.HasLastNight {
		evaluated++
		add(Reason{Marker: MarkerSleep, Level: mk.Sleep.Level, Source: SourceSleep, Pillar: PillarSleep, Sleep: mk.Sleep})
	}
	sub := mk.Subjective
	if sub.Soreness > 0 {
		evaluated++
		add(scoreReason(v, MarkerSoreness, sorenessOf, sub.Soreness, sub.SorenessRising, sub.SorenessLevel))
	}
	if sub.Fatigue > 0 {
		evaluated++
		add(scoreReason(v, MarkerFatigue, fatigueOf, sub.Fatigue, sub.FatigueRising, sub.FatigueLevel))
	}
	if sub.StressHigh {
		add(Reason{Marker: MarkerStress, Level: LevelInfo, Pillar: PillarStress, Source: SourceSubjective, Score: Score{Value: sub.Stress}})
	}
	if sub.MoodLow {
		add(Reason{Marker: MarkerMood, Level: LevelInfo, Pillar: PillarStress, Source: SourceSubjective, Score: Score{Value: sub.Mood}})
	}
	if a := r.Load.ACWR; !a.Building && a.Defined && a.Ratio >= ACWRDanger {
		add(Reason{Marker: MarkerLoad, Level: LevelInfo, Pillar: PillarPhysical, Source: SourceACWR, Load: a})
	}
	// Most severe first; of equal levels, what is measured against a ready
	// baseline before what is provisional, so that it chooses the action.
	sort.SliceStable(r.Reasons, func(i, j int) bool {
		a, b := r.Reasons[i], r.Reasons[j]
		return a.Level > b.Level || (a.Level == b.Level && !a.Provisional && b.Provisional)
	})

	warnings, cautions := 0, 0
	for _, x := range r.Reasons {
		switch {
		case x.Level == LevelWarning && !x.Provisional:
			warnings++
		case x.Level >= LevelCaution:
			cautions++
		}
	}
	switch {
	case evaluated == 0:
		r.Verdict = VerdictUnknown
	case warnings >= 2 || (mk.RHR.Level == LevelWarning && mk.HRV.Level >= LevelCaution):
		r.Verdict = VerdictRed
	case warnings >= 1 || combined:
		r.Verdict = VerdictAmber
	case mk.RHR.Building:
		r.Verdict = VerdictEarly
	default:
		r.Verdict = VerdictGreen
	}
	r.Score = readinessScore(r.Verdict, warnings, cautions)
	r.Action = chooseAction(m, r)
	r.Missing = missing(mk, r.Load)
	return r
}

func readinessScore(v Verdict, warnings, cautions int) int {
	s := 100 - 25*warnings - 10*cautions
	lo, hi := 0, 100
	switch v {
	case VerdictGreen:
		lo = 70
	case VerdictAmber:
		lo, hi = 40, 69
	case VerdictRed:
		hi = 39
	default:
		return 0
	}
	return min(hi, max(lo, s))
}

// provisionalRHR compares the day's resting HR with the mean of the mornings
// before it while the baseline builds, with the baseline's thresholds; ok is
// false with too few mornings for a mean.
func provisionalRHR(s RHRStatus) (Reason, bool) {
	if s.Mornings < RHRProvisionalMornings {
		return Reason{}, false
	}
	s.Delta = float64(s.Today) - s.Baseline
	switch {
	case s.Delta >= RHRWarning:
		s.Level = LevelWarning
	case s.Delta >= RHRCaution:
		s.Level = LevelCaution
	}
	return Reason{Marker: MarkerRHR, Level: s.Level, Source: SourceRHR, Pillar: PillarPhysical, Provisional: true, RHR: s}, true
}

// unrated counts the runs of the last days days logged without RPE.
func (v *dayView) unrated(days int) int {
	n := 0
	for i, r := range v.runs {
		if r.RPE <= 0 && v.todayN-v.runDays[i] < days {
			n++
		}
	}
	return n
}

// scoreReason is a fatigue or soreness answer against the runner's usual.
func scoreReason(v *dayView, marker Marker, field func(*CheckIn) *int, x int, rising bool, lvl Level) Reason {
	s := Score{Value: x, Rising: rising, Band: subjectiveLevel(x, false)}
	if u, n := v.usual(field); n >= RHRMinMornings {
		s.Usual, s.HasUsual = u, true
	}
	return Reason{Marker: marker, Level: lvl, Source: SourceSubjective, Pillar: PillarPhysical, Score: s}
}

// usual is the mean of field over the 28 days before today.
func (v *dayView) usual(field func(*CheckIn) *int) (float64, int) {
	sum, n := 0, 0
	for j := v.n - 2; j >= 0 && j >= v.n-1-28; j-- {
		if v.ci[j] != nil {
			if x := scaleOf(v.ci[j], field); x > 0 {
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

func missing(mk Markers, load LoadStatus) []Missing {
	var out []Missing
	if !mk.HasCheckIn {
		out = append(out, Missing{Kind: MissingCheckIn})
	}
	if mk.RHR.Building {
		out = append(out, Missing{Kind: MissingRHRBaseline, Have: mk.RHR.Mornings, Need: RHRMinMornings})
	}
	if mk.HRV.Used && mk.HRV.Building {
		if mk.HRV.BaselineN < HRVMinBaseline {
			out = append(out, Missing{Kind: MissingHRVBaseline, Have: mk.HRV.BaselineN, Need: HRVMinBaseline})
		}
		if mk.HRV.Week7N < HRVMinWeek {
			out = append(out, Missing{Kind: MissingHRVWeek, Have: mk.HRV.Week7N, Need: HRVMinWeek})
		}
	}
	if load.ACWR.Building {
		out = append(out, Missing{Kind: MissingLoadRatio, Have: load.Days, Need: ACWRDays})
	}
	return out
}

// LoadZone is where a load ratio lies (Gabbett 2016).
type LoadZone string

// The zones of the load ratio.
const (
	ZoneUnderLoading = LoadZone("under-loading")
	ZoneSweetSpot    = LoadZone("sweet spot")
	ZoneAboveSweet   = LoadZone("above the sweet spot")
	ZoneDanger       = LoadZone("danger zone")
)

// LoadZoneOf is the zone of a load ratio: under 0.8 under-loading, up to
// 1.3 the sweet spot, from 1.5 the danger zone, above the sweet spot between.
func LoadZoneOf(ratio float64) LoadZone {
	switch {
	case ratio >= ACWRDanger:
		return ZoneDanger
	case ratio > ACWRSweetHigh:
		return ZoneAboveSweet
	case ratio >= ACWRSweetLow:
		return ZoneSweetSpot
	}
	return ZoneUnderLoading
}
