package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/metrics"
)

// get GETs url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// sample is the value of one series in a /metrics page, or -1 if absent.
func sample(page, series string) float64 {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(page)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func TestProbesSayWhatIsNotReady(t *testing.T) {
	dbDown := errors.New("database unreachable: dial tcp 10.0.0.5:5432: connection refused")
	tgDown := errors.New("telegram: not polling yet")
	cases := []struct {
		name       string
		checks     []readyCheck
		wantStatus int
		wantBody   string
	}{
		{"all ready", []readyCheck{okCheck, okCheck}, 200, "ready\n"},
		{"database down", []readyCheck{failing(dbDown), okCheck}, 503,
			"not ready: " + dbDown.Error() + "\n"},
		{"adapter not connected", []readyCheck{okCheck, failing(tgDown)}, 503,
			"not ready: " + tgDown.Error() + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(opsMux(metrics.New(nil), func() []readyCheck { return c.checks }))
			defer srv.Close()
			if status, body := get(t, srv.URL+"/readyz"); status != c.wantStatus || body != c.wantBody {
				t.Errorf("/readyz = %d %q, want %d %q", status, body, c.wantStatus, c.wantBody)
			}
			// Liveness never asks the database: a process waiting for it
			// is alive and must not be restarted.
			if status, body := get(t, srv.URL+"/healthz"); status != 200 || body != "ok\n" {
				t.Errorf("/healthz = %d %q, want 200 ok", status, body)
			}
		})
	}
}

func okCheck(context.Context) error { return nil }

func failing(err error) func(context.Context) error {
	return func(context.Context) error { return err }
}

// TestServeExportsMetrics runs the real program against the Telegram fake
// and reads /metrics as Prometheus would: the commands a member sent, then,
// after a restart, the morning prompt pushed and recorded, and the leader.
func TestServeExportsMetrics(t *testing.T) {
	tg := telegramtest.New(t)
	addr := freeAddr(t)
	env := []string{
		"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db"),
		"RUNCLUB_TELEGRAM_TOKEN=" + tg.Token(), "RUNCLUB_TELEGRAM_API_URL=" + tg.URL,
		"RUNCLUB_HTTP_ADDR=" + addr, "RUNCLUB_LOG_LEVEL=warn",
	}
	ann := telegramtest.User{ID: 1001, FirstName: "Ann"}
	zone, wake := morningZone(t)
	base := "http://" + addr

	first := startServe(t, env)
	tg.SendPrivate(ann, "/start")
	tg.WaitSent(t, ann.ID, 1)
	tg.SendPrivate(ann, fmt.Sprintf("/settings tz:%s wake:%s", zone, wake))
	tg.WaitSent(t, ann.ID, 2)
	tg.SendPrivate(ann, "/checkin rhr:500")
	tg.WaitSent(t, ann.ID, 3)
	if status, body := get(t, base+"/readyz"); status != 200 {
		t.Errorf("/readyz while polling = %d %q, want 200", status, body)
	}
	_, page := get(t, base+"/metrics")
	for series, want := range map[string]float64{
		`runclub_commands_total{command="start",outcome="ok"}`:        1,
		`runclub_commands_total{command="settings",outcome="ok"}`:     1,
		`runclub_commands_total{command="checkin",outcome="invalid"}`: 1,
		`runclub_reply_seconds_count`:                                 3,
		`runclub_leader`:                                              1,
		`runclub_rate_limited_total{platform="telegram"}`:             0,
	} {
		if got := sample(page, series); got != want {
			t.Errorf("%s = %v, want %v", series, got, want)
		}
	}
	if !strings.Contains(page, "go_goroutines ") || !strings.Contains(page, "process_cpu_seconds_total ") {
		t.Error("/metrics lacks the Go and process collectors")
	}
	first.stop(t)
	prompted := func() int {
		n := 0
		for _, m := range tg.SentTo(ann.ID) {
			if strings.Contains(m.Text, "Good morning") {
				n++
			}
		}
		return n
	}
	// Rarely, the first run's minute tick sent the prompt already.
	early := prompted() == 1

	// The restart's first tick finds the prompt missed meanwhile due, and
	// sends it; a new process counts from zero.
	second := startServe(t, env)
	if !early {
		tg.WaitUntil(t, "the morning prompt", func() bool { return prompted() == 1 })
	}
	tg.SendPrivate(ann, "/help")
	n := len(tg.SentTo(ann.ID))
	tg.WaitSent(t, ann.ID, n+1)
	_, page = get(t, base+"/metrics")
	if got := sample(page, `runclub_commands_total{command="help",outcome="ok"}`); got != 1 {
		t.Errorf("help after the restart = %v, want 1", got)
	}
	if got := sample(page, `runclub_commands_total{command="start",outcome="ok"}`); got != 0 {
		t.Errorf("the first run's /start counted by the second = %v", got)
	}
	if due := sample(page, `runclub_deliveries_due_total`); (early && due != 0) || (!early && due < 1) {
		t.Errorf("deliveries due = %v after the restart (prompt sent by the first run: %v)", due, early)
	}
	second.stop(t)
	if got := prompted(); got != 1 {
		t.Errorf("morning prompts = %d, want 1", got)
	}
}
