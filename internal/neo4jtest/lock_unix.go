//go:build unix

package neo4jtest

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// acquire takes an exclusive lock on the file at path, waiting for it. The
// lock goes when the file is closed or the process ends, so a crashed test
// binary never leaves it behind.
func acquire(path string) (io.Closer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, fmt.Errorf("test server lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("test server lock %s: %w", path, err)
	}
	return f, nil
}
