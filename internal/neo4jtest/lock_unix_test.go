//go:build unix

package neo4jtest

import (
	"io"
	"os"
	"syscall"
)

// tryAcquire is acquire without waiting: ok is false when another holds it.
func tryAcquire(path string) (c io.Closer, ok bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if err == syscall.EWOULDBLOCK {
			return nil, false, nil
		}
		return nil, false, err
	}
	return f, true, nil
}
