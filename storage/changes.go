package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// ChangeStore keeps each member's change journal: the record before and
// after each change, for /undo. It holds at most domain.UndoDepth entries a
// member, none much older than domain.UndoWindow.
type ChangeStore struct{ db *DB }

// NewChangeStore returns the journal's store over db.
func NewChangeStore(db *DB) *ChangeStore { return &ChangeStore{db: db} }

var _ domain.ChangeRepository = (*ChangeStore)(nil)

// migrate0021 creates the change journal. The records before and after are
// JSON, so that the journal needs no column per field of each kind.
func migrate0021(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE changes (
			id `+idColumn(tx)+`,
			member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
			changed_at TIMESTAMP NOT NULL,
			kind TEXT NOT NULL,
			date TEXT NOT NULL,
			before_json TEXT NOT NULL DEFAULT '',
			after_json TEXT NOT NULL DEFAULT '')`,
		`CREATE INDEX idx_changes_member ON changes (member_id, id)`,
	)
}

type changeRow struct {
	ID       int64     `gorm:"column:id;primaryKey"`
	MemberID int64     `gorm:"column:member_id"`
	At       time.Time `gorm:"column:changed_at"`
	Kind     string    `gorm:"column:kind"`
	Date     string    `gorm:"column:date"`
	Before   string    `gorm:"column:before_json"`
	After    string    `gorm:"column:after_json"`
}

func (changeRow) TableName() string { return "changes" }

// recordJSON is a check-in or a run as the journal keeps it.
type recordJSON struct {
	CheckIn *checkInJSON `json:"checkin,omitempty"`
	Run     *runJSON     `json:"run,omitempty"`
}

type checkInJSON struct {
	RHR          *int     `json:"rhr,omitempty"`
	HRV          *float64 `json:"hrv,omitempty"`
	SleepHours   *float64 `json:"sleep,omitempty"`
	SleepQuality *int     `json:"quality,omitempty"`
	Fatigue      *int     `json:"fatigue,omitempty"`
	Soreness     *int     `json:"soreness,omitempty"`
	Stress       *int     `json:"stress,omitempty"`
	Mood         *int     `json:"mood,omitempty"`
}

type runJSON struct {
	ID        int64     `json:"id"`
	Number    int       `json:"number"`
	Date      string    `json:"date"`
	Metres    float64   `json:"metres"`
	Seconds   int64     `json:"seconds"`
	RPE       int       `json:"rpe,omitempty"`
	Type      string    `json:"type,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func encodeRecord(c *domain.CheckIn, r *domain.Run) (string, error) {
	var rec recordJSON
	switch {
	case c != nil:
		rec.CheckIn = &checkInJSON{RHR: c.RHR, HRV: c.HRV, SleepHours: c.SleepHours, SleepQuality: c.SleepQuality,
			Fatigue: c.Fatigue, Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood}
	case r != nil:
		rec.Run = &runJSON{ID: r.ID, Number: r.Number, Date: r.Date.String(), Metres: r.Metres,
			Seconds: int64(r.Duration.Round(time.Second) / time.Second), RPE: r.RPE, Type: r.Type, CreatedAt: r.CreatedAt.UTC()}
	default:
		return "", nil
	}
	b, err := json.Marshal(rec)
	return string(b), err
}

func decodeRecord(s string, memberID int64, date domain.Date) (*domain.CheckIn, *domain.Run, error) {
	if s == "" {
		return nil, nil, nil
	}
	var rec recordJSON
	if err := json.Unmarshal([]byte(s), &rec); err != nil {
		return nil, nil, err
	}
	if c := rec.CheckIn; c != nil {
		return &domain.CheckIn{MemberID: memberID, Date: date, RHR: c.RHR, HRV: c.HRV, SleepHours: c.SleepHours,
			SleepQuality: c.SleepQuality, Fatigue: c.Fatigue, Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood}, nil, nil
	}
	if r := rec.Run; r != nil {
		d, err := domain.ParseISODate(r.Date)
		if err != nil {
			return nil, nil, err
		}
		return nil, &domain.Run{ID: r.ID, MemberID: memberID, Number: r.Number, Date: d, Metres: r.Metres,
			Duration: time.Duration(r.Seconds) * time.Second, RPE: r.RPE, Type: r.Type, CreatedAt: r.CreatedAt}, nil
	}
	return nil, nil, nil
}

func (r changeRow) domain() (domain.Change, error) {
	d, err := domain.ParseISODate(r.Date)
	if err != nil {
		return domain.Change{}, err
	}
	c := domain.Change{ID: r.ID, MemberID: r.MemberID, At: r.At, Kind: domain.ChangeKind(r.Kind), Date: d}
	if c.CheckInBefore, c.RunBefore, err = decodeRecord(r.Before, r.MemberID, d); err != nil {
		return domain.Change{}, fmt.Errorf("change %d before: %w", r.ID, err)
	}
	if c.CheckInAfter, c.RunAfter, err = decodeRecord(r.After, r.MemberID, d); err != nil {
		return domain.Change{}, fmt.Errorf("change %d after: %w", r.ID, err)
	}
	return c, nil
}

// RecordChange stores c and drops the member's entries /undo can no longer
// reach, in one write.
func (s *ChangeStore) RecordChange(ctx context.Context, c *domain.Change) error {
	if c.At.IsZero() {
		c.At = s.db.now()
	}
	row := changeRow{MemberID: c.MemberID, At: c.At.UTC(), Kind: string(c.Kind), Date: c.Date.String()}
	var err error
	if row.Before, err = encodeRecord(c.CheckInBefore, c.RunBefore); err != nil {
		return fmt.Errorf("record change: encode: %w", err)
	}
	if row.After, err = encodeRecord(c.CheckInAfter, c.RunAfter); err != nil {
		return fmt.Errorf("record change: encode: %w", err)
	}
	err = s.db.statement(ctx, func(g *gorm.DB) error {
		if err := s.db.queryRow(ctx, g, recordChange, row.MemberID, row.At, row.Kind, row.Date, row.Before, row.After).Scan(&row.ID); err != nil {
			return err
		}
		// Pruning is housekeeping: if it fails, the entry is kept all the
		// same, and the next change prunes.
		_, err := s.db.exec(ctx, g, pruneChanges, c.MemberID, c.At.Add(-domain.UndoWindow).UTC(), c.MemberID, domain.UndoDepth)
		return err
	})
	if err != nil {
		err = translate(s.db, err)
		s.db.observe("raw", err)
		return mapError(err, "record change")
	}
	c.ID = row.ID
	return nil
}

// The journal's two writes of each change, in raw SQL on the write path
// (prepared on SQLite; see queryRow): the entry, then the drop of entries
// /undo can no longer reach.
const (
	recordChange = `INSERT INTO changes (member_id, changed_at, kind, date, before_json, after_json)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	pruneChanges = `DELETE FROM changes WHERE member_id = $1 AND (changed_at < $2 OR id NOT IN
		(SELECT id FROM changes WHERE member_id = $3 ORDER BY id DESC LIMIT $4))`
)

// LastChange is the member's newest change at or after since.
func (s *ChangeStore) LastChange(ctx context.Context, memberID int64, since time.Time) (domain.Change, error) {
	var row changeRow
	err := s.db.conn(ctx).Where("member_id = ? AND changed_at >= ?", memberID, since.UTC()).Order("id DESC").Take(&row).Error
	if err != nil {
		return domain.Change{}, mapError(err, "read last change")
	}
	c, err := row.domain()
	return c, mapError(err, "read last change")
}

// DeleteChange removes one entry of the member's journal.
func (s *ChangeStore) DeleteChange(ctx context.Context, memberID, id int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM changes WHERE id = ? AND member_id = ?", id, memberID).Error
	})
	return mapError(err, "delete change")
}

// Changes lists the member's journal, newest first.
func (s *ChangeStore) Changes(ctx context.Context, memberID int64) ([]domain.Change, error) {
	var rows []changeRow
	if err := s.db.conn(ctx).Where("member_id = ?", memberID).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, mapError(err, "read changes")
	}
	out := make([]domain.Change, 0, len(rows))
	for _, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, mapError(err, "read changes")
		}
		out = append(out, c)
	}
	return out, nil
}
