// Package metrics is runclub's one Prometheus registry: what the operator
// scrapes at /metrics. It implements the small observer interfaces that the
// handlers, the scheduler, the adapters' queues and storage declare where
// their events happen, so that none of them imports Prometheus.
//
// It may import the Prometheus client and domain's platform names; nothing
// else of the project. No user, chat or member id is ever a label value:
// commands are only the command table's names, every other label is a
// constant of the code that reports it.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/runclub/runclub/domain"
)

// Label values for what is outside the known sets.
const (
	unknownCommand = "unknown"
	otherPlatform  = "other"
)

// ReplyBuckets are the reply latency histogram's buckets, in seconds; 3 s is
// Discord's deadline for an interaction's first response.
var ReplyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10}

// Metrics holds runclub's metrics on a registry of its own (not the global
// one, so that tests and several instances never share counters).
type Metrics struct {
	// Now is the clock reply latencies are measured with; tests replace it.
	Now func() time.Time

	reg      *prometheus.Registry
	commands map[string]bool

	commandsTotal   *prometheus.CounterVec
	replySeconds    prometheus.Histogram
	pushes          *prometheus.CounterVec
	rateLimited     *prometheus.CounterVec
	rateLimitWait   *prometheus.CounterVec
	queueDepth      *prometheus.GaugeVec
	deliveriesDue   prometheus.Counter
	deliveriesSent  prometheus.Counter
	deliveriesAband prometheus.Counter
	leader          prometheus.Gauge
	dbErrors        *prometheus.CounterVec
}

// New registers every metric, with the Go runtime's and the process's
// collectors, on a fresh registry. commands are the command table's names:
// any other name is counted as "unknown".
func New(commands []string) *Metrics {
	m := &Metrics{Now: time.Now, reg: prometheus.NewRegistry(), commands: map[string]bool{}}
	for _, c := range commands {
		m.commands[c] = true
	}
	m.commandsTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "runclub_commands_total", Help: "Commands answered, by command name and outcome (ok, or why not).",
	}, []string{"command", "outcome"})
	m.replySeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "runclub_reply_seconds", Help: "Time from a command's arrival to its reply being ready.", Buckets: ReplyBuckets,
	})
	m.pushes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "runclub_pushes_total", Help: "Scheduled messages pushed, by platform, kind and outcome.",
	}, []string{"platform", "kind", "outcome"})
	m.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "runclub_rate_limited_total", Help: "429 answers from a platform.",
	}, []string{"platform"})
	m.rateLimitWait = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "runclub_rate_limit_wait_seconds_total", Help: "Seconds the platforms' 429s asked the bot to wait.",
	}, []string{"platform"})
	m.queueDepth = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "runclub_queue_depth", Help: "Messages or API calls waiting in a platform's paced outbound queue.",
	}, []string{"platform"})
	m.deliveriesDue = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "runclub_deliveries_due_total", Help: "Scheduled deliveries found due by the scheduler's ticks.",
	})
	m.deliveriesSent = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "runclub_deliveries_sent_total", Help: "Scheduled deliveries recorded as sent in the ledger.",
	})
	m.deliveriesAband = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "runclub_deliveries_abandoned_total", Help: "Deliveries a previous run or a dead leader left claimed with no outcome, given up rather than resent.",
	})
	m.leader = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "runclub_leader", Help: "1 while this process is the leader (runs the schedule and the pushes), else 0.",
	})
	m.dbErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "runclub_db_errors_total", Help: "Database statements that failed, by operation.",
	}, []string{"op"})
	for _, c := range []prometheus.Collector{m.commandsTotal, m.replySeconds, m.pushes, m.rateLimited, m.rateLimitWait,
		m.queueDepth, m.deliveriesDue, m.deliveriesSent, m.deliveriesAband, m.leader, m.dbErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		m.reg.MustRegister(c)
	}
	// The platforms' series exist from the start, at zero, so that rate()
	// and alerts see a 429's first increase rather than a series appearing.
	for _, p := range []string{domain.PlatformTelegram, domain.PlatformDiscord} {
		m.rateLimited.WithLabelValues(p)
		m.rateLimitWait.WithLabelValues(p)
		m.queueDepth.WithLabelValues(p)
	}
	// Likewise the outcomes the failure alerts divide by, for every command.
	for c := range m.commands {
		for _, outcome := range []string{"ok", "internal", "panic"} {
			m.commandsTotal.WithLabelValues(c, outcome)
		}
	}
	return m
}

// ZeroDBErrors shows runclub_db_errors_total at zero for each of ops (the
// storage's statement kinds) before any fails, for the same reason.
func (m *Metrics) ZeroDBErrors(ops []string) {
	for _, op := range ops {
		m.dbErrors.WithLabelValues(op)
	}
}

// Handler serves the registry in Prometheus' text (or OpenMetrics) format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Gatherer is the registry, for tests that read the metrics directly.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }

// SetLeader sets runclub_leader: 1 while this process leads, else 0.
func (m *Metrics) SetLeader(leading bool) {
	if leading {
		m.leader.Set(1)
		return
	}
	m.leader.Set(0)
}

// platform is p if it is a platform runclub knows, else "other".
func platform(p string) string {
	switch p {
	case domain.PlatformTelegram, domain.PlatformDiscord, domain.PlatformConsole, "none":
		return p
	}
	return otherPlatform
}
