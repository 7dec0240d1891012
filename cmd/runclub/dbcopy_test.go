package main

import (
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// consoleOn runs the real program's console on a database with script as
// its input and returns what it printed.
func consoleOn(t *testing.T, driver, dsn, script string) string {
	t.Helper()
	var out, errOut strings.Builder
	env := []string{"RUNCLUB_DATABASE_DRIVER=" + driver, "RUNCLUB_DATABASE_DSN=" + dsn}
	if code := run(context.Background(), []string{"console"}, env, strings.NewReader(script), &out, &errOut); code != exitOK {
		t.Fatalf("console on %s: exit %d, stderr %s", driver, code, errOut.String())
	}
	return out.String()
}

// dbCopy runs `runclub db copy` with args and returns its exit code and output.
func dbCopy(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(context.Background(), append([]string{"db", "copy"}, args...), nil, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

var exportFile = regexp.MustCompile(`(?s)--- runclub-export\.csv .*?--- end of runclub-export\.csv ---`)

// exports is each demo member's /export file from the database.
func exports(t *testing.T, driver, dsn string) map[string]string {
	t.Helper()
	var script strings.Builder
	for _, p := range demoRunners {
		script.WriteString("/as " + p.name + "\n/export\n")
	}
	files := exportFile.FindAllString(consoleOn(t, driver, dsn, script.String()), -1)
	if len(files) != len(demoRunners) {
		t.Fatalf("%s: %d export files for %d members", driver, len(files), len(demoRunners))
	}
	out := map[string]string{}
	for i, p := range demoRunners {
		out[p.name] = files[i]
	}
	return out
}

func TestDBCopyOfASQLiteClubToPostgreSQLGivesEveryMemberTheSameExport(t *testing.T) {
	src := filepath.Join(t.TempDir(), "club.db")
	if err := seedDemo(context.Background(), src, time.Now(), "UTC"); err != nil {
		t.Fatal(err)
	}
	// Some changes in the journal and a guided check-in left open, beyond
	// what the demo seeds.
	consoleOn(t, "sqlite", src, "/as Sam\n/checkin rhr:50 hrv:71.5\n/run 10.3km 52m30s rpe:6 type:tempo\n/as Mia\n/checkin\n52\n")
	pg := pgtest.Schema(t)

	code, out, errOut := dbCopy(t, "--from", "sqlite:"+src, "--to", pg)
	if code != exitOK {
		t.Fatalf("db copy: exit %d, stderr %s", code, errOut)
	}
	// In a pipe: one line per table, then the summary.
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(storage.CopyTables())+1 || !strings.HasPrefix(lines[0], "members ") || !strings.Contains(lines[len(lines)-1], "row counts and checksums match") {
		t.Errorf("db copy printed:\n%s", out)
	}

	want, got := exports(t, "sqlite", src), exports(t, "postgres", pg)
	for _, p := range demoRunners {
		if got[p.name] != want[p.name] {
			t.Errorf("%s's export on PostgreSQL differs from SQLite's:\n%s\n---- want\n%s", p.name, got[p.name], want[p.name])
		}
	}
	if !strings.Contains(want["Sam"], "run,") || !strings.Contains(want["Sam"], "change,") || !strings.Contains(want["Jo"], "checkin,") {
		t.Errorf("the exports compared hold too little:\n%s", want["Sam"])
	}
	// The bot goes on on the copy: new rows take fresh ids and numbers.
	if reply := consoleOn(t, "postgres", pg, "/as Sam\n/run 5km 25m rpe:3\n/as Leo\n/checkin rhr:55\n"); !strings.Contains(reply, "Logged run") || !strings.Contains(reply, "Saved your check-in") {
		t.Errorf("on the copy:\n%s", reply)
	}
}

func TestDBCopyRefusesATargetWithRowsUnlessForced(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	consoleOn(t, "sqlite", src, "/checkin rhr:52\n")
	consoleOn(t, "sqlite", dst, "/checkin rhr:60\n")
	code, _, errOut := dbCopy(t, "--from", "sqlite:"+src, "--to", "sqlite:"+dst)
	if code != exitFail || !strings.Contains(errOut, "not empty") || !strings.Contains(errOut, "--force") {
		t.Errorf("copy onto rows: exit %d, stderr %q; want a refusal that names --force", code, errOut)
	}
	if got := consoleOn(t, "sqlite", dst, "/history 1\n"); !strings.Contains(got, " 60 ") {
		t.Errorf("the refused copy changed the target:\n%s", got)
	}
	if code, _, errOut := dbCopy(t, "--from", "sqlite:"+src, "--to", "sqlite:"+dst, "--force"); code != exitOK {
		t.Fatalf("--force: exit %d, stderr %s", code, errOut)
	}
	if got := consoleOn(t, "sqlite", dst, "/history 1\n"); !strings.Contains(got, " 52 ") || strings.Contains(got, " 60 ") {
		t.Errorf("after --force the target holds:\n%s", got)
	}
}

func TestDBCopyArgumentsSayWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --from", []string{"--to", "sqlite:x.db"}, exitConfig, "--from: missing"},
		{"a bare path", []string{"--from", "club.db", "--to", "sqlite:x.db"}, exitConfig, "neither sqlite:PATH nor a postgres:// URL"},
		{"the same database", []string{"--from", "sqlite:x.db", "--to", "sqlite:x.db"}, exitFail, "the same database"},
		{"the same file written two ways", []string{"--from", "sqlite:" + filepath.Join(dir, "same.db"), "--to", "sqlite:" + dir + "/./same.db"}, exitFail, "the same database"},
		{"a missing source", []string{"--from", "sqlite:" + filepath.Join(dir, "none.db"), "--to", "sqlite:" + filepath.Join(dir, "y.db")}, exitFail, "no such file"},
		{"a password", []string{"--from", "mysql://u:s3cret@h/db", "--to", "sqlite:x.db"}, exitConfig, "u:xxxxx@h"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := dbCopy(t, c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "s3cret") {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, c.code, c.want)
			}
		})
	}
}

// FuzzParseDatabase feeds --from and --to any text: it never panics, and
// neither what it names nor its error repeats a URL's password.
func FuzzParseDatabase(f *testing.F) {
	for _, s := range []string{"sqlite:runclub.db", "postgres://u:pw@h:5432/db?sslmode=disable", "postgresql://h/db", "club.db", "sqlite:", "mysql://u:s3cret@h/db", "", "host=x dbname=y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := parseDatabase("--from", s)
		shown := spec.String()
		if err != nil {
			shown = err.Error()
		}
		u, perr := url.Parse(s)
		if perr != nil || u.User == nil {
			return
		}
		// A password of a few characters that shows up between a colon
		// and the @ of what is printed was repeated.
		if pw, ok := u.User.Password(); ok && len(pw) >= 4 && strings.Contains(shown, ":"+pw+"@") {
			t.Errorf("%q shown as %q repeats the password", s, shown)
		}
	})
}
