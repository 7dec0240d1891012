package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/handlers"
)

func TestAFloodFromOneMemberIsAnsweredOnceThenDroppedNotQueued(t *testing.T) {
	e := newEnv(t)
	ann := bot.Command{UserID: "1001", UserName: "Ann", ChatID: "1001", Private: true, Text: "/help"}
	var answered, slowed, silent int
	for range 2000 {
		r := e.sayAs(ann)
		switch {
		case strings.Contains(r.Text, "faster than I can answer"):
			slowed++
		case r.IsZero():
			silent++
		case strings.Contains(r.Text, "/checkin"):
			answered++
		default:
			t.Fatalf("unexpected reply %q", r.Text)
		}
	}
	if answered != handlers.CommandsPerMinute || slowed != 1 || silent != 2000-handlers.CommandsPerMinute-1 {
		t.Errorf("answered %d, asked to slow down %d, dropped %d; want %d, 1, the rest", answered, slowed, silent, handlers.CommandsPerMinute)
	}
	if got := e.svc.Dropped(); got != int64(silent) {
		t.Errorf("Dropped() = %d, want %d", got, silent)
	}

	// Another member is not held up by the flood.
	bo := ann
	bo.UserID, bo.ChatID = "1002", "1002"
	if r := e.sayAs(bo); !strings.Contains(r.Text, "/checkin") {
		t.Errorf("another member got %q", r.Text)
	}
	// The bucket refills evenly: three seconds later, one more answer.
	e.now = e.now.Add(time.Minute / handlers.CommandsPerMinute)
	if r := e.sayAs(ann); !strings.Contains(r.Text, "/checkin") {
		t.Errorf("after a pause the member got %q", r.Text)
	}
	if r := e.sayAs(ann); !strings.Contains(r.Text, "faster than I can answer") {
		t.Errorf("straight after, the member got %q, want one more slow-down note", r.Text)
	}
}
