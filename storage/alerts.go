package storage

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// AlertStore answers the coach alert job's questions.
type AlertStore struct{ db *DB }

// NewAlertStore returns the coach alerts' queries over db.
func NewAlertStore(db *DB) *AlertStore { return &AlertStore{db: db} }

var _ domain.AlertRepository = (*AlertStore)(nil)

// migrate0033 gives the delivery ledger the member a coach alert is about:
// an alert's key is its coach, its club, its local date and its subject,
// so that one claim per alert is still the one atomic step. The unique
// index takes the new column last, so that the other kinds' probes
// (kind, member, club, date) still use it.
func migrate0033(tx *gorm.DB) error {
	return execAll(tx,
		`ALTER TABLE deliveries ADD COLUMN subject_id INTEGER NOT NULL DEFAULT 0`,
		`DROP INDEX idx_deliveries_key`,
		`CREATE UNIQUE INDEX idx_deliveries_key ON deliveries (kind, member_id, club_id, local_date, subject_id)`,
		`CREATE INDEX idx_deliveries_subject ON deliveries (subject_id) WHERE subject_id <> 0`,
	)
}

// AlertCoaches lists the coaches of zone tz with alerts on and reachable.
func (s *AlertStore) AlertCoaches(ctx context.Context, tz string) ([]domain.CoachPlace, error) {
	type row struct {
		Member memberRow `gorm:"embedded"`
		Club   clubRow   `gorm:"embedded;embeddedPrefix:club_"`
	}
	var rows []row
	err := s.db.conn(ctx).Raw(`SELECT m.*, c.id AS club_id, c.platform AS club_platform, c.chat_id AS club_chat_id,
			c.title AS club_title, c.weekly_day AS club_weekly_day, c.weekly_minute AS club_weekly_minute, c.tz AS club_tz
		FROM club_members cm JOIN members m ON m.id = cm.member_id JOIN clubs c ON c.id = cm.club_id
		WHERE m.tz = ? AND cm.role = ? AND cm.alerts_off = ? AND m.unreachable = ?
		ORDER BY cm.club_id, m.id`, tz, domain.RoleCoach, false, false).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, "coaches with alerts on")
	}
	out := make([]domain.CoachPlace, len(rows))
	for i, r := range rows {
		out[i] = domain.CoachPlace{Coach: r.Member.domain(), Club: r.Club.domain()}
	}
	return out, nil
}

// RecentAlerts reads whom the coaches' alerts claimed since were about. A
// claim counts whatever became of it: one that failed for good is not
// retried within the gap, as one that went out is not repeated.
func (s *AlertStore) RecentAlerts(ctx context.Context, coaches []int64, since time.Time) (map[int64]map[domain.AlertSubject]bool, error) {
	out := make(map[int64]map[domain.AlertSubject]bool)
	for start := 0; start < len(coaches); start += inListChunk {
		ids := coaches[start:min(start+inListChunk, len(coaches))]
		err := scanRows(s.db.conn(ctx), `SELECT member_id, club_id, subject_id FROM deliveries
			WHERE kind = ? AND member_id IN ? AND created_at >= ?`,
			[]any{domain.DeliveryCoachAlert, ids, since.UTC()}, func(rows *sql.Rows) error {
				var coach, club, subject int64
				if err := rows.Scan(&coach, &club, &subject); err != nil {
					return err
				}
				key := domain.AlertSubject{MemberID: subject}
				if subject == 0 {
					key.ClubID = club
				}
				if out[coach] == nil {
					out[coach] = map[domain.AlertSubject]bool{}
				}
				out[coach][key] = true
				return nil
			})
		if err != nil {
			return nil, mapError(err, "recent coach alerts")
		}
	}
	return out, nil
}
