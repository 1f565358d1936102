// Package natstest gives a test a NATS server with JetStream of its own: a
// nats-server process on a loopback port, its data in the test's temporary
// folder, stopped when the test ends. No test shares a server or touches
// one it did not start.
//
// Settings (scripts/test sets them):
//
//	KG_TEST_NATS_SERVER  the nats-server binary (scripts/nats path builds it)
//	KG_TEST_NATS_PORT    the first port to try (default 14222); a test takes
//	                     the first free one of the 64 from there
//	KG_REQUIRE_NATS=1    a missing binary fails the tests instead of skipping them
package natstest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// DefaultPort is the first port tried when KG_TEST_NATS_PORT is not set:
// away from NATS's own 4222 and the Neo4j test ports.
const DefaultPort = 14222

// Server is a running test server.
type Server struct {
	// URL is the server's client URL, nats://127.0.0.1:PORT.
	URL  string
	bin  string
	port int
	dir  string
	cmd  *exec.Cmd
	// exited delivers the process's end.
	exited chan error
	t      testing.TB
}

// Required reports whether a missing server is a failure (KG_REQUIRE_NATS=1).
func Required() bool { return os.Getenv("KG_REQUIRE_NATS") == "1" }

// Start starts a server for the test; without KG_TEST_NATS_SERVER the test
// is skipped, or fails when KG_REQUIRE_NATS=1.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := os.Getenv("KG_TEST_NATS_SERVER")
	if bin == "" {
		if Required() {
			t.Fatal("KG_REQUIRE_NATS=1, but KG_TEST_NATS_SERVER names no nats-server binary")
		}
		t.Skip("no NATS test server: KG_TEST_NATS_SERVER is not set; scripts/test runs this test against its own nats-server")
	}
	base := DefaultPort
	if p := os.Getenv("KG_TEST_NATS_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535-64 {
			t.Fatalf("KG_TEST_NATS_PORT=%q is not a port number", p)
		}
		base = n
	}
	s := &Server{bin: bin, dir: t.TempDir(), t: t}
	// Several test processes may start servers at once: take the first
	// port that is free and that the server then gets.
	for p := base; p < base+64; p++ {
		if !free(p) {
			continue
		}
		s.port = p
		s.URL = fmt.Sprintf("nats://127.0.0.1:%d", p)
		if s.start() == nil {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatalf("no NATS test server could start on ports %d-%d", base, base+63)
	return nil
}

func free(port int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// start runs the server and waits until it answers, or until it exits.
func (s *Server) start() error {
	log := filepath.Join(s.dir, "nats.log")
	s.cmd = exec.Command(s.bin, "-js", "-a", "127.0.0.1", "-p", strconv.Itoa(s.port),
		"-sd", filepath.Join(s.dir, "data"), "-l", log)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("cannot start %s: %v", s.bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			s.cmd = nil
			return fmt.Errorf("nats-server exited: %v", err)
		default:
		}
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.port), 100*time.Millisecond); err == nil {
			c.Close()
			s.exited = exited
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.cmd.Process.Kill()
	<-exited
	s.cmd = nil
	data, _ := os.ReadFile(log)
	s.t.Fatalf("nats-server did not answer on port %d within 10 s:\n%s", s.port, data)
	return nil
}

// Stop stops the server (SIGTERM, as an operator would); its data stays for
// Restart.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
}

// Restart starts the stopped server again on the same port with the same data.
func (s *Server) Restart() {
	s.t.Helper()
	// The port was just released; it may take a moment to be free again.
	var err error
	for i := 0; i < 50; i++ {
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("nats-server did not start again on port %d: %v", s.port, err)
}
