// Package handlers answers runclub's commands. Handlers are platform-free:
// they take a bot.Command, work through the domain repositories, and return a
// bot.Reply for the adapter to deliver. They never send anything themselves.
// commands.go is the command table, router.go the one way in.
//
// It may import bot, domain, handlers/render and handlers/chart, of the
// project; storage only through domain's repository interfaces.
package handlers

import (
	"log/slog"
	"runtime"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Defaults are the settings a new member or club starts with.
type Defaults struct {
	TZ              string
	WakeMinute      int
	BedMinute       int
	WindDownMinutes int
	WeeklyDay       time.Weekday
	WeeklyMinute    int
}

// Service holds what the handlers need: the repositories, the clock and the
// defaults. It implements bot.Handler and bot.Events.
type Service struct {
	Repos
	Defaults Defaults
	// Now is the clock; tests fix it.
	Now func() time.Time
	Log *slog.Logger
	// Observer hears how each command went (the operator's metrics); nil
	// hears nothing.
	Observer Observer
	// TextOnly leaves the pictures out of the weekly summaries (the same
	// run as before they had any: the benchmark's baseline). /trend still
	// draws.
	TextOnly bool

	// table is the command table by name; "" answers plain text.
	table map[string]route
	pace  *pacer
	// drawing bounds the pictures drawn at once (see drawSlot).
	drawing chan struct{}
}

var (
	_ bot.Handler = (*Service)(nil)
	_ bot.Events  = (*Service)(nil)
)

// Repos are the repositories the handlers work through, one per aggregate;
// every one is required but Events.
type Repos struct {
	Members       domain.MemberRepository
	CheckIns      domain.CheckInRepository
	Runs          domain.RunRepository
	Clubs         domain.ClubRepository
	Conversations domain.ConversationRepository
	// History reads many members' history at once, for a club's week.
	History domain.HistoryRepository
	// Changes is the journal /undo takes changes back from; Tx writes a
	// change and its journal entry in one transaction.
	Changes domain.ChangeRepository
	Tx      domain.Transactor
	// Skips counts the guided check-in's questions skipped in a row.
	Skips domain.StepSkipRepository
	// Memberships is the rest of the club aggregate: leaving, alert
	// switches, pending coaches.
	Memberships domain.MembershipRepository
	// Away stores times away; Links link codes and account merges.
	Away  domain.AwayRepository
	Links domain.LinkRepository
	// Events records the platform events handled, so that a command
	// delivered twice takes effect once; nil where no platform delivers
	// twice (the console), and commands then carry no event id.
	Events domain.EventRepository
}

// New returns a Service over repos.
func New(repos Repos, defaults Defaults, now func() time.Time, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if defaults.TZ == "" {
		defaults.TZ = "UTC"
	}
	s := &Service{Repos: repos, Defaults: defaults, Now: now, Log: log}
	s.pace = &pacer{}
	s.drawing = make(chan struct{}, runtime.GOMAXPROCS(0))
	s.table = map[string]route{"": {fn: s.plainText, rules: rules{personal: true}}}
	for _, rt := range s.routes() {
		s.table[rt.spec.Name] = rt
	}
	return s
}

// Dropped is how many commands were dropped because their sender went past
// CommandsPerMinute.
func (s *Service) Dropped() int64 { return s.pace.dropped.Load() }
