// Package handlers answers runclub's commands. Handlers are platform-free:
// they take a bot.Command, work through the domain repositories, and return a
// bot.Reply for the adapter to deliver. They never send anything themselves.
package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
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

	routes map[string]route
}

var (
	_ bot.Handler = (*Service)(nil)
	_ bot.Events  = (*Service)(nil)
)

// Repos are the repositories the handlers work through, one per aggregate;
// every one is required.
type Repos struct {
	Members       domain.MemberRepository
	CheckIns      domain.CheckInRepository
	Runs          domain.RunRepository
	Clubs         domain.ClubRepository
	Conversations domain.ConversationRepository
	// History reads many members' history at once, for a club's week.
	History domain.HistoryRepository
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
	s.routes = s.buildRoutes()
	return s
}

// request is one command being answered, with the member behind it.
type request struct {
	cmd bot.Command
	// member is the sender; zero ID when they are not registered and the
	// route does not register them.
	member domain.Member
	now    time.Time
}

// today is the member's local date at the moment of the request.
func (r *request) today() domain.Date { return r.member.Today(r.now) }

// route is how one command is answered.
type route struct {
	fn func(ctx context.Context, r *request) (bot.Reply, error)
	// personal replies carry health data or settings and never go to a group.
	personal bool
	// register creates the member on first contact; routes without it answer
	// strangers without storing anything about them.
	register bool
}

func (s *Service) buildRoutes() map[string]route {
	return map[string]route{
		"start":    {fn: s.start, personal: true, register: true},
		"help":     {fn: s.help},
		"checkin":  {fn: s.checkIn, personal: true, register: true},
		"run":      {fn: s.logRun, personal: true, register: true},
		"settings": {fn: s.settings, personal: true, register: true},
		"export":   {fn: s.export, personal: true},
		"forget":   {fn: s.forget, personal: true},
		"join":     {fn: s.join, register: true},
		"coach":    {fn: s.coach},
		// The recovery science: health data, so always private.
		"readiness": {fn: s.readiness, personal: true},
		"fuel":      {fn: s.fuel, personal: true},
		"week":      {fn: s.week, personal: true},
		"summary":   {fn: s.summary, personal: true},
		"":          {fn: s.plainText, personal: true},
	}
}

// Handle answers one command. It never panics: a panic in a handler becomes
// an apology and an error log, so one member's message cannot stop the bot.
func (s *Service) Handle(ctx context.Context, cmd bot.Command) (reply bot.Reply) {
	defer func() {
		if p := recover(); p != nil {
			s.Log.Error("handler panicked", "command", cmd.Name, "platform", cmd.Platform, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			reply = bot.Reply{Text: "Sorry, something went wrong on our side. Please try again.", Private: true}
		}
	}()
	if cmd.Name == "" && cmd.Text != "" && len(cmd.Args) == 0 && len(cmd.Positional) == 0 {
		name, args, pos, err := bot.ParseText(cmd.Text)
		if err != nil {
			return bot.Reply{Text: err.Error() + " Send /help for the list of commands.", Private: true}
		}
		cmd.Name, cmd.Args, cmd.Positional = name, args, pos
	}
	rt, ok := s.routes[cmd.Name]
	if !ok {
		return bot.Reply{Text: fmt.Sprintf("I don't know /%s. Send /help for the list of commands.", clip(cmd.Name))}
	}
	r := &request{cmd: cmd, now: s.Now()}
	if err := s.resolveMember(ctx, r, rt.register); err != nil {
		return s.errorReply(cmd, err, true)
	}
	reply, err := rt.fn(ctx, r)
	if err != nil {
		return s.errorReply(cmd, err, rt.personal)
	}
	if rt.personal {
		reply.Private = true
	}
	return reply
}

// resolveMember finds the sender, registering them when the route allows it,
// and clears Unreachable: a member who writes can be written to again.
func (s *Service) resolveMember(ctx context.Context, r *request, register bool) error {
	m, err := s.Members.MemberByIdentity(ctx, r.cmd.Platform, r.cmd.UserID)
	switch {
	case err == nil:
		if m.Unreachable {
			m.Unreachable = false
			if err := s.Members.UpdateMember(ctx, m); err != nil {
				return err
			}
		}
		if r.cmd.Private && r.cmd.ChatID != "" {
			if err := s.rememberPrivateChat(ctx, m.ID, r.cmd); err != nil {
				return err
			}
		}
		r.member = m
		return nil
	case domain.ErrorCode(err) != domain.ENOTFOUND:
		return err
	case !register:
		r.member = domain.Member{TZ: s.Defaults.TZ, Units: domain.UnitsKM}
		return nil
	}
	m = domain.NewMember(r.cmd.UserName, s.Defaults.TZ)
	m.WakeMinute, m.BedMinute, m.WindDownMinutes = s.Defaults.WakeMinute, s.Defaults.BedMinute, s.Defaults.WindDownMinutes
	id := domain.Identity{Platform: r.cmd.Platform, UserID: r.cmd.UserID}
	if r.cmd.Private {
		id.ChatID = r.cmd.ChatID
	}
	if err := s.Members.CreateMember(ctx, &m, id); err != nil {
		return err
	}
	s.Log.Info("member registered", "member", m.ID, "platform", r.cmd.Platform)
	r.member = m
	return nil
}

// rememberPrivateChat records where this member's private chat is, once.
func (s *Service) rememberPrivateChat(ctx context.Context, memberID int64, cmd bot.Command) error {
	ids, err := s.Members.Identities(ctx, memberID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id.Platform == cmd.Platform && id.UserID == cmd.UserID && id.ChatID == cmd.ChatID {
			return nil
		}
	}
	return s.Members.AddIdentity(ctx, domain.Identity{Platform: cmd.Platform, UserID: cmd.UserID, ChatID: cmd.ChatID, MemberID: memberID})
}

// errorReply is the one place where errors become words. Domain errors carry
// their own member-facing message; anything else is logged and apologised for.
func (s *Service) errorReply(cmd bot.Command, err error, personal bool) bot.Reply {
	if domain.ErrorCode(err) == domain.EINTERNAL {
		s.Log.Error("command failed", "command", cmd.Name, "platform", cmd.Platform, "err", err)
	}
	return bot.Reply{Text: domain.ErrorMessage(err), Private: personal}
}

// registered refuses commands that need stored data from a stranger.
func registered(r *request) error {
	if r.member.ID == 0 {
		return domain.Errorf(domain.ENOTFOUND, "I have no data about you. Send /start to begin.")
	}
	return nil
}
