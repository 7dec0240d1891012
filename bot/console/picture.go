package console

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/runclub/runclub/bot"
)

// savePicture writes f into ImageDir under its own name and returns the
// line that tells where; a picture of the same name (the same day's) is
// replaced. The name is the handler's, reduced to its last element so that
// no name can write outside the folder.
func (a *Adapter) savePicture(f bot.File) string {
	dir := a.ImageDir
	if dir == "" {
		dir = "."
	}
	name := filepath.Base(filepath.Clean("/" + f.Name))
	if name == "/" || name == "." {
		name = "runclub-picture.png"
	}
	path := filepath.Join(dir, name)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if err := os.WriteFile(path, f.Data, 0o644); err != nil {
		a.log.Error("console: save a picture", "path", path, "err", err)
		return fmt.Sprintf("--- %s (%d bytes) not saved: %v ---\n", name, len(f.Data), err)
	}
	return fmt.Sprintf("--- picture saved: %s (%d bytes) ---\n", path, len(f.Data))
}
