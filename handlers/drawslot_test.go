package handlers

import (
	"context"
	"errors"
	"runtime"
	"testing"
)

func TestNoMorePicturesAreDrawnAtOnceThanThereAreCores(t *testing.T) {
	s := New(Repos{}, Defaults{}, nil, nil)
	ctx := context.Background()
	var releases []func()
	for range runtime.GOMAXPROCS(0) {
		release, err := s.drawSlot(ctx)
		if err != nil {
			t.Fatalf("slot %d: %v", len(releases), err)
		}
		releases = append(releases, release)
	}
	// Every slot is taken: one more waits, here until its context ends.
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.drawSlot(done); !errors.Is(err, context.Canceled) {
		t.Fatalf("a slot beyond the cores: err %v, want to wait (context.Canceled)", err)
	}
	releases[0]()
	release, err := s.drawSlot(ctx)
	if err != nil {
		t.Fatalf("a slot given back is not free again: %v", err)
	}
	release()
}
