package handlers_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

var linkCode = regexp.MustCompile(`Your link code: ([A-Z0-9]{6})`)

// codeFrom returns the code a /link reply gives.
func codeFrom(t *testing.T, r bot.Reply) string {
	t.Helper()
	m := linkCode.FindStringSubmatch(r.Text)
	if m == nil {
		t.Fatalf("no code in %q", r.Text)
	}
	return m[1]
}

func telegramDM(user, name, text string) bot.Command {
	return bot.Command{Platform: domain.PlatformTelegram, UserID: user, UserName: name, ChatID: user, Private: true, Text: text}
}

func TestLinkJoinsTwoAccountsAndTheirRows(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.sayAs(telegramDM("11", "Ann", "/checkin rhr:50 sleep:7"))
	e.sayAs(telegramDM("11", "Ann", "/settings units:mi"))
	e.sayAs(discordDM("77", "ann_d", "/checkin rhr:52 mood:6 date:yesterday"))
	e.sayAs(discordDM("77", "ann_d", "/run 10km 50m rpe:5"))
	r := e.sayAs(telegramDM("11", "Ann", "/link"))
	wantContains(t, r.Text, "On your other account (runclub on Discord)", "within 10 minutes", "Don't share the code")
	code := codeFrom(t, r)
	linked := e.sayAs(discordDM("77", "ann_d", "/link "+strings.ToLower(code[:3])+"-"+code[3:]))
	wantContains(t, linked.Text, "Linked: you are one member now, Ann, on Discord and Telegram", "moved to the other")

	tg, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "11")
	dc, err := e.db.MemberByIdentity(ctx, domain.PlatformDiscord, "77")
	if err != nil || dc.ID != tg.ID || tg.Units != domain.UnitsMI {
		t.Fatalf("after /link: telegram %+v, discord %+v %v", tg, dc, err)
	}
	cis, _ := e.db.CheckIns(ctx, tg.ID, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.DateOf(e.now))
	if len(cis) != 2 || len(e.runsOf(tg.ID)) != 1 {
		t.Errorf("rows after the merge: %d check-ins, %d runs", len(cis), len(e.runsOf(tg.ID)))
	}
	for _, c := range []bot.Command{telegramDM("11", "Ann", "/export"), discordDM("77", "ann_d", "/export")} {
		x := e.sayAs(c)
		wantContains(t, x.Text, "Telegram account 11", "Discord account 77")
		wantContains(t, string(x.Document.Data), "account,,,,,,,,,,,,,,telegram,11", "account,,,,,,,,,,,,,,discord,77")
	}
	// The code worked once.
	wantContains(t, e.sayAs(discordDM("78", "eve", "/link "+code)).Text, "not right, or it has expired")
	// /forget on either removes all.
	e.sayAs(discordDM("77", "ann_d", "/forget"))
	e.sayAs(discordDM("77", "ann_d", "/forget yes"))
	for _, id := range []struct{ p, u string }{{domain.PlatformTelegram, "11"}, {domain.PlatformDiscord, "77"}} {
		if _, err := e.db.MemberByIdentity(ctx, id.p, id.u); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("%s %s after /forget: %v", id.p, id.u, err)
		}
	}
}

func TestLinkFromANewAccountAddsIt(t *testing.T) {
	e := newEnv(t)
	e.sayAs(telegramDM("11", "Ann", "/start"))
	code := codeFrom(t, e.sayAs(telegramDM("11", "Ann", "/link")))
	wantContains(t, e.sayAs(discordDM("77", "ann_d", "/link "+code)).Text, "on Discord and Telegram", "Your settings are the other account's")
	ctx := context.Background()
	tg, _ := e.db.MemberByIdentity(ctx, domain.PlatformTelegram, "11")
	if dc, err := e.db.MemberByIdentity(ctx, domain.PlatformDiscord, "77"); err != nil || dc.ID != tg.ID || dc.Name != "Ann" {
		t.Errorf("the Discord account is %+v, %v", dc, err)
	}
}

func TestLinkRefusesWrongCodesAfterFiveAnHour(t *testing.T) {
	e := newEnv(t)
	e.sayAs(telegramDM("11", "Ann", "/start"))
	code := codeFrom(t, e.sayAs(telegramDM("11", "Ann", "/link")))
	wrong := "AAAAAA"
	if wrong == code {
		wrong = "BBBBBB"
	}
	// WRONG1 has letters no code has (O, 1): still a guess, and it counts.
	for i, guess := range []string{wrong, "ABC", "WRONG1", wrong, wrong, wrong} {
		r := e.sayAs(discordDM("77", "eve", "/link "+guess)).Text
		if guess == "ABC" {
			wantContains(t, r, "6 letters and digits") // not a guess
			continue
		}
		wantContains(t, r, "not right", map[int]string{0: "4 tries", 2: "3 tries", 3: "2 tries", 4: "1 try", 5: "0 tries"}[i]+" left")
	}
	wantContains(t, e.sayAs(discordDM("77", "eve", "/link "+code)).Text, "Too many wrong codes")
	e.now = e.now.Add(time.Hour + time.Minute)
	// The code has expired by now, too: a new one links.
	wantContains(t, e.sayAs(discordDM("77", "eve", "/link "+code)).Text, "not right, or it has expired")
	code = codeFrom(t, e.sayAs(telegramDM("11", "Ann", "/link")))
	wantContains(t, e.sayAs(discordDM("77", "eve", "/link "+code)).Text, "Linked")
}

func TestLinkIsForPrivateChatsAndOtherAccounts(t *testing.T) {
	e := newEnv(t)
	e.sayAs(telegramDM("11", "Ann", "/start"))
	wantContains(t, e.sayAs(bot.Command{UserID: "11", UserName: "Ann", ChatID: "-100", GroupTitle: "G", Text: "/link"}).Text, "private chat")
	code := codeFrom(t, e.sayAs(telegramDM("11", "Ann", "/link")))
	wantContains(t, e.sayAs(telegramDM("11", "Ann", "/link "+code)).Text, "this account's own")
	wantContains(t, e.sayAs(discordDM("77", "x", "/link")).Text, "Send /start")
}
