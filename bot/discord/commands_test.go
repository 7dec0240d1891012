package discord

import (
	"slices"
	"strconv"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

var ann = discordtest.User{ID: "700000000000000001", Name: "ann"}

func TestRegistersEveryCommandWithOneBulkOverwriteToTheGuild(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	ows := hs.fake.Overwrites()
	if len(ows) != 1 {
		t.Fatalf("got %d bulk overwrites, want exactly 1", len(ows))
	}
	if ows[0].GuildID != testGuild.ID {
		t.Errorf("registered to guild %q, want %q", ows[0].GuildID, testGuild.ID)
	}
	var names []string
	for _, c := range ows[0].Commands {
		names = append(names, c.Name)
	}
	var want []string
	for _, s := range handlers.CommandSpecs() {
		if !s.Hidden {
			want = append(want, s.Name)
		}
	}
	if !slices.Equal(names, want) {
		t.Fatalf("registered %v, want %v", names, want)
	}
	for _, r := range hs.fake.Requests() {
		if r.Method == "PUT" || r.Method == "POST" && r.Path != "" && r.Path[:9] == "/applicat" {
			if r.Path != "/applications/"+hs.fake.AppID()+"/guilds/"+testGuild.ID+"/commands" {
				t.Errorf("unexpected registration request %s %s", r.Method, r.Path)
			}
		}
	}
	if got := hs.fake.Intents(); got != int64(Intents) {
		t.Errorf("identified with intents %d, want %d (Guilds | DirectMessages)", got, Intents)
	}
}

func TestRegistersGloballyWithoutGuildID(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), func(c *Config) { c.GuildID = "" })
	ows := hs.fake.Overwrites()
	if len(ows) != 1 || ows[0].GuildID != "" {
		t.Fatalf("overwrites = %+v, want one global overwrite", ows)
	}
}

func TestCommandOptionsAreTypedFromTheSpecs(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	got := map[string]discordtest.Command{}
	for _, c := range hs.fake.Overwrites()[0].Commands {
		got[c.Name] = c
	}
	for _, spec := range handlers.CommandSpecs() {
		c, registered := got[spec.Name]
		if spec.Hidden {
			if registered {
				t.Errorf("%s is hidden (the terminal's only) but registered", spec.Name)
			}
			continue
		}
		if c.Description == "" {
			t.Errorf("%s: no description", spec.Name)
		}
		wantDM := !spec.GroupOnly
		if c.DMPermission == nil || *c.DMPermission != wantDM {
			t.Errorf("%s: dm_permission = %v, want %v", spec.Name, c.DMPermission, wantDM)
		}
		if c.Contexts == nil || slices.Contains(*c.Contexts, 1) != wantDM || !slices.Contains(*c.Contexts, 0) {
			t.Errorf("%s: contexts = %v, want guild%s", spec.Name, c.Contexts, map[bool]string{true: " and bot DM"}[wantDM])
		}
		args := OptionArgs(spec)
		if len(c.Options) != len(args) {
			t.Fatalf("%s: %d options, want %d", spec.Name, len(c.Options), len(args))
		}
		for i, arg := range args {
			o := c.Options[i]
			wantType := map[bot.ArgKind]int{bot.ArgInteger: 4, bot.ArgNumber: 10, bot.ArgMember: 6}[arg.Kind]
			if wantType == 0 {
				wantType = 3 // every other kind is text the router reads
			}
			if o.Name != arg.Name || o.Type != wantType || o.Required {
				t.Errorf("%s %s: got name %q type %d required %v, want type %d optional", spec.Name, arg.Name, o.Name, o.Type, o.Required, wantType)
			}
			if arg.Kind == bot.ArgInteger || arg.Kind == bot.ArgNumber {
				if o.MinValue == nil || *o.MinValue != arg.Min || o.MaxValue == nil || *o.MaxValue != arg.Max {
					t.Errorf("%s %s: bounds %v..%v, want %v..%v", spec.Name, arg.Name, o.MinValue, o.MaxValue, arg.Min, arg.Max)
				}
			} else if o.MinValue != nil || o.MaxValue != nil {
				t.Errorf("%s %s: text option with bounds", spec.Name, arg.Name)
			}
			var choices []string
			for _, ch := range o.Choices {
				choices = append(choices, ch.Value.(string))
			}
			if !slices.Equal(choices, arg.Choices) {
				t.Errorf("%s %s: choices %v, want %v", spec.Name, arg.Name, choices, arg.Choices)
			}
		}
	}
	// Spot-check values from the specs so a wrong mapping of both sides fails too.
	rhr := got["checkin"].Options[0]
	if rhr.Name != "rhr" || rhr.Type != 4 || *rhr.MinValue != 25 || *rhr.MaxValue != 120 {
		t.Errorf("checkin rhr = %+v, want integer 25..120", rhr)
	}
	sleep := got["checkin"].Options[2]
	if sleep.Name != "sleep" || sleep.Type != 10 || *sleep.MinValue != 0 || *sleep.MaxValue != 16 {
		t.Errorf("checkin sleep = %+v, want number 0..16", sleep)
	}
}

// optionFor picks a typed value for an argument, and the text the handler
// should see for it.
func optionFor(arg bot.ArgSpec) (discordtest.Option, string) {
	switch arg.Kind {
	case bot.ArgInteger:
		v := int(arg.Min) + 1
		return discordtest.Option{Name: arg.Name, Type: 4, Value: v}, strconv.Itoa(v)
	case bot.ArgNumber:
		v := arg.Min + 2.5
		return discordtest.Option{Name: arg.Name, Type: 10, Value: v}, strconv.FormatFloat(v, 'f', -1, 64)
	case bot.ArgChoice:
		return discordtest.Option{Name: arg.Name, Type: 3, Value: arg.Choices[len(arg.Choices)-1]}, arg.Choices[len(arg.Choices)-1]
	case bot.ArgMember:
		return discordtest.Option{Name: arg.Name, Type: 6, Value: "700000000000000042"}, "@700000000000000042"
	default:
		return discordtest.Option{Name: arg.Name, Type: 3, Value: "2026-01-0" + strconv.Itoa(len(arg.Name)%9+1)}, "2026-01-0" + strconv.Itoa(len(arg.Name)%9+1)
	}
}

func TestEveryCommandBecomesABotCommand(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	i := 0
	for _, spec := range handlers.CommandSpecs() {
		if spec.Hidden {
			continue
		}
		i++
		var opts []discordtest.Option
		want := map[string]string{}
		for _, arg := range OptionArgs(spec) {
			o, text := optionFor(arg)
			opts = append(opts, o)
			want[arg.Name] = text
		}
		guild := ""
		if spec.GroupOnly {
			guild = testGuild.ID
		}
		id := hs.fake.Command(guild, ann, 0, spec.Name, opts...)
		cmd := hs.waitCommand(t, i)
		if cmd.Name != spec.Name || cmd.Platform != domain.PlatformDiscord || cmd.UserID != ann.ID || cmd.UserName != "ann" {
			t.Errorf("%s: got %+v", spec.Name, cmd)
		}
		if len(cmd.Options) != len(want) {
			t.Errorf("%s: options %v, want %v", spec.Name, cmd.Options, want)
		}
		for k, v := range want {
			if cmd.Options[k] != v {
				t.Errorf("%s: option %s = %q, want %q", spec.Name, k, cmd.Options[k], v)
			}
		}
		for _, m := range cmd.Mentions {
			if m.Token != "@"+m.UserID || want["member"] != m.Token {
				t.Errorf("%s: mention %+v does not stand for the member option", spec.Name, m)
			}
		}
		if cmd.Private != (guild == "") || cmd.GuildID != guild || cmd.ChatID == "" || cmd.Time.IsZero() {
			t.Errorf("%s: private=%v guild=%q chat=%q time=%v", spec.Name, cmd.Private, cmd.GuildID, cmd.ChatID, cmd.Time)
		}
		if r := hs.waitReplies(t, id, 1); r[0].Content != "ok "+spec.Name {
			t.Errorf("%s: replied %q", spec.Name, r[0].Content)
		}
	}
}

func TestNumbersAndIntegersKeepTheirTypedValues(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	hs.fake.Command("", ann, 0, "checkin",
		discordtest.Option{Name: "rhr", Type: 4, Value: 52},
		discordtest.Option{Name: "sleep", Type: 10, Value: 7.25},
		discordtest.Option{Name: "hrv", Type: 10, Value: 65.0})
	cmd := hs.waitCommand(t, 1)
	want := map[string]string{"rhr": "52", "sleep": "7.25", "hrv": "65"}
	for k, v := range want {
		if cmd.Options[k] != v {
			t.Errorf("option %s = %q, want %q", k, cmd.Options[k], v)
		}
	}
	if cmd.Text != "/checkin rhr:52 sleep:7.25 hrv:65" {
		t.Errorf("text = %q", cmd.Text)
	}
}

func TestServerCommandsCarryGuildAndAdminFlag(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	cases := []struct {
		name  string
		perms int64
		admin bool
	}{
		{"plain member", 0, false},
		{"manage server", discordtest.PermManageGuild, true},
		{"administrator", discordtest.PermAdministrator, true},
		{"other permissions only", 1<<11 | 1<<10, false},
	}
	for i, c := range cases {
		hs.fake.Command(testGuild.ID, ann, c.perms, "summary")
		cmd := hs.waitCommand(t, i+1)
		if cmd.SenderIsAdmin != c.admin || cmd.Private || cmd.GuildID != testGuild.ID || cmd.GroupTitle != testGuild.Name {
			t.Errorf("%s: admin=%v private=%v guild=%q title=%q", c.name, cmd.SenderIsAdmin, cmd.Private, cmd.GuildID, cmd.GroupTitle)
		}
	}
}
