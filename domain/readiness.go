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
	// VerdictUnknown means there was nothing on the day to judge by.
	VerdictUnknown = Verdict("unknown")
)

// Pillar is one of the recovery guide's four pillars an action comes from.
type Pillar string

// The guide's pillars.
const (
	PillarSleep     = Pillar("sleep")
	PillarNutrition = Pillar("nutrition")
	PillarPhysical  = Pillar("physical")
	PillarStress    = Pillar("stress")
)

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

// ActionKind is the one thing to do, from one of the guide's pillars.
type ActionKind string

// The actions readiness and the weekly summary choose from.
const (
	// ActionCheckIn: send the day's check-in, there is nothing to judge yet.
	ActionCheckIn = ActionKind("checkin")
	// ActionBedtime: lights out by Bedtime, 9 hours before Wake.
	ActionBedtime = ActionKind("bedtime")
	// ActionBreathe: ten minutes of slow breathing or meditation.
	ActionBreathe = ActionKind("breathe")
	// ActionRest: rest or active recovery only.
	ActionRest = ActionKind("rest")
	// ActionEasySwap: an easy session instead of a hard one, and foam rolling.
	ActionEasySwap = ActionKind("easy-swap")
	// ActionWarmUp: a longer warm-up and foam rolling after.
	ActionWarmUp = ActionKind("warm-up")
	// ActionRefuel: carbohydrate and protein within an hour after training.
	ActionRefuel = ActionKind("refuel")
	// ActionSleepFirst (a week): 8–10 h a night, lights out by Bedtime, two easy days.
	ActionSleepFirst = ActionKind("sleep-first")
	// ActionTalk (a week): talk about how training feels; a day with no plan.
	ActionTalk = ActionKind("talk")
	// ActionLighter (a week): hold or cut the distance, easy days easy, a rest day.
	ActionLighter = ActionKind("lighter")
)

// Action is the one thing to do, taken from one of the guide's pillars.
type Action struct {
	Kind   ActionKind
	Pillar Pillar
	// Bedtime and Wake are local minutes after midnight (ActionBedtime,
	// ActionSleepFirst).
	Bedtime, Wake int
}

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
// makes the day at least amber. Data dated after the day is ignored.
func ComputeReadiness(m Member, h History, day Date) Readiness {
	v := newDayView(h, day)
	mk := v.markers()
	r := Readiness{Date: day, Markers: mk, Load: v.load()}

	evaluated := 0
	add := func(x Reason) { r.Reasons = append(r.Reasons, x) }

	if mk.RHR.HasToday && !mk.RHR.Building {
		evaluated++
		add(Reason{Marker: MarkerRHR, Level: mk.RHR.Level, Source: SourceRHR, Pillar: PillarPhysical, RHR: mk.RHR})
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
	sort.SliceStable(r.Reasons, func(i, j int) bool { return r.Reasons[i].Level > r.Reasons[j].Level })

	warnings, cautions := 0, 0
	for _, x := range r.Reasons {
		switch x.Level {
		case LevelWarning:
			warnings++
		case LevelCaution:
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

// BedtimeFor returns the lights-out minute that gives hours of sleep before wakeMinute.
func BedtimeFor(wakeMinute int, hours float64) int {
	return ((wakeMinute-int(hours*60))%(24*60) + 24*60) % (24 * 60)
}

// bedtimeAction is lights out 9 hours before the member's wake time.
func bedtimeAction(kind ActionKind, m Member) Action {
	wake := m.WakeMinute
	if wake == 0 {
		wake = DefaultWakeMinute
	}
	return Action{Kind: kind, Pillar: PillarSleep, Bedtime: BedtimeFor(wake, 9), Wake: wake}
}

func chooseAction(m Member, r Readiness) Action {
	if r.Verdict == VerdictUnknown {
		return Action{Kind: ActionCheckIn}
	}
	pillar := PillarNutrition
	for _, x := range r.Reasons {
		if x.Level >= LevelCaution {
			pillar = x.Pillar
			break
		}
	}
	if pillar == PillarNutrition && r.Markers.Subjective.StressHigh {
		pillar = PillarStress
	}
	switch pillar {
	case PillarSleep:
		return bedtimeAction(ActionBedtime, m)
	case PillarStress:
		return Action{Kind: ActionBreathe, Pillar: PillarStress}
	case PillarPhysical:
		switch r.Verdict {
		case VerdictRed:
			return Action{Kind: ActionRest, Pillar: PillarPhysical}
		case VerdictAmber:
			return Action{Kind: ActionEasySwap, Pillar: PillarPhysical}
		}
		return Action{Kind: ActionWarmUp, Pillar: PillarPhysical}
	}
	return Action{Kind: ActionRefuel, Pillar: PillarNutrition}
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
func LoadZoneOf(ratio float64) LoadZone { return LoadZone(acwrZone(ratio)) }
