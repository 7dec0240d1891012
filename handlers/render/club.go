package render

import (
	"cmp"
	"fmt"

	"github.com/runclub/runclub/domain"
)

// AlreadyInClub answers /join from a member of the club.
func AlreadyInClub(name, title, role string) string {
	return fmt.Sprintf("%s, you are already in %s (as %s).", cmp.Or(name, "A new member"), cmp.Or(title, "this club"), roleName(role))
}

// Joined welcomes a new member of the club, and a new coach as a coach.
// It is said in the group, so it does not say whether the member shares.
func Joined(name, title, role string) string {
	text := fmt.Sprintf("Welcome to %s, %s! Your check-ins stay private: I answer you in a private chat, and coaches see your values only while you share (/settings share:on or share:off).",
		cmp.Or(title, "the club"), cmp.Or(name, "A new member"))
	if role == domain.RoleCoach {
		text += " As a group admin you are a coach: /summary gives you the group's week, here or in a private chat with me, and I tell you privately when a member who shares needs a look."
	}
	return text + " /leave takes you out of the club; your data stays yours."
}

// RoleSet confirms a member's new role.
func RoleSet(name, role, title string) string {
	return fmt.Sprintf("%s is now a %s of %s.", cmp.Or(name, "That member"), roleName(role), cmp.Or(title, "this club"))
}

// LastCoach refuses to take the coach role from a club's only coach.
func LastCoach(name, title string) string {
	return fmt.Sprintf("%s is the only coach of %s: make someone else a coach first (/coach add @member), so the club is not left without one.",
		cmp.Or(name, "That member"), cmp.Or(title, "this club"))
}

// WeeklySlot says when the club's weekly summaries go out, and how to move them.
func WeeklySlot(c domain.Club) string {
	return fmt.Sprintf("Weekly summaries for %s go out on %s (%s). Move them with /coach weekly Sun 18:00 tz:Europe/London.",
		cmp.Or(c.Title, "this club"), domain.FormatWeeklySlot(c.WeeklyDay, c.WeeklyMinute), c.TZ)
}

// WeeklySlotMoved confirms the club's new weekly slot.
func WeeklySlotMoved(c domain.Club) string {
	return fmt.Sprintf("Weekly summaries for %s now go out on %s (%s): each member gets their own, coaches the group's.",
		cmp.Or(c.Title, "this club"), domain.FormatWeeklySlot(c.WeeklyDay, c.WeeklyMinute), c.TZ)
}

// NameTheMember asks a coach which member they mean.
const NameTheMember = "Name the member, e.g. /coach add @Sam."

// NotInClub says a named member is not in the club.
func NotInClub(name string) string {
	return fmt.Sprintf("%q is not a member of this club. Anyone who uses me in the club's group is one: ask them to send /join there.", clip(name))
}

// SameName says a name matches several members.
func SameName(name string) string {
	return fmt.Sprintf("More than one member is called %q; mention them instead.", clip(name))
}

// roleName names a club role.
func roleName(role string) string {
	if role == domain.RoleCoach {
		return "coach"
	}
	return "member"
}
