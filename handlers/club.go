package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// clubChatID is the platform id of the club a command came from: the Discord
// server, or the Telegram group.
func clubChatID(cmd bot.Command) string {
	if cmd.GuildID != "" {
		return cmd.GuildID
	}
	return cmd.ChatID
}

// join makes the sender a member of this group's club, creating the club on
// first use. Group admins become coaches when they join; /coach changes that.
func (s *Service) join(ctx context.Context, r *request) (bot.Reply, error) {
	if r.cmd.Private {
		return bot.Reply{}, invalid("Send /join in your club's group chat: the group is the club.")
	}
	club, err := s.Clubs.ClubByChat(ctx, r.cmd.Platform, clubChatID(r.cmd))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		club = domain.Club{Platform: r.cmd.Platform, ChatID: clubChatID(r.cmd), Title: r.cmd.GroupTitle,
			WeeklyDay: s.Defaults.WeeklyDay, WeeklyMinute: s.Defaults.WeeklyMinute, TZ: s.Defaults.TZ}
		err = s.Clubs.CreateClub(ctx, &club)
	}
	if err != nil {
		return bot.Reply{}, err
	}
	name := orDefault(r.member.Name, "A new member")
	if cm, err := s.Clubs.ClubMember(ctx, club.ID, r.member.ID); err == nil {
		return bot.Reply{Text: fmt.Sprintf("%s, you are already in %s (as %s).", name, orDefault(club.Title, "this club"), cm.Role)}, nil
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
	text := fmt.Sprintf("Welcome to %s, %s! Your check-ins stay private: I answer you in a private chat, and coaches see your values only if you send /settings share:on.", orDefault(club.Title, "the club"), name)
	if role == domain.RoleCoach {
		text += " As a group admin you are a coach: /summary gives you the group's week."
	}
	return bot.Reply{Text: text}, nil
}

// coach grants or takes the coach role: /coach add @member, /coach remove @member.
func (s *Service) coach(ctx context.Context, r *request) (bot.Reply, error) {
	club, err := s.requireCoach(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	if err := unknownKeys(r.cmd.Args, coachKeys); err != nil {
		return bot.Reply{}, err
	}
	action, target := r.cmd.Args["action"], r.cmd.Args["member"]
	pos := r.cmd.Positional
	if action == "" && len(pos) > 0 {
		action, pos = pos[0], pos[1:]
	}
	if target == "" && len(pos) > 0 {
		target = strings.Join(pos, " ")
	}
	action = strings.ToLower(action)
	if action == "weekly" {
		return s.setWeeklySlot(ctx, club, orDefault(r.cmd.Args["slot"], target), r.cmd.Args["tz"])
	}
	if (action != "add" && action != "remove") || target == "" {
		return bot.Reply{}, invalid("Use /coach add @member, /coach remove @member, or /coach weekly Sun 18:00 to move the weekly summary.")
	}
	cm, m, err := s.findClubMember(ctx, club, r.cmd.Platform, target)
	if err != nil {
		return bot.Reply{}, err
	}
	cm.Role = domain.RoleMember
	if action == "add" {
		cm.Role = domain.RoleCoach
	}
	if err := s.Clubs.SetClubMember(ctx, cm); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: fmt.Sprintf("%s is now a %s of %s.", orDefault(m.Name, "That member"), cm.Role, orDefault(club.Title, "this club"))}, nil
}

var coachKeys = []string{"action", "member", "slot", "tz"}

// setWeeklySlot moves the club's weekly summaries to slot ("Sun 18:00"), in
// the club's time zone, which tz may change.
func (s *Service) setWeeklySlot(ctx context.Context, club domain.Club, slot, tz string) (bot.Reply, error) {
	if slot == "" && tz == "" {
		return bot.Reply{Text: fmt.Sprintf("Weekly summaries for %s go out on %s (%s). Move them with /coach weekly Sun 18:00 tz:Europe/London.",
			orDefault(club.Title, "this club"), domain.FormatWeeklySlot(club.WeeklyDay, club.WeeklyMinute), club.TZ)}, nil
	}
	if slot != "" {
		day, minute, err := domain.ParseWeeklySlot(slot)
		if err != nil {
			return bot.Reply{}, err
		}
		club.WeeklyDay, club.WeeklyMinute = day, minute
	}
	if tz != "" {
		zone, err := ParseZone(tz)
		if err != nil {
			return bot.Reply{}, err
		}
		club.TZ = zone
	}
	if err := s.Clubs.UpdateClub(ctx, club); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: fmt.Sprintf("Weekly summaries for %s now go out on %s (%s): each member gets their own, coaches the group's.",
		orDefault(club.Title, "this club"), domain.FormatWeeklySlot(club.WeeklyDay, club.WeeklyMinute), club.TZ)}, nil
}

// requireCoach returns the club of the group the command came from, refusing
// anyone who is not one of its coaches.
func (s *Service) requireCoach(ctx context.Context, r *request) (domain.Club, error) {
	if r.cmd.Private {
		return domain.Club{}, invalid("Send this in your club's group chat.")
	}
	club, err := s.Clubs.ClubByChat(ctx, r.cmd.Platform, clubChatID(r.cmd))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.Club{}, domain.Errorf(domain.ENOTFOUND, "This group is not a club yet: members send /join to start it.")
	} else if err != nil {
		return domain.Club{}, err
	}
	if r.member.ID != 0 {
		cm, err := s.Clubs.ClubMember(ctx, club.ID, r.member.ID)
		if err == nil && cm.Role == domain.RoleCoach {
			return club, nil
		} else if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return domain.Club{}, err
		}
	}
	return domain.Club{}, domain.Errorf(domain.EFORBIDDEN, "Only the club's coaches can do that. A coach can make you one with /coach add @you.")
}

// findClubMember finds a club member by mention (<@123> on Discord), user id
// or name, case-insensitively.
func (s *Service) findClubMember(ctx context.Context, club domain.Club, platform, target string) (domain.ClubMember, domain.Member, error) {
	t := strings.TrimSpace(target)
	t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "<@"), "!"), ">")
	t = strings.TrimPrefix(t, "@")
	roster, err := s.Clubs.Roster(ctx, club.ID)
	if err != nil {
		return domain.ClubMember{}, domain.Member{}, err
	}
	place := func(e domain.RosterEntry) domain.ClubMember {
		return domain.ClubMember{ClubID: club.ID, MemberID: e.Member.ID, Role: e.Role}
	}
	if m, err := s.Members.MemberByIdentity(ctx, platform, t); err == nil {
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
		return domain.ClubMember{}, domain.Member{}, domain.Errorf(domain.ENOTFOUND, "%q is not a member of this club. They need to send /join here first.", clip(target))
	}
	return domain.ClubMember{}, domain.Member{}, domain.Errorf(domain.ECONFLICT, "More than one member is called %q; mention them instead.", clip(target))
}
