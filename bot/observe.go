package bot

import "time"

// QueueObserver hears what an adapter's paced outbound queue does, for the
// operator's metrics: the platform's 429s with the time they made it wait,
// and how many messages are waiting. Its methods are called from several
// goroutines at once.
type QueueObserver interface {
	// RateLimited is one 429 from the platform and the wait it asked for.
	RateLimited(platform string, wait time.Duration)
	// Queued is a change in how many messages (or API calls) wait in the
	// queue: +1 as one comes in, -1 as it leaves. A change rather than the
	// depth, so that calls racing each other cannot leave a stale value.
	Queued(platform string, delta int)
}

// NoQueueObserver hears nothing; adapters use it when none is configured.
type NoQueueObserver struct{}

// RateLimited does nothing.
func (NoQueueObserver) RateLimited(string, time.Duration) {}

// Queued does nothing.
func (NoQueueObserver) Queued(string, int) {}
