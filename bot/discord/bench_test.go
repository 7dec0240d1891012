package discord

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
)

// BenchmarkDMPrompts sends 2,000 morning prompts to members whose DM
// channels are cached, against a fake enforcing Discord's global 50
// requests/s with time scaled by a factor (RUNCLUB_BENCH_FACTOR, default 5,
// so the limit is 250 requests/s). It reports the time as a multiple of
// the minimum (2,000 / (50 × factor) seconds), the 429s and the duplicates.
// It runs with 64 concurrent callers and with one caller sending in turn, as
// the scheduler's per-platform worker does.
func BenchmarkDMPrompts(b *testing.B) {
	for _, callers := range []int{64, 1} {
		b.Run("callers="+strconv.Itoa(callers), func(b *testing.B) { benchmarkDMPrompts(b, callers) })
	}
}

func benchmarkDMPrompts(b *testing.B, senders int) {
	const (
		prompts   = 2000
		perSecond = 50
	)
	factor := 5.0
	if v, err := strconv.ParseFloat(os.Getenv("RUNCLUB_BENCH_FACTOR"), 64); err == nil && v > 0 {
		factor = v
	}
	fake := discordtest.New(discordtest.Config{})
	defer fake.Close()
	fake.EnforceGlobalLimit(perSecond, factor)
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), GlobalWindow: time.Duration(float64(time.Second) / factor)},
		newRecorder(nil), nil, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	if err != nil {
		b.Fatal(err)
	}
	users := make([]string, prompts)
	for i := range users {
		users[i] = strconv.Itoa(710000000000000000 + i)
		a.RememberDM(users[i], fake.DMChannel(users[i]))
	}
	prompt := bot.Reply{Text: "Good morning! Tap Check in, or how do you feel 1-10?", CheckInForm: true,
		Buttons: [][]bot.Button{feelButtons()[:5], feelButtons()[5:]}}
	minimum := time.Duration(float64(prompts) / (perSecond * factor) * float64(time.Second))

	b.ReportAllocs()
	var total time.Duration
	var failures int
	iterations := 0
	for b.Loop() {
		iterations++
		work := make(chan string)
		var wg sync.WaitGroup
		var mu sync.Mutex
		start := time.Now()
		for range senders {
			wg.Go(func() {
				for u := range work {
					err := a.Send(context.Background(), bot.Message{To: bot.Recipient{Platform: domain.PlatformDiscord, UserID: u}, Reply: prompt})
					if err != nil {
						mu.Lock()
						failures++
						mu.Unlock()
					}
				}
			})
		}
		for _, u := range users {
			work <- u
		}
		close(work)
		wg.Wait()
		total += time.Since(start)
	}
	b.StopTimer()

	perChannel := map[string]int{}
	for _, m := range fake.Messages() {
		perChannel[m.ChannelID]++
	}
	duplicates := 0
	for _, u := range users {
		n := perChannel[fake.DMChannel(u)]
		if n < iterations {
			b.Errorf("user %s got %d prompts in %d rounds", u, n, iterations)
		}
		duplicates += n - iterations
	}
	ratio := float64(total) / float64(iterations) / float64(minimum)
	b.ReportMetric(ratio, "x_min")
	b.ReportMetric(float64(fake.RateLimited()), "429s")
	b.ReportMetric(float64(duplicates), "duplicates")
	b.ReportMetric(float64(prompts*iterations)/total.Seconds(), "prompts/s")
	if failures > 0 || duplicates > 0 || fake.RateLimited() > 0 || fake.DMChannelCreates() > 0 {
		b.Errorf("failures=%d duplicates=%d 429s=%d dm-opens=%d", failures, duplicates, fake.RateLimited(), fake.DMChannelCreates())
	}
	if ratio > 1.10 {
		b.Errorf("took %.3f × the minimum, want at most 1.10", ratio)
	}
}
