package render

import (
	"fmt"
	"math"
	"time"

	"github.com/runclub/runclub/domain"
)

// RunLogged confirms a logged run: its number, the distance, the duration
// in words and the pace in the member's units, so that a misread duration
// shows at once, and the load when it has an RPE.
func RunLogged(run domain.Run, units string, today domain.Date) string {
	text := fmt.Sprintf("Logged run %d, %s for %s: %s", run.Number, runKind(run), dayLabel(run.Date, today), runSummary(run, units))
	if run.RPE > 0 {
		return text + ", " + runLoad(run) + "."
	}
	return text + fmt.Sprintf(". Add how hard the whole session felt (RPE 1-10) so I can track your training load: /run edit %d rpe:6.", run.Number)
}

// runKind is "an easy run", or "a run" without a type.
func runKind(run domain.Run) string {
	switch run.Type {
	case "", "other":
		return "a run"
	case "intervals":
		return "an interval session"
	case "race":
		return "a race"
	}
	return article(run.Type) + " " + run.Type + " run"
}

// runSummary is "10.0 km (6.2 mi) in 1 h 30 min at 9:00 min/km".
func runSummary(run domain.Run, units string) string {
	return fmt.Sprintf("%s in %s at %s", FormatDistance(run.Metres, units), durationWords(run.Duration), PaceText(run.Pace(), units))
}

// runLoad is "RPE 5, load 450 (5 × 90 min)": Foster's session load.
func runLoad(run domain.Run) string {
	return fmt.Sprintf("RPE %d, load %.0f (%d × %s min)", run.RPE, math.Round(domain.SessionLoad(run)), run.RPE, tenths(run.Minutes()))
}

// PaceText shows a pace per kilometre in the member's units: "9:00 min/km"
// or "14:29 min/mi".
func PaceText(perKM time.Duration, units string) string {
	unit := "km"
	if units == domain.UnitsMI {
		perKM = time.Duration(float64(perKM) * domain.MetresPerMile / 1000)
		unit = "mi"
	}
	sec := int64(math.Round(perKM.Seconds()))
	return fmt.Sprintf("%d:%02d min/%s", sec/60, sec%60, unit)
}

// RunTooFast refuses a run faster than the world records, with the pace it
// works out to and, when there is one, the reading the member most likely
// meant (typed is the duration as typed; alt is zero when none).
func RunTooFast(run domain.Run, units, typed string, alt time.Duration, altText string) string {
	text := fmt.Sprintf("%s in %s works out to %s, faster than the world record (%s over %s), so I have not stored it.",
		FormatDistance(run.Metres, units), durationWords(run.Duration), PaceText(run.Pace(), units),
		PaceText(domain.FastestPace(run.Metres), units), paceSpan(run.Metres))
	return text + readingHint(typed, run.Duration, alt, altText) + " Check the distance and the duration and send it again."
}

// paceSpan names the distances a record pace covers.
func paceSpan(metres float64) string {
	if metres <= domain.ShortRunMetres {
		return "3 km or less"
	}
	return "more than 3 km"
}

// readingHint is " 4m would be 4 min; for 4 hours write 4h.", or nothing.
func readingHint(typed string, d, alt time.Duration, altText string) string {
	if alt == 0 || typed == "" {
		return ""
	}
	return fmt.Sprintf(" %s would be %s; for %s write %s.", clip(typed), durationWords(d), longDuration(alt), altText)
}

// longDuration says a duration in whole words: "45 minutes 30 seconds".
func longDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	text := ""
	add := func(n int, one, many string) {
		if n > 0 {
			if text != "" {
				text += " "
			}
			text += count(n, one, many)
		}
	}
	add(h, "hour", "hours")
	add(m, "minute", "minutes")
	add(s, "second", "seconds")
	return text
}

// RunTooSlow asks the member to confirm a run slower than any running
// pace before it is stored.
func RunTooSlow(run domain.Run, units, typed string, alt time.Duration, altText string) string {
	return fmt.Sprintf("%s in %s works out to %s, slower than %s, so I have not stored it yet.%s Tap %q if that is right.",
		FormatDistance(run.Metres, units), durationWords(run.Duration), PaceText(run.Pace(), units),
		PaceText(domain.SlowestPace, units), readingHint(typed, run.Duration, alt, altText), ButtonStoreAnyway)
}

// RunAlreadyLogged answers a run identical to one logged minutes ago: most
// likely the same message sent twice.
func RunAlreadyLogged(run domain.Run, units string, today domain.Date) string {
	return fmt.Sprintf("Already logged: run %d, %s for %s, %s. If this is another run, tap %q.",
		run.Number, runKind(run), dayLabel(run.Date, today), runSummary(run, units), ButtonAddAgain)
}

// The labels of the run replies' buttons.
const (
	ButtonStoreAnyway = "Yes, store it"
	ButtonAddAgain    = "Add it again"
	ButtonUndo        = "Undo"
)

// ButtonLogAs is the button that logs the run as the member likely meant it.
func ButtonLogAs(metres float64, d time.Duration, units string) string {
	return fmt.Sprintf("Log %s in %s", FormatDistanceShort(metres, units), durationWords(d))
}

// RunEdited confirms an edit with the run as it is now and what changed.
func RunEdited(before, after domain.Run, units string, today domain.Date) string {
	text := fmt.Sprintf("Run %d, %s for %s, is now %s", after.Number, runKind(after), dayLabel(after.Date, today), runSummary(after, units))
	if after.RPE > 0 {
		text += ", " + runLoad(after)
	}
	return text + fmt.Sprintf(" (it was %s). /undo takes it back.", runBrief(before, units, today))
}

// RunUnchanged answers an edit whose values are the run's already, which
// stores nothing and leaves nothing to undo.
func RunUnchanged(run domain.Run, units string, today domain.Date) string {
	text := fmt.Sprintf("Run %d, %s for %s, already is %s", run.Number, runKind(run), dayLabel(run.Date, today), runSummary(run, units))
	if run.RPE > 0 {
		text += ", " + runLoad(run)
	}
	return text + ": nothing changed."
}

// runBrief is a run in a few words: "10.0 km in 1 h 30 min, RPE 5, today".
func runBrief(run domain.Run, units string, today domain.Date) string {
	text := FormatDistanceShort(run.Metres, units) + " in " + durationWords(run.Duration)
	if run.RPE > 0 {
		text += fmt.Sprintf(", RPE %d", run.RPE)
	}
	if run.Type != "" {
		text += ", " + run.Type
	}
	return text + ", " + dayLabel(run.Date, today)
}

// RunDeleted confirms the deletion of a run.
func RunDeleted(run domain.Run, units string, today domain.Date) string {
	return fmt.Sprintf("Deleted run %d: %s. /undo puts it back.", run.Number, runBrief(run, units, today))
}

// NoSuchRun refuses a run number the member does not have.
func NoSuchRun(n int) string {
	return fmt.Sprintf("You have no run %d. /history shows your runs with their numbers, e.g. /run delete 3.", n)
}

// NothingToEdit refuses /run edit without a value to change.
func NothingToEdit(n int) string {
	return fmt.Sprintf("Say what to change, e.g. /run edit %d rpe:6 or /run edit %d duration:1:30:00.", n, n)
}

// EditTooLongToConfirm refuses a slow edit whose confirmation would not fit
// in a button: too many values changed at once.
func EditTooLongToConfirm(n int) string {
	return fmt.Sprintf("That edit changes too much to confirm with one tap. Change the distance and duration first (/run edit %d distance:… duration:…), then the rest.", n)
}

// ClockTooLong refuses h:mm that reads as more than a day, with the m:ss it
// most likely meant: "45:30 would be 45 h 30 min; for 45 minutes 30
// seconds write 45m30s."
func ClockTooLong(typed string, d, alt time.Duration, altText string) string {
	return fmt.Sprintf("%s would be %s, longer than a run can be (at most 24 hours); for %s write %s.",
		clip(typed), durationWords(d), longDuration(alt), altText)
}
