package telegramtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func call(t *testing.T, s *Server, ctx context.Context, method string, form url.Values) (int, response, json.RawMessage) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/bot"+s.Token()+"/"+method, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r response
	var raw struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("answer %q is not JSON: %v", body, err)
	}
	_ = json.Unmarshal(body, &raw)
	return resp.StatusCode, r, raw.Result
}

func TestParseHTMLAcceptsWhatTelegramAccepts(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"plain", "plain", true},
		{"&lt;b&gt;&amp;&quot;&#39;&#x41;", `<b>&"'A`, true},
		{"<b>bold <i>both</i></b>", "bold both", true},
		{`<a href="https://t.me/x?start=hi">open</a>`, "open", true},
		{"<b>&", "", false},
		{"5 < 6", "", false},
		{"a & b", "", false},
		{"<script>x</script>", "", false},
		{"<b>unclosed", "", false},
		{"<b><i>crossed</b></i>", "", false},
		{"&nbsp;", "", false},
	}
	for _, tt := range tests {
		got, err := parseHTML(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseHTML(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestGetUpdatesLongPollsAndConfirmsByOffset(t *testing.T) {
	s := New(t)
	ctx := context.Background()
	// A long poll returns as soon as an update arrives.
	got := make(chan json.RawMessage, 1)
	go func() {
		_, _, res := call(t, s, ctx, "getUpdates", url.Values{"timeout": {"30"}})
		got <- res
	}()
	s.WaitUntil(t, "poll waiting", func() bool { return s.Stats().Requests == 1 })
	id := s.SendPrivate(User{ID: 7, FirstName: "Ann"}, "/start")
	var ups []Update
	if err := json.Unmarshal(<-got, &ups); err != nil || len(ups) != 1 || ups[0].UpdateID != id || ups[0].Message.Text != "/start" {
		t.Fatalf("updates = %+v (%v)", ups, err)
	}
	if e := ups[0].Message.Entities; len(e) != 1 || e[0].Type != "bot_command" || e[0].Length != 6 {
		t.Errorf("entities = %+v", e)
	}
	// Not confirmed until an offset above it.
	_, _, res := call(t, s, ctx, "getUpdates", url.Values{"offset": {"0"}})
	if !strings.Contains(string(res), `"update_id":1`) || s.Pending() != 1 {
		t.Errorf("unconfirmed update not served again: %s", res)
	}
	_, _, res = call(t, s, ctx, "getUpdates", url.Values{"offset": {"2"}})
	if string(res) != "[]" || s.Pending() != 0 || s.Confirmed() != 1 {
		t.Errorf("after offset 2: %s, pending %d confirmed %d", res, s.Pending(), s.Confirmed())
	}
	// A poll ends when the client gives up.
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		req, _ := http.NewRequestWithContext(cctx, http.MethodPost, s.URL+"/bot"+s.Token()+"/getUpdates?timeout=60&offset=2", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		close(done)
	}()
	cancel()
	<-done
}

func TestErrorsUseTheBotAPIEnvelope(t *testing.T) {
	s := New(t)
	s.AddUser(User{ID: 7, FirstName: "Ann"}, true)
	ctx := context.Background()

	req, _ := http.NewRequest(http.MethodPost, s.URL+"/botWRONG/getMe", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong token: %d, want 401", resp.StatusCode)
	}

	s.Fail(Fault{Method: "sendMessage", Code: 429, RetryAfter: 5})
	code, r, _ := call(t, s, ctx, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"hi"}})
	if code != 429 || r.OK || r.ErrorCode != 429 || r.Parameters == nil || r.Parameters.RetryAfter != 5 {
		t.Errorf("429 answer = %d %+v", code, r)
	}
	code, r, _ = call(t, s, ctx, "sendMessage", url.Values{"chat_id": {"8"}, "text": {"hi"}})
	if code != 403 || !strings.Contains(r.Description, "can't initiate conversation") {
		t.Errorf("unknown user = %d %+v", code, r)
	}
	code, r, _ = call(t, s, ctx, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"<b>&"}, "parse_mode": {"HTML"}})
	if code != 400 || !strings.Contains(r.Description, "can't parse entities") {
		t.Errorf("bad HTML = %d %+v", code, r)
	}
	code, r, _ = call(t, s, ctx, "sendMessage", url.Values{"chat_id": {"7"}, "text": {strings.Repeat("x", 4097)}})
	if code != 400 || !strings.Contains(r.Description, "too long") {
		t.Errorf("long text = %d %+v", code, r)
	}
	if n := len(s.Sent()); n != 0 {
		t.Errorf("refused messages recorded as sent: %d", n)
	}
}

func TestLimitsAnswer429WhenExceeded(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s := New(t, WithLimits(TelegramLimits(1)), WithClock(func() time.Time { return now }))
	s.AddUser(User{ID: 7, FirstName: "Ann"}, true)
	ctx := context.Background()
	send := func() (int, response) {
		code, r, _ := call(t, s, ctx, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"hi " + now.String()}})
		return code, r
	}
	for i := 0; i < 3; i++ { // the per-chat burst
		if code, r := send(); code != 200 {
			t.Fatalf("send %d: %d %+v", i, code, r)
		}
	}
	code, r := send()
	if code != 429 || r.Parameters == nil || r.Parameters.RetryAfter != 1 {
		t.Errorf("fourth send in the same instant = %d %+v, want 429 retry_after 1", code, r)
	}
	now = now.Add(time.Second)
	if code, _ := send(); code != 200 {
		t.Errorf("a second later: %d, want 200", code)
	}
	if st := s.Stats(); st.LimitDenied != 1 || st.Accepted != 4 {
		t.Errorf("stats = %+v", st)
	}
}

func TestGetUpdatesSendsOnlyTheTypesAllowed(t *testing.T) {
	s := New(t)
	ctx := context.Background()
	g, u := Group{ID: -5, Title: "G"}, User{ID: 7, FirstName: "Ann"}
	s.AddBot(g, u)
	s.SendPrivate(u, "/start")
	_, _, res := call(t, s, ctx, "getUpdates", url.Values{"allowed_updates": {`["message","callback_query"]`}})
	var ups []Update
	if err := json.Unmarshal(res, &ups); err != nil || len(ups) != 1 || ups[0].Message == nil || s.Dropped() != 1 {
		t.Fatalf("with my_chat_member left out: %s, dropped %d", res, s.Dropped())
	}
	// Without the parameter the last setting stays; asking for it delivers it.
	s.AddBot(g, u)
	_, _, res = call(t, s, ctx, "getUpdates", url.Values{"offset": {"3"}})
	if json.Unmarshal(res, &ups); len(ups) != 0 || s.Dropped() != 2 {
		t.Fatalf("the setting was not kept: %s", res)
	}
	s.AddBot(g, u)
	_, _, res = call(t, s, ctx, "getUpdates", url.Values{"offset": {"3"}, "allowed_updates": {`["message","my_chat_member"]`}})
	if json.Unmarshal(res, &ups); len(ups) != 1 || ups[0].MyChatMember == nil || ups[0].MyChatMember.NewChatMember.Status != "member" ||
		ups[0].MyChatMember.Chat.Type != "group" || ups[0].MyChatMember.From.ID != 7 {
		t.Errorf("my_chat_member asked for: %s", res)
	}
}
