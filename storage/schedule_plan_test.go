package storage

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/runclub/runclub/domain"
)

// sqlCapture keeps the last statement gorm ran, with its arguments inlined.
type sqlCapture struct {
	logger.Interface
	mu   sync.Mutex
	last string
}

func (c *sqlCapture) LogMode(logger.LogLevel) logger.Interface { return c }

func (c *sqlCapture) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	c.mu.Lock()
	c.last = sql
	c.mu.Unlock()
}

// TestDueQueriesUseTheirIndexes asks SQLite for the plan of each due query
// as the repository runs it: a full scan of members or clubs in every tick
// would not keep up with thousands of members.
func TestDueQueriesUseTheirIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite", filepath.Join(t.TempDir(), "plan.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	capture := &sqlCapture{Interface: logger.Discard}
	plain := db.gorm
	db.gorm = db.gorm.Session(&gorm.Session{Logger: capture})
	date := domain.Date{Year: 2026, Month: 1, Day: 14}
	due := NewScheduleStore(db)

	tests := []struct {
		name  string
		run   func() error
		index []string
	}{
		{"morning", func() error { _, err := due.MorningDue(ctx, "Europe/London", date, 0, 390); return err },
			[]string{"idx_members_tz_wake", "idx_deliveries_key", "idx_away_member"}},
		{"wind-down", func() error { _, err := due.WindDownDue(ctx, "Europe/London", date, 1290, 60); return err },
			[]string{"idx_members_tz_bed", "idx_deliveries_key", "idx_away_member"}},
		{"wind-down across midnight", func() error { _, err := due.WindDownDue(ctx, "Europe/London", date, 1400, 60); return err },
			[]string{"idx_members_tz_bed"}},
		{"clubs", func() error { _, err := due.ClubsDue(ctx, "Europe/London", date, 1080); return err },
			[]string{"idx_clubs_tz_weekly", "idx_deliveries_key"}},
		{"lone members", func() error { _, err := due.LoneMembersWeeklyDue(ctx, "Europe/London", date); return err },
			[]string{"idx_members_tz", "idx_club_members_member", "idx_deliveries_key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); err != nil {
				t.Fatal(err)
			}
			capture.mu.Lock()
			sql := capture.last
			capture.mu.Unlock()
			var rows []struct {
				Detail string `gorm:"column:detail"`
			}
			if err := plain.Raw("EXPLAIN QUERY PLAN " + sql).Scan(&rows).Error; err != nil {
				t.Fatalf("explain %s: %v", sql, err)
			}
			var plan []string
			for _, r := range rows {
				plan = append(plan, r.Detail)
			}
			all := strings.Join(plan, "\n")
			for _, idx := range tt.index {
				if !strings.Contains(all, idx) {
					t.Errorf("plan does not use %s:\n%s", idx, all)
				}
			}
			if strings.Contains(all, "SCAN m\n") || strings.HasSuffix(all, "SCAN m") || strings.Contains(all, "SCAN c\n") {
				t.Errorf("plan scans a whole table:\n%s", all)
			}
		})
	}
}
