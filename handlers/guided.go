package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// The guided check-in asks one question at a time; every step can be
// skipped. Its state is a stored domain.Conversation, so a restart in the
// middle loses nothing and any platform can carry on.

// guidedSteps are the questions in order, each with the check-in key it
// fills: the body's numbers first, then how the member feels. Each is one
// tap, so the whole check-in is eight taps at most.
var guidedSteps = []string{domain.StepRHR, domain.StepHRV, domain.StepSleep, domain.StepQuality,
	domain.StepFatigue, domain.StepSoreness, domain.StepStress, domain.StepMood}

// checkInTTL is how long an unanswered guided check-in stays open: a morning
// prompt answered in the evening is still that morning's check-in.
const checkInTTL = 18 * time.Hour

// startGuided opens a guided check-in for date and asks the first question.
func (s *Service) startGuided(ctx context.Context, r *request, date domain.Date) (bot.Reply, error) {
	conv := domain.Conversation{MemberID: r.member.ID, Kind: domain.ConversationCheckIn,
		Data: map[string]string{domain.ConversationDateKey: date.String()}, UpdatedAt: r.now}
	existing, err := s.CheckIns.CheckIns(ctx, r.member.ID, date, date)
	if err != nil {
		return bot.Reply{}, err
	}
	var stored domain.CheckIn
	if len(existing) == 1 {
		stored = existing[0]
	}
	reply, err := s.advanceGuided(ctx, r, conv, stored)
	if err != nil {
		return bot.Reply{}, err
	}
	if reply.IsZero() {
		return bot.Reply{Text: render.AllAnswered(stored, date, r.today())}, nil
	}
	reply.CheckInForm = true
	return reply, nil
}

// advanceGuided moves the conversation to the first question that is neither
// answered in stored nor skipped and asks it; when none is left it closes the
// conversation and returns the closing reply. It returns a zero Reply if the
// flow was already complete when called from startGuided.
func (s *Service) advanceGuided(ctx context.Context, r *request, conv domain.Conversation, stored domain.CheckIn) (bot.Reply, error) {
	skipped := strings.Split(conv.Data["skipped"], ",")
	only := conv.Data[onlyKey]
	for _, step := range guidedSteps {
		if answered(stored, step) || contains(skipped, step) || (only != "" && !contains(strings.Split(only, ","), step)) {
			continue
		}
		if step == domain.StepHRV {
			if retired, err := s.hrvRetired(ctx, r.member.ID); err != nil {
				return bot.Reply{}, err
			} else if retired {
				continue
			}
		}
		conv.Step = step
		conv.UpdatedAt = r.now
		if err := s.Conversations.SaveConversation(ctx, conv); err != nil {
			return bot.Reply{}, err
		}
		return s.question(ctx, r, step, conversationDate(conv, r)), nil
	}
	if err := s.Conversations.DeleteConversation(ctx, r.member.ID); err != nil {
		return bot.Reply{}, err
	}
	if conv.Step == "" {
		return bot.Reply{}, nil
	}
	date := conversationDate(conv, r)
	if stored.IsEmpty() {
		return bot.Reply{Text: render.NothingRecorded}, nil
	}
	return bot.Reply{Text: render.GuidedDone(stored, date, r.today(), s.closingLine(ctx, r.member, date, r.today()))}, nil
}

// hrvRetired reports that the member skipped HRV too many times in a row
// to be asked again, until they give one some other way.
func (s *Service) hrvRetired(ctx context.Context, memberID int64) (bool, error) {
	n, err := s.Skips.StepSkips(ctx, memberID, domain.StepHRV)
	return n >= domain.HRVSkipLimit, err
}

// question asks step with buttons; resting HR and HRV offer values around
// the member's usual ones of the last weeks.
func (s *Service) question(ctx context.Context, r *request, step string, date domain.Date) bot.Reply {
	usual := 0.0
	if step == domain.StepRHR || step == domain.StepHRV {
		recent, err := s.CheckIns.CheckIns(ctx, r.member.ID, date.AddDays(-28), date)
		if err != nil {
			s.Log.Warn("recent check-ins for the guided buttons", "member", r.member.ID, "err", err)
		}
		usual = usualValue(recent, step)
	}
	return render.Question(step, date, usual)
}

// usualValue is the mean of step's values in cs, or 0 when there are none.
func usualValue(cs []domain.CheckIn, step string) float64 {
	sum, n := 0.0, 0
	for _, c := range cs {
		switch {
		case step == domain.StepRHR && c.RHR != nil:
			sum, n = sum+float64(*c.RHR), n+1
		case step == domain.StepHRV && c.HRV != nil:
			sum, n = sum+*c.HRV, n+1
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func answered(c domain.CheckIn, step string) bool {
	ints, floats := checkInValues(&c)
	if p, ok := ints[step]; ok {
		return *p != nil
	}
	if p, ok := floats[step]; ok {
		return *p != nil
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// openConversation returns the member's conversation of kind if one is open
// and not stale.
func (s *Service) openConversation(ctx context.Context, r *request, kind string) (domain.Conversation, bool) {
	if r.member.ID == 0 {
		return domain.Conversation{}, false
	}
	conv, err := s.Conversations.Conversation(ctx, r.member.ID)
	if err != nil {
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			s.Log.Error("read conversation", "member", r.member.ID, "err", err)
		}
		return domain.Conversation{}, false
	}
	ttl := checkInTTL
	if conv.Kind == domain.ConversationForget {
		ttl = domain.ForgetConfirmTTL
	}
	if conv.Kind != kind || r.now.Sub(conv.UpdatedAt) > ttl {
		return domain.Conversation{}, false
	}
	if conv.Data == nil {
		conv.Data = map[string]string{}
	}
	return conv, true
}

// conversationDate is the local date a check-in conversation is about: the
// date it recorded, else the member's local date when it was opened.
func conversationDate(conv domain.Conversation, r *request) domain.Date {
	if d, err := domain.ParseISODate(conv.Data[domain.ConversationDateKey]); err == nil {
		return d
	}
	if !conv.UpdatedAt.IsZero() {
		return r.member.Today(conv.UpdatedAt)
	}
	return r.today()
}

// answerGuided takes a typed answer (or "skip"/"stop") to the current step.
func (s *Service) answerGuided(ctx context.Context, r *request, conv domain.Conversation, word string) (bot.Reply, error) {
	date := conversationDate(conv, r)
	switch word {
	case "stop", "cancel", "/stop":
		if err := s.Conversations.DeleteConversation(ctx, r.member.ID); err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{Text: render.GuidedStopped}, nil
	case "skip", "s", "-":
		conv.Data["skipped"] = strings.Trim(conv.Data["skipped"]+","+conv.Step, ",")
		if conv.Step == domain.StepHRV {
			n, err := s.Skips.StepSkips(ctx, r.member.ID, domain.StepHRV)
			if err != nil {
				return bot.Reply{}, err
			}
			if err := s.Skips.SetStepSkips(ctx, r.member.ID, domain.StepHRV, n+1); err != nil {
				return bot.Reply{}, err
			}
		}
		stored, err := s.storedCheckIn(ctx, r.member.ID, date)
		if err != nil {
			return bot.Reply{}, err
		}
		return s.advanceGuided(ctx, r, conv, stored)
	}
	c, err := s.guidedAnswer(conv.Step, word, r.member, date, r.today())
	if err != nil {
		if domain.ErrorCode(err) == domain.EINVALID {
			return render.AskAgain(render.ErrorText(err), s.question(ctx, r, conv.Step, date)), nil
		}
		return bot.Reply{}, err
	}
	saved, err := s.saveCheckIn(ctx, r, c, nil)
	if err != nil {
		return bot.Reply{}, err
	}
	next, err := s.advanceGuided(ctx, r, conv, saved.after)
	if err != nil || next.IsZero() {
		return next, err
	}
	// Confirmed as a tapped answer is (checkIn), so that a runner typing
	// at 6 a.m. sees what was stored.
	return render.AfterSaved(render.CheckInChanged(saved.before, saved.after, nil, r.today()), next), nil
}

// guidedAnswer reads a typed answer to step as the check-in argument of the
// same name, so it is checked exactly as "/checkin step:word" would be.
func (s *Service) guidedAnswer(step, word string, m domain.Member, date, today domain.Date) (domain.CheckIn, error) {
	spec := s.table["checkin"].spec
	a, ok := spec.Arg(step)
	if !ok {
		return domain.CheckIn{}, fmt.Errorf("guided check-in step %q has no argument", step)
	}
	v, err := parseValue(a, word, m.Units, today)
	if err != nil {
		return domain.CheckIn{}, err
	}
	c, _, err := checkInFromArgs(args{vals: map[string]any{step: v}}, date)
	return c, err
}

func (s *Service) storedCheckIn(ctx context.Context, memberID int64, date domain.Date) (domain.CheckIn, error) {
	list, err := s.CheckIns.CheckIns(ctx, memberID, date, date)
	if err != nil || len(list) == 0 {
		return domain.CheckIn{}, err
	}
	return list[0], nil
}
