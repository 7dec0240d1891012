package scheduler

// Outcomes of a push, as an Observer hears them.
const (
	PushSent = "sent"
	// PushFailed is a push the platform refused for good, or one that ran
	// out of retries.
	PushFailed = "failed"
	// PushUnreachable is a delivery with no private chat on any connected
	// platform; its platform is PlatformNone.
	PushUnreachable = "unreachable"
)

// PlatformNone is the platform of a push that could go nowhere.
const PlatformNone = "none"

// Observer hears what the fan-out and the ledger do, for the operator's
// metrics. Its methods are called from several goroutines at once.
type Observer interface {
	// DeliveriesDue is how many deliveries one tick found due.
	DeliveriesDue(n int)
	// Pushed is one claimed message's outcome on its platform.
	Pushed(platform, kind, outcome string)
	// DeliveriesSent is how many sent deliveries the ledger recorded.
	DeliveriesSent(n int)
	// DeliveriesAbandoned is how many deliveries a previous run (a crash, a
	// dead leader) left claimed with no outcome, given up rather than resent.
	DeliveriesAbandoned(n int)
}

// noObserver hears nothing; it is the default Observer.
type noObserver struct{}

func (noObserver) DeliveriesDue(int)             {}
func (noObserver) Pushed(string, string, string) {}
func (noObserver) DeliveriesSent(int)            {}
func (noObserver) DeliveriesAbandoned(int)       {}
