package domain

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Verdict is the colour of a day's readiness.
type Verdict string

// Verdicts (science.md, "Readiness").
const (
	VerdictGreen = Verdict("green")
	VerdictAmber = Verdict("amber")
	VerdictRed   = Verdict("red")
	// VerdictUnknown means there was nothing today to judge by.
	VerdictUnknown = Verdict("unknown")
)

// Advice says in plain words what the verdict means for today's training.
func (v Verdict) Advice() string {
	switch v {
	case VerdictGreen:
		return "train as planned"
	case VerdictAmber:
		return "keep it easy today: cut the intensity or the distance"
	case VerdictRed:
		return "rest today, or active recovery only"
	}
	return "no verdict yet"
}

// Title is the verdict capitalised for the start of a line.
func (v Verdict) Title() string {
	switch v {
	case VerdictGreen:
		return "Green"
	case VerdictAmber:
		return "Amber"
	case VerdictRed:
		return "Red"
	}
	return "No verdict"
}

// Pillar is one of the recovery guide's four pillars an action comes from.
type Pillar string

// The guide's pillars.
const (
	PillarSleep     = Pillar("sleep")
	PillarNutrition = Pillar("nutrition")
	PillarPhysical  = Pillar("physical recovery")
	PillarStress    = Pillar("stress")
)

// Sources named in replies, so a runner can see where a rule comes from.
const (
	SourceRHR        = "recovery guide; Polar; Dressendorfer"
	SourceHRV        = "Plews et al. 2012; HRV4Training"
	SourceSleep      = "recovery guide: 8–10 h a night"
	SourceSubjective = "recovery guide; Hooper index"
	SourceACWR       = "Gabbett 2016; Williams et al. 2017; thresholds disputed, Impellizzeri 2020"
	SourceMonotony   = "Foster 1998"
	SourceMileage    = "Nielsen et al. 2014; the 10% rule is only a heuristic"
	SourceSpike      = "Garmin-RUNSAFE cohort, BJSM"
)

// Reason is one marker's part in the verdict.
type Reason struct {
	// Marker names it: "resting heart rate", "HRV", "sleep", "fatigue", ...
	Marker string
	Level  Level
	// Text gives the value against the runner's own baseline in plain words;
	// Short is a few words for a one-line summary.
	Text, Short string
	Source      string
	Pillar      Pillar
}

// Missing is data a rule still needs, such as "RHR baseline: 3 of 5 mornings".
type Missing struct {
	What       string
	Have, Need int
	Unit       string
}

// String says what is missing, e.g. "RHR baseline: 3 of 5 mornings".
func (m Missing) String() string {
	if m.Need == 0 {
		return m.What
	}
	return fmt.Sprintf("%s: %d of %d %s", m.What, m.Have, m.Need, m.Unit)
}

// Remaining is how many more are needed.
func (m Missing) Remaining() int { return max(0, m.Need-m.Have) }

// Action is the one thing to do today, taken from one of the guide's pillars.
type Action struct {
	Pillar Pillar
	Text   string
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

// Summary is the one-line readiness that closes a check-in and starts a morning.
func (r Readiness) Summary() string {
	var b strings.Builder
	if r.Verdict == VerdictUnknown {
		b.WriteString("No verdict yet: ")
		if !r.Markers.HasCheckIn {
			b.WriteString("send today's check-in (/checkin).")
		} else {
			b.WriteString("today's check-in has nothing I can judge yet.")
		}
	} else {
		fmt.Fprintf(&b, "%s (%d/100): %s.", r.Verdict.Title(), r.Score, r.Verdict.Advice())
		var shorts []string
		for _, x := range r.Reasons {
			if x.Level >= LevelCaution && x.Short != "" {
				shorts = append(shorts, x.Short)
			}
		}
		if len(shorts) > 0 {
			b.WriteString(" " + capitalise(strings.Join(shorts, ", ")) + ".")
		}
	}
	for _, m := range r.Missing {
		if m.Need > 0 {
			fmt.Fprintf(&b, " Still building: %s.", m)
			break
		}
	}
	return b.String()
}

// ReadinessAt computes readiness for the member's local date at instant now.
func ReadinessAt(m Member, h History, now time.Time) Readiness {
	return ComputeReadiness(m, h, m.Today(now))
}

// ComputeReadiness combines the recovery markers into today's verdict: any
// warning makes the day at least amber; two warnings, or RHR +10 with HRV low,
// make it red. Cautions lower the score without changing the colour, except RHR
// up together with HRV down, which points to overreaching or illness and so
// makes the day at least amber. Data dated after today is ignored.
func ComputeReadiness(m Member, h History, today Date) Readiness {
	v := newDayView(h, today)
	mk := v.markers()
	r := Readiness{Date: today, Markers: mk, Load: v.load()}

	evaluated := 0
	add := func(x Reason) { r.Reasons = append(r.Reasons, x) }

	if mk.RHR.HasToday && !mk.RHR.Building {
		evaluated++
		add(rhrReason(mk.RHR))
	}
	if mk.HRV.Used && !mk.HRV.Building {
		evaluated++
		add(hrvReason(mk.HRV))
	}
	combined := mk.RHR.Level >= LevelCaution && mk.HRV.Level >= LevelCaution
	if combined {
		add(Reason{Marker: "RHR and HRV together", Level: LevelCaution, Pillar: PillarPhysical, Source: SourceHRV,
			Short: "RHR up with HRV down",
			Text:  "Resting HR up and HRV down together can mean overreaching or a cold coming on: weigh it more."})
	}
	if mk.Sleep.HasLastNight {
		evaluated++
		add(sleepReason(mk.Sleep))
	}
	sub := mk.Subjective
	if sub.Soreness > 0 {
		evaluated++
		add(subjectiveReason(v, "soreness", sorenessOf, sub.Soreness, sub.SorenessRising, sub.SorenessLevel))
	}
	if sub.Fatigue > 0 {
		evaluated++
		add(subjectiveReason(v, "fatigue", fatigueOf, sub.Fatigue, sub.FatigueRising, sub.FatigueLevel))
	}
	if sub.StressHigh {
		add(Reason{Marker: "stress", Level: LevelInfo, Pillar: PillarStress, Source: SourceSubjective,
			Short: fmt.Sprintf("stress %d/10", sub.Stress),
			Text:  fmt.Sprintf("Stress %d/10 is high; stress slows recovery and feeds burnout.", sub.Stress)})
	}
	if sub.MoodLow {
		add(Reason{Marker: "mood", Level: LevelInfo, Pillar: PillarStress, Source: SourceSubjective,
			Short: fmt.Sprintf("mood %d/10", sub.Mood),
			Text:  fmt.Sprintf("Mood and motivation %d/10 is low; if it stays low, talk to your coach.", sub.Mood)})
	}
	if a := r.Load.ACWR; !a.Building && a.Defined && a.Ratio >= ACWRDanger {
		add(Reason{Marker: "training load", Level: LevelInfo, Pillar: PillarPhysical, Source: SourceACWR,
			Short: fmt.Sprintf("load ratio %.2f", a.Ratio),
			Text: fmt.Sprintf("Training load: the last 7 days averaged %.0f a day (RPE × minutes) against %.0f before (ACWR %.2f, %s), in the danger zone. A prompt to look closer, not a diagnosis.",
				a.Acute, a.Chronic, a.Ratio, a.Kind())})
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

func rhrReason(s RHRStatus) Reason {
	r := Reason{Marker: "resting heart rate", Level: s.Level, Source: SourceRHR, Pillar: PillarPhysical}
	diff := fmt.Sprintf("%+.0f", s.Delta)
	r.Text = fmt.Sprintf("Resting HR %d bpm, %s against your baseline of %.0f (last %d mornings).", s.Today, diff, s.Baseline, s.Mornings)
	switch s.Level {
	case LevelWarning:
		r.Text += " 10 or more above baseline is a warning sign of fatigue or illness."
	case LevelCaution:
		r.Text += " 5 or more above baseline says your body is still working on recovery."
	}
	if s.ElevatedDays >= 2 {
		r.Text += fmt.Sprintf(" It has been up %d days in a row, which is stronger evidence than one morning.", s.ElevatedDays)
	}
	r.Short = fmt.Sprintf("resting HR %s bpm", diff)
	return r
}

func hrvReason(s HRVStatus) Reason {
	r := Reason{Marker: "HRV", Level: s.Level, Source: SourceHRV, Pillar: PillarPhysical}
	lo, hi := s.RangeMS()
	switch {
	case s.TodayLow:
		r.Text = fmt.Sprintf("HRV %.0f ms this morning is more than one SD below your 60-day baseline (normal range %.0f–%.0f ms).", s.TodayMS, lo, hi)
		r.Short = fmt.Sprintf("HRV %.0f ms, well below your range", s.TodayMS)
	case s.WeekLow:
		r.Text = fmt.Sprintf("HRV 7-day average %.0f ms is below your normal range of %.0f–%.0f ms (60-day baseline).", s.Week7MS(), lo, hi)
		r.Short = "HRV week below your range"
	default:
		r.Text = fmt.Sprintf("HRV 7-day average %.0f ms, inside or above your normal range of %.0f–%.0f ms.", s.Week7MS(), lo, hi)
	}
	return r
}

func sleepReason(s SleepStatus) Reason {
	r := Reason{Marker: "sleep", Level: s.Level, Source: SourceSleep, Pillar: PillarSleep}
	r.Text = fmt.Sprintf("Slept %s h last night (target 8–10 h).", trimFloat(roundTo(s.LastNight, 1)))
	if s.Nights > 1 {
		r.Text += fmt.Sprintf(" 7-day average %.1f h", s.Mean7)
		if s.Debt > 0 {
			r.Text += fmt.Sprintf(", %.1f h short of 8 h a night", s.Debt)
		}
		r.Text += "."
	}
	r.Short = fmt.Sprintf("slept %s h", trimFloat(roundTo(s.LastNight, 1)))
	return r
}

func subjectiveReason(v *dayView, name string, field func(*CheckIn) *int, x int, rising bool, lvl Level) Reason {
	r := Reason{Marker: name, Level: lvl, Source: SourceSubjective, Pillar: PillarPhysical}
	r.Text = fmt.Sprintf("%s %d/10", capitalise(name), x)
	if u, n := v.usual(field); n >= RHRMinMornings {
		r.Text += fmt.Sprintf(" (your usual %.0f)", u)
	}
	switch {
	case x >= SubjectiveWarning:
		r.Text += ", very high."
	case x >= SubjectiveCaution:
		r.Text += ", high."
	default:
		r.Text += "."
	}
	if rising {
		r.Text += " It has risen three days in a row."
	}
	r.Short = fmt.Sprintf("%s %d/10", name, x)
	if rising && x < SubjectiveCaution {
		r.Short = name + " rising 3 days"
	}
	return r
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

func chooseAction(m Member, r Readiness) Action {
	if r.Verdict == VerdictUnknown {
		return Action{Text: "Send this morning's check-in, e.g. /checkin rhr:52 sleep:7.5 fatigue:3 soreness:2, and I will give you a verdict."}
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
		wake := m.WakeMinute
		if wake == 0 {
			wake = DefaultWakeMinute
		}
		return Action{Pillar: PillarSleep, Text: fmt.Sprintf("Tonight, lights out by %s: that gives you 9 hours before your %s wake-up. Screens off an hour before, room dark and cool.",
			FormatClock(BedtimeFor(wake, 9)), FormatClock(wake))}
	case PillarStress:
		return Action{Pillar: PillarStress, Text: "Take 10 minutes today for slow belly breathing or a short meditation: stress slows recovery too."}
	case PillarPhysical:
		switch r.Verdict {
		case VerdictRed:
			return Action{Pillar: PillarPhysical, Text: "Rest, or keep to active recovery: a walk, an easy spin, gentle stretching and foam rolling."}
		case VerdictAmber:
			return Action{Pillar: PillarPhysical, Text: "Swap any hard session for an easy 30–40 minutes or cross-training, then 10 minutes of foam rolling and stretching."}
		}
		return Action{Pillar: PillarPhysical, Text: "Warm up longer than usual, and give your legs 10 minutes of foam rolling and stretching afterwards."}
	}
	return Action{Pillar: PillarNutrition, Text: "Train as planned, and within 30–60 minutes after, have carbohydrate and 20–30 g of protein."}
}

func missing(mk Markers, load LoadStatus) []Missing {
	var out []Missing
	if !mk.HasCheckIn {
		out = append(out, Missing{What: "today's check-in"})
	}
	if mk.RHR.Building {
		out = append(out, Missing{What: "RHR baseline", Have: mk.RHR.Mornings, Need: RHRMinMornings, Unit: "mornings"})
	}
	if mk.HRV.Used && mk.HRV.Building {
		if mk.HRV.BaselineN < HRVMinBaseline {
			out = append(out, Missing{What: "HRV baseline", Have: mk.HRV.BaselineN, Need: HRVMinBaseline, Unit: "readings"})
		}
		if mk.HRV.Week7N < HRVMinWeek {
			out = append(out, Missing{What: "HRV in the last 7 days", Have: mk.HRV.Week7N, Need: HRVMinWeek, Unit: "readings"})
		}
	}
	if load.ACWR.Building {
		out = append(out, Missing{What: "training load ratio (ACWR)", Have: load.Days, Need: ACWRDays, Unit: "days"})
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func roundTo(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
