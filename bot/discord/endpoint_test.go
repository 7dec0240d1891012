package discord

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/handlers"
)

// endpoint is an adapter running interactions only (no gateway) with its
// HTTP interactions endpoint served, against a fake Discord that signs
// what it posts.
type endpoint struct {
	fake *discordtest.Server
	a    *Adapter
	url  string
}

// startEndpoint runs RunInteractions with handler h until the test ends.
func startEndpoint(t *testing.T, h bot.Handler, tweak func(*Config)) *endpoint {
	t.Helper()
	fake := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{testGuild}})
	cfg := Config{Token: fake.Token(), APIURL: fake.APIURL(), GuildID: testGuild.ID, DeferAfter: hour,
		Commands: handlers.CommandSpecs(), RetryBackoff: retryBackoffForTests, PublicKey: fake.PublicKey()}
	if tweak != nil {
		tweak(&cfg)
	}
	a, err := New(cfg, h, &events{}, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := a.Ready(); err == nil {
		t.Error("Ready before the commands are registered")
	}
	registered := make(chan struct{})
	a.afterEvent = func(event string) {
		if event == "COMMANDS_REGISTERED" {
			close(registered)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/discord/interactions", a.InteractionsHandler())
	srv := httptest.NewServer(mux)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.RunInteractions(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunInteractions: %v", err)
		}
		srv.Close()
	})
	select {
	case <-registered:
	case <-time.After(15 * time.Second): // bounds a broken test only
		t.Fatal("the commands were not registered over REST")
	}
	if n := len(fake.Overwrites()); n != 1 {
		t.Fatalf("%d command registrations, want 1", n)
	}
	return &endpoint{fake: fake, a: a, url: srv.URL + "/discord/interactions"}
}

// post sends in and fails the test unless the answer was a first response
// Discord accepts.
func (e *endpoint) post(t *testing.T, in discordtest.Interaction) discordtest.Posted {
	t.Helper()
	got, err := e.fake.Post(context.Background(), e.url, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != http.StatusOK || got.Refused != nil || got.Callback == nil {
		t.Fatalf("POST %+v: %d %q, refused: %v", in, got.Status, got.Body, got.Refused)
	}
	return got
}

func TestEndpointAnswersPingWithPong(t *testing.T) {
	t.Parallel()
	e := startEndpoint(t, newRecorder(nil), nil)
	status, typ, err := e.fake.Ping(context.Background(), e.url)
	if err != nil || status != http.StatusOK || typ != 1 {
		t.Errorf("PING = %d, type %d, %v; want 200 and a PONG (type 1)", status, typ, err)
	}
	if e.a.Ready() != nil {
		t.Errorf("Ready after registering over REST: %v", e.a.Ready())
	}
}

func TestEndpointRefusesRequestsDiscordDidNotSign(t *testing.T) {
	t.Parallel()
	h := newRecorder(nil)
	e := startEndpoint(t, h, nil)
	ctx := context.Background()
	cases := []struct {
		name string
		opts discordtest.PostOptions
	}{
		{"signed with another key", discordtest.PostOptions{Forge: true}},
		{"not signed", discordtest.PostOptions{Unsigned: true}},
		{"signed an hour ago (replayed)", discordtest.PostOptions{SignedAt: time.Now().Add(-time.Hour)}},
		{"signed for the future", discordtest.PostOptions{SignedAt: time.Now().Add(time.Hour)}},
	}
	for _, c := range cases {
		got, err := e.fake.Post(ctx, e.url, discordtest.Interaction{Kind: discordtest.KindCommand, User: ann, Command: "help"}, c.opts)
		if err != nil || got.Status != http.StatusUnauthorized {
			t.Errorf("%s: command answered %d %q (%v), want 401", c.name, got.Status, got.Body, err)
		}
		// Discord's own checks send forged PINGs too.
		if status, _, err := e.fake.Ping(ctx, e.url, c.opts); err != nil || status != http.StatusUnauthorized {
			t.Errorf("%s: PING answered %d (%v), want 401", c.name, status, err)
		}
	}
	if n := len(h.commands()); n != 0 {
		t.Errorf("the handler ran %d unsigned commands", n)
	}
}

func TestEndpointAnswersCommandsButtonsAndModals(t *testing.T) {
	t.Parallel()
	svc, _ := realService(t)
	e := startEndpoint(t, svc, nil)

	got := e.post(t, discordtest.Interaction{Kind: discordtest.KindCommand, User: ann, Command: "checkin",
		Options: []discordtest.Option{{Name: "rhr", Type: 4, Value: 52}}})
	if got.Callback.Type != 4 || got.Callback.Via != "http" {
		t.Fatalf("slash command answered with %+v, want a message (4) in the HTTP answer", got.Callback)
	}
	if r := e.fake.Replies(got.ID); len(r) != 1 || !strings.Contains(r[0].Content, "resting HR 52") {
		t.Errorf("slash command reply = %+v", r)
	}

	got = e.post(t, discordtest.Interaction{Kind: discordtest.KindComponent, User: ann, CustomID: CheckInButtonID})
	if got.Callback.Type != 9 || got.Callback.Modal == nil || got.Callback.Modal.CustomID != CheckInModalID {
		t.Fatalf("the check-in button opened %+v, want the body form (9)", got.Callback)
	}

	got = e.post(t, discordtest.Interaction{Kind: discordtest.KindModalSubmit, User: ann, CustomID: CheckInModalID,
		Fields: []discordtest.Field{{ID: "sleep", Value: "7.5"}, {ID: "soreness", Value: "3"}}})
	r := e.fake.Replies(got.ID)
	if got.Callback.Type != 4 || len(r) != 1 || !strings.Contains(r[0].Content, "sleep 7.5 h") {
		t.Fatalf("modal answered %+v with %+v", got.Callback, r)
	}
	if rows := discordtest.Buttons(r[0].Components); len(rows) == 0 || rows[0][0].CustomID != CheckInMindButtonID {
		t.Errorf("the modal's answer lacks the second form's button: %+v", rows)
	}

	got = e.post(t, discordtest.Interaction{Kind: discordtest.KindComponent, User: ann, CustomID: "/week"})
	if r := e.fake.Replies(got.ID); got.Callback.Type != 4 || len(r) == 0 || r[0].Content == "" {
		t.Errorf("a button press answered %+v with %+v", got.Callback, r)
	}
}

// TestEndpointAnswersAsTheGatewayDoes sends the same interactions to an
// adapter on the gateway and to one on the endpoint: the members see the
// same messages.
func TestEndpointAnswersAsTheGatewayDoes(t *testing.T) {
	t.Parallel()
	reply := func(c bot.Command) bot.Reply {
		return bot.Reply{Text: "Readiness: keep it easy", Private: c.Name != "help",
			Buttons: [][]bot.Button{{{Label: "Why?", Data: "/readiness why"}, {Label: "Fuel", Data: "/fuel"}}}}
	}
	gw := start(t, newRecorder(reply), nil)
	e := startEndpoint(t, newRecorder(reply), nil)
	for _, in := range []discordtest.Interaction{
		{Kind: discordtest.KindCommand, GuildID: testGuild.ID, User: ann, Command: "readiness"},
		{Kind: discordtest.KindCommand, GuildID: testGuild.ID, User: ann, Command: "help"},
		{Kind: discordtest.KindCommand, User: ann, Command: "readiness"},
		{Kind: discordtest.KindComponent, GuildID: testGuild.ID, User: ann, CustomID: "/readiness"},
	} {
		viaGateway := gw.waitReplies(t, gw.fake.Interact(in), 1)
		viaHTTP := e.fake.Replies(e.post(t, in).ID)
		if len(viaGateway) != len(viaHTTP) {
			t.Fatalf("%s %s: %d messages by the gateway, %d by HTTP", in.Command, in.CustomID, len(viaGateway), len(viaHTTP))
		}
		for i := range viaGateway {
			g, h := viaGateway[i], viaHTTP[i]
			if g.Content != h.Content || g.Flags != h.Flags || !sameComponents(g.Components, h.Components) {
				t.Errorf("%s %s: gateway %+v, HTTP %+v", in.Command, in.CustomID, g, h)
			}
		}
	}
}

func sameComponents(a, b []discordtest.Component) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type || a[i].CustomID != b[i].CustomID || a[i].Label != b[i].Label ||
			!sameComponents(a[i].Components, b[i].Components) {
			return false
		}
	}
	return true
}

// TestEndpointDefersFilesAndSlowAnswers: the HTTP answer carries no files,
// so an export is deferred and edited in with its CSV; a slow handler is
// deferred within Discord's 3 s and completed through the webhook.
func TestEndpointDefersFilesAndSlowAnswers(t *testing.T) {
	t.Parallel()
	csv := "date,rhr\n2026-11-27,52\n"
	release := make(chan struct{})
	h := newRecorder(func(c bot.Command) bot.Reply {
		if c.Name == "week" {
			<-release
			return bot.Reply{Text: "Your week: 92 km", Private: true}
		}
		return bot.Reply{Text: "Your data.", Private: true, Document: &bot.File{Name: "runclub-export.csv", MIME: "text/csv", Data: []byte(csv)}}
	})
	e := startEndpoint(t, h, func(c *Config) { c.DeferAfter = 50 * time.Millisecond })

	got := e.post(t, discordtest.Interaction{Kind: discordtest.KindCommand, GuildID: testGuild.ID, User: ann, Command: "export"})
	if got.Callback.Type != 5 || got.Callback.Flags&64 == 0 {
		t.Fatalf("export answered %+v, want an ephemeral deferral (5)", got.Callback)
	}
	e.fake.WaitT(t, "the export edited in", func() bool { return len(e.fake.Replies(got.ID)) == 1 })
	m := e.fake.Replies(got.ID)[0]
	if m.Via != "edit" || len(m.Files) != 1 || string(m.Files[0].Data) != csv || !m.Ephemeral() {
		t.Errorf("export delivered as %+v", m)
	}

	got = e.post(t, discordtest.Interaction{Kind: discordtest.KindCommand, User: ann, Command: "week"})
	if got.Callback.Type != 5 || got.Callback.After > 3*time.Second {
		t.Fatalf("slow /week answered %+v, want a deferral within 3 s", got.Callback)
	}
	close(release)
	e.fake.WaitT(t, "the slow answer", func() bool {
		r := e.fake.Replies(got.ID)
		return len(r) == 1 && r[0].Content == "Your week: 92 km"
	})
}

// TestEndpointEditsWaitForDiscordToApplyTheAnswer: Discord applies the
// HTTP answer after reading it, so an edit right behind it may find no
// message yet; the edit is tried again until it lands.
func TestEndpointEditsWaitForDiscordToApplyTheAnswer(t *testing.T) {
	t.Parallel()
	h := newRecorder(func(bot.Command) bot.Reply {
		return bot.Reply{Text: "Your data.", Document: &bot.File{Name: "runclub-export.csv", MIME: "text/csv", Data: []byte("date\n")}}
	})
	e := startEndpoint(t, h, nil)
	hold := make(chan struct{})
	posted := make(chan discordtest.Posted, 1)
	go func() {
		got, err := e.fake.Post(context.Background(), e.url, discordtest.Interaction{Kind: discordtest.KindCommand, User: ann, Command: "export"},
			discordtest.PostOptions{Hold: hold})
		if err != nil {
			t.Error(err)
		}
		posted <- got
	}()
	e.fake.WaitT(t, "an edit refused while Discord holds the answer", func() bool {
		for _, r := range e.fake.Requests() {
			if r.Method == http.MethodPatch && r.Status == http.StatusNotFound {
				return true
			}
		}
		return false
	})
	close(hold)
	got := <-posted
	if got.Refused != nil || got.Callback == nil || got.Callback.Type != 5 {
		t.Fatalf("export answered %+v", got)
	}
	e.fake.WaitT(t, "the export edited in after all", func() bool {
		r := e.fake.Replies(got.ID)
		return len(r) == 1 && len(r[0].Files) == 1
	})
}
