package telegramtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// WithWebhookTargets makes the fake post each update to the URLs targets
// gives for it instead of the URL set with setWebhook: a load balancer in
// front of several replicas (round robin), or Telegram posting an update
// again to another replica while the first still works on it (two URLs,
// posted at once). The update counts as delivered when any of them
// answers 2xx; every POST is recorded in WebhookDeliveries.
func WithWebhookTargets(targets func(updateID int64, webhookURL string) []string) Option {
	return func(s *Server) { s.webhookTargets = targets }
}

// deliverWebhook posts pending updates in order. A refused update stays
// pending and is tried again on the next change (a new update or a new
// webhook), as Telegram keeps retrying; the fake never sleeps between tries.
func (s *Server) deliverWebhook() {
	client := &http.Client{Timeout: 30 * time.Second}
	for {
		s.mu.Lock()
		s.dropDisallowedLocked()
		if s.webhook.url == "" || len(s.pending) == 0 {
			s.webhook.running = false
			s.mu.Unlock()
			return
		}
		u, url, secret := s.pending[0], s.webhook.url, s.webhook.secret
		s.mu.Unlock()

		targets := []string{url}
		if s.webhookTargets != nil {
			targets = s.webhookTargets(u.UpdateID, url)
		}
		body, _ := json.Marshal(u)
		ds := make([]WebhookDelivery, len(targets))
		var wg sync.WaitGroup
		for i, target := range targets {
			wg.Go(func() { ds[i] = postUpdate(client, target, secret, u.UpdateID, body) })
		}
		wg.Wait()
		s.mu.Lock()
		ok := false
		for _, d := range ds {
			s.webhook.deliveries = append(s.webhook.deliveries, d)
			ok = ok || d.Status >= 200 && d.Status < 300
		}
		if ok && len(s.pending) > 0 && s.pending[0].UpdateID == u.UpdateID {
			s.confirmLocked(u.UpdateID + 1)
		}
		s.notifyLocked()
		ch := s.changed
		s.mu.Unlock()
		if !ok {
			select {
			case <-ch:
			case <-s.closed:
				s.mu.Lock()
				s.webhook.running = false
				s.mu.Unlock()
				return
			}
		}
	}
}

// postUpdate posts one update to url as Telegram does.
func postUpdate(client *http.Client, url, secret string, id int64, body []byte) WebhookDelivery {
	d := WebhookDelivery{UpdateID: id, URL: url}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		d.Err = err.Error()
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		d.Err = err.Error()
		return d
	}
	d.Status = resp.StatusCode
	resp.Body.Close()
	return d
}
