package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

// annLeaks are Ann's health values, her reason to be away, as they would be
// written: none may reach a group, nor a coach unless she shares.
var annLeaks = []string{"93 bpm", "+22", "123 ms", "4.8 h", "17.8 km", "away (ill", "Ann (ill"}

// privacyClub is a Telegram group club with coach Kim and Ann, who was red
// yesterday and today (resting HR 93 against 71, 4.75 h of sleep) and runs
// 17.77 km a day; she shares if share, and is away ill if away.
func privacyClub(t *testing.T, e *env, share, away bool) {
	t.Helper()
	ctx := context.Background()
	onOff := map[bool]string{true: "on", false: "off"}
	e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/settings share:" + onOff[share]})
	e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "-100", GroupTitle: "Harriers", Text: "/join"})
	e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: "-100", GroupTitle: "Harriers", SenderIsAdmin: true, Text: "/join"})
	ann, err := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "2")
	if err != nil {
		t.Fatal(err)
	}
	for ago := 35; ago >= 0; ago-- {
		rhr, sleep := 71, 8.5
		if ago <= 1 {
			rhr, sleep = 93, 4.75
		}
		checkInOn(t, e, ann.ID, ago, domain.CheckIn{RHR: &rhr, SleepHours: &sleep, HRV: domain.Ptr(123.4)})
	}
	seedRuns(t, e, ann.ID, 35, 0, 17770, 95, 6)
	if away {
		e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/away 3 ill"})
	}
}

// leaks returns the first of words in text.
func leaks(text string, words []string) string {
	for _, w := range words {
		if strings.Contains(text, w) {
			return w
		}
	}
	return ""
}

// scheduledFor is what the scheduler would send coach Kim about the club
// now: the weekly group summary and the alerts.
func scheduledFor(t *testing.T, e *env) []string {
	t.Helper()
	ctx := context.Background()
	c, err := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-100")
	if err != nil {
		t.Fatal(err)
	}
	roster, _ := e.db.Roster(ctx, c.ID)
	kim, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "1")
	sc := handlers.Scheduled{Service: e.svc}
	_, coaches, err := sc.ClubWeekly(ctx, c, roster, domain.DateOf(e.now))
	if err != nil {
		t.Fatal(err)
	}
	alerts, err := sc.ClubAlerts(ctx, c, roster, []domain.Member{kim}, e.now)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{coaches[kim.ID].Text}
	for _, r := range alerts[kim.ID] {
		out = append(out, r.Text)
	}
	return out
}

func TestPrivacyMatrix(t *testing.T) {
	// Commands that leave Ann's state as it is: the checks after them count on it.
	commands := []string{"/readiness", "/week", "/summary", "/coach alerts", "/settings", "/help", "/help away", "/checkin", "/export"}
	for _, inGroup := range []bool{true, false} {
		for _, coach := range []bool{true, false} {
			for _, share := range []bool{true, false} {
				for _, away := range []bool{true, false} {
					name := fmt.Sprintf("group=%v/coach=%v/share=%v/away=%v", inGroup, coach, share, away)
					t.Run(name, func(t *testing.T) {
						e := newEnv(t)
						privacyClub(t, e, share, away)
						sender := bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true}
						if coach {
							sender = bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true, SenderIsAdmin: true}
						}
						if inGroup {
							sender.ChatID, sender.Private, sender.GroupTitle = "-100", false, "Harriers"
						}
						check := func(text string, r bot.Reply) {
							t.Helper()
							if w := leaks(r.GroupNote, annLeaks); w != "" {
								t.Errorf("%s: the group's note shows %q: %q", text, w, r.GroupNote)
							}
							if inGroup && !r.Private {
								if w := leaks(r.Text, annLeaks); w != "" {
									t.Errorf("%s in the group shows %q to the group:\n%s", text, w, r.Text)
								}
							}
							if coach && !share {
								if w := leaks(r.Text, append(annLeaks, "Ann")); w != "" {
									t.Errorf("%s: the coach sees %q of Ann, who does not share:\n%s", text, w, r.Text)
								}
							}
						}
						for _, text := range commands {
							cmd := sender
							cmd.Text = text
							if text == "/checkin" {
								// Ann's own answer keeps her day red; Kim's is his.
								cmd.Text = map[bool]string{true: "/checkin rhr:62", false: "/checkin rhr:93"}[coach]
							}
							check(text, e.sayAs(cmd))
						}
						for _, s := range scheduledFor(t, e) {
							check("a scheduled message", bot.Reply{Text: s, Private: true})
						}
						summary := e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true, Text: "/summary"}).Text
						switch {
						case share && away && !strings.Contains(summary, "Away: Ann (ill"):
							t.Errorf("a coach sees that a sharing member is away, and why:\n%s", summary)
						case share && !away && !strings.Contains(summary, "Ann:"):
							t.Errorf("a coach sees a sharing member's week:\n%s", summary)
						}
						alerts := strings.Join(scheduledFor(t, e)[1:], "\n")
						if want := share && !away; strings.Contains(alerts, "Ann may need a look") != want {
							t.Errorf("an alert about Ann: %v, want %v:\n%s", !want, want, alerts)
						}
						// A member who left is in no summary and no alert.
						leave := bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/leave"}
						if inGroup {
							leave.ChatID, leave.Private, leave.GroupTitle = "-100", false, "Harriers"
						}
						check("/leave", e.sayAs(leave))
						summary = e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true, Text: "/summary"}).Text
						for _, s := range append(scheduledFor(t, e), summary) {
							if w := leaks(s, append(annLeaks, "Ann")); w != "" {
								t.Errorf("after /leave, %q in:\n%s", w, s)
							}
						}
					})
				}
			}
		}
	}
}
