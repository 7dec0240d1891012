package render

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/runclub/runclub/domain"
)

// JoinNote tells a member, privately, that using a command in a club's
// group made them a member: what coaches see, how sharing works, and
// /leave. A coach (a group admin) hears what coaching brings.
func JoinNote(title, role string, sharing bool) string {
	club := cmp.Or(title, "this group's club")
	share := "You don't share now: coaches see only that you are a member. Send /settings share:on to let them see your check-ins and runs."
	if sharing {
		share = "You share your values with coaches (/settings share:off stops that)."
	}
	text := fmt.Sprintf("You are now a member of %s: anyone who uses me there is one. Your check-ins stay private; %s /leave there takes you out again, and your data stays yours.",
		club, lowerFirst(share))
	if role == domain.RoleCoach {
		text += " As a group admin you are one of its coaches: /summary gives you the group's week, and I tell you privately when a member who shares needs a look (/coach alerts off stops that)."
	}
	return text
}

// lowerFirst lower-cases the first letter, for a sentence joined to another.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Left confirms /leave.
func Left(title string) string {
	return fmt.Sprintf("You have left %s. Your check-ins and runs stay yours, and its coaches no longer see or count you. Using me there again makes you a member again.", cmp.Or(title, "the club"))
}

// NotAMember answers /leave from someone not in the club.
func NotAMember(title string) string {
	return fmt.Sprintf("You are not a member of %s, so there is nothing to leave.", cmp.Or(title, "this club"))
}

// Club refusals in a private chat.
const (
	NoCoachedClub = "You coach no club yet. The admins of a group or server I am in are its coaches; a coach can make you one with /coach add @you there."
	InNoClub      = "You are in no club. Using me in a running club's group makes you a member of it."
)

// NoSuchClub refuses a club: argument that names none of the sender's clubs.
func NoSuchClub(name string, titles []string, coach bool) string {
	whose := "You are in"
	if coach {
		whose = "You coach"
	}
	if len(titles) == 0 {
		return fmt.Sprintf("%q is not one of your clubs: %s no club yet.", clip(name), lowerFirst(whose))
	}
	return fmt.Sprintf("%q is not one of your clubs. %s %s; add club: and its name.", clip(name), whose, joinAnd(quoted(titles)))
}

func quoted(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strconv.Quote(cmp.Or(w, "(no name)"))
	}
	return out
}

// ChooseClub asks which club a command sent in a private chat is about.
func ChooseClub(path string, clubs []domain.Club) string {
	titles := make([]string, len(clubs))
	for i, c := range clubs {
		titles[i] = ClubLabel(c)
	}
	return fmt.Sprintf("Which club? You are in %s. Tap one, or send /%s club:NAME.", joinAnd(titles), path)
}

// ClubLabel names a club on a button.
func ClubLabel(c domain.Club) string { return cmp.Or(c.Title, "Club "+strconv.FormatInt(c.ID, 10)) }
