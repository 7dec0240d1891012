// Command runclub is the bot's one binary: `runclub` (`runclub serve`) runs
// the platforms whose tokens are set (Telegram, Discord), the scheduler and
// the operator's HTTP endpoints (/healthz, /readyz, /metrics, the webhook
// and the interactions endpoint), or the terminal chat when no token is set;
// `runclub console` is the terminal chat always, `runclub
// demo` opens a seeded demo club, and `runclub db copy` moves a club's data
// between databases.
//
// It is the wiring: configuration (config.go, from YAML and RUNCLUB_*
// variables), the logger, one leader among replicas (leader work in serve),
// and which adapter, store and observer goes where. It may import every
// package of the project; nothing imports it.
package main
