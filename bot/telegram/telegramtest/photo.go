package telegramtest

import (
	"bytes"
	"image"
	_ "image/jpeg" // the formats Telegram takes as photos
	_ "image/png"
)

// Telegram's rules for an uploaded photo (Bot API, sendPhoto): at most
// 10 MB, width and height together at most 10,000 px, a ratio of at most 20.
const (
	maxPhotoBytes = 10 << 20
	maxPhotoSides = 10000
	maxPhotoRatio = 20
)

// checkPhoto refuses an upload Telegram would refuse and records the
// picture's size in f.
func checkPhoto(f *File) *apiError {
	if len(f.Data) > maxPhotoBytes {
		return badRequest("PHOTO_SAVE_FILE_INVALID")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return badRequest("IMAGE_PROCESS_FAILED")
	}
	w, h := cfg.Width, cfg.Height
	if w+h > maxPhotoSides || max(w, h) > maxPhotoRatio*min(w, h) {
		return badRequest("PHOTO_INVALID_DIMENSIONS")
	}
	f.Width, f.Height = w, h
	return nil
}
