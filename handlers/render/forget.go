package render

import "github.com/runclub/runclub/bot"

// ForgetAsk asks for the confirmation of a deletion, with its buttons.
func ForgetAsk() bot.Reply {
	return bot.Reply{
		Text:    "This deletes everything I have about you: every check-in, run, setting and club membership, on every platform. It cannot be undone; send /export first if you want a copy.\n\nTo confirm, send /forget yes within 10 minutes. Anything else cancels.",
		Buttons: [][]bot.Button{{{Label: "Yes, delete everything", Data: "/forget yes"}, {Label: "Cancel", Data: "/forget no"}}},
	}
}

// The other answers of /forget.
const (
	ForgetNothingWaiting = "There is no deletion waiting for confirmation (it expires after 10 minutes). Send /forget to start again."
	ForgetCancelled      = "Cancelled. Nothing was deleted."
	Forgotten            = "Done: everything I had about you is deleted. If you ever want to start again, send /start."
)
