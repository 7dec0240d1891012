package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/metrics"
)

// readyCheck is one thing /readyz asks: the database, or one adapter. Its
// error says what it is about ("telegram: not polling yet").
type readyCheck func(ctx context.Context) error

// readyTimeout bounds all of /readyz's checks together, well within a
// probe's usual timeout.
const readyTimeout = 3 * time.Second

// opsMux is the operator's HTTP server on http.addr: /healthz (the process
// is alive; it touches nothing, so a slow database never gets a healthy
// process restarted), /readyz (the database answers with every migration
// applied, and each configured adapter is connected: 503 with a short reason
// otherwise, so a load balancer sends it nothing yet), and /metrics. The
// platforms' webhooks are mounted on it by the caller.
func opsMux(m *metrics.Metrics, checks func() []readyCheck) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		for _, c := range checks() {
			if err := c(ctx); err != nil {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.WriteHeader(http.StatusServiceUnavailable)
				// The checks' errors name what they are about.
				fmt.Fprintf(w, "not ready: %v\n", err)
				return
			}
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", m.Handler())
	return mux
}

// newMetrics is the process's metrics, bounded to the command table's names;
// serve hands them to the database, the handlers, the adapters and the
// scheduler.
func newMetrics() *metrics.Metrics {
	var names []string
	for _, c := range handlers.CommandSpecs() {
		names = append(names, c.Name)
	}
	return metrics.New(append(names, handlers.CommandText))
}
