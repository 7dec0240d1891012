package render

import (
	"fmt"

	"github.com/runclub/runclub/domain"
)

// reasonText gives a reason's value against the runner's own baseline in
// plain words.
func reasonText(x domain.Reason) string {
	switch x.Marker {
	case domain.MarkerRHR:
		return rhrText(x.RHR)
	case domain.MarkerHRV:
		return hrvText(x.HRV)
	case domain.MarkerRHRWithHRV:
		return "Resting HR up and HRV down together can mean overreaching or a cold coming on: weigh it more."
	case domain.MarkerSleep:
		return sleepText(x.Sleep)
	case domain.MarkerFatigue, domain.MarkerSoreness:
		return scoreText(x.Marker, x.Score)
	case domain.MarkerStress:
		return fmt.Sprintf("Stress %d/10 is high; stress slows recovery and feeds burnout.", x.Score.Value)
	case domain.MarkerMood:
		return fmt.Sprintf("Mood and motivation %d/10 is low; if it stays low, talk to your coach.", x.Score.Value)
	case domain.MarkerLoad:
		a := x.Load
		return fmt.Sprintf("Training load: the last 7 days averaged %.0f a day (RPE × minutes) against %.0f before (ACWR %.2f, %s), in the danger zone. A prompt to look closer, not a diagnosis.",
			a.Acute, a.Chronic, a.Ratio, coupling(a.Coupled))
	}
	return ""
}

// reasonShort is a reason in a few words, for the one-line readiness.
func reasonShort(x domain.Reason) string {
	switch x.Marker {
	case domain.MarkerRHR:
		return fmt.Sprintf("resting HR %+.0f bpm", x.RHR.Delta)
	case domain.MarkerHRV:
		switch {
		case x.HRV.TodayLow:
			return fmt.Sprintf("HRV %.0f ms, well below your range", x.HRV.TodayMS)
		case x.HRV.WeekLow:
			return "HRV week below your range"
		}
		return ""
	case domain.MarkerRHRWithHRV:
		return "RHR up with HRV down"
	case domain.MarkerSleep:
		return fmt.Sprintf("slept %s h", tenths(x.Sleep.LastNight))
	case domain.MarkerFatigue, domain.MarkerSoreness:
		name := markerName(x.Marker)
		if x.Score.Rising && x.Score.Band < domain.LevelCaution {
			return name + " rising 3 days"
		}
		return fmt.Sprintf("%s %d/10", name, x.Score.Value)
	case domain.MarkerStress, domain.MarkerMood:
		return fmt.Sprintf("%s %d/10", markerName(x.Marker), x.Score.Value)
	case domain.MarkerLoad:
		return fmt.Sprintf("load ratio %.2f", x.Load.Ratio)
	}
	return ""
}

// markerNames name the 1–10 answers.
var markerNames = map[domain.Marker]string{
	domain.MarkerFatigue:  "fatigue",
	domain.MarkerSoreness: "soreness",
	domain.MarkerStress:   "stress",
	domain.MarkerMood:     "mood",
}

func markerName(m domain.Marker) string { return markerNames[m] }

// coupling says which way a load ratio was computed.
func coupling(coupled bool) string {
	if coupled {
		return "coupled"
	}
	return "uncoupled"
}

func rhrText(s domain.RHRStatus) string {
	t := fmt.Sprintf("Resting HR %d bpm, %+.0f against your baseline of %.0f (last %d mornings).", s.Today, s.Delta, s.Baseline, s.Mornings)
	switch s.Level {
	case domain.LevelWarning:
		t += " 10 or more above baseline is a warning sign of fatigue or illness."
	case domain.LevelCaution:
		t += " 5 or more above baseline says your body is still working on recovery."
	}
	if s.ElevatedDays >= 2 {
		t += fmt.Sprintf(" It has been up %d days in a row, which is stronger evidence than one morning.", s.ElevatedDays)
	}
	return t
}

func hrvText(s domain.HRVStatus) string {
	lo, hi := s.RangeMS()
	switch {
	case s.TodayLow:
		return fmt.Sprintf("HRV %.0f ms this morning is more than one SD below your 60-day baseline (normal range %.0f–%.0f ms).", s.TodayMS, lo, hi)
	case s.WeekLow:
		return fmt.Sprintf("HRV 7-day average %.0f ms is below your normal range of %.0f–%.0f ms (60-day baseline).", s.Week7MS(), lo, hi)
	}
	return fmt.Sprintf("HRV 7-day average %.0f ms, inside or above your normal range of %.0f–%.0f ms.", s.Week7MS(), lo, hi)
}

func sleepText(s domain.SleepStatus) string {
	t := fmt.Sprintf("Slept %s h last night (target 8–10 h).", tenths(s.LastNight))
	if s.Nights > 1 {
		t += fmt.Sprintf(" 7-day average %.1f h", s.Mean7)
		if s.Debt > 0 {
			t += fmt.Sprintf(", %.1f h short of 8 h a night", s.Debt)
		}
		t += "."
	}
	return t
}

func scoreText(m domain.Marker, s domain.Score) string {
	t := fmt.Sprintf("%s %d/10", capitalise(markerName(m)), s.Value)
	if s.HasUsual {
		t += fmt.Sprintf(" (your usual %.0f)", s.Usual)
	}
	switch s.Band {
	case domain.LevelWarning:
		t += ", very high."
	case domain.LevelCaution:
		t += ", high."
	default:
		t += "."
	}
	if s.Rising {
		t += " It has risen three days in a row."
	}
	return t
}
