package metrics

import "time"

// The observer interfaces the rest of runclub declares, implemented here;
// cmd/runclub hands *Metrics to each (compile-time checks live there, since
// this package imports none of them).

// CommandStarted implements handlers.Observer: it starts the reply's clock
// and returns what counts the command once its reply is ready. A name not in
// the command table is counted as "unknown".
func (m *Metrics) CommandStarted() func(command, outcome string) {
	start := m.Now()
	return func(command, outcome string) {
		if !m.commands[command] {
			command = unknownCommand
		}
		m.commandsTotal.WithLabelValues(command, outcome).Inc()
		m.replySeconds.Observe(m.Now().Sub(start).Seconds())
	}
}

// DeliveriesDue implements scheduler.Observer.
func (m *Metrics) DeliveriesDue(n int) { m.deliveriesDue.Add(float64(n)) }

// Pushed implements scheduler.Observer.
func (m *Metrics) Pushed(p, kind, outcome string) {
	m.pushes.WithLabelValues(platform(p), kind, outcome).Inc()
}

// DeliveriesSent implements scheduler.Observer.
func (m *Metrics) DeliveriesSent(n int) { m.deliveriesSent.Add(float64(n)) }

// DeliveriesAbandoned implements scheduler.Observer.
func (m *Metrics) DeliveriesAbandoned(n int) { m.deliveriesAband.Add(float64(n)) }

// RateLimited implements bot.QueueObserver.
func (m *Metrics) RateLimited(p string, wait time.Duration) {
	p = platform(p)
	m.rateLimited.WithLabelValues(p).Inc()
	m.rateLimitWait.WithLabelValues(p).Add(wait.Seconds())
}

// Queued implements bot.QueueObserver.
func (m *Metrics) Queued(p string, delta int) {
	m.queueDepth.WithLabelValues(platform(p)).Add(float64(delta))
}

// DBError counts one failed database operation by its name
// (storage.WithErrorObserver's op).
func (m *Metrics) DBError(op string) { m.dbErrors.WithLabelValues(op).Inc() }
