package handlers_test

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

var (
	_ scheduler.Reports        = (*handlers.ScheduledReports)(nil)
	_ scheduler.WeeklyPreparer = (*handlers.ScheduledReports)(nil)
)

// countingCheckIns counts the per-member reads of check-ins.
type countingCheckIns struct {
	*storage.CheckInStore
	reads atomic.Int32
}

func (c *countingCheckIns) CheckIns(ctx context.Context, id int64, from, to domain.Date) ([]domain.CheckIn, error) {
	c.reads.Add(1)
	return c.CheckInStore.CheckIns(ctx, id, from, to)
}

// weeklyClub stores a club whose weekly slot is Friday 18:00 UTC (the env's
// today) and members that cover every branch of the weekly texts: kilometres
// and miles, sharing and not, flags of each kind, no history at all, and two
// members of the same name.
func weeklyClub(t *testing.T, e *env) (domain.Club, []domain.Member) {
	t.Helper()
	ctx := context.Background()
	c := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-200", Title: "Harbour Harriers", WeeklyDay: time.Friday, WeeklyMinute: 18 * 60, TZ: "UTC"}
	if err := e.db.CreateClub(ctx, &c); err != nil {
		t.Fatal(err)
	}
	type spec struct {
		name, units string
		share       bool
		role        string
		seed        func(id int64)
	}
	specs := []spec{
		{"Coach Kim", domain.UnitsKM, false, domain.RoleCoach, nil},
		{"Ann", domain.UnitsKM, true, domain.RoleMember, func(id int64) { seedOverload(t, e, id) }},
		{"Ann", domain.UnitsMI, true, domain.RoleMember, func(id int64) {
			seedRuns(t, e, id, 30, 7, 8000, 50, 5)
			seedRuns(t, e, id, 6, 0, 12000, 75, 6)
			seedMornings(t, e, id, 14, domain.CheckIn{SleepHours: domain.Ptr(5.5), HRV: domain.Ptr(20.0 / 3 * 10), RHR: domain.Ptr(58)})
		}},
		{"Bo", domain.UnitsMI, false, domain.RoleMember, func(id int64) { seedOverload(t, e, id) }},
		{"Cy", domain.UnitsKM, true, domain.RoleMember, func(id int64) {
			seedMornings(t, e, id, 7, domain.CheckIn{Stress: domain.Ptr(9), Mood: domain.Ptr(2), Fatigue: domain.Ptr(8)})
			seedMornings(t, e, id, 3, domain.CheckIn{SleepHours: domain.Ptr(6.25)})
		}},
		{"Di", domain.UnitsKM, true, domain.RoleMember, nil},
		{"Eve", "", true, domain.RoleCoach, func(id int64) { seedRuns(t, e, id, 50, 3, 12000, 70, 5) }},
	}
	var members []domain.Member
	for i, s := range specs {
		m := domain.NewMember(s.name, "UTC")
		m.Units, m.ShareWithCoach = s.units, s.share
		uid := fmt.Sprint("w", i)
		if err := e.db.CreateMember(ctx, &m, domain.Identity{Platform: domain.PlatformTelegram, UserID: uid, ChatID: uid}); err != nil {
			t.Fatal(err)
		}
		if err := e.db.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: s.role}); err != nil {
			t.Fatal(err)
		}
		if s.seed != nil {
			s.seed(m.ID)
		}
		members = append(members, m)
	}
	return c, members
}

func TestPreparedWeeklyTextsAreThoseOfWeekAndSummary(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	end := domain.DateOf(e.now)
	counter := &countingCheckIns{CheckInStore: e.db.CheckInStore}
	e.svc.CheckIns = counter
	r := &handlers.ScheduledReports{Service: e.svc}

	if err := r.PrepareWeekly(ctx, c, members, end); err != nil {
		t.Fatal(err)
	}
	got := map[int64]bot.Reply{}
	for _, m := range members {
		rep, err := r.MemberWeekly(ctx, m, end)
		if err != nil {
			t.Fatal(err)
		}
		got[m.ID] = rep
	}
	club, err := r.ClubWeekly(ctx, c, end)
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.reads.Load(); n != 0 {
		t.Errorf("prepared summaries read check-ins member by member %d times, want 0", n)
	}

	for _, m := range members {
		want, err := e.svc.WeekReply(ctx, m, end)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[m.ID], want) {
			t.Errorf("%s (%s, share %v): prepared text differs from /week:\n%s\n---\n%s", m.Name, m.Units, m.ShareWithCoach, got[m.ID].Text, want.Text)
		}
	}
	want, err := e.svc.GroupWeekReply(ctx, c, end, domain.UnitsKM)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(club, want) {
		t.Errorf("prepared group summary differs from /summary:\n%+v\n---\n%+v", club, want)
	}
	// The club has something in every part of the texts, so that equality
	// above says something.
	wantContains(t, club.Text, "7 members: 5 share with coaches, 2 do not", "flagged, worst first", "Ann: ", "• Under-recovery", "• Burnout", "• Overload")
	for _, leak := range []string{"Bo", "Coach Kim"} {
		if strings.Contains(club.Text, leak) {
			t.Errorf("group summary names %q, who does not share", leak)
		}
	}
}

func TestPreparedTextsAreUsedOnceAndNotWhenStale(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	ann := members[1]
	end := domain.DateOf(e.now)
	counter := &countingCheckIns{CheckInStore: e.db.CheckInStore}
	e.svc.CheckIns = counter
	r := &handlers.ScheduledReports{Service: e.svc}
	if err := r.PrepareWeekly(ctx, c, members, end); err != nil {
		t.Fatal(err)
	}
	first, _ := r.MemberWeekly(ctx, ann, end)
	again, err := r.MemberWeekly(ctx, ann, end)
	if err != nil || counter.reads.Load() != 1 || !reflect.DeepEqual(again, first) {
		t.Errorf("second ask: %d per-member reads, same text %v, %v; want it computed anew (1 read) and equal", counter.reads.Load(), reflect.DeepEqual(again, first), err)
	}

	// Another week is not answered from this one.
	counter.reads.Store(0)
	if _, err := r.MemberWeekly(ctx, members[2], end.AddDays(7)); err != nil || counter.reads.Load() != 1 {
		t.Errorf("a different week: %d per-member reads (%v), want 1", counter.reads.Load(), err)
	}

	// Half an hour on, with a run logged since, the prepared text is stale.
	if err := e.db.CreateRun(ctx, &domain.Run{MemberID: members[5].ID, Date: end, Metres: 21097, Duration: 2 * time.Hour, RPE: 7}); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.Add(31 * time.Minute)
	counter.reads.Store(0)
	di, err := r.MemberWeekly(ctx, members[5], end)
	if err != nil || counter.reads.Load() != 1 {
		t.Fatalf("stale text: %d per-member reads (%v), want 1", counter.reads.Load(), err)
	}
	wantContains(t, di.Text, "21.1 km (13.1 mi) in 1 run")
	if _, err := r.ClubWeekly(ctx, c, end); err != nil {
		t.Fatal(err)
	}
	if counter.reads.Load() < 2 {
		t.Error("a stale club summary was used")
	}
}

func TestWithoutBulkReadsPrepareWeeklyLeavesTheSlowPath(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	end := domain.DateOf(e.now)
	e.svc.History = nil
	r := &handlers.ScheduledReports{Service: e.svc}
	if err := r.PrepareWeekly(ctx, c, members, end); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		got, err := r.MemberWeekly(ctx, m, end)
		want, _ := e.svc.WeekReply(ctx, m, end)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v\n%s\n---\n%s", m.Name, err, got.Text, want.Text)
		}
	}
}

// recordingSender keeps what the scheduler sent.
type recordingSender struct {
	mu  sync.Mutex
	got map[string][]string
}

func (s *recordingSender) Send(_ context.Context, msg bot.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got[msg.To.UserID] = append(s.got[msg.To.UserID], msg.Reply.Text)
	return nil
}

func TestWeeklyRunSendsTheCommandsTexts(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	e.now = time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC) // the club's slot
	end := domain.DateOf(e.now)
	counter := &countingCheckIns{CheckInStore: e.db.CheckInStore}
	e.svc.CheckIns = counter
	sender := &recordingSender{got: map[string][]string{}}
	s, err := scheduler.New(scheduler.Config{Now: func() time.Time { return e.now }, CheckIns: e.db, Runs: e.db, Conversations: e.db,
		Deliveries: storage.NewDeliveryStore(e.db.DB), Schedule: storage.NewScheduleStore(e.db.DB), Clubs: e.db, Reports: &handlers.ScheduledReports{Service: e.svc},
		Senders: map[string]bot.Sender{domain.PlatformTelegram: sender}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Tick(ctx, e.now)
	if err != nil || st.Sent != len(members)+2 {
		t.Fatalf("tick: %+v, %v; want %d summaries (one each and the club's to two coaches)", st, err, len(members)+2)
	}
	if n := counter.reads.Load(); n != 0 {
		t.Errorf("the weekly run read check-ins member by member %d times, want 0", n)
	}
	group, err := e.svc.GroupWeekReply(ctx, c, end, domain.UnitsKM)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range members {
		mine, err := e.svc.WeekReply(ctx, m, end)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{mine.Text}
		if i == 0 || i == 6 { // coaches
			want = []string{mine.Text, group.Text}
		}
		got := sender.got[fmt.Sprint("w", i)]
		if len(got) != len(want) || !sameSet(got, want) {
			t.Errorf("%s got %d messages, want /week's text and, for coaches, /summary's:\n%q", m.Name, len(got), got)
		}
	}
}

func sameSet(a, b []string) bool {
	n := map[string]int{}
	for _, s := range a {
		n[s]++
	}
	for _, s := range b {
		n[s]--
	}
	for _, v := range n {
		if v != 0 {
			return false
		}
	}
	return true
}
