package neo4jtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestMain(m *testing.M) { Main(m, "internal/neo4jtest") }

// TestFromEnvIgnoresNeo4jVariables: the variables users export for kg build
// never lead a test to a server.
func TestFromEnvIgnoresNeo4jVariables(t *testing.T) {
	for _, k := range []string{"KG_TEST_NEO4J_URI", "KG_TEST_NEO4J_USERNAME", "KG_TEST_NEO4J_PASSWORD", "KG_TEST_NEO4J_DATABASE", "KG_TEST_NEO4J_HOME", "KG_TEST_NEO4J_HTTP_PORT"} {
		t.Setenv(k, "")
	}
	t.Setenv("NEO4J_URI", "bolt://users-graph.example:7687")
	t.Setenv("NEO4J_USERNAME", "alice")
	t.Setenv("NEO4J_PASSWORD", "users-secret")
	t.Setenv("NEO4J_DATABASE", "prod")
	if got := FromEnv(); got != (Config{Username: "neo4j"}) {
		t.Errorf("FromEnv() = %+v, want only the default user", got)
	}
}

// TestLockExcludesOtherHolders: while one holder has the server's lock, no
// other open of it (another package's test binary) gets it.
func TestLockExcludesOtherHolders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "server.lock")
	held, err := acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok, err := tryAcquire(path); err != nil || ok {
		if c != nil {
			c.Close()
		}
		t.Fatalf("second holder got the lock (ok=%v, err=%v)", ok, err)
	}
	held.Close()
	c, ok, err := tryAcquire(path)
	if err != nil || !ok {
		t.Fatalf("lock not free after release (ok=%v, err=%v)", ok, err)
	}
	c.Close()
	if lockPath("bolt://127.0.0.1:17687") != lockPath("bolt://127.0.0.1:17687") || lockPath("bolt://a:1") == lockPath("bolt://b:1") {
		t.Error("lock files do not follow the server")
	}
}

// TestGuardLeavesUserDatabase runs against the real test server: a database
// holding a user's nodes and no marker is refused, and nothing in it is
// deleted.
func TestGuardLeavesUserDatabase(t *testing.T) {
	cfg := Server(t)
	d := Driver(t)
	ctx := context.Background()
	run := func(q string) []*neo4j.Record {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Records
	}
	// Make the database look like a user's: no marker, the user's nodes.
	run("MATCH (m:" + MarkerLabel + ") DELETE m")
	run("CREATE (:UserGraph {name: 'precious'})-[:LINKS]->(:UserGraph {name: 'also precious'})")
	t.Cleanup(func() {
		// The test made these nodes; put the test database back as it was.
		run("MATCH (u:UserGraph) DETACH DELETE u")
		if err := Claim(ctx, d, cfg); err != nil {
			t.Error(err)
		}
	})
	for name, guard := range map[string]func() error{
		"Claim": func() error { return Claim(ctx, d, cfg) },
		"Clear": func() error { return Clear(ctx, d, cfg) },
	} {
		err := guard()
		if err == nil || !strings.Contains(err.Error(), "refusing to delete anything") || !strings.Contains(err.Error(), "holds 2 nodes") {
			t.Errorf("%s on a user's database: %v; want a refusal", name, err)
		}
	}
	recs := run("MATCH (n) RETURN count(n) AS n, sum(CASE WHEN n:" + MarkerLabel + " THEN 1 ELSE 0 END) AS markers")
	if n, _ := recs[0].Get("n"); n != int64(2) {
		t.Errorf("the user's database holds %v nodes after the refusal, want 2", n)
	}
	if m, _ := recs[0].Get("markers"); m != int64(0) {
		t.Errorf("the guard wrote a marker into a user's database")
	}
}

// TestSkipsAreAnnounced runs plain go test (no -v) on a Neo4j test without a
// server, twice: both times the output says how many tests were skipped and
// how to run them, and neither run is a silent cached pass.
func TestSkipsAreAnnounced(t *testing.T) {
	if os.Getenv("KG_NEO4JTEST_CHILD") == "1" {
		t.Skip("inside the child go test")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KG_TEST_NEO4J_") && !strings.HasPrefix(kv, "KG_REQUIRE_NEO4J=") {
			env = append(env, kv)
		}
	}
	env = append(env, "KG_NEO4JTEST_CHILD=1")
	for run := 1; run <= 2; run++ {
		cmd := exec.Command(goCmd, "test", "-run", "^TestGuardLeavesUserDatabase$", "./internal/neo4jtest")
		cmd.Dir, cmd.Env = root, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go test: %v\n%s", err, out)
		}
		want := "internal/neo4jtest: 1 Neo4j test skipped (no test server: KG_TEST_NEO4J_URI is not set); scripts/test runs them"
		if !strings.Contains(string(out), want) || strings.Contains(string(out), "(cached)") {
			t.Errorf("run %d of plain go test printed:\n%s\nwant a line containing %q and no cached result", run, out, want)
		}
	}
}
