package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// replica is one `runclub serve` process: this test binary run as the
// program (TestMain), so that it can be killed with SIGKILL.
type replica struct {
	n    int
	addr string
	cmd  *exec.Cmd
	// exited is closed once the process has exited and its log is read.
	exited chan struct{}
	err    error
	tail   *logTail
}

// logEvent is one structured log line of a replica.
type logEvent struct {
	replica int
	msg     string
	at      time.Time // when the test read it
}

// logHub gathers the replicas' log lines for the test to wait on.
type logHub struct {
	events chan logEvent
}

func newLogHub() *logHub { return &logHub{events: make(chan logEvent, 4096)} }

// wait returns the first event, from now on, that match accepts; the
// others are dropped. It fails the test after timeout.
func (h *logHub) wait(t *testing.T, timeout time.Duration, what string, match func(logEvent) bool) logEvent {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case e := <-h.events:
			if match(e) {
				return e
			}
		case <-deadline.C:
			t.Fatalf("no log line for %s within %s", what, timeout)
		}
	}
}

// logTail keeps a replica's last log lines, shown if the test fails.
type logTail struct {
	mu    sync.Mutex
	lines []string
}

func (l *logTail) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) == 200 {
		l.lines = l.lines[1:]
	}
	l.lines = append(l.lines, s)
}

// startReplica starts replica n serving HTTP (health, the webhook) on addr.
func startReplica(t *testing.T, hub *logHub, n int, env []string, addr string) *replica {
	t.Helper()
	r := &replica{n: n, addr: addr, exited: make(chan struct{}), tail: &logTail{}}
	r.cmd = exec.Command(os.Args[0], "serve")
	r.cmd.Env = append(append(os.Environ(), "RUNCLUB_TEST_MAIN=1", "RUNCLUB_HTTP_ADDR="+addr), env...)
	stderr, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start replica %d: %v", n, err)
	}
	go func() {
		defer close(r.exited)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			r.tail.add(line)
			var rec struct {
				Msg string `json:"msg"`
			}
			if json.Unmarshal([]byte(line), &rec) == nil && (strings.HasPrefix(rec.Msg, "leader:") || rec.Msg == "scheduler: tick") {
				select {
				case hub.events <- logEvent{replica: n, msg: rec.Msg, at: time.Now()}:
				default: // nobody is waiting for this many lines
				}
			}
		}
		r.err = r.cmd.Wait()
	}()
	t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			_ = r.cmd.Process.Kill()
			<-r.exited
		}
		if t.Failed() {
			r.tail.mu.Lock()
			defer r.tail.mu.Unlock()
			for _, l := range r.tail.lines {
				t.Logf("replica %d: %s", n, l)
			}
		}
	})
	return r
}

// waitReady polls /readyz until the replica is ready (its database, the
// webhook set, its slash commands registered), for up to 30 s, as a load
// balancer waits before sending it anything.
func (r *replica) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := http.Get("http://" + r.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-r.exited:
			t.Fatalf("replica %d exited while starting: %v", r.n, r.err)
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica %d not healthy within 30 s: %v", r.n, err)
		}
	}
}

// kill9 kills the replica with SIGKILL, as a crash or a lost machine would.
func (r *replica) kill9(t *testing.T) {
	t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-r.exited
}

// stop asks the replica to shut down as systemd would (SIGTERM) and checks
// that it exits cleanly.
func (r *replica) stop(t *testing.T) {
	t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.exited:
	case <-time.After(45 * time.Second):
		t.Fatalf("replica %d did not stop within 45 s of SIGTERM", r.n)
	}
	if r.err != nil {
		t.Errorf("replica %d exited with %v", r.n, r.err)
	}
}
