package discordtest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // the image formats Discord previews
	_ "image/jpeg"
	_ "image/png"
	"strings"
)

// Discord's limits on a message's attachments: at most 10 files, and
// 10 MiB in all for a bot in a server without boosts.
const (
	maxAttachments     = 10
	maxAttachmentBytes = 10 << 20
)

// attachment records an uploaded file, with an image's size read as
// Discord reads it for its preview.
func attachment(name, contentType string, data []byte) File {
	f := File{Name: name, ContentType: contentType, Data: data}
	if strings.HasPrefix(contentType, "image/") {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			f.Width, f.Height = cfg.Width, cfg.Height
		}
	}
	return f
}

// checkAttachments refuses what Discord refuses: too many files, too many
// bytes.
func checkAttachments(files []File) error {
	if len(files) > maxAttachments {
		return fmt.Errorf("files: at most %d attachments (got %d)", maxAttachments, len(files))
	}
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	if total > maxAttachmentBytes {
		return fmt.Errorf("files: request entity too large (%d bytes, at most %d)", total, maxAttachmentBytes)
	}
	return nil
}
