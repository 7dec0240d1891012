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
	// AwayWeekDays is how many days away make a week one of being away:
	// the summary says "away" instead of flags, since three days of
	// illness or travel move every marker for reasons the flags do not know.
	AwayWeekDays = 3
	// MinPresentDays is how many days not away a week needs before its
	// check-ins can be said to drop off.
	MinPresentDays = 4
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
	// AwayDays and PrevAwayDays count the days of this week and the week
	// before on which the member was away; Away is the latest time away
	// that touches this week (zero when none).
	AwayDays, PrevAwayDays int
	Away                   Away
}

// ShowsAway reports whether the week is one of being away: away on its last
// day, or on AwayWeekDays of its days. Such a week has no flags.
func (w MemberWeek) ShowsAway() bool {
	return w.AwayDays > 0 && (w.AwayDays >= AwayWeekDays || w.Away.Covers(w.To))
}

// PresentDays is how many days of the week the member was not away.
func (w MemberWeek) PresentDays() int { return 7 - w.AwayDays }

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
	w.AwayDays = awayDays(h.Away, w.From, end)
	w.PrevAwayDays = awayDays(h.Away, end.AddDays(-13), end.AddDays(-7))
	for _, a := range h.Away {
		if !a.Until.Before(w.From) && !a.From.After(end) && (w.Away.From.IsZero() || a.From.After(w.Away.From)) {
			w.Away = a
		}
	}
	w.Training = v.load()
	w.Sleep = v.sleep()
	w.HRV = v.hrv()
	if w.ShowsAway() {
		return w
	}
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
	// Flagged counts sharing members with at least one flag; Away those
	// whose week was one of being away (MemberWeek.ShowsAway).
	Flagged, Away int
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
		// A check-in sent while away is welcome but not counted against
		// the days the member was expected: the rate stays at most 100%.
		g.CheckIns += min(w.CheckIns, w.PresentDays())
		g.PossibleCheckIns += w.PresentDays()
		g.Metres += w.Metres
		g.Runs += w.Runs
		g.Minutes += w.Minutes
		switch {
		case len(w.Flags) > 0:
			g.Flagged++
		case w.ShowsAway():
			g.Away++
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
