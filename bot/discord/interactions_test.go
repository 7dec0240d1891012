package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
)

// feelRow is a quick 1-10 how-do-you-feel row, as the morning prompt has.
func feelButtons() []bot.Button {
	var row []bot.Button
	for i := 1; i <= 10; i++ {
		s := string(rune('0' + i%10))
		if i == 10 {
			s = "10"
		}
		row = append(row, bot.Button{Label: s, Data: "/checkin feel:" + s})
	}
	return row
}

func TestCheckInButtonOpensModalWhoseSubmissionIsACheckin(t *testing.T) {
	t.Parallel()
	h := newRecorder(func(c bot.Command) bot.Reply {
		if c.Name == "checkin" && len(c.Options) > 0 {
			return bot.Reply{Text: "Readiness: train as planned (RHR 52, sleep 7.5 h).", Private: true}
		}
		return bot.Reply{Text: "Good morning! How did you sleep?", CheckInForm: true, Buttons: [][]bot.Button{feelButtons()}}
	})
	hs := start(t, h, nil)

	prompt := hs.fake.Command("", ann, 0, "checkin")
	hs.waitCommand(t, 1)
	msg := hs.waitReplies(t, prompt, 1)[0]
	rows := discordtest.Buttons(msg.Components)
	if len(rows) != 3 || len(rows[0]) != 1 || len(rows[1]) != 5 || len(rows[2]) != 5 {
		t.Fatalf("button rows = %+v, want [Check in] then two rows of five", rows)
	}
	if rows[0][0].CustomID != CheckInButtonID || rows[0][0].Label != "Check in" {
		t.Errorf("first button = %+v, want the Check in form button", rows[0][0])
	}
	if rows[2][4].CustomID != "/checkin feel:10" {
		t.Errorf("last button data = %q", rows[2][4].CustomID)
	}

	press := hs.fake.Press("", ann, CheckInButtonID)
	hs.fake.WaitT(t, "the modal", func() bool { _, ok := hs.fake.Callback(press); return ok })
	cb, _ := hs.fake.Callback(press)
	if cb.Type != 9 || cb.Modal == nil {
		t.Fatalf("button press answered with %+v, want a modal", cb)
	}
	var ids []string
	for _, in := range cb.Modal.Inputs() {
		ids = append(ids, in.CustomID)
	}
	if strings.Join(ids, ",") != "rhr,hrv,sleep,quality,soreness" {
		t.Fatalf("body modal inputs = %v", ids)
	}
	if len(h.commands()) != 1 {
		t.Errorf("opening the modal called the handler")
	}

	submit := hs.fake.Submit("", ann, cb.Modal.CustomID,
		discordtest.Field{ID: "rhr", Value: " 52 "},
		discordtest.Field{ID: "hrv", Value: ""},
		discordtest.Field{ID: "sleep", Value: "7.5"},
		discordtest.Field{ID: "quality", Value: "4"},
		discordtest.Field{ID: "fatigue", Value: "3"}, // not in this form: left out
		discordtest.Field{ID: "soreness", Value: "  "})
	cmd := hs.waitCommand(t, 2)
	want := map[string]string{"rhr": "52", "sleep": "7.5", "quality": "4"}
	if cmd.Name != "checkin" || len(cmd.Options) != len(want) || !cmd.Private {
		t.Fatalf("modal became %+v, want checkin with %v", cmd, want)
	}
	for k, v := range want {
		if cmd.Options[k] != v {
			t.Errorf("option %s = %q, want %q", k, cmd.Options[k], v)
		}
	}
	reply := hs.waitReplies(t, submit, 1)[0]
	if !strings.HasPrefix(reply.Content, "Readiness:") {
		t.Errorf("modal reply = %q, want the readiness line", reply.Content)
	}
	// The second form, the mind, is one tap away.
	rows = discordtest.Buttons(reply.Components)
	if len(rows) == 0 || rows[0][0].CustomID != CheckInMindButtonID {
		t.Fatalf("body form's reply buttons = %+v, want the mind form's button first", rows)
	}
	press = hs.fake.Press("", ann, CheckInMindButtonID)
	hs.fake.WaitT(t, "the mind modal", func() bool { _, ok := hs.fake.Callback(press); return ok })
	cb, _ = hs.fake.Callback(press)
	ids = nil
	for _, in := range cb.Modal.Inputs() {
		ids = append(ids, in.CustomID)
	}
	if cb.Modal == nil || strings.Join(ids, ",") != "fatigue,stress,mood" {
		t.Fatalf("mind modal = %+v, inputs %v", cb.Modal, ids)
	}
	hs.fake.Submit("", ann, cb.Modal.CustomID, discordtest.Field{ID: "fatigue", Value: "3"},
		discordtest.Field{ID: "stress", Value: "6"}, discordtest.Field{ID: "mood", Value: "7"})
	cmd = hs.waitCommand(t, 3)
	if cmd.Name != "checkin" || cmd.Options["fatigue"] != "3" || cmd.Options["stress"] != "6" || cmd.Options["mood"] != "7" || len(cmd.Options) != 3 {
		t.Errorf("mind modal became %+v", cmd)
	}
}

func TestButtonPressIsParsedAsACommand(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	hs.fake.Press(testGuild.ID, ann, "/checkin fatigue:4")
	cmd := hs.waitCommand(t, 1)
	if read(cmd).Name != "checkin" || read(cmd).Args["fatigue"] != "4" || cmd.Text != "/checkin fatigue:4" || cmd.GuildID != testGuild.ID {
		t.Errorf("press became %+v", cmd)
	}
	// Duplicate custom ids were padded with spaces; they parse the same.
	hs.fake.Press(testGuild.ID, ann, "/checkin fatigue:4  ")
	if cmd := hs.waitCommand(t, 2); read(cmd).Args["fatigue"] != "4" {
		t.Errorf("padded press became %+v", cmd)
	}
}

func TestBadButtonDataGetsAFriendlyPrivateAnswer(t *testing.T) {
	t.Parallel()
	svc, db := realService(t)
	hs := start(t, newRecorder(func(c bot.Command) bot.Reply { return svc.Handle(context.Background(), c) }), nil)
	id := hs.fake.Press(testGuild.ID, ann, "/check-in now")
	r := hs.waitReplies(t, id, 1)[0]
	if !strings.Contains(r.Content, "not a command") || !r.Ephemeral() {
		t.Errorf("reply = %q ephemeral=%v", r.Content, r.Ephemeral())
	}
	if _, err := db.MemberByIdentity(context.Background(), domain.PlatformDiscord, ann.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unreadable data stored the sender (err %v)", err)
	}
}

func TestPrivacyOfReplies(t *testing.T) {
	t.Parallel()
	h := newRecorder(func(c bot.Command) bot.Reply {
		return bot.Reply{Text: "RHR 52", Private: c.Name != "help"}
	})
	hs := start(t, h, nil)
	cases := []struct {
		name      string
		guild     string
		command   string
		ephemeral bool
	}{
		{"private reply in a server is ephemeral", testGuild.ID, "readiness", true},
		{"private reply in a DM is a normal message", "", "readiness", false},
		{"public reply in a server is public", testGuild.ID, "help", false},
	}
	for _, c := range cases {
		id := hs.fake.Command(c.guild, ann, 0, c.command)
		r := hs.waitReplies(t, id, 1)[0]
		if r.Ephemeral() != c.ephemeral || r.Via != "callback" {
			t.Errorf("%s: got via=%s flags=%d", c.name, r.Via, r.Flags)
		}
	}
}

func TestSlowHandlerIsDeferredThenCompleted(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := newRecorder(func(c bot.Command) bot.Reply {
		<-release
		return bot.Reply{Text: "Your week: 92 km", Private: c.Name == "week"}
	})
	hs := start(t, h, func(c *Config) { c.DeferAfter = time.Millisecond })

	cases := []struct {
		name, guild, command string
		wantEphemeral        bool
	}{
		{"private in a server", testGuild.ID, "week", true},
		{"public in a server", testGuild.ID, "help", false},
		{"in a DM", "", "week", false},
	}
	for _, c := range cases {
		id := hs.fake.Command(c.guild, ann, 0, c.command)
		hs.fake.WaitT(t, "the deferral", func() bool { _, ok := hs.fake.Callback(id); return ok })
		cb, _ := hs.fake.Callback(id)
		if cb.Type != 5 {
			t.Fatalf("%s: first response type %d, want 5 (deferred)", c.name, cb.Type)
		}
		if deferEphemeral := cb.Flags&64 != 0; deferEphemeral != (c.guild != "") {
			t.Errorf("%s: deferral ephemeral=%v, want %v", c.name, deferEphemeral, c.guild != "")
		}
		if n := len(hs.fake.Replies(id)); n != 0 {
			t.Errorf("%s: %d messages before the handler finished", c.name, n)
		}
		release <- struct{}{}
		hs.fake.WaitT(t, "the completed answer", func() bool {
			for _, m := range hs.fake.Replies(id) {
				if m.Content == "Your week: 92 km" {
					return true
				}
			}
			return false
		})
		if !c.wantEphemeral && c.guild != "" {
			// The ephemeral note is removed once the public answer is out.
			hs.fake.WaitT(t, "the note to go", func() bool { return len(hs.fake.Replies(id)) == 1 })
		}
		got := hs.fake.Replies(id)
		if len(got) != 1 || got[0].Ephemeral() != c.wantEphemeral {
			t.Errorf("%s: replies %+v, want one answer with ephemeral=%v", c.name, got, c.wantEphemeral)
		}
	}
}

func TestQuickHandlerIsNotDeferred(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil) // DeferAfter an hour
	id := hs.fake.Command(testGuild.ID, ann, 0, "help")
	hs.waitReplies(t, id, 1)
	if cb, _ := hs.fake.Callback(id); cb.Type != 4 {
		t.Errorf("response type %d, want 4", cb.Type)
	}
}

func TestExportAttachesTheCSV(t *testing.T) {
	t.Parallel()
	csv := "date,rhr,hrv\n2026-11-27,52,65\n"
	h := newRecorder(func(c bot.Command) bot.Reply {
		return bot.Reply{Text: "Your data.", Private: true, Document: &bot.File{Name: "runclub-export.csv", MIME: "text/csv", Data: []byte(csv)}}
	})
	hs := start(t, h, nil)
	id := hs.fake.Command(testGuild.ID, ann, 0, "export")
	r := hs.waitReplies(t, id, 1)[0]
	if len(r.Files) != 1 || r.Files[0].Name != "runclub-export.csv" || string(r.Files[0].Data) != csv || r.Files[0].ContentType != "text/csv" {
		t.Fatalf("files = %+v", r.Files)
	}
	if !r.Ephemeral() || r.Content != "Your data." {
		t.Errorf("export reply content=%q ephemeral=%v", r.Content, r.Ephemeral())
	}
}

func TestPanickingHandlerGetsAFriendlyReply(t *testing.T) {
	t.Parallel()
	h := newRecorder(func(c bot.Command) bot.Reply {
		if c.Name == "fuel" {
			panic("boom")
		}
		return bot.Reply{Text: "ok"}
	})
	hs := start(t, h, nil)
	id := hs.fake.Command(testGuild.ID, ann, 0, "fuel")
	r := hs.waitReplies(t, id, 1)[0]
	if !strings.HasPrefix(r.Content, "Something went wrong") || !r.Ephemeral() {
		t.Errorf("reply = %q ephemeral=%v", r.Content, r.Ephemeral())
	}
	id = hs.fake.Command(testGuild.ID, ann, 0, "help")
	if r := hs.waitReplies(t, id, 1)[0]; r.Content != "ok" {
		t.Errorf("after a panic the bot answered %q", r.Content)
	}
}

func TestLongRepliesAreSplitAt2000Characters(t *testing.T) {
	t.Parallel()
	line := strings.Repeat("é", 99) + "\n" // 100 characters, 199 bytes
	long := strings.Repeat(line, 45)       // 4,500 characters
	h := newRecorder(func(c bot.Command) bot.Reply {
		return bot.Reply{Text: long, Buttons: [][]bot.Button{{{Label: "More", Data: "/week"}}}}
	})
	hs := start(t, h, nil)
	id := hs.fake.Command("", ann, 0, "week")
	got := hs.waitReplies(t, id, 3)
	var joined strings.Builder
	for i, m := range got {
		if n := len([]rune(m.Content)); n > 2000 {
			t.Errorf("piece %d has %d characters", i, n)
		}
		if (len(m.Components) > 0) != (i == len(got)-1) {
			t.Errorf("piece %d: buttons must be on the last piece only", i)
		}
		joined.WriteString(m.Content)
	}
	if joined.String() != long {
		t.Errorf("pieces do not add up to the reply")
	}
	if got[0].Via != "callback" || got[1].Via != "followup" {
		t.Errorf("delivered via %s, %s", got[0].Via, got[1].Via)
	}
}
