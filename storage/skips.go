package storage

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

// StepSkipStore counts the guided check-in questions each member skipped
// in a row.
type StepSkipStore struct{ db *DB }

// NewStepSkipStore returns the skip counts' store over db.
func NewStepSkipStore(db *DB) *StepSkipStore { return &StepSkipStore{db: db} }

var _ domain.StepSkipRepository = (*StepSkipStore)(nil)

func migrate0022(tx *gorm.DB) error {
	return execAll(tx, `CREATE TABLE step_skips (
		member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
		step TEXT NOT NULL,
		skips INTEGER NOT NULL,
		PRIMARY KEY (member_id, step))`)
}

type stepSkipRow struct {
	MemberID int64  `gorm:"column:member_id;primaryKey"`
	Step     string `gorm:"column:step;primaryKey"`
	Skips    int    `gorm:"column:skips"`
}

func (stepSkipRow) TableName() string { return "step_skips" }

// StepSkips is how many times in a row the member skipped step.
func (s *StepSkipStore) StepSkips(ctx context.Context, memberID int64, step string) (int, error) {
	var rows []stepSkipRow
	if err := s.db.conn(ctx).Where("member_id = ? AND step = ?", memberID, step).Find(&rows).Error; err != nil {
		return 0, mapError(err, "read skips")
	}
	if len(rows) == 0 {
		return 0, nil
	}
	return rows[0].Skips, nil
}

// SetStepSkips stores the count; zero removes the row.
func (s *StepSkipStore) SetStepSkips(ctx context.Context, memberID int64, step string, n int) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if n == 0 {
			return tx.Exec("DELETE FROM step_skips WHERE member_id = ? AND step = ?", memberID, step).Error
		}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "member_id"}, {Name: "step"}},
			DoUpdates: clause.AssignmentColumns([]string{"skips"}),
		}).Create(&stepSkipRow{MemberID: memberID, Step: step, Skips: n}).Error
	})
	return mapError(err, "save skips")
}

// AllStepSkips lists the member's counts by step.
func (s *StepSkipStore) AllStepSkips(ctx context.Context, memberID int64) (map[string]int, error) {
	var rows []stepSkipRow
	if err := s.db.conn(ctx).Where("member_id = ?", memberID).Find(&rows).Error; err != nil {
		return nil, mapError(err, "read skips")
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Step] = r.Skips
	}
	return out, nil
}
