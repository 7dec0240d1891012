package scheduler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// benchZones are 40 zones spread around the clock, with DST and without,
// half-hour offsets and both ends of the date line.
var benchZones = []string{
	"Pacific/Pago_Pago", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
	"America/Phoenix", "America/Chicago", "America/Mexico_City", "America/New_York", "America/Toronto",
	"America/Bogota", "America/Halifax", "America/St_Johns", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	"Atlantic/Azores", "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
	"Europe/Paris", "Europe/Berlin", "Europe/Oslo", "Africa/Lagos", "Africa/Johannesburg",
	"Europe/Athens", "Africa/Nairobi", "Europe/Istanbul", "Asia/Dubai", "Asia/Karachi",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore",
	"Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland", "Pacific/Kiritimati",
}

// openBenchDB opens real SQLite storage for a benchmark.
func openBenchDB(b *testing.B) storage.Stores { return openBenchOn(b, "sqlite") }

// openBenchOn opens real storage on driver for a benchmark: a SQLite file,
// or a fresh schema on the PostgreSQL test server (storage/pgtest).
func openBenchOn(b *testing.B, driver string) storage.Stores {
	b.Helper()
	dsn := filepath.Join(b.TempDir(), "bench.db")
	if driver == "postgres" {
		dsn = pgtest.Schema(b)
	}
	db, err := storage.Open(context.Background(), driver, dsn, nil)
	if err != nil {
		b.Fatalf("open storage: %v", err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return storage.NewStores(db)
}

// seed imports d; seeding a million rows one repository call at a time
// would take minutes.
func seed(b *testing.B, st storage.Stores, d storage.Dataset) {
	b.Helper()
	if err := st.Import.Import(context.Background(), d); err != nil {
		b.Fatalf("seed: %v", err)
	}
}

// seedMembers stores n members with ids 1..n, each on Telegram; zone, wake
// and bed are given by f.
func seedMembers(b *testing.B, st storage.Stores, n int, f func(i int) (tz string, wake, bed, windDown int)) {
	b.Helper()
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var d storage.Dataset
	for i := 1; i <= n; i++ {
		tz, wake, bed, wd := f(i)
		d.Members = append(d.Members, domain.Member{ID: int64(i), Name: fmt.Sprint("Runner ", i), TZ: tz, WakeMinute: wake,
			BedMinute: bed, WindDownMinutes: wd, Units: "km", WeightKG: 65, PromptsOn: true, ShareWithCoach: i%3 != 0, CreatedAt: created})
		d.Identities = append(d.Identities, domain.Identity{Platform: domain.PlatformTelegram, UserID: fmt.Sprint(i), ChatID: fmt.Sprint(i), MemberID: int64(i)})
	}
	seed(b, st, d)
}

// seedClubs stores clubs with ids 1..n and puts perClub members in each
// (members 1..n*perClub in order); the first two of each are coaches.
func seedClubs(b *testing.B, st storage.Stores, n, perClub int, tz func(i int) string) {
	b.Helper()
	var d storage.Dataset
	for c := 1; c <= n; c++ {
		d.Clubs = append(d.Clubs, domain.Club{ID: int64(c), Platform: domain.PlatformTelegram, ChatID: fmt.Sprint("g", c),
			Title: fmt.Sprint("Club ", c), WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60, TZ: tz(c)})
		for k := range perClub {
			role := domain.RoleMember
			if k < 2 {
				role = domain.RoleCoach
			}
			d.ClubMembers = append(d.ClubMembers, domain.ClubMember{ClubID: int64(c), MemberID: int64((c-1)*perClub + k + 1), Role: role})
		}
	}
	seed(b, st, d)
}

// countingSender accepts everything at once, like a queue with room. It
// counts the messages that carry a picture, without drawing them: a real
// adapter draws each as its paced queue reaches it (BenchmarkWeeklyPictures).
type countingSender struct {
	n, pictures atomic.Int64
	hook        func()
}

func (s *countingSender) Send(_ context.Context, msg bot.Message) error {
	if msg.Reply.Image != nil {
		s.pictures.Add(1)
	}
	if s.n.Add(1)%1000 == 0 && s.hook != nil {
		s.hook()
	}
	return nil
}

func benchScheduler(b *testing.B, st storage.Stores, deliveries domain.DeliveryRepository, content Content, now time.Time, sender bot.Sender) *Scheduler {
	b.Helper()
	s, err := New(Config{Now: func() time.Time { return now }, Deliveries: deliveries, Schedule: st.Schedule, Clubs: st.Clubs,
		Content: content, Senders: map[string]bot.Sender{domain.PlatformTelegram: sender}},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkFindDue measures finding who is due in one tick (the indexed
// queries and the identity look-up, not the sending) with 10,000 members
// over 40 zones and 100 clubs, on real SQLite.
func BenchmarkFindDue(b *testing.B) {
	now := utc("2026-01-14 07:00")
	for _, scenario := range []string{"steady minute", "after downtime"} {
		b.Run(strings.ReplaceAll(scenario, " ", "_"), func(b *testing.B) {
			db := openBenchDB(b)
			seedMembers(b, db, 10_000, func(i int) (string, int, int, int) {
				wd := 0
				if i%10 == 0 {
					wd = 30
				}
				// Within a zone, wake times spread over 05:00–07:59 and
				// bedtimes over 21:30–23:29, a minute or two apart.
				k := i / len(benchZones)
				return benchZones[i%len(benchZones)], 5*60 + k%180, 21*60 + 30 + (k*7)%120, wd
			})
			seedClubs(b, db, 100, 0, func(c int) string { return benchZones[c%len(benchZones)] })
			s := benchScheduler(b, db, db.Deliveries, &fakeContent{}, now, &countingSender{})
			if scenario == "steady minute" {
				// The bot ran the minute before: everything due until then is claimed.
				if _, err := s.Tick(context.Background(), now.Add(-time.Minute)); err != nil {
					b.Fatal(err)
				}
			}
			ctx := context.Background()
			var due int
			b.ReportAllocs()
			for b.Loop() {
				p, err := s.due(ctx, now)
				if err != nil {
					b.Fatal(err)
				}
				due = len(p.jobs)
			}
			b.ReportMetric(float64(due), "due")
		})
	}
}

// BenchmarkWeeklyRun measures one tick at a weekly slot for 100 clubs × 100
// members with 60 days of history each, on real SQLite and on PostgreSQL
// (where it must stay under 3 s; README): finding the clubs,
// computing every member's and every club's summary with the real science
// (handlers.Scheduled, the texts of /week and /summary), claiming,
// enqueuing and recording them (10,000 member summaries and 200 coach
// summaries). The variants take the improvements away one at a time:
//
//   - before: each summary computed on its own (two queries per member, and
//     the club's again for the coaches' summary) and each delivery claimed
//     by its own INSERT, as before bulk history and batched claims;
//   - prepared_single_claims: clubs built in bulk, claims one by one;
//   - prepared: clubs built in bulk and claims in batches (what runs), each
//     summary with its picture, to be drawn when sent;
//   - prepared_text_only: the same without pictures (Service.TextOnly): the
//     run as it was before them, the baseline of the pictures' cost;
//   - trivial_reports: constant texts, batched claims: the scheduler's own share.
//
// On PostgreSQL only the last three run: the one-by-one variants make ten
// thousand round trips and say nothing new there.
func BenchmarkWeeklyRun(b *testing.B) {
	for _, driver := range []string{"sqlite", "postgres"} {
		b.Run(driver, func(b *testing.B) { benchWeeklyRun(b, driver) })
	}
}

func benchWeeklyRun(b *testing.B, driver string) {
	db := openBenchOn(b, driver)
	const clubs, perClub = 100, 100
	slot := domain.Date{Year: 2026, Month: 5, Day: 31}
	seedMembers(b, db, clubs*perClub, func(int) (string, int, int, int) { return "Europe/London", 6*60 + 30, 22*60 + 30, 0 })
	seedClubs(b, db, clubs, perClub, func(int) string { return "Europe/London" })
	seedHistory(b, db, clubs*perClub, slot, 60)

	now := utc("2026-05-31 17:00") // Sunday 18:00 BST
	ctx := context.Background()
	svc := handlers.New(handlers.Repos{Members: db.Members, CheckIns: db.CheckIns, Runs: db.Runs, Clubs: db.Clubs,
		Conversations: db.Conversations, History: db.History, Memberships: db.Clubs, Away: db.Away, Links: db.Links}, handlers.Defaults{TZ: "UTC"}, func() time.Time { return now }, nil)

	variants := []string{"before", "prepared_single_claims", "prepared", "prepared_text_only", "trivial_reports"}
	if driver == "postgres" {
		variants = variants[2:]
	}
	for _, variant := range variants {
		b.Run(variant, func(b *testing.B) {
			var peak atomic.Uint64
			sample := func() {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				for {
					p := peak.Load()
					if ms.HeapAlloc <= p || peak.CompareAndSwap(p, ms.HeapAlloc) {
						return
					}
				}
			}
			sender := &countingSender{hook: sample}
			svc.TextOnly = variant == "prepared_text_only"
			var growth, sent, pictures float64
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				if _, err := db.Deliveries.Prune(ctx, slot.AddDays(1)); err != nil {
					b.Fatal(err)
				}
				var content Content = handlers.Scheduled{Service: svc}
				var deliveries domain.DeliveryRepository = db.Deliveries
				switch variant {
				case "before":
					content = perMemberContent{Scheduled: handlers.Scheduled{Service: svc}, mu: new(sync.Mutex)}
					deliveries = oneByOneClaims{db.Deliveries}
				case "prepared_single_claims":
					deliveries = oneByOneClaims{db.Deliveries}
				case "trivial_reports":
					content = &fakeContent{}
				}
				s := benchScheduler(b, db, deliveries, content, now, sender)
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				peak.Store(before.HeapAlloc)
				sender.n.Store(0)
				sender.pictures.Store(0)
				stop := sampleEvery(5*time.Millisecond, sample)
				b.StartTimer()

				st, err := s.Tick(ctx, now)

				b.StopTimer()
				stop()
				sample()
				if err != nil {
					b.Fatal(err)
				}
				if want := clubs*perClub + clubs*2; st.Sent != want {
					b.Fatalf("sent %d summaries, want %d", st.Sent, want)
				}
				growth = max(growth, float64(peak.Load()-before.HeapAlloc)/(1<<20))
				sent, pictures = float64(st.Sent), float64(sender.pictures.Load())
				if variant == "prepared" && pictures != sent {
					b.Fatalf("%v of %v summaries carry a picture, want all (every member has 60 days)", pictures, sent)
				}
				b.StartTimer()
			}
			b.ReportMetric(growth, "heap-growth-MB")
			b.ReportMetric(sent, "summaries")
			b.ReportMetric(pictures, "pictures")
		})
	}
}

// sampleEvery calls f every d until the returned stop is called; the
// benchmark uses it to catch the heap's peak while summaries are prepared,
// before anything is sent.
func sampleEvery(d time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				f()
			}
		}
	}()
	return func() { close(done); <-finished }
}

// perMemberContent builds a club's weekly messages one summary at a time,
// each from its own queries, as /week and /summary do, and one club at a
// time: the path before history was read in bulk, when each summary was
// computed by the platform's one worker as it went.
type perMemberContent struct {
	handlers.Scheduled
	mu *sync.Mutex
}

func (c perMemberContent) ClubWeekly(ctx context.Context, cl domain.Club, roster []domain.RosterEntry, end domain.Date) (members, coaches map[int64]bot.Reply, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	members, coaches = map[int64]bot.Reply{}, map[int64]bot.Reply{}
	group, err := c.Service.GroupWeekReply(ctx, cl, end, domain.UnitsKM)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range roster {
		if e.Role == domain.RoleCoach {
			coaches[e.Member.ID] = group
		}
		if e.HomeClubID == cl.ID {
			if members[e.Member.ID], err = c.Service.WeekReply(ctx, e.Member, end); err != nil {
				return nil, nil, err
			}
		}
	}
	return members, coaches, nil
}

// oneByOneClaims claims each delivery in a statement of its own, as before
// claims were batched.
type oneByOneClaims struct{ domain.DeliveryRepository }

func (c oneByOneClaims) ClaimDeliveries(ctx context.Context, ds []domain.Delivery) (int, error) {
	n := 0
	for i := range ds {
		k, err := c.DeliveryRepository.ClaimDeliveries(ctx, ds[i:i+1])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// seedHistory gives members 1..n a check-in on most of the days before
// last, and a run on six days of seven; a thousand members at a time, to
// keep the seeding's own memory small.
func seedHistory(b *testing.B, st storage.Stores, n int, last domain.Date, days int) {
	b.Helper()
	at := last.Time(time.UTC)
	for first := 1; first <= n; first += 1000 {
		var d storage.Dataset
		for m := first; m <= min(n, first+999); m++ {
			id := int64(m)
			for k := range days {
				date := last.AddDays(-k)
				if (m+k)%10 != 0 {
					d.CheckIns = append(d.CheckIns, domain.CheckIn{MemberID: id, Date: date, RHR: domain.Ptr(45 + (m+k)%10),
						HRV: domain.Ptr(60.0 + float64((m*k)%20)), SleepHours: domain.Ptr(6.5 + float64((m+k)%4)*0.5),
						SleepQuality: domain.Ptr(3), Fatigue: domain.Ptr(3 + k%4), Soreness: domain.Ptr(2 + k%3),
						Stress: domain.Ptr(4), Mood: domain.Ptr(7), UpdatedAt: at})
				}
				if (m+k)%7 != 0 {
					km := 8 + (m+k)%12
					if k%7 == 3 {
						km = 30
					}
					d.Runs = append(d.Runs, domain.Run{MemberID: id, Date: date, Metres: float64(km * 1000),
						Duration: time.Duration(km*300) * time.Second, RPE: 3 + (m+k)%6, Type: "easy", CreatedAt: at})
				}
			}
		}
		seed(b, st, d)
	}
}
