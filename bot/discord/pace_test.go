package discord

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
)

func TestPacedSendsNeverExceedTheGlobalLimit(t *testing.T) {
	t.Parallel()
	const limit, window, sends = 10, 40 * time.Millisecond, 60
	fake := discordtest.NewT(t, discordtest.Config{})
	fake.EnforceGlobalLimit(limit, float64(time.Second/window))
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), GlobalLimit: limit, GlobalWindow: window},
		newRecorder(nil), nil, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, sends)
	for i := range sends {
		// Half the members' DMs are not open yet: opening them counts too.
		user := strconv.Itoa(720000000000000000 + i)
		if i%2 == 0 {
			a.RememberDM(user, fake.DMChannel(user))
		}
		wg.Go(func() { errs <- a.Send(context.Background(), dm(user, "Morning!")) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := fake.RateLimited(); n != 0 {
		t.Errorf("the fake refused %d requests with 429", n)
	}
	if n := len(fake.Messages()); n != sends {
		t.Errorf("delivered %d, want %d", n, sends)
	}
	if n := fake.DMChannelCreates(); n != sends/2 {
		t.Errorf("opened %d DMs, want %d", n, sends/2)
	}
}

func TestInteractionAnswersDoNotWaitForAGlobalRateLimit(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	// The push hits a global 429 telling the bot to hold off for an hour.
	hs.fake.Inject(discordtest.Fault{Method: "POST", Path: "/users/@me/channels", Status: 429, RetryAfter: time.Hour, Global: true})
	ctx, cancel := context.WithCancel(context.Background())
	sent := make(chan error, 1)
	go func() { sent <- hs.a.Send(ctx, dm(ann.ID, "Morning!")) }()
	hs.fake.WaitT(t, "the 429", func() bool { return hs.fake.RateLimited() == 1 })

	// Interaction responses are exempt from the global limit on Discord.
	id := hs.fake.Command(testGuild.ID, ann, 0, "readiness")
	if r := hs.waitReplies(t, id, 1); r[0].Content != "ok readiness" {
		t.Errorf("answered %q", r[0].Content)
	}
	select {
	case err := <-sent:
		t.Fatalf("the push did not hold off: %v", err)
	default:
	}
	cancel()
	if err := <-sent; !errors.Is(err, context.Canceled) {
		t.Errorf("held push returned %v, want context.Canceled", err)
	}
	if n := len(hs.fake.Messages()); n != 1 {
		t.Errorf("%d messages; only the interaction answer should be out", n)
	}
}
