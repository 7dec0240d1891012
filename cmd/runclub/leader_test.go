package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

// fakeLease is a lease the test loses by closing lost.
type fakeLease struct {
	lost     chan struct{}
	mu       sync.Mutex
	released int
}

func (l *fakeLease) Lost() <-chan struct{} { return l.lost }
func (l *fakeLease) Release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.released++
}

func (l *fakeLease) releases() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.released
}

// election answers the campaign's tries in turn: a lease, or nil while
// another replica leads.
type election struct {
	mu      sync.Mutex
	answers []*fakeLease
	waits   []time.Duration
	gauge   []bool
}

func (e *election) campaign(retry time.Duration) campaign {
	return campaign{
		try: func(context.Context) (lease, error) {
			e.mu.Lock()
			defer e.mu.Unlock()
			if len(e.answers) == 0 {
				return nil, errors.New("the test has no answer left")
			}
			l := e.answers[0]
			e.answers = e.answers[1:]
			if l == nil {
				return nil, nil
			}
			return l, nil
		},
		retry: retry,
		wait: func(ctx context.Context, d time.Duration) error {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.waits = append(e.waits, d)
			return ctx.Err()
		},
		leading: func(on bool) {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.gauge = append(e.gauge, on)
		},
		log: slog.New(slog.DiscardHandler),
	}
}

// TestACampaignLeadsWhenFreeStepsDownWhenLostAndLeadsAgain plays a
// follower that finds the lead taken twice, leads, loses its session,
// finds the lead taken once more, leads again and is shut down.
func TestACampaignLeadsWhenFreeStepsDownWhenLostAndLeadsAgain(t *testing.T) {
	first, second := &fakeLease{lost: make(chan struct{})}, &fakeLease{lost: make(chan struct{})}
	e := &election{answers: []*fakeLease{nil, nil, first, nil, second}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	terms := make(chan context.Context)
	causes := make(chan error, 2)
	done := make(chan error, 1)
	go func() {
		done <- e.campaign(3*time.Second).run(ctx, func(ctx context.Context) error {
			terms <- ctx
			<-ctx.Done()
			causes <- context.Cause(ctx)
			return nil
		})
	}()
	<-terms
	close(first.lost) // the database session ended
	if got := <-causes; !errors.Is(got, errLeadershipLost) {
		t.Errorf("the first term ended with %v, want errLeadershipLost", got)
	}
	<-terms
	cancel() // shutdown
	if got := <-causes; !errors.Is(got, context.Canceled) {
		t.Errorf("the second term ended with %v, want a shutdown", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("run = %v", err)
	}
	if first.releases() != 1 || second.releases() != 1 {
		t.Errorf("releases: %d and %d, want each lease released once", first.releases(), second.releases())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if want := []time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second}; !slices.Equal(e.waits, want) {
		t.Errorf("waits between tries = %v, want %v", e.waits, want)
	}
	if want := []bool{true, false, true, false}; !slices.Equal(e.gauge, want) {
		t.Errorf("leader gauge = %v, want %v", e.gauge, want)
	}
}

func TestALeadersOwnFailureEndsTheCampaign(t *testing.T) {
	l := &fakeLease{lost: make(chan struct{})}
	e := &election{answers: []*fakeLease{l}}
	boom := errors.New("gateway refused the token")
	err := e.campaign(time.Second).run(context.Background(), func(context.Context) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("run = %v, want the leader's failure", err)
	}
	if l.releases() != 1 {
		t.Errorf("the lease was released %d times, want once", l.releases())
	}
}

func TestAFailedTryIsRetried(t *testing.T) {
	l := &fakeLease{lost: make(chan struct{})}
	e := &election{}
	c := e.campaign(time.Second)
	tries := 0
	try := c.try
	c.try = func(ctx context.Context) (lease, error) {
		tries++
		if tries == 1 {
			return nil, errors.New("connection refused")
		}
		e.mu.Lock()
		e.answers = []*fakeLease{l}
		e.mu.Unlock()
		return try(ctx)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := c.run(ctx, func(context.Context) error { cancel(); return nil })
	if err != nil || tries != 2 {
		t.Errorf("run = %v after %d tries, want a lead at the second", err, tries)
	}
}

// blockingSender holds each push until the test lets it go.
type blockingSender struct {
	arrived chan struct{}
	release chan struct{}
	mu      sync.Mutex
	sent    int
}

func (b *blockingSender) Send(ctx context.Context, _ bot.Message) error {
	b.arrived <- struct{}{}
	<-b.release
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sent++
	return nil
}

// TestALostLeaseCutsTheTickShortAndAShutdownLetsItFinish runs the leader's
// work over a real scheduler and three members due at once, holding the
// first push: when the lease is lost the rest are not sent (another
// replica may lead already), when the process is shut down they are.
func TestALostLeaseCutsTheTickShortAndAShutdownLetsItFinish(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cause error
		want  int
	}{
		{"lost", errLeadershipLost, 1},
		{"shutdown", context.Canceled, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			zone, wake := morningZone(t)
			svc, db := handlerstest.New(t, nil)
			var d storage.Dataset
			for i := range 3 {
				m := domain.NewMember(fmt.Sprint("Runner ", i), zone)
				m.ID = int64(i + 1)
				h, _ := strconv.Atoi(wake[:2])
				mi, _ := strconv.Atoi(wake[3:])
				m.WakeMinute = h*60 + mi
				d.Members = append(d.Members, m)
				d.Identities = append(d.Identities, domain.Identity{Platform: domain.PlatformTelegram, UserID: fmt.Sprint(100 + i), ChatID: fmt.Sprint(100 + i), MemberID: m.ID})
			}
			if err := db.Import(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			sender := &blockingSender{arrived: make(chan struct{}), release: make(chan struct{})}
			cutShort := make(chan struct{}, 1)
			work := leaderWork{
				newScheduler: func() (*scheduler.Scheduler, error) {
					return scheduler.New(scheduler.Config{Deliveries: db.DeliveryStore, Schedule: db.ScheduleStore, Clubs: db.ClubStore,
						Content: handlers.Scheduled{Service: svc}, Senders: map[string]bot.Sender{domain.PlatformTelegram: sender}}, slog.New(slog.DiscardHandler))
				},
				events: db.EventStore, now: time.Now, log: slog.New(&signalHandler{msg: msgCutShort, seen: cutShort}),
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			done := make(chan error, 1)
			go func() { done <- work.lead(ctx) }()
			<-sender.arrived
			cancel(tc.cause)
			if tc.cause == errLeadershipLost {
				<-cutShort // the tick was stopped before the held push returns
			}
			go func() {
				for range sender.arrived {
				}
			}()
			close(sender.release)
			if err := <-done; err != nil {
				t.Fatalf("lead = %v", err)
			}
			close(sender.arrived)
			sender.mu.Lock()
			defer sender.mu.Unlock()
			if sender.sent != tc.want {
				t.Errorf("%d prompts sent, want %d", sender.sent, tc.want)
			}
		})
	}
}

// signalHandler is a log handler that tells seen when msg is logged.
type signalHandler struct {
	msg  string
	seen chan struct{}
}

func (h *signalHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *signalHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		select {
		case h.seen <- struct{}{}:
		default:
		}
	}
	return nil
}
func (h *signalHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *signalHandler) WithGroup(string) slog.Handler      { return h }

// An operator reads the follower's line in journalctl or a log search: the
// retry is "5s", not 5000000000 nanoseconds.
func TestAFollowerLogsItsRetryAsADuration(t *testing.T) {
	e := &election{answers: []*fakeLease{nil}}
	c := e.campaign(5 * time.Second)
	var logs bytes.Buffer
	c.log = slog.New(slog.NewJSONHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	c.wait = func(context.Context, time.Duration) error { cancel(); return ctx.Err() }
	if err := c.run(ctx, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `"retry":"5s"`) {
		t.Errorf("follower's log = %s, want \"retry\":\"5s\"", logs.String())
	}
}
