package telegram

import "errors"

// Delivery failures that retrying will not fix. Send wraps them together
// with the platform's answer, so callers test them with errors.Is.
var (
	// ErrUnreachable means Telegram refused the chat for good (403): the
	// member blocked the bot or never opened a private chat with it, or the
	// bot was removed from the group.
	ErrUnreachable = errors.New("telegram: recipient unreachable")
	// ErrRejected means Telegram refused the message itself (400 and the
	// like); sending it again would fail the same way.
	ErrRejected = errors.New("telegram: message rejected")
	// ErrGaveUp means 5xx answers or timeouts went on past MaxRetries.
	ErrGaveUp = errors.New("telegram: gave up after retries")
)
