package discordtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// The fake as Discord posting to an application's Interactions Endpoint
// URL: each request signed with the application's Ed25519 key (generated
// per Server), the first response taken from the HTTP answer.

// PublicKey is the application's public key in hex, as the Developer Portal
// shows it: configure the client's interactions endpoint with it.
func (s *Server) PublicKey() string { return hex.EncodeToString(s.key.Public().(ed25519.PublicKey)) }

// Posted is what an interactions endpoint answered to one POST.
type Posted struct {
	// ID is the interaction's id (empty for a PING).
	ID     string
	Status int
	// Body is the raw answer.
	Body string
	// Callback is the first response as the fake applied it, when the
	// answer was a 200 with an interaction response that Discord accepts.
	Callback *Callback
	// Refused is why the fake, as Discord, refused the answer, if it did.
	Refused error
}

// PostOptions change how a POST is signed, for tests of the endpoint's checks.
type PostOptions struct {
	// Forge signs with a key that is not the application's.
	Forge bool
	// Unsigned sends no signature headers.
	Unsigned bool
	// SignedAt, if set, is the signed timestamp instead of now: a request
	// recorded and replayed later.
	SignedAt time.Time
	// Hold, if set, delays applying the answer until it is closed, as a
	// busy Discord might: edits and follow-ups meanwhile find nothing.
	Hold <-chan struct{}
}

// Post sends in to the interactions endpoint at url as Discord would, and
// applies the answer as the interaction's first response: a message (4),
// a deferral (5, 6) to be completed through the webhook endpoints, or a
// modal (9). Replies, Callbacks and the webhook endpoints then see it like
// one from the gateway.
func (s *Server) Post(ctx context.Context, url string, in Interaction, opts ...PostOptions) (Posted, error) {
	id, d := s.interaction(in)
	body, err := json.Marshal(d)
	if err != nil {
		return Posted{}, fmt.Errorf("discordtest: encode interaction: %w", err)
	}
	start := time.Now()
	got, err := s.post(ctx, url, body, opts...)
	if err != nil {
		return got, err
	}
	got.ID = id
	if got.Status != http.StatusOK {
		return got, nil
	}
	var resp struct {
		Type int             `json:"type"`
		Data *messagePayload `json:"data"`
	}
	if err := json.Unmarshal([]byte(got.Body), &resp); err != nil {
		got.Refused = fmt.Errorf("the answer is not an interaction response: %w", err)
		return got, nil
	}
	var data messagePayload
	if resp.Data != nil {
		data = *resp.Data
	}
	after := time.Since(start)
	if len(opts) > 0 && opts[0].Hold != nil {
		<-opts[0].Hold
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.interactions[id]
	switch {
	case after > s.cfg.InteractionDeadline:
		got.Refused = fmt.Errorf("answered after %s, past Discord's %s", after, s.cfg.InteractionDeadline)
	case p.responded:
		got.Refused = fmt.Errorf("answered in the HTTP answer after a callback acknowledged it")
	default:
		got.Refused = s.acceptLocked(id, p, resp.Type, data, nil, after, "http")
	}
	if got.Refused == nil {
		got.Callback = &s.callbacks[len(s.callbacks)-1]
	}
	return got, nil
}

// Ping sends Discord's PING (type 1), as when an operator saves the
// endpoint's URL in the Developer Portal; a valid endpoint answers a PONG
// (type 1). It returns the status and the answer's type.
func (s *Server) Ping(ctx context.Context, url string, opts ...PostOptions) (status, typ int, err error) {
	body, _ := json.Marshal(map[string]any{"id": s.Snowflake(), "application_id": s.cfg.AppID, "type": 1, "token": "ping", "version": 1})
	got, err := s.post(ctx, url, body, opts...)
	if err != nil || got.Status != http.StatusOK {
		return got.Status, 0, err
	}
	var resp struct {
		Type int `json:"type"`
	}
	if err := json.Unmarshal([]byte(got.Body), &resp); err != nil {
		return got.Status, 0, fmt.Errorf("discordtest: PING answer %q: %w", got.Body, err)
	}
	return got.Status, resp.Type, nil
}

// post signs body (timestamp + body, as Discord does) and POSTs it.
func (s *Server) post(ctx context.Context, url string, body []byte, opts ...PostOptions) (Posted, error) {
	var o PostOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Posted{}, fmt.Errorf("discordtest: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	if !o.Unsigned {
		key := s.key
		if o.Forge {
			_, key, _ = ed25519.GenerateKey(nil)
		}
		at := time.Now()
		if !o.SignedAt.IsZero() {
			at = o.SignedAt
		}
		ts := strconv.FormatInt(at.Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Posted{}, fmt.Errorf("discordtest: POST %s: %w", url, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return Posted{}, fmt.Errorf("discordtest: read the answer of %s: %w", url, err)
	}
	return Posted{Status: resp.StatusCode, Body: string(answer)}, nil
}

// getApplication is GET /oauth2/applications/@me: the bot's application.
func (s *Server) getApplication(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"id": s.cfg.AppID, "name": "runclub", "bot_public": true,
		"verify_key": s.PublicKey(), "bot": s.botUser()})
}
