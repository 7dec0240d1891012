package domain

// Pillar is one of the recovery guide's four pillars an action comes from.
type Pillar string

// The guide's pillars.
const (
	PillarSleep     = Pillar("sleep")
	PillarNutrition = Pillar("nutrition")
	PillarPhysical  = Pillar("physical")
	PillarStress    = Pillar("stress")
)

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
	// ActionBuildBaseline: check in every morning; Mornings more after the
	// day make the resting HR baseline (0: it is ready from the next one).
	ActionBuildBaseline = ActionKind("build-baseline")
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
	// Mornings is how many more check-ins the baseline needs (ActionBuildBaseline).
	Mornings int
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

// chooseAction picks the one thing to do from the pillar of the most severe
// reason (stress when only stress stands out), by how bad the day is.
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
		switch {
		case r.Verdict == VerdictRed:
			return Action{Kind: ActionRest, Pillar: PillarPhysical}
		case r.Verdict == VerdictAmber || (r.Verdict == VerdictEarly && r.Reasons[0].Level == LevelWarning):
			return Action{Kind: ActionEasySwap, Pillar: PillarPhysical}
		}
		return Action{Kind: ActionWarmUp, Pillar: PillarPhysical}
	}
	if r.Verdict == VerdictEarly {
		left := RHRMinMornings - r.Markers.RHR.Mornings
		if r.Markers.RHR.HasToday {
			left--
		}
		return Action{Kind: ActionBuildBaseline, Mornings: max(0, left)}
	}
	return Action{Kind: ActionRefuel, Pillar: PillarNutrition}
}
