package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
)

// Dataset is data to store as it stands, ids included: a demo club to seed,
// a benchmark's history, or what another database holds.
type Dataset struct {
	// Members and Clubs must carry their ids: identities, club members,
	// check-ins and runs refer to them.
	Members     []domain.Member
	Identities  []domain.Identity
	Clubs       []domain.Club
	ClubMembers []domain.ClubMember
	CheckIns    []domain.CheckIn
	// Runs keep their ids; a run with ID 0 gets a new one.
	Runs []domain.Run
	// Away are times away; they get new ids.
	Away []domain.Away
}

// ImportStore writes many rows at once, for seeding and copying databases;
// the bot itself writes through the other stores.
type ImportStore struct{ db *DB }

// NewImportStore returns the bulk import over db.
func NewImportStore(db *DB) *ImportStore { return &ImportStore{db: db} }

// importRows is how many rows one INSERT carries: with a dozen columns a
// row it stays far below SQLite's and PostgreSQL's limits on parameters.
const importRows = 400

// Import inserts d in one transaction, with multi-row INSERTs: a year of a
// club's history takes seconds rather than the minutes one repository call
// a row would. Zero timestamps become now. Nothing is stored if any row is
// refused (a duplicate key, a member that does not exist).
func (s *ImportStore) Import(ctx context.Context, d Dataset) error {
	now := s.db.now()
	at := func(t time.Time) time.Time {
		if t.IsZero() {
			return now
		}
		return t.UTC()
	}
	tables := []struct {
		name string
		cols []string
		rows [][]any
	}{
		{"members", []string{"id", "name", "tz", "wake_minute", "bed_minute", "wind_down_minutes", "units", "weight_kg",
			"prompts_on", "share_with_coach", "unreachable", "created_at"}, nil},
		{"identities", []string{"platform", "user_id", "chat_id", "member_id"}, nil},
		{"clubs", []string{"id", "platform", "chat_id", "title", "weekly_day", "weekly_minute", "tz"}, nil},
		{"club_members", []string{"club_id", "member_id", "role"}, nil},
		{"check_ins", []string{"member_id", "date", "rhr", "hrv", "sleep_hours", "sleep_quality", "fatigue", "soreness",
			"stress", "mood", "updated_at"}, nil},
		{"runs", []string{"id", "member_id", "date", "metres", "seconds", "rpe", "type", "created_at"}, nil},
		{"runs", []string{"member_id", "date", "metres", "seconds", "rpe", "type", "created_at"}, nil},
		{"away", []string{"member_id", "from_date", "until_date", "reason", "welcomed", "created_at"}, nil},
	}
	for _, m := range d.Members {
		if m.ID == 0 {
			return fmt.Errorf("import: member %q has no id", m.Name)
		}
		tables[0].rows = append(tables[0].rows, []any{m.ID, m.Name, m.TZ, m.WakeMinute, m.BedMinute, m.WindDownMinutes,
			m.Units, m.WeightKG, m.PromptsOn, m.ShareWithCoach, m.Unreachable, at(m.CreatedAt)})
	}
	for _, id := range d.Identities {
		tables[1].rows = append(tables[1].rows, []any{id.Platform, id.UserID, id.ChatID, id.MemberID})
	}
	for _, c := range d.Clubs {
		if c.ID == 0 {
			return fmt.Errorf("import: club %q has no id", c.Title)
		}
		tables[2].rows = append(tables[2].rows, []any{c.ID, c.Platform, c.ChatID, c.Title, int(c.WeeklyDay), c.WeeklyMinute, c.TZ})
	}
	for _, cm := range d.ClubMembers {
		tables[3].rows = append(tables[3].rows, []any{cm.ClubID, cm.MemberID, cm.Role})
	}
	for _, c := range d.CheckIns {
		r := checkInToRow(c)
		tables[4].rows = append(tables[4].rows, []any{r.MemberID, r.Date, r.RHR, r.HRV, r.SleepHours, r.SleepQuality,
			r.Fatigue, r.Soreness, r.Stress, r.Mood, at(c.UpdatedAt)})
	}
	for _, r := range d.Runs {
		row := []any{r.MemberID, r.Date.String(), r.Metres, int64(r.Duration / time.Second), r.RPE, r.Type, at(r.CreatedAt)}
		if r.ID != 0 {
			tables[5].rows = append(tables[5].rows, append([]any{r.ID}, row...))
		} else {
			tables[6].rows = append(tables[6].rows, row)
		}
	}
	for _, a := range d.Away {
		tables[7].rows = append(tables[7].rows, []any{a.MemberID, a.From.String(), a.Until.String(), string(a.Reason), a.Welcomed, at(a.CreatedAt)})
	}
	err := s.db.write(ctx, func(tx *gorm.DB) error {
		for _, t := range tables {
			if err := insertRows(tx, t.name, t.cols, t.rows); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		if err := numberRuns(tx); err != nil {
			return fmt.Errorf("runs: number them: %w", err)
		}
		if tx.Dialector.Name() == "postgres" {
			// Explicit ids leave PostgreSQL's identity sequences behind;
			// the next row the bot creates must not take an imported id.
			for _, table := range []string{"members", "clubs", "runs"} {
				if err := tx.Exec(`SELECT setval(pg_get_serial_sequence('` + table + `', 'id'),
					(SELECT COALESCE(MAX(id), 0) + 1 FROM ` + table + `), false)`).Error; err != nil {
					return fmt.Errorf("%s: reset the id sequence: %w", table, err)
				}
			}
		}
		return nil
	})
	return mapError(err, "import")
}

// insertRows inserts rows into table, importRows to a statement.
func insertRows(tx *gorm.DB, table string, cols []string, rows [][]any) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for start := 0; start < len(rows); start += importRows {
		part := rows[start:min(start+importRows, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(part)*len(cols))
		for i, r := range part {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		if err := tx.Exec(q.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}
