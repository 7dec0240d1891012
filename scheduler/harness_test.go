package scheduler

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// store is every repository the scheduler tests need, as one value.
type store interface {
	domain.MemberRepository
	domain.ClubRepository
	domain.DeliveryRepository
	domain.ScheduleRepository
	// Deliveries lists what was claimed for a local date.
	Deliveries(ctx context.Context, date domain.Date) ([]domain.Delivery, error)
}

// storeKind opens an empty store.
type storeKind struct {
	name string
	open func(t testing.TB) store
}

// storeKinds lists the stores every behaviour test runs against.
var storeKinds = []storeKind{
	{"memory", func(testing.TB) store { return newMemStore() }},
	{"sqlite", openSQLite},
}

// sqliteStore is real storage, its stores embedded so that it is one store.
type sqliteStore struct {
	*storage.MemberStore
	*storage.ClubStore
	*storage.DeliveryStore
	*storage.ScheduleStore
}

// openSQLite opens real SQLite storage in the test's temporary folder.
func openSQLite(t testing.TB) store {
	t.Helper()
	db, err := storage.Open(context.Background(), "sqlite", filepath.Join(t.TempDir(), "runclub.db"), nil)
	if err != nil {
		t.Fatalf("open storage: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	st := storage.NewStores(db)
	return sqliteStore{st.Members, st.Clubs, st.Deliveries, st.Schedule}
}

// forEachStore runs f once per store kind.
func forEachStore(t *testing.T, f func(t *testing.T, open func(testing.TB) store)) {
	t.Helper()
	for _, k := range storeKinds {
		t.Run(k.name, func(t *testing.T) { f(t, k.open) })
	}
}

// sent is one message a fake platform accepted, with the clock at the time.
type sent struct {
	At    time.Time
	To    bot.Recipient
	Reply bot.Reply
}

// kind guesses which scheduled message a reply is from its text.
func (m sent) kind() string {
	switch t := m.Reply.Text; {
	case strings.HasPrefix(t, "Good morning"):
		return domain.DeliveryMorning
	case strings.HasPrefix(t, "Time to wind down"):
		return domain.DeliveryWindDown
	case strings.HasPrefix(t, "Weekly summary for member"):
		return domain.DeliveryWeeklyMember
	case strings.HasPrefix(t, "Club summary"):
		return domain.DeliveryWeeklyClub
	}
	return "?"
}

// recordingSender is a fake platform that accepts everything (or what fail
// lets through) and records it.
type recordingSender struct {
	mu    sync.Mutex
	clock func() time.Time
	msgs  []sent
	// hook, when set, runs on every Send before it is recorded; an error
	// refuses the message.
	hook func(ctx context.Context, msg bot.Message) error
}

func (s *recordingSender) Send(ctx context.Context, msg bot.Message) error {
	if s.hook != nil {
		if err := s.hook(ctx, msg); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, sent{At: s.clock(), To: msg.To, Reply: msg.Reply})
	return nil
}

func (s *recordingSender) all() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.msgs...)
}

// fakeContent answers with texts that name what they are about, records
// the morning prompts it was told were sent, and fails where a test asks.
type fakeContent struct {
	mu sync.Mutex
	// fail, when set, is asked before each message is built (kind is a
	// delivery kind; a club's messages are built as one, of kind
	// DeliveryWeeklyClub); an error refuses it.
	fail func(kind string, memberOrClub int64) error
	// sent lists the MorningSent calls, "member/date".
	sent []string
	// pictures, when set, gives each club weekly message a picture drawn
	// when it is sent (bot.File.Draw), as the real content does; drawn
	// counts the drawings by file name.
	pictures bool
	drawn    map[string]int
}

// picture is a weekly message's picture, drawn when the message is sent.
func (c *fakeContent) picture(name string) *bot.File {
	if !c.pictures {
		return nil
	}
	return &bot.File{Name: name, MIME: "image/png", Draw: func(context.Context) ([]byte, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.drawn == nil {
			c.drawn = map[string]int{}
		}
		c.drawn[name]++
		return []byte("png of " + name), nil
	}}
}

// drawings returns how often each picture was drawn.
func (c *fakeContent) drawings() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.drawn)
}

func (c *fakeContent) refuse(kind string, id int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail == nil {
		return nil
	}
	return c.fail(kind, id)
}

func (c *fakeContent) Morning(_ context.Context, m domain.Member, d domain.Date) (bot.Reply, error) {
	return bot.Reply{Text: fmt.Sprintf("Good morning, member %d, on %s", m.ID, d)}, c.refuse(domain.DeliveryMorning, m.ID)
}

func (c *fakeContent) WindDown(_ context.Context, m domain.Member, night domain.Date) (bot.Reply, error) {
	return bot.Reply{Text: fmt.Sprintf("Time to wind down, member %d, on the night of %s", m.ID, night)}, c.refuse(domain.DeliveryWindDown, m.ID)
}

func (c *fakeContent) MemberWeekly(_ context.Context, m domain.Member, d domain.Date) (bot.Reply, error) {
	return bot.Reply{Text: member(m, d.String())}, c.refuse(domain.DeliveryWeeklyMember, m.ID)
}

func (c *fakeContent) ClubWeekly(_ context.Context, cl domain.Club, roster []domain.RosterEntry, d domain.Date) (members, coaches map[int64]bot.Reply, err error) {
	if err := c.refuse(domain.DeliveryWeeklyClub, cl.ID); err != nil {
		return nil, nil, err
	}
	members, coaches = map[int64]bot.Reply{}, map[int64]bot.Reply{}
	for _, e := range roster {
		if e.HomeClubID == cl.ID {
			members[e.Member.ID] = bot.Reply{Text: member(e.Member, d.String()), Image: c.picture(member(e.Member, d.String()))}
		}
		if e.Role == domain.RoleCoach {
			coaches[e.Member.ID] = bot.Reply{Text: club(cl, d.String()), Image: c.picture(club(cl, d.String()))}
		}
	}
	return members, coaches, nil
}

func (c *fakeContent) MorningSent(_ context.Context, memberID int64, d domain.Date, _ time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, fmt.Sprintf("%d/%s", memberID, d))
	return nil
}

func (c *fakeContent) morningsSent() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.sent...)
}

// harness is a scheduler over a store with fake platforms and a settable clock.
type harness struct {
	t       testing.TB
	st      store
	mu      sync.Mutex
	clock   time.Time
	senders map[string]*recordingSender
	content *fakeContent
	s       *Scheduler
	ctx     context.Context
	// sendParallel is the scheduler's SendParallel; 1 when 0.
	sendParallel int
	// obs is the scheduler's Observer; none when nil.
	obs Observer
}

// newHarness sends one message at a time per platform (sendParallel 1) unless
// a test asks for more, so that tests that stop a fan-out after the n-th
// message know exactly what went out.
func newHarness(t testing.TB, st store) *harness {
	t.Helper()
	h := &harness{t: t, st: st, content: &fakeContent{}, ctx: context.Background(),
		clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.senders = map[string]*recordingSender{
		domain.PlatformTelegram: {clock: h.now},
		domain.PlatformDiscord:  {clock: h.now},
	}
	h.s = h.scheduler()
	return h
}

// scheduler builds a fresh Scheduler over the harness's store and
// platforms, as a restarted process would.
func (h *harness) scheduler() *Scheduler {
	h.t.Helper()
	senders := map[string]bot.Sender{}
	for p, s := range h.senders {
		senders[p] = s
	}
	s, err := New(Config{Now: h.now, Deliveries: h.st, Schedule: h.st, Clubs: h.st, Content: h.content, Senders: senders, SendParallel: cmp.Or(h.sendParallel, 1), Observer: h.obs}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		h.t.Fatalf("new scheduler: %v", err)
	}
	return s
}

func (h *harness) now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.clock
}

func (h *harness) setClock(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clock = t
}

// tick runs one tick at t.
func (h *harness) tick(t time.Time) TickStats {
	h.t.Helper()
	h.setClock(t)
	st, err := h.s.Tick(h.ctx, t)
	if err != nil {
		h.t.Fatalf("tick at %s: %v", t, err)
	}
	return st
}

// run ticks every minute from from to to inclusive, like cron would, and
// returns the sum of the ticks' counts.
func (h *harness) run(from, to time.Time) TickStats {
	h.t.Helper()
	var st TickStats
	for t := from.Truncate(time.Minute); !t.After(to); t = t.Add(time.Minute) {
		st.add(h.tick(t))
	}
	return st
}

// deliveries returns the deliveries claimed for date, by kind and member.
func (h *harness) deliveries(date domain.Date) map[string]domain.Delivery {
	h.t.Helper()
	list, err := h.st.Deliveries(context.Background(), date)
	if err != nil {
		h.t.Fatalf("deliveries of %s: %v", date, err)
	}
	out := map[string]domain.Delivery{}
	for _, d := range list {
		out[fmt.Sprintf("%s/%d/%d", d.Kind, d.MemberID, d.ClubID)] = d
	}
	return out
}

// member creates a member on Telegram with the given zone and times.
func (h *harness) member(name, tz, wake, bed string) domain.Member {
	h.t.Helper()
	return h.memberOn(domain.PlatformTelegram, name, tz, wake, bed)
}

func (h *harness) memberOn(platform, name, tz, wake, bed string) domain.Member {
	h.t.Helper()
	m := domain.NewMember(name, tz)
	m.WakeMinute, m.BedMinute = clock(h.t, wake), clock(h.t, bed)
	if err := m.Validate(); err != nil {
		h.t.Fatalf("member %s: %v", name, err)
	}
	id := domain.Identity{Platform: platform, UserID: "u-" + name, ChatID: "c-" + name}
	if err := h.st.CreateMember(context.Background(), &m, id); err != nil {
		h.t.Fatalf("create member %s: %v", name, err)
	}
	return m
}

func (h *harness) update(m domain.Member) {
	h.t.Helper()
	if err := h.st.UpdateMember(context.Background(), m); err != nil {
		h.t.Fatalf("update member %s: %v", m.Name, err)
	}
}

// club creates a club with a weekly slot such as "Sun 18:00".
func (h *harness) club(title, tz, weekly string) domain.Club {
	h.t.Helper()
	day, minute, err := domain.ParseWeeklySlot(weekly)
	if err != nil {
		h.t.Fatal(err)
	}
	c := domain.Club{Platform: domain.PlatformTelegram, ChatID: "g-" + title, Title: title, WeeklyDay: day, WeeklyMinute: minute, TZ: tz}
	if err := h.st.CreateClub(context.Background(), &c); err != nil {
		h.t.Fatalf("create club %s: %v", title, err)
	}
	return c
}

func (h *harness) join(c domain.Club, m domain.Member, role string) {
	h.t.Helper()
	if err := h.st.SetClubMember(context.Background(), domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: role}); err != nil {
		h.t.Fatalf("join: %v", err)
	}
}

// messages returns what every platform accepted, of kind (all kinds if "").
func (h *harness) messages(kind string) []sent {
	var out []sent
	for _, p := range []string{domain.PlatformTelegram, domain.PlatformDiscord} {
		for _, m := range h.senders[p].all() {
			if kind == "" || m.kind() == kind {
				out = append(out, m)
			}
		}
	}
	return out
}

// messagesTo returns the messages of kind that reached member m.
func (h *harness) messagesTo(m domain.Member, kind string) []sent {
	var out []sent
	for _, x := range h.messages(kind) {
		if x.To.UserID == "u-"+m.Name {
			out = append(out, x)
		}
	}
	return out
}

func clock(t testing.TB, s string) int {
	t.Helper()
	v, err := time.Parse("15:04", s)
	if err != nil {
		t.Fatalf("clock %q: %v", s, err)
	}
	return v.Hour()*60 + v.Minute()
}

// utc is a short way to write an instant.
func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}
