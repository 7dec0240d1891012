package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
	"github.com/runclub/runclub/storage/pgtest"
)

// tg is a Telegram command from the console member's Telegram account, as
// the adapter builds it from update id event.
func tg(event, text string) bot.Command {
	return bot.Command{Platform: domain.PlatformTelegram, UserID: "501", UserName: "Sam", ChatID: "501", Private: true, Text: text, EventID: event}
}

// tgRuns are the runs stored for the Telegram member.
func (e *env) tgRuns() []domain.Run {
	e.t.Helper()
	m, err := e.db.MemberByIdentity(context.Background(), domain.PlatformTelegram, "501")
	if err != nil {
		e.t.Fatalf("telegram member: %v", err)
	}
	runs, err := e.db.Runs(context.Background(), m.ID, domain.Date{Year: 1, Month: 1, Day: 1}, domain.Date{Year: 9999, Month: 1, Day: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return runs
}

func TestAnEventDeliveredTwiceTakesEffectOnceAndIsAnsweredOnce(t *testing.T) {
	for _, tc := range []struct {
		name      string
		first     string // the first delivery's text
		wantRuns  int
		wantReply string
	}{
		{"a run", "/run 10km 50m rpe:5", 1, "Logged run 1"},
		{"a refusal stores nothing and is not answered again", "/run 10km rpe:5", 0, "duration"},
		{"a registration", "/start", 0, "runclub"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if tc.name != "a registration" {
				e.sayAs(tg("1", "/start"))
			}
			first := e.sayAs(tg("7", tc.first))
			wantContains(t, first.Text, tc.wantReply)
			// The same update again, as Telegram posts it after a timeout,
			// after a restart of the replica that took it.
			e.restart()
			if again := e.sayAs(tg("7", tc.first)); !again.IsZero() {
				t.Errorf("the repeat was answered: %q", again.Text)
			}
			if got := len(e.tgRuns()); got != tc.wantRuns {
				t.Errorf("%d runs stored, want %d", got, tc.wantRuns)
			}
			// A new update with the same text is a new command.
			if next := e.sayAs(tg("8", tc.first)); next.IsZero() {
				t.Error("a new update with the same text was not answered")
			}
		})
	}
}

func TestTheConsoleAndCommandsWithoutAnEventAreNotDeduplicated(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/run 10km 50m rpe:5")
	e.now = e.now.Add(domain.DuplicateWindow + 1)
	if r := e.say("/run 10km 50m rpe:5"); !strings.Contains(r.Text, "Logged run 2") {
		t.Errorf("second run on the console = %q", r.Text)
	}
}

// failingRuns fails the next CreateRun with an internal error, as a
// database that went away would.
type failingRuns struct {
	domain.RunRepository
	fail bool
}

func (f *failingRuns) CreateRun(ctx context.Context, r *domain.Run) error {
	if f.fail {
		f.fail = false
		return fmt.Errorf("create run: %w", errors.Join(errors.New("EIO"), &domain.Error{Code: domain.EINTERNAL, Message: "disk on fire"}))
	}
	return f.RunRepository.CreateRun(ctx, r)
}

func TestAnInternalErrorForgetsTheEventSoThatARedeliveryIsHandled(t *testing.T) {
	e := newEnv(t)
	repos := e.db.Repos()
	runs := &failingRuns{RunRepository: repos.Runs, fail: true}
	repos.Runs = runs
	svc := handlers.New(repos, defaults, func() time.Time { return e.now }, nil)
	svc.Handle(context.Background(), tg("1", "/start"))
	if r := svc.Handle(context.Background(), tg("2", "/run 10km 50m rpe:5")); r.Text != bot.Apology {
		t.Fatalf("failed run answered %q, want the apology", r.Text)
	}
	if r := svc.Handle(context.Background(), tg("2", "/run 10km 50m rpe:5")); !strings.Contains(r.Text, "Logged run 1") {
		t.Errorf("the redelivery after the failure = %q, want the run logged", r.Text)
	}
	if got := len(e.tgRuns()); got != 1 {
		t.Errorf("%d runs stored, want 1", got)
	}
}

// TestTwoReplicasOnPostgreSQLApplyAnUpdateOnce has two Services, each on
// its own connection to one PostgreSQL database as two replicas are, take
// the same updates at the same moment: each is stored once, and answered
// by one of them only.
func TestTwoReplicasOnPostgreSQLApplyAnUpdateOnce(t *testing.T) {
	dsn := pgtest.Schema(t)
	now := func() time.Time { return time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC) }
	var replicas [2]*handlers.Service
	var db *handlerstest.DB
	for i := range replicas {
		db = handlerstest.OpenOn(t, "postgres", dsn)
		replicas[i] = handlers.New(db.Repos(), defaults, now, nil)
	}
	texts := []string{"/start", "/run 10km 50m rpe:5", "/run 5km 25m rpe:3", "/checkin rhr:52"}
	for i, text := range texts {
		event := fmt.Sprint(100 + i)
		var replies [2]bot.Reply
		start := make(chan struct{})
		var wg sync.WaitGroup
		for r, svc := range replicas {
			wg.Go(func() {
				<-start
				replies[r] = svc.Handle(context.Background(), tg(event, text))
			})
		}
		close(start)
		wg.Wait()
		if replies[0].IsZero() == replies[1].IsZero() {
			t.Errorf("%s: replies %q and %q, want exactly one", text, replies[0].Text, replies[1].Text)
		}
	}
	m, err := db.MemberByIdentity(context.Background(), domain.PlatformTelegram, "501")
	if err != nil {
		t.Fatal(err)
	}
	runs, _ := db.Runs(context.Background(), m.ID, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2100, Month: 1, Day: 1})
	if len(runs) != 2 {
		t.Errorf("%d runs stored, want 2", len(runs))
	}
}
