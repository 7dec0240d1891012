package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/runclub/runclub/storage"
)

// dbCommand runs `runclub db copy …`, the one database subcommand, and
// returns the exit code.
func dbCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "copy" {
		fmt.Fprintln(stderr, "usage: runclub db copy --from sqlite:runclub.db --to postgres://user@host:5432/runclub [--force]")
		return exitConfig
	}
	fs := flag.NewFlagSet("runclub db copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the database to copy: sqlite:PATH or postgres://…")
	to := fs.String("to", "", "the database to copy into, empty unless --force: sqlite:PATH or postgres://…")
	force := fs.Bool("force", false, "replace whatever the target holds")
	if err := fs.Parse(args[1:]); err != nil {
		return exitConfig
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "runclub db copy: unexpected %q; give --from, --to and maybe --force\n", strings.Join(fs.Args(), " "))
		return exitConfig
	}
	err := copyCommand(ctx, *from, *to, *force, stdout)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "runclub db copy:", err)
	var cfgErr *ConfigError
	if errors.As(err, &cfgErr) {
		return exitConfig
	}
	return exitFail
}

// copyCommand checks the databases named and copies one into the other.
func copyCommand(ctx context.Context, from, to string, force bool, stdout io.Writer) error {
	src, err := parseDatabase("--from", from)
	if err != nil {
		return err
	}
	dst, err := parseDatabase("--to", to)
	if err != nil {
		return err
	}
	if src == dst || src.driver == "sqlite" && dst.driver == "sqlite" && filepath.Clean(src.dsn) == filepath.Clean(dst.dsn) {
		// Else the second open of one file meets the first's lock and blames
		// "another runclub process", which is this one.
		return errors.New("--from and --to name the same database")
	}
	return copyDatabases(ctx, src, dst, force, stdout)
}

// dbSpec is a database named on the command line.
type dbSpec struct{ driver, dsn string }

// String names the database without its password.
func (d dbSpec) String() string {
	if d.driver == "sqlite" {
		return "sqlite:" + d.dsn
	}
	if u, err := url.Parse(d.dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	return "postgres"
}

// parseDatabase reads sqlite:PATH, postgres://… or postgresql://….
func parseDatabase(flagName, s string) (dbSpec, error) {
	switch {
	case s == "":
		return dbSpec{}, &ConfigError{Key: flagName, Reason: "missing; give sqlite:PATH or postgres://user@host:5432/db"}
	case strings.HasPrefix(s, "sqlite:"):
		if path := strings.TrimPrefix(s, "sqlite:"); path != "" {
			return dbSpec{driver: "sqlite", dsn: path}, nil
		}
		return dbSpec{}, &ConfigError{Key: flagName, Reason: "sqlite: needs a file, as in sqlite:runclub.db"}
	case isPostgresURL(s):
		return dbSpec{driver: "postgres", dsn: s}, nil
	}
	return dbSpec{}, &ConfigError{Key: flagName, Reason: fmt.Sprintf("%q is neither sqlite:PATH nor a postgres:// URL", redact(s))}
}

// redact hides the password of what looks like a URL's user:password@.
func redact(s string) string {
	at := strings.LastIndex(s, "@")
	if at < 0 {
		return s
	}
	start := 0
	if i := strings.Index(s[:at], "//"); i >= 0 {
		start = i + 2
	}
	user, _, hasPassword := strings.Cut(s[start:at], ":")
	if !hasPassword {
		return s
	}
	return s[:start] + user + ":xxxxx" + s[at:]
}

// copyDatabases opens both databases and copies src into dst, showing the
// progress on stdout.
func copyDatabases(ctx context.Context, src, dst dbSpec, force bool, stdout io.Writer) error {
	if src.driver == "sqlite" {
		// Open would create a missing file; a typo must not copy nothing.
		if _, err := os.Stat(src.dsn); err != nil {
			return fmt.Errorf("--from %s: %w", src, err)
		}
	}
	from, err := storage.Open(ctx, src.driver, src.dsn, nil)
	if err != nil {
		return fmt.Errorf("--from %s: %w", src, err)
	}
	defer from.Close()
	to, err := storage.Open(ctx, dst.driver, dst.dsn, nil)
	if err != nil {
		return fmt.Errorf("--to %s: %w", dst, err)
	}
	defer to.Close()
	p := newCopyProgress(stdout, isTerminal(stdout), time.Now)
	report, err := storage.Copy(ctx, from, to, storage.CopyOptions{Force: force, Progress: p.show})
	p.end()
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range report {
		rows += t.Rows
	}
	fmt.Fprintf(stdout, "copied %d tables, %d rows, from %s to %s; row counts and checksums match\n", len(report), rows, src, dst)
	return nil
}
