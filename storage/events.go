package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// EventStore remembers which platform events were handled, for the
// webhook's exactly-once effect (domain.EventRepository).
type EventStore struct{ db *DB }

// NewEventStore returns the handled-event record over db.
func NewEventStore(db *DB) *EventStore { return &EventStore{db: db} }

var _ domain.EventRepository = (*EventStore)(nil)

// migrate0045 adds the handled events. The key is the whole record: a
// second insert of the same event conflicts, and on PostgreSQL a replica
// inserting an event another replica's open transaction inserted waits for
// that transaction, so the two never both take effect.
func migrate0045(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE handled_events (
			platform TEXT NOT NULL,
			event_id TEXT NOT NULL,
			created_at TIMESTAMP NOT NULL,
			PRIMARY KEY (platform, event_id))`,
		`CREATE INDEX idx_handled_events_created ON handled_events (created_at)`,
	)
}

// RecordEvent inserts the event, doing nothing if it is there already: the
// row count says which. Inside InTx it is part of that transaction.
func (s *EventStore) RecordEvent(ctx context.Context, platform, eventID string) (bool, error) {
	var n int64
	err := s.db.writeStatement(ctx, func(g *gorm.DB) error {
		res := g.Exec(`INSERT INTO handled_events (platform, event_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (platform, event_id) DO NOTHING`, platform, eventID, s.db.now())
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return false, mapError(err, fmt.Sprintf("record %s event %s", platform, eventID))
	}
	return n == 1, nil
}

// PruneEvents deletes the records of events received before before.
func (s *EventStore) PruneEvents(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.db.writeStatement(ctx, func(g *gorm.DB) error {
		res := g.Exec(`DELETE FROM handled_events WHERE created_at < ?`, before.UTC())
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, mapError(err, "prune handled events")
	}
	return int(n), nil
}
