package render

import (
	"cmp"
	"fmt"

	"github.com/runclub/runclub/domain"
)

// platformNames name the platforms in a sentence.
var platformNames = map[string]string{
	domain.PlatformTelegram: "Telegram",
	domain.PlatformDiscord:  "Discord",
	domain.PlatformConsole:  "the terminal",
}

func platformName(p string) string { return cmp.Or(platformNames[p], p) }

// LinkCode gives a member their one-time code and what it does.
func LinkCode(code, platform string) string {
	other := "Telegram or Discord"
	switch platform {
	case domain.PlatformTelegram:
		other = "Discord"
	case domain.PlatformDiscord:
		other = "Telegram"
	}
	return fmt.Sprintf("Your link code: %s\n\nOn your other account (runclub on %s), send /link %s in a private chat with me within %d minutes; it works once. That account then joins this one: its check-ins and runs move here (on a day both have, the later answers win), and your settings here stay as they are. Don't share the code: whoever types it joins their account to yours.",
		code, other, code, int(domain.LinkCodeTTL.Minutes()))
}

// Linked confirms the accounts are one member now.
func Linked(m domain.Member, ids []domain.Identity, merged bool) string {
	accounts := make([]string, len(ids))
	for i, id := range ids {
		accounts[i] = platformName(id.Platform)
	}
	text := fmt.Sprintf("Linked: you are one member now, %s, on %s.", cmp.Or(m.Name, "runner"), joinAnd(accounts))
	if merged {
		text += " This account's check-ins and runs moved to the other (on a day both had, the later answers won), and its clubs came along."
	}
	return text + " Your settings are the other account's; /settings shows them, /export lists both accounts, and /forget deletes everything on both."
}

// Refusals of /link.
const (
	BadLinkCode      = "A link code is 6 letters and digits, e.g. /link K7Q2MX. Send /link on your other account to get one."
	OwnLinkCode      = "That code is this account's own. Send it from your other account, or send /link there for a code to type here."
	TooManyLinkCodes = "Too many wrong codes in the last hour: wait an hour, then send /link on your other account for a fresh code."
)

// WrongLinkCode refuses a code that is not right, or no longer valid.
func WrongLinkCode(left int) string {
	return fmt.Sprintf("That code is not right, or it has expired (codes last %d minutes and work once). Send /link on your other account for a fresh one. %s left this hour.",
		int(domain.LinkCodeTTL.Minutes()), capitalise(count(max(left, 0), "try", "tries")))
}

// ExportedAccounts names the accounts an export covers.
func ExportedAccounts(ids []domain.Identity) string {
	accounts := make([]string, len(ids))
	for i, id := range ids {
		accounts[i] = platformName(id.Platform) + " account " + id.UserID
	}
	return "Accounts: " + joinAnd(accounts) + "."
}
