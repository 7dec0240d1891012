package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/runclub/runclub/domain"
)

// ConversationStore stores the members' conversations in progress, at most
// one each.
type ConversationStore struct{ db *DB }

// NewConversationStore returns the conversations' store over db.
func NewConversationStore(db *DB) *ConversationStore { return &ConversationStore{db: db} }

var _ domain.ConversationRepository = (*ConversationStore)(nil)

type conversationRow struct {
	MemberID  int64     `gorm:"column:member_id;primaryKey"`
	Kind      string    `gorm:"column:kind"`
	Step      string    `gorm:"column:step"`
	Data      string    `gorm:"column:data"`
	UpdatedAt time.Time `gorm:"column:updated_at"`
}

func (conversationRow) TableName() string { return "conversations" }

// Conversation returns the member's open conversation.
func (s *ConversationStore) Conversation(ctx context.Context, memberID int64) (domain.Conversation, error) {
	var row conversationRow
	if err := s.db.conn(ctx).Where("member_id = ?", memberID).Take(&row).Error; err != nil {
		return domain.Conversation{}, mapError(err, "read conversation")
	}
	c := domain.Conversation{MemberID: row.MemberID, Kind: row.Kind, Step: row.Step, UpdatedAt: row.UpdatedAt}
	if err := json.Unmarshal([]byte(row.Data), &c.Data); err != nil {
		return domain.Conversation{}, fmt.Errorf("read conversation: decode data: %w", err)
	}
	if c.Data == nil {
		c.Data = map[string]string{}
	}
	return c, nil
}

// SaveConversation creates or replaces the member's conversation.
func (s *ConversationStore) SaveConversation(ctx context.Context, c domain.Conversation) error {
	data, err := json.Marshal(c.Data)
	if err != nil {
		return fmt.Errorf("save conversation: encode data: %w", err)
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = s.db.now()
	}
	row := conversationRow{MemberID: c.MemberID, Kind: c.Kind, Step: c.Step, Data: string(data), UpdatedAt: c.UpdatedAt.UTC()}
	err = s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "member_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"kind", "step", "data", "updated_at"}),
		}).Create(&row).Error
	})
	return mapError(err, "save conversation")
}

// DeleteConversation ends the member's conversation, if any.
func (s *ConversationStore) DeleteConversation(ctx context.Context, memberID int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Exec("DELETE FROM conversations WHERE member_id = ?", memberID).Error
	})
	return mapError(err, "delete conversation")
}
