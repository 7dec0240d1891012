package scheduler

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

// BenchmarkWeeklyPictures measures what the weekly run leaves for sending
// time: drawing the pictures of one club of 100 members (60 days each, real
// SQLite), 100 member trends and 2 coach grids, on GOMAXPROCS goroutines as
// the adapters' concurrent sends draw them. It reports pictures drawn per
// second, to read against the rate the platform lets them out: Telegram's
// 30 messages a second for the whole bot.
func BenchmarkWeeklyPictures(b *testing.B) {
	db := openBenchDB(b)
	const perClub = 100
	slot := domain.Date{Year: 2026, Month: 5, Day: 31}
	seedMembers(b, db, perClub, func(int) (string, int, int, int) { return "Europe/London", 6*60 + 30, 22*60 + 30, 0 })
	seedClubs(b, db, 1, perClub, func(int) string { return "Europe/London" })
	seedHistory(b, db, perClub, slot, 60)
	now := utc("2026-05-31 17:00")
	ctx := context.Background()
	svc := handlers.New(handlers.Repos{Members: db.Members, CheckIns: db.CheckIns, Runs: db.Runs, Clubs: db.Clubs,
		Conversations: db.Conversations, History: db.History, Memberships: db.Clubs, Away: db.Away, Links: db.Links}, handlers.Defaults{TZ: "UTC"}, func() time.Time { return now }, nil)
	c, err := db.Clubs.ClubByID(ctx, 1)
	if err != nil {
		b.Fatal(err)
	}
	roster, err := db.Clubs.Roster(ctx, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	members, coaches, err := handlers.Scheduled{Service: svc}.ClubWeekly(ctx, c, roster, slot)
	if err != nil {
		b.Fatal(err)
	}
	var replies []bot.Reply
	for _, m := range []map[int64]bot.Reply{members, coaches} {
		for _, r := range m {
			if r.Image == nil {
				b.Fatal("a weekly summary without its picture")
			}
			replies = append(replies, r)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	var bytes int
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		next := make(chan bot.Reply)
		var wg sync.WaitGroup
		var mu sync.Mutex
		bytes = 0
		for range workers {
			wg.Go(func() {
				for r := range next {
					got, err := r.Resolve(ctx)
					if err != nil || got.Image == nil {
						b.Errorf("draw: %v", err)
						continue
					}
					mu.Lock()
					bytes += len(got.Image.Data)
					mu.Unlock()
				}
			})
		}
		for _, r := range replies {
			next <- r
		}
		close(next)
		wg.Wait()
	}
	perPicture := time.Since(start).Seconds() / float64(b.N*len(replies))
	b.ReportMetric(float64(len(replies)), "pictures/op")
	b.ReportMetric(1/perPicture, "pictures/s")
	b.ReportMetric(float64(bytes)/float64(len(replies))/1024, "KB/picture")
}
