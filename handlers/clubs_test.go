package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// discordServer is a Discord server: commands there carry its guild id.
func discordServer(user, name string, admin bool, text string) bot.Command {
	return bot.Command{Platform: domain.PlatformDiscord, UserID: user, UserName: name, ChatID: "chan-1", GuildID: "guild-1",
		GroupTitle: "Hill Harriers", SenderIsAdmin: admin, Text: text}
}

func discordDM(user, name, text string) bot.Command {
	return bot.Command{Platform: domain.PlatformDiscord, UserID: user, UserName: name, ChatID: "dm-" + user, Private: true, Text: text}
}

func TestAnyCommandInTheServerJoinsItsClubOnceWithAPrivateNote(t *testing.T) {
	e := newEnv(t)
	r := e.sayAs(discordServer("20", "Ann", false, "/checkin rhr:50 sleep:8"))
	if !r.Private {
		t.Fatalf("the first command in a server is answered privately, with the note: %+v", r)
	}
	wantContains(t, r.Text, "You are now a member of Hill Harriers", "/settings share:on", "/leave", "Saved your check-in")
	again := e.sayAs(discordServer("20", "Ann", false, "/checkin fatigue:3"))
	if strings.Contains(again.Text, "You are now a member") {
		t.Errorf("the note is for the first time only: %q", again.Text)
	}
	club, err := e.db.ClubByChat(context.Background(), domain.PlatformDiscord, "guild-1")
	if err != nil || club.Title != "Hill Harriers" {
		t.Fatalf("the server is a club: %+v, %v", club, err)
	}
	ann, _ := e.db.MemberByIdentity(context.Background(), domain.PlatformDiscord, "20")
	if cm, err := e.db.ClubMember(context.Background(), club.ID, ann.ID); err != nil || cm.Role != domain.RoleMember {
		t.Errorf("Ann's place: %+v, %v", cm, err)
	}
	// A stranger's /help joins no one: there is no member to join.
	e.sayAs(discordServer("21", "Bo", false, "/help"))
	if _, err := e.db.MemberByIdentity(context.Background(), domain.PlatformDiscord, "21"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("/help stored its sender: %v", err)
	}
}

func TestAServerManagerGetsTheSummaryOfMembersWhoNeverSentJoin(t *testing.T) {
	e := newEnv(t)
	e.sayAs(discordDM("20", "Ann", "/settings share:on"))
	e.sayAs(discordServer("20", "Ann", false, "/run 12km 60m rpe:5"))
	e.sayAs(discordDM("22", "Cy", "/start"))
	e.sayAs(discordServer("22", "Cy", false, "/readiness"))
	r := e.sayAs(discordServer("30", "Manager Mo", true, "/summary"))
	if !r.Private {
		t.Fatalf("the summary names members: private, got %+v", r)
	}
	wantContains(t, r.Text, "As a group admin you are one of its coaches", "Hill Harriers, week", "3 members: 1 shares with coaches, 2 do not", "Ann")
	if strings.Contains(r.Text, "Cy") {
		t.Errorf("Cy does not share: %q", r.Text)
	}
	// In private, the manager's coach commands act on the club they coach.
	p := e.sayAs(discordDM("30", "Manager Mo", "/summary"))
	wantContains(t, p.Text, "Hill Harriers, week", "Ann")
}

func TestAGroupTheBotJoinsIsAClubWhoseAdminsAreCoaches(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true, Text: "/start"})
	e.svc.ChatJoined(ctx, domain.PlatformTelegram, "-200", "Track Tuesday", []string{"1", "9"})
	club, err := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-200")
	if err != nil || club.Title != "Track Tuesday" {
		t.Fatalf("club %+v, %v", club, err)
	}
	kim, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "1")
	if cm, err := e.db.ClubMember(ctx, club.ID, kim.ID); err != nil || cm.Role != domain.RoleCoach {
		t.Errorf("a registered admin is a coach at once: %+v, %v", cm, err)
	}
	// The admin who was not a member yet becomes a coach on registering,
	// and can use coach commands in private straight away.
	e.sayAs(bot.Command{UserID: "9", UserName: "Lee", ChatID: "9", Private: true, Text: "/start"})
	wantContains(t, e.sayAs(bot.Command{UserID: "9", UserName: "Lee", ChatID: "9", Private: true, Text: "/summary"}).Text, "Track Tuesday, week")
	// A coach's change stands when the bot is announced again.
	e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: "-200", GroupTitle: "Track Tuesday", SenderIsAdmin: true, Text: "/coach remove @Lee"})
	e.svc.ChatJoined(ctx, domain.PlatformTelegram, "-200", "Track Tuesday!", []string{"1", "9"})
	lee, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "9")
	if cm, _ := e.db.ClubMember(ctx, club.ID, lee.ID); cm.Role != domain.RoleMember {
		t.Errorf("Lee after /coach remove and a second announcement: %+v", cm)
	}
	if c, _ := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-200"); c.Title != "Track Tuesday!" {
		t.Errorf("title %q", c.Title)
	}
}

func TestLeaveTakesAMemberOutOfTheClubAndItsSummary(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e)
	ann := bot.Command{UserID: "2", UserName: "Ann", ChatID: "-100", GroupTitle: "Riverside Runners", Text: "/leave"}
	r := e.sayAs(ann)
	wantContains(t, r.Text, "You have left Riverside Runners", "stay yours")
	if !r.Private || strings.Contains(r.GroupNote, "left") {
		t.Errorf("leaving is answered privately, and the group is not told: %+v", r)
	}
	s := e.sayAs(cmd)
	wantContains(t, s.Text, "2 members: 0 share with coaches")
	if strings.Contains(s.Text, "Ann") {
		t.Errorf("a member who left is in the summary:\n%s", s.Text)
	}
	wantContains(t, e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/leave"}).Text, "You are in no club")
	ctx := context.Background()
	m, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "2")
	if runs := e.runsOf(m.ID); len(runs) == 0 {
		t.Error("leaving deleted the member's runs")
	}
}

func TestCoachOfSeveralClubsChoosesInPrivate(t *testing.T) {
	e := newEnv(t)
	for _, g := range []struct{ id, title string }{{"-100", "Riverside Runners"}, {"-300", "Trail Gang"}} {
		e.sayAs(bot.Command{UserID: "1", UserName: "Kim", ChatID: g.id, GroupTitle: g.title, SenderIsAdmin: true, Text: "/join"})
	}
	private := bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true}
	with := func(text string) bot.Command { c := private; c.Text = text; return c }
	r := e.sayAs(with("/summary"))
	wantContains(t, r.Text, "Which club?", "Riverside Runners and Trail Gang")
	if len(r.Buttons) != 2 || !strings.HasPrefix(r.Buttons[1][0].Data, "/summary club:") || r.Buttons[1][0].Label != "Trail Gang" {
		t.Fatalf("buttons %+v", r.Buttons)
	}
	wantContains(t, e.sayAs(with(r.Buttons[1][0].Data)).Text, "Trail Gang, week")
	wantContains(t, e.sayAs(with("/summary club:river")).Text, "Riverside Runners, week")
	wantContains(t, e.sayAs(with("/coach weekly Sat 09:00 club:trail")).Text, "Trail Gang now go out on Sat 09:00")
	wantContains(t, e.sayAs(with("/summary club:Harriers")).Text, `"Harriers" is not one of your clubs`, `"Riverside Runners" and "Trail Gang"`)
}

// runsOf lists a member's runs.
func (e *env) runsOf(id int64) []domain.Run {
	e.t.Helper()
	list, err := e.db.Runs(context.Background(), id, domain.Date{Year: 1, Month: 1, Day: 1}, domain.Date{Year: 9999, Month: 1, Day: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

func TestTheGroupSummarySpeaksOfTheMembersToTheCoach(t *testing.T) {
	e := newEnv(t)
	s := e.sayAs(club(t, e)).Text
	wantContains(t, s, "longer than their longest run", "against their 4-week average")
	if strings.Contains(s, "your") {
		t.Errorf("the coach's summary says \"your\" of a member:\n%s", s)
	}
}

func TestRefusedGroupCommandsMakeNoClub(t *testing.T) {
	e := newEnv(t)
	e.sayAs(bot.Command{UserID: "5", UserName: "Bo", ChatID: "5", Private: true, Text: "/start"})
	for _, c := range []bot.Command{
		{UserID: "9", UserName: "Stranger", ChatID: "-700", GroupTitle: "Quiet Group", Text: "/summary"},
		{UserID: "5", UserName: "Bo", ChatID: "-700", GroupTitle: "Quiet Group", Text: "/leave"},
	} {
		r := e.sayAs(c)
		if !strings.Contains(r.Text, "Only the club's coaches") && !strings.Contains(r.Text, "You are not a member of Quiet Group") {
			t.Errorf("%s: %q", c.Text, r.Text)
		}
	}
	if _, err := e.db.ClubByChat(context.Background(), domain.PlatformTelegram, "-700"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a refused command made the group a club: %v", err)
	}
}
