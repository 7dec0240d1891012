package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/handlers"
)

// FuzzInteractionsEndpoint posts whatever a signed body may hold to the
// interactions endpoint: it never panics, and answers either a response
// Discord knows (PONG, a message, a deferral, a modal) or 400.
func FuzzInteractionsEndpoint(f *testing.F) {
	for _, seed := range []string{
		`{"type":1,"id":"1","token":"t","version":1}`,
		`{"type":2,"id":"1577686066628919317","application_id":"900000000000000001","token":"t","channel_id":"5","user":{"id":"7","username":"ann"},"data":{"id":"c","name":"checkin","type":1,"options":[{"name":"rhr","type":4,"value":52}]}}`,
		`{"type":2,"guild_id":"8","member":{"user":{"id":"7"},"permissions":"32","nick":"A"},"data":{"name":"coach","options":[{"name":"action","type":3,"value":"add"},{"name":"member","type":6,"value":"9"}],"resolved":{"users":{"9":{"id":"9","username":"b"}}}}}`,
		`{"type":3,"user":{"id":"7"},"data":{"custom_id":"modal:checkin","component_type":2}}`,
		`{"type":3,"user":{"id":"7"},"data":{"custom_id":"/checkin rhr:52 ","component_type":2}}`,
		`{"type":5,"user":{"id":"7"},"data":{"custom_id":"checkin:form","components":[{"type":1,"components":[{"type":4,"custom_id":"rhr","value":"52"}]}]}}`,
		`{"type":5,"data":{"custom_id":"checkin:mind","components":[{"type":4}]}}`,
		`{"type":4,"data":{"name":"run"}}`,
		`{"type":2,"data":null}`,
		`{"type":99}`,
		`{}`, `[]`, `null`, `{"type":"2"}`, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		f.Fatal(err)
	}
	fake := discordtest.New(discordtest.Config{})
	f.Cleanup(fake.Close)
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), DeferAfter: hour, Commands: handlers.CommandSpecs(),
		RetryBackoff: retryBackoffForTests, MaxAttempts: 1, PublicKey: hex.EncodeToString(pub),
		Now: func() time.Time { return time.Unix(1764633600, 0) }},
		newRecorder(nil), &events{}, slog.New(slog.DiscardHandler))
	if err != nil {
		f.Fatal(err)
	}
	h := a.InteractionsHandler()
	f.Fuzz(func(t *testing.T, body []byte) {
		const ts = "1764633600"
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusBadRequest:
		case http.StatusOK:
			var resp struct {
				Type int `json:"type"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("200 with a body that is not JSON: %q", rec.Body)
			}
			switch resp.Type {
			case 1, 4, 5, 9:
			default:
				t.Fatalf("answered with response type %d: %s", resp.Type, rec.Body)
			}
		default:
			t.Fatalf("answered %d %q to a signed body %q", rec.Code, rec.Body, body)
		}
	})
}
