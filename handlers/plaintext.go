package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// plainText answers a message that is not a command, in a private chat:
// the answer to an open /forget confirmation or guided check-in question
// keeps that meaning; otherwise it is read as a free-text check-in.
func (s *Service) plainText(ctx context.Context, r *request) (bot.Reply, error) {
	if !r.cmd.Private {
		return bot.Reply{}, nil // chatter in a group is not for the bot
	}
	line := strings.Join(r.words, " ")
	word := strings.ToLower(line)
	if word == "" {
		return bot.Reply{}, nil
	}
	if conv, ok := s.openConversation(ctx, r, domain.ConversationForget); ok {
		return s.confirmForget(ctx, r, conv, word)
	}
	ft := parseFreeText(line)
	conv, guided := s.openConversation(ctx, r, domain.ConversationCheckIn)
	if !ft.understood() {
		if guided {
			return s.answerGuided(ctx, r, conv, word)
		}
		if _, err := strconv.ParseFloat(word, 64); err == nil {
			return bot.Reply{Text: render.BareNumber(word)}, nil
		}
		if ft.run {
			return bot.Reply{Text: render.FreeTextRun}, nil
		}
		return render.FreeTextUnreadable(), nil
	}
	if r.member.ID != 0 {
		return s.freeTextCheckIn(ctx, r, ft, conv, guided)
	}
	// A newcomer's first check-in in their own words registers them, as
	// /checkin would; a refused value refuses the registration with it, so
	// bad input stores nothing.
	var reply bot.Reply
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.register(ctx, r); err != nil {
			return err
		}
		var err error
		reply, err = s.freeTextCheckIn(ctx, r, ft, conv, guided)
		return err
	})
	return reply, err
}

// freeTextCheckIn stores what a free-text check-in understood, checked as
// /checkin's values are (one refused value refuses the message, and
// nothing is stored), and says exactly what it stored. Fields named without
// a number are asked next, with buttons; an open guided check-in goes on.
func (s *Service) freeTextCheckIn(ctx context.Context, r *request, ft freeText, conv domain.Conversation, guided bool) (bot.Reply, error) {
	date := r.today()
	switch {
	case ft.yesterday:
		// Yesterday's numbers are not an answer to today's open questions.
		date, guided = r.today().AddDays(-1), false
	case guided:
		date = conversationDate(conv, r)
	}
	spec := s.table["checkin"].spec
	vals := map[string]any{}
	for _, key := range ft.order {
		a, _ := spec.Arg(key)
		v, err := parseValue(a, ft.values[key], unitsOf(r.member), r.today())
		if err != nil {
			return bot.Reply{}, err
		}
		vals[key] = v
	}
	var reply bot.Reply
	stored := domain.CheckIn{MemberID: r.member.ID, Date: date}
	if len(vals) > 0 {
		c, _, _ := checkInFromArgs(args{vals: vals}, date)
		saved, err := s.saveCheckIn(ctx, r, c, nil)
		if err != nil {
			return bot.Reply{}, err
		}
		stored = saved.after
		reply.Text = render.FreeTextStored(c, ft.unread, r.today())
		if saved.changed() {
			reply.Buttons = undoButton(saved.changeID)
		}
	}
	if len(ft.asked) == 0 && !guided {
		reply.Text += s.closingLine(ctx, r.member, date, r.today())
		return reply, nil
	}
	if !guided {
		conv = domain.Conversation{MemberID: r.member.ID, Kind: domain.ConversationCheckIn,
			Data: map[string]string{domain.ConversationDateKey: date.String()}}
	}
	if len(ft.asked) > 0 {
		// Only what the member named, unless a guided check-in was open.
		if !guided {
			conv.Data[onlyKey] = strings.Join(ft.asked, ",")
		}
		conv.Step, conv.UpdatedAt = ft.asked[0], r.now
		if err := s.Conversations.SaveConversation(ctx, conv); err != nil {
			return bot.Reply{}, err
		}
		next := s.question(ctx, r, ft.asked[0], date)
		return joinReplies(reply, render.AskNamed(next, ft.asked, ft.unread, len(vals) > 0)), nil
	}
	next, err := s.advanceGuided(ctx, r, conv, stored)
	if err != nil {
		return bot.Reply{}, err
	}
	return joinReplies(reply, next), nil
}

// onlyKey holds, in a check-in conversation's data, the only steps it asks
// (those a free-text check-in named without a number).
const onlyKey = "only"

// joinReplies puts first's text and buttons before next's.
func joinReplies(first, next bot.Reply) bot.Reply {
	if first.Text == "" {
		return next
	}
	out := render.AfterSaved(first.Text, next)
	out.Buttons = append(out.Buttons, first.Buttons...)
	return out
}
