package discordtest

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault makes the next matching requests fail as Discord would.
type Fault struct {
	// Method matches the request method; empty matches any.
	Method string
	// Path is a prefix of the path relative to the API base, e.g. "/channels/".
	Path string
	// Status is 429 or a 5xx code.
	Status int
	// RetryAfter is sent with a 429 (Retry-After header and retry_after body).
	RetryAfter time.Duration
	// Global marks a 429 as hitting the global limit rather than a route bucket.
	Global bool
	// Times is how many requests fail; 0 means one.
	Times int
}

// Inject queues a fault; faults are matched in the order injected.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// globalLimit is a sliding-window log: at most n requests in any window.
type globalLimit struct {
	n      int
	window time.Duration
	times  []time.Time // ring of the last n admitted request times
	next   int
}

// EnforceGlobalLimit makes the fake refuse, with a global 429, any request
// that would be the (perSecond+1)th in a rolling window of 1 s / factor.
// Discord's global limit is 50 requests per second; a factor above 1 scales
// time so that benchmarks run quickly. Interaction and webhook endpoints are
// exempt, as on Discord.
func (s *Server) EnforceGlobalLimit(perSecond int, factor float64) {
	if factor <= 0 {
		factor = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit = &globalLimit{n: perSecond, window: time.Duration(float64(time.Second) / factor), times: make([]time.Time, perSecond)}
}

// admit records a request at now and reports whether it fits the limit, and
// if not how long until it would.
func (g *globalLimit) admit(now time.Time) (bool, time.Duration) {
	oldest := g.times[g.next]
	if !oldest.IsZero() && now.Sub(oldest) < g.window {
		return false, g.window - now.Sub(oldest)
	}
	g.times[g.next] = now
	g.next = (g.next + 1) % g.n
	return true, 0
}

// exemptFromGlobal reports whether Discord leaves a path out of the global limit.
func exemptFromGlobal(path string) bool {
	return strings.HasPrefix(path, "/interactions/") || strings.HasPrefix(path, "/webhooks/")
}

// checkLimitsLocked applies injected faults and the global limit. It writes
// the error response and returns false if the request must fail.
func (s *Server) checkLimitsLocked(w http.ResponseWriter, r *http.Request, path string) bool {
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == r.Method) && strings.HasPrefix(path, f.Path) {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			if f.Status == http.StatusTooManyRequests {
				s.rateLimited++
				writeRateLimited(w, path, f.RetryAfter, f.Global)
			} else {
				writeError(w, f.Status, 0, http.StatusText(f.Status))
			}
			return false
		}
	}
	if s.limit != nil && !exemptFromGlobal(path) {
		if ok, wait := s.limit.admit(time.Now()); !ok {
			s.rateLimited++
			writeRateLimited(w, path, wait, true)
			return false
		}
	}
	return true
}

// writeRateLimited answers 429 the way Discord does: Retry-After in seconds,
// X-RateLimit-* headers, and a JSON body with retry_after in seconds.
func writeRateLimited(w http.ResponseWriter, path string, after time.Duration, global bool) {
	secs := after.Seconds()
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		reset := float64(time.Now().Add(after).UnixMilli()) / 1000
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fake-"+strconv.Itoa(len(path)))
		h.Set("X-RateLimit-Scope", "user")
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	json.NewEncoder(w).Encode(map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": secs,
		"global":      global,
	})
}

// writeError answers with Discord's JSON error shape.
func writeError(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": message})
}
