package discord

import "time"

const (
	hour                 = time.Hour
	retryBackoffForTests = 5 * time.Millisecond
)
