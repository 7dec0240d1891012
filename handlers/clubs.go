package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// The chat is the club: a group or server the bot is in is a club, and a
// member who uses a command there belongs to it.

// clubChatID is the platform id of the club a command came from: the Discord
// server, or the Telegram group.
func clubChatID(cmd bot.Command) string {
	if cmd.GuildID != "" {
		return cmd.GuildID
	}
	return cmd.ChatID
}

// clubOfChat finds the club of a group, creating it the first time the
// bot hears of the group, and keeps its title up to date.
func (s *Service) clubOfChat(ctx context.Context, platform, chatID, title string) (domain.Club, error) {
	club, err := s.Clubs.ClubByChat(ctx, platform, chatID)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		club = domain.Club{Platform: platform, ChatID: chatID, Title: title,
			WeeklyDay: s.Defaults.WeeklyDay, WeeklyMinute: s.Defaults.WeeklyMinute, TZ: s.Defaults.TZ}
		if err := s.Clubs.CreateClub(ctx, &club); err != nil {
			// Two first commands at once: the other one created it.
			if existing, ferr := s.Clubs.ClubByChat(ctx, platform, chatID); ferr == nil {
				return existing, nil
			}
			return domain.Club{}, fmt.Errorf("create the club of %s chat %s: %w", platform, chatID, err)
		}
		s.Log.Info("club created", "club", club.ID, "platform", platform)
		return club, nil
	case err != nil:
		return domain.Club{}, fmt.Errorf("find the club of %s chat %s: %w", platform, chatID, err)
	}
	if title != "" && title != club.Title {
		club.Title = title
		if err := s.Clubs.UpdateClub(ctx, club); err != nil {
			return domain.Club{}, fmt.Errorf("rename club %d: %w", club.ID, err)
		}
	}
	return club, nil
}

// joinHere makes the sender of a command in a group a member of its club
// (a coach if they administer the group), once: the router calls it for
// every command but those that leave or join by themselves.
func (s *Service) joinHere(ctx context.Context, r *request) error {
	club, err := s.clubOfChat(ctx, r.cmd.Platform, clubChatID(r.cmd), r.cmd.GroupTitle)
	if err != nil {
		return err
	}
	r.club = club
	if _, err := s.Clubs.ClubMember(ctx, club.ID, r.member.ID); err == nil {
		return nil
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return err
	}
	cm := domain.ClubMember{ClubID: club.ID, MemberID: r.member.ID, Role: domain.RoleMember}
	if r.cmd.SenderIsAdmin {
		cm.Role = domain.RoleCoach
	}
	if err := s.Clubs.SetClubMember(ctx, cm); err != nil {
		return err
	}
	s.Log.Info("member joined a club by using it", "club", club.ID, "member", r.member.ID, "role", cm.Role)
	r.joined = &cm
	return nil
}

// withJoinNote tells a member who just joined, privately, what being in
// the club means; the reply goes to them privately for it.
func withJoinNote(reply bot.Reply, r *request) bot.Reply {
	note := render.JoinNote(r.club.Title, r.joined.Role, r.member.ShareWithCoach)
	if reply.Text == "" {
		reply.Text = note
	} else {
		reply.Text = note + "\n\n" + reply.Text
	}
	reply.Private = true
	return reply
}

// ChatJoined makes a group the bot was added to (or a server it is in) a
// club. Its admins who are members become coaches, unless already in the
// club (a coach may have changed their role); the others become coaches
// when they register.
func (s *Service) ChatJoined(ctx context.Context, platform, chatID, title string, admins []string) {
	club, err := s.clubOfChat(ctx, platform, chatID, title)
	if err != nil {
		s.Log.Error("chat joined", "platform", platform, "err", err)
		return
	}
	var pending []string
	for _, userID := range admins {
		m, err := s.Members.MemberByIdentity(ctx, platform, userID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			pending = append(pending, userID)
			continue
		} else if err != nil {
			s.Log.Error("chat joined: find admin", "club", club.ID, "err", err)
			continue
		}
		if _, err := s.Clubs.ClubMember(ctx, club.ID, m.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			continue
		}
		if err := s.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: club.ID, MemberID: m.ID, Role: domain.RoleCoach}); err != nil {
			s.Log.Error("chat joined: make admin a coach", "club", club.ID, "member", m.ID, "err", err)
		}
	}
	if err := s.Memberships.AddPendingCoaches(ctx, club.ID, platform, pending); err != nil {
		s.Log.Error("chat joined: record admins", "club", club.ID, "err", err)
	}
	s.Log.Info("chat is a club", "club", club.ID, "platform", platform, "admins", len(admins))
}

// coachOfPendingClubs makes a new member a coach of the clubs they were
// found administering before they registered.
func (s *Service) coachOfPendingClubs(ctx context.Context, m domain.Member, id domain.Identity) error {
	clubs, err := s.Memberships.TakePendingCoaches(ctx, id.Platform, id.UserID)
	if err != nil {
		return err
	}
	for _, c := range clubs {
		if err := s.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c, MemberID: m.ID, Role: domain.RoleCoach}); err != nil {
			return err
		}
	}
	return nil
}

// clubFor settles which club a club or coach route acts on. In a group it is
// the group's (the router joined the sender already); coach routes refuse
// anyone not its coach. In a private chat it is the sender's club, or the
// one coached for coach routes; with several, the club: argument says which
// or the sender gets buttons to choose (choose is set).
func (s *Service) clubFor(ctx context.Context, r *request, coach bool) (club domain.Club, choose *bot.Reply, err error) {
	if !r.cmd.Private {
		if r.club.ID == 0 {
			// No one joined: a stranger's command, or one that does not
			// join (/leave). It finds the club, never makes one.
			r.club, err = s.Clubs.ClubByChat(ctx, r.cmd.Platform, clubChatID(r.cmd))
			switch {
			case domain.ErrorCode(err) == domain.ENOTFOUND && coach:
				return domain.Club{}, nil, &domain.Error{Code: domain.EFORBIDDEN, Message: render.CoachesOnly}
			case domain.ErrorCode(err) == domain.ENOTFOUND:
				return domain.Club{}, nil, &domain.Error{Code: domain.ENOTFOUND, Message: render.NotAMember(r.cmd.GroupTitle)}
			case err != nil:
				return domain.Club{}, nil, err
			}
		}
		if !coach {
			return r.club, nil, nil
		}
		if r.member.ID != 0 {
			cm, err := s.Clubs.ClubMember(ctx, r.club.ID, r.member.ID)
			if err == nil && cm.Role == domain.RoleCoach {
				return r.club, nil, nil
			} else if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
				return domain.Club{}, nil, err
			}
		}
		return domain.Club{}, nil, &domain.Error{Code: domain.EFORBIDDEN, Message: render.CoachesOnly}
	}
	if r.member.ID == 0 {
		return domain.Club{}, nil, &domain.Error{Code: domain.ENOTFOUND, Message: render.NotRegistered}
	}
	places, err := s.Clubs.MemberClubs(ctx, r.member.ID)
	if err != nil {
		return domain.Club{}, nil, err
	}
	var clubs []domain.Club
	for _, p := range places {
		if coach && p.Role != domain.RoleCoach {
			continue
		}
		c, err := s.Memberships.ClubByID(ctx, p.ClubID)
		if err != nil {
			return domain.Club{}, nil, err
		}
		clubs = append(clubs, c)
	}
	if name, ok := r.args.text("club"); ok {
		return pickClub(clubs, name, coach)
	}
	switch len(clubs) {
	case 0:
		if coach {
			return domain.Club{}, nil, &domain.Error{Code: domain.ENOTFOUND, Message: render.NoCoachedClub}
		}
		return domain.Club{}, nil, &domain.Error{Code: domain.ENOTFOUND, Message: render.InNoClub}
	case 1:
		return clubs[0], nil, nil
	}
	return domain.Club{}, chooseClub(r, clubs), nil
}

// pickClub finds the club named (by its title, case-insensitively, or the
// start of it, or its number) among clubs.
func pickClub(clubs []domain.Club, name string, coach bool) (domain.Club, *bot.Reply, error) {
	name = strings.TrimSpace(name)
	var found []domain.Club
	for _, c := range clubs {
		if strconv.FormatInt(c.ID, 10) == name || strings.EqualFold(c.Title, name) {
			return c, nil, nil
		}
		if strings.HasPrefix(strings.ToLower(c.Title), strings.ToLower(name)) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], nil, nil
	}
	titles := make([]string, len(clubs))
	for i, c := range clubs {
		titles[i] = c.Title
	}
	return domain.Club{}, nil, invalid(render.NoSuchClub(name, titles, coach))
}

// chooseClub asks which club a command sent in private is about, with a
// button per club when the command fits in a button's data.
func chooseClub(r *request, clubs []domain.Club) *bot.Reply {
	reply := bot.Reply{Text: render.ChooseClub(r.path, clubs)}
	for _, c := range clubs {
		data := strings.TrimSpace(r.cmd.Text) + " club:" + strconv.FormatInt(c.ID, 10)
		if r.cmd.Name != "" || !strings.HasPrefix(data, "/") || len(data) > bot.MaxButtonData {
			data = "/" + r.path + " club:" + strconv.FormatInt(c.ID, 10)
		}
		if len(data) <= bot.MaxButtonData {
			reply.Buttons = append(reply.Buttons, []bot.Button{{Label: render.ClubLabel(c), Data: data}})
		}
	}
	return &reply
}

// leave takes the sender out of a club. Their data stays theirs; the club
// no longer counts them.
func (s *Service) leave(ctx context.Context, r *request) (bot.Reply, error) {
	err := s.Memberships.RemoveClubMember(ctx, r.club.ID, r.member.ID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return bot.Reply{Text: render.NotAMember(r.club.Title), Private: true}, nil
	} else if err != nil {
		return bot.Reply{}, err
	}
	s.Log.Info("member left a club", "club", r.club.ID, "member", r.member.ID)
	return bot.Reply{Text: render.Left(r.club.Title), Private: true}, nil
}
