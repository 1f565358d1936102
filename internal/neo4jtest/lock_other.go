//go:build !unix

package neo4jtest

import "io"

// acquire has no cross-process lock to take outside Unix: run test packages
// one at a time there (go test -p 1).
func acquire(string) (io.Closer, error) { return io.NopCloser(nil), nil }
