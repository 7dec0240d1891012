package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// AwayStore stores the members' times away (/away, /back).
type AwayStore struct{ db *DB }

// NewAwayStore returns the times-away store over db.
func NewAwayStore(db *DB) *AwayStore { return &AwayStore{db: db} }

var _ domain.AwayRepository = (*AwayStore)(nil)

type awayRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	MemberID  int64     `gorm:"column:member_id"`
	FromDate  string    `gorm:"column:from_date"`
	UntilDate string    `gorm:"column:until_date"`
	Reason    string    `gorm:"column:reason"`
	Welcomed  bool      `gorm:"column:welcomed"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (awayRow) TableName() string { return "away" }

func (r awayRow) domain() (domain.Away, error) {
	from, err := domain.ParseISODate(r.FromDate)
	if err != nil {
		return domain.Away{}, err
	}
	until, err := domain.ParseISODate(r.UntilDate)
	if err != nil {
		return domain.Away{}, err
	}
	return domain.Away{MemberID: r.MemberID, From: from, Until: until, Reason: domain.AwayReason(r.Reason),
		Welcomed: r.Welcomed, CreatedAt: r.CreatedAt}, nil
}

// migrate0030 adds the members' times away. Spans are kept after they end:
// the weekly summaries of past weeks and the welcome back read them. The
// due queries probe (member_id, until_date) for "away on this date".
func migrate0030(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE away (
			id `+idColumn(tx)+`,
			member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
			from_date TEXT NOT NULL,
			until_date TEXT NOT NULL,
			reason TEXT NOT NULL,
			welcomed BOOLEAN NOT NULL DEFAULT FALSE,
			created_at TIMESTAMP NOT NULL)`,
		`CREATE INDEX idx_away_member ON away (member_id, until_date)`,
	)
}

// notAway is the due queries' condition that member m is not away on a
// local date, bound to both of its parameters.
const notAway = `NOT EXISTS (SELECT 1 FROM away a WHERE a.member_id = m.id AND a.until_date >= ? AND a.from_date <= ?)`

// SetAway stores a, replacing the member's spans that have not ended before
// a.From, in one transaction.
func (s *AwayStore) SetAway(ctx context.Context, a domain.Away) error {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = s.db.now()
	}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("member_id = ? AND until_date >= ?", a.MemberID, a.From.String()).Delete(&awayRow{}).Error; err != nil {
			return err
		}
		return tx.Create(&awayRow{MemberID: a.MemberID, FromDate: a.From.String(), UntilDate: a.Until.String(),
			Reason: string(a.Reason), CreatedAt: a.CreatedAt.UTC()}).Error
	})
	return mapError(err, fmt.Sprintf("set member %d away", a.MemberID))
}

// EndAway ends the span covering today: it now ends yesterday, or is gone
// if it began today. Spans planned to start later are dropped too: /back
// means back.
func (s *AwayStore) EndAway(ctx context.Context, memberID int64, today domain.Date) (domain.Away, error) {
	var ended domain.Away
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		var row awayRow
		err := tx.Where("member_id = ? AND from_date <= ? AND until_date >= ?", memberID, today.String(), today.String()).
			Order("from_date DESC").Take(&row).Error
		if err != nil {
			return err
		}
		if ended, err = row.domain(); err != nil {
			return err
		}
		if err := tx.Where("member_id = ? AND (from_date >= ?)", memberID, today.String()).Delete(&awayRow{}).Error; err != nil {
			return err
		}
		return tx.Model(&awayRow{}).Where("member_id = ? AND from_date < ? AND until_date >= ?", memberID, today.String(), today.String()).
			Update("until_date", today.AddDays(-1).String()).Error
	})
	if err != nil {
		return domain.Away{}, mapError(err, fmt.Sprintf("end member %d's time away", memberID))
	}
	return ended, nil
}

// Aways returns the spans of members that overlap from..to.
func (s *AwayStore) Aways(ctx context.Context, memberIDs []int64, from, to domain.Date) (map[int64][]domain.Away, error) {
	out := make(map[int64][]domain.Away)
	for start := 0; start < len(memberIDs); start += inListChunk {
		ids := memberIDs[start:min(start+inListChunk, len(memberIDs))]
		var rows []awayRow
		err := s.db.conn(ctx).Where("member_id IN ? AND until_date >= ? AND from_date <= ?", ids, from.String(), to.String()).
			Order("member_id, from_date, id").Find(&rows).Error
		if err != nil {
			return nil, mapError(err, "read times away")
		}
		for _, r := range rows {
			a, err := r.domain()
			if err != nil {
				return nil, mapError(err, "read times away")
			}
			out[r.MemberID] = append(out[r.MemberID], a)
		}
	}
	return out, nil
}

// ToWelcome returns the latest span that ended before date, recently, and
// has not welcomed the member back.
func (s *AwayStore) ToWelcome(ctx context.Context, memberID int64, date domain.Date) (domain.Away, error) {
	var row awayRow
	err := s.db.conn(ctx).Where("member_id = ? AND welcomed = ? AND until_date < ? AND until_date >= ?",
		memberID, false, date.String(), date.AddDays(-domain.WelcomeBackDays).String()).
		Order("until_date DESC").Take(&row).Error
	if err != nil {
		return domain.Away{}, mapError(err, fmt.Sprintf("time away of member %d to welcome back from", memberID))
	}
	a, err := row.domain()
	return a, mapError(err, "read time away")
}

// MarkWelcomed marks every span that ended before date as welcomed back.
func (s *AwayStore) MarkWelcomed(ctx context.Context, memberID int64, date domain.Date) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&awayRow{}).Where("member_id = ? AND welcomed = ? AND until_date < ?", memberID, false, date.String()).
			Update("welcomed", true).Error
	})
	return mapError(err, fmt.Sprintf("mark member %d welcomed back", memberID))
}
