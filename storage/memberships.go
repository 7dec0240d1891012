package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

var _ domain.MembershipRepository = (*ClubStore)(nil)

// migrate0032 adds a coach's alert switch to their place in a club, and the
// group admins a club was joined with who are not members yet.
func migrate0032(tx *gorm.DB) error {
	return execAll(tx,
		`ALTER TABLE club_members ADD COLUMN alerts_off BOOLEAN NOT NULL DEFAULT FALSE`,
		`CREATE TABLE pending_coaches (
			club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
			platform TEXT NOT NULL,
			user_id TEXT NOT NULL,
			PRIMARY KEY (club_id, platform, user_id))`,
		`CREATE INDEX idx_pending_coaches_user ON pending_coaches (platform, user_id)`,
	)
}

type pendingCoachRow struct {
	ClubID   int64  `gorm:"column:club_id;primaryKey"`
	Platform string `gorm:"column:platform;primaryKey"`
	UserID   string `gorm:"column:user_id;primaryKey"`
}

func (pendingCoachRow) TableName() string { return "pending_coaches" }

// ClubByID finds a club by its id.
func (s *ClubStore) ClubByID(ctx context.Context, id int64) (domain.Club, error) {
	var row clubRow
	if err := s.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Club{}, mapError(err, fmt.Sprintf("club %d", id))
	}
	return row.domain(), nil
}

// RemoveClubMember takes the member out of the club.
func (s *ClubStore) RemoveClubMember(ctx context.Context, clubID, memberID int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Where("club_id = ? AND member_id = ?", clubID, memberID).Delete(&clubMemberRow{})
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, fmt.Sprintf("remove member %d from club %d", memberID, clubID))
}

// SetCoachAlerts turns the coach's alerts about the club on or off.
func (s *ClubStore) SetCoachAlerts(ctx context.Context, clubID, memberID int64, on bool) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&clubMemberRow{}).Where("club_id = ? AND member_id = ?", clubID, memberID).Update("alerts_off", !on)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, fmt.Sprintf("set alerts of member %d in club %d", memberID, clubID))
}

// AddPendingCoaches records admins of the club who are not members yet.
func (s *ClubStore) AddPendingCoaches(ctx context.Context, clubID int64, platform string, userIDs []string) error {
	if len(userIDs) == 0 {
		return nil
	}
	rows := make([]pendingCoachRow, len(userIDs))
	for i, u := range userIDs {
		rows[i] = pendingCoachRow{ClubID: clubID, Platform: platform, UserID: u}
	}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error
	})
	return mapError(err, fmt.Sprintf("record %d pending coaches of club %d", len(userIDs), clubID))
}

// TakePendingCoaches returns and forgets the clubs the account is a pending coach of.
func (s *ClubStore) TakePendingCoaches(ctx context.Context, platform, userID string) ([]int64, error) {
	var clubs []int64
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&pendingCoachRow{}).Where("platform = ? AND user_id = ?", platform, userID).
			Order("club_id").Pluck("club_id", &clubs).Error; err != nil {
			return err
		}
		return tx.Where("platform = ? AND user_id = ?", platform, userID).Delete(&pendingCoachRow{}).Error
	})
	if err != nil {
		return nil, mapError(err, "take pending coaches")
	}
	return clubs, nil
}
