package telegram_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

func TestRunRegistersEachScopesCommandsByTheTablesRules(t *testing.T) {
	srv := telegramtest.New(t)
	hs := newHarness(t, srv, newRecorder(nil)).run(t)
	srv.WaitUntil(t, "setMyCommands for three scopes", func() bool { return len(srv.Calls("setMyCommands")) >= 3 })
	hs.stop()

	names := func(cmds []telegramtest.BotCommand) []string {
		var out []string
		for _, c := range cmds {
			out = append(out, c.Command)
		}
		return out
	}
	// What each scope should offer, read from the table's rules: coach
	// commands in group administrators' menus only, private-only commands
	// nowhere in a group, group-only ones nowhere in a private chat.
	var private, groups, admins []string
	for _, c := range handlers.CommandSpecs() {
		switch {
		case c.Hidden:
		case c.CoachOnly:
			admins = append(admins, c.Name)
		case c.PrivateOnly:
			private = append(private, c.Name)
		case c.GroupOnly:
			groups, admins = append(groups, c.Name), append(admins, c.Name)
		default:
			private, groups, admins = append(private, c.Name), append(groups, c.Name), append(admins, c.Name)
		}
	}
	for _, sc := range []struct {
		scope string
		want  []string
	}{{"default", private}, {"all_group_chats", groups}, {"all_chat_administrators", admins}} {
		if got := names(srv.Commands(sc.scope)); !slices.Equal(got, sc.want) {
			t.Errorf("%s: %v, want %v", sc.scope, got, sc.want)
		}
	}
	for scope, lacks := range map[string][]string{
		"default":                 {"join", "summary", "coach", "as"},
		"all_group_chats":         {"summary", "coach", "link", "as"},
		"all_chat_administrators": {"link", "as"},
	} {
		for _, name := range lacks {
			if slices.Contains(names(srv.Commands(scope)), name) {
				t.Errorf("%s offers /%s", scope, name)
			}
		}
	}
	if got := names(srv.Commands("all_chat_administrators")); !slices.Contains(got, "summary") || !slices.Contains(got, "join") {
		t.Errorf("admins' menu %v lacks the coach or group commands", got)
	}
}

func TestPrivateMessagesBecomeCommands(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		wantName   string
		wantArgs   map[string]string
		wantPos    []string
		wantAnswer string
	}{
		{name: "command with arguments", text: "/checkin rhr:52 sleep=7.5", wantName: "checkin", wantArgs: map[string]string{"rhr": "52", "sleep": "7.5"}, wantAnswer: "ok checkin"},
		{name: "bare number after a prompt is plain text", text: "52", wantName: "", wantPos: []string{"52"}, wantAnswer: "ok "},
		{name: "bot suffix in a private chat", text: "/help@runclub_test_bot", wantName: "help", wantAnswer: "ok help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			h := newRecorder(nil)
			newHarness(t, srv, h).run(t)
			sentAt := time.Unix(time.Now().Unix(), 0).UTC()
			srv.SendPrivate(ann, tt.text)
			cmd := h.next(t)
			if read(cmd).Name != tt.wantName || cmd.Text != tt.text || !cmd.Private {
				t.Errorf("command = %q text %q private %v, want %q %q true", read(cmd).Name, cmd.Text, cmd.Private, tt.wantName, tt.text)
			}
			if cmd.Platform != "telegram" || cmd.UserID != "1001" || cmd.ChatID != "1001" || cmd.UserName != "Ann" {
				t.Errorf("sender = %s %s chat %s name %q", cmd.Platform, cmd.UserID, cmd.ChatID, cmd.UserName)
			}
			if cmd.Time.Before(sentAt.Add(-time.Second)) || cmd.Time.After(sentAt.Add(2*time.Second)) {
				t.Errorf("time = %v, want the message date near %v", cmd.Time, sentAt)
			}
			for k, v := range tt.wantArgs {
				if got := read(cmd).Args[k]; got != v {
					t.Errorf("arg %s = %q, want %q", k, got, v)
				}
			}
			if !slices.Equal(read(cmd).Words, tt.wantPos) {
				t.Errorf("positional = %v, want %v", read(cmd).Words, tt.wantPos)
			}
			if got := srv.WaitSent(t, ann.ID, 1)[0].Text; got != strings.TrimSpace(tt.wantAnswer) && got != tt.wantAnswer {
				t.Errorf("answer = %q, want %q", got, tt.wantAnswer)
			}
		})
	}
}

func TestGroupCommandsNeedTheirBotAndCarryGroupAndAdmin(t *testing.T) {
	srv := telegramtest.New(t)
	srv.SetMemberStatus(club, coach, "administrator")
	h := newRecorder(nil)
	newHarness(t, srv, h).run(t)

	// Chatter and commands for another bot come first from the same member;
	// updates of one member are handled in order, so if they were passed on
	// they would be the first commands seen.
	srv.SendGroup(club, ann, "morning all, 16 miles done")
	srv.SendGroup(club, ann, "/join@some_other_bot")
	srv.SendGroup(club, ann, "/join@runclub_test_bot")
	cmd := h.next(t)
	if read(cmd).Name != "join" || cmd.Private || cmd.ChatID != "-4001" || cmd.UserID != "1001" {
		t.Fatalf("command = %+v, want join from 1001 in -4001", cmd)
	}
	if cmd.GroupTitle != "Dawn Patrol <RC>" || cmd.SenderIsAdmin {
		t.Errorf("group title %q admin %v, want the title and not admin", cmd.GroupTitle, cmd.SenderIsAdmin)
	}
	srv.SendGroup(club, coach, "/summary")
	if cmd := h.next(t); read(cmd).Name != "summary" || !cmd.SenderIsAdmin || cmd.UserName != "Cora Coach" {
		t.Errorf("coach command = %q admin %v name %q, want summary by an admin", read(cmd).Name, cmd.SenderIsAdmin, cmd.UserName)
	}
	if n := len(h.all()); n != 2 {
		t.Errorf("handler called %d times, want 2 (chatter and other bots ignored)", n)
	}
	msgs := srv.WaitSent(t, club.ID, 2)
	if msgs[0].Text != "ok join" || msgs[1].Text != "ok summary" {
		t.Errorf("group answers = %q, %q", msgs[0].Text, msgs[1].Text)
	}
}

func TestCallbackButtonBecomesTheCommandItCarries(t *testing.T) {
	srv := telegramtest.New(t)
	h := newRecorder(func(c bot.Command) bot.Reply {
		if read(c).Name == "checkin" && len(read(c).Args) == 0 {
			return bot.Reply{Text: "How fatigued are you?", Buttons: [][]bot.Button{
				{{Label: "1", Data: "/checkin fatigue:1"}, {Label: "4", Data: "/checkin fatigue:4"}},
				{{Label: "Skip", Data: "/checkin skip:fatigue"}},
			}}
		}
		return bot.Reply{Text: "Saved fatigue " + read(c).Args["fatigue"]}
	})
	newHarness(t, srv, h).run(t)

	srv.SendPrivate(ann, "/checkin")
	h.next(t)
	question := srv.WaitSent(t, ann.ID, 1)[0]
	wantButtons := [][]string{{"/checkin fatigue:1", "/checkin fatigue:4"}, {"/checkin skip:fatigue"}}
	if got := question.Buttons(); !slices.EqualFunc(got, wantButtons, slices.Equal) {
		t.Fatalf("buttons = %v, want %v", got, wantButtons)
	}

	id := srv.Press(ann, question, "/checkin fatigue:4")
	cmd := h.next(t)
	if read(cmd).Name != "checkin" || read(cmd).Args["fatigue"] != "4" || cmd.Text != "/checkin fatigue:4" || !cmd.Private || cmd.UserID != "1001" {
		t.Errorf("pressed command = %+v", cmd)
	}
	if got := srv.WaitSent(t, ann.ID, 2)[1].Text; got != "Saved fatigue 4" {
		t.Errorf("answer = %q", got)
	}
	srv.WaitUntil(t, "callback answered and keyboard removed", func() bool {
		return srv.CallbackAnswered(id) && len(srv.Edits()) == 1
	})
	if e := srv.Edits()[0]; e.MessageID != question.MessageID || e.Keyboard != nil {
		t.Errorf("edit = %+v, want keyboard removed from message %d", e, question.MessageID)
	}
}

func TestRepliesAreEscapedForHTML(t *testing.T) {
	srv := telegramtest.New(t)
	h := newRecorder(func(bot.Command) bot.Reply { return bot.Reply{Text: `<b>& "5 < 6" 'x'</b>`} })
	newHarness(t, srv, h).run(t)
	srv.SendPrivate(ann, "/help")
	m := srv.WaitSent(t, ann.ID, 1)[0]
	if m.Text != `<b>& "5 < 6" 'x'</b>` {
		t.Errorf("shown text = %q, want the reply verbatim", m.Text)
	}
	if m.ParseMode != "HTML" || !strings.Contains(m.Raw, "&lt;b&gt;&amp;") {
		t.Errorf("sent %q in mode %q, want escaped HTML", m.Raw, m.ParseMode)
	}
}

func TestBadInputGetsAFriendlyAnswer(t *testing.T) {
	tests := []struct {
		name string
		send func(*telegramtest.Server)
		want string
	}{
		{"argument given twice", func(s *telegramtest.Server) { s.SendPrivate(ann, "/checkin rhr:52 rhr:53") }, "rhr is given twice"},
		{"not a command", func(s *telegramtest.Server) { s.SendPrivate(ann, "/?? now") }, "is not a command"},
		{"too long", func(s *telegramtest.Server) { s.SendPrivate(ann, "/run "+strings.Repeat("x", 2000)) }, "too long"},
		{"no text", func(s *telegramtest.Server) {
			s.Inject(telegramtest.Update{Message: &telegramtest.Message{MessageID: 7, From: &ann, Chat: telegramtest.Chat{ID: ann.ID, Type: "private"}, Date: time.Now().Unix(),
				Photo: []telegramtest.PhotoSize{{FileID: "p", FileUniqueID: "p", Width: 1, Height: 1}}}})
		}, "I can only read text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			srv.AddUser(ann, true)
			svc, db := realService(t)
			newHarness(t, srv, newRecorder(func(c bot.Command) bot.Reply { return svc.Handle(context.Background(), c) })).run(t)
			tt.send(srv)
			if got := srv.WaitSent(t, ann.ID, 1)[0].Text; !strings.Contains(got, tt.want) {
				t.Errorf("answer = %q, want it to say %q", got, tt.want)
			}
			if _, err := db.MemberByIdentity(context.Background(), "telegram", "1001"); domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("bad input stored the sender (err %v)", err)
			}
		})
	}
}

func TestPanicInHandlerAnswersAndBotKeepsWorking(t *testing.T) {
	srv := telegramtest.New(t)
	h := newRecorder(func(c bot.Command) bot.Reply {
		if read(c).Name == "boom" {
			panic("nil map in adapter code")
		}
		return bot.Reply{Text: "still here"}
	})
	hs := newHarness(t, srv, h).run(t)
	srv.SendPrivate(ann, "/boom")
	srv.SendPrivate(ann, "/help")
	msgs := srv.WaitSent(t, ann.ID, 2)
	if !strings.Contains(msgs[0].Text, "Something went wrong") || msgs[1].Text != "still here" {
		t.Errorf("answers = %q, %q", msgs[0].Text, msgs[1].Text)
	}
	if logs := hs.logs.String(); !strings.Contains(logs, "panic while handling an update") || !strings.Contains(logs, "nil map in adapter code") {
		t.Errorf("panic not logged: %s", logs)
	}
}
