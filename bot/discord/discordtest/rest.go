package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

const apiPrefix = "/api/v9"

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (s *Server) routes() http.Handler {
	api := http.NewServeMux()
	api.HandleFunc("GET /gateway", s.getGateway)
	api.HandleFunc("GET /gateway/bot", s.getGateway)
	api.HandleFunc("GET /users/@me", s.getMe)
	api.HandleFunc("GET /oauth2/applications/@me", s.getApplication)
	api.HandleFunc("POST /users/@me/channels", s.createDM)
	api.HandleFunc("POST /channels/{channel}/messages", s.createMessage)
	api.HandleFunc("PUT /applications/{app}/commands", s.overwriteCommands)
	api.HandleFunc("PUT /applications/{app}/guilds/{guild}/commands", s.overwriteCommands)
	api.HandleFunc("POST /interactions/{id}/{token}/callback", s.interactionCallback)
	api.HandleFunc("POST /webhooks/{app}/{token}", s.followup)
	api.HandleFunc("PATCH /webhooks/{app}/{token}/messages/{message}", s.editResponse)
	api.HandleFunc("DELETE /webhooks/{app}/{token}/messages/{message}", s.deleteResponse)

	root := http.NewServeMux()
	root.HandleFunc("GET /gateway", s.serveGateway)
	root.HandleFunc("GET /gateway/", s.serveGateway)
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		path, ok := strings.CutPrefix(r.URL.Path, apiPrefix)
		if !ok {
			writeError(w, http.StatusNotFound, 0, "404: Not Found")
			return
		}
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			s.mu.Lock()
			s.requests = append(s.requests, Request{Method: r.Method, Path: path, Status: rec.status, At: time.Now()})
			s.notifyLocked()
			s.mu.Unlock()
		}()
		// Interaction callbacks and webhooks are authorised by the token in
		// the URL; everything else needs the bot token.
		if !exemptFromGlobal(path) && r.Header.Get("Authorization") != "Bot "+s.cfg.Token {
			writeError(rec, http.StatusUnauthorized, 0, "401: Unauthorized")
			return
		}
		s.mu.Lock()
		ok = s.checkLimitsLocked(rec, r, path)
		s.mu.Unlock()
		if !ok {
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = path
		r2.URL.RawPath = ""
		api.ServeHTTP(rec, r2)
	})
	return root
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) getGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1,
		},
	})
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.cfg.BotID, "username": "runclub", "discriminator": "0", "bot": true}
}

func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.botUser())
}

func (s *Server) createDM(w http.ResponseWriter, r *http.Request) {
	var body struct {
		RecipientID string `json:"recipient_id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.RecipientID == "" {
		writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body")
		return
	}
	s.mu.Lock()
	id := s.dmChannelLocked(body.RecipientID)
	s.dmCreates++
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"id": id, "type": 1, "last_message_id": nil,
		"recipients": []map[string]any{{"id": body.RecipientID, "username": "member", "discriminator": "0"}},
	})
}

// messagePayload is the JSON of a message create, edit, follow-up or
// interaction response data.
type messagePayload struct {
	Content         string          `json:"content"`
	Flags           int             `json:"flags"`
	Components      []Component     `json:"components"`
	Nonce           any             `json:"nonce"`
	EnforceNonce    bool            `json:"enforce_nonce"`
	AllowedMentions json.RawMessage `json:"allowed_mentions"`
	CustomID        string          `json:"custom_id"`
	Title           string          `json:"title"`
}

// readPayload decodes a JSON body or a multipart body with payload_json and
// files[n] parts, as discordgo sends attachments.
func readPayload(r *http.Request, into any) ([]File, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("content type: %w", err)
	}
	if mt != "multipart/form-data" {
		return nil, json.NewDecoder(r.Body).Decode(into)
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	var files []File
	sawJSON := false
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		switch name := p.FormName(); {
		case name == "payload_json":
			sawJSON = true
			if err := json.Unmarshal(data, into); err != nil {
				return nil, err
			}
		case strings.HasPrefix(name, "files["):
			files = append(files, attachment(p.FileName(), p.Header.Get("Content-Type"), data))
		default:
			return nil, fmt.Errorf("unexpected form part %q", name)
		}
	}
	if !sawJSON {
		return nil, fmt.Errorf("no payload_json part")
	}
	return files, nil
}

// validateMessage applies Discord's limits on message content and components.
func validateMessage(p messagePayload, files []File) error {
	if n := utf8.RuneCountInString(p.Content); n > 2000 {
		return fmt.Errorf("content: must be 2000 or fewer in length (got %d)", n)
	}
	if p.Content == "" && len(files) == 0 && len(p.Components) == 0 {
		return errEmpty
	}
	if err := checkAttachments(files); err != nil {
		return err
	}
	if len(p.Components) > 5 {
		return fmt.Errorf("components: at most 5 action rows (got %d)", len(p.Components))
	}
	seen := map[string]bool{}
	for i, row := range p.Components {
		if row.Type != 1 {
			return fmt.Errorf("components[%d]: top-level components must be action rows", i)
		}
		if len(row.Components) == 0 || len(row.Components) > 5 {
			return fmt.Errorf("components[%d]: an action row holds 1 to 5 buttons (got %d)", i, len(row.Components))
		}
		for j, b := range row.Components {
			if b.Type != 2 {
				return fmt.Errorf("components[%d][%d]: only buttons are expected", i, j)
			}
			if b.Label == "" || utf8.RuneCountInString(b.Label) > 80 {
				return fmt.Errorf("components[%d][%d]: label must be 1 to 80 characters", i, j)
			}
			if b.Style == 5 {
				continue
			}
			if b.CustomID == "" || len(b.CustomID) > 100 {
				return fmt.Errorf("components[%d][%d]: custom_id must be 1 to 100 characters", i, j)
			}
			if seen[b.CustomID] {
				return fmt.Errorf("components[%d][%d]: custom_id %q is not unique", i, j, b.CustomID)
			}
			seen[b.CustomID] = true
		}
	}
	return nil
}

var errEmpty = fmt.Errorf("Cannot send an empty message")

func writeInvalid(w http.ResponseWriter, err error) {
	if err == errEmpty {
		writeError(w, http.StatusBadRequest, 50006, err.Error())
		return
	}
	writeJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": err.Error()})
}

func nonceString(n any) string {
	switch v := n.(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	channel := r.PathValue("channel")
	var p messagePayload
	files, err := readPayload(r, &p)
	if err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON: "+err.Error())
		return
	}
	if err := validateMessage(p, files); err != nil {
		writeInvalid(w, err)
		return
	}
	nonce := nonceString(p.Nonce)
	if len(nonce) > 25 {
		writeInvalid(w, fmt.Errorf("nonce: must be 25 or fewer in length"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if user, isDM := s.dmUser[channel]; isDM && s.closedDMs[user] {
		writeError(w, http.StatusForbidden, 50007, "Cannot send messages to this user")
		return
	}
	key := channel + "\x00" + nonce
	if p.EnforceNonce && nonce != "" {
		if id, dup := s.nonces[key]; dup {
			// Discord returns the message already created with this nonce.
			writeJSON(w, http.StatusOK, map[string]any{"id": id, "channel_id": channel, "nonce": nonce})
			return
		}
	}
	m := Message{ID: s.snowflakeLocked(), ChannelID: channel, Content: p.Content, Flags: p.Flags,
		Components: p.Components, Files: files, Nonce: nonce, Via: "channel", AllowedMentions: p.AllowedMentions}
	if nonce != "" {
		s.nonces[key] = m.ID
	}
	s.messages = append(s.messages, m)
	s.notifyLocked()
	writeJSON(w, http.StatusOK, s.messageJSON(m))
}

func (s *Server) messageJSON(m Message) map[string]any {
	return map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "content": m.Content, "flags": m.Flags,
		"author": s.botUser(), "timestamp": time.Now().UTC().Format(time.RFC3339), "nonce": m.Nonce,
	}
}

func (s *Server) overwriteCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.cfg.AppID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	var cmds []Command
	if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	if err := validateCommands(cmds); err != nil {
		writeInvalid(w, err)
		return
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	s.overwrites = append(s.overwrites, Overwrite{GuildID: guild, Commands: cmds})
	out := make([]map[string]any, len(cmds))
	for i, c := range cmds {
		out[i] = map[string]any{"id": s.snowflakeLocked(), "application_id": s.cfg.AppID, "guild_id": guild,
			"name": c.Name, "description": c.Description, "type": 1, "version": "1", "options": c.Options}
	}
	s.notifyLocked()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// validName is Discord's rule for command and option names: 1-32 lower-case
// letters, digits, '-' or '_'.
func validName(n string) bool {
	if n == "" || len(n) > 32 {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func validateCommands(cmds []Command) error {
	if len(cmds) > 100 {
		return fmt.Errorf("at most 100 commands")
	}
	names := map[string]bool{}
	for _, c := range cmds {
		if !validName(c.Name) || names[c.Name] {
			return fmt.Errorf("command %q: invalid or duplicate name", c.Name)
		}
		names[c.Name] = true
		if c.Type != 0 && c.Type != 1 {
			return fmt.Errorf("command %q: only chat input commands expected", c.Name)
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			return fmt.Errorf("command %q: description must be 1 to 100 characters", c.Name)
		}
		if len(c.Options) > 25 {
			return fmt.Errorf("command %q: at most 25 options", c.Name)
		}
		opts := map[string]bool{}
		optional := false
		for _, o := range c.Options {
			if !validName(o.Name) || opts[o.Name] {
				return fmt.Errorf("command %q option %q: invalid or duplicate name", c.Name, o.Name)
			}
			opts[o.Name] = true
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				return fmt.Errorf("command %q option %q: description must be 1 to 100 characters", c.Name, o.Name)
			}
			if o.Required && optional {
				return fmt.Errorf("command %q option %q: required options must come first", c.Name, o.Name)
			}
			optional = optional || !o.Required
			if o.Type < 3 || o.Type > 11 {
				return fmt.Errorf("command %q option %q: unexpected type %d", c.Name, o.Name, o.Type)
			}
			if (o.MinValue != nil || o.MaxValue != nil) && o.Type != 4 && o.Type != 10 {
				return fmt.Errorf("command %q option %q: min/max only for integer and number options", c.Name, o.Name)
			}
			if o.MinValue != nil && o.MaxValue != nil && *o.MinValue > *o.MaxValue {
				return fmt.Errorf("command %q option %q: min above max", c.Name, o.Name)
			}
			if len(o.Choices) > 25 {
				return fmt.Errorf("command %q option %q: at most 25 choices", c.Name, o.Name)
			}
			for _, ch := range o.Choices {
				if n := utf8.RuneCountInString(ch.Name); n < 1 || n > 100 {
					return fmt.Errorf("command %q option %q: choice names must be 1 to 100 characters", c.Name, o.Name)
				}
			}
		}
	}
	return nil
}
