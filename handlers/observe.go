package handlers

// Outcomes of a command, as an Observer hears them: OutcomeOK, one of the
// domain error kinds (domain.EINVALID, domain.ENOTFOUND, …) for a refusal,
// or one of these for a command that never reached its handler.
const (
	OutcomeOK          = "ok"
	OutcomeUnknown     = "unknown_command"
	OutcomeUnreadable  = "unreadable"
	OutcomeRateLimited = "rate_limited"
	OutcomePanic       = "panic"
	// OutcomeRepeat is an event the platform delivered again (a Telegram
	// update posted twice, or to two replicas): applied once, not answered.
	OutcomeRepeat = "repeat"
)

// CommandUnknown is the command name an Observer hears for a command that is
// not in the table; CommandText is plain text (a free-text check-in).
const (
	CommandUnknown = "unknown"
	CommandText    = "text"
)

// Observer hears how each command went, for the operator's metrics. Command
// names are only the table's (or CommandUnknown, CommandText), so that
// nothing a user types becomes a label.
type Observer interface {
	// CommandStarted is called as a command comes in; the func it returns
	// is called once its reply is ready, with the command's name and
	// outcome. The observer keeps its own clock for the reply's latency.
	CommandStarted() func(command, outcome string)
}

// noObserver is the default Observer: it hears nothing.
type noObserver struct{}

func (noObserver) CommandStarted() func(string, string) { return func(string, string) {} }
