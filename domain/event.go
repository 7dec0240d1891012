package domain

import (
	"context"
	"time"
)

// EventRepository records the platform events (a Telegram update) whose
// effect has been applied, so that an event delivered twice, or to two
// replicas at once, takes effect once. Record runs inside the transaction
// of the event's effect: if the effect is rolled back, so is the record.
type EventRepository interface {
	// RecordEvent stores (platform, eventID) and reports whether it is
	// new; false means the event was handled already (or is being handled
	// by another replica, whose transaction committed first).
	RecordEvent(ctx context.Context, platform, eventID string) (bool, error)
	// PruneEvents deletes the records of events received before the time
	// given and returns how many it deleted; platforms stop redelivering
	// an update within a day, so a few days' records are enough.
	PruneEvents(ctx context.Context, before time.Time) (int, error)
}

// EventRetention is how long handled events are remembered: Telegram
// gives up redelivering an update after 24 hours.
const EventRetention = 72 * time.Hour
