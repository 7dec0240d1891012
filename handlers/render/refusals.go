package render

import (
	"errors"
	"fmt"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// ErrorText is the one place an error becomes the member's words: a value
// domain refused, or a refusal that carries its own words. An internal
// error gets the apology: nothing about the system may leak into a chat.
func ErrorText(err error) string {
	var inv *domain.InvalidError
	var e *domain.Error
	switch {
	case domain.ErrorCode(err) == domain.EINTERNAL:
		return bot.Apology
	case errors.As(err, &e):
		return e.Message
	case errors.As(err, &inv):
		return Invalid(inv)
	}
	return ""
}

// Unreadable answers a line that could not be read as a command.
func Unreadable(err error) string {
	var pe *bot.ParseError
	if !errors.As(err, &pe) {
		return bot.Apology
	}
	var why string
	switch pe.Problem {
	case bot.ParseTooLong:
		why = fmt.Sprintf("That message is too long (%d characters). Commands are short, e.g. /checkin rhr:52 sleep:7.5 (at most %d characters).", pe.Length, bot.MaxTextLen)
	case bot.ParseBadUTF8:
		why = "That message has characters I cannot read. Please type it again."
	case bot.ParseControl:
		why = "That message has control characters in it. Please type the command again, e.g. /checkin rhr:52."
	case bot.ParseNotCommand:
		why = fmt.Sprintf("%q is not a command. Commands are a slash and a word, e.g. /checkin or /help.", bot.Clip(pe.Token, 31))
	default:
		why = fmt.Sprintf("%s is given twice. Give each argument once.", bot.Clip(pe.Token, 31))
	}
	return why + " Send /help for the list of commands."
}

// UnknownCommand answers a command runclub does not have.
func UnknownCommand(name string) string {
	return fmt.Sprintf("I don't know /%s. Send /help for the list of commands.", clip(name))
}

// UseOneOf answers a command that works only through its subcommands.
func UseOneOf(usages []string) string { return fmt.Sprintf("Use %s.", joinOr(usages)) }

// Refusals of the router's rules.
const (
	// SlowDown is the one reply a member gets when they send faster than the
	// bot answers; what follows it within the minute is dropped.
	SlowDown      = "You are sending commands faster than I can answer them well. Give me a minute: what you send until then is not read."
	GroupOnly     = "Send this in your club's group chat. The group is the club."
	PrivateOnly   = "Send this to me in a private chat: what it shows is for you alone."
	NotRegistered = "I have no data about you. Send /start to begin."
	CoachesOnly   = "Only the club's coaches can do that. A coach can make you one with /coach add @you."
)
