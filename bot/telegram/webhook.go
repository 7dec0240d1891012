package telegram

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"

	"github.com/go-telegram/bot/models"
)

// secretHeader carries the webhook secret on every update Telegram posts.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookHandler receives updates Telegram posts in webhook mode. A request
// without the right secret gets 401 and is not handled. Mount it at the
// path of Config.WebhookURL (Run serves it itself when WebhookAddr is set).
// It answers an update once it was handled; it works whether or not Run is
// running, so that a replica that does not lead still takes updates.
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get(secretHeader)
		if a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1 {
			a.log.Warn("telegram: webhook request with a wrong or missing secret refused", "remote", r.RemoteAddr)
			http.Error(w, "wrong secret token", http.StatusUnauthorized)
			return
		}
		if a.closing.Load() {
			// Telegram keeps the update and posts it again later.
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		var upd models.Update
		if err := json.Unmarshal(body, &upd); err != nil {
			http.Error(w, "not a Telegram update", http.StatusBadRequest)
			return
		}
		// Answer once the update was handled: Telegram posts an update it got
		// no answer for again, to whichever replica, and the router applies
		// it once (bot.Command.EventID), so a replica that dies while
		// handling loses nothing. If Telegram stops waiting first, the
		// handling goes on regardless.
		select {
		case <-a.receive(&upd):
		case <-r.Context().Done():
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
