package console_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/console"
)

// picturer answers every line with a reply whose picture is drawn when shown.
type picturer struct {
	name  string
	data  []byte
	drawn int
}

func (p *picturer) Handle(context.Context, bot.Command) bot.Reply {
	return bot.Reply{Text: "Your last 8 weeks.", Image: &bot.File{Name: p.name, MIME: "image/png", Draw: func(context.Context) ([]byte, error) {
		p.drawn++
		return p.data, nil
	}}}
}

func TestConsoleSavesPicturesAndPrintsTheirPath(t *testing.T) {
	data := []byte("\x89PNG\r\n\x1a\npicture")
	tests := []struct {
		name     string
		fileName string
		wantName string
	}{
		{name: "the handler's name", fileName: "runclub-trend-2026-12-02.png", wantName: "runclub-trend-2026-12-02.png"},
		{name: "a name with a path stays in the folder", fileName: "../../etc/runclub-week-2026-11-29.png", wantName: "runclub-week-2026-11-29.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			h := &picturer{name: tt.fileName, data: data}
			var out strings.Builder
			a := console.New(strings.NewReader("/trend\n"), &out, h, nil)
			a.ImageDir = dir
			if err := a.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.wantName)
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("picture file: %v, %q; want the drawn bytes", err, got)
			}
			if !strings.Contains(out.String(), "Your last 8 weeks.\n") || !strings.Contains(out.String(), "picture saved: "+path) {
				t.Errorf("output %q, want the text and the path %s", out.String(), path)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 || h.drawn != 1 {
				t.Errorf("folder holds %d files, drawn %d times; want one, once", len(entries), h.drawn)
			}
		})
	}
}

func TestConsoleSavesInTheCurrentFolderByDefault(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	h := &picturer{name: "runclub-trend-2026-12-02.png", data: []byte("png")}
	var out strings.Builder
	if err := console.New(strings.NewReader("/trend\n"), &out, h, nil).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "runclub-trend-2026-12-02.png")); err != nil || string(got) != "png" {
		t.Fatalf("picture in the current folder: %v, %q", err, got)
	}
}

func TestConsoleSaysWhenAPictureCannotBeSaved(t *testing.T) {
	h := &picturer{name: "runclub-trend-2026-12-02.png", data: []byte("png")}
	var out strings.Builder
	a := console.New(strings.NewReader("/trend\n"), &out, h, nil)
	a.ImageDir = filepath.Join(t.TempDir(), "no such folder")
	if err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Your last 8 weeks.") || !strings.Contains(out.String(), "not saved") {
		t.Errorf("output %q, want the text and that the picture was not saved", out.String())
	}
}
