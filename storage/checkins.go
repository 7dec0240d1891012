package storage

import (
	"context"
	"time"

	"github.com/runclub/runclub/domain"
)

// CheckInStore stores check-ins, one per member per local date.
type CheckInStore struct{ db *DB }

// NewCheckInStore returns the check-ins' store over db.
func NewCheckInStore(db *DB) *CheckInStore { return &CheckInStore{db: db} }

var _ domain.CheckInRepository = (*CheckInStore)(nil)

type checkInRow struct {
	MemberID     int64     `gorm:"column:member_id;primaryKey"`
	Date         string    `gorm:"column:date;primaryKey"`
	RHR          *int      `gorm:"column:rhr"`
	HRV          *float64  `gorm:"column:hrv"`
	SleepHours   *float64  `gorm:"column:sleep_hours"`
	SleepQuality *int      `gorm:"column:sleep_quality"`
	Fatigue      *int      `gorm:"column:fatigue"`
	Soreness     *int      `gorm:"column:soreness"`
	Stress       *int      `gorm:"column:stress"`
	Mood         *int      `gorm:"column:mood"`
	UpdatedAt    time.Time `gorm:"column:updated_at"`
}

func (checkInRow) TableName() string { return "check_ins" }

func checkInToRow(c domain.CheckIn) checkInRow {
	return checkInRow{MemberID: c.MemberID, Date: c.Date.String(), RHR: c.RHR, HRV: c.HRV, SleepHours: c.SleepHours,
		SleepQuality: c.SleepQuality, Fatigue: c.Fatigue, Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood,
		UpdatedAt: c.UpdatedAt.UTC()}
}

func (r checkInRow) domain() (domain.CheckIn, error) {
	d, err := domain.ParseISODate(r.Date)
	if err != nil {
		return domain.CheckIn{}, err
	}
	return domain.CheckIn{MemberID: r.MemberID, Date: d, RHR: r.RHR, HRV: r.HRV, SleepHours: r.SleepHours,
		SleepQuality: r.SleepQuality, Fatigue: r.Fatigue, Soreness: r.Soreness, Stress: r.Stress, Mood: r.Mood,
		UpdatedAt: r.UpdatedAt}, nil
}

// UpsertCheckIn merges c into the stored check-in of its date and returns the
// result: one INSERT … ON CONFLICT … DO UPDATE that keeps the values c
// leaves nil (AmendCheckIn), so two answers arriving together cannot
// overwrite each other.
func (s *CheckInStore) UpsertCheckIn(ctx context.Context, c domain.CheckIn) (domain.CheckIn, error) {
	_, after, err := s.AmendCheckIn(ctx, c)
	return after, err
}

// CheckIns returns the member's check-ins from..to inclusive, oldest first.
func (s *CheckInStore) CheckIns(ctx context.Context, memberID int64, from, to domain.Date) ([]domain.CheckIn, error) {
	var rows []checkInRow
	err := s.db.conn(ctx).Where("member_id = ? AND date >= ? AND date <= ?", memberID, from.String(), to.String()).
		Order("date").Find(&rows).Error
	if err != nil {
		return nil, mapError(err, "read check-ins")
	}
	out := make([]domain.CheckIn, 0, len(rows))
	for _, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, mapError(err, "read check-ins")
		}
		out = append(out, c)
	}
	return out, nil
}
