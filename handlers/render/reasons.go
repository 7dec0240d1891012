package render

import (
	"fmt"
	"math"

	"github.com/runclub/runclub/domain"
)

// reasonText gives a reason's value against the runner's own baseline in
// plain words, in the tense of the day it speaks of.
func reasonText(x domain.Reason, t tense) string {
	switch x.Marker {
	case domain.MarkerRHR:
		if x.Provisional {
			return provisionalRHRText(x.RHR)
		}
		return rhrText(x.RHR, t)
	case domain.MarkerHRV:
		return hrvText(x.HRV, t)
	case domain.MarkerRHRWithHRV:
		return "Resting HR up and HRV down together can mean overreaching or a cold coming on: weigh it more."
	case domain.MarkerSleep:
		return sleepText(x.Sleep, t)
	case domain.MarkerFatigue, domain.MarkerSoreness:
		return scoreText(x.Marker, x.Score, t)
	case domain.MarkerStress:
		return fmt.Sprintf("Stress %d/10 %s high; stress slows recovery and feeds burnout.", x.Score.Value, t.pick("is", "was"))
	case domain.MarkerMood:
		return fmt.Sprintf("Mood and motivation %d/10 %s low; if it stays low, talk to your coach.", x.Score.Value, t.pick("is", "was"))
	case domain.MarkerLoad:
		a := x.Load
		return fmt.Sprintf("Training load: %s averaged %.0f a day (RPE × minutes) against %.0f before (ACWR %.2f, %s), in the danger zone. A prompt to look closer, not a diagnosis.",
			t.pick("the last 7 days", "the 7 days to then"), a.Acute, a.Chronic, a.Ratio, coupling(a.Coupled))
	}
	return ""
}

// reasonShort is a reason in a few words, for the one-line readiness.
func reasonShort(x domain.Reason) string {
	switch x.Marker {
	case domain.MarkerRHR:
		if x.Provisional {
			return fmt.Sprintf("resting HR %s bpm against your first %s", signed(x.RHR.Delta), count(x.RHR.Mornings, "morning", "mornings"))
		}
		return fmt.Sprintf("resting HR %s bpm", signed(x.RHR.Delta))
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

// signed shows a change in whole units with its sign; a change that rounds
// to nothing is +0, never -0.
func signed(x float64) string {
	r := math.Round(x)
	if r == 0 {
		return "+0"
	}
	return fmt.Sprintf("%+.0f", r)
}

// coupling says which way a load ratio was computed.
func coupling(coupled bool) string {
	if coupled {
		return "coupled"
	}
	return "uncoupled"
}

func rhrText(s domain.RHRStatus, t tense) string {
	text := fmt.Sprintf("Resting HR %d bpm, %s against your baseline of %.0f (last %d mornings).", s.Today, signed(s.Delta), s.Baseline, s.Mornings)
	switch s.Level {
	case domain.LevelWarning:
		text += " 10 or more above baseline is a warning sign of fatigue or illness."
	case domain.LevelCaution:
		text += t.pick(" 5 or more above baseline says your body is still working on recovery.",
			" 5 or more above baseline said your body was still working on recovery.")
	}
	if s.ElevatedDays >= 2 {
		text += fmt.Sprintf(" It %s up %d days in a row, which is stronger evidence than one morning.", t.pick("has been", "had been"), s.ElevatedDays)
	}
	return text
}

// provisionalRHRText compares a resting HR with the mornings there are while
// the baseline builds, and says the comparison is provisional.
func provisionalRHRText(s domain.RHRStatus) string {
	text := fmt.Sprintf("Resting HR %d bpm, %s against the mean of your first %s (%.0f). The baseline needs %d, so this is provisional",
		s.Today, signed(s.Delta), count(s.Mornings, "morning", "mornings"), s.Baseline, domain.RHRMinMornings)
	switch s.Level {
	case domain.LevelWarning:
		return text + ", but 10 or more above is a common sign of fatigue or illness: take it seriously."
	case domain.LevelCaution:
		return text + ", but 5 or more above often means the body is still working on recovery."
	}
	return text + "."
}

func hrvText(s domain.HRVStatus, t tense) string {
	lo, hi := s.RangeMS()
	switch {
	case s.TodayLow:
		return fmt.Sprintf("HRV %.0f ms %s is more than one SD below your 60-day baseline (normal range %.0f–%.0f ms).", s.TodayMS, t.pick("this morning", "that morning"), lo, hi)
	case s.WeekLow:
		return fmt.Sprintf("HRV 7-day average %.0f ms %s below your normal range of %.0f–%.0f ms (60-day baseline).", s.Week7MS(), t.pick("is", "was"), lo, hi)
	}
	return fmt.Sprintf("HRV 7-day average %.0f ms, inside or above your normal range of %.0f–%.0f ms.", s.Week7MS(), lo, hi)
}

func sleepText(s domain.SleepStatus, t tense) string {
	text := fmt.Sprintf("Slept %s h %s (target 8–10 h).", tenths(s.LastNight), t.pick("last night", "the night before"))
	if s.Nights > 1 {
		text += fmt.Sprintf(" 7-day average %.1f h", s.Mean7)
		if s.Debt > 0 {
			text += fmt.Sprintf(", %.1f h short over %s", s.Debt, nightsWords(s.Nights, t))
		}
		text += "."
	}
	return text
}

// nightsWords names the nights a sleep debt adds up over: the last 7, or
// those of them that were logged.
func nightsWords(nights int, t tense) string {
	window := t.pick("the last 7", "the 7 to then")
	if nights >= 7 {
		return t.pick("the last 7 nights", "the 7 nights to then")
	}
	return fmt.Sprintf("the %d nights logged in %s", nights, window)
}

func scoreText(m domain.Marker, s domain.Score, t tense) string {
	text := fmt.Sprintf("%s %d/10", capitalise(markerName(m)), s.Value)
	if s.HasUsual {
		text += fmt.Sprintf(" (your usual %.0f)", s.Usual)
	}
	switch s.Band {
	case domain.LevelWarning:
		text += ", very high."
	case domain.LevelCaution:
		text += ", high."
	default:
		text += "."
	}
	if s.Rising {
		text += fmt.Sprintf(" It %s three days in a row.", t.pick("has risen", "had risen"))
	}
	return text
}
