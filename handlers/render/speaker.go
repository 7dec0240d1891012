package render

import (
	"cmp"
	"fmt"

	"github.com/runclub/runclub/domain"
)

// BadSpeaker refuses /as with a name of nothing usable.
const BadSpeaker = "Say whom to speak as with a name of letters or digits, e.g. /as Sam; /as local goes back to the terminal's own member."

// SpeakingAs confirms /as to a known member, with their places.
func SpeakingAs(m domain.Member, roles []string) string {
	text := fmt.Sprintf("You are now %s", cmp.Or(m.Name, "that member"))
	if len(roles) > 0 {
		text += " (" + joinAnd(roles) + ")"
	}
	return text + ". What you type now is theirs; /as NAME switches again."
}

// SpeakingAsNew confirms /as to a name no one has yet.
func SpeakingAsNew(name string) string {
	return fmt.Sprintf("You are now %s, new here: send /start to begin. /as NAME switches again.", clip(name))
}

// RoleIn says a member's place in a club: "coach of Riverside Runners".
func RoleIn(role, title string) string {
	return roleName(role) + " of " + cmp.Or(title, "a club")
}
