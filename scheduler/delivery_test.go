package scheduler

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestSilencedMembersGetNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		ctx := context.Background()
		h := newHarness(t, open(t))
		ok := h.member("ok", "Europe/London", "06:30", "22:30")
		off := h.member("off", "Europe/London", "06:30", "22:30")
		off.PromptsOn = false
		h.update(off)
		blocked := h.member("blocked", "Europe/London", "06:30", "22:30")
		blocked.Unreachable = true
		h.update(blocked)
		forgotten := h.member("forgotten", "Europe/London", "06:30", "22:30")
		if err := h.st.DeleteMember(ctx, forgotten.ID); err != nil {
			t.Fatal(err)
		}
		console := h.memberOn(domain.PlatformConsole, "console", "Europe/London", "06:30", "22:30")

		st := h.run(utc("2026-01-14 06:00"), utc("2026-01-14 23:00"))

		if got := len(h.messagesTo(ok, "")); got != 2 {
			t.Errorf("member with prompts on got %d messages, want 2 (morning and wind-down)", got)
		}
		for _, m := range []domain.Member{off, blocked, forgotten, console} {
			if got := h.messagesTo(m, ""); len(got) != 0 {
				t.Errorf("%s got %d messages, want none", m.Name, len(got))
			}
		}
		// A member with no chat on a connected platform is recorded as
		// failed once a day, not looked up every minute.
		if st.Failed != 2 {
			t.Errorf("failed deliveries = %d, want 2 (the console member's morning and wind-down)", st.Failed)
		}
		d := h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14})
		if got := d[fmt.Sprintf("morning/%d/0", console.ID)]; got.Status != domain.DeliveryFailed {
			t.Errorf("console member's morning delivery = %+v, want failed", got)
		}
		if _, ok := d[fmt.Sprintf("morning/%d/0", off.ID)]; ok {
			t.Error("a delivery was recorded for a member with prompts off")
		}
	})
}

func TestRestartInTheMiddleOfAFanOutSendsNothingTwice(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		st := &crashingStore{store: open(t)}
		h := newHarness(t, st)
		var members []domain.Member
		for i := range 8 {
			members = append(members, h.member(fmt.Sprint("m", i), "Europe/London", "06:30", "22:30"))
		}
		// The process dies right after the platform accepted the fourth
		// message, before the scheduler could record it: nothing it writes
		// from then on reaches the database.
		ctx, crash := context.WithCancel(context.Background())
		h.ctx = ctx
		var calls atomic.Int32
		h.senders[domain.PlatformTelegram].hook = func(ctx context.Context, _ bot.Message) error {
			if calls.Add(1) == 4 {
				st.dead.Store(true)
				crash()
			}
			return nil
		}
		h.setClock(utc("2026-01-14 06:30"))
		_, _ = h.s.Tick(ctx, utc("2026-01-14 06:30"))
		if got := len(h.messages(domain.DeliveryMorning)); got != 4 {
			t.Fatalf("%d prompts before the crash, want 4", got)
		}

		// Restart: a new scheduler over the same database.
		st.dead.Store(false)
		h.ctx = context.Background()
		h.senders[domain.PlatformTelegram].hook = nil
		h.s = h.scheduler()
		h.setClock(utc("2026-01-14 06:31"))
		// The four messages the platform accepted were claimed but not yet
		// recorded as sent (the worker records in batches): their outcome is
		// unknown to the new process, which gives them up rather than risk a
		// duplicate.
		n, err := h.s.AbandonInterrupted(context.Background())
		if err != nil || n != 4 {
			t.Fatalf("AbandonInterrupted = %d, %v; want the 4 deliveries claimed before the crash", n, err)
		}
		h.run(utc("2026-01-14 06:31"), utc("2026-01-14 12:30"))

		for i, m := range members {
			if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
				t.Errorf("member %d got %d prompts, want exactly 1", i, got)
			}
		}
		d := h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14})
		for i, m := range members {
			got := d[fmt.Sprintf("morning/%d/0", m.ID)]
			if i < 4 && (got.Status != domain.DeliveryFailed || got.Reason != ReasonInterrupted) {
				t.Errorf("member %d, claimed before the crash: delivery %+v, want failed as interrupted", i, got)
			}
			if i >= 4 && got.Status != domain.DeliverySent {
				t.Errorf("member %d, sent after the restart: delivery %+v, want sent", i, got)
			}
		}
	})
}

func TestFailingPlatformDoesNotStopTheOther(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		var calls atomic.Int32
		h.senders[domain.PlatformTelegram].hook = func(context.Context, bot.Message) error {
			calls.Add(1)
			return errors.New("telegram: 403 Forbidden: bot was blocked by the user")
		}
		var tg, dc []domain.Member
		for i := range 3 {
			tg = append(tg, h.memberOn(domain.PlatformTelegram, fmt.Sprint("t", i), "UTC", "06:30", "22:30"))
			dc = append(dc, h.memberOn(domain.PlatformDiscord, fmt.Sprint("d", i), "UTC", "06:30", "22:30"))
		}
		st := h.run(utc("2026-01-14 06:30"), utc("2026-01-14 07:30"))
		for _, m := range dc {
			if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
				t.Errorf("discord member %s got %d prompts, want 1", m.Name, got)
			}
		}
		if calls.Load() != 3 || st.Failed != 3 {
			t.Errorf("telegram tried %d times with %d failures, want 3 and 3: a refused message is not retried every minute", calls.Load(), st.Failed)
		}
		d := h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14})
		if got := d[fmt.Sprintf("morning/%d/0", tg[0].ID)]; got.Status != domain.DeliveryFailed || got.Reason == "" {
			t.Errorf("refused delivery = %+v, want failed with the reason", got)
		}
	})
}

func TestSlowPlatformDelaysOnlyItsOwnMembers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, newMemStore())
		release := make(chan struct{})
		h.senders[domain.PlatformTelegram].hook = func(ctx context.Context, _ bot.Message) error {
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		for i := range 5 {
			h.memberOn(domain.PlatformTelegram, fmt.Sprint("t", i), "UTC", "06:30", "22:30")
			h.memberOn(domain.PlatformDiscord, fmt.Sprint("d", i), "UTC", "06:30", "22:30")
		}
		h.setClock(utc("2026-01-14 06:30"))
		done := make(chan TickStats)
		go func() {
			st, _ := h.s.Tick(context.Background(), utc("2026-01-14 06:30"))
			done <- st
		}()
		synctest.Wait() // everything is blocked: telegram's queue is stuck
		if got := len(h.senders[domain.PlatformDiscord].all()); got != 5 {
			t.Errorf("discord delivered %d of 5 while telegram was stuck", got)
		}
		if got := len(h.senders[domain.PlatformTelegram].all()); got != 0 {
			t.Errorf("telegram delivered %d while stuck", got)
		}
		close(release)
		if st := <-done; st.Sent != 10 {
			t.Errorf("sent %d, want 10 once telegram moved again", st.Sent)
		}
	})
}

func TestFanOutSendsFromABoundedPoolPerPlatform(t *testing.T) {
	const parallel = 4
	h := newHarness(t, newMemStore())
	h.sendParallel = parallel
	h.s = h.scheduler()
	var mu sync.Mutex
	peak, inFlight, peakInFlight := 0, map[string]int{}, map[string]int{}
	// Each send waits, a little, for company: with a pool the platform sees
	// several sends at once; one at a time it would never see two.
	probe := func(platform string) func(context.Context, bot.Message) error {
		return func(context.Context, bot.Message) error {
			mu.Lock()
			inFlight[platform]++
			peakInFlight[platform] = max(peakInFlight[platform], inFlight[platform])
			peak = max(peak, runtime.NumGoroutine())
			mu.Unlock()
			runtime.Gosched()
			mu.Lock()
			inFlight[platform]--
			mu.Unlock()
			return nil
		}
	}
	h.senders[domain.PlatformTelegram].hook = probe(domain.PlatformTelegram)
	h.senders[domain.PlatformDiscord].hook = probe(domain.PlatformDiscord)
	for i := range 300 {
		h.memberOn(domain.PlatformTelegram, fmt.Sprint("t", i), "UTC", "06:30", "22:30")
		h.memberOn(domain.PlatformDiscord, fmt.Sprint("d", i), "UTC", "06:30", "22:30")
	}
	base := runtime.NumGoroutine()
	if st := h.tick(utc("2026-01-14 06:30")); st.Sent != 600 {
		t.Fatalf("sent %d, want 600", st.Sent)
	}
	// Two platform workers, each with its pool: never a goroutine per member.
	if limit := base + 2 + 2*parallel; peak > limit {
		t.Errorf("up to %d goroutines while sending (%d before): want at most %d", peak, base, limit)
	}
	for p, n := range peakInFlight {
		if n > parallel {
			t.Errorf("%s had %d sends in flight, more than the pool of %d", p, n, parallel)
		}
	}
	// Sent deliveries are recorded in batches; every one is recorded by the
	// end of the tick.
	for key, d := range h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14}) {
		if d.Status != domain.DeliverySent {
			t.Errorf("delivery %s = %s, want sent", key, d.Status)
		}
	}
}

func TestFanOutKeepsSeveralSendsInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const parallel, members = 8, 24
		h := newHarness(t, openSQLite(t))
		h.sendParallel = parallel
		h.s = h.scheduler()
		h.s.claimWindow = time.Hour // batches double: 1, 2, 4, 8, 8, 1
		// Each send takes a second of (fake) time, as a slow platform would.
		var mu sync.Mutex
		inFlight, peak := 0, 0
		h.senders[domain.PlatformTelegram].hook = func(ctx context.Context, _ bot.Message) error {
			mu.Lock()
			inFlight++
			peak = max(peak, inFlight)
			mu.Unlock()
			time.Sleep(time.Second)
			mu.Lock()
			inFlight--
			mu.Unlock()
			return nil
		}
		for i := range members {
			h.memberOn(domain.PlatformTelegram, fmt.Sprint("t", i), "UTC", "06:30", "22:30")
		}
		h.setClock(utc("2026-01-14 06:30"))
		start := time.Now()
		st, _ := h.s.Tick(context.Background(), utc("2026-01-14 06:30"))
		took := time.Since(start)
		if st.Sent != members {
			t.Fatalf("sent %d of %d", st.Sent, members)
		}
		if peak != parallel {
			t.Errorf("at most %d sends in flight, want the pool's %d", peak, parallel)
		}
		// One batch a second: 6 batches, not 24 sends one after another.
		if took > 6*time.Second {
			t.Errorf("the fan-out took %v of platform time, want 6s (24s would be one at a time)", took)
		}
	})
}

func TestStartCatchesUpAtOnceThenTicksEveryMinute(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The bubble's clock starts at 2000-01-01 00:00 UTC.
		st := newMemStore()
		h := newHarness(t, st)
		first := h.member("first", "UTC", "00:00", "22:30")
		second := h.member("second", "UTC", "00:01", "22:30")
		crashed := h.member("crashed", "UTC", "00:00", "22:30")
		today := domain.DateOf(time.Now().UTC())
		// The previous run claimed crashed's prompt and died.
		if _, err := st.ClaimDeliveries(context.Background(), []domain.Delivery{{Kind: domain.DeliveryMorning,
			MemberID: crashed.ID, LocalDate: today, CreatedAt: time.Now().Add(-time.Minute)}}); err != nil {
			t.Fatal(err)
		}
		h.setClock(time.Now())
		s := h.scheduler()
		s.now = time.Now
		for _, snd := range h.senders {
			snd.clock = time.Now
		}

		ctx, cancel := context.WithCancel(context.Background())
		if err := s.Start(ctx); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if got := len(h.messagesTo(first, domain.DeliveryMorning)); got != 1 {
			t.Errorf("first got %d prompts from the start-up tick, want 1", got)
		}
		if got := len(h.messagesTo(second, domain.DeliveryMorning)); got != 0 {
			t.Errorf("second got %d prompts before its minute, want 0", got)
		}
		time.Sleep(time.Minute) // the bubble's clock: cron's next minute
		synctest.Wait()
		if got := h.messagesTo(second, domain.DeliveryMorning); len(got) != 1 || !got[0].At.Equal(today.Time(time.UTC).Add(time.Minute)) {
			t.Errorf("second got %v, want one prompt at 00:01", got)
		}
		if got := len(h.messagesTo(crashed, "")); got != 0 {
			t.Errorf("a delivery left pending by a crash was sent again (%d messages)", got)
		}
		if got := len(h.messagesTo(first, domain.DeliveryMorning)); got != 1 {
			t.Errorf("first got %d prompts after two ticks, want 1", got)
		}
		cancel()
		<-s.Stop().Done()
	})
}

// crashingStore stands for a process killed mid-tick: once dead, the
// scheduler's writes of outcomes never reach the database.
type crashingStore struct {
	store
	dead atomic.Bool
}

func (s *crashingStore) MarkSent(ctx context.Context, at time.Time, ids ...int64) error {
	if s.dead.Load() {
		return errors.New("the process is dead")
	}
	return s.store.MarkSent(ctx, at, ids...)
}

func (s *crashingStore) MarkFailed(ctx context.Context, id int64, reason string) error {
	if s.dead.Load() {
		return errors.New("the process is dead")
	}
	return s.store.MarkFailed(ctx, id, reason)
}
