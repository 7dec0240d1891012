package main

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
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
