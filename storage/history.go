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

// HistoryStore reads the history of many members at once.
type HistoryStore struct{ db *DB }

// NewHistoryStore returns the bulk history reads over db.
func NewHistoryStore(db *DB) *HistoryStore { return &HistoryStore{db: db} }

var _ domain.HistoryRepository = (*HistoryStore)(nil)

// HistoryOf reads the check-ins and runs of several members from..to
// inclusive, oldest first per member (runs of one day in the order they were
// logged), as the per-member CheckIns and Runs would, without the bookkeeping
// timestamps (UpdatedAt, CreatedAt) and run numbers. Members with nothing in the window are
// left out of the map. A weekly run uses it to compute a whole club's
// summaries from two queries rather than two per member.
//
// The database packs each column of a member's rows into one text value
// (SQLite group_concat, PostgreSQL string_agg) that is parsed here: stepping
// through a result row and its columns costs microseconds through the
// driver, so a club's 60 days come as one row per member instead of about a
// hundred. One aggregate per column rather than one of concatenated rows,
// because every || makes SQLite copy a string. Values parse back exactly:
// see packedFloat for the REAL columns.
func (s *HistoryStore) HistoryOf(ctx context.Context, memberIDs []int64, from, to domain.Date) (map[int64]domain.History, error) {
	out := make(map[int64]domain.History, len(memberIDs))
	g := s.db.conn(ctx)
	q := historyQueriesFor(g.Dialector.Name())
	for start := 0; start < len(memberIDs); start += inListChunk {
		ids := memberIDs[start:min(start+inListChunk, len(memberIDs))]
		window := []any{ids, from.String(), to.String()}
		err := scanRows(g, q.checkIns, window, func(rows *sql.Rows) error {
			var id int64
			var cols [9]string
			if err := rows.Scan(&id, &cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5], &cols[6], &cols[7], &cols[8]); err != nil {
				return err
			}
			cs, err := parseCheckIns(id, cols)
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
		err = scanRows(g, q.runs, append([]any{recordSep}, window...), func(rows *sql.Rows) error {
			var id int64
			var cols [6]string
			if err := rows.Scan(&id, &cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5]); err != nil {
				return err
			}
			rs, err := parseRuns(id, cols)
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

// recordSep separates the values of the one text column, run type, which
// might hold a comma: the ASCII record separator, which no run type
// (domain.RunTypes) contains. It is bound as a parameter, so the SQL needs no
// dialect's way of writing a control character.
const recordSep = "\x1e"

// historyQueries are the two packed reads of HistoryOf in one SQL dialect.
// Each returns one row per member: member_id, then one column per stored
// column, its values in row order separated by commas (a NULL is empty). A
// check-in is date, rhr, hrv, sleep_hours, sleep_quality, fatigue, soreness,
// stress, mood; a run is id, date, metres, seconds, rpe, type. The
// aggregates of one query see the rows in the same order, so the n-th value
// of every column is of the same row; which order that is, is not promised,
// and parsing sorts.
type historyQueries struct{ checkIns, runs string }

func historyQueriesFor(dialect string) historyQueries {
	pg := dialect == "postgres"
	// pack aggregates one column, its values separated by sep (SQL: a
	// literal or a parameter). No ORDER BY inside the aggregate: both
	// databases feed every aggregate of a group the same rows one at a time,
	// so the n-th values of all columns are of one row already, and on
	// PostgreSQL an ORDER BY sorts each column again on its own (three times
	// the time of the whole query, for a club of 100 over 60 days).
	pack := func(expr, sep string) string {
		if pg {
			return "string_agg(" + expr + ", " + sep + ")"
		}
		return "group_concat(" + expr + ", " + sep + ")"
	}
	// text writes a NOT NULL column, int a nullable integer (NULL is
	// empty) and real a nullable REAL so that it parses back exactly (see
	// packedFloat).
	text := func(col string) string { return col }
	integer := func(col string) string { return "ifnull(" + col + ", '')" }
	real := func(col string) string {
		return "CASE WHEN " + col + " IS NULL THEN '' WHEN abs(" + col + ") < 1e13 AND round(" + col + " * 100) / 100 = " + col +
			" THEN CAST(round(" + col + " * 100) AS INTEGER) ELSE '=' || quote(" + col + ") END"
	}
	if pg {
		text = func(col string) string { return col + "::text" }
		integer = func(col string) string { return "COALESCE(" + col + "::text, '')" }
		real = func(col string) string {
			return "CASE WHEN " + col + " IS NULL THEN '' WHEN abs(" + col + ") < 1e13 AND round(" + col + " * 100) / 100 = " + col +
				" THEN round(" + col + " * 100)::bigint::text ELSE '=' || " + col + "::text END"
		}
	}
	// packAll packs each column, its values separated by commas.
	packAll := func(exprs ...string) string {
		for i, e := range exprs {
			exprs[i] = pack(e, "','")
		}
		return strings.Join(exprs, ", ")
	}
	return historyQueries{
		checkIns: `SELECT member_id, ` + packAll(text("date"), integer("rhr"), real("hrv"), real("sleep_hours"),
			integer("sleep_quality"), integer("fatigue"), integer("soreness"), integer("stress"), integer("mood")) + `
			FROM check_ins WHERE member_id IN ? AND date >= ? AND date <= ? GROUP BY member_id`,
		runs: `SELECT member_id, ` + packAll(text("id"), text("date"), real("metres"), text("seconds"), text("rpe")) +
			`, ` + pack(text("type"), "?") + `
			FROM runs WHERE member_id IN ? AND date >= ? AND date <= ? GROUP BY member_id`,
	}
}

// column walks one packed column value by value.
type column struct {
	rest string
	sep  byte
	done bool
}

func newColumn(s string, sep byte) *column { return &column{rest: s, sep: sep} }

// next returns the next value; ok is false when the column has no more.
func (c *column) next() (string, bool) {
	if c.done {
		return "", false
	}
	i := strings.IndexByte(c.rest, c.sep)
	if i < 0 {
		c.done = true
		return c.rest, true
	}
	v := c.rest[:i]
	c.rest = c.rest[i+1:]
	return v, true
}

// packedInt parses an integer value into slab; empty (NULL) is nil.
func packedInt(s string, slab *[]int) (*int, error) {
	if s == "" {
		return nil, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return nil, err
	}
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1], nil
}

// packedFloat parses a REAL value; empty (NULL) is nil. Formatting a double
// is the dearest thing SQLite does in these queries, so a value that is an
// exact number of hundredths (k/100 == v in IEEE arithmetic, as most entries
// are: 7.5 h, 52 ms, 10000 m) comes as the integer k, and Go computes the
// same k/100. Any other value comes after '=' in a form that round-trips:
// SQLite's quote() adds digits until it does, and PostgreSQL's float8 text
// is the shortest exact form.
func packedFloat(s string) (float64, bool, error) {
	switch {
	case s == "":
		return 0, false, nil
	case s[0] == '=':
		v, err := strconv.ParseFloat(s[1:], 64)
		return v, true, err
	}
	k, err := strconv.ParseInt(s, 10, 64)
	return float64(k) / 100, true, err
}

func packedFloatPtr(s string, slab *[]float64) (*float64, error) {
	v, ok, err := packedFloat(s)
	if !ok || err != nil {
		return nil, err
	}
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1], nil
}

// parseCheckIns parses one member's packed check-ins, oldest first. The
// optional values point into two slabs allocated once per member (sized up
// front so that appending never moves them), rather than one allocation per
// value.
func parseCheckIns(memberID int64, packed [9]string) ([]domain.CheckIn, error) {
	n := strings.Count(packed[0], ",") + 1
	out := make([]domain.CheckIn, 0, n)
	ints := make([]int, 0, 6*n)
	floats := make([]float64, 0, 2*n)
	var cols [9]*column
	for i, s := range packed {
		cols[i] = newColumn(s, ',')
	}
	var f [9]string
	for {
		var ok bool
		for i, c := range cols {
			if f[i], ok = c.next(); !ok && i > 0 {
				return nil, fmt.Errorf("column %d of the check-ins ends before the dates do", i)
			} else if !ok {
				break
			}
		}
		if !ok {
			break
		}
		d, err := parseDate(f[0])
		if err != nil {
			return nil, err
		}
		c := domain.CheckIn{MemberID: memberID, Date: d}
		var errs [8]error
		c.RHR, errs[0] = packedInt(f[1], &ints)
		c.HRV, errs[1] = packedFloatPtr(f[2], &floats)
		c.SleepHours, errs[2] = packedFloatPtr(f[3], &floats)
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
	for i, c := range cols[1:] {
		if _, more := c.next(); more {
			return nil, fmt.Errorf("column %d of the check-ins has more values than dates", i+1)
		}
	}
	if !slices.IsSortedFunc(out, compareCheckIns) {
		slices.SortFunc(out, compareCheckIns)
	}
	return out, nil
}

func compareCheckIns(a, b domain.CheckIn) int { return a.Date.DayNumber() - b.Date.DayNumber() }

// parseRuns parses one member's packed runs, ordered by date and id like Runs.
func parseRuns(memberID int64, packed [6]string) ([]domain.Run, error) {
	out := make([]domain.Run, 0, strings.Count(packed[0], ",")+1)
	var cols [6]*column
	for i, s := range packed {
		cols[i] = newColumn(s, ',')
	}
	cols[5].sep = recordSep[0]
	var f [6]string
	for {
		var ok bool
		for i, c := range cols {
			if f[i], ok = c.next(); !ok && i > 0 {
				return nil, fmt.Errorf("column %d of the runs ends before the ids do", i)
			} else if !ok {
				break
			}
		}
		if !ok {
			break
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("run id: %w", err)
		}
		d, err := parseDate(f[1])
		if err != nil {
			return nil, fmt.Errorf("run %d: %w", id, err)
		}
		metres, _, err := packedFloat(f[2])
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
	for i, c := range cols[1:] {
		if _, more := c.next(); more {
			return nil, fmt.Errorf("column %d of the runs has more values than ids", i+1)
		}
	}
	if !slices.IsSortedFunc(out, compareRuns) {
		slices.SortFunc(out, compareRuns)
	}
	return out, nil
}

func compareRuns(a, b domain.Run) int {
	return cmp.Or(a.Date.DayNumber()-b.Date.DayNumber(), cmp.Compare(a.ID, b.ID))
}

// parseDate reads a stored YYYY-MM-DD date without time.Parse, which is a
// tenth of a weekly run's parsing; anything but a plain valid date goes to
// domain.ParseISODate, which accepts or refuses it as everywhere else.
func parseDate(s string) (domain.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return domain.ParseISODate(s)
	}
	num := func(p string) int {
		n := 0
		for i := range len(p) {
			c := p[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return domain.ParseISODate(s)
	}
	return domain.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
