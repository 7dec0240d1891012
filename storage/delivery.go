package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

var _ domain.DeliveryRepository = (*DB)(nil)

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
}

func (deliveryRow) TableName() string { return "deliveries" }

func (r deliveryRow) domain() (domain.Delivery, error) {
	d, err := domain.ParseISODate(r.LocalDate)
	if err != nil {
		return domain.Delivery{}, err
	}
	out := domain.Delivery{ID: r.ID, Kind: r.Kind, MemberID: r.MemberID, ClubID: r.ClubID, LocalDate: d,
		Status: r.Status, Reason: r.Reason, CreatedAt: r.CreatedAt}
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

// ClaimDelivery stores d as pending unless its key is taken. The claim is
// one INSERT … ON CONFLICT DO NOTHING RETURNING id: atomic on its own, so two
// ticks can never both claim a key, and cheap enough for one per message.
func (db *DB) ClaimDelivery(ctx context.Context, d *domain.Delivery) (bool, error) {
	if d.CreatedAt.IsZero() {
		d.CreatedAt = db.now()
	}
	var ids []int64
	db.writeMu.Lock()
	err := db.read(ctx).Raw(`INSERT INTO deliveries (kind, member_id, club_id, local_date, status, reason, created_at)
		VALUES (?, ?, ?, ?, ?, '', ?)
		ON CONFLICT (kind, member_id, club_id, local_date) DO NOTHING
		RETURNING id`,
		d.Kind, d.MemberID, d.ClubID, d.LocalDate.String(), domain.DeliveryPending, d.CreatedAt.UTC()).Scan(&ids).Error
	db.writeMu.Unlock()
	if err != nil {
		return false, mapError(err, "claim delivery")
	}
	if len(ids) == 0 {
		return false, nil
	}
	d.ID, d.Status = ids[0], domain.DeliveryPending
	return true, nil
}

// MarkSent records that the deliveries ids were accepted by the platform at at.
func (db *DB) MarkSent(ctx context.Context, at time.Time, ids ...int64) error {
	at = at.UTC()
	for start := 0; start < len(ids); start += inListChunk {
		part := ids[start:min(start+inListChunk, len(ids))]
		err := db.write(ctx, func(tx *gorm.DB) error {
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
func (db *DB) MarkFailed(ctx context.Context, id int64, reason string) error {
	return db.setDelivery(ctx, id, "mark delivery failed", map[string]any{"status": domain.DeliveryFailed, "reason": reason})
}

func (db *DB) setDelivery(ctx context.Context, id int64, what string, values map[string]any) error {
	err := db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&deliveryRow{}).Where("id = ?", id).Updates(values)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, fmt.Sprintf("%s %d", what, id))
}

// AbandonPending marks deliveries pending since before the time given as failed.
func (db *DB) AbandonPending(ctx context.Context, before time.Time, reason string) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *gorm.DB) error {
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

// Deliveries lists the deliveries claimed for date, of every kind, oldest
// first; operators and tests use it to see what the scheduler did.
func (db *DB) Deliveries(ctx context.Context, date domain.Date) ([]domain.Delivery, error) {
	var rows []deliveryRow
	if err := db.read(ctx).Where("local_date = ?", date.String()).Order("id").Find(&rows).Error; err != nil {
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
