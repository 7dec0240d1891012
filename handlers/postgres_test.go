package handlers_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/storage/pgtest"
)

// TestAMemberReadsTheSameRepliesOnPostgreSQLAsOnSQLite plays one member's
// weeks, every command that writes or reads their records, on both
// databases, and compares every reply: a dialect difference in any store
// shows as a reply that differs.
func TestAMemberReadsTheSameRepliesOnPostgreSQLAsOnSQLite(t *testing.T) {
	script := []string{
		"/start",
		"/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg",
		"/checkin rhr:52 sleep:7.5 hrv:61.5",
		"slept 6:45 rhr 54 legs sore 6",
		"/checkin date:yesterday rhr:50 mood:8",
		"/checkin rhr:-",
		"/run 10mi 82m rpe:6 type:easy",
		"/run 5km 24m30s rpe:8 type:tempo date:yesterday",
		"/run edit 1 rpe:5",
		"/history 7",
		"/undo",
		"/undo",
		"/readiness",
		"/week",
		"/away 3 ill",
		"/back",
		"/export",
		"/run delete 2",
		"/history",
		"/forget",
		"/forget yes",
		"/export",
	}
	play := func(e *env) []bot.Reply {
		var out []bot.Reply
		for i, text := range script {
			e.now = e.now.Add(time.Duration(i) * time.Minute)
			out = append(out, e.say(text))
		}
		return out
	}
	want := play(newEnvOn(t, "sqlite", filepath.Join(t.TempDir(), "runclub.db")))
	got := play(newEnvOn(t, "postgres", pgtest.Schema(t)))
	for i := range script {
		if g, w := describeReply(got[i]), describeReply(want[i]); g != w {
			t.Errorf("%q on PostgreSQL:\n%s\n---- on SQLite:\n%s", script[i], g, w)
		}
	}
}

// describeReply is everything of r a member sees.
func describeReply(r bot.Reply) string {
	s := fmt.Sprintf("%s\n%s\n%v", r.Text, r.Pre, r.Buttons)
	if r.Document != nil {
		s += "\n" + string(r.Document.Data)
	}
	return s
}
