// Package scheduler sends the bot's scheduled messages: the morning prompt at
// each member's wake time, the wind-down reminder before bedtime, the
// weekly summaries and the coaches' alerts in the week (alerts.go). One
// cron tick a minute (Tick) does four jobs, a file
// each: planning asks the repositories who is due (plan.go, weekly.go), the
// ledger claims every delivery in the database before it is sent and marks
// it after (ledger.go), the fan-out sends through each platform's Sender in
// bounded batches (fanout.go), and what each message says is asked of
// Content, the handlers' rendering layer (content.go).
//
// It may import domain and bot, of the project; the clock is injected. Its
// guarantees: a delivery claimed is never sent twice, not even across a
// restart or a crash (a claim whose outcome is unknown is given up, not
// resent); a message missed while the bot was down goes out late while
// still useful; a slow or failing platform delays only its own members.
package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	// Zone data is embedded so that members' IANA zones work on hosts and
	// images without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/robfig/cron/v3"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Default settings, used when the configuration leaves them out.
const (
	DefaultWindDown = 60 * time.Minute
	DefaultWeekly   = "Sun 18:00"
	// DefaultSendParallel covers a platform's round trip at its rate limit:
	// 30 messages/s at up to a second each needs about 30 in flight.
	DefaultSendParallel = 32
	// MorningCutoff is the local minute (12:00) after which a missed morning
	// prompt is no longer worth sending.
	MorningCutoff = 12 * 60
	// LateWakeGrace is how long a prompt for a wake time after MorningCutoff
	// stays useful.
	LateWakeGrace = 60
)

// Config holds what a Scheduler needs. Every repository, Content and at
// least one Sender are required.
type Config struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	// Deliveries is the delivery ledger; a fan-out claims in batches.
	Deliveries domain.DeliveryRepository
	// Schedule answers who is due.
	Schedule domain.ScheduleRepository
	// Clubs gives the rosters of the clubs whose weekly slot is due.
	Clubs domain.ClubRepository
	// Content is what each message says (handlers.Scheduled).
	Content Content

	// Senders maps a platform (domain.PlatformTelegram, …) to its adapter's
	// paced sender. Members are reached on the first of their identities
	// whose platform has a sender.
	Senders map[string]bot.Sender
	// SendParallel is how many messages each platform's fan-out has in
	// flight at once (DefaultSendParallel when 0). The adapters pace them.
	SendParallel int

	// WindDown is the default time between the wind-down reminder and
	// bedtime (defaults.wind_down); DefaultWindDown when 0.
	WindDown time.Duration
	// Weekly is the default weekly slot (defaults.weekly) such as "Sun 18:00";
	// it applies to members who belong to no club. DefaultWeekly when empty.
	Weekly string

	// Alerts and AlertContent turn on the coach alerts (alerts.go): who
	// wants them and what they say (handlers.Scheduled). Both or neither.
	Alerts       domain.AlertRepository
	AlertContent AlertContent

	// Observer hears what the fan-out and the ledger do (the operator's
	// metrics); nil hears nothing.
	Observer Observer
}

// Scheduler finds who is due each minute and sends them their message.
type Scheduler struct {
	now      func() time.Time
	cfg      Config
	ledger   ledger
	log      *slog.Logger
	windDown int
	weekDay  time.Weekday
	weekMin  int

	// claimWindow is claimWindow; tests that count batches widen it, so
	// that a slow machine cannot change the batches' sizes.
	claimWindow time.Duration
	// sendParallel is Config.SendParallel or its default.
	sendParallel int

	zonesMu sync.Mutex
	zones   map[string]*time.Location

	// alertHours is, by zone, the last local hour whose coach alerts were
	// evaluated (alertHour); a restart evaluates the hour again, and the
	// ledger keeps that from sending anything twice.
	alertMu    sync.Mutex
	alertHours map[string]int

	cron *cron.Cron
	// first is the first tick, run by Start outside cron's schedule.
	first sync.WaitGroup
}

// New checks cfg and returns a Scheduler.
func New(cfg Config, log *slog.Logger) (*Scheduler, error) {
	if cfg.Deliveries == nil || cfg.Schedule == nil || cfg.Clubs == nil || cfg.Content == nil {
		return nil, errors.New("scheduler: every repository and Content are required")
	}
	if len(cfg.Senders) == 0 {
		return nil, errors.New("scheduler: no sender for any platform")
	}
	if (cfg.Alerts == nil) != (cfg.AlertContent == nil) {
		return nil, errors.New("scheduler: coach alerts need both Alerts and AlertContent")
	}
	if log == nil {
		log = slog.Default()
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	s := &Scheduler{now: cfg.Now, cfg: cfg, ledger: ledger{repo: cfg.Deliveries, log: log, obs: cfg.Observer}, log: log, zones: map[string]*time.Location{}, claimWindow: claimWindow,
		alertHours:   map[string]int{},
		sendParallel: cmp.Or(cfg.SendParallel, DefaultSendParallel)}
	if s.now == nil {
		s.now = time.Now
	}
	wd := cfg.WindDown
	if wd == 0 {
		wd = DefaultWindDown
	}
	if wd < time.Minute || wd > domain.MaxWindDown {
		return nil, fmt.Errorf("scheduler: wind_down %s must be between 1m and %dm", wd, domain.MaxWindDownMinutes)
	}
	s.windDown = int(wd / time.Minute)
	weekly := cfg.Weekly
	if weekly == "" {
		weekly = DefaultWeekly
	}
	day, minute, err := domain.ParseWeeklySlot(weekly)
	if err != nil {
		return nil, fmt.Errorf("scheduler: weekly: %w", err)
	}
	s.weekDay, s.weekMin = day, minute
	return s, nil
}

// Start registers the one cron entry (every minute), starts cron, and runs
// a first tick at once so that messages missed while the bot was down go
// out without waiting for the next minute. Pending deliveries left by a
// previous run are marked failed first (see AbandonPending). Cron stops when
// ctx is done; Stop waits for a running tick.
func (s *Scheduler) Start(ctx context.Context) error {
	if s.cron != nil {
		return errors.New("scheduler: already started")
	}
	if _, err := s.AbandonInterrupted(ctx); err != nil {
		return err
	}
	logger := cronLogger{s.log}
	c := cron.New(cron.WithLocation(time.UTC), cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	id, err := c.AddFunc("* * * * *", func() { s.runTick(ctx) })
	if err != nil {
		return fmt.Errorf("scheduler: add cron entry: %w", err)
	}
	s.cron = c
	c.Start()
	// The first tick goes through the same wrapped job, so that it is
	// recovered and never overlaps the cron tick. Cron's Stop does not know
	// about it, so Stop waits for it by itself.
	s.first.Add(1)
	go func() {
		defer s.first.Done()
		c.Entry(id).WrappedJob.Run()
	}()
	go func() {
		<-ctx.Done()
		c.Stop()
	}()
	return nil
}

// AbandonInterrupted marks the deliveries a previous run left pending as
// failed. Such a delivery was claimed and perhaps sent, but the platform's
// answer was never recorded; the scheduler prefers a missed message to a
// duplicate, so it is not sent again. Start calls it before the first tick.
func (s *Scheduler) AbandonInterrupted(ctx context.Context) (int, error) {
	n, err := s.cfg.Deliveries.AbandonPending(ctx, s.now(), ReasonInterrupted)
	if err != nil {
		return 0, fmt.Errorf("scheduler: abandon pending deliveries: %w", err)
	}
	if n > 0 {
		s.log.Warn("scheduler: deliveries left pending by the previous run were not resent", "count", n)
		s.cfg.Observer.DeliveriesAbandoned(n)
	}
	return n, nil
}

// ReasonInterrupted is the failure reason of deliveries whose outcome a
// crash or shutdown left unknown.
const ReasonInterrupted = "interrupted: the bot stopped before the platform confirmed; not resent"

// Stop stops cron; the returned context is done once a running tick ends.
func (s *Scheduler) Stop() context.Context {
	if s.cron == nil {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	cronDone := s.cron.Stop()
	done, cancel := context.WithCancel(context.Background())
	go func() {
		<-cronDone.Done()
		s.first.Wait()
		cancel()
	}()
	return done
}

func (s *Scheduler) runTick(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	st, err := s.Tick(ctx, s.now())
	switch {
	case err != nil && ctx.Err() != nil:
		// Stopped in the middle: what was not sent is released or left
		// for the next start; that is not a fault.
		s.log.Info("scheduler: tick cut short by shutdown", "err", err)
	case err != nil:
		s.log.Error("scheduler: tick", "err", err)
	}
	if st.Claimed > 0 || st.Failed > 0 {
		s.log.Info("scheduler: tick", "sent", st.Sent, "failed", st.Failed, "claimed", st.Claimed)
	}
}

// location returns the zone named tz, cached; UTC (logged) when unknown,
// which matches domain.Member.Location.
func (s *Scheduler) location(tz string) *time.Location {
	s.zonesMu.Lock()
	defer s.zonesMu.Unlock()
	if loc, ok := s.zones[tz]; ok {
		return loc
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" {
		s.log.Warn("scheduler: unknown time zone, using UTC", "tz", tz)
		loc = time.UTC
	}
	s.zones[tz] = loc
	return loc
}

// cronLogger sends cron's logging to slog; cron's routine chatter (wake,
// run, skip) is debug.
type cronLogger struct{ log *slog.Logger }

var _ cron.Logger = cronLogger{}

// Info logs at debug level.
func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

// Error logs at error level.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}
