package neo4jtest

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// freePort returns a port nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestScriptPortInUse: a port already taken at start is one line naming the
// port and the program that holds it, before any Java starts.
func TestScriptPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	taken := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	free := fmt.Sprint(freePort(t))
	self := filepath.Base(os.Args[0])
	if len(self) > 15 {
		self = self[:15] // the kernel's name for a process is 15 bytes long
	}
	tests := []struct{ name, bolt, http, want string }{
		{"bolt", taken, free, "port " + taken + " (Bolt) is already in use by " + self},
		{"http", free, taken, "port " + taken + " (HTTP) is already in use by " + self},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := filepath.Join(t.TempDir(), "neo4j")
			out, err := RunScript([]string{"KG_NEO4J_HOME=" + home, "KG_NEO4J_BOLT_PORT=" + tt.bolt, "KG_NEO4J_HTTP_PORT=" + tt.http}, "start")
			if err == nil {
				RunScript([]string{"KG_NEO4J_HOME=" + home}, "reset")
				t.Fatalf("start succeeded on a taken port:\n%s", out)
			}
			if !strings.Contains(out, tt.want) || strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Errorf("output %q; want one line containing %q", out, tt.want)
			}
			if _, err := os.Stat(home); err == nil {
				t.Errorf("start made %s although it did not start", home)
			}
		})
	}
}

// TestScriptStopKeepsData: stop leaves the data folder alone; reset deletes
// it. Neither needs a running server.
func TestScriptStopKeepsData(t *testing.T) {
	home := filepath.Join(t.TempDir(), "neo4j")
	data := filepath.Join(home, "data", "databases", "neo4j", "store")
	if err := os.MkdirAll(filepath.Dir(data), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(data, []byte("a user's graph"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"KG_NEO4J_HOME=" + home}
	for _, args := range [][]string{{"stop"}, {"stop", "--keep-data"}} {
		if out, err := RunScript(env, args...); err != nil {
			t.Fatalf("%v: %v", args, out)
		}
		if _, err := os.Stat(data); err != nil {
			t.Fatalf("scripts/neo4j %v deleted the data: %v", args, err)
		}
	}
	if out, err := RunScript(env, "reset"); err != nil {
		t.Fatal(out)
	}
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Errorf("reset left %s: %v", home, err)
	}
}

// TestScriptStatusFindsServer: status, given only the data folder, reports
// the ports the test server was started with, not the defaults.
func TestScriptStatusFindsServer(t *testing.T) {
	cfg := Server(t)
	if cfg.Home == "" {
		Skip(t, "KG_TEST_NEO4J_HOME is not set, so the test server's data folder is unknown")
	}
	out, err := Script("status")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	if want := "bolt://127.0.0.1:" + u.Port(); !strings.Contains(out, "running") || !strings.Contains(out, want) {
		t.Errorf("status says %q; want it running at %s", out, want)
	}
}
