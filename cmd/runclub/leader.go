package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

// lease is a replica's leadership while it lasts (storage.Lease).
type lease interface {
	Lost() <-chan struct{}
	Release()
}

// errLeadershipLost is the cause of a leader's context ending because its
// lease was lost: the work stops at once, since another replica may lead.
var errLeadershipLost = errors.New("leadership lost: the database session that held it ended")

// campaign makes this replica the leader whenever no other is: it tries
// for the lease every retry and, while it holds it, runs the leader's work.
type campaign struct {
	// try asks once for the lease; nil and no error when another leads.
	try   func(ctx context.Context) (lease, error)
	retry time.Duration
	// wait sleeps between tries (bot.Sleep); tests replace it.
	wait func(ctx context.Context, d time.Duration) error
	// leading hears each change (the leader gauge); may be nil.
	leading func(bool)
	log     *slog.Logger
}

// dbCampaign campaigns for db's lease (storage.DB.TryLead).
func dbCampaign(db *storage.DB, retry, ping time.Duration, leading func(bool), log *slog.Logger) campaign {
	return campaign{
		try: func(ctx context.Context) (lease, error) {
			l, err := db.TryLead(ctx, ping)
			if l == nil {
				return nil, err
			}
			return l, nil
		},
		retry: retry, wait: bot.Sleep, leading: leading, log: log,
	}
}

// run campaigns until ctx ends. Each time it gains the lease it runs lead
// with a context that ends when ctx does or when the lease is lost (cause
// errLeadershipLost), then releases the lease and campaigns again. It
// returns lead's error when lead fails on its own, which ends the program.
func (c campaign) run(ctx context.Context, lead func(ctx context.Context) error) error {
	following := false
	for {
		l, err := c.try(ctx)
		switch {
		case ctx.Err() != nil:
			if l != nil {
				l.Release()
			}
			return nil
		case err != nil:
			c.log.Warn("leader: could not ask the database for the lead; trying again", "err", err, "retry", c.retry.String())
		case l == nil && !following:
			following = true
			c.log.Info("leader: another replica leads; this one answers webhooks and takes over if that one stops", "retry", c.retry.String())
		case l != nil:
			following = false
			if err := c.hold(ctx, l, lead); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return nil
			}
		}
		if c.wait(ctx, c.retry) != nil {
			return nil
		}
	}
}

// hold runs lead while l lasts.
func (c campaign) hold(ctx context.Context, l lease, lead func(ctx context.Context) error) error {
	c.log.Info("leader: this replica leads: it runs the schedule and the pushes")
	c.set(true)
	lctx, cancel := context.WithCancelCause(ctx)
	go func() {
		select {
		case <-l.Lost():
			c.log.Error("leader: lost the database session that held the lead; stepping down")
			cancel(errLeadershipLost)
		case <-lctx.Done():
		}
	}()
	err := lead(lctx)
	lost := context.Cause(lctx) == errLeadershipLost
	cancel(nil)
	l.Release()
	c.set(false)
	c.log.Info("leader: stepped down")
	if err != nil && !lost && ctx.Err() == nil {
		return fmt.Errorf("leader: %w", err)
	}
	return nil
}

func (c campaign) set(leading bool) {
	if c.leading != nil {
		c.leading(leading)
	}
}

// leaderWork is what only the leader runs: the scheduler and the runners
// that must run once across replicas (the Telegram long poll, the Discord
// gateway), and the pruning of handled events.
type leaderWork struct {
	// newScheduler builds a scheduler for one term: each term starts afresh,
	// giving up what a dead leader left claimed (Scheduler.Start).
	newScheduler func() (*scheduler.Scheduler, error)
	runners      []func(context.Context) error
	// settle is how long a new leader waits before its first push: the
	// platforms count their global limits over about a second, and a leader
	// that has just died may have spent this second's budget.
	settle time.Duration
	events domain.EventRepository
	now    func() time.Time
	log    *slog.Logger
}

// platformBudgetWindow is the window of Telegram's and Discord's global
// limits (30 and 50 messages a second).
const platformBudgetWindow = time.Second

// msgCutShort is logged when a leader that stopped leading stops its
// running tick rather than let it finish.
const msgCutShort = "leader: the running tick is cut short; what it has not handed to a platform is released for the next leader"

// pruneEvery is how often the leader forgets handled events older than
// domain.EventRetention.
const pruneEvery = time.Hour

// lead runs the leader's work until ctx ends. On a shutdown the running
// tick finishes its sends first (as a single process always did); on a
// lost lease it is cut short at once, its unsent claims released.
func (w leaderWork) lead(ctx context.Context) error {
	if bot.Sleep(ctx, w.settle) != nil {
		return nil
	}
	sched, err := w.newScheduler()
	if err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	schedCtx, stopSched := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSched()
	if err := sched.Start(schedCtx); err != nil {
		// The database failed us at takeover: step down and let the
		// campaign (this replica or another) try again.
		w.log.Error("leader: could not start the schedule; stepping down", "err", err)
		return nil
	}
	runCtx, stopRunners := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRunners()
	var g errgroup.Group
	failed := make(chan error, len(w.runners))
	for _, r := range w.runners {
		g.Go(func() error {
			err := r(runCtx)
			if err != nil && runCtx.Err() == nil {
				failed <- err
			}
			return err
		})
	}
	g.Go(func() error { w.prune(runCtx); return nil })
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-failed:
	}
	if runErr != nil || context.Cause(ctx) == errLeadershipLost {
		stopSched()
		w.log.Warn(msgCutShort)
	}
	<-sched.Stop().Done()
	stopSched()
	stopRunners()
	return errors.Join(runErr, ignoreCanceled(g.Wait()))
}

// prune forgets old handled events now and every pruneEvery until ctx ends.
func (w leaderWork) prune(ctx context.Context) {
	for {
		n, err := w.events.PruneEvents(ctx, w.now().Add(-domain.EventRetention))
		switch {
		case err != nil && ctx.Err() == nil:
			w.log.Warn("leader: pruning handled events failed; trying again later", "err", err)
		case n > 0:
			w.log.Info("leader: pruned handled events", "count", n)
		}
		if bot.Sleep(ctx, pruneEvery) != nil {
			return
		}
	}
}

// ignoreCanceled drops the error of a runner stopped by its context.
func ignoreCanceled(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// whileLeading is a readiness check of an adapter only the leader runs: a
// follower is ready without it, since it does not run it.
func whileLeading(leading *atomic.Bool, ready func() error) readyCheck {
	return func(context.Context) error {
		if !leading.Load() {
			return nil
		}
		return ready()
	}
}
