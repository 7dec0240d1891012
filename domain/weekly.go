package domain

import "sort"

// Weekly thresholds that science.md leaves to us; each says why it is what it is.
const (
	// StrainRatioHigh is "strain far above the runner's own 4-week mean": 1.5×,
	// the same step the ACWR calls the danger zone.
	StrainRatioHigh = 1.5
	// ElevatedDaysFlag is how many days of RHR ≥ +5 in a week make a flag (science.md: 3+).
	ElevatedDaysFlag = 3
	// TrendPoints is the change of a weekly mean (1–10 scale) against the week
	// before that counts as a trend: one whole point.
	TrendPoints = 1.0
	// ScaleDaysFlag is how many days of stress ≥ 7 or mood ≤ 3 in a week make
	// a burnout flag: the same 3 as for RHR.
	ScaleDaysFlag = 3
	// MinNightsForMean is how many recorded nights a weekly sleep mean needs.
	MinNightsForMean = 3
)

// MemberWeek is one member's summary of the 7 days From..To against the week before.
type MemberWeek struct {
	MemberID int64
	Name     string
	From, To Date
	// Metres, Runs, Minutes, Load and CheckIns are this week's totals; the
	// Prev* fields are the week before's.
	Metres, PrevMetres   float64
	Runs, PrevRuns       int
	Minutes, PrevMinutes float64
	Load, PrevLoad       float64
	CheckIns, PrevChecks int
	// Training is the load status as of To (ACWR, EWMA, monotony, ...).
	Training LoadStatus
	Sleep    SleepStatus
	HRV      HRVStatus
	Flags    []Flag
	// Next is the one thing to do next week, following the kind of flag the
	// week has most of; set only when there are flags.
	Next Action
}

// MinWeekCheckIns is how many mornings a week must have before "no flags"
// means recovery looked fine.
const MinWeekCheckIns = 3

// Judged reports whether the week had enough check-ins for its recovery to be
// judged; with fewer, no flags is not a clean bill of health.
func (w MemberWeek) Judged() bool { return len(w.Flags) > 0 || w.CheckIns >= MinWeekCheckIns }

// Count returns how many flags of kind the week has.
func (w MemberWeek) Count(kind FlagKind) int {
	n := 0
	for _, f := range w.Flags {
		if f.Kind == kind {
			n++
		}
	}
	return n
}

// WeeklySummary computes the member's weekly summary for the 7 days ending end.
func WeeklySummary(m Member, h History, end Date) MemberWeek {
	v := newDayView(h, end)
	w := MemberWeek{MemberID: m.ID, Name: m.Name, From: end.AddDays(-6), To: end}
	e := v.todayN
	for i, r := range v.runs {
		switch ago := e - v.runDays[i]; {
		case ago < 7:
			w.Metres += r.Metres
			w.Runs++
			w.Minutes += r.Minutes()
			w.Load += SessionLoad(r)
		case ago < 14:
			w.PrevMetres += r.Metres
			w.PrevRuns++
			w.PrevMinutes += r.Minutes()
			w.PrevLoad += SessionLoad(r)
		}
	}
	for ago := 0; ago < 14; ago++ {
		if i, ok := v.at(ago); ok && v.ci[i] != nil && !v.ci[i].IsEmpty() {
			if ago < 7 {
				w.CheckIns++
			} else {
				w.PrevChecks++
			}
		}
	}
	w.Training = v.load()
	w.Sleep = v.sleep()
	w.HRV = v.hrv()
	w.Flags = overloadFlags(w.Flags, v, w.Training)
	w.Flags = underRecoveryFlags(w.Flags, v, w)
	w.Flags = burnoutFlags(w.Flags, v, w)
	if len(w.Flags) > 0 {
		w.Next = nextWeekAction(w, m)
	}
	return w
}

// nextWeekAction picks one thing for next week from the guide's pillars,
// following the kind of flag the week has most of (body before plan).
func nextWeekAction(w MemberWeek, m Member) Action {
	under, burn, over := w.Count(FlagUnderRecovery), w.Count(FlagBurnout), w.Count(FlagOverload)
	switch {
	case under > 0 && under >= burn && under >= over:
		return bedtimeAction(ActionSleepFirst, m)
	case burn > 0 && burn >= over:
		return Action{Kind: ActionTalk, Pillar: PillarStress}
	}
	return Action{Kind: ActionLighter, Pillar: PillarPhysical}
}

// GroupMember is one club member with their history, as the weekly job loads them.
type GroupMember struct {
	Member  Member
	History History
}

// GroupWeek is the coach's summary of a club's week. Members who do not share
// with the coach are only counted: their names and values appear nowhere in
// it, not even inside the totals, so that a small club cannot subtract its way
// to one person's numbers.
type GroupWeek struct {
	From, To Date
	// Members are the sharing members, worst first.
	Members []MemberWeek
	// Total is every member of the club; NotSharing those left out.
	Total, NotSharing int
	// CheckIns of the sharing members this week, out of PossibleCheckIns (7 each).
	CheckIns, PossibleCheckIns int
	// Metres, Runs and Minutes are the sharing members' totals.
	Metres  float64
	Runs    int
	Minutes float64
	// Flagged counts sharing members with at least one flag.
	Flagged int
}

// CheckInRate is the share of possible check-ins that came in, 0 to 1.
func (g GroupWeek) CheckInRate() float64 {
	if g.PossibleCheckIns == 0 {
		return 0
	}
	return float64(g.CheckIns) / float64(g.PossibleCheckIns)
}

// GroupSummary summarises the club's week ending end for a coach.
func GroupSummary(members []GroupMember, end Date) GroupWeek {
	g := GroupWeek{From: end.AddDays(-6), To: end, Total: len(members)}
	for _, gm := range members {
		if !gm.Member.ShareWithCoach {
			g.NotSharing++
			continue
		}
		w := WeeklySummary(gm.Member, gm.History, end)
		g.Members = append(g.Members, w)
		g.CheckIns += w.CheckIns
		g.PossibleCheckIns += 7
		g.Metres += w.Metres
		g.Runs += w.Runs
		g.Minutes += w.Minutes
		if len(w.Flags) > 0 {
			g.Flagged++
		}
	}
	sort.SliceStable(g.Members, func(i, j int) bool { return worse(g.Members[i], g.Members[j]) })
	return g
}

// worse orders members for the coach: more flags first; among equals, more
// under-recovery and burnout flags (the body and mind, not just the plan);
// then by name so the order is stable.
func worse(a, b MemberWeek) bool {
	if len(a.Flags) != len(b.Flags) {
		return len(a.Flags) > len(b.Flags)
	}
	ra := a.Count(FlagUnderRecovery) + a.Count(FlagBurnout)
	rb := b.Count(FlagUnderRecovery) + b.Count(FlagBurnout)
	if ra != rb {
		return ra > rb
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.MemberID < b.MemberID
}
