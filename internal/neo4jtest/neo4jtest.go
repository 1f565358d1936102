// Package neo4jtest gives tests a Neo4j database they own, and nothing else.
//
// The server comes only from test settings, never from the NEO4J_* variables
// users export for kg build:
//
//	KG_TEST_NEO4J_URI       the test server (scripts/test starts one on bolt://127.0.0.1:17687)
//	KG_TEST_NEO4J_USERNAME  default neo4j
//	KG_TEST_NEO4J_PASSWORD
//	KG_TEST_NEO4J_DATABASE  default: the server's default database
//	KG_TEST_NEO4J_HOME      the server's scripts/neo4j data folder, for tests that stop and start it
//	KG_TEST_NEO4J_HTTP_PORT the server's HTTP port, for tests of what kg says when pointed at it
//	KG_REQUIRE_NEO4J=1      a missing server fails the tests instead of skipping them
//
// Before deleting anything, the tests check for a (:KgTestMarker) node, which
// only they write and only into an empty database. A database holding other
// nodes and no marker is refused and left untouched.
//
// Packages that share the server take a lock for it, held from their first
// Neo4j test to the end of the package, so go test runs them one after the
// other whatever -p says.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Config is how to reach the test server.
type Config struct {
	URI, Username, Password, Database string
	// Home is the scripts/neo4j data folder of the server, when the tests
	// may stop and start it.
	Home string
	// HTTPPort is the server's HTTP port, when known.
	HTTPPort string
}

// FromEnv reads the KG_TEST_NEO4J_* settings. It never reads NEO4J_*.
func FromEnv() Config {
	c := Config{
		URI:      os.Getenv("KG_TEST_NEO4J_URI"),
		Username: os.Getenv("KG_TEST_NEO4J_USERNAME"),
		Password: os.Getenv("KG_TEST_NEO4J_PASSWORD"),
		Database: os.Getenv("KG_TEST_NEO4J_DATABASE"),
		Home:     os.Getenv("KG_TEST_NEO4J_HOME"),
		HTTPPort: os.Getenv("KG_TEST_NEO4J_HTTP_PORT"),
	}
	if c.Username == "" {
		c.Username = "neo4j"
	}
	return c
}

// Required reports whether a missing server is a failure (KG_REQUIRE_NEO4J=1).
func Required() bool { return os.Getenv("KG_REQUIRE_NEO4J") == "1" }

// MarkerLabel labels the node that says the test suite created the database.
const MarkerLabel = "KgTestMarker"

var (
	skipped    atomic.Int64
	skipReason atomic.Value // string
	pkgName    string       // set by Main
	mu         sync.Mutex
	lock       io.Closer
	driver     neo4j.DriverWithContext
	driverCfg  Config
)

// Skip skips a Neo4j test for reason, or fails it when KG_REQUIRE_NEO4J=1.
// Main reports how many tests were skipped, so a skip is never silent.
func Skip(t testing.TB, reason string) {
	t.Helper()
	if Required() {
		t.Fatalf("KG_REQUIRE_NEO4J=1, but %s", reason)
	}
	skipped.Add(1)
	skipReason.Store(reason)
	uncacheable()
	t.Skip(reason + "; scripts/test runs this test against the project's own server")
}

// Server returns the test server's settings with its database emptied,
// after checking that the tests created it. Without a server the test is
// skipped (see Skip); a database the tests did not create fails the test.
func Server(t testing.TB) Config {
	t.Helper()
	cfg := FromEnv()
	if cfg.URI == "" {
		Skip(t, "no test server: KG_TEST_NEO4J_URI is not set")
	}
	d, err := open(cfg)
	if err != nil {
		Skip(t, fmt.Sprintf("test server %s is not usable: %v", redact(cfg.URI), err))
	}
	if err := Clear(context.Background(), d, cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Driver returns the package's connection to the test server, for tests
// that check a database outside the code under test. Call Server first.
func Driver(t testing.TB) neo4j.DriverWithContext {
	t.Helper()
	d, err := open(FromEnv())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Reconnect drops the shared connection, for a test that replaced the
// server's database (scripts/neo4j import): the driver remembers how far the
// old database had got, and would wait for the new one to get there.
func Reconnect() {
	mu.Lock()
	defer mu.Unlock()
	if driver != nil {
		driver.Close(context.Background())
		driver = nil
	}
}

// open takes the server's lock, then connects once per test binary.
func open(cfg Config) (neo4j.DriverWithContext, error) {
	mu.Lock()
	defer mu.Unlock()
	if driver != nil && driverCfg == cfg {
		return driver, nil
	}
	if lock == nil {
		l, err := acquire(lockPath(cfg.URI))
		if err != nil {
			return nil, err
		}
		lock = l
	}
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return nil, err
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		d.Close(ctx)
		return nil, err
	}
	driver, driverCfg = d, cfg
	return d, nil
}

// lockPath names one lock file per server, so that two packages testing
// against the same server meet on the same lock.
func lockPath(uri string) string {
	sum := sha256.Sum256([]byte(uri))
	return filepath.Join(os.TempDir(), "kg-test-neo4j-"+hex.EncodeToString(sum[:6])+".lock")
}

// Claim checks that the database is one the test suite created: it holds the
// marker, or it is empty and gets the marker now. Otherwise it returns an
// error and has changed nothing.
func Claim(ctx context.Context, d neo4j.DriverWithContext, cfg Config) error {
	db := neo4j.ExecuteQueryWithDatabase(cfg.Database)
	res, err := neo4j.ExecuteQuery(ctx, d,
		"CALL { MATCH (m:"+MarkerLabel+" {created_by: 'kg-tests'}) RETURN count(m) AS markers } CALL { MATCH (n) RETURN count(n) AS nodes } RETURN markers, nodes",
		nil, neo4j.EagerResultTransformer, db)
	if err != nil {
		return fmt.Errorf("test server %s: %w", redact(cfg.URI), err)
	}
	markers, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "markers")
	nodes, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "nodes")
	if markers > 0 {
		return nil
	}
	if n := nodes; n > 0 {
		return fmt.Errorf("refusing to delete anything in Neo4j at %s (database %s): it holds %d nodes and no (:%s) node, so the kg tests did not create it; point KG_TEST_NEO4J_URI at a server for tests only (scripts/test starts one)",
			redact(cfg.URI), dbName(cfg.Database), n, MarkerLabel)
	}
	_, err = neo4j.ExecuteQuery(ctx, d, "CREATE (:"+MarkerLabel+" {created_by: 'kg-tests', created_at: datetime()})",
		nil, neo4j.EagerResultTransformer, db)
	if err != nil {
		return fmt.Errorf("test server %s: %w", redact(cfg.URI), err)
	}
	return nil
}

// Clear deletes every node but the marker, after Claim agrees.
func Clear(ctx context.Context, d neo4j.DriverWithContext, cfg Config) error {
	if err := Claim(ctx, d, cfg); err != nil {
		return err
	}
	session := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer session.Close(ctx)
	// Auto-commit queries: the only kind that may batch their own
	// transactions. Relationships first, so that a batch of nodes never
	// drags millions of relationships into one transaction.
	var err error
	for _, q := range []string{
		"MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 50000 ROWS",
		"MATCH (n) WHERE NOT n:" + MarkerLabel + " CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		var res neo4j.ResultWithContext
		if res, err = session.Run(ctx, q, nil); err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("test server %s: clearing the database: %w", redact(cfg.URI), err)
	}
	return nil
}

// Script runs scripts/neo4j on the test server, whose data folder is
// KG_TEST_NEO4J_HOME, and returns its combined output. Settings a developer
// exported for their own server (KG_NEO4J_*) are left out, so the script
// finds the test server's ports in its data folder.
func Script(args ...string) (string, error) {
	home := FromEnv().Home
	if home == "" {
		return "", errors.New("KG_TEST_NEO4J_HOME is not set")
	}
	return RunScript([]string{"KG_NEO4J_HOME=" + home, "KG_NEO4J_PASSWORD=" + FromEnv().Password}, args...)
}

// RunScript runs scripts/neo4j with args, with the environment's KG_NEO4J_*
// settings replaced by env, and returns its combined output.
func RunScript(env []string, args ...string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "neo4j"), args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KG_NEO4J_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("scripts/neo4j %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

func dbName(db string) string {
	if db == "" {
		return "(default)"
	}
	return db
}

func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	u.User = nil
	return u.String()
}

// Main runs a package's tests, runs the cleanups, releases the server's lock,
// and says how many Neo4j tests were skipped and how to run them. Use it in
// TestMain (it exits, so deferred calls there would not run):
//
//	func TestMain(m *testing.M) { neo4jtest.Main(m, "graph") }
func Main(m *testing.M, pkg string, cleanups ...func()) {
	pkgName = pkg
	code := m.Run()
	for _, c := range cleanups {
		c()
	}
	mu.Lock()
	if driver != nil {
		driver.Close(context.Background())
	}
	if lock != nil {
		lock.Close()
	}
	mu.Unlock()
	if n := skipped.Load(); n > 0 {
		reason, _ := skipReason.Load().(string)
		announce(fmt.Sprintf("%s: %d Neo4j %s skipped (%s); scripts/test runs them against the project's own server\n",
			pkg, n, plural(n, "test", "tests"), reason))
	}
	os.Exit(code)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
