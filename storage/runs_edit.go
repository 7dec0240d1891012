package storage

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// migrate0020 gives every run its number among its member's runs, in the
// order they were logged, for /history, /run edit N and /run delete N, and
// keeps each member's last number given, so that a number is never given
// twice, not even after the run that had it was deleted (/undo may bring
// it back).
func migrate0020(tx *gorm.DB) error {
	if err := execAll(tx, `ALTER TABLE runs ADD COLUMN seq INTEGER`,
		`CREATE TABLE run_counters (
			member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
			last INTEGER NOT NULL)`); err != nil {
		return err
	}
	if err := numberRuns(tx); err != nil {
		return err
	}
	return execAll(tx, `CREATE UNIQUE INDEX idx_runs_member_seq ON runs (member_id, seq)`)
}

// numberRuns numbers the runs that have no number yet (every run, when the
// column is new; the imported ones after an import), by date and id within
// each member, after the member's last number, and moves the counters on.
// The numbering is one statement: a window over the unnumbered rows,
// materialised before the update reads it.
func numberRuns(tx *gorm.DB) error {
	return execAll(tx, `UPDATE runs SET seq = n.seq FROM (
		SELECT r.id AS id, ROW_NUMBER() OVER (PARTITION BY r.member_id ORDER BY r.date, r.id)
			+ COALESCE((SELECT c.last FROM run_counters c WHERE c.member_id = r.member_id),
				(SELECT MAX(o.seq) FROM runs o WHERE o.member_id = r.member_id), 0) AS seq
		FROM runs r WHERE r.seq IS NULL) AS n
		WHERE runs.id = n.id`,
		`INSERT INTO run_counters (member_id, last)
		SELECT member_id, MAX(seq) FROM runs GROUP BY member_id
		HAVING MAX(seq) > COALESCE((SELECT c.last FROM run_counters c WHERE c.member_id = runs.member_id), 0)
		ON CONFLICT (member_id) DO UPDATE SET last = excluded.last`)
}

// nextRunNumber takes the member's next run number in tx.
func nextRunNumber(tx *gorm.DB, memberID int64) (int, error) {
	var next int
	err := tx.Raw(`SELECT COALESCE(MAX(n), 0) + 1 FROM (
		SELECT last AS n FROM run_counters WHERE member_id = ?
		UNION ALL SELECT MAX(seq) FROM runs WHERE member_id = ?) AS t`, memberID, memberID).Scan(&next).Error
	if err != nil {
		return 0, err
	}
	return next, tx.Exec(`INSERT INTO run_counters (member_id, last) VALUES (?, ?)
		ON CONFLICT (member_id) DO UPDATE SET last = excluded.last`, memberID, next).Error
}

// deref is *p, or 0 for nil.
func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// RunByNumber finds the member's run by its number.
func (s *RunStore) RunByNumber(ctx context.Context, memberID int64, number int) (domain.Run, error) {
	var row runRow
	if err := s.db.conn(ctx).Where("member_id = ? AND seq = ?", memberID, number).Take(&row).Error; err != nil {
		return domain.Run{}, mapError(err, "read run by number")
	}
	r, err := row.domain()
	return r, mapError(err, "read run by number")
}

// RunsLoggedSince lists the member's runs created at or after since, oldest first.
func (s *RunStore) RunsLoggedSince(ctx context.Context, memberID int64, since time.Time) ([]domain.Run, error) {
	return findRuns("read recent runs", s.db.conn(ctx).Where("member_id = ? AND created_at >= ?", memberID, since.UTC()).Order("id"))
}

// UpdateRun saves r's date and values over the stored run; its number and
// creation time stay.
func (s *RunStore) UpdateRun(ctx context.Context, r domain.Run) error {
	row := runToRow(r)
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&runRow{}).Where("id = ? AND member_id = ?", r.ID, r.MemberID).
			Select("date", "metres", "seconds", "rpe", "type").Updates(&row)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, "update run")
}

// DeleteRun removes the member's run with id.
func (s *RunStore) DeleteRun(ctx context.Context, memberID, id int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM runs WHERE id = ? AND member_id = ?", id, memberID)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, "delete run")
}

// RestoreRun puts a deleted run back as it was, with its id and number, so
// that /undo of a deletion leaves the numbers /history shows as they were.
func (s *RunStore) RestoreRun(ctx context.Context, r domain.Run) error {
	row := runToRow(r)
	err := s.db.write(ctx, func(tx *gorm.DB) error { return tx.Create(&row).Error })
	return mapError(err, "restore run")
}
