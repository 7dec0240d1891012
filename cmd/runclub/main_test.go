package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// TestMain lets a test run this very binary as the real program, so the
// crash test can kill -9 a process without building anything.
func TestMain(m *testing.M) {
	if os.Getenv("RUNCLUB_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestConsoleScriptEndToEnd(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "runclub.db")
	script := strings.Join([]string{
		"/start",
		"/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg",
		"/checkin rhr:52 sleep:7.5",
		"/checkin date:yesterday rhr:54 hrv:61",
		"/run 10mi 82m rpe:6 type:easy",
		"/checkin rhr:500",
		"/export",
		"/forget",
		"/forget yes",
		"/export",
	}, "\n")
	var out, errOut strings.Builder
	code := run(context.Background(), []string{"console"}, []string{"RUNCLUB_DATABASE_DSN=" + dsn}, strings.NewReader(script), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"welcome to runclub", "time zone Europe/London", "Saved your check-in for today", "Logged run 1, an easy run",
		"use 25 to 120", "2 check-ins and 1 run.", "kind,date,rhr_bpm", "run,", "16093,", "Done: everything", "I have no data about you"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Count(got, "kind,date") != 1 {
		t.Error("the export after /forget still produced a file")
	}
}

func TestPlainRunFallsBackToConsoleWithoutTokens(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "runclub.db")
	var out, errOut strings.Builder
	code := run(context.Background(), nil, []string{"RUNCLUB_DATABASE_DSN=" + dsn}, strings.NewReader("/help\n"), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "/checkin") {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
}

func TestBadConfigExitsTwoWithOneLine(t *testing.T) {
	var out, errOut strings.Builder
	code := run(context.Background(), []string{"console"}, []string{"RUNCLUB_DEFAULTS_TIMEZONE=Nowhere/Land", "RUNCLUB_TELEGRAM_TOKEN=123:secret"}, strings.NewReader("/help\n"), &out, &errOut)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	msg := errOut.String()
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "defaults.timezone") || strings.Contains(msg, "secret") {
		t.Errorf("stderr = %q", msg)
	}
	code = run(context.Background(), []string{"dance"}, nil, strings.NewReader("/help\n"), &out, &errOut)
	if code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

func TestVersion(t *testing.T) {
	var out strings.Builder
	if code := run(context.Background(), []string{"version"}, nil, nil, &out, io.Discard); code != 0 || !strings.HasPrefix(out.String(), "runclub ") {
		t.Errorf("version: %d %q", code, out.String())
	}
}

// TestKill9KeepsEveryAcknowledgedCheckIn streams check-ins into the real
// program, kills it with SIGKILL in the middle, and checks that every
// check-in it acknowledged is in the database file.
func TestKill9KeepsEveryAcknowledgedCheckIn(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "runclub.db")
	cmd := exec.Command(os.Args[0], "console")
	cmd.Env = append(os.Environ(), "RUNCLUB_TEST_MAIN=1", "RUNCLUB_DATABASE_DSN="+dsn)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	today := domain.DateOf(time.Now().UTC())
	go func() {
		for i := 2; i < 360; i++ {
			d := today.AddDays(-i)
			if _, err := fmt.Fprintf(stdin, "/checkin date:%s rhr:%d sleep:7\n", d, 40+i%60); err != nil {
				return // the process is gone
			}
		}
	}()
	ack := regexp.MustCompile(`Saved your check-in for \w+ (\d+ \w+ \d+)`)
	acked := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && len(acked) < 60 {
		if m := ack.FindStringSubmatch(sc.Text()); m != nil {
			d, err := time.Parse("2 Jan 2006", m[1])
			if err != nil {
				t.Fatal(err)
			}
			acked[domain.DateOf(d).String()] = true
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(acked) < 60 {
		t.Fatalf("only %d acknowledgements before the output ended", len(acked))
	}

	db, err := storage.Open(context.Background(), "sqlite", dsn, nil)
	if err != nil {
		t.Fatalf("database after kill -9: %v", err)
	}
	defer db.Close()
	st := storage.NewStores(db)
	m, err := st.Members.MemberByIdentity(context.Background(), domain.PlatformConsole, "local")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.CheckIns.CheckIns(context.Background(), m.ID, today.AddDays(-400), today)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, c := range stored {
		have[c.Date.String()] = true
	}
	for d := range acked {
		if !have[d] {
			t.Errorf("check-in for %s was acknowledged but is not on disk", d)
		}
	}
}

func TestStopDuringStartUpIsClean(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // SIGTERM before the database is even open
	var errOut strings.Builder
	code := run(ctx, []string{"serve"}, []string{"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db"), "RUNCLUB_TELEGRAM_TOKEN=1:x", "RUNCLUB_TELEGRAM_API_URL=http://127.0.0.1:1"}, strings.NewReader(""), io.Discard, &errOut)
	if code != 0 {
		t.Errorf("exit %d, stderr %s", code, errOut.String())
	}
}

// Under systemd or Docker, `runclub serve` with the tokens missing (an
// EnvironmentFile not read, a misspelt variable) must fail loudly, not run
// a terminal chat on /dev/null and exit 0; with no subcommand, as in
// `go run ./cmd/runclub`, the console is still the default.
func TestServeWithoutATokenIsAConfigErrorButTheDefaultIsTheConsole(t *testing.T) {
	for _, c := range []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"explicit serve", []string{"serve"}, exitConfig, "", "RUNCLUB_TELEGRAM_TOKEN"},
		{"no subcommand", nil, exitOK, "/checkin", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut strings.Builder
			code := run(context.Background(), c.args, []string{"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db")}, strings.NewReader("/help\n"), &out, &errOut)
			if code != c.code || !strings.Contains(out.String(), c.inStdout) || !strings.Contains(errOut.String(), c.inStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q", code, out.String(), errOut.String(), c.code, c.inStdout, c.inStderr)
			}
		})
	}
}
