package storage

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// RunStore stores runs.
type RunStore struct{ db *DB }

// NewRunStore returns the runs' store over db.
func NewRunStore(db *DB) *RunStore { return &RunStore{db: db} }

var _ domain.RunRepository = (*RunStore)(nil)

type runRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	MemberID  int64     `gorm:"column:member_id"`
	Date      string    `gorm:"column:date"`
	Metres    float64   `gorm:"column:metres"`
	Seconds   int64     `gorm:"column:seconds"`
	RPE       int       `gorm:"column:rpe"`
	Type      string    `gorm:"column:type"`
	CreatedAt time.Time `gorm:"column:created_at"`
	// Seq is the run's Number; NULL only inside an import, until
	// numberRuns numbers the imported rows.
	Seq *int `gorm:"column:seq"`
}

func (runRow) TableName() string { return "runs" }

func (r runRow) domain() (domain.Run, error) {
	d, err := domain.ParseISODate(r.Date)
	if err != nil {
		return domain.Run{}, err
	}
	return domain.Run{ID: r.ID, MemberID: r.MemberID, Date: d, Metres: r.Metres,
		Duration: time.Duration(r.Seconds) * time.Second, RPE: r.RPE, Type: r.Type, CreatedAt: r.CreatedAt, Number: deref(r.Seq)}, nil
}

func runToRow(r domain.Run) runRow {
	return runRow{ID: r.ID, MemberID: r.MemberID, Date: r.Date.String(), Metres: r.Metres,
		Seconds: int64(r.Duration.Round(time.Second) / time.Second), RPE: r.RPE, Type: r.Type, CreatedAt: r.CreatedAt.UTC(), Seq: &r.Number}
}

// CreateRun stores r and sets r.ID and r.Number, the member's next run
// number, taken under the write lock with the insert.
func (s *RunStore) CreateRun(ctx context.Context, r *domain.Run) error {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.db.now()
	}
	row := runToRow(*r)
	row.ID = 0
	var seq int
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		var err error
		if seq, err = nextRunNumber(tx, r.MemberID); err != nil {
			return err
		}
		row.Seq = &seq
		return tx.Create(&row).Error
	})
	if err != nil {
		return mapError(err, "save run")
	}
	r.ID, r.Number = row.ID, seq
	return nil
}

// Runs returns the member's runs from..to inclusive, oldest first.
func (s *RunStore) Runs(ctx context.Context, memberID int64, from, to domain.Date) ([]domain.Run, error) {
	return findRuns("read runs", s.db.conn(ctx).Where("member_id = ? AND date >= ? AND date <= ?", memberID, from.String(), to.String()).
		Order("date, id"))
}

// findRuns reads the runs q selects; what names the read in errors.
func findRuns(what string, q *gorm.DB) ([]domain.Run, error) {
	var rows []runRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapError(err, what)
	}
	out := make([]domain.Run, 0, len(rows))
	for _, row := range rows {
		r, err := row.domain()
		if err != nil {
			return nil, mapError(err, what)
		}
		out = append(out, r)
	}
	return out, nil
}
