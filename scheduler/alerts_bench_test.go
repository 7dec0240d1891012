package scheduler

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

// BenchmarkAlertHour measures one hour's coach alerts: 100 clubs of 100
// members with 60 days of history, on real SQLite, every club's coaches in
// one zone, so that one tick evaluates them all (the alert job's worst
// case), against the weekly run of the same clubs in the same run
// (weekly_run), which reads the same history.
func BenchmarkAlertHour(b *testing.B) {
	db := openBenchDB(b)
	const clubs, perClub = 100, 100
	last := domain.Date{Year: 2026, Month: 6, Day: 2}
	seedMembers(b, db, clubs*perClub, func(int) (string, int, int, int) { return "Europe/London", 6*60 + 30, 22*60 + 30, 0 })
	seedClubs(b, db, clubs, perClub, func(int) string { return "Europe/London" })
	seedHistory(b, db, clubs*perClub, last, 60)
	ctx := context.Background()
	for _, variant := range []struct {
		name string
		now  time.Time
	}{
		{"weekly_run", utc("2026-05-31 17:00")}, // Sunday 18:00 BST: the weekly slot
		{"alert_hour", utc("2026-06-02 12:00")}, // Tuesday 13:00 BST: only the alerts are due
	} {
		b.Run(variant.name, func(b *testing.B) {
			now := variant.now
			svc := handlers.New(handlers.Repos{Members: db.Members, CheckIns: db.CheckIns, Runs: db.Runs, Clubs: db.Clubs,
				Conversations: db.Conversations, History: db.History, Memberships: db.Clubs, Away: db.Away, Links: db.Links},
				handlers.Defaults{TZ: "UTC"}, func() time.Time { return now }, nil)
			content := handlers.Scheduled{Service: svc}
			var sent float64
			for b.Loop() {
				b.StopTimer()
				if _, err := db.Deliveries.Prune(ctx, last.AddDays(1)); err != nil {
					b.Fatal(err)
				}
				s, err := New(Config{Now: func() time.Time { return now }, Deliveries: db.Deliveries, Schedule: db.Schedule, Clubs: db.Clubs,
					Content: content, Senders: map[string]bot.Sender{domain.PlatformTelegram: &countingSender{}},
					Alerts: db.Alerts, AlertContent: content}, slog.New(slog.NewTextHandler(io.Discard, nil)))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				st, err := s.Tick(ctx, now)
				if err != nil {
					b.Fatal(err)
				}
				sent = float64(st.Sent)
			}
			b.ReportMetric(sent, "messages")
		})
	}
}
