package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// parseLevel reads debug, info, warn or error.
func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	switch strings.ToLower(s) {
	case "debug":
		l = slog.LevelDebug
	case "info":
		l = slog.LevelInfo
	case "warn", "warning":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		return l, fmt.Errorf("%q is not a level; use debug, info, warn or error", s)
	}
	return l, nil
}

// newLogger builds the one structured logger the whole program uses.
func newLogger(cfg LogConfig, w io.Writer) *slog.Logger {
	level, _ := parseLevel(cfg.Level) // validated with the config
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
