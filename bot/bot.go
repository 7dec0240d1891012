// Package bot holds the platform-neutral chat types: the inbound Command an
// adapter builds from a platform event, the Reply a handler returns, and the
// Sender an adapter offers for pushes. Platform types never appear here.
//
// It imports nothing of the project: every other package may import it.
package bot

import (
	"context"
	"time"
)

// Command is one thing a member asked of the bot, on any platform.
type Command struct {
	// Platform is domain.PlatformTelegram, PlatformDiscord or PlatformConsole.
	Platform string
	// UserID is the sender's platform user id; UserName a display name.
	UserID   string
	UserName string
	// ChatID is the chat the command came from: a private chat, a group or a
	// Discord channel. GuildID is the Discord server, empty elsewhere.
	ChatID  string
	GuildID string
	// Private is true in a one-to-one chat with the bot.
	Private bool
	// GroupTitle is the group's or server's name when not Private.
	GroupTitle string
	// SenderIsAdmin is the platform's word that the sender administers the
	// group (Telegram group admin, Discord Manage Server).
	SenderIsAdmin bool
	// Text is the raw text as typed, or the data of the button pressed.
	Text string
	// Name and Options are set by adapters whose platform sends commands
	// already structured (a Discord slash command or form): the command
	// without its slash and its options by name, as text. When Name is
	// empty the router reads Name and arguments from Text.
	Name    string
	Options map[string]string
	// Mentions are the members the text or the options name, as the
	// platform identified them.
	Mentions []Mention
	// Time is when the platform says the message was sent.
	Time time.Time
	// EventID is the platform's id of the event the command came from (a
	// Telegram update id), set by adapters whose platform may deliver an
	// event twice: the router applies a command with an EventID once, and
	// answers its repeats with nothing.
	EventID string
}

// Mention is a member named in a command. Adapters replace the platform's
// markup (Discord's <@123>) in Text and Options by Token ("@Sam"), so
// handlers never see platform syntax, and record who it stands for.
type Mention struct {
	Token  string
	UserID string
}

// Button is a neutral button: a label and the data sent back when pressed.
// Data is a command line such as "/checkin fatigue:4" and is at most
// MaxButtonData bytes, which fits Telegram callback data and Discord custom ids.
type Button struct {
	Label string
	Data  string
}

// Apology is the answer when something failed on the bot's side: an
// internal error, or a panic the router or an adapter recovered from. It is
// the one sentence adapters may send on their own, so it lives here.
const Apology = "Something went wrong on our side. Please try again in a minute."

// MaxButtonData is the longest Button.Data any platform accepts.
const MaxButtonData = 64

// File is an attachment: an image or a document such as the /export CSV.
type File struct {
	Name string
	MIME string
	Data []byte
	// Draw, when set, makes Data at the moment the message is sent (see
	// Reply.Resolve). A weekly run of thousands of summaries gathers the
	// facts; each picture is drawn only when the paced queue reaches it.
	// It returns nil data when there is nothing to draw.
	Draw func(ctx context.Context) ([]byte, error)
}

// Reply is what a handler answers. Adapters decide how to deliver it.
type Reply struct {
	// Text is plain text; adapters escape it for their markup.
	Text string
	// Pre is preformatted text, such as an aligned table, shown after Text
	// in a monospaced font with its line breaks and spaces kept: Telegram
	// in <pre>, Discord in a code block, the console as it is.
	Pre string
	// Buttons are rows of buttons under the text.
	Buttons [][]Button
	// Image and Document are optional attachments.
	Image    *File
	Document *File
	// Private marks personal data: it must not be shown in a group. Adapters
	// answer ephemerally (Discord) or in the private chat (Telegram).
	Private bool
	// GroupNote is what a group sees instead of a Private reply; adapters use a
	// short default pointer when it is empty.
	GroupNote string
	// CheckInForm invites the adapter to offer its native check-in form (the
	// Discord modal) if it has one.
	CheckInForm bool
	// Speaker, set by the console's /as, makes the console speak as another
	// account from the next line on; platform adapters ignore it.
	Speaker *Speaker
}

// Speaker is an account the console speaks as.
type Speaker struct {
	UserID, UserName string
}

// IsZero reports whether there is nothing to deliver.
func (r Reply) IsZero() bool {
	return r.Text == "" && r.Pre == "" && len(r.Buttons) == 0 && r.Image == nil && r.Document == nil
}

// Handler answers commands. Handlers are platform-free and never send.
type Handler interface {
	Handle(ctx context.Context, cmd Command) Reply
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, cmd Command) Reply

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, cmd Command) Reply { return f(ctx, cmd) }

// Recipient is where a push goes. Exactly one of UserID and ChatID is set:
// UserID for a private message to a member (the adapter finds or opens the
// private chat, e.g. a cached Discord DM channel), ChatID for a group or channel.
type Recipient struct {
	Platform string
	UserID   string
	ChatID   string
}

// Message is a push the bot sends on its own, such as a morning prompt.
type Message struct {
	To    Recipient
	Reply Reply
}

// Sender delivers pushes. Adapters implement it with a paced queue: Send
// returns once the platform accepted the message or it failed for good, so a
// caller can record the delivery.
type Sender interface {
	Send(ctx context.Context, msg Message) error
}

// Events receives what an adapter learns about recipients and chats: whom
// it cannot reach, so that the bot stops prompting them, and which groups
// it is in, so that each is a club.
type Events interface {
	// Unreachable reports that the platform refused a private message for
	// good (bot blocked, DMs closed).
	Unreachable(ctx context.Context, platform, userID string)
	// ChatMigrated reports that a group got a new chat id (Telegram's
	// group-to-supergroup migration).
	ChatMigrated(ctx context.Context, platform, oldChatID, newChatID string)
	// ChatJoined reports that the bot was added to a group or server, or
	// learnt of one it is in (Discord announces each at every connect): the
	// chat is a club, and admins (platform user ids: Telegram group
	// administrators, the Discord server's owner) its coaches unless a
	// coach changed that. It may be reported again for the same chat.
	ChatJoined(ctx context.Context, platform, chatID, title string, admins []string)
}
