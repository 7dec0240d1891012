package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

// checkInOn stores a check-in ago days before the test's today.
func checkInOn(t *testing.T, e *env, memberID int64, ago int, c domain.CheckIn) {
	t.Helper()
	c.MemberID, c.Date = memberID, domain.DateOf(e.now).AddDays(-ago)
	if _, err := e.db.UpsertCheckIn(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// alertClub is a club whose sharing member Ann was red yesterday and
// today, and whose non-sharing member Zed went quiet after a streak.
func alertClub(t *testing.T, e *env) (coach bot.Command, ann, zed domain.Member) {
	t.Helper()
	ctx := context.Background()
	join := func(id, name string, admin bool, share string) domain.Member {
		e.sayAs(bot.Command{UserID: id, UserName: name, ChatID: id, Private: true, Text: "/settings share:" + share})
		e.sayAs(bot.Command{UserID: id, UserName: name, ChatID: "-100", GroupTitle: "Riverside Runners", SenderIsAdmin: admin, Text: "/join"})
		m, err := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, id)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	join("1", "Coach Kim", true, "off")
	ann, zed = join("2", "Ann", false, "on"), join("3", "Zed Secret", false, "off")
	for ago := 30; ago >= 2; ago-- {
		checkInOn(t, e, ann.ID, ago, domain.CheckIn{RHR: domain.Ptr(48), SleepHours: domain.Ptr(8.5)})
	}
	for ago := 1; ago >= 0; ago-- {
		checkInOn(t, e, ann.ID, ago, domain.CheckIn{RHR: domain.Ptr(61), SleepHours: domain.Ptr(5.5)})
	}
	for ago := 12; ago >= 4; ago-- {
		checkInOn(t, e, zed.ID, ago, domain.CheckIn{RHR: domain.Ptr(97)})
	}
	return bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "1", Private: true}, ann, zed
}

func TestCoachAlertsShowWhatTheCoachWouldHearAndSwitch(t *testing.T) {
	e := newEnv(t)
	coach, _, _ := alertClub(t, e)
	coach.Text = "/coach alerts"
	r := e.sayAs(coach)
	if !r.Private {
		t.Error("alerts name members: private")
	}
	wantContains(t, r.Text, "Alerts about Riverside Runners are on",
		"Riverside Runners: Ann may need a look.",
		"• Red two days running (yesterday and today): resting HR 61 bpm (+13 over their 48), slept 5.5 h.",
		"Suggestion: check in with Ann today",
		"1 member who does not share has not checked in for 3 days")
	for _, leak := range []string{"Zed", "97"} {
		if strings.Contains(r.Text, leak) {
			t.Errorf("alerts leak %q:\n%s", leak, r.Text)
		}
	}
	coach.Text = "/coach alerts off"
	wantContains(t, e.sayAs(coach).Text, "Alerts about Riverside Runners are off")
	coach.Text = "/coach alerts"
	wantContains(t, e.sayAs(coach).Text, "are off (/coach alerts on turns them on)", "Ann may need a look")
	coach.Text = "/coach alerts maybe"
	wantContains(t, e.sayAs(coach).Text, "Alerts must be on or off")
	member := bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/coach alerts"}
	wantContains(t, e.sayAs(member).Text, "You coach no club yet")
}

func TestClubAlertsAreInEachCoachsUnitsAndNeverAboutThemselves(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, ann, _ := alertClub(t, e)
	seedOverload(t, e, ann.ID)
	e.sayAs(bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "1", Private: true, Text: "/settings units:mi"})
	e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "-100", GroupTitle: "Riverside Runners", Text: "/coach add @Ann"})
	e.sayAs(bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "-100", GroupTitle: "Riverside Runners", SenderIsAdmin: true, Text: "/coach add @Ann"})
	c, _ := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-100")
	roster, _ := e.db.Roster(ctx, c.ID)
	var coaches []domain.Member
	for _, r := range roster {
		if r.Role == domain.RoleCoach {
			coaches = append(coaches, r.Member)
		}
	}
	got, err := handlers.Scheduled{Service: e.svc}.ClubAlerts(ctx, c, roster, coaches, e.now)
	if err != nil || len(coaches) != 2 {
		t.Fatalf("alerts %v, %v, coaches %d", got, err, len(coaches))
	}
	kim, annAsCoach := coaches[0], coaches[1]
	about := got[kim.ID][domain.AlertSubject{MemberID: ann.ID}]
	wantContains(t, about.Text, "Load ratio 2.00", "Running: 69.6 mi (112.0 km) this week, 34.8 mi the week before")
	if !about.Private {
		t.Error("an alert is private")
	}
	if _, ok := got[annAsCoach.ID][domain.AlertSubject{MemberID: ann.ID}]; ok {
		t.Error("a coach got an alert about themselves")
	}
	if len(got[kim.ID]) != 2 || len(got[annAsCoach.ID]) != 1 {
		t.Errorf("alerts per coach: Kim %d (Ann, the quiet count), Ann %d (the quiet count)", len(got[kim.ID]), len(got[annAsCoach.ID]))
	}
	// The next day, before Ann's check-in, her two red days still stand,
	// told in the coach's own dates.
	late := e.now.Add(24 * time.Hour)
	next, _ := handlers.Scheduled{Service: e.svc}.ClubAlerts(ctx, c, roster, coaches, late)
	wantContains(t, next[kim.ID][domain.AlertSubject{MemberID: ann.ID}].Text, "Red two days running (Thu 19 Nov and yesterday)")
}
