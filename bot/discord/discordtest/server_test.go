package discordtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// post sends a JSON body to the fake with the bot token.
func post(t *testing.T, s *Server, token, path string, body any) (*http.Response, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, s.APIURL()+strings.TrimPrefix(path, "/"), bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bot "+token)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

// The adapter's tests are only as good as the fake's refusals; these check
// that the fake refuses what Discord refuses.
func TestFakeRefusesWhatDiscordRefuses(t *testing.T) {
	s := NewT(t, Config{})
	ch := s.DMChannel("1")
	button := func(id string) map[string]any {
		return map[string]any{"type": 2, "style": 2, "label": "x", "custom_id": id}
	}
	cases := []struct {
		name   string
		token  string
		body   map[string]any
		status int
		code   float64
	}{
		{"wrong token", "nope", map[string]any{"content": "hi"}, 401, 0},
		{"too long", s.Token(), map[string]any{"content": strings.Repeat("a", 2001)}, 400, 50035},
		{"empty", s.Token(), map[string]any{}, 400, 50006},
		{"duplicate custom ids", s.Token(), map[string]any{"content": "x", "components": []any{
			map[string]any{"type": 1, "components": []any{button("a"), button("a")}}}}, 400, 50035},
		{"six buttons in a row", s.Token(), map[string]any{"content": "x", "components": []any{
			map[string]any{"type": 1, "components": []any{button("a"), button("b"), button("c"), button("d"), button("e"), button("f")}}}}, 400, 50035},
		{"2000 characters is fine", s.Token(), map[string]any{"content": strings.Repeat("é", 2000)}, 200, 0},
	}
	for _, c := range cases {
		resp, out := post(t, s, c.token, "/channels/"+ch+"/messages", c.body)
		if resp.StatusCode != c.status || (c.code != 0 && out["code"] != c.code) {
			t.Errorf("%s: got %d %v, want %d code %v", c.name, resp.StatusCode, out, c.status, c.code)
		}
	}
	s.CloseDMs("1")
	if resp, out := post(t, s, s.Token(), "/channels/"+ch+"/messages", map[string]any{"content": "hi"}); resp.StatusCode != 403 || out["code"] != float64(50007) {
		t.Errorf("closed DMs: got %d %v, want 403 code 50007", resp.StatusCode, out)
	}
}

func TestFakeEnforcesTheGlobalLimitLikeDiscord(t *testing.T) {
	s := NewT(t, Config{})
	s.EnforceGlobalLimit(5, 1.0/3600) // five an hour: the sixth is refused
	ch := s.DMChannel("1")
	for i := range 5 {
		if resp, _ := post(t, s, s.Token(), "/channels/"+ch+"/messages", map[string]any{"content": "hi"}); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i, resp.StatusCode)
		}
	}
	resp, out := post(t, s, s.Token(), "/channels/"+ch+"/messages", map[string]any{"content": "hi"})
	if resp.StatusCode != 429 || resp.Header.Get("X-RateLimit-Global") != "true" || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth: %d %v", resp.StatusCode, resp.Header)
	}
	if ra, _ := out["retry_after"].(float64); ra < 3000 || out["global"] != true {
		t.Errorf("body %v, want retry_after near an hour in seconds and global", out)
	}
	if s.RateLimited() != 1 {
		t.Errorf("RateLimited = %d", s.RateLimited())
	}
}

func TestFakeDedupesEnforcedNonces(t *testing.T) {
	s := NewT(t, Config{})
	ch := s.DMChannel("1")
	body := map[string]any{"content": "hi", "nonce": "abc", "enforce_nonce": true}
	_, first := post(t, s, s.Token(), "/channels/"+ch+"/messages", body)
	_, second := post(t, s, s.Token(), "/channels/"+ch+"/messages", body)
	if first["id"] != second["id"] || len(s.ChannelMessages(ch)) != 1 {
		t.Errorf("a retried message with the same nonce was posted twice")
	}
}

func TestFakeInteractionMustBeAnsweredOnceAndInTime(t *testing.T) {
	s := NewT(t, Config{InteractionDeadline: time.Hour})
	id := s.Command("", User{ID: "1", Name: "a"}, 0, "help")
	answer := map[string]any{"type": 4, "data": map[string]any{"content": "hi"}}
	if resp, _ := post(t, s, "", "/interactions/"+id+"/itoken-"+id+"/callback", answer); resp.StatusCode != 204 {
		t.Fatalf("first answer: %d", resp.StatusCode)
	}
	if resp, out := post(t, s, "", "/interactions/"+id+"/itoken-"+id+"/callback", answer); resp.StatusCode != 400 || out["code"] != float64(40060) {
		t.Errorf("second answer: %d %v, want 400 code 40060", resp.StatusCode, out)
	}
	if resp, _ := post(t, s, "", "/interactions/"+id+"/wrong/callback", answer); resp.StatusCode != 404 {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
}
