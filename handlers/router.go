package handlers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// request is one command being answered: what was asked, by whom, when.
type request struct {
	cmd bot.Command
	// path is the route's name, with its subcommand: "run", "coach add".
	path string
	// args are the command's arguments, checked against its spec; words
	// are the bare words of plain text.
	args  args
	words []string
	// member is the sender; zero ID when they are not registered and the
	// route does not register them.
	member domain.Member
	// club is the club the command acts on: the group's, or for club and
	// coach routes in a private chat the one the router settled on.
	club domain.Club
	// joined is set when this command made the sender a member of the
	// group's club: they are told privately what that means.
	joined *domain.ClubMember
	// personal is the chosen (sub)route's personal rule.
	personal bool
	now      time.Time
}

// today is the member's local date at the moment of the request.
func (r *request) today() domain.Date { return r.member.Today(r.now) }

// date is the date argument, or today when none was given.
func (r *request) date() domain.Date {
	if d, ok := r.args.date("date"); ok {
		return d
	}
	return r.today()
}

// Handle answers one command, from any platform, and never panics. It is
// the one way in: it bounds the sender's pace, applies a command that
// carries an event id once (handleOnce), and answers it (handle).
func (s *Service) Handle(ctx context.Context, cmd bot.Command) (reply bot.Reply) {
	v := verdict{command: CommandUnknown, outcome: OutcomePanic}
	obs := s.Observer
	if obs == nil {
		obs = noObserver{}
	}
	done := obs.CommandStarted()
	defer func() {
		if p := recover(); p != nil {
			s.Log.Error("handler panicked", "command", cmd.Name, "platform", cmd.Platform, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			reply, v.outcome = bot.Reply{Text: bot.Apology, Private: true}, OutcomePanic
		}
		done(v.command, v.outcome)
	}()
	now := s.Now()
	if cmd.Platform != domain.PlatformConsole {
		switch s.pace.admit(cmd.Platform+":"+cmd.UserID, now) {
		case paceWarn:
			v.outcome = OutcomeRateLimited
			return bot.Reply{Text: render.SlowDown, Private: true}
		case paceDrop:
			v.outcome = OutcomeRateLimited
			return bot.Reply{}
		}
	}
	if cmd.EventID != "" && s.Events != nil {
		reply, v = s.handleOnce(ctx, cmd, now)
		return reply
	}
	reply, v = s.handle(ctx, cmd, now)
	return reply
}

// verdict is how a command went: its name and outcome for the Observer,
// and the error its handler returned, if any.
type verdict struct {
	command, outcome string
	err              error
}

// handleOnce answers a command its platform may deliver more than once
// (a Telegram update posted again, or to two replicas), in one transaction
// that first records the event: its effect and the record commit together
// or not at all, and a repeat finds the record and is answered with
// nothing. Nothing rather than the first answer again: a repeat usually
// comes while, or after, the first answer went out, and runclub prefers a
// missed message to a duplicate (if the replica that answered first died
// between its commit and its reply, the member sees no answer, and /history
// shows what was stored). An internal error rolls back the record with the
// rest, so that a later delivery of the event is handled afresh.
func (s *Service) handleOnce(ctx context.Context, cmd bot.Command, now time.Time) (bot.Reply, verdict) {
	var (
		reply bot.Reply
		v     verdict
		again bool
	)
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		// On PostgreSQL a transaction that lost a race runs again from here.
		reply, v, again = bot.Reply{}, verdict{command: CommandUnknown, outcome: OutcomePanic}, false
		first, err := s.Events.RecordEvent(ctx, cmd.Platform, cmd.EventID)
		if err != nil {
			return err
		}
		if !first {
			again = true
			return nil
		}
		reply, v = s.handle(ctx, cmd, now)
		if domain.ErrorCode(v.err) == domain.EINTERNAL {
			return v.err
		}
		return nil
	})
	switch {
	case err != nil && v.err != nil && errors.Is(err, v.err):
		return reply, v // the apology handle gave; it logged the error
	case err != nil:
		// Recording the event or committing failed: nothing was stored,
		// so the answer must not say otherwise.
		s.Log.Error("command not stored", "command", cmd.Name, "platform", cmd.Platform, "event", cmd.EventID, "err", err)
		v.outcome = domain.EINTERNAL
		return bot.Reply{Text: bot.Apology, Private: true}, v
	case again:
		s.Log.Info("event handled already; not answered again", "platform", cmd.Platform, "event", cmd.EventID)
		return bot.Reply{}, verdict{command: CommandUnknown, outcome: OutcomeRepeat}
	}
	return reply, v
}

// handle reads the command, finds its route, checks the arguments against
// the route's spec, enforces the route's rules, runs the handler and turns
// any error into the reply; the verdict keeps that error, so that
// handleOnce can tell an internal failure from a refusal.
func (s *Service) handle(ctx context.Context, cmd bot.Command, now time.Time) (bot.Reply, verdict) {
	v := verdict{command: CommandUnknown}
	in, err := readInput(cmd)
	if err != nil {
		v.outcome = OutcomeUnreadable
		return bot.Reply{Text: render.Unreadable(err), Private: true}, v
	}
	if in.name == "" && len(in.words) == 0 {
		v.command, v.outcome = CommandText, OutcomeOK
		return bot.Reply{}, v
	}
	rt, ok := s.table[in.name]
	if !ok || (rt.rules.console && cmd.Platform != domain.PlatformConsole) {
		v.outcome = OutcomeUnknown
		return bot.Reply{Text: render.UnknownCommand(in.name)}, v
	}
	v.command = commandLabel(in.name)
	if in.name != "" && in.isHelp() {
		v.outcome = OutcomeOK
		return bot.Reply{Text: render.CommandHelp(rt.fullSpec())}, v
	}
	r := &request{cmd: cmd, path: in.name, now: now}
	reply, err := s.serve(ctx, rt, in, r)
	personal := rt.rules.personal || r.personal
	v.outcome = OutcomeOK
	if err != nil {
		v.outcome, v.err = domain.ErrorCode(err), err
		return s.errorReply(cmd, err, personal || !cmd.Private), v
	}
	if personal {
		reply.Private = true
	}
	if r.joined != nil {
		reply = withJoinNote(reply, r)
	}
	return reply, v
}

// serve picks the subcommand, applies the rules, reads the arguments and
// runs the handler. rt is updated to the subcommand, so that the caller
// applies the subcommand's personal rule.
func (s *Service) serve(ctx context.Context, rt route, in input, r *request) (bot.Reply, error) {
	rt, err := selectSub(rt, &in)
	if err != nil {
		return bot.Reply{}, err
	}
	if rt.spec.Name != in.name {
		r.path = in.name + " " + rt.spec.Name
	}
	r.personal = rt.rules.personal
	if rt.rules.group && r.cmd.Private {
		return bot.Reply{}, invalid(render.GroupOnly)
	}
	if rt.rules.private && !r.cmd.Private {
		return bot.Reply{}, invalid(render.PrivateOnly)
	}
	found, err := s.lookupMember(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	// A group's admin is one of its club's coaches: their first coach
	// command there registers them, as the first /join would.
	register := rt.rules.register || (rt.rules.coach && !r.cmd.Private && r.cmd.SenderIsAdmin)
	if !found && rt.rules.registered && !register {
		return bot.Reply{}, &domain.Error{Code: domain.ENOTFOUND, Message: render.NotRegistered}
	}
	if in.name == "" {
		r.words = in.words
	} else if r.args, err = parseArgs(named(rt.spec, r.path), in, r.member, r.today()); err != nil {
		return bot.Reply{}, err
	}
	if found || !register {
		return s.answer(ctx, rt, r)
	}
	// A newcomer's first command registers them; if it is refused, the
	// registration goes with it, so bad input stores nothing.
	var reply bot.Reply
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.register(ctx, r); err != nil {
			return err
		}
		var err error
		reply, err = s.answer(ctx, rt, r)
		return err
	})
	return reply, err
}

// answer joins a member who writes in a club's chat to that club, finds the
// club a club or coach route is about, and runs the route.
func (s *Service) answer(ctx context.Context, rt route, r *request) (bot.Reply, error) {
	if !r.cmd.Private && r.member.ID != 0 && !rt.rules.noJoin {
		if err := s.joinHere(ctx, r); err != nil {
			return bot.Reply{}, err
		}
	}
	if rt.rules.coach || rt.rules.club {
		club, choose, err := s.clubFor(ctx, r, rt.rules.coach)
		if err != nil || choose != nil {
			return deref(choose), err
		}
		r.club = club
	}
	return rt.fn(ctx, r)
}

// named is spec under the name replies give it: "run edit" for a
// subcommand, so that "/run edit needs a run number".
func named(spec bot.CommandSpec, path string) bot.CommandSpec {
	spec.Name = path
	return spec
}

// deref is *r, or the zero reply.
func deref(r *bot.Reply) bot.Reply {
	if r == nil {
		return bot.Reply{}
	}
	return *r
}

// selectSub picks the subcommand named by the first word (or, from a
// platform with typed options, by the action option). A route that answers
// only through its subcommands says which there are.
func selectSub(rt route, in *input) (route, error) {
	if len(rt.subs) == 0 {
		return rt, nil
	}
	word, fromOption := in.args[bot.ActionOption]
	if fromOption {
		delete(in.args, bot.ActionOption)
	} else if len(in.words) > 0 {
		word = in.words[0]
	}
	for _, sub := range rt.subs {
		if strings.EqualFold(sub.spec.Name, word) {
			if !fromOption {
				in.words = in.words[1:]
			}
			return sub, nil
		}
	}
	if rt.fn != nil && !fromOption {
		return rt, nil
	}
	var uses []string
	for _, sub := range rt.subs {
		if !sub.spec.Hidden {
			uses = append(uses, sub.spec.Usage)
		}
	}
	return rt, invalid(render.UseOneOf(uses))
}

// input is a command as read, before its arguments are checked.
type input struct {
	// name is the command without its slash; empty for plain text.
	name string
	// args are key:value arguments (keys in lower case); words the rest.
	args  map[string]string
	words []string
}

// isHelp reports "/run help": the command's own help instead of running it.
func (in input) isHelp() bool {
	return len(in.args) == 0 && len(in.words) == 1 && strings.EqualFold(in.words[0], "help")
}

// readInput reads a command from its text, or takes the name and options a
// platform sent already structured.
func readInput(cmd bot.Command) (input, error) {
	p, err := bot.Parse(cmd)
	return input{name: p.Name, args: p.Args, words: p.Words}, err
}

// commandLabel is a table name as an Observer hears it: plain text, whose
// route has no name, is CommandText.
func commandLabel(name string) string {
	if name == "" {
		return CommandText
	}
	return name
}

// errorReply turns an error into the reply, in the words render gives it;
// an internal error is logged and apologised for.
func (s *Service) errorReply(cmd bot.Command, err error, personal bool) bot.Reply {
	if domain.ErrorCode(err) == domain.EINTERNAL {
		s.Log.Error("command failed", "command", cmd.Name, "platform", cmd.Platform, "err", err)
	}
	return bot.Reply{Text: render.ErrorText(err), Private: personal}
}
