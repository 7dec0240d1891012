package telegram_test

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

// benchFactor scales Telegram's limits in both the fake and the adapter so a
// run is short; the ratios are what count. ×30 (900 requests/s) is what a
// shared 2-core machine paces cleanly with the fake in the same process;
// try -tgfactor=100 on a quiet one.
var benchFactor = flag.Float64("tgfactor", 30, "factor Telegram's limits are scaled by in benchmarks")

// benchSentAt has the fake judge limits by when the adapter released each
// request rather than by arrival; see telegramtest.WithSentAt.
var benchSentAt = flag.Bool("tgsentat", true, "judge limits by client send time (false: by arrival at the fake)")

// benchAdapter is an adapter paced at Telegram's limits times benchFactor,
// on a fake enforcing the same limits, with real time (benchmarks measure
// rates; tests never do).
func benchAdapter(b *testing.B, users int) (*telegram.Adapter, *telegramtest.Server, telegramtest.Limits) {
	b.Helper()
	lim := telegramtest.TelegramLimits(*benchFactor)
	opts := []telegramtest.Option{telegramtest.WithLimits(lim)}
	if *benchSentAt {
		opts = append(opts, telegramtest.WithSentAt())
	}
	srv := telegramtest.New(b, opts...)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	for i := 1; i <= users; i++ {
		srv.AddUser(telegramtest.User{ID: int64(i), FirstName: "runner"}, true)
	}
	a, err := telegram.New(telegram.Config{
		Token:           srv.Token(),
		APIURL:          srv.URL,
		GlobalPerSecond: 30 * *benchFactor,
		ChatPerSecond:   1 * *benchFactor,
		GroupPerMinute:  20 * *benchFactor,
		HTTPClient:      &http.Client{Transport: telegramtest.StampingTransport(tr), Timeout: time.Minute},
	}, newRecorder(nil), &events{}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	return a, srv, lim
}

func checkClean(b *testing.B, srv *telegramtest.Server, want int) {
	b.Helper()
	st := srv.Stats()
	if st.TooMany != 0 {
		n := 0
		for _, c := range srv.Calls("sendMessage") {
			if c.ErrorCode == 429 && n < 5 {
				n++
				b.Logf("429 for chat %s at %v: %s", c.Params["chat_id"], c.At.Format("15:04:05.000000"), c.Description)
			}
		}
		b.Errorf("%d answers were 429 (from the enforced limits: %d global, %d per chat, %d per group)", st.TooMany, st.GlobalDenied, st.ChatDenied, st.GroupDenied)
	}
	if d := srv.Duplicates(); len(d) != 0 {
		b.Errorf("%d messages sent twice", len(d))
	}
	if st.Accepted != want {
		b.Errorf("fake accepted %d messages, want %d", st.Accepted, want)
	}
}

// BenchmarkMorningFanOut sends 2,000 prompts to 2,000 private chats at once,
// as the scheduler does at a popular wake time, and reports the time taken
// over the least the limits allow.
func BenchmarkMorningFanOut(b *testing.B) {
	const chats = 2000
	a, srv, lim := benchAdapter(b, chats)
	b.ReportAllocs()
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var wg sync.WaitGroup
		for u := 1; u <= chats; u++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := a.Send(context.Background(), push(int64(u), fmt.Sprintf("Good morning! Round %d: your RHR?", i))); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
		total += time.Since(start)
	}
	b.StopTimer()
	ratio := float64(total) / float64(b.N) / float64(lim.MinFanOut(chats))
	b.ReportMetric(ratio, "x-min-time")
	b.ReportMetric(float64(srv.Stats().TooMany), "429s")
	b.ReportMetric(float64(len(srv.Duplicates())), "dups")
	checkClean(b, srv, chats*b.N)
	if ratio > 1.10 {
		b.Errorf("fan-out took %.3f× the minimum, want at most 1.10×", ratio)
	}
}

// BenchmarkBurstToOneChat sends 50 replies to one chat while 300 other chats
// get one message each: the burst must be paced at the per-chat limit and the
// other chats must not wait for it.
func BenchmarkBurstToOneChat(b *testing.B) {
	const burst, others = 50, 300
	a, srv, lim := benchAdapter(b, others+1)
	b.ReportAllocs()
	b.ResetTimer()
	var burstTotal, othersTotal time.Duration
	var paceRatio float64
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var wg sync.WaitGroup
		var mu sync.Mutex
		var othersDone time.Duration
		for k := 0; k < burst; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := a.Send(context.Background(), push(1, fmt.Sprintf("reply %d/%d", i, k))); err != nil {
					b.Error(err)
				}
			}()
		}
		for u := 2; u <= others+1; u++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := a.Send(context.Background(), push(int64(u), fmt.Sprintf("prompt %d", i))); err != nil {
					b.Error(err)
				}
				mu.Lock()
				othersDone = max(othersDone, time.Since(start))
				mu.Unlock()
			}()
		}
		wg.Wait()
		burstTotal += time.Since(start)
		othersTotal += othersDone

		sent := srv.SentTo(1)[i*burst:]
		span := sent[len(sent)-1].At.Sub(sent[0].At)
		paceRatio += span.Seconds() / (float64(burst-1) / lim.ChatRate())
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(paceRatio/n, "chat-pace/limit")
	b.ReportMetric(float64(burstTotal)/n/float64(lim.MinChatBurst(burst)), "burst-x-min")
	b.ReportMetric(float64(othersTotal)/n/float64(lim.MinFanOut(others)), "others-x-min")
	b.ReportMetric(float64(srv.Stats().TooMany), "429s")
	b.ReportMetric(float64(len(srv.Duplicates())), "dups")
	checkClean(b, srv, (burst+others)*b.N)
	if othersTotal >= burstTotal/2 {
		b.Errorf("other chats took %v, the burst %v: the burst held them up", othersTotal/time.Duration(b.N), burstTotal/time.Duration(b.N))
	}
}
