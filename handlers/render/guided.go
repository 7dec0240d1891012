package render

import (
	"fmt"
	"strconv"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Question asks one step of the guided check-in, with buttons whose data
// records the answer for the flow's date even if pressed after midnight.
func Question(step string, date domain.Date) bot.Reply {
	// A command, not the bare word: a press in a Discord server arrives as
	// a group message, where plain text is not answered.
	skip := []bot.Button{{Label: "Skip", Data: "/checkin skip"}}
	scale := func(key string) [][]bot.Button {
		rows := [][]bot.Button{nil, nil}
		for i := 1; i <= 10; i++ {
			b := bot.Button{Label: strconv.Itoa(i), Data: fmt.Sprintf("/checkin %s:%d date:%s", key, i, date)}
			rows[(i-1)/5] = append(rows[(i-1)/5], b)
		}
		return append(rows, skip)
	}
	switch step {
	case domain.StepRHR:
		return bot.Reply{Text: "What was your resting heart rate on waking, before getting up? Reply with just the number, e.g. 52.", Buttons: [][]bot.Button{skip}}
	case domain.StepSleep:
		var row []bot.Button
		for _, h := range []string{"6", "7", "7.5", "8", "9"} {
			row = append(row, bot.Button{Label: h + " h", Data: fmt.Sprintf("/checkin sleep:%s date:%s", h, date)})
		}
		return bot.Reply{Text: "How many hours did you sleep last night? Tap or type a number, e.g. 7.5.", Buttons: [][]bot.Button{row, skip}}
	case domain.StepFatigue:
		return bot.Reply{Text: "How tired do you feel? 1 = fresh, 10 = exhausted.", Buttons: scale("fatigue")}
	default:
		return bot.Reply{Text: "How sore are your muscles? 1 = not at all, 10 = very sore.", Buttons: scale("soreness")}
	}
}

// AskAgain puts why an answer was refused before the question it answered.
func AskAgain(why string, q bot.Reply) bot.Reply {
	q.Text = why + " Or tap Skip.\n\n" + q.Text
	return q
}

// AfterSaved puts the confirmation of a typed check-in before the next question.
func AfterSaved(saved string, next bot.Reply) bot.Reply {
	next.Text = saved + "\n\n" + next.Text
	return next
}

// AllAnswered answers /checkin when every question of the day is answered.
func AllAnswered(c domain.CheckIn, date, today domain.Date) string {
	return fmt.Sprintf("You have already answered every question for %s: %s. Amend any value with /checkin, e.g. /checkin sleep:7.5.",
		dayLabel(date, today), describeCheckIn(c))
}

// GuidedDone closes a guided check-in with what it stored; closing is the
// readiness line after it, if any.
func GuidedDone(c domain.CheckIn, date, today domain.Date, closing string) string {
	return fmt.Sprintf("Check-in done for %s: %s.%s", dayLabel(date, today), describeCheckIn(c), closing)
}

// Guided check-in messages that take no values.
const (
	NothingRecorded = "Nothing recorded this time. Send /checkin whenever you want to."
	GuidedStopped   = "Check-in stopped. What you already answered is saved."
)

// NoGuidedCheckIn answers a skip or stop when no check-in is open.
func NoGuidedCheckIn(word string) string {
	return fmt.Sprintf("There is no check-in in progress to %s. Send /checkin to start one.", word)
}
