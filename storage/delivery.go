package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// DeliveryStore is the delivery ledger: the record of every scheduled
// message, claimed before it is sent and marked after.
type DeliveryStore struct{ db *DB }

// NewDeliveryStore returns the delivery ledger over db.
func NewDeliveryStore(db *DB) *DeliveryStore { return &DeliveryStore{db: db} }

var _ domain.DeliveryRepository = (*DeliveryStore)(nil)

type deliveryRow struct {
	ID        int64      `gorm:"column:id;primaryKey"`
	Kind      string     `gorm:"column:kind"`
	MemberID  int64      `gorm:"column:member_id"`
	ClubID    int64      `gorm:"column:club_id"`
	LocalDate string     `gorm:"column:local_date"`
	Status    string     `gorm:"column:status"`
	Reason    string     `gorm:"column:reason"`
	CreatedAt time.Time  `gorm:"column:created_at"`
	SentAt    *time.Time `gorm:"column:sent_at"`
	SubjectID int64      `gorm:"column:subject_id"`
}

func (deliveryRow) TableName() string { return "deliveries" }

func (r deliveryRow) domain() (domain.Delivery, error) {
	d, err := domain.ParseISODate(r.LocalDate)
	if err != nil {
		return domain.Delivery{}, err
	}
	out := domain.Delivery{ID: r.ID, Kind: r.Kind, MemberID: r.MemberID, ClubID: r.ClubID, LocalDate: d,
		SubjectID: r.SubjectID, Status: r.Status, Reason: r.Reason, CreatedAt: r.CreatedAt}
	if r.SentAt != nil {
		out.SentAt = *r.SentAt
	}
	return out, nil
}

// migrate0010 adds the scheduler's delivery records and the index that finds
// clubs whose weekly slot is due. member_id and club_id are 0 rather than NULL
// when unused, because NULLs never collide in a unique index and the key must.
// They carry no foreign key for the same reason; DeleteMember clears a
// member's rows through memberTables.
func migrate0010(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE deliveries (
			id `+idColumn(tx)+`,
			kind TEXT NOT NULL,
			member_id INTEGER NOT NULL DEFAULT 0,
			club_id INTEGER NOT NULL DEFAULT 0,
			local_date TEXT NOT NULL,
			status TEXT NOT NULL,
			reason TEXT NOT NULL DEFAULT '',
			created_at TIMESTAMP NOT NULL,
			sent_at TIMESTAMP)`,
		// The claim: one delivery per kind, recipient, club and local date. It
		// also serves the "no delivery yet" probes of the due queries.
		`CREATE UNIQUE INDEX idx_deliveries_key ON deliveries (kind, member_id, club_id, local_date)`,
		`CREATE INDEX idx_deliveries_pending ON deliveries (created_at) WHERE status = 'pending'`,
		`CREATE INDEX idx_clubs_tz_weekly ON clubs (tz, weekly_day, weekly_minute)`,
	)
}

// claimChunk bounds the rows of one claim statement: eight parameters a
// row stays well under SQLite's and PostgreSQL's limits.
const claimChunk = 500

// ClaimDeliveries claims deliveries with one INSERT … ON CONFLICT DO NOTHING
// RETURNING per claimChunk rows, so that a fan-out of thousands costs a
// handful of writes rather than one each. Each statement is atomic on its
// own: a key taken by anyone else, or earlier in ds, is not claimed. Claimed deliveries get their ID and the pending status; the
// others keep ID 0. It returns how many it claimed; on an error, the
// deliveries with an ID were claimed by earlier statements.
func (s *DeliveryStore) ClaimDeliveries(ctx context.Context, ds []domain.Delivery) (int, error) {
	claimed := 0
	for start := 0; start < len(ds); start += claimChunk {
		n, err := s.claimSome(ctx, ds[start:min(start+claimChunk, len(ds))])
		claimed += n
		if err != nil {
			return claimed, mapError(err, fmt.Sprintf("claim %d deliveries", len(ds)))
		}
	}
	return claimed, nil
}

type deliveryKey struct {
	kind             string
	memberID, clubID int64
	date             string
	subjectID        int64
}

func (s *DeliveryStore) claimSome(ctx context.Context, ds []domain.Delivery) (int, error) {
	if len(ds) == 0 {
		return 0, nil
	}
	var q strings.Builder
	q.WriteString(`INSERT INTO deliveries (kind, member_id, club_id, local_date, subject_id, status, reason, created_at) VALUES `)
	args := make([]any, 0, 7*len(ds))
	// The statement returns each inserted row's key, in no promised order;
	// keys map the ids back to ds.
	index := make(map[deliveryKey]int, len(ds))
	for i := range ds {
		d := &ds[i]
		d.ID = 0
		if d.CreatedAt.IsZero() {
			d.CreatedAt = s.db.now()
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, '', ?)")
		date := d.LocalDate.String()
		args = append(args, d.Kind, d.MemberID, d.ClubID, date, d.SubjectID, domain.DeliveryPending, d.CreatedAt.UTC())
		k := deliveryKey{d.Kind, d.MemberID, d.ClubID, date, d.SubjectID}
		if _, dup := index[k]; !dup {
			index[k] = i
		}
	}
	q.WriteString(` ON CONFLICT (kind, member_id, club_id, local_date, subject_id) DO NOTHING
		RETURNING id, kind, member_id, club_id, local_date, subject_id`)
	claimed := 0
	err := s.db.writeStatement(ctx, func(g *gorm.DB) error {
		return scanRows(g, q.String(), args, func(rows *sql.Rows) error {
			var id int64
			var k deliveryKey
			if err := rows.Scan(&id, &k.kind, &k.memberID, &k.clubID, &k.date, &k.subjectID); err != nil {
				return err
			}
			i, ok := index[k]
			if !ok {
				return fmt.Errorf("claim returned delivery %d with a key that was not asked for", id)
			}
			ds[i].ID, ds[i].Status = id, domain.DeliveryPending
			claimed++
			return nil
		})
	})
	if err != nil && s.db.tx(ctx) != nil {
		// The statement's savepoint was rolled back: nothing of it is claimed.
		for i := range ds {
			ds[i].ID = 0
		}
		claimed = 0
	}
	return claimed, err
}

// ReleaseDeliveries deletes claims that are still pending, for messages the
// scheduler claimed but never tried to send (it was stopped first), so that
// they are due again rather than given up as interrupted.
func (s *DeliveryStore) ReleaseDeliveries(ctx context.Context, ids ...int64) error {
	for start := 0; start < len(ids); start += inListChunk {
		part := ids[start:min(start+inListChunk, len(ids))]
		err := s.db.writeStatement(ctx, func(tx *gorm.DB) error {
			return tx.Where("status = 'pending' AND id IN ?", part).Delete(&deliveryRow{}).Error
		})
		if err != nil {
			return mapError(err, fmt.Sprintf("release %d deliveries", len(part)))
		}
	}
	return nil
}

// MarkSent records that the deliveries ids were accepted by the platform at at.
// Like every write of the ledger, each is one statement with no transaction
// around it: on PostgreSQL a SERIALIZABLE one per batch cost the fan-out
// more than the updates.
func (s *DeliveryStore) MarkSent(ctx context.Context, at time.Time, ids ...int64) error {
	at = at.UTC()
	for start := 0; start < len(ids); start += inListChunk {
		part := ids[start:min(start+inListChunk, len(ids))]
		err := s.db.writeStatement(ctx, func(tx *gorm.DB) error {
			res := tx.Model(&deliveryRow{}).Where("id IN ?", part).
				Updates(map[string]any{"status": domain.DeliverySent, "sent_at": &at})
			if res.Error == nil && res.RowsAffected == 0 {
				return gorm.ErrRecordNotFound
			}
			return res.Error
		})
		if err != nil {
			return mapError(err, fmt.Sprintf("mark %d deliveries sent", len(part)))
		}
	}
	return nil
}

// MarkFailed records that delivery id failed for good, and why.
func (s *DeliveryStore) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.setDelivery(ctx, id, "mark delivery failed", map[string]any{"status": domain.DeliveryFailed, "reason": reason})
}

func (s *DeliveryStore) setDelivery(ctx context.Context, id int64, what string, values map[string]any) error {
	err := s.db.writeStatement(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&deliveryRow{}).Where("id = ?", id).Updates(values)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, fmt.Sprintf("%s %d", what, id))
}

// AbandonPending marks deliveries pending since before the time given as failed.
func (s *DeliveryStore) AbandonPending(ctx context.Context, before time.Time, reason string) (int, error) {
	var n int64
	err := s.db.writeStatement(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&deliveryRow{}).Where("status = 'pending' AND created_at < ?", before.UTC()).
			Updates(map[string]any{"status": domain.DeliveryFailed, "reason": reason})
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, mapError(err, "abandon pending deliveries")
	}
	return int(n), nil
}

// Prune deletes the records of deliveries about local dates before the
// date given and returns how many it deleted. The ledger grows by a few rows
// a member a day, but only its recent days decide anything: a date is safe
// to prune once nothing about it can be due again (the weekly run looks
// furthest back, domain.WeeklyRunGapDays before a slot that is at most a day
// old), so before should be at least a week and a day ago.
func (s *DeliveryStore) Prune(ctx context.Context, before domain.Date) (int, error) {
	var n int64
	err := s.db.writeStatement(ctx, func(tx *gorm.DB) error {
		res := tx.Where("local_date < ?", before.String()).Delete(&deliveryRow{})
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, mapError(err, "prune deliveries")
	}
	return int(n), nil
}

// Deliveries lists the deliveries claimed for date, of every kind, oldest
// first; operators and tests use it to see what the scheduler did.
func (s *DeliveryStore) Deliveries(ctx context.Context, date domain.Date) ([]domain.Delivery, error) {
	var rows []deliveryRow
	if err := s.db.conn(ctx).Where("local_date = ?", date.String()).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "list deliveries")
	}
	out := make([]domain.Delivery, 0, len(rows))
	for _, r := range rows {
		d, err := r.domain()
		if err != nil {
			return nil, mapError(err, "list deliveries")
		}
		out = append(out, d)
	}
	return out, nil
}
