package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// FreeTextExample is the one example a reply about free text gives.
const FreeTextExample = "slept 7.5h rhr 51 hrv 62 soreness 6 stress 4 mood 7"

// FreeTextStored says exactly what a free-text check-in stored (the values
// in c) and which words it could not place.
func FreeTextStored(c domain.CheckIn, unread []string, today domain.Date) string {
	text := fmt.Sprintf("Stored for %s: %s.", dayLabel(c.Date, today), describeCheckIn(c))
	return text + unreadNote(unread)
}

// unreadNote names the words a free-text check-in left out.
func unreadNote(unread []string) string {
	if len(unread) == 0 {
		return ""
	}
	quoted := make([]string, 0, len(unread))
	for i, w := range unread {
		if i == 5 {
			quoted = append(quoted, "…")
			break
		}
		quoted = append(quoted, fmt.Sprintf("%q", clip(w)))
	}
	return " I left out " + strings.Join(quoted, ", ") + ": I did not understand " + noun(len(unread), "it", "them") + "."
}

// AskNamed asks for the fields a message named without a number (next is
// the first one's question); storedSome is true when the message stored
// values already, whose words come first.
func AskNamed(next bot.Reply, asked, unread []string, storedSome bool) bot.Reply {
	// The guided controls' Stop ends this short question too.
	intro := fmt.Sprintf("You mentioned %s without a number.", fieldList(asked))
	if !storedSome {
		intro += unreadNote(unread)
	}
	next.Text = intro + " " + next.Text
	return next
}

// FreeTextRun answers a run told in words, which the free-text check-in
// does not store.
const FreeTextRun = "To log a run, send /run with its distance and time, e.g. /run 10km 50m, or /run 6mi 48m rpe:5 type:easy. Plain text is read as a morning check-in: slept 7.5h rhr 51."

// FreeTextUnreadable answers plain text runclub cannot read as a check-in:
// one example, and the form.
func FreeTextUnreadable() bot.Reply {
	return bot.Reply{
		Text: "I couldn't read that as a check-in. Write it like this: " + FreeTextExample +
			". Or tap Check in to be asked one question at a time. /help lists the commands.",
		Buttons: [][]bot.Button{{{Label: "Check in", Data: "/checkin"}}},
	}
}
