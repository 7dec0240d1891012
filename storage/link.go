package storage

import (
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// LinkStore keeps the one-time codes that join two accounts of one person,
// counts wrong guesses, and merges the two members.
type LinkStore struct{ db *DB }

// NewLinkStore returns the account-linking store over db.
func NewLinkStore(db *DB) *LinkStore { return &LinkStore{db: db} }

var _ domain.LinkRepository = (*LinkStore)(nil)

// migrate0031 adds link codes, stored as the hex of their hash only (a
// database dump gives no usable code), one per member, and the wrong codes
// tried, by member or by an account that is no member yet.
func migrate0031(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE link_codes (
			member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
			code_hash TEXT NOT NULL UNIQUE,
			expires_at TIMESTAMP NOT NULL)`,
		`CREATE TABLE link_attempts (
			id `+idColumn(tx)+`,
			attempt_key TEXT NOT NULL,
			member_id INTEGER NOT NULL DEFAULT 0,
			at TIMESTAMP NOT NULL)`,
		`CREATE INDEX idx_link_attempts_key ON link_attempts (attempt_key, at)`,
	)
}

type linkCodeRow struct {
	MemberID  int64     `gorm:"column:member_id;primaryKey"`
	CodeHash  string    `gorm:"column:code_hash"`
	ExpiresAt time.Time `gorm:"column:expires_at"`
}

func (linkCodeRow) TableName() string { return "link_codes" }

type linkAttemptRow struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	AttemptKey string    `gorm:"column:attempt_key"`
	MemberID   int64     `gorm:"column:member_id"`
	At         time.Time `gorm:"column:at"`
}

func (linkAttemptRow) TableName() string { return "link_attempts" }

// SaveLinkCode stores the member's new code hash, replacing an older code.
func (s *LinkStore) SaveLinkCode(ctx context.Context, memberID int64, hash []byte, expires time.Time) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("member_id = ?", memberID).Delete(&linkCodeRow{}).Error; err != nil {
			return err
		}
		return tx.Create(&linkCodeRow{MemberID: memberID, CodeHash: hex.EncodeToString(hash), ExpiresAt: expires.UTC()}).Error
	})
	return mapError(err, fmt.Sprintf("save link code of member %d", memberID))
}

// TakeLinkCode finds the code's member and deletes the code, in one
// transaction, so that of two accounts typing it at once one gets it. An
// expired code is deleted too, and found by nobody.
func (s *LinkStore) TakeLinkCode(ctx context.Context, hash []byte, now time.Time) (int64, error) {
	var row linkCodeRow
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("code_hash = ?", hex.EncodeToString(hash)).Take(&row).Error; err != nil {
			return err
		}
		return tx.Where("member_id = ?", row.MemberID).Delete(&linkCodeRow{}).Error
	})
	if err == nil && !row.ExpiresAt.After(now.UTC()) {
		err = gorm.ErrRecordNotFound
	}
	if err != nil {
		return 0, mapError(err, "take link code")
	}
	return row.MemberID, nil
}

// DropExpired deletes every link code that expired by now.
func (s *LinkStore) DropExpired(ctx context.Context, now time.Time) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Where("expires_at <= ?", now.UTC()).Delete(&linkCodeRow{}).Error
	})
	return mapError(err, "drop expired link codes")
}

// DropLinkCode deletes the member's code.
func (s *LinkStore) DropLinkCode(ctx context.Context, memberID int64) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		return tx.Where("member_id = ?", memberID).Delete(&linkCodeRow{}).Error
	})
	return mapError(err, fmt.Sprintf("drop link code of member %d", memberID))
}

// WrongLinkCodes counts key's wrong codes since the time given.
func (s *LinkStore) WrongLinkCodes(ctx context.Context, key string, since time.Time) (int, error) {
	var n int64
	err := s.db.conn(ctx).Model(&linkAttemptRow{}).Where("attempt_key = ? AND at >= ?", key, since.UTC()).Count(&n).Error
	return int(n), mapError(err, "count wrong link codes")
}

// RecordWrongLinkCode records a wrong code and forgets those older than
// the window, so that the table holds only the last hour.
func (s *LinkStore) RecordWrongLinkCode(ctx context.Context, key string, memberID int64, at time.Time) error {
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("at < ?", at.Add(-domain.WrongLinkWindow).UTC()).Delete(&linkAttemptRow{}).Error; err != nil {
			return err
		}
		return tx.Create(&linkAttemptRow{AttemptKey: key, MemberID: memberID, At: at.UTC()}).Error
	})
	return mapError(err, "record a wrong link code")
}

// mergedTables are the member tables MergeMembers treats one by one; every
// other table of memberTables has its rows moved as they are.
var mergedTables = []string{"check_ins", "club_members", "conversations", "deliveries", "link_codes", "members",
	"runs", "run_counters", "step_skips"}

// MergeMembers moves member from into member into, in one transaction.
func (s *LinkStore) MergeMembers(ctx context.Context, into, from int64) error {
	if into == from {
		return mapError(domain.Errorf(domain.ECONFLICT, "a member cannot be merged into itself"), "merge members")
	}
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		g := s.db.conn(ctx)
		if err := mergeCheckIns(g, into, from); err != nil {
			return fmt.Errorf("check-ins: %w", err)
		}
		if err := mergeClubPlaces(g, into, from); err != nil {
			return fmt.Errorf("clubs: %w", err)
		}
		if err := mergeRuns(g, into, from); err != nil {
			return fmt.Errorf("runs: %w", err)
		}
		for _, st := range []struct {
			query string
			args  []any
		}{
			{`DELETE FROM conversations WHERE member_id = ?`, []any{from}},
			// Skip counts start again: the guided check-in asks HRV once more.
			{`DELETE FROM step_skips WHERE member_id = ?`, []any{from}},
			{`DELETE FROM link_codes WHERE member_id IN (?, ?)`, []any{into, from}},
			// A message either account had today is the person's: it is
			// not sent again to the other.
			{`DELETE FROM deliveries WHERE member_id = ? AND EXISTS (SELECT 1 FROM deliveries o WHERE o.member_id = ?
				AND o.kind = deliveries.kind AND o.club_id = deliveries.club_id AND o.local_date = deliveries.local_date
				AND o.subject_id = deliveries.subject_id)`, []any{from, into}},
			{`UPDATE deliveries SET member_id = ? WHERE member_id = ?`, []any{into, from}},
			{`DELETE FROM deliveries WHERE subject_id = ? AND EXISTS (SELECT 1 FROM deliveries o WHERE o.subject_id = ?
				AND o.kind = deliveries.kind AND o.member_id = deliveries.member_id AND o.club_id = deliveries.club_id
				AND o.local_date = deliveries.local_date)`, []any{from, into}},
			{`UPDATE deliveries SET subject_id = ? WHERE subject_id = ?`, []any{into, from}},
		} {
			if err := g.Exec(st.query, st.args...).Error; err != nil {
				return err
			}
		}
		for _, table := range memberTables {
			if slices.Contains(mergedTables, table) {
				continue
			}
			if err := g.Exec("UPDATE "+table+" SET member_id = ? WHERE member_id = ?", into, from).Error; err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		res := g.Exec("DELETE FROM members WHERE id = ?", from)
		if res.Error == nil && res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return res.Error
	})
	return mapError(err, fmt.Sprintf("merge member %d into %d", from, into))
}

// mergeRuns moves the second member's runs after the first's: their
// numbers (as /history shows them) go on from the first's last number, so
// no two runs of the person share one, and the first's counter moves on.
func mergeRuns(g *gorm.DB, into, from int64) error {
	var last struct{ Last int64 }
	if err := g.Raw(`SELECT COALESCE(MAX(n), 0) AS last FROM (
			SELECT MAX(seq) AS n FROM runs WHERE member_id = ?
			UNION ALL SELECT last AS n FROM run_counters WHERE member_id = ?) AS x`, into, into).Scan(&last).Error; err != nil {
		return err
	}
	for _, st := range []struct {
		query string
		args  []any
	}{
		{`UPDATE runs SET member_id = ?, seq = seq + ? WHERE member_id = ?`, []any{into, last.Last, from}},
		{`DELETE FROM run_counters WHERE member_id IN (?, ?)`, []any{into, from}},
		{`INSERT INTO run_counters (member_id, last) SELECT ?, COALESCE(MAX(seq), 0) FROM runs WHERE member_id = ?`, []any{into, into}},
	} {
		if err := g.Exec(st.query, st.args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// mergeCheckIns merges the check-ins of dates both members have (the later
// answer wins, field by field) and moves the rest.
func mergeCheckIns(g *gorm.DB, into, from int64) error {
	var theirs []checkInRow
	if err := g.Where("member_id = ?", from).Find(&theirs).Error; err != nil {
		return err
	}
	for _, r := range theirs {
		var mine checkInRow
		err := g.Where("member_id = ? AND date = ?", into, r.Date).Take(&mine).Error
		if err == gorm.ErrRecordNotFound {
			continue
		} else if err != nil {
			return err
		}
		a, err := mine.domain()
		if err != nil {
			return err
		}
		b, err := r.domain()
		if err != nil {
			return err
		}
		merged := checkInToRow(domain.MergeCheckIns(a, b))
		merged.MemberID = into
		if err := g.Model(&checkInRow{}).Where("member_id = ? AND date = ?", into, r.Date).
			Select("*").Omit("member_id", "date").Updates(&merged).Error; err != nil {
			return err
		}
		if err := g.Where("member_id = ? AND date = ?", from, r.Date).Delete(&checkInRow{}).Error; err != nil {
			return err
		}
	}
	return g.Exec("UPDATE check_ins SET member_id = ? WHERE member_id = ?", into, from).Error
}

// mergeClubPlaces gives into every club from was in; in a club both were
// in, the higher role (coach) wins and into keeps its alert switch.
func mergeClubPlaces(g *gorm.DB, into, from int64) error {
	var theirs []clubMemberRow
	if err := g.Where("member_id = ?", from).Find(&theirs).Error; err != nil {
		return err
	}
	for _, r := range theirs {
		var mine clubMemberRow
		err := g.Where("club_id = ? AND member_id = ?", r.ClubID, into).Take(&mine).Error
		switch {
		case err == gorm.ErrRecordNotFound:
			err = g.Exec("UPDATE club_members SET member_id = ? WHERE club_id = ? AND member_id = ?", into, r.ClubID, from).Error
		case err == nil:
			if r.Role == domain.RoleCoach && mine.Role != domain.RoleCoach {
				if err := g.Exec("UPDATE club_members SET role = ? WHERE club_id = ? AND member_id = ?", domain.RoleCoach, r.ClubID, into).Error; err != nil {
					return err
				}
			}
			err = g.Exec("DELETE FROM club_members WHERE club_id = ? AND member_id = ?", r.ClubID, from).Error
		}
		if err != nil {
			return err
		}
	}
	return nil
}
