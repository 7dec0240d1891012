package handlers

import (
	"context"
	"strings"
	"unicode"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// ConsoleHome is the terminal's own account, the one the console speaks as
// until /as changes it.
const ConsoleHome = "local"

// speakAs answers /as NAME in the terminal: from the next line on, the
// console speaks as NAME's console account (a new one when nobody has it),
// so that one person can try a club's members and coaches in turn.
func (s *Service) speakAs(ctx context.Context, r *request) (bot.Reply, error) {
	name, _ := r.args.text("name")
	id := ConsoleUserID(name)
	if id == "" {
		return bot.Reply{}, invalid(render.BadSpeaker)
	}
	m, err := s.Members.MemberByIdentity(ctx, domain.PlatformConsole, id)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		return bot.Reply{Text: render.SpeakingAsNew(name), Speaker: &bot.Speaker{UserID: id, UserName: name}}, nil
	case err != nil:
		return bot.Reply{}, err
	}
	places, err := s.Clubs.MemberClubs(ctx, m.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	var roles []string
	for _, p := range places {
		c, err := s.Memberships.ClubByID(ctx, p.ClubID)
		if err != nil {
			return bot.Reply{}, err
		}
		roles = append(roles, render.RoleIn(p.Role, c.Title))
	}
	return bot.Reply{Text: render.SpeakingAs(m, roles), Speaker: &bot.Speaker{UserID: id, UserName: m.Name}}, nil
}

// ConsoleUserID is the console account a name stands for: the name in
// lower case, spaces as dashes, letters and digits only; "local" (or "me")
// is the terminal's own account.
func ConsoleUserID(name string) string {
	name = strings.ToLower(strings.Join(strings.Fields(name), "-"))
	if name == "me" {
		return ConsoleHome
	}
	var b strings.Builder
	for _, c := range name {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' {
			b.WriteRune(c)
		}
	}
	return bot.Clip(b.String(), 32)
}
