package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

// ClubStore stores clubs, who belongs to them and in which role.
type ClubStore struct{ db *DB }

// NewClubStore returns the clubs' store over db.
func NewClubStore(db *DB) *ClubStore { return &ClubStore{db: db} }

var _ domain.ClubRepository = (*ClubStore)(nil)

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
	ClubID    int64  `gorm:"column:club_id;primaryKey"`
	MemberID  int64  `gorm:"column:member_id;primaryKey"`
	Role      string `gorm:"column:role"`
	AlertsOff bool   `gorm:"column:alerts_off"`
}

func (clubMemberRow) TableName() string { return "club_members" }

func (r clubMemberRow) domain() domain.ClubMember {
	return domain.ClubMember{ClubID: r.ClubID, MemberID: r.MemberID, Role: r.Role, AlertsOff: r.AlertsOff}
}

// ClubByChat finds the club of a platform group.
func (s *ClubStore) ClubByChat(ctx context.Context, platform, chatID string) (domain.Club, error) {
	var row clubRow
	if err := s.db.conn(ctx).Where("platform = ? AND chat_id = ?", platform, chatID).Take(&row).Error; err != nil {
		return domain.Club{}, mapError(err, "club by chat")
	}
	return row.domain(), nil
}

// CreateClub stores c and sets c.ID.
func (s *ClubStore) CreateClub(ctx context.Context, c *domain.Club) error {
	row := clubToRow(*c)
	row.ID = 0
	if err := s.db.write(ctx, func(tx *gorm.DB) error { return tx.Create(&row).Error }); err != nil {
		return mapError(err, "create club")
	}
	c.ID = row.ID
	return nil
}

// UpdateClub saves the club's title, chat id and weekly slot.
func (s *ClubStore) UpdateClub(ctx context.Context, c domain.Club) error {
	row := clubToRow(c)
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&clubRow{}).Where("id = ?", c.ID).Select("*").Omit("id").Updates(&row)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, "update club")
}

// SetClubMember adds the member to the club with a role, or changes the role.
func (s *ClubStore) SetClubMember(ctx context.Context, cm domain.ClubMember) error {
	row := clubMemberRow{ClubID: cm.ClubID, MemberID: cm.MemberID, Role: cm.Role}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "club_id"}, {Name: "member_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"role"}),
		}).Create(&row).Error
	})
	return mapError(err, "set club member")
}

// ClubMember returns the member's place in the club.
func (s *ClubStore) ClubMember(ctx context.Context, clubID, memberID int64) (domain.ClubMember, error) {
	var row clubMemberRow
	if err := s.db.conn(ctx).Where("club_id = ? AND member_id = ?", clubID, memberID).Take(&row).Error; err != nil {
		return domain.ClubMember{}, mapError(err, "club member")
	}
	return row.domain(), nil
}

// ClubMembers lists the club's members.
func (s *ClubStore) ClubMembers(ctx context.Context, clubID int64) ([]domain.ClubMember, error) {
	return s.clubMembers(ctx, "club_id = ?", clubID)
}

// MemberClubs lists the clubs the member belongs to.
func (s *ClubStore) MemberClubs(ctx context.Context, memberID int64) ([]domain.ClubMember, error) {
	return s.clubMembers(ctx, "member_id = ?", memberID)
}

func (s *ClubStore) clubMembers(ctx context.Context, where string, id int64) ([]domain.ClubMember, error) {
	var rows []clubMemberRow
	if err := s.db.conn(ctx).Where(where, id).Order("club_id, member_id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "club members")
	}
	out := make([]domain.ClubMember, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// Roster lists the club's members with their role and home club (the lowest
// club id they belong to) in one query, ordered by member id.
func (s *ClubStore) Roster(ctx context.Context, clubID int64) ([]domain.RosterEntry, error) {
	type rosterRow struct {
		Member     memberRow `gorm:"embedded"`
		Role       string    `gorm:"column:role"`
		AlertsOff  bool      `gorm:"column:alerts_off"`
		HomeClubID int64     `gorm:"column:home_club_id"`
	}
	var rows []rosterRow
	err := s.db.conn(ctx).Raw(`SELECT m.*, cm.role AS role, cm.alerts_off AS alerts_off,
			(SELECT MIN(x.club_id) FROM club_members x WHERE x.member_id = m.id) AS home_club_id
		FROM club_members cm JOIN members m ON m.id = cm.member_id
		WHERE cm.club_id = ?
		ORDER BY m.id`, clubID).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, fmt.Sprintf("roster of club %d", clubID))
	}
	out := make([]domain.RosterEntry, len(rows))
	for i, r := range rows {
		out[i] = domain.RosterEntry{Member: r.Member.domain(), Role: r.Role, AlertsOff: r.AlertsOff, HomeClubID: r.HomeClubID}
	}
	return out, nil
}
