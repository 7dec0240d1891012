package storage_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runclub/runclub/storage"
)

func TestASecondOpenOfOneSQLiteFileIsRefusedUntilTheFirstCloses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "runclub.db")
	first, err := storage.Open(ctx, "sqlite", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{path, "file:" + path + "?cache=shared"} {
		second, err := storage.Open(ctx, "sqlite", dsn, nil)
		if err == nil {
			second.Close()
			t.Fatalf("a second Open of %s while the first is open succeeded", dsn)
		}
		if !errors.Is(err, storage.ErrInUse) || !strings.Contains(err.Error(), path+".lock") || !strings.Contains(err.Error(), "PostgreSQL") {
			t.Errorf("second Open: %v; want ErrInUse naming the lock file and the way to run several processes", err)
		}
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := storage.Open(ctx, "sqlite", path, nil)
	if err != nil {
		t.Fatalf("Open after the first closed: %v", err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestInMemorySQLiteTakesNoLock(t *testing.T) {
	ctx := context.Background()
	for range 2 {
		db, err := storage.Open(ctx, "sqlite", "file:mem1?mode=memory&cache=shared", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
	}
}
