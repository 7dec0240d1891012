package storage

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

var _ domain.ClubRepository = (*DB)(nil)

type clubRow struct {
	ID           int64  `gorm:"column:id;primaryKey"`
	Platform     string `gorm:"column:platform"`
	ChatID       string `gorm:"column:chat_id"`
	Title        string `gorm:"column:title"`
	WeeklyDay    int    `gorm:"column:weekly_day"`
	WeeklyMinute int    `gorm:"column:weekly_minute"`
	TZ           string `gorm:"column:tz"`
}

func (clubRow) TableName() string { return "clubs" }

func clubToRow(c domain.Club) clubRow {
	return clubRow{ID: c.ID, Platform: c.Platform, ChatID: c.ChatID, Title: c.Title,
		WeeklyDay: int(c.WeeklyDay), WeeklyMinute: c.WeeklyMinute, TZ: c.TZ}
}

func (r clubRow) domain() domain.Club {
	return domain.Club{ID: r.ID, Platform: r.Platform, ChatID: r.ChatID, Title: r.Title,
		WeeklyDay: time.Weekday(r.WeeklyDay), WeeklyMinute: r.WeeklyMinute, TZ: r.TZ}
}

type clubMemberRow struct {
	ClubID   int64  `gorm:"column:club_id;primaryKey"`
	MemberID int64  `gorm:"column:member_id;primaryKey"`
	Role     string `gorm:"column:role"`
}

func (clubMemberRow) TableName() string { return "club_members" }

func (r clubMemberRow) domain() domain.ClubMember {
	return domain.ClubMember{ClubID: r.ClubID, MemberID: r.MemberID, Role: r.Role}
}

// ClubByChat finds the club of a platform group.
func (db *DB) ClubByChat(ctx context.Context, platform, chatID string) (domain.Club, error) {
	var row clubRow
	if err := db.read(ctx).Where("platform = ? AND chat_id = ?", platform, chatID).Take(&row).Error; err != nil {
		return domain.Club{}, mapError(err, "club by chat")
	}
	return row.domain(), nil
}

// CreateClub stores c and sets c.ID.
func (db *DB) CreateClub(ctx context.Context, c *domain.Club) error {
	row := clubToRow(*c)
	row.ID = 0
	if err := db.write(ctx, func(tx *gorm.DB) error { return tx.Create(&row).Error }); err != nil {
		return mapError(err, "create club")
	}
	c.ID = row.ID
	return nil
}

// UpdateClub saves the club's title, chat id and weekly slot.
func (db *DB) UpdateClub(ctx context.Context, c domain.Club) error {
	row := clubToRow(c)
	err := db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&clubRow{}).Where("id = ?", c.ID).Select("*").Omit("id").Updates(&row)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, "update club")
}

// SetClubMember adds the member to the club with a role, or changes the role.
func (db *DB) SetClubMember(ctx context.Context, cm domain.ClubMember) error {
	row := clubMemberRow{ClubID: cm.ClubID, MemberID: cm.MemberID, Role: cm.Role}
	err := db.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "club_id"}, {Name: "member_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"role"}),
		}).Create(&row).Error
	})
	return mapError(err, "set club member")
}

// ClubMember returns the member's place in the club.
func (db *DB) ClubMember(ctx context.Context, clubID, memberID int64) (domain.ClubMember, error) {
	var row clubMemberRow
	if err := db.read(ctx).Where("club_id = ? AND member_id = ?", clubID, memberID).Take(&row).Error; err != nil {
		return domain.ClubMember{}, mapError(err, "club member")
	}
	return row.domain(), nil
}

// ClubMembers lists the club's members.
func (db *DB) ClubMembers(ctx context.Context, clubID int64) ([]domain.ClubMember, error) {
	return db.clubMembers(ctx, "club_id = ?", clubID)
}

// MemberClubs lists the clubs the member belongs to.
func (db *DB) MemberClubs(ctx context.Context, memberID int64) ([]domain.ClubMember, error) {
	return db.clubMembers(ctx, "member_id = ?", memberID)
}

func (db *DB) clubMembers(ctx context.Context, where string, id int64) ([]domain.ClubMember, error) {
	var rows []clubMemberRow
	if err := db.read(ctx).Where(where, id).Order("club_id, member_id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "club members")
	}
	out := make([]domain.ClubMember, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
