package storage

import (
	"context"
	"database/sql"
	"errors"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// The check-in write path, a member's morning answer, in as few statements
// as each dialect allows (storage/BENCH.md has the figures): the values
// given overwrite the day's, COALESCE keeps the others, and the journal
// gets the day as it was. Raw SQL on the connection gorm holds, because
// gorm's statement building costs as much as SQLite's upsert itself.
const (
	checkInCols = "rhr, hrv, sleep_hours, sleep_quality, fatigue, soreness, stress, mood"
	// amendUpsert is the upsert both dialects share, returning the day as
	// it now is; PostgreSQL's placeholders are $n, which SQLite reads as ?.
	amendUpsert = `INSERT INTO check_ins (member_id, date, ` + checkInCols + `, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (member_id, date) DO UPDATE SET
			rhr = COALESCE(excluded.rhr, check_ins.rhr),
			hrv = COALESCE(excluded.hrv, check_ins.hrv),
			sleep_hours = COALESCE(excluded.sleep_hours, check_ins.sleep_hours),
			sleep_quality = COALESCE(excluded.sleep_quality, check_ins.sleep_quality),
			fatigue = COALESCE(excluded.fatigue, check_ins.fatigue),
			soreness = COALESCE(excluded.soreness, check_ins.soreness),
			stress = COALESCE(excluded.stress, check_ins.stress),
			mood = COALESCE(excluded.mood, check_ins.mood),
			updated_at = excluded.updated_at
		RETURNING ` + checkInCols
	// amendOld reads the day as it was: the key's index, one row.
	amendOld = `SELECT ` + checkInCols + `, updated_at FROM check_ins WHERE member_id = $1 AND date = $2`
	// amendPostgres is both in one statement: every part of a statement
	// sees the same snapshot, so old is the row before the upsert. (No FOR
	// UPDATE: it would skip the row the upsert has just changed. Inside
	// InTx the SERIALIZABLE transaction makes a concurrent change of the
	// same day fail and run again instead.)
	amendPostgres = `WITH old AS (` + amendOld + `), new AS (` + amendUpsert + `)
		SELECT new.*, old.* FROM new LEFT JOIN old ON TRUE`
)

// AmendCheckIn merges c into the stored check-in of its date, creating it if
// needed, and returns the day as it was (nil if there was no check-in) and
// as it is now. On SQLite it is an indexed read and the upsert under the
// write lock; on PostgreSQL one statement. Inside InTx, before is exactly
// the row the upsert changed (the transaction is serialised on both).
func (s *CheckInStore) AmendCheckIn(ctx context.Context, c domain.CheckIn) (before *domain.CheckIn, after domain.CheckIn, err error) {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = s.db.now()
	}
	key := []any{c.MemberID, c.Date.String()}
	args := append(key, c.RHR, c.HRV, c.SleepHours, c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.UpdatedAt.UTC())
	after = domain.CheckIn{MemberID: c.MemberID, Date: c.Date, UpdatedAt: c.UpdatedAt}
	var old domain.CheckIn
	var oldAt sql.NullTime
	var oldRHR *int
	err = s.db.statement(ctx, func(g *gorm.DB) error {
		if s.db.postgres {
			return s.db.queryRow(ctx, g, amendPostgres, args...).Scan(
				&after.RHR, &after.HRV, &after.SleepHours, &after.SleepQuality, &after.Fatigue, &after.Soreness, &after.Stress, &after.Mood,
				&oldRHR, &old.HRV, &old.SleepHours, &old.SleepQuality, &old.Fatigue, &old.Soreness, &old.Stress, &old.Mood, &oldAt)
		}
		err := s.db.queryRow(ctx, g, amendOld, key...).Scan(
			&oldRHR, &old.HRV, &old.SleepHours, &old.SleepQuality, &old.Fatigue, &old.Soreness, &old.Stress, &old.Mood, &oldAt)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return s.db.queryRow(ctx, g, amendUpsert, args...).Scan(
			&after.RHR, &after.HRV, &after.SleepHours, &after.SleepQuality, &after.Fatigue, &after.Soreness, &after.Stress, &after.Mood)
	})
	if err != nil {
		err = translate(s.db, err)
		s.db.observe("raw", err)
		return nil, domain.CheckIn{}, mapError(err, "save check-in")
	}
	// updated_at is NOT NULL: it is valid exactly when there was a row.
	if oldAt.Valid {
		old.MemberID, old.Date, old.RHR, old.UpdatedAt = c.MemberID, c.Date, oldRHR, oldAt.Time
		before = &old
	}
	return before, after, nil
}

// translate turns a driver error that bypassed gorm (raw SQL on its
// connection) into gorm's error kinds, as TranslateError does for the rest.
func translate(db *DB, err error) error {
	if t, ok := db.gorm.Dialector.(gorm.ErrorTranslator); ok {
		return t.Translate(err)
	}
	return err
}
