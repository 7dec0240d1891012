package handlers_test

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

func TestAsSwitchesTheConsoleSpeakerAndExistsOnlyThere(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	r := e.say("/as Sam Lee")
	if r.Speaker == nil || r.Speaker.UserID != "sam-lee" || r.Speaker.UserName != "Sam Lee" {
		t.Fatalf("speaker %+v", r.Speaker)
	}
	wantContains(t, r.Text, "You are now Sam Lee, new here: send /start")
	// The console speaks as the new account from then on.
	e.svc.Handle(t.Context(), bot.Command{Platform: domain.PlatformConsole, UserID: "sam-lee", UserName: "Sam Lee", ChatID: "console", Private: true, Text: "/start"})
	back := e.say("/as local")
	if back.Speaker == nil || back.Speaker.UserID != handlers.ConsoleHome {
		t.Errorf("/as local: %+v", back.Speaker)
	}
	wantContains(t, back.Text, "You are now Sam.")
	wantContains(t, e.say("/as !!!").Text, "letters or digits")
	wantContains(t, e.say("/as").Text, "/as needs a name")

	for _, text := range []string{"/as Sam", "/as help", "/help as"} {
		got := e.sayAs(bot.Command{UserID: "5", UserName: "Tg", ChatID: "5", Private: true, Text: text})
		if got.Speaker != nil || !(strings.Contains(got.Text, "I don't know /as") || strings.Contains(got.Text, "There is no /as")) {
			t.Errorf("%s on Telegram: %+v", text, got)
		}
	}
	if h := e.sayAs(bot.Command{UserID: "5", UserName: "Tg", ChatID: "5", Private: true, Text: "/help"}).Text; strings.Contains(h, "/as") {
		t.Errorf("Telegram's /help lists /as:\n%s", h)
	}
	wantContains(t, e.say("/help").Text, "/as: Speak as another member")
}

// FuzzClubCommands types anything after the club, away, link and speaker
// commands, as a member: nothing panics, every line is answered, and a time
// away is stored only when the reply says so.
func FuzzClubCommands(f *testing.F) {
	for _, s := range []string{"3 ill", "until:2026-12-01 travel", "0", "61", "ill 3", "flu", "3 until:x", "K7Q2MX", "k7q2-mx", "WRONG1",
		"Sam Lee", "!!!", "club:River", "on", "off", "maybe", "💓", "\x00", strings.Repeat("9", 40)} {
		f.Add(s)
	}
	e := newEnv(f)
	e.say("/start")
	commands := []string{"/away ", "/link ", "/as ", "/leave ", "/coach alerts ", "/summary "}
	f.Fuzz(func(t *testing.T, s string) {
		e.t = t
		cmd := commands[len(s)%len(commands)] // one command an input keeps the fuzzer fast
		before := len(e.aways())
		r := e.say(cmd + s)
		if r.IsZero() {
			t.Fatalf("no reply to %q", cmd+s)
		}
		if after := len(e.aways()); after != before {
			if !strings.HasPrefix(r.Text, "You are away") {
				t.Fatalf("%q stored a time away, answering %q", cmd+s, r.Text)
			}
			e.say("/back")
		}
	})
}
