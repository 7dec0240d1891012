package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/render"
	"github.com/runclub/runclub/storage"
)

// demoDB is the file runclub demo seeds, in the working folder.
const demoDB = "runclub-demo.db"

// demoOptions are runclub demo's flags.
type demoOptions struct {
	// as is the demo runner to speak as first; the coach when empty.
	as string
}

// parseDemo reads runclub demo's flags.
func parseDemo(args []string, stderr io.Writer) (demoOptions, error) {
	fs := flag.NewFlagSet("runclub demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o demoOptions
	fs.StringVar(&o.as, "as", "", "speak as this demo member (Jo is the coach; Sam, Mia, Leo, Ava, Ben, Zoe, Omar, Ivy, Raj, Nia, Tom)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("runclub demo takes no arguments, only -as NAME; got %q", strings.Join(fs.Args(), " "))
	}
	return o, nil
}

// demoSpeaker is whom the demo console speaks as: the coach, or o.as.
func demoSpeaker(o demoOptions) (bot.Speaker, error) {
	name := o.as
	if name == "" {
		for _, p := range demoRunners {
			if p.coach {
				name = p.name
			}
		}
	}
	for _, p := range demoRunners {
		if strings.EqualFold(p.name, name) {
			return bot.Speaker{UserID: handlers.ConsoleUserID(p.name), UserName: p.name}, nil
		}
	}
	names := make([]string, len(demoRunners))
	for i, p := range demoRunners {
		names[i] = p.name
	}
	return bot.Speaker{}, &ConfigError{Key: "demo -as", Reason: fmt.Sprintf("%q is no demo member; use one of %s", name, strings.Join(names, ", "))}
}

// seedDemo replaces the demo database at path with a fresh demo club as it
// stands at now, through the bulk import.
func seedDemo(ctx context.Context, path string, now time.Time, tz string) error {
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("demo: remove the old %s: %w", f, err)
		}
	}
	db, err := storage.Open(ctx, "sqlite", path, nil)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer db.Close()
	if err := storage.NewImportStore(db).Import(ctx, demoDataset(now, tz)); err != nil {
		return fmt.Errorf("demo: seed %s: %w", path, err)
	}
	return nil
}

// demoIntro is what the demo says before the console starts.
func demoIntro(sp bot.Speaker) string {
	coach := false
	for _, p := range demoRunners {
		coach = coach || (p.coach && handlers.ConsoleUserID(p.name) == sp.UserID)
	}
	return render.DemoIntro(demoClubTitle, len(demoRunners), demoDays/7, sp.UserName, coach, demoDB)
}
