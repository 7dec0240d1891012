package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Question asks one step of the guided check-in, with a row or two of
// buttons that answer it in one tap and a row to skip or stop. The buttons'
// data records the answer for the flow's date even if pressed after
// midnight. usual is the member's usual resting HR or HRV (0 if none yet),
// around which those steps' buttons are offered.
func Question(step string, date domain.Date, usual float64) bot.Reply {
	// Commands, not bare words: a press in a Discord server arrives as a
	// group message, where plain text is not answered.
	controls := []bot.Button{{Label: "Skip", Data: "/checkin skip"}, {Label: "Stop", Data: "/checkin stop"}}
	q, ok := questions[step]
	if !ok {
		q = questions[domain.StepMood]
		step = domain.StepMood
	}
	var rows [][]bot.Button
	values := q.values(usual)
	for i, v := range values {
		if i%5 == 0 {
			rows = append(rows, nil)
		}
		label := v
		if q.unit != "" {
			label += " " + q.unit
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], bot.Button{Label: label, Data: fmt.Sprintf("/checkin %s:%s date:%s", step, v, date)})
	}
	return bot.Reply{Text: q.text, Buttons: append(rows, controls)}
}

// question is one step's words and the values its buttons offer.
type question struct {
	text   string
	unit   string
	values func(usual float64) []string
}

// questions are the guided check-in's steps, body first, then mind.
var questions = map[string]question{
	domain.StepRHR: {text: "What was your resting heart rate on waking, before getting up? Tap it, or type the number, e.g. 52.",
		values: func(usual float64) []string {
			base := 44
			if usual > 0 {
				base = int(math.Round(usual)) - 4
			}
			base = min(max(base, domain.MinRHR), domain.MaxRHR-9)
			var out []string
			for v := base; v < base+10; v++ {
				out = append(out, strconv.Itoa(v))
			}
			return out
		}},
	domain.StepHRV: {text: "Your HRV this morning (rMSSD, ms), from your strap or app? Tap, type it, e.g. 62, or skip if you don't measure it.",
		values: func(usual float64) []string {
			if usual <= 0 {
				return []string{"40", "55", "70", "85", "100"}
			}
			base := int(math.Round(usual/5)) * 5
			var out []string
			for _, d := range []int{-20, -10, 0, 10, 20} {
				out = append(out, strconv.Itoa(min(max(base+d, int(domain.MinHRV)), int(domain.MaxHRV))))
			}
			return out
		}},
	domain.StepSleep: {text: "How many hours did you sleep last night? Tap or type a number, e.g. 7.5.", unit: "h",
		values: fixedValues("6", "7", "7.5", "8", "9")},
	domain.StepQuality: {text: "How well did you sleep? 1 = very badly, 5 = very well.",
		values: fixedValues("1", "2", "3", "4", "5")},
	domain.StepFatigue:  {text: "How tired do you feel? 1 = fresh, 10 = exhausted.", values: scale},
	domain.StepSoreness: {text: "How sore are your muscles? 1 = not at all, 10 = very sore.", values: scale},
	domain.StepStress:   {text: "How stressed are you, training aside? 1 = calm, 10 = very stressed.", values: scale},
	domain.StepMood:     {text: "How is your mood and motivation? 1 = very low, 10 = great.", values: scale},
}

func fixedValues(vs ...string) func(float64) []string { return func(float64) []string { return vs } }

// scale is 1 to 10, for the feelings.
func scale(float64) []string {
	return []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}
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
