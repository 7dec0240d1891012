package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/render"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

var _ scheduler.Content = handlers.Scheduled{}

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

func TestClubWeeklyTextsAreThoseOfWeekAndSummary(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	end := domain.DateOf(e.now)
	counter := &countingCheckIns{CheckInStore: e.db.CheckInStore}
	e.svc.CheckIns = counter

	got, coaches, err := handlers.Scheduled{Service: e.svc}.ClubWeekly(ctx, c, roster(t, e, c), end)
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.reads.Load(); n != 0 {
		t.Errorf("the club's summaries read check-ins member by member %d times, want 0", n)
	}

	for _, m := range members {
		want, err := e.svc.WeekReply(ctx, m, end)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(resolved(t, got[m.ID]), resolved(t, want)) {
			t.Errorf("%s (%s, share %v): the club's text differs from /week:\n%s\n---\n%s", m.Name, m.Units, m.ShareWithCoach, got[m.ID].Text, want.Text)
		}
	}
	want, err := e.svc.GroupWeekReply(ctx, c, end, domain.UnitsKM)
	if err != nil {
		t.Fatal(err)
	}
	if len(coaches) != 2 {
		t.Errorf("group summaries for %d coaches, want the club's 2", len(coaches))
	}
	for _, coach := range []domain.Member{members[0], members[6]} {
		if club := coaches[coach.ID]; !reflect.DeepEqual(resolved(t, club), resolved(t, want)) {
			t.Errorf("%s's group summary differs from /summary:\n%+v\n---\n%+v", coach.Name, club, want)
		}
	}
	club := coaches[members[0].ID]
	// The club has something in every part of the texts, so that equality
	// above says something.
	wantContains(t, club.Text, "7 members: 5 share with coaches, 2 do not", "flagged, worst first", "Ann: ", "• Under-recovery", "• Burnout", "• Overload")
	for _, leak := range []string{"Bo", "Coach Kim"} {
		if strings.Contains(club.Text, leak) {
			t.Errorf("group summary names %q, who does not share", leak)
		}
	}
}

func TestClubWeeklyGivesOwnSummariesOnlyToMembersOfItsHomeClub(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	ros := roster(t, e, c)
	// Ann (kilometres) has a home club elsewhere: her own summary comes
	// with that club's slot, but the group still counts her.
	for i := range ros {
		if ros[i].Member.ID == members[1].ID {
			ros[i].HomeClubID = c.ID - 1
		}
	}
	got, coaches, err := handlers.Scheduled{Service: e.svc}.ClubWeekly(ctx, c, ros, domain.DateOf(e.now))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[members[1].ID]; ok || len(got) != len(members)-1 {
		t.Errorf("own summaries for %d members (Ann's: %v), want every member but Ann", len(got), ok)
	}
	wantContains(t, coaches[members[0].ID].Text, "7 members: 5 share with coaches")
}

func TestClubWeeklyReadsWhatIsStoredWhenAsked(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	end := domain.DateOf(e.now)
	sc := handlers.Scheduled{Service: e.svc}
	first, firstCoaches, err := sc.ClubWeekly(ctx, c, roster(t, e, c), end)
	if err != nil {
		t.Fatal(err)
	}
	// Half an hour on, with a run logged since, the summaries are new.
	if err := e.db.CreateRun(ctx, &domain.Run{MemberID: members[5].ID, Date: end, Metres: 21097, Duration: 2 * time.Hour, RPE: 7}); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.Add(31 * time.Minute)
	again, coaches, err := sc.ClubWeekly(ctx, c, roster(t, e, c), end)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, again[members[5].ID].Text, "21.1 km (13.1 mi) in 1 run")
	if strings.Contains(first[members[5].ID].Text, "21.1 km") {
		t.Error("the first summary already had a run logged after it")
	}
	if coaches[members[0].ID].Text == firstCoaches[members[0].ID].Text {
		t.Error("the group summary does not count the run logged since")
	}
	// Another week is not this one.
	next, _, err := sc.ClubWeekly(ctx, c, roster(t, e, c), end.AddDays(7))
	if err != nil {
		t.Fatal(err)
	}
	if next[members[2].ID].Text == again[members[2].ID].Text {
		t.Error("the next week's summary is this week's")
	}
}

// roster reads club c's roster.
func roster(t *testing.T, e *env, c domain.Club) []domain.RosterEntry {
	t.Helper()
	r, err := e.db.Roster(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// recordingSender keeps what the scheduler sent, by user id.
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

func (s *recordingSender) to(userID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got[userID]...)
}

// tick runs one scheduler tick at e.now with the handlers' Scheduled as its
// Content, sending to Telegram, and returns what was sent.
func tick(t *testing.T, e *env) (*recordingSender, scheduler.TickStats) {
	t.Helper()
	sender := &recordingSender{got: map[string][]string{}}
	s, err := scheduler.New(scheduler.Config{Now: func() time.Time { return e.now },
		Deliveries: storage.NewDeliveryStore(e.db.DB), Schedule: storage.NewScheduleStore(e.db.DB), Clubs: e.db,
		Content: handlers.Scheduled{Service: e.svc}, Senders: map[string]bot.Sender{domain.PlatformTelegram: sender}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Tick(context.Background(), e.now)
	if err != nil {
		t.Fatalf("tick at %s: %v", e.now, err)
	}
	return sender, st
}

// telegramMember stores a member on Telegram (user id = name) with zone and times.
func telegramMember(t *testing.T, e *env, name, tz, wake, bed string) domain.Member {
	t.Helper()
	m := domain.NewMember(name, tz)
	m.WakeMinute, m.BedMinute = minuteOf(t, wake), minuteOf(t, bed)
	if err := e.db.CreateMember(context.Background(), &m, domain.Identity{Platform: domain.PlatformTelegram, UserID: name, ChatID: name}); err != nil {
		t.Fatal(err)
	}
	return m
}

func minuteOf(t *testing.T, hhmm string) int {
	t.Helper()
	v, err := time.Parse("15:04", hhmm)
	if err != nil {
		t.Fatal(err)
	}
	return v.Hour()*60 + v.Minute()
}

func TestWeeklyRunSendsTheCommandsTexts(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c, members := weeklyClub(t, e)
	e.now = time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC) // the club's slot
	end := domain.DateOf(e.now)
	counter := &countingCheckIns{CheckInStore: e.db.CheckInStore}
	e.svc.CheckIns = counter
	sender, st := tick(t, e)
	if st.Sent != len(members)+2 {
		t.Fatalf("tick: %+v; want %d summaries (one each and the club's to two coaches)", st, len(members)+2)
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
		got := sender.to(fmt.Sprint("w", i))
		if len(got) != len(want) || !sameSet(got, want) {
			t.Errorf("%s got %d messages, want /week's text and, for coaches, /summary's:\n%q", m.Name, len(got), got)
		}
	}
}

func TestMorningPromptMentionsYesterdaysReadinessOnlyWhenThereIsOne(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t) // 06:40 in London on 20 November
	ann := telegramMember(t, e, "ann", "Europe/London", "06:30", "22:30")
	bob := telegramMember(t, e, "bob", "Europe/London", "06:30", "22:30")
	yesterday, today := domain.DateOf(e.now).AddDays(-1), domain.DateOf(e.now)
	for _, c := range []domain.CheckIn{{MemberID: ann.ID, Date: yesterday, SleepHours: domain.Ptr(8.5), Fatigue: domain.Ptr(3)},
		{MemberID: bob.ID, Date: today, SleepHours: domain.Ptr(8.5)}} {
		if _, err := e.db.UpsertCheckIn(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	rd, err := e.svc.Readiness(ctx, ann, yesterday)
	if err != nil || rd.Verdict == domain.VerdictUnknown {
		t.Fatalf("ann's readiness yesterday = %v, %v; the set-up needs one", rd.Verdict, err)
	}
	sender, _ := tick(t, e)
	if got := sender.to("ann"); len(got) != 1 || !strings.Contains(got[0], "\nYesterday: "+render.ReadinessLine(rd, yesterday.AddDays(1))) {
		t.Errorf("ann's prompt = %q, want yesterday's readiness %q", got, render.ReadinessLine(rd, yesterday.AddDays(1)))
	}
	if got := sender.to("bob"); len(got) != 1 || strings.Contains(got[0], "Yesterday") {
		t.Errorf("bob's prompt = %q, want no readiness line", got)
	}
}

// failingCheckIns stands for a database that cannot read check-ins.
type failingCheckIns struct{ domain.CheckInRepository }

func (failingCheckIns) CheckIns(context.Context, int64, domain.Date, domain.Date) ([]domain.CheckIn, error) {
	return nil, errors.New("database is locked")
}

func TestMorningPromptGoesOutWhenReadinessFails(t *testing.T) {
	e := newEnv(t)
	telegramMember(t, e, "ann", "Europe/London", "06:30", "22:30")
	e.svc.CheckIns = failingCheckIns{e.db}
	sender, _ := tick(t, e)
	if got := sender.to("ann"); len(got) != 1 || !strings.HasPrefix(got[0], "Good morning, ann!") || strings.Contains(got[0], "Yesterday") {
		t.Errorf("got %q, want 1 prompt without the readiness line", got)
	}
}

func TestMorningPromptOpensTheRHRConversationForTheLocalDate(t *testing.T) {
	e := newEnv(t)
	m := telegramMember(t, e, "kiri", "Pacific/Kiritimati", "00:05", "22:30")
	e.now = time.Date(2026, 11, 20, 10, 5, 0, 0, time.UTC) // 00:05 on the 21st in Kiritimati
	if sender, _ := tick(t, e); len(sender.to("kiri")) != 1 {
		t.Fatal("no morning prompt")
	}
	c, err := e.db.Conversation(context.Background(), m.ID)
	if err != nil {
		t.Fatalf("conversation after the morning prompt: %v", err)
	}
	if c.Kind != "checkin" || c.Step != "rhr" || c.Data["date"] != "2026-11-21" {
		t.Errorf("conversation = %+v, want checkin/rhr for 2026-11-21", c)
	}
}

func TestMorningPromptLeavesAnOpenForgetConfirmationAlone(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.now = time.Date(2026, 11, 20, 6, 30, 0, 0, time.UTC)
	fresh := telegramMember(t, e, "fresh", "UTC", "06:30", "22:30")
	stale := telegramMember(t, e, "stale", "UTC", "06:30", "22:30")
	// One asked to /forget a minute before the prompt, the other an hour before.
	for m, ago := range map[int64]time.Duration{fresh.ID: time.Minute, stale.ID: time.Hour} {
		if err := e.db.SaveConversation(ctx, domain.Conversation{MemberID: m, Kind: domain.ConversationForget, Step: domain.StepConfirm, UpdatedAt: e.now.Add(-ago)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, st := tick(t, e); st.Sent != 2 {
		t.Fatalf("sent %d prompts, want 2", st.Sent)
	}
	if c, _ := e.db.Conversation(ctx, fresh.ID); c.Kind != domain.ConversationForget {
		t.Errorf("the prompt replaced an open /forget confirmation: %+v", c)
	}
	if c, _ := e.db.Conversation(ctx, stale.ID); c.Kind != domain.ConversationCheckIn {
		t.Errorf("an expired confirmation kept the morning check-in from opening: %+v", c)
	}
}

func TestWindDownWeighsTheNightsOwnData(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	night := domain.DateOf(e.now)
	e.now = time.Date(2026, 11, 20, 21, 30, 0, 0, time.UTC) // an hour before 22:30 in London
	tired := telegramMember(t, e, "tired", "Europe/London", "06:30", "22:30")
	fine := telegramMember(t, e, "fine", "Europe/London", "06:30", "22:30")
	store := func(c domain.CheckIn, r domain.Run) {
		t.Helper()
		if _, err := e.db.UpsertCheckIn(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := e.db.CreateRun(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Short sleep and heavy fatigue tonight (two warnings: red) and a long run.
	store(domain.CheckIn{MemberID: tired.ID, Date: night, SleepHours: domain.Ptr(5.0), Fatigue: domain.Ptr(9)},
		domain.Run{MemberID: tired.ID, Date: night, Metres: 30000, Duration: 140 * time.Minute, RPE: 7, Type: "long"})
	store(domain.CheckIn{MemberID: fine.ID, Date: night, SleepHours: domain.Ptr(8.5), Fatigue: domain.Ptr(3)},
		domain.Run{MemberID: fine.ID, Date: night, Metres: 10000, Duration: 50 * time.Minute, RPE: 4, Type: "easy"})
	// Yesterday's data must not count.
	for _, m := range []domain.Member{tired, fine} {
		store(domain.CheckIn{MemberID: m.ID, Date: night.AddDays(-1), SleepHours: domain.Ptr(4.0)},
			domain.Run{MemberID: m.ID, Date: night.AddDays(-1), Metres: 42195, Duration: 200 * time.Minute, RPE: 10, Type: "race"})
	}
	sender, _ := tick(t, e)
	got := sender.to("tired")
	if want := "Sleep matters more tonight: you slept 5 h last night, your readiness today is red, you ran a long 30.0 km today."; len(got) != 1 || !strings.Contains(got[0], want) {
		t.Errorf("tired got %q, want one wind-down with %q", got, want)
	}
	if got := sender.to("fine"); len(got) != 1 || strings.Contains(got[0], "Sleep matters more") || !strings.Contains(got[0], "be asleep between 20:30 and 22:30") {
		t.Errorf("fine got %q, want one wind-down with the bedtime window and no extra line", got)
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// resolved is r with its pictures drawn, as an adapter sends it, so that two
// replies compare by what a member receives.
func resolved(t *testing.T, r bot.Reply) bot.Reply {
	t.Helper()
	r, err := r.Resolve(context.Background())
	if err != nil {
		t.Fatalf("draw the reply's picture: %v", err)
	}
	return r
}
