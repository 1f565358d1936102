// Package neo4j is kg's graph in a Neo4j server: a graph.Sink that writes
// articles' contributions (one node per entity, a Fact node per (subject,
// type, object) with each article's share of it, and the aggregated edge
// between the entities), a graph.Source that selections read, the schema's
// constraints and indexes and the migration of older graphs, and the files
// of neo4j-admin database import (WriteImport).
//
// Labels and relationship types come only from the schema, are validated and
// backtick-quoted; all text from articles travels as query parameters.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

// Config says how to reach Neo4j and how to write.
type Config struct {
	URI      string // bolt://, neo4j://, and their +s / +ssc forms
	Username string
	Password string
	Database string // "" means the server's default database
	// BatchSize is how many rows one UNWIND statement carries.
	BatchSize int
	// MaxEvidence caps the evidence sentences kept on one relationship.
	MaxEvidence int
	// TxRows is about how many entity and relation rows one transaction
	// carries; articles are never split across transactions.
	TxRows int
	// RetryTime bounds how long a write is retried on transient errors
	// (0: the driver's default, 30s).
	RetryTime time.Duration
	// Writers is how many transactions Write runs at once, each on
	// articles of its own (0 or 1: one at a time).
	Writers int
}

// Defaults for Config.
const (
	DefaultBatchSize = 1000

	DefaultTxRows = 10000
)

// verifyTimeout bounds how long Open waits for the server's first answer.
const verifyTimeout = 20 * time.Second

// Store writes to one Neo4j database.
type Store struct {
	driver bolt.DriverWithContext
	cfg    Config
	schema *schemas.Schema
}

// Open connects to Neo4j and checks that the credentials and the database are
// right, so that a bad setting fails at once with a clear message.
func Open(ctx context.Context, cfg Config, s *schemas.Schema) (*Store, error) {
	if err := CheckURI(cfg.URI); err != nil {
		return nil, err
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.MaxEvidence <= 0 {
		cfg.MaxEvidence = graph.DefaultMaxEvidence
	}
	if cfg.TxRows <= 0 {
		cfg.TxRows = DefaultTxRows
	}
	auth := bolt.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		user := cfg.Username
		if user == "" {
			user = "neo4j"
		}
		auth = bolt.BasicAuth(user, cfg.Password, "")
	}
	driver, err := bolt.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		if cfg.RetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.RetryTime
		}
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("cannot use Neo4j at %s: %w", Redact(cfg.URI), err)
	}
	st := &Store{driver: driver, cfg: cfg, schema: s}
	// A port that accepts the connection but never answers the Bolt
	// handshake would otherwise hold Open forever.
	vctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	err = driver.VerifyConnectivity(vctx)
	if err == nil {
		// The database is only checked by a query that names it.
		_, err = bolt.ExecuteQuery(vctx, driver, "RETURN 1", nil, bolt.EagerResultTransformer, st.dbOpt())
	}
	if err != nil {
		driver.Close(ctx)
		if ctx.Err() == nil && vctx.Err() != nil {
			return nil, fmt.Errorf("cannot connect to Neo4j at %s: no answer within %s; is this the Bolt port (usually 7687) of a Neo4j server?", Redact(cfg.URI), verifyTimeout)
		}
		return nil, st.describe(err)
	}
	return st, nil
}

// CheckURI reports whether uri is a Neo4j URI kg can use, without
// connecting: a wrong one is a setting to correct, not a server to wait for.
func CheckURI(uri string) error {
	if uri == "" {
		return errors.New("no Neo4j URI: pass --neo4j or set NEO4J_URI (e.g. bolt://127.0.0.1:7687)")
	}
	if hasCredentials(uri) {
		return fmt.Errorf("Neo4j URI %q has credentials in it, which kg does not read: give the user with --username or NEO4J_USERNAME and the password with NEO4J_PASSWORD (or --password), and the URI as bolt://HOST:PORT", Redact(uri))
	}
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return fmt.Errorf("Neo4j URI %q is not valid: use bolt://HOST:PORT or neo4j://HOST:PORT (with +s or +ssc for TLS)", Redact(uri))
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		return nil
	case "http", "https":
		return fmt.Errorf("Neo4j URI scheme %q is not supported: kg speaks Bolt, e.g. bolt://%s:7687 (7474 is usually the HTTP port, 7687 the Bolt one)", u.Scheme, u.Hostname())
	}
	return fmt.Errorf("Neo4j URI scheme %q is not supported: use bolt, neo4j, or their +s/+ssc forms", u.Scheme)
}

// Close releases the connections.
func (st *Store) Close() error { return st.driver.Close(context.Background()) }

func (st *Store) dbOpt() bolt.ExecuteQueryConfigurationOption {
	return bolt.ExecuteQueryWithDatabase(st.cfg.Database)
}

// Redact removes credentials from a URI before it is shown to anyone:
// everything between the scheme and the last "@", whether or not the URI
// parses (a password with "/", "?", "#", a space or a bad "%" breaks it, and
// a URI that does not parse is no reason to print one).
func Redact(uri string) string {
	scheme, rest := "", uri
	if i := strings.Index(uri, "://"); i >= 0 {
		scheme, rest = uri[:i+3], uri[i+3:]
	}
	if j := strings.LastIndex(rest, "@"); j >= 0 {
		return scheme + "…@" + rest[j+1:]
	}
	return uri
}

// hasCredentials reports whether a URI carries a user or password (an "@"
// after the scheme).
func hasCredentials(uri string) bool {
	if i := strings.Index(uri, "://"); i >= 0 {
		uri = uri[i+3:]
	}
	return strings.Contains(uri, "@")
}

// describe turns a driver error into one line that says which server, what
// failed and what to check. It never includes the password.
func (st *Store) describe(err error) error {
	where := Redact(st.cfg.URI)
	db := st.cfg.Database
	if db == "" {
		db = "(default)"
	}
	var ne *bolt.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Security.Unauthorized" || ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return fmt.Errorf("cannot connect to Neo4j at %s: authentication failed for user %q; check NEO4J_USERNAME and NEO4J_PASSWORD", where, st.user())
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("Neo4j at %s has no database %q; check NEO4J_DATABASE (or --database)", where, db)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return fmt.Errorf("Neo4j at %s refused user %q: %s", where, st.user(), ne.Msg)
		}
		return fmt.Errorf("Neo4j at %s, database %s: %s (%s)", where, db, ne.Msg, ne.Code)
	}
	var ue *bolt.UsageError
	if errors.As(err, &ue) && strings.Contains(ue.Message, "responded HTTP") {
		return fmt.Errorf("cannot connect to Neo4j at %s: this port speaks HTTP, not Bolt; the Bolt port is usually 7687 (HTTP is 7474)", where)
	}
	var ce *bolt.ConnectivityError
	// The driver's words for a TLS client meeting a plain server.
	if u, _ := url.Parse(st.cfg.URI); u != nil && strings.Contains(u.Scheme, "+s") && errors.As(err, &ce) &&
		strings.Contains(err.Error(), "check that TLS is enabled") {
		return fmt.Errorf("cannot connect to Neo4j at %s: TLS handshake failed: the server does not use TLS; use bolt:// or neo4j://", where)
	}
	if errors.As(err, &ce) || strings.Contains(err.Error(), "connect") {
		return fmt.Errorf("cannot connect to Neo4j at %s: server unreachable; is it running (scripts/neo4j start) and is NEO4J_URI right?", where)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("Neo4j at %s: %w", where, err)
	}
	msg := err.Error()
	if st.cfg.Password != "" {
		msg = strings.ReplaceAll(msg, st.cfg.Password, "****")
	}
	return fmt.Errorf("Neo4j at %s: %s", where, msg)
}

func (st *Store) user() string {
	if st.cfg.Username == "" {
		return "neo4j"
	}
	return st.cfg.Username
}

// quote backtick-quotes a label or relationship type after checking it is one
// the schema defines; nothing else ever reaches Cypher outside parameters.
func quote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

var _ graph.Sink = (*Store)(nil)

// Current reports, for each version, whether Neo4j holds that article,
// loaded from the same bytes under the same schema by the same extractor:
// then it need not be read again. One query asks about all of them.
func (st *Store) Current(ctx context.Context, vs []graph.Version) ([]bool, error) {
	out := make([]bool, len(vs))
	if len(vs) == 0 {
		return out, nil
	}
	rows := make([]map[string]any, len(vs))
	for i, v := range vs {
		rows[i] = map[string]any{"i": i, "id": v.ID, "sha": v.SHA256, "extractor": v.Extractor}
	}
	res, err := bolt.ExecuteQuery(ctx, st.driver, `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
WHERE a.sha256 = row.sha AND a.schema = $schema AND a.extractor = row.extractor
RETURN row.i AS i`,
		map[string]any{"rows": rows, "schema": st.schema.Fingerprint()}, bolt.EagerResultTransformer, st.dbOpt(),
		bolt.ExecuteQueryWithReadersRouting())
	if err != nil {
		// ErrInterrupted when the server is gone (after the driver's
		// retries): the caller stops rather than asking again and again.
		return nil, st.stopped(err)
	}
	for _, r := range res.Records {
		out[integer(r, "i")] = true
	}
	return out, nil
}

// SameBytes returns the articles Neo4j holds from bytes with one of these
// hashes: their ID, Path, SHA256 and Source.
func (st *Store) SameBytes(ctx context.Context, shas []string) ([]graph.ArticleRow, error) {
	if len(shas) == 0 {
		return nil, nil
	}
	res, err := bolt.ExecuteQuery(ctx, st.driver, `UNWIND $shas AS sha
MATCH (a:Article {sha256: sha})
RETURN a.id AS id, a.path AS path, a.sha256 AS sha, coalesce(a.source, '') AS source
ORDER BY path, id`, map[string]any{"shas": shas}, bolt.EagerResultTransformer, st.dbOpt(), bolt.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, st.stopped(err)
	}
	out := make([]graph.ArticleRow, len(res.Records))
	for i, r := range res.Records {
		out[i] = graph.ArticleRow{ID: str(r, "id"), Path: str(r, "path"), SHA256: str(r, "sha"), Source: str(r, "source")}
	}
	return out, nil
}

// Query runs a read query and returns its records as maps, for callers that
// inspect the graph (tests, exporters).
func (st *Store) Query(ctx context.Context, q string, params map[string]any) ([]map[string]any, error) {
	res, err := bolt.ExecuteQuery(ctx, st.driver, q, params, bolt.EagerResultTransformer, st.dbOpt(),
		bolt.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, st.describe(err)
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out, nil
}

// Exec runs one write statement, for maintenance and tests.
func (st *Store) Exec(ctx context.Context, q string, params map[string]any) error {
	_, err := bolt.ExecuteQuery(ctx, st.driver, q, params, bolt.EagerResultTransformer, st.dbOpt())
	if err != nil {
		return st.describe(err)
	}
	return nil
}
