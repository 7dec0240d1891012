package scheduler

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// club12 is the real handlers and storage on SQLite with a scheduler that
// sends coach alerts, its clock moved by the test, and a restart.
type club12 struct {
	t      *testing.T
	path   string
	mu     sync.Mutex
	clock  time.Time
	db     *handlerstest.DB
	svc    *handlers.Service
	s      *Scheduler
	sender *recordingSender
}

func newClub12(t *testing.T, start time.Time) *club12 {
	c := &club12{t: t, path: filepath.Join(t.TempDir(), "runclub.db"), clock: start}
	c.sender = &recordingSender{clock: c.now}
	c.open()
	return c
}

func (c *club12) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clock
}

// open (re)opens everything, as a restarted process would.
func (c *club12) open() {
	c.t.Helper()
	c.db = handlerstest.Open(c.t, c.path)
	c.svc = handlers.New(c.db.Repos(), handlerstest.Defaults, c.now, nil)
	content := handlers.Scheduled{Service: c.svc}
	s, err := New(Config{Now: c.now, Deliveries: c.db.DeliveryStore, Schedule: c.db.ScheduleStore, Clubs: c.db.ClubStore,
		Content: content, Senders: map[string]bot.Sender{domain.PlatformTelegram: c.sender}, SendParallel: 1,
		Alerts: c.db.AlertStore, AlertContent: content}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		c.t.Fatal(err)
	}
	c.s = s
}

func (c *club12) restart() {
	c.t.Helper()
	c.db.Close()
	c.open()
	if _, err := c.s.AbandonInterrupted(context.Background()); err != nil {
		c.t.Fatal(err)
	}
}

// say sends text as Telegram user id in chat (a group when chat < 0).
func (c *club12) say(id, name, chat, text string, admin bool) bot.Reply {
	return c.svc.Handle(context.Background(), bot.Command{Platform: domain.PlatformTelegram, UserID: id, UserName: name, ChatID: chat,
		Private: !strings.HasPrefix(chat, "-"), GroupTitle: "Riverside Runners", SenderIsAdmin: admin, Text: text})
}

// runUntil ticks every minute from the clock to t.
func (c *club12) runUntil(t time.Time) {
	c.t.Helper()
	for at := c.now().Add(time.Minute); !at.After(t); at = at.Add(time.Minute) {
		c.mu.Lock()
		c.clock = at
		c.mu.Unlock()
		if _, err := c.s.Tick(context.Background(), at); err != nil {
			c.t.Fatalf("tick at %s: %v", at, err)
		}
	}
}

// sentTo lists what went to Telegram user id, and when.
func (c *club12) sentTo(id string) []sent {
	var out []sent
	for _, m := range c.sender.all() {
		if m.To.UserID == id {
			out = append(out, m)
		}
	}
	return out
}

// redClub has coach Kim (Europe/London, miles) and Ann, who shares and was
// red on the two mornings before start's; her check-ins come at 06:40 UTC.
func redClub(t *testing.T, start time.Time) *club12 {
	c := newClub12(t, start)
	c.say("1", "Coach Kim", "1", "/settings tz:Europe/London units:mi prompts:off", false)
	c.say("1", "Coach Kim", "-100", "/join", true)
	c.say("2", "Ann", "2", "/settings share:on prompts:off", false)
	c.say("2", "Ann", "-100", "/join", false)
	ann, err := c.db.MemberByIdentity(context.Background(), domain.PlatformTelegram, "2")
	if err != nil {
		t.Fatal(err)
	}
	today := domain.DateOf(start)
	for ago := 30; ago >= 1; ago-- {
		rhr, sleep := 48, 8.5
		if ago <= 2 {
			rhr, sleep = 61, 5.5
		}
		ci := domain.CheckIn{MemberID: ann.ID, Date: today.AddDays(-ago), RHR: &rhr, SleepHours: &sleep}
		if _, err := c.db.UpsertCheckIn(context.Background(), ci); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestARedMemberBringsTheirCoachOneAlertNotTwoAcrossARestart(t *testing.T) {
	start := time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC) // 07:00 in London: quiet hours
	c := redClub(t, start)
	c.runUntil(start.Add(59 * time.Minute))
	if got := c.sentTo("1"); len(got) != 0 {
		t.Fatalf("an alert in the quiet hours: %+v", got)
	}
	c.runUntil(start.Add(time.Hour)) // 08:00
	got := c.sentTo("1")
	if len(got) != 1 || !got[0].At.Equal(start.Add(time.Hour)) || !got[0].Reply.Private {
		t.Fatalf("at 08:00: %+v", got)
	}
	if !strings.Contains(got[0].Reply.Text, "Ann may need a look") || !strings.Contains(got[0].Reply.Text, "Red two days running") {
		t.Errorf("alert %q", got[0].Reply.Text)
	}
	c.runUntil(start.Add(2*time.Hour + 30*time.Minute))
	c.restart()
	c.runUntil(start.Add(4 * time.Hour))
	// The next morning the two red days are still the latest: within 72
	// hours, still the one alert.
	c.runUntil(start.Add(25 * time.Hour))
	if got := c.sentTo("1"); len(got) != 1 {
		t.Errorf("alerts after the hour, a restart and the next morning: %d", len(got))
	}
	var alerts int
	for d := 0; d < 2; d++ {
		ds, _ := c.db.Deliveries(context.Background(), domain.DateOf(start).AddDays(d))
		for _, x := range ds {
			if x.Kind == domain.DeliveryCoachAlert {
				alerts++
				if x.Status != domain.DeliverySent || x.SubjectID == 0 || x.ClubID == 0 {
					t.Errorf("ledger %+v", x)
				}
			}
		}
	}
	if alerts != 1 {
		t.Errorf("%d alerts in the ledger", alerts)
	}
}

func TestAnAlertFoundAtNightIsSentAtEightAndNotWhenOff(t *testing.T) {
	start := time.Date(2026, 11, 20, 21, 30, 0, 0, time.UTC) // 21:30 in London
	c := redClub(t, start)
	// A late check-in makes today the third red day: found in the quiet hours.
	c.say("2", "Ann", "2", "/checkin rhr:62 sleep:5", false)
	c.runUntil(start.Add(10*time.Hour + 29*time.Minute)) // 07:59 the next day
	if got := c.sentTo("1"); len(got) != 0 {
		t.Fatalf("alerts in the night: %+v", got)
	}
	c.runUntil(start.Add(10*time.Hour + 30*time.Minute)) // 08:00
	if got := c.sentTo("1"); len(got) != 1 {
		t.Fatalf("at 08:00: %d alerts", len(got))
	}

	off := redClub(t, start.Add(10*time.Hour))
	off.say("1", "Coach Kim", "1", "/coach alerts off", false)
	off.runUntil(start.Add(13 * time.Hour))
	if got := off.sentTo("1"); len(got) != 0 {
		t.Errorf("alerts off, yet %d sent", len(got))
	}
}

func TestAwayStopsTheNextMorningPromptAndTheFirstAfterWelcomesBack(t *testing.T) {
	start := time.Date(2026, 11, 19, 22, 0, 0, 0, time.UTC)
	c := newClub12(t, start)
	c.say("5", "Bo", "5", "/start", false)
	c.say("5", "Bo", "5", "/away 3 ill", false) // Thu 19 to Sat 21
	c.runUntil(time.Date(2026, 11, 22, 6, 29, 0, 0, time.UTC))
	for _, m := range c.sentTo("5") {
		if strings.Contains(m.Reply.Text, "resting heart rate") || strings.Contains(m.Reply.Text, "wind down") {
			t.Errorf("a prompt while away at %s: %q", m.At, m.Reply.Text)
		}
	}
	c.runUntil(time.Date(2026, 11, 23, 6, 30, 0, 0, time.UTC))
	var prompts []sent
	for _, m := range c.sentTo("5") {
		if strings.Contains(m.Reply.Text, "resting heart rate") {
			prompts = append(prompts, m)
		}
	}
	if len(prompts) != 2 || !strings.HasPrefix(prompts[0].Reply.Text, "Welcome back, Bo!") || !strings.HasPrefix(prompts[1].Reply.Text, "Good morning, Bo!") {
		t.Fatalf("prompts after the time away: %+v", prompts)
	}
	if want := time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC); !prompts[0].At.Equal(want) {
		t.Errorf("first prompt at %s, want %s", prompts[0].At, want)
	}
}
