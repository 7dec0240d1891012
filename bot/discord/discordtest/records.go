package discordtest

import (
	"encoding/json"
	"time"
)

// Request is one REST request the fake received.
type Request struct {
	Method string
	// Path is relative to the API base, e.g. "/channels/1/messages".
	Path   string
	Status int
	At     time.Time
}

// File is an attachment sent with a message.
type File struct {
	Name        string
	ContentType string
	Data        []byte
	// Width and Height are an image's, as Discord reports them on the
	// attachment; 0 when the file is not an image it can read.
	Width, Height int
}

// Component is a message or modal component as sent on the wire: an action
// row (type 1) holding buttons (type 2) or text inputs (type 4).
type Component struct {
	Type       int         `json:"type"`
	CustomID   string      `json:"custom_id,omitempty"`
	Label      string      `json:"label,omitempty"`
	Style      int         `json:"style,omitempty"`
	URL        string      `json:"url,omitempty"`
	Value      string      `json:"value,omitempty"`
	Required   *bool       `json:"required,omitempty"`
	MaxLength  int         `json:"max_length,omitempty"`
	Components []Component `json:"components,omitempty"`
}

// Buttons flattens a message's action rows into their buttons, row by row.
func Buttons(rows []Component) [][]Component {
	var out [][]Component
	for _, r := range rows {
		out = append(out, r.Components)
	}
	return out
}

// Message is a message the bot created: in a channel, as an interaction
// response, as an edit of the original response, or as a follow-up.
type Message struct {
	ID        string
	ChannelID string
	Content   string
	// Flags as delivered; 64 is ephemeral. An edit of a deferred response
	// carries the flags the deferral set.
	Flags      int
	Components []Component
	Files      []File
	Nonce      string
	// Via is "channel", "callback", "http" (the answer to the interactions
	// endpoint's POST), "edit" or "followup".
	Via string
	// InteractionID is set for interaction responses and follow-ups.
	InteractionID string
	// AllowedMentions is the raw allowed_mentions object, if any.
	AllowedMentions json.RawMessage
	Deleted         bool
}

// Ephemeral reports whether only the invoking user can see the message.
func (m Message) Ephemeral() bool { return m.Flags&64 != 0 }

// Modal is a modal the bot opened in answer to an interaction.
type Modal struct {
	CustomID   string
	Title      string
	Components []Component
}

// Inputs returns the modal's text inputs in order.
func (m Modal) Inputs() []Component {
	var out []Component
	for _, r := range m.Components {
		out = append(out, r.Components...)
	}
	return out
}

// Callback is the first response to an interaction.
type Callback struct {
	InteractionID string
	// Type is 4 (message), 5 (deferred message), 6, 7 or 9 (modal).
	Type int
	// Flags of a type 4 or 5 response.
	Flags int
	Modal *Modal
	// After is how long after dispatch the response came.
	After time.Duration
	// Via is "callback" (the REST callback endpoint) or "http" (the answer
	// to the interactions endpoint's POST).
	Via string
}

// Overwrite is one bulk overwrite of application commands.
type Overwrite struct {
	// GuildID is empty for global commands.
	GuildID  string
	Commands []Command
}

// Command is an application command as registered.
type Command struct {
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Type         int             `json:"type,omitempty"`
	DMPermission *bool           `json:"dm_permission,omitempty"`
	Contexts     *[]int          `json:"contexts,omitempty"`
	Options      []CommandOption `json:"options"`
}

// CommandOption is an option of a slash command.
type CommandOption struct {
	Type        int      `json:"type"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Required    bool     `json:"required"`
	MinValue    *float64 `json:"min_value,omitempty"`
	MaxValue    *float64 `json:"max_value,omitempty"`
	Choices     []Choice `json:"choices"`
}

// Choice is a fixed value of an option.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Requests returns every REST request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Overwrites returns the command bulk overwrites, in order.
func (s *Server) Overwrites() []Overwrite {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Overwrite(nil), s.overwrites...)
}

// Callbacks returns the interaction responses, in order.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Callback(nil), s.callbacks...)
}

// Callback returns the response to the interaction, if any.
func (s *Server) Callback(interactionID string) (Callback, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.callbacks {
		if c.InteractionID == interactionID {
			return c, true
		}
	}
	return Callback{}, false
}

// Messages returns every message the bot created, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// ChannelMessages returns the messages posted to a channel with
// POST /channels/{id}/messages.
func (s *Server) ChannelMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.Via == "channel" && m.ChannelID == channelID {
			out = append(out, m)
		}
	}
	return out
}

// Replies returns what the bot showed for an interaction: the response
// message, its edits and follow-ups, in order, without deleted ones.
func (s *Server) Replies(interactionID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.InteractionID == interactionID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// DMChannelCreates counts POST /users/@me/channels calls that succeeded.
func (s *Server) DMChannelCreates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dmCreates
}

// DMChannel returns the DM channel of a user, creating it as Discord would.
func (s *Server) DMChannel(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dmChannelLocked(userID)
}

func (s *Server) dmChannelLocked(userID string) string {
	if id, ok := s.dmByUser[userID]; ok {
		return id
	}
	id := s.snowflakeLocked()
	s.dmByUser[userID] = id
	s.dmUser[id] = userID
	return id
}

// CloseDMs makes the user refuse DMs from the bot: messages to their DM
// channel fail with error 50007, as when a member turns off DMs from server
// members.
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closedDMs[userID] = true
}

// RateLimited counts the 429 responses sent, injected or enforced.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateLimited
}
