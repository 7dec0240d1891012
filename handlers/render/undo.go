package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// Refusals of /undo.
const (
	NothingToUndo = "Nothing to undo: /undo takes back your last changes, up to 10 of them, made in the last 24 hours."
	UndoneAlready = "That change was undone already, or you have changed something since. Send /undo to take back your latest change."
)

// Undone says exactly what /undo took back; more is true when /undo can
// go back further.
func Undone(c domain.Change, units string, today domain.Date, more bool) string {
	var text string
	switch c.Kind {
	case domain.ChangeCheckIn:
		text = "Undone: your check-in change for " + dayLabel(c.Date, today) + ". " + checkInReverted(c)
	case domain.ChangeRunLogged:
		text = fmt.Sprintf("Undone: run %d is deleted (%s).", c.RunAfter.Number, runBrief(*c.RunAfter, units, today))
	case domain.ChangeRunEdited:
		text = fmt.Sprintf("Undone: the edit of run %d. It is back to %s (it was %s).", c.RunBefore.Number,
			runBrief(*c.RunBefore, units, today), runBrief(*c.RunAfter, units, today))
	case domain.ChangeRunDeleted:
		text = fmt.Sprintf("Undone: run %d is back (%s).", c.RunBefore.Number, runBrief(*c.RunBefore, units, today))
	}
	if more {
		text += " Send /undo again to take back the change before."
	}
	return text
}

// checkInReverted lists each check-in value the undo changed: back to its
// old value, or cleared when it had none.
func checkInReverted(c domain.Change) string {
	var before, after domain.CheckIn
	if c.CheckInBefore != nil {
		before = *c.CheckInBefore
	}
	if c.CheckInAfter != nil {
		after = *c.CheckInAfter
	}
	was, now := checkInTexts(after), checkInTexts(before)
	var parts []string
	for _, key := range checkInOrder {
		switch {
		case was[key] == now[key]:
		case now[key] == "":
			parts = append(parts, fmt.Sprintf("%s %s is cleared", fieldNames[key], was[key]))
		case was[key] == "":
			parts = append(parts, fmt.Sprintf("%s is back to %s (it was not given)", fieldNames[key], now[key]))
		default:
			parts = append(parts, fmt.Sprintf("%s is back to %s (it was %s)", fieldNames[key], now[key], was[key]))
		}
	}
	if len(parts) == 0 {
		return "Nothing in it had changed."
	}
	return capitalise(strings.Join(parts, "; ")) + "."
}

// checkInOrder is the order replies list a check-in's values in.
var checkInOrder = []string{"rhr", "hrv", "sleep", "quality", "fatigue", "soreness", "stress", "mood"}

// checkInTexts is each value of c as describeCheckIn words it, by key.
func checkInTexts(c domain.CheckIn) map[string]string {
	out := map[string]string{}
	if c.RHR != nil {
		out["rhr"] = fmt.Sprintf("%d bpm", *c.RHR)
	}
	if c.HRV != nil {
		out["hrv"] = fmt.Sprintf("%g ms", *c.HRV)
	}
	if c.SleepHours != nil {
		out["sleep"] = fmt.Sprintf("%g h", *c.SleepHours)
	}
	if c.SleepQuality != nil {
		out["quality"] = fmt.Sprintf("%d/5", *c.SleepQuality)
	}
	for key, v := range map[string]*int{"fatigue": c.Fatigue, "soreness": c.Soreness, "stress": c.Stress, "mood": c.Mood} {
		if v != nil {
			out[key] = fmt.Sprintf("%d/10", *v)
		}
	}
	return out
}
