package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/schemas"
)

// openLockedStore takes the local store's lock (waiting for it if wait is
// set) and opens the store: one writer per store, whether kg build or kg
// sink. closeStore closes the store and then releases the lock.
//
// A file that is no kg store is refused as found: the lock file, when this
// call made it, goes too.
func openLockedStore(ctx context.Context, path string, wait bool, stderr io.Writer, s *schemas.Schema, maxEvidence int) (*sqlite.Store, func(), error) {
	_, statErr := os.Lstat(path + ".lock")
	release, err := lockStore(ctx, path, wait, stderr)
	if err != nil {
		return nil, nil, &exitError{code: exitFailure, err: err}
	}
	store, err := sqlite.Open(ctx, path, s, maxEvidence)
	if err != nil {
		if errors.Is(err, sqlite.ErrNotKGStore) && errors.Is(statErr, fs.ErrNotExist) {
			os.Remove(path + ".lock")
		}
		release()
		return nil, nil, &exitError{code: exitFailure, err: err}
	}
	return store, func() { store.Close(); release() }, nil
}
