//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// lockStore takes the build lock of the local store at path, before anything
// is read or extracted: an flock on the file path+".lock" beside it (left in
// place; the lock, not the file, is what counts, and it goes with the
// process). Another build holding it makes this one fail at once, or with
// wait, wait for it (saying so on stderr). Readers (stats, export, load)
// take no lock.
func lockStore(ctx context.Context, path string, wait bool, stderr io.Writer) (release func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot lock store %s: %v", path, describeErr(err))
	}
	told := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("cannot lock store %s: %w", path, err)
		}
		if !wait {
			f.Close()
			return nil, fmt.Errorf("store %s is being built by another kg; nothing was read: wait for it, run with --wait, or use another --store", path)
		}
		if !told {
			fmt.Fprintf(stderr, "kg: store %s is being built by another kg; waiting for it (--wait)\n", path)
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("interrupted while waiting for another kg build of store %s; nothing was read", path)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func describeErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
