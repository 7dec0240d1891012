package discordtest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// Interaction kinds, as Discord numbers them.
const (
	KindCommand     = 2
	KindComponent   = 3
	KindModalSubmit = 5
)

// Permission bits a test may give a member.
const (
	PermAdministrator int64 = 1 << 3
	PermManageGuild   int64 = 1 << 5
)

// User is a Discord user taking part in a test.
type User struct {
	ID   string
	Name string
}

// Option is a slash-command option value as a member typed it. Type is
// Discord's option type (3 string, 4 integer, 10 number); Value is a
// string, an int or a float64.
type Option struct {
	Name  string
	Type  int
	Value any
}

// Field is a text input value of a submitted modal.
type Field struct {
	ID    string
	Value string
}

// Interaction is what a member does: a slash command, a button press or a
// modal submission, in a server (GuildID set) or in a DM with the bot.
type Interaction struct {
	Kind      int
	GuildID   string
	ChannelID string
	User      User
	// Permissions are the member's permissions in the channel (servers only).
	Permissions int64
	// Command and Options for a slash command.
	Command string
	Options []Option
	// CustomID of the pressed button or the submitted modal.
	CustomID string
	// Fields of a submitted modal.
	Fields []Field
}

// pending is the server's view of an interaction awaiting its response.
type pending struct {
	token      string
	at         time.Time
	responded  bool
	flags      int
	originalID string
	channelID  string
	// loading is true after a deferral until the response is edited.
	loading bool
}

// Interact dispatches INTERACTION_CREATE on the gateway (queued until a
// session is connected) and returns the interaction id.
func (s *Server) Interact(in Interaction) string {
	id, d := s.interaction(in)
	s.Dispatch("INTERACTION_CREATE", d)
	return id
}

// interaction registers in as awaiting its first response and returns its
// id and its payload as Discord sends it, on the gateway or by HTTP alike.
func (s *Server) interaction(in Interaction) (string, map[string]any) {
	s.mu.Lock()
	id := s.snowflakeLocked()
	token := "itoken-" + id
	if in.ChannelID == "" {
		if in.GuildID == "" {
			in.ChannelID = s.dmChannelLocked(in.User.ID)
		} else {
			in.ChannelID = in.GuildID
		}
	}
	s.interactions[id] = &pending{token: token, at: time.Now(), channelID: in.ChannelID}
	s.mu.Unlock()

	user := map[string]any{"id": in.User.ID, "username": in.User.Name, "global_name": in.User.Name, "discriminator": "0"}
	d := map[string]any{
		"id": id, "application_id": s.cfg.AppID, "type": in.Kind, "token": token, "version": 1,
		"channel_id": in.ChannelID, "locale": "en-GB", "app_permissions": "0",
	}
	if in.GuildID != "" {
		d["guild_id"] = in.GuildID
		d["context"] = 0
		d["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": strconv.FormatInt(in.Permissions, 10),
			"joined_at": "2025-01-01T00:00:00Z", "nick": nil}
	} else {
		d["context"] = 1
		d["user"] = user
	}
	switch in.Kind {
	case KindCommand:
		opts := make([]map[string]any, len(in.Options))
		for i, o := range in.Options {
			opts[i] = map[string]any{"name": o.Name, "type": o.Type, "value": o.Value}
		}
		d["data"] = map[string]any{"id": "cmd-" + in.Command, "name": in.Command, "type": 1, "options": opts}
	case KindComponent:
		d["data"] = map[string]any{"custom_id": in.CustomID, "component_type": 2}
		d["message"] = map[string]any{"id": "msg-" + id, "channel_id": in.ChannelID, "content": "", "author": s.botUser()}
	case KindModalSubmit:
		rows := make([]map[string]any, len(in.Fields))
		for i, f := range in.Fields {
			rows[i] = map[string]any{"type": 1, "components": []map[string]any{{"type": 4, "custom_id": f.ID, "value": f.Value}}}
		}
		d["data"] = map[string]any{"custom_id": in.CustomID, "components": rows}
	default:
		panic(fmt.Sprintf("discordtest: unknown interaction kind %d", in.Kind))
	}
	return id, d
}

// Command is a shortcut for a slash command interaction.
func (s *Server) Command(guildID string, u User, perms int64, name string, opts ...Option) string {
	return s.Interact(Interaction{Kind: KindCommand, GuildID: guildID, User: u, Permissions: perms, Command: name, Options: opts})
}

// Press is a shortcut for a button press.
func (s *Server) Press(guildID string, u User, customID string) string {
	return s.Interact(Interaction{Kind: KindComponent, GuildID: guildID, User: u, CustomID: customID})
}

// Submit is a shortcut for a modal submission.
func (s *Server) Submit(guildID string, u User, customID string, fields ...Field) string {
	return s.Interact(Interaction{Kind: KindModalSubmit, GuildID: guildID, User: u, CustomID: customID, Fields: fields})
}

func (s *Server) interactionCallback(w http.ResponseWriter, r *http.Request) {
	id, token := r.PathValue("id"), r.PathValue("token")
	var body struct {
		Type int             `json:"type"`
		Data *messagePayload `json:"data"`
	}
	files, err := readPayload(r, &body)
	if err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON: "+err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.interactions[id]
	if !ok || p.token != token {
		writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	after := time.Since(p.at)
	if after > s.cfg.InteractionDeadline {
		writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	if p.responded {
		writeError(w, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
		return
	}
	var data messagePayload
	if body.Data != nil {
		data = *body.Data
	}
	if err := s.acceptLocked(id, p, body.Type, data, files, after, "callback"); err != nil {
		writeInvalid(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// acceptLocked applies an interaction's first response as Discord does,
// whether it came to the callback endpoint or as the HTTP answer (via), and
// records it; an error is why Discord would refuse it.
func (s *Server) acceptLocked(id string, p *pending, typ int, data messagePayload, files []File, after time.Duration, via string) error {
	cb := Callback{InteractionID: id, Type: typ, Flags: data.Flags, After: after, Via: via}
	switch typ {
	case 4, 7:
		if err := validateMessage(data, files); err != nil {
			return err
		}
		m := Message{ID: s.snowflakeLocked(), ChannelID: p.channelID, Content: data.Content, Flags: data.Flags,
			Components: data.Components, Files: files, Via: via, InteractionID: id, AllowedMentions: data.AllowedMentions}
		p.originalID = m.ID
		s.messages = append(s.messages, m)
	case 5, 6:
		p.originalID = s.snowflakeLocked()
		p.loading = typ == 5
	case 9:
		if err := validateModal(data); err != nil {
			return err
		}
		cb.Modal = &Modal{CustomID: data.CustomID, Title: data.Title, Components: data.Components}
	default:
		return fmt.Errorf("type: unsupported interaction response type %d", typ)
	}
	p.responded = true
	p.flags = data.Flags
	s.callbacks = append(s.callbacks, cb)
	s.notifyLocked()
	return nil
}

func validateModal(p messagePayload) error {
	if p.CustomID == "" || len(p.CustomID) > 100 {
		return fmt.Errorf("custom_id: must be 1 to 100 characters")
	}
	if n := utf8.RuneCountInString(p.Title); n < 1 || n > 45 {
		return fmt.Errorf("title: must be 1 to 45 characters")
	}
	if len(p.Components) < 1 || len(p.Components) > 5 {
		return fmt.Errorf("components: a modal holds 1 to 5 rows")
	}
	seen := map[string]bool{}
	for i, row := range p.Components {
		if row.Type != 1 || len(row.Components) != 1 || row.Components[0].Type != 4 {
			return fmt.Errorf("components[%d]: each row holds one text input", i)
		}
		in := row.Components[0]
		if in.CustomID == "" || seen[in.CustomID] {
			return fmt.Errorf("components[%d]: custom_id missing or not unique", i)
		}
		seen[in.CustomID] = true
		if n := utf8.RuneCountInString(in.Label); n < 1 || n > 45 {
			return fmt.Errorf("components[%d]: label must be 1 to 45 characters", i)
		}
		if in.Style != 1 && in.Style != 2 {
			return fmt.Errorf("components[%d]: text input style must be 1 or 2", i)
		}
	}
	return nil
}

// interactionByToken finds an acknowledged interaction for a webhook call.
func (s *Server) interactionByTokenLocked(app, token string) (string, *pending, bool) {
	if app != s.cfg.AppID {
		return "", nil, false
	}
	for id, p := range s.interactions {
		if p.token == token && p.responded && time.Since(p.at) < 15*time.Minute {
			return id, p, true
		}
	}
	return "", nil, false
}

func (s *Server) followup(w http.ResponseWriter, r *http.Request) {
	var data messagePayload
	files, err := readPayload(r, &data)
	if err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON: "+err.Error())
		return
	}
	if err := validateMessage(data, files); err != nil {
		writeInvalid(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, p, ok := s.interactionByTokenLocked(r.PathValue("app"), r.PathValue("token"))
	if !ok {
		writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	m := Message{ID: s.snowflakeLocked(), ChannelID: p.channelID, Content: data.Content, Flags: data.Flags,
		Components: data.Components, Files: files, Via: "followup", InteractionID: id, AllowedMentions: data.AllowedMentions}
	if p.loading {
		// Discord: a follow-up right after a deferral edits the loading
		// response instead, and keeps the deferral's ephemeral state.
		p.loading = false
		m.ID, m.Flags, m.Via = p.originalID, p.flags, "edit"
	}
	s.messages = append(s.messages, m)
	s.notifyLocked()
	writeJSON(w, http.StatusOK, s.messageJSON(m))
}

func (s *Server) editResponse(w http.ResponseWriter, r *http.Request) {
	var data messagePayload
	files, err := readPayload(r, &data)
	if err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON: "+err.Error())
		return
	}
	if err := validateMessage(data, files); err != nil {
		writeInvalid(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, p, ok := s.interactionByTokenLocked(r.PathValue("app"), r.PathValue("token"))
	if !ok || r.PathValue("message") != "@original" || p.originalID == "" {
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	// An edit replaces the original response and keeps its flags.
	p.loading = false
	for i := range s.messages {
		if s.messages[i].ID == p.originalID {
			s.messages[i].Deleted = true
		}
	}
	m := Message{ID: p.originalID, ChannelID: p.channelID, Content: data.Content, Flags: p.flags,
		Components: data.Components, Files: files, Via: "edit", InteractionID: id, AllowedMentions: data.AllowedMentions}
	s.messages = append(s.messages, m)
	s.notifyLocked()
	writeJSON(w, http.StatusOK, s.messageJSON(m))
}

func (s *Server) deleteResponse(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, p, ok := s.interactionByTokenLocked(r.PathValue("app"), r.PathValue("token"))
	if !ok {
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	target := r.PathValue("message")
	if target == "@original" {
		target = p.originalID
	}
	for i := range s.messages {
		if s.messages[i].ID == target {
			s.messages[i].Deleted = true
		}
	}
	if target == p.originalID {
		p.originalID = ""
		p.loading = false
	}
	s.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

// DirectMessage dispatches MESSAGE_CREATE for text a member typed in their DM
// with the bot and returns the DM channel id.
func (s *Server) DirectMessage(u User, content string) string {
	s.mu.Lock()
	channel := s.dmChannelLocked(u.ID)
	id := s.snowflakeLocked()
	s.mu.Unlock()
	s.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": id, "channel_id": channel, "content": content, "type": 0,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"author":    map[string]any{"id": u.ID, "username": u.Name, "global_name": u.Name, "discriminator": "0"},
	})
	return channel
}
