package storage

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

// PutCheckIn replaces the check-in of c's date with c exactly: what c leaves
// nil is cleared, and an empty c deletes the day's row. /undo and the
// clearing of one value (rhr:-) write through it.
func (s *CheckInStore) PutCheckIn(ctx context.Context, c domain.CheckIn) error {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = s.db.now()
	}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if c.IsEmpty() {
			return tx.Exec("DELETE FROM check_ins WHERE member_id = ? AND date = ?", c.MemberID, c.Date.String()).Error
		}
		row := checkInToRow(c)
		return tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "member_id"}, {Name: "date"}},
			DoUpdates: clause.AssignmentColumns([]string{"rhr", "hrv", "sleep_hours", "sleep_quality", "fatigue",
				"soreness", "stress", "mood", "updated_at"}),
		}).Create(&row).Error
	})
	return mapError(err, "put check-in")
}
