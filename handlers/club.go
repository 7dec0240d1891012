package handlers

import (
	"context"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// join makes the sender a member of this group's club, creating the club on
// first use. Group admins become coaches when they join; /coach changes
// that. Any command used in the group joins its sender too (joinHere);
// /join is the one that says so in the group.
func (s *Service) join(ctx context.Context, r *request) (bot.Reply, error) {
	club, err := s.clubOfChat(ctx, r.cmd.Platform, clubChatID(r.cmd), r.cmd.GroupTitle)
	if err != nil {
		return bot.Reply{}, err
	}
	if cm, err := s.Clubs.ClubMember(ctx, club.ID, r.member.ID); err == nil {
		return bot.Reply{Text: render.AlreadyInClub(r.member.Name, club.Title, cm.Role)}, nil
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return bot.Reply{}, err
	}
	role := domain.RoleMember
	if r.cmd.SenderIsAdmin {
		role = domain.RoleCoach
	}
	if err := s.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: club.ID, MemberID: r.member.ID, Role: role}); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.Joined(r.member.Name, club.Title, role)}, nil
}

// coachAdd and coachRemove grant or take the coach role: /coach add @member.
func (s *Service) coachAdd(ctx context.Context, r *request) (bot.Reply, error) {
	return s.setRole(ctx, r, domain.RoleCoach)
}

func (s *Service) coachRemove(ctx context.Context, r *request) (bot.Reply, error) {
	return s.setRole(ctx, r, domain.RoleMember)
}

func (s *Service) setRole(ctx context.Context, r *request, role string) (bot.Reply, error) {
	target, ok := r.args.member("member")
	if !ok || (target.name == "" && target.userID == "") {
		return bot.Reply{}, invalid(render.NameTheMember)
	}
	cm, m, err := s.findClubMember(ctx, r.club, r.cmd, target)
	if err != nil {
		return bot.Reply{}, err
	}
	if role != domain.RoleCoach && cm.Role == domain.RoleCoach {
		last, err := s.lastCoach(ctx, cm)
		if err != nil {
			return bot.Reply{}, err
		}
		if last {
			// A club without a coach has nobody to read its summaries
			// or alerts, and on the console or Discord nobody to undo it.
			return bot.Reply{}, &domain.Error{Code: domain.ECONFLICT, Message: render.LastCoach(m.Name, r.club.Title)}
		}
	}
	cm.Role = role
	if err := s.Clubs.SetClubMember(ctx, cm); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.RoleSet(m.Name, cm.Role, r.club.Title)}, nil
}

// lastCoach reports whether cm is the only coach of its club.
func (s *Service) lastCoach(ctx context.Context, cm domain.ClubMember) (bool, error) {
	all, err := s.Clubs.ClubMembers(ctx, cm.ClubID)
	if err != nil {
		return false, err
	}
	for _, o := range all {
		if o.Role == domain.RoleCoach && o.MemberID != cm.MemberID {
			return false, nil
		}
	}
	return true, nil
}

// coachWeekly shows or moves the club's weekly summary slot.
func (s *Service) coachWeekly(ctx context.Context, r *request) (bot.Reply, error) {
	slot, hasSlot := r.args.slot("slot")
	tz, hasTZ := r.args.text("tz")
	club := r.club
	if !hasSlot && !hasTZ {
		return bot.Reply{Text: render.WeeklySlot(club)}, nil
	}
	if hasSlot {
		club.WeeklyDay, club.WeeklyMinute = slot.day, slot.minute
	}
	if hasTZ {
		club.TZ = tz
	}
	if err := s.Clubs.UpdateClub(ctx, club); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.WeeklySlotMoved(club)}, nil
}

// findClubMember finds a club member by the platform user id a mention
// stands for, by user id as typed, or by name, case-insensitively.
func (s *Service) findClubMember(ctx context.Context, club domain.Club, cmd bot.Command, target memberRef) (domain.ClubMember, domain.Member, error) {
	t := strings.TrimPrefix(target.name, "@")
	userID := target.userID
	for _, mn := range cmd.Mentions {
		if userID == "" && mn.Token == target.name {
			userID = mn.UserID
		}
	}
	if userID == "" {
		userID = t
	}
	roster, err := s.Clubs.Roster(ctx, club.ID)
	if err != nil {
		return domain.ClubMember{}, domain.Member{}, err
	}
	place := func(e domain.RosterEntry) domain.ClubMember {
		return domain.ClubMember{ClubID: club.ID, MemberID: e.Member.ID, Role: e.Role}
	}
	if m, err := s.Members.MemberByIdentity(ctx, cmd.Platform, userID); err == nil {
		for _, e := range roster {
			if e.Member.ID == m.ID {
				return place(e), e.Member, nil
			}
		}
	}
	var found []domain.ClubMember
	var foundM domain.Member
	for _, e := range roster {
		if strings.EqualFold(e.Member.Name, t) {
			found, foundM = append(found, place(e)), e.Member
		}
	}
	switch len(found) {
	case 1:
		return found[0], foundM, nil
	case 0:
		return domain.ClubMember{}, domain.Member{}, &domain.Error{Code: domain.ENOTFOUND, Message: render.NotInClub(target.name)}
	}
	return domain.ClubMember{}, domain.Member{}, &domain.Error{Code: domain.ECONFLICT, Message: render.SameName(target.name)}
}
