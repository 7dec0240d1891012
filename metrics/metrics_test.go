package metrics_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
	"github.com/runclub/runclub/metrics"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
)

// The observer interfaces *Metrics implements.
var (
	_ handlers.Observer  = (*metrics.Metrics)(nil)
	_ scheduler.Observer = (*metrics.Metrics)(nil)
	_ bot.QueueObserver  = (*metrics.Metrics)(nil)
)

// newMetrics is the metrics of the real command table, served as at
// /metrics, on a clock that moves on 250 ms each time it is read.
func newMetrics(t *testing.T) (*metrics.Metrics, string) {
	t.Helper()
	m := metrics.New(commandNames())
	var mu sync.Mutex
	at := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	m.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(250 * time.Millisecond)
		return at
	}
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	return m, srv.URL
}

func commandNames() []string {
	var names []string
	for _, c := range handlers.CommandSpecs() {
		names = append(names, c.Name)
	}
	return append(names, handlers.CommandText)
}

// scrape GETs url and returns every sample by its series, such as
// `runclub_commands_total{command="start",outcome="ok"}`.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	body, _ := io.ReadAll(resp.Body)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	out := map[string]float64{}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+`"`+l.GetValue()+`"`)
			}
			key := name
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[key] = m.GetGauge().GetValue()
			case m.Histogram != nil:
				out[name+"_count"] = float64(m.GetHistogram().GetSampleCount())
				out[name+"_sum"] = m.GetHistogram().GetSampleSum()
			}
		}
	}
	return out
}

func TestCommandsAreCountedByTableNameAndOutcome(t *testing.T) {
	m, url := newMetrics(t)
	svc, _ := handlerstest.New(t, nil)
	svc.Observer = m
	ann := bot.Command{Platform: domain.PlatformTelegram, UserID: "1001", ChatID: "1001", UserName: "Ann", Private: true}
	for _, text := range []string{
		"/start",
		"/checkin rhr:52",
		"/checkin rhr:500",         // out of range: refused
		"/bogus 73000000000000001", // not a command: neither name nor argument becomes a label
		"/week",
		"slept 7.5h rhr 51", // plain text: a free-text check-in
	} {
		cmd := ann
		cmd.Text = text
		svc.Handle(context.Background(), cmd)
	}
	got := scrape(t, url+"/metrics")
	for series, want := range map[string]float64{
		`runclub_commands_total{command="start",outcome="ok"}`:                1,
		`runclub_commands_total{command="checkin",outcome="ok"}`:              1,
		`runclub_commands_total{command="checkin",outcome="invalid"}`:         1,
		`runclub_commands_total{command="unknown",outcome="unknown_command"}`: 1,
		`runclub_commands_total{command="week",outcome="ok"}`:                 1,
		`runclub_commands_total{command="text",outcome="ok"}`:                 1,
		// Each reply took one tick of the test's clock: 250 ms.
		`runclub_reply_seconds_count`: 6,
		`runclub_reply_seconds_sum`:   1.5,
	} {
		if got[series] != want {
			t.Errorf("%s = %v, want %v", series, got[series], want)
		}
	}
	for series := range got {
		if strings.Contains(series, "bogus") || strings.Contains(series, "73000000000000001") {
			t.Errorf("a user's words became a label: %s", series)
		}
	}
}

func TestPlatformLabelsAreBounded(t *testing.T) {
	m, url := newMetrics(t)
	m.Pushed("telegram", domain.DeliveryMorning, scheduler.PushSent)
	m.Pushed("1001", domain.DeliveryMorning, scheduler.PushSent) // a caller's mistake: not a platform
	m.RateLimited("discord", 1500*time.Millisecond)
	m.Queued("telegram", 1)
	m.Queued("telegram", 1)
	m.Queued("telegram", -1)
	m.DeliveriesDue(3)
	m.DeliveriesSent(2)
	m.DeliveriesAbandoned(1)
	m.DBError("query")
	m.SetLeader(true)
	if err := testutil.ScrapeAndCompare(url+"/metrics", strings.NewReader(`
# HELP runclub_pushes_total Scheduled messages pushed, by platform, kind and outcome.
# TYPE runclub_pushes_total counter
runclub_pushes_total{kind="morning",outcome="sent",platform="other"} 1
runclub_pushes_total{kind="morning",outcome="sent",platform="telegram"} 1
# HELP runclub_rate_limited_total 429 answers from a platform.
# TYPE runclub_rate_limited_total counter
runclub_rate_limited_total{platform="discord"} 1
runclub_rate_limited_total{platform="telegram"} 0
# HELP runclub_rate_limit_wait_seconds_total Seconds the platforms' 429s asked the bot to wait.
# TYPE runclub_rate_limit_wait_seconds_total counter
runclub_rate_limit_wait_seconds_total{platform="discord"} 1.5
runclub_rate_limit_wait_seconds_total{platform="telegram"} 0
# HELP runclub_queue_depth Messages or API calls waiting in a platform's paced outbound queue.
# TYPE runclub_queue_depth gauge
runclub_queue_depth{platform="discord"} 0
runclub_queue_depth{platform="telegram"} 1
# HELP runclub_deliveries_due_total Scheduled deliveries found due by the scheduler's ticks.
# TYPE runclub_deliveries_due_total counter
runclub_deliveries_due_total 3
# HELP runclub_deliveries_sent_total Scheduled deliveries recorded as sent in the ledger.
# TYPE runclub_deliveries_sent_total counter
runclub_deliveries_sent_total 2
# HELP runclub_deliveries_abandoned_total Deliveries a previous run or a dead leader left claimed with no outcome, given up rather than resent.
# TYPE runclub_deliveries_abandoned_total counter
runclub_deliveries_abandoned_total 1
# HELP runclub_db_errors_total Database statements that failed, by operation.
# TYPE runclub_db_errors_total counter
runclub_db_errors_total{op="query"} 1
# HELP runclub_leader 1 while this process is the leader (runs the schedule and the pushes), else 0.
# TYPE runclub_leader gauge
runclub_leader 1
`), "runclub_pushes_total", "runclub_rate_limited_total", "runclub_rate_limit_wait_seconds_total", "runclub_queue_depth",
		"runclub_deliveries_due_total", "runclub_deliveries_sent_total", "runclub_deliveries_abandoned_total",
		"runclub_db_errors_total", "runclub_leader"); err != nil {
		t.Error(err)
	}
	m.SetLeader(false)
	if got := scrape(t, url+"/metrics")["runclub_leader"]; got != 0 {
		t.Errorf("runclub_leader after stepping down = %v, want 0", got)
	}
}

// TestTelegram429IsCountedWithItsWait drives the real Telegram adapter
// against the fake: a member's /start is answered after one 429 with
// retry_after 3; the command, the 429 and its wait are counted, and the
// queue is empty again.
func TestTelegram429IsCountedWithItsWait(t *testing.T) {
	m, url := newMetrics(t)
	svc, _ := handlerstest.New(t, nil)
	svc.Observer = m
	srv := telegramtest.New(t)
	a, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL, GlobalPerSecond: 1e6, ChatPerSecond: 1e6,
		GroupPerMinute: 1e8, Wait: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		Commands: svc.Commands(), Observer: m}, svc, svc, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 3})
	ann := telegramtest.User{ID: 1001, FirstName: "Ann"}
	srv.SendPrivate(ann, "/start")
	srv.WaitSent(t, ann.ID, 1)
	// Run returns once every update it took is handled, its reply
	// delivered and out of the queue.
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	got := scrape(t, url+"/metrics")
	for series, want := range map[string]float64{
		`runclub_commands_total{command="start",outcome="ok"}`:       1,
		`runclub_rate_limited_total{platform="telegram"}`:            1,
		`runclub_rate_limit_wait_seconds_total{platform="telegram"}`: 3,
		`runclub_queue_depth{platform="telegram"}`:                   0,
	} {
		if v, ok := got[series]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", series, v, ok, want)
		}
	}
}

// TestNoLabelLooksLikeAnID lints the registry after real traffic: only the
// known label names, and no value that looks like a user, chat or member id.
func TestNoLabelLooksLikeAnID(t *testing.T) {
	m, _ := newMetrics(t)
	svc, _ := handlerstest.New(t, nil)
	svc.Observer = m
	for i, text := range []string{"/start", "/checkin rhr:52", "/coach add @730000000000000001", "52", "/as 1001", "hello 1002"} {
		svc.Handle(context.Background(), bot.Command{Platform: domain.PlatformDiscord, UserID: "73000000000000000" + string(rune('1'+i)),
			ChatID: "810000000000000001", GuildID: "810000000000000001", Text: text})
	}
	m.Pushed(domain.PlatformDiscord, domain.DeliveryCoachAlert, scheduler.PushFailed)
	m.Queued(domain.PlatformDiscord, 1)
	m.DBError("create")
	known := map[string]bool{"command": true, "outcome": true, "platform": true, "kind": true, "op": true}
	idLike := regexp.MustCompile(`[0-9]{4,}|@`)
	fams, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range fams {
		if !strings.HasPrefix(f.GetName(), "runclub_") {
			continue
		}
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				seen++
				if !known[l.GetName()] {
					t.Errorf("%s has label %q, not one of the known names", f.GetName(), l.GetName())
				}
				if idLike.MatchString(l.GetValue()) {
					t.Errorf("%s{%s=%q} looks like an id", f.GetName(), l.GetName(), l.GetValue())
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no labelled series: the traffic was not observed")
	}
}

// An alert on rate() or increase() never sees a series' first sample, so a
// failure counter that appears only with its first failure hides that one.
func TestFailureSeriesExistAtZeroFromTheStart(t *testing.T) {
	m, url := newMetrics(t)
	m.ZeroDBErrors(storage.ErrorOps())
	got := scrape(t, url+"/metrics")
	var want []string
	if !slices.Contains(storage.ErrorOps(), "write") {
		t.Error(`storage.ErrorOps() lacks "write", which serialise.go reports`)
	}
	for _, op := range storage.ErrorOps() {
		want = append(want, `runclub_db_errors_total{op="`+op+`"}`)
	}
	for _, c := range commandNames() {
		for _, outcome := range []string{"ok", "internal", "panic"} {
			want = append(want, `runclub_commands_total{command="`+c+`",outcome="`+outcome+`"}`)
		}
	}
	for _, series := range want {
		if v, ok := got[series]; !ok || v != 0 {
			t.Errorf("%s = %v (present %v), want 0 before anything happened", series, v, ok)
		}
	}
}
