package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
)

// TestServeAnswersDiscordInteractionsOverHTTP runs the real program with
// a public key against the fake: the commands registered over REST, and
// signed interactions posted to /discord/interactions on http.addr answered
// in the HTTP answer, as any replica behind a load balancer would. In
// gateway mode the gateway brings members' DM text too; in interactions
// mode no gateway is opened.
func TestServeAnswersDiscordInteractionsOverHTTP(t *testing.T) {
	for _, mode := range []string{"interactions", "gateway"} {
		t.Run(mode, func(t *testing.T) { serveInteractions(t, mode) })
	}
}

func serveInteractions(t *testing.T, mode string) {
	dc := discordtest.NewT(t, discordtest.Config{})
	addr := freeAddr(t)
	env := []string{
		"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db"),
		"RUNCLUB_DISCORD_TOKEN=" + dc.Token(), "RUNCLUB_DISCORD_API_URL=" + dc.APIURL(),
		"RUNCLUB_DISCORD_PUBLIC_KEY=" + dc.PublicKey(), "RUNCLUB_DISCORD_MODE=" + mode,
		"RUNCLUB_HTTP_ADDR=" + addr, "RUNCLUB_LOG_LEVEL=info",
	}
	url := "http://" + addr + "/discord/interactions"
	ctx := context.Background()
	connected := &logWatch{t: t, want: `"msg":"discord: connected"`, seen: make(chan struct{})}
	srv := startServeLogging(t, env, connected)
	defer srv.stop(t)
	select {
	case <-connected.seen: // logged once the adapter is ready
	case <-time.After(15 * time.Second): // bounds a broken test only
		t.Fatal("the Discord adapter never said it was connected")
	}
	if n := len(dc.Overwrites()); n != 1 {
		t.Fatalf("%d command registrations, want 1", n)
	}

	if status, typ, err := dc.Ping(ctx, url); err != nil || status != 200 || typ != 1 {
		t.Fatalf("PING = %d type %d (%v), want a PONG", status, typ, err)
	}
	if status, _, _ := dc.Ping(ctx, url, discordtest.PostOptions{Forge: true}); status != http.StatusUnauthorized {
		t.Errorf("forged PING = %d, want 401", status)
	}
	bea := discordtest.User{ID: "730000000000000001", Name: "bea"}
	got, err := dc.Post(ctx, url, discordtest.Interaction{Kind: discordtest.KindCommand, User: bea, Command: "checkin",
		Options: []discordtest.Option{{Name: "rhr", Type: 4, Value: 52}}})
	if err != nil || got.Status != 200 || got.Refused != nil {
		t.Fatalf("check-in POST = %+v, %v", got, err)
	}
	if r := dc.Replies(got.ID); len(r) != 1 || !strings.Contains(r[0].Content, "resting HR 52") {
		t.Errorf("check-in reply = %+v", r)
	}
	if status, body := get(t, "http://"+addr+"/readyz"); status != 200 {
		t.Errorf("/readyz = %d %q, want 200", status, body)
	}
	if mode == "interactions" && dc.Identifies() != 0 {
		t.Errorf("interactions mode opened the gateway (%d IDENTIFY)", dc.Identifies())
	}
	if mode == "gateway" {
		dc.WaitT(t, "the gateway", dc.Connected)
		channel := dc.DirectMessage(bea, "/help")
		dc.WaitT(t, "the DM answered", func() bool { return len(dc.ChannelMessages(channel)) > 0 })
	}
	_, page := get(t, "http://"+addr+"/metrics")
	if v := sample(page, `runclub_commands_total{command="checkin",outcome="ok"}`); v != 1 {
		t.Errorf("check-in over HTTP counted %v times, want 1", v)
	}
}

// logWatch is the program's stderr in a test: it logs every line and
// closes seen at the first that contains want.
type logWatch struct {
	t    *testing.T
	want string
	once sync.Once
	seen chan struct{}
}

func (w *logWatch) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	if strings.Contains(string(p), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}
