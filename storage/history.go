package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
)

// HistoryOf reads the check-ins and runs of several members from..to
// inclusive, oldest first per member (runs of one day in the order they were
// logged), as the per-member CheckIns and Runs would, without the bookkeeping
// timestamps (UpdatedAt, CreatedAt). Members with nothing in the window are
// left out of the map. A weekly run uses it to compute a whole club's
// summaries from two queries rather than two per member.
//
// The database packs each member's rows into one text value (SQLite
// group_concat, PostgreSQL string_agg) that is parsed here. Stepping through a
// result row and its columns costs microseconds through the driver, so for
// a club's 60 days that is one row per member instead of about a hundred.
// Values are packed so that they parse back exactly: SQLite's quote() writes
// a REAL with as many digits as it needs to round-trip, PostgreSQL's float8
// text output is the shortest exact form, and NULL is written as NULL.
func (db *DB) HistoryOf(ctx context.Context, memberIDs []int64, from, to domain.Date) (map[int64]domain.History, error) {
	out := make(map[int64]domain.History, len(memberIDs))
	q := historyQueriesFor(db.read(ctx).Dialector.Name())
	for start := 0; start < len(memberIDs); start += inListChunk {
		ids := memberIDs[start:min(start+inListChunk, len(memberIDs))]
		args := []any{recordSep, ids, from.String(), to.String()}
		err := db.scanRows(ctx, q.checkIns, args, func(rows *sql.Rows) error {
			var id int64
			var packed string
			if err := rows.Scan(&id, &packed); err != nil {
				return err
			}
			cs, err := parseCheckIns(id, packed)
			if err != nil {
				return fmt.Errorf("check-ins of member %d: %w", id, err)
			}
			h := out[id]
			h.CheckIns = cs
			out[id] = h
			return nil
		})
		if err != nil {
			return nil, mapError(err, "read check-ins of members")
		}
		err = db.scanRows(ctx, q.runs, args, func(rows *sql.Rows) error {
			var id int64
			var packed string
			if err := rows.Scan(&id, &packed); err != nil {
				return err
			}
			rs, err := parseRuns(id, packed)
			if err != nil {
				return fmt.Errorf("runs of member %d: %w", id, err)
			}
			h := out[id]
			h.Runs = rs
			out[id] = h
			return nil
		})
		if err != nil {
			return nil, mapError(err, "read runs of members")
		}
	}
	return out, nil
}

// recordSep separates one packed row from the next: the ASCII record
// separator, which no stored value contains (dates and numbers never do, and
// run types come from domain.RunTypes). It is bound as a parameter, so the
// SQL needs no dialect's way of writing a control character.
const recordSep = "\x1e"

// historyQueries are the two packed reads of HistoryOf in one SQL dialect.
// Each returns one row per member: member_id and the member's rows packed as
// fields separated by commas and rows separated by recordSep. A check-in is
// date,rhr,hrv,sleep_hours,sleep_quality,fatigue,soreness,stress,mood; a run
// is id,date,metres,seconds,rpe,type (type last, so that it is taken whole).
// Row order inside a pack is not guaranteed; parsing sorts.
type historyQueries struct{ checkIns, runs string }

func historyQueriesFor(dialect string) historyQueries {
	// val writes a nullable column so that it parses back exactly.
	val, agg := func(col string) string { return "quote(" + col + ")" }, "group_concat"
	if dialect == "postgres" {
		val = func(col string) string { return "COALESCE(" + col + "::text, 'NULL')" }
		agg = "string_agg"
	}
	join := func(cols ...string) string { return strings.Join(cols, " || ',' || ") }
	return historyQueries{
		checkIns: `SELECT member_id, ` + agg + `(` + join("date", val("rhr"), val("hrv"), val("sleep_hours"),
			val("sleep_quality"), val("fatigue"), val("soreness"), val("stress"), val("mood")) + `, ?)
			FROM check_ins WHERE member_id IN ? AND date >= ? AND date <= ? GROUP BY member_id`,
		runs: `SELECT member_id, ` + agg + `(` + join(val("id"), "date", val("metres"), val("seconds"), val("rpe"), "type") + `, ?)
			FROM runs WHERE member_id IN ? AND date >= ? AND date <= ? GROUP BY member_id`,
	}
}

// fields splits one packed row into exactly len(out) comma-separated fields;
// the last takes the rest of the row.
func fields(row string, out []string) error {
	for i := range len(out) - 1 {
		j := strings.IndexByte(row, ',')
		if j < 0 {
			return fmt.Errorf("packed row %q has %d fields, want %d", row, i+1, len(out))
		}
		out[i], row = row[:j], row[j+1:]
	}
	out[len(out)-1] = row
	return nil
}

// packedInt parses an integer field into slab; NULL is nil.
func packedInt(s string, slab *[]int) (*int, error) {
	if s == "NULL" {
		return nil, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return nil, err
	}
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1], nil
}

// packedFloat parses a float field into slab; NULL is nil.
func packedFloat(s string, slab *[]float64) (*float64, error) {
	if s == "NULL" {
		return nil, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, err
	}
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1], nil
}

// parseCheckIns parses one member's packed check-ins, oldest first. The
// optional values point into two slabs allocated once per member (sized up
// front so that appending never moves them), rather than one allocation per
// value.
func parseCheckIns(memberID int64, packed string) ([]domain.CheckIn, error) {
	n := strings.Count(packed, recordSep) + 1
	out := make([]domain.CheckIn, 0, n)
	ints := make([]int, 0, 6*n)
	floats := make([]float64, 0, 2*n)
	var f [9]string
	for row := range strings.SplitSeq(packed, recordSep) {
		if err := fields(row, f[:]); err != nil {
			return nil, err
		}
		d, err := domain.ParseISODate(f[0])
		if err != nil {
			return nil, err
		}
		c := domain.CheckIn{MemberID: memberID, Date: d}
		var errs [8]error
		c.RHR, errs[0] = packedInt(f[1], &ints)
		c.HRV, errs[1] = packedFloat(f[2], &floats)
		c.SleepHours, errs[2] = packedFloat(f[3], &floats)
		c.SleepQuality, errs[3] = packedInt(f[4], &ints)
		c.Fatigue, errs[4] = packedInt(f[5], &ints)
		c.Soreness, errs[5] = packedInt(f[6], &ints)
		c.Stress, errs[6] = packedInt(f[7], &ints)
		c.Mood, errs[7] = packedInt(f[8], &ints)
		for _, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("check-in of %s: %w", f[0], err)
			}
		}
		out = append(out, c)
	}
	if !slices.IsSortedFunc(out, compareCheckIns) {
		slices.SortFunc(out, compareCheckIns)
	}
	return out, nil
}

func compareCheckIns(a, b domain.CheckIn) int { return a.Date.DayNumber() - b.Date.DayNumber() }

// parseRuns parses one member's packed runs, ordered by date and id like Runs.
func parseRuns(memberID int64, packed string) ([]domain.Run, error) {
	out := make([]domain.Run, 0, strings.Count(packed, recordSep)+1)
	var f [6]string
	for row := range strings.SplitSeq(packed, recordSep) {
		if err := fields(row, f[:]); err != nil {
			return nil, err
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("run id: %w", err)
		}
		d, err := domain.ParseISODate(f[1])
		if err != nil {
			return nil, fmt.Errorf("run %d: %w", id, err)
		}
		metres, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("run %d distance: %w", id, err)
		}
		seconds, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("run %d duration: %w", id, err)
		}
		rpe, err := strconv.Atoi(f[4])
		if err != nil {
			return nil, fmt.Errorf("run %d RPE: %w", id, err)
		}
		out = append(out, domain.Run{ID: id, MemberID: memberID, Date: d, Metres: metres,
			Duration: time.Duration(seconds) * time.Second, RPE: rpe, Type: f[5]})
	}
	if !slices.IsSortedFunc(out, compareRuns) {
		slices.SortFunc(out, compareRuns)
	}
	return out, nil
}

func compareRuns(a, b domain.Run) int {
	return cmp.Or(a.Date.DayNumber()-b.Date.DayNumber(), cmp.Compare(a.ID, b.ID))
}
