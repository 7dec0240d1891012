package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// seedOverload stores 5 weeks of 8 km a day and then a week of 16 km a day.
func seedOverload(t *testing.T, e *env, memberID int64) {
	t.Helper()
	seedRuns(t, e, memberID, 41, 7, 8000, 48, 4)
	seedRuns(t, e, memberID, 6, 0, 16000, 96, 4)
}

func TestWeekShowsTotalsFlagsAndOneThingForNextWeek(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedOverload(t, e, e.member().ID)
	r := e.say("/week")
	if !r.Private {
		t.Error("a weekly summary is personal: private")
	}
	wantContains(t, r.Text,
		"Your week, Sat 14 Nov – Fri 20 Nov:",
		"112.0 km (69.6 mi) in 7 runs (11:12 h), up 100% on last week's 56.0 km; 0 of 7 check-ins.",
		"Load ratio (ACWR, uncoupled) 2.00, danger zone; monotony 10.00, strain 26880.",
		"5 flags:",
		"• Overload: Distance up 100% on the week before (112.0 km against 56.0 km)",
		"(Nielsen et al. 2014; the 10% rule is only a heuristic)",
		"• Overload: The run on Saturday 2026-11-14 was 16.0 km, 100% longer",
		"Next week: make it lighter",
		"Load-ratio thresholds are disputed (Impellizzeri 2020)")
}

func TestWeekForANewMember(t *testing.T) {
	e := newEnv(t)
	wantContains(t, e.say("/week").Text, "Send /start")
	e.say("/start")
	e.say("/checkin sleep:6.5")
	wantContains(t, e.say("/week").Text,
		"0.0 km (0.0 mi) in 0 runs (0:00 h); 1 of 7 check-ins.",
		"Load ratio: still building (1 of 28 days).",
		"Sleep: 6.5 h a night on average over 1 night.",
		"Too few check-ins this week to judge recovery (1 of 7")
	wantContains(t, e.say("/week now").Text, `I don't understand "now"`)
}

func TestWeekUnderRecoveryPutsSleepFirst(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/settings wake:05:30")
	seedMornings(t, e, e.member().ID, 6, domain.CheckIn{SleepHours: domain.Ptr(6.5)})
	e.say("/checkin sleep:7")
	wantContains(t, e.say("/week").Text,
		"• Under-recovery: Sleep averaged 6.6 h over 7 nights: 10.0 h short in all, against 8 h a night.",
		"Next week: put sleep first: 8–10 hours a night, lights out by 20:30 for your 05:30 wake-up")
}

// club sets up a Telegram group club with a coach (an admin), Ann who shares
// and Zed who does not; it returns the coach's group command.
func club(t *testing.T, e *env) bot.Command {
	t.Helper()
	join := func(id, name string, admin bool, share string) {
		e.sayAs(bot.Command{UserID: id, UserName: name, ChatID: id, Private: true, Text: "/settings share:" + share})
		e.sayAs(bot.Command{UserID: id, UserName: name, ChatID: "-100", GroupTitle: "Riverside Runners", SenderIsAdmin: admin, Text: "/join"})
	}
	join("1", "Coach Kim", true, "off")
	join("2", "Ann", false, "on")
	join("3", "Zed Secret", false, "off")
	ctx := context.Background()
	ann, err := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "2")
	if err != nil {
		t.Fatal(err)
	}
	seedOverload(t, e, ann.ID)
	zed, err := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "3")
	if err != nil {
		t.Fatal(err)
	}
	seedRuns(t, e, zed.ID, 6, 0, 42195, 200, 9)
	seedMornings(t, e, zed.ID, 7, domain.CheckIn{RHR: domain.Ptr(97)})
	return bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "-100", GroupTitle: "Riverside Runners", Text: "/summary"}
}

func TestSummaryGoesToTheCoachPrivatelyAndNamesOnlyThoseWhoShare(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e)
	r := e.sayAs(cmd)
	if !r.Private || r.GroupNote == "" {
		t.Errorf("the group summary names members: it must go privately, with a note in the group: %+v", r)
	}
	wantContains(t, r.Text,
		"Riverside Runners, week Sat 14 Nov – Fri 20 Nov.",
		"3 members: 1 shares with coaches, 2 do not (counted, not shown).",
		"Check-ins: 0 of 7 possible (0%). Running: 112.0 km (69.6 mi) in 7 runs (11:12 h).",
		"1 of 1 flagged, worst first:",
		"Ann: 112.0 km (69.6 mi) in 7 runs",
		"• Overload: Load ratio (ACWR, uncoupled) 2.00",
		"Load-ratio thresholds are disputed")
	for _, leak := range []string{"Zed", "Secret", "97", "42.2", "295"} {
		if strings.Contains(r.Text, leak) {
			t.Errorf("summary leaks %q:\n%s", leak, r.Text)
		}
	}
}

func TestSummaryIsForCoachesInTheGroupOrInPrivate(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e)
	member := cmd
	member.UserID, member.UserName = "2", "Ann"
	wantContains(t, e.sayAs(member).Text, "Only the club's coaches")
	private := cmd
	private.ChatID, private.Private = "1", true
	inGroup, inPrivate := e.sayAs(cmd), e.sayAs(private)
	if inPrivate.Text != inGroup.Text || !inPrivate.Private {
		t.Errorf("the coach's /summary in private:\n%s\nwant the group's:\n%s", inPrivate.Text, inGroup.Text)
	}
	annPrivate := private
	annPrivate.UserID, annPrivate.ChatID = "2", "2"
	wantContains(t, e.sayAs(annPrivate).Text, "You coach no club yet")
}

func TestWeeklyPushSharesTheCommandsText(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e)
	ctx := context.Background()
	c, err := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-100")
	if err != nil {
		t.Fatal(err)
	}
	push, err := e.svc.GroupWeekReply(ctx, c, domain.DateOf(e.now), domain.UnitsKM)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.sayAs(cmd); got.Text != push.Text || !push.Private {
		t.Errorf("/summary and the push differ:\n%s\n---\n%s", got.Text, push.Text)
	}
	ann, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "2")
	mine, err := e.svc.WeekReply(ctx, ann, domain.DateOf(e.now))
	if err != nil {
		t.Fatal(err)
	}
	got := e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/week"})
	if got.Text != mine.Text || !mine.Private {
		t.Errorf("/week and the push differ:\n%s\n---\n%s", got.Text, mine.Text)
	}
}

func TestSummaryInMilesForACoachWhoPrefersThem(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e)
	e.sayAs(bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "1", Private: true, Text: "/settings units:mi"})
	wantContains(t, e.sayAs(cmd).Text, "Running: 69.6 mi (112.0 km)", "Distance up 100% on the week before (69.6 mi against 34.8 mi)")
}
