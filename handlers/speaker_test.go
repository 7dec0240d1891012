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
