package telegramtest

import (
	"net/http"
	"strconv"
	"time"
)

// SentAtHeader carries the time a client handed a request to its transport.
// Telegram has no such header; only benchmarks use it (see WithSentAt).
const SentAtHeader = "X-Telegramtest-Sent-At"

// WithSentAt makes the fake judge its limits by the SentAtHeader time when a
// request has one, instead of by arrival. On a busy machine with the client
// and the fake in one process, scheduling stalls bunch arrivals together far
// more than a network would at Telegram's real (unscaled) rates; the header
// time is the moment the client's pacing released the request, which is what
// a rate benchmark means to judge.
func WithSentAt() Option { return func(s *Server) { s.useSentAt = true } }

// StampingTransport sets SentAtHeader on every request it sends through base.
func StampingTransport(base http.RoundTripper) http.RoundTripper {
	return stamping{base}
}

type stamping struct{ base http.RoundTripper }

func (s stamping) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(SentAtHeader, strconv.FormatInt(time.Now().UnixNano(), 10))
	return s.base.RoundTrip(r)
}

// sentAt reads SentAtHeader.
func sentAt(r *http.Request) (time.Time, bool) {
	v := r.Header.Get(SentAtHeader)
	if v == "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, n), true
}
