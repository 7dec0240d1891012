package chart

import (
	"fmt"
	"strconv"

	"github.com/runclub/runclub/domain"
)

// Every word the pictures show is here: panel titles, legend entries and the
// few short lines. The sentences that go beside a picture (what it shows, what
// is missing) are the rendering layer's, not this package's.
const (
	titleRHR   = "Resting HR, bpm"
	titleHRV   = "HRV, ms"
	titleSleep = "Sleep, hours"
	titleLoad  = "Load, RPE × min"

	keyBaseline   = "baseline"
	keyPlus5And10 = "+5 / +10"
	key7DayMean   = "7-day mean"
	keyNormal     = "normal range"
	keyTarget     = "8–10 h"
	key7Day       = "7-day"
	key28Day      = "28-day"
	keyACWR       = "ACWR (right)"
	keySweetSpot  = "0.8–1.3"

	titleGrid     = "Readiness"
	keyGreen      = "green"
	keyAmber      = "amber"
	keyRed        = "red"
	keyNoCheckIn  = "no check-in"
	notSharingOne = "1 member does not share and is not shown"
	notSharingN   = "%d members do not share and are not shown"
)

// weekdayInitials head the club grid's columns, Sunday first as time.Weekday counts.
var weekdayInitials = [7]string{"S", "M", "T", "W", "T", "F", "S"}

// shortDate is "3 Mar".
func shortDate(d domain.Date) string { return strconv.Itoa(d.Day) + " " + d.Month.String()[:3] }

// rangeLabel is "3 Mar – 31 Aug 2025", or with both years when they differ.
func rangeLabel(from, to domain.Date) string {
	if from.Year != to.Year {
		return fmt.Sprintf("%s %d – %s %d", shortDate(from), from.Year, shortDate(to), to.Year)
	}
	return fmt.Sprintf("%s – %s %d", shortDate(from), shortDate(to), to.Year)
}

// notSharingLine is the line under the club grid that counts who is not in it.
func notSharingLine(n int) string {
	if n == 1 {
		return notSharingOne
	}
	return fmt.Sprintf(notSharingN, n)
}

// rightLabel is a value of the ACWR scale: "0.8", "1.5", "2".
func rightLabel(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
