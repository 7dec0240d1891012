package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestASecondProcessOnOneSQLiteFileRefusesToStart runs the real program on
// a SQLite file, starts a second one on the same file while the first
// runs, and checks that the second stops at once saying why; after kill -9
// of the first, the file opens again.
func TestASecondProcessOnOneSQLiteFileRefusesToStart(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "runclub.db")
	first := exec.Command(os.Args[0], "console")
	first.Env = append(os.Environ(), "RUNCLUB_TEST_MAIN=1", "RUNCLUB_DATABASE_DSN="+dsn)
	stdin, _ := first.StdinPipe()
	stdout, _ := first.StdoutPipe()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	// An answer means the first process has the database open.
	fmt.Fprintln(stdin, "/start")
	if !bufio.NewScanner(stdout).Scan() {
		t.Fatal("the first process said nothing")
	}

	var out, errOut strings.Builder
	code := run(context.Background(), []string{"console"}, []string{"RUNCLUB_DATABASE_DSN=" + dsn}, strings.NewReader("/start\n"), &out, &errOut)
	msg := errOut.String()
	if code == exitOK || !strings.Contains(msg, "in use by another runclub process") || !strings.Contains(msg, fmt.Sprint(first.Process.Pid)) {
		t.Errorf("second process: exit %d, stderr %q; want a failure naming the process that holds the file", code, msg)
	}
	if out.Len() != 0 {
		t.Errorf("the second process answered: %q", out.String())
	}

	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	out.Reset()
	errOut.Reset()
	if code := run(context.Background(), []string{"console"}, []string{"RUNCLUB_DATABASE_DSN=" + dsn}, strings.NewReader("/help\n"), &out, &errOut); code != exitOK {
		t.Errorf("after kill -9 of the first: exit %d, stderr %q", code, errOut.String())
	}
}
