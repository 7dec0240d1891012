package storage

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

// MemberStore stores members and their platform identities.
type MemberStore struct{ db *DB }

// NewMemberStore returns the members' store over db.
func NewMemberStore(db *DB) *MemberStore { return &MemberStore{db: db} }

var _ domain.MemberRepository = (*MemberStore)(nil)

type memberRow struct {
	ID              int64     `gorm:"column:id;primaryKey"`
	Name            string    `gorm:"column:name"`
	TZ              string    `gorm:"column:tz"`
	WakeMinute      int       `gorm:"column:wake_minute"`
	BedMinute       int       `gorm:"column:bed_minute"`
	WindDownMinutes int       `gorm:"column:wind_down_minutes"`
	Units           string    `gorm:"column:units"`
	WeightKG        float64   `gorm:"column:weight_kg"`
	PromptsOn       bool      `gorm:"column:prompts_on"`
	ShareWithCoach  bool      `gorm:"column:share_with_coach"`
	Unreachable     bool      `gorm:"column:unreachable"`
	CreatedAt       time.Time `gorm:"column:created_at"`
}

func (memberRow) TableName() string { return "members" }

func memberToRow(m domain.Member) memberRow {
	return memberRow{ID: m.ID, Name: m.Name, TZ: m.TZ, WakeMinute: m.WakeMinute, BedMinute: m.BedMinute,
		WindDownMinutes: m.WindDownMinutes, Units: m.Units, WeightKG: m.WeightKG, PromptsOn: m.PromptsOn,
		ShareWithCoach: m.ShareWithCoach, Unreachable: m.Unreachable, CreatedAt: m.CreatedAt.UTC()}
}

func (r memberRow) domain() domain.Member {
	return domain.Member{ID: r.ID, Name: r.Name, TZ: r.TZ, WakeMinute: r.WakeMinute, BedMinute: r.BedMinute,
		WindDownMinutes: r.WindDownMinutes, Units: r.Units, WeightKG: r.WeightKG, PromptsOn: r.PromptsOn,
		ShareWithCoach: r.ShareWithCoach, Unreachable: r.Unreachable, CreatedAt: r.CreatedAt}
}

type identityRow struct {
	Platform string `gorm:"column:platform;primaryKey"`
	UserID   string `gorm:"column:user_id;primaryKey"`
	ChatID   string `gorm:"column:chat_id"`
	MemberID int64  `gorm:"column:member_id"`
}

func (identityRow) TableName() string { return "identities" }

func (r identityRow) domain() domain.Identity {
	return domain.Identity{Platform: r.Platform, UserID: r.UserID, ChatID: r.ChatID, MemberID: r.MemberID}
}

// CreateMember stores m with its first identity and sets m.ID.
func (s *MemberStore) CreateMember(ctx context.Context, m *domain.Member, id domain.Identity) error {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = s.db.now()
	}
	row := memberToRow(*m)
	row.ID = 0
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return tx.Create(&identityRow{Platform: id.Platform, UserID: id.UserID, ChatID: id.ChatID, MemberID: row.ID}).Error
	})
	if err != nil {
		return mapError(err, "create member")
	}
	m.ID = row.ID
	return nil
}

// MemberByID returns ENOTFOUND if there is no such member.
func (s *MemberStore) MemberByID(ctx context.Context, id int64) (domain.Member, error) {
	var row memberRow
	if err := s.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Member{}, mapError(err, "member by id")
	}
	return row.domain(), nil
}

// MemberByIdentity finds the member behind a platform account.
func (s *MemberStore) MemberByIdentity(ctx context.Context, platform, userID string) (domain.Member, error) {
	var row memberRow
	err := s.db.conn(ctx).Table("members").Select("members.*").
		Joins("JOIN identities ON identities.member_id = members.id").
		Where("identities.platform = ? AND identities.user_id = ?", platform, userID).
		Take(&row).Error
	if err != nil {
		return domain.Member{}, mapError(err, "member by identity")
	}
	return row.domain(), nil
}

// UpdateMember saves the member's settings.
func (s *MemberStore) UpdateMember(ctx context.Context, m domain.Member) error {
	row := memberToRow(m)
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&memberRow{}).Where("id = ?", m.ID).Select("*").Omit("id", "created_at").Updates(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return nil
	})
	return mapError(err, "update member")
}

// AddIdentity links another platform account to a member, or updates the
// chat id of a known one.
func (s *MemberStore) AddIdentity(ctx context.Context, id domain.Identity) error {
	row := identityRow{Platform: id.Platform, UserID: id.UserID, ChatID: id.ChatID, MemberID: id.MemberID}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "platform"}, {Name: "user_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"chat_id", "member_id"}),
		}).Create(&row).Error
	})
	return mapError(err, "add identity")
}

// Identities lists the member's platform accounts.
func (s *MemberStore) Identities(ctx context.Context, memberID int64) ([]domain.Identity, error) {
	var rows []identityRow
	if err := s.db.conn(ctx).Where("member_id = ?", memberID).Order("platform, user_id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "identities")
	}
	out := make([]domain.Identity, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// DeleteMember removes the member and, through the foreign keys' cascades,
// every row about them. Tables are also cleared explicitly so that a database
// opened without foreign keys forgets just as completely.
func (s *MemberStore) DeleteMember(ctx context.Context, id int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		for _, table := range memberTables {
			if err := tx.Exec("DELETE FROM "+table+" WHERE member_id = ?", id).Error; err != nil {
				return err
			}
		}
		// Coaches' alerts about the member name them by id: gone too.
		if err := tx.Exec("DELETE FROM deliveries WHERE subject_id = ?", id).Error; err != nil {
			return err
		}
		res := tx.Exec("DELETE FROM members WHERE id = ?", id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return nil
	})
	return mapError(err, "delete member")
}

// memberTables are the tables holding rows about one member, keyed by
// member_id. Every migration that adds such a table appends it here, so that
// /forget keeps forgetting everything.
var memberTables = []string{"check_ins", "runs", "conversations", "club_members", "identities", "deliveries",
	"changes", "step_skips", "run_counters", "away", "link_codes", "link_attempts"}

// PlatformIdentities lists every account known on platform that has a
// private chat id, so an adapter can prime its cache of private chats after
// a restart instead of opening each one again.
func (s *MemberStore) PlatformIdentities(ctx context.Context, platform string) ([]domain.Identity, error) {
	var rows []identityRow
	if err := s.db.conn(ctx).Where("platform = ? AND chat_id <> ''", platform).Find(&rows).Error; err != nil {
		return nil, mapError(err, "identities of platform")
	}
	out := make([]domain.Identity, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
