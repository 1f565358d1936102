package main

import (
	"context"
	"io"

	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/schemas"
)

// openLockedStore takes the local store's lock (waiting for it if wait is
// set) and opens the store: one writer per store, whether kg build or kg
// sink. closeStore closes the store and then releases the lock.
func openLockedStore(ctx context.Context, path string, wait bool, stderr io.Writer, s *schemas.Schema, maxEvidence int) (*sqlite.Store, func(), error) {
	release, err := lockStore(ctx, path, wait, stderr)
	if err != nil {
		return nil, nil, &exitError{code: exitFailure, err: err}
	}
	store, err := sqlite.Open(ctx, path, s, maxEvidence)
	if err != nil {
		release()
		return nil, nil, &exitError{code: exitFailure, err: err}
	}
	return store, func() { store.Close(); release() }, nil
}
