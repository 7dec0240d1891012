package handlers_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// env is a Service on a real SQLite file with a clock the test moves.
type env struct {
	t      testing.TB
	db     *handlerstest.DB
	driver string // "sqlite" unless newEnvOn says otherwise
	path   string
	now    time.Time
	svc    *handlers.Service
}

// defaults mirror config.example.yaml.
var defaults = handlerstest.Defaults

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvOn(t, "sqlite", filepath.Join(t.TempDir(), "runclub.db"))
}

// newEnvOn is newEnv on the database dsn of driver.
func newEnvOn(t testing.TB, driver, dsn string) *env {
	t.Helper()
	e := &env{t: t, driver: driver, path: dsn, now: time.Date(2026, 11, 20, 6, 40, 0, 0, time.UTC)}
	e.open()
	return e
}

// open (re)opens the database and builds a fresh Service, as a restart would.
func (e *env) open() {
	e.t.Helper()
	e.db = handlerstest.OpenOn(e.t, e.driver, e.path)
	e.svc = handlers.New(e.db.Repos(), defaults, func() time.Time { return e.now }, nil)
}

// restart closes the database and opens everything anew.
func (e *env) restart() {
	e.t.Helper()
	e.db.Close()
	e.open()
}

// say sends text from the console member in a private chat.
func (e *env) say(text string) bot.Reply {
	e.t.Helper()
	return e.svc.Handle(context.Background(), bot.Command{Platform: domain.PlatformConsole, UserID: "local", UserName: "Sam", ChatID: "console", Private: true, Text: text})
}

// sayAs sends text as a given user in a given chat.
func (e *env) sayAs(cmd bot.Command) bot.Reply {
	e.t.Helper()
	if cmd.Platform == "" {
		cmd.Platform = domain.PlatformTelegram
	}
	return e.svc.Handle(context.Background(), cmd)
}

// member returns the console member.
func (e *env) member() domain.Member {
	e.t.Helper()
	m, err := e.db.MemberByIdentity(context.Background(), domain.PlatformConsole, "local")
	if err != nil {
		e.t.Fatalf("console member: %v", err)
	}
	return m
}

// checkIns returns everything stored for the console member.
func (e *env) checkIns() []domain.CheckIn {
	e.t.Helper()
	list, err := e.db.CheckIns(context.Background(), e.member().ID, domain.Date{Year: 1, Month: 1, Day: 1}, domain.Date{Year: 9999, Month: 1, Day: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

func (e *env) runs() []domain.Run {
	e.t.Helper()
	list, err := e.db.Runs(context.Background(), e.member().ID, domain.Date{Year: 1, Month: 1, Day: 1}, domain.Date{Year: 9999, Month: 1, Day: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

func wantContains(t testing.TB, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply %q\ndoes not contain %q", got, w)
		}
	}
}
