// Command runclub runs the recovery bot: on Telegram and Discord when their
// tokens are set, else in the terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata" // members' zones must load in a slim container too

	"golang.org/x/sync/errgroup"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/console"
	"github.com/runclub/runclub/bot/discord"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/render"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Environ(), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK     = 0
	exitFail   = 1
	exitConfig = 2
)

// run is main without the process: it returns the exit code, so tests can
// drive the whole program.
func run(ctx context.Context, args, environ []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("runclub", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "path to a YAML config file shaped like config.example.yaml")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: runclub [-config file] [serve|console|demo [-as NAME]|db copy --from DB --to DB [--force]|version]\n\n"+
			"  serve    run on Telegram and Discord (needs a token); with no command given and no token, the console\n"+
			"  console  chat with the bot in this terminal as one local member\n"+
			"  demo     seed a demo club into "+demoDB+" (afresh each time) and chat as its coach, or as -as NAME\n"+
			"  db copy  copy every table from one database to another (sqlite:PATH, postgres://…), checked\n"+
			"  version  print the version\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitConfig
	}
	sub := "serve"
	if fs.NArg() > 0 {
		sub = fs.Arg(0)
	}
	if sub == "version" {
		fmt.Fprintln(stdout, "runclub", buildVersion())
		return exitOK
	}
	if sub == "db" {
		return dbCommand(ctx, fs.Args()[1:], stdout, stderr)
	}
	if sub != "serve" && sub != "console" && sub != "demo" {
		fmt.Fprintf(stderr, "runclub: unknown command %q; use serve, console, demo, db or version\n", sub)
		return exitConfig
	}
	cfg, err := loadConfig(*configPath, environ)
	if err != nil {
		fmt.Fprintln(stderr, "runclub:", err)
		return exitConfig
	}
	var speaker bot.Speaker
	if sub == "demo" {
		// The demo runs in the terminal on its own file, whatever the
		// configuration says about platforms and databases.
		opts, err := parseDemo(fs.Args()[1:], stderr)
		if err == nil {
			speaker, err = demoSpeaker(opts)
		}
		if err != nil {
			fmt.Fprintln(stderr, "runclub:", err)
			return exitConfig
		}
		cfg.Database = DatabaseConfig{Driver: "sqlite", DSN: demoDB}
		if err := seedDemo(ctx, demoDB, time.Now(), cfg.Defaults.Timezone); err != nil {
			fmt.Fprintln(stderr, "runclub:", err)
			return exitFail
		}
		fmt.Fprintln(stdout, demoIntro(speaker))
		sub = "console"
	} else if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "runclub: %s takes no arguments; got %q\n", sub, strings.Join(fs.Args()[1:], " "))
		return exitConfig
	}
	if sub == "serve" && cfg.Telegram.Token == "" && cfg.Discord.Token == "" {
		if fs.NArg() > 0 {
			// Asked for by name, as a service manager does: a terminal chat on
			// its /dev/null would end at once with exit 0, and nothing restarts it.
			fmt.Fprintln(stderr, "runclub: serve: no platform token; set RUNCLUB_TELEGRAM_TOKEN or RUNCLUB_DISCORD_TOKEN "+
				"(or telegram.token_file, discord.token_file); to chat in this terminal instead, run runclub console")
			return exitConfig
		}
		sub = "console"
	}
	if sub == "console" && cfg.Log.Level == "info" {
		// In a terminal the chat is the interface; routine logs would drown it.
		cfg.Log.Level = "warn"
	}
	log := newLogger(cfg.Log, stderr)
	if err := serve(ctx, sub, cfg, log, stdin, stdout, speaker); err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			// Asked to stop while still starting up: a clean stop all the same.
			log.Info("runclub stopped during start-up")
			return exitOK
		}
		log.Error("runclub stopped", "err", err)
		return exitFail
	}
	return exitOK
}

// serve wires the program together and runs until ctx ends (or, in the
// console, until the input ends). The console speaks as speaker when it is
// set (the demo's), else as the terminal's own member.
func serve(ctx context.Context, mode string, cfg Config, log *slog.Logger, stdin io.Reader, stdout io.Writer, speaker bot.Speaker) error {
	obs := newMetrics()
	obs.ZeroDBErrors(storage.ErrorOps())
	pool, _ := cfg.Database.pool() // validated with the config
	db, err := storage.Open(ctx, cfg.Database.Driver, cfg.Database.DSN, log, storage.WithPool(pool),
		storage.WithErrorObserver(func(op string, _ error) { obs.DBError(op) }))
	if err != nil {
		return err
	}
	defer db.Close()
	st := storage.NewStores(db)
	defaults, _ := cfg.handlerDefaults() // validated with the config
	svc := handlers.New(handlers.Repos{Members: st.Members, CheckIns: st.CheckIns, Runs: st.Runs, Clubs: st.Clubs,
		Conversations: st.Conversations, History: st.History, Changes: st.Changes, Tx: db, Skips: st.StepSkips,
		Memberships: st.Clubs, Away: st.Away, Links: st.Links, Events: st.Events}, defaults, time.Now, log)
	svc.Observer = obs
	log.Info("runclub starting", "version", buildVersion(), "mode", mode, "database", cfg.Database.Driver)

	senders := map[string]bot.Sender{}
	// runners run on every replica; leaderRunners only on the leader, so
	// that each platform's global budget holds across replicas.
	var runners, leaderRunners []func(context.Context) error
	// leading is set while this replica leads (the campaign's).
	var leading atomic.Bool
	if mode == "console" {
		c := console.New(stdin, stdout, svc, log)
		c.ImageDir = cfg.Console.ImageDir
		if isTerminal(stdin) {
			c.Prompt, c.Terminal = "> ", true
			fmt.Fprintln(stdout, "runclub console: type /help, or /start to begin. Ctrl-D quits.")
		}
		if u := os.Getenv("USER"); u != "" {
			c.UserName = u
		}
		if speaker.UserID != "" {
			c.Account, c.UserName = speaker.UserID, speaker.UserName
		}
		senders[domain.PlatformConsole] = c
		runners = append(runners, c.Run)
	} else {
		checks := []readyCheck{db.Ready}
		mux := opsMux(obs, func() []readyCheck { return checks })
		if cfg.Telegram.Token != "" {
			tg, err := telegram.New(telegram.Config{Token: cfg.Telegram.Token, APIURL: cfg.Telegram.APIURL, Mode: cfg.Telegram.Mode,
				WebhookURL: cfg.Telegram.WebhookURL, WebhookSecret: cfg.Telegram.WebhookSecret, Commands: svc.Commands(),
				Observer: obs}, svc, svc, log)
			if err != nil {
				return err // it names telegram and what failed
			}
			if cfg.Telegram.Mode == "webhook" {
				// Telegram posts updates to the path of webhook_url on the
				// operator's HTTP server, at any replica.
				u, _ := url.Parse(cfg.Telegram.WebhookURL) // validated with the config
				mux.Handle("POST "+orSlash(u.Path), tg.WebhookHandler())
				runners = append(runners, tg.Run)
				checks = append(checks, func(context.Context) error { return tg.Ready() })
			} else {
				leaderRunners = append(leaderRunners, tg.Run)
				checks = append(checks, whileLeading(&leading, tg.Ready))
			}
			senders[domain.PlatformTelegram] = tg
		}
		if cfg.Discord.Token != "" {
			dc, err := discord.New(discord.Config{Token: cfg.Discord.Token, APIURL: cfg.Discord.APIURL, GuildID: cfg.Discord.GuildID,
				PublicKey: cfg.Discord.PublicKey, Commands: svc.Commands(), Observer: obs}, svc, svc, log)
			if err != nil {
				return err // it names discord and what failed
			}
			known, err := st.Members.PlatformIdentities(ctx, domain.PlatformDiscord)
			if err != nil {
				return fmt.Errorf("discord: the members' DM channels: %w", err)
			}
			for _, id := range known {
				dc.RememberDM(id.UserID, id.ChatID)
			}
			senders[domain.PlatformDiscord] = dc
			if cfg.Discord.PublicKey != "" {
				// Discord posts interactions here once the application's
				// Interactions Endpoint URL points at it.
				mux.Handle("POST /discord/interactions", dc.InteractionsHandler())
			}
			every, leader := discordRunners(dc, cfg.Discord)
			runners, leaderRunners = append(runners, every...), append(leaderRunners, leader...)
			if len(every) > 0 {
				checks = append(checks, func(context.Context) error { return dc.Ready() })
			} else {
				checks = append(checks, whileLeading(&leading, dc.Ready))
			}
		}
		srv := &http.Server{Addr: cfg.HTTP.Addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		runners = append(runners, func(ctx context.Context) error { return serveHTTP(ctx, srv) })
	}

	newScheduler := func() (*scheduler.Scheduler, error) {
		return scheduler.New(scheduler.Config{
			Now: time.Now, Deliveries: st.Deliveries, Schedule: st.Schedule, Clubs: st.Clubs,
			Content:  handlers.Scheduled{Service: svc},
			Senders:  senders,
			WindDown: time.Duration(defaults.WindDownMinutes) * time.Minute,
			Weekly:   cfg.Defaults.Weekly,
			Alerts:   st.Alerts, AlertContent: handlers.Scheduled{Service: svc},
			Observer: obs,
		}, log)
	}
	if _, err := newScheduler(); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	work := leaderWork{newScheduler: newScheduler, runners: leaderRunners, events: st.Events, now: time.Now, log: log}
	if mode != "console" {
		work.settle = platformBudgetWindow
	}
	retry, ping, _ := cfg.Leader.intervals() // validated with the config
	elect := dbCampaign(db, retry, ping, func(on bool) { leading.Store(on); obs.SetLeader(on) }, log)

	// Adapters outlive the leader's work: on shutdown the scheduler stops
	// first and waits for its tick, whose sends still need their adapters.
	adapterCtx, stopAdapters := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAdapters()
	leadCtx, stopLeading := context.WithCancel(ctx)
	defer stopLeading()

	// The first runner to return ends them all: the console at the end of its
	// input, a platform adapter or the leader's work only on a fatal error.
	var g errgroup.Group
	runnerDone := make(chan struct{}, len(runners)+1)
	for _, r := range runners {
		g.Go(func() error {
			defer func() { runnerDone <- struct{}{} }()
			return r(adapterCtx)
		})
	}
	campaignDone := make(chan error, 1)
	go func() {
		err := elect.run(leadCtx, work.lead)
		campaignDone <- err
		runnerDone <- struct{}{}
	}()
	select {
	case <-ctx.Done():
	case <-runnerDone:
	}
	// Let a running tick finish its sends (the leader's work waits for it)
	// before anything it depends on is cancelled.
	stopLeading()
	err = <-campaignDone
	stopAdapters()
	err = errors.Join(err, g.Wait())
	log.Info("runclub stopped")
	return err
}

// serveHTTP runs srv until ctx ends, then shuts it down gracefully.
func serveHTTP(ctx context.Context, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return fmt.Errorf("http %s: %w", srv.Addr, err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}

// orSlash is p, or "/" when p is empty.
func orSlash(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// handlerDefaults turns the defaults section into handler settings.
func (c Config) handlerDefaults() (handlers.Defaults, error) {
	var d handlers.Defaults
	if !domain.ValidZone(c.Defaults.Timezone) {
		return d, &ConfigError{Key: "defaults.timezone", Reason: fmt.Sprintf("%q is not an IANA time zone such as Europe/London", c.Defaults.Timezone)}
	}
	d.TZ = c.Defaults.Timezone
	var err error
	if d.WakeMinute, err = handlers.ParseClock(c.Defaults.Wake); err != nil {
		return d, &ConfigError{Key: "defaults.wake", Reason: render.ErrorText(err)}
	}
	if d.BedMinute, err = handlers.ParseClock(c.Defaults.Bed); err != nil {
		return d, &ConfigError{Key: "defaults.bed", Reason: render.ErrorText(err)}
	}
	wind, err := time.ParseDuration(c.Defaults.WindDown)
	if err != nil || wind < time.Minute || wind > domain.MaxWindDown {
		return d, &ConfigError{Key: "defaults.wind_down", Reason: fmt.Sprintf("%q is not a duration from 1m to %dm, such as 60m", c.Defaults.WindDown, domain.MaxWindDownMinutes)}
	}
	d.WindDownMinutes = int(wind.Minutes())
	if d.WeeklyDay, d.WeeklyMinute, err = domain.ParseWeeklySlot(c.Defaults.Weekly); err != nil {
		return d, &ConfigError{Key: "defaults.weekly", Reason: render.ErrorText(err)}
	}
	return d, nil
}

// isTerminal reports whether r is an interactive terminal rather than a pipe or file.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// buildVersion is the -ldflags version, else the module version or VCS revision.
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}
