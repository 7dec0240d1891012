package bot

import (
	"context"
	"time"
)

// Sleep waits d or until ctx is done, whichever comes first; it returns
// ctx's error if ctx ended first. Adapters wait with it for backoffs and
// retry_after, so a shutdown never waits out a long pause.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
