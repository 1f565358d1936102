// Package sqlite is kg's local graph store, one SQLite file (kg.db by
// default): a graph.Sink that builds write into with the same provenance and
// retraction rules as graph/neo4j, a graph.Source that selections read, and
// a graph.Dump that kg load reads to put the graph into Neo4j. It imports
// graph, never graph/neo4j or graph/export.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

// Store is the local graph store: one SQLite file holding the graph the Neo4j
// model holds, with the same provenance and retraction rules. One row per
// entity key, each article's share of every fact it supports in a row of its
// own (so that taking an article back touches only its rows), and the facts
// themselves as a view over those shares. Users may read it with any SQLite
// tool; the tables are in the README.
type Store struct {
	db          *sql.DB
	path        string
	schema      *schemas.Schema
	maxEvidence int
}

// storeFormat is the version of the store's tables; a store written by an
// older kg is migrated on open (upgrade), one written by a newer one
// refused. Format 2 marks alleged facts: support.alleged and
// support.evidence_assertions, and the facts view's asserted_articles and
// alleged.
const storeFormat = 2

// storeTables create the store's tables, format 2.
var storeTables = []string{
	`CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE articles (
	id TEXT PRIMARY KEY, path TEXT NOT NULL, abs_path TEXT NOT NULL, title TEXT NOT NULL,
	url TEXT NOT NULL, published TEXT NOT NULL, sha256 TEXT NOT NULL,
	schema TEXT NOT NULL, extractor TEXT NOT NULL, loaded_at TEXT NOT NULL)`,
	articlesSHA256Index,
	`CREATE TABLE entities (key TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, labels TEXT NOT NULL)`,
	`CREATE TABLE aliases (entity TEXT NOT NULL, article TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (entity, alias, article))`,
	`CREATE TABLE mentions (article TEXT NOT NULL, entity TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (article, entity))`,
	`CREATE INDEX mentions_entity ON mentions (entity)`,
	`CREATE INDEX aliases_article ON aliases (article)`,
	`CREATE TABLE support (subject TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL, article TEXT NOT NULL,
	count INTEGER NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL,
	alleged INTEGER NOT NULL DEFAULT 0, evidence_assertions TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (subject, type, object, article))`,
	`CREATE INDEX support_article ON support (article)`,
	`CREATE INDEX support_object ON support (object)`,
	resolutionTable,
	factsView,
}

// factsView is each fact with its articles' shares added up: how many
// articles support it and how many of them assert it; alleged is 1 when
// none does (every one only alleges it).
const factsView = `CREATE VIEW facts AS
	SELECT subject, type, object, COUNT(*) AS articles, SUM(count) AS count, MAX(confidence) AS confidence,
	SUM(alleged = 0) AS asserted_articles, SUM(alleged = 0) = 0 AS alleged
	FROM support GROUP BY subject, type, object`

// upgrades take a store from the format of their index + 1 to the next, in
// one transaction each, losing nothing.
var upgrades = [][]string{
	// 1 -> 2: alleged facts. Every stored share asserted (kg kept alleged
	// accusations out of the graph, and stored other alleged relations
	// unmarked), and each article is to be read again by the next build,
	// which marks what it alleges: its extractor's version prefixed with
	// graph.UnmarkedPrefix (no extractor kg runs has that version), its
	// sha256 kept, so that a moved file is still told by its bytes
	// (SameBytes).
	{
		`ALTER TABLE support ADD COLUMN alleged INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE support ADD COLUMN evidence_assertions TEXT NOT NULL DEFAULT '[]'`,
		`UPDATE support SET evidence_assertions = (SELECT json_group_array('asserted') FROM json_each(support.evidence))`,
		`DROP VIEW facts`,
		factsView,
		`UPDATE articles SET extractor = '` + graph.UnmarkedPrefix + `' || extractor`,
	},
}

// articlesSHA256Index finds the articles read from the same bytes
// (SameBytes): copies and moved files.
const articlesSHA256Index = `CREATE INDEX IF NOT EXISTS articles_sha256 ON articles (sha256)`

// Open opens the store at path, creating it if it does not exist. A
// file that is not a kg store, or one a newer kg wrote, is refused with a
// message saying so.
func Open(ctx context.Context, path string, s *schemas.Schema, maxEvidence int) (*Store, error) {
	if maxEvidence <= 0 {
		maxEvidence = graph.DefaultMaxEvidence
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil, fmt.Errorf("store %s is a folder; give a file name such as kg.db", path)
	}
	// busy_timeout: wait a little for another writer. WAL (readers do not
	// block the build, and a killed build loses only the transaction it was
	// in) is switched on by prepare, once the file is known to be a kg store:
	// it changes the file, and a foreign one is refused untouched.
	dsn := "file:" + filepath.ToSlash(path) + "?_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(OFF)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serializes writes anyway
	l := &Store{db: db, path: path, schema: s, maxEvidence: maxEvidence}
	if err := l.prepare(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode = WAL`); err != nil {
		db.Close()
		return nil, l.describe(err)
	}
	return l, nil
}

// ErrNotKGStore is the error of a file that is no kg store (not SQLite, or
// SQLite without kg's tables): it is refused untouched.
var ErrNotKGStore = errors.New("not a kg store")

// prepare creates the tables of a new store and checks an existing one.
func (l *Store) prepare(ctx context.Context) error {
	var n int
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "file is not a database") {
			return fmt.Errorf("%s is %w (not an SQLite database); give another --store file", l.path, ErrNotKGStore)
		}
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return fmt.Errorf("store %s is locked by another kg build; wait for it or use another --store", l.path)
		}
		return fmt.Errorf("cannot read store %s: %w", l.path, err)
	}
	if n == 0 {
		tx, err := l.db.BeginTx(ctx, nil)
		if err != nil {
			return l.describe(err)
		}
		defer tx.Rollback()
		for _, q := range storeTables {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return l.describe(err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO kg_meta (key, value) VALUES ('format', ?), ('created', ?)`,
			fmt.Sprint(storeFormat), time.Now().UTC().Format(time.RFC3339)); err != nil {
			return l.describe(err)
		}
		return l.describe(tx.Commit())
	}
	var format string
	err := l.db.QueryRowContext(ctx, `SELECT value FROM kg_meta WHERE key = 'format'`).Scan(&format)
	if err != nil {
		return fmt.Errorf("%s is an SQLite database but %w (no kg_meta table); give another --store file", l.path, ErrNotKGStore)
	}
	n, err = strconv.Atoi(format)
	if err != nil || n < 1 || n > storeFormat {
		return fmt.Errorf("store %s has format %s, which this kg (format %d) does not know; use the kg that wrote it, or build a new store", l.path, format, storeFormat)
	}
	// A store from before corpus resolution gets its table, and one from
	// before moves were told from new articles its index.
	if _, err := l.db.ExecContext(ctx, strings.Replace(resolutionTable, "CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)); err != nil {
		return l.describe(err)
	}
	if _, err := l.db.ExecContext(ctx, articlesSHA256Index); err != nil {
		return l.describe(err)
	}
	for ; n < storeFormat; n++ {
		if err := l.upgrade(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// upgrade takes the store from format n to n+1 in one transaction; a store
// another kg upgraded meanwhile is left as it is.
func (l *Store) upgrade(ctx context.Context, n int) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.describe(err)
	}
	defer tx.Rollback()
	var format string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM kg_meta WHERE key = 'format'`).Scan(&format); err != nil {
		return l.describe(err)
	}
	if format != fmt.Sprint(n) {
		return nil
	}
	for _, q := range upgrades[n-1] {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("cannot upgrade store %s from format %d to %d: %w", l.path, n, n+1, l.describe(err))
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE kg_meta SET value = ? WHERE key = 'format'`, fmt.Sprint(n+1)); err != nil {
		return l.describe(err)
	}
	return l.describe(tx.Commit())
}

// describe makes a database error one line naming the store.
func (l *Store) describe(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "locked") || strings.Contains(msg, "SQLITE_BUSY") {
		return fmt.Errorf("store %s is locked by another kg build; wait for it or use another --store", l.path)
	}
	return fmt.Errorf("store %s: %s", l.path, strings.ReplaceAll(msg, "\n", " "))
}

// Close closes the store.
func (l *Store) Close() error { return l.db.Close() }

// Path is the store's file.
func (l *Store) Path() string { return l.path }

// Stats reads the store's summary; top bounds the ranked lists.
func (l *Store) Stats(ctx context.Context, top int) (*graph.Stats, error) {
	st := &graph.Stats{Entities: map[string]int{}, Relations: map[string]int{}}
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&st.Articles); err != nil {
		return nil, l.describe(err)
	}
	count := func(q string, into map[string]int) error {
		rows, err := l.db.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			into[k] = n
		}
		return rows.Err()
	}
	if err := count(`SELECT type, count(*) FROM entities GROUP BY type`, st.Entities); err != nil {
		return nil, l.describe(err)
	}
	if err := count(`SELECT type, count(*) FROM facts GROUP BY type`, st.Relations); err != nil {
		return nil, l.describe(err)
	}
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM facts WHERE alleged`).Scan(&st.Alleged); err != nil {
		return nil, l.describe(err)
	}
	rows, err := l.db.QueryContext(ctx, `SELECT e.name, e.type, count(*) AS n FROM facts f JOIN entities e ON e.key IN (f.subject, f.object)
		GROUP BY e.key ORDER BY n DESC, e.name LIMIT ?`, top)
	if err != nil {
		return nil, l.describe(err)
	}
	for rows.Next() {
		var r graph.Ranked
		if err := rows.Scan(&r.Name, &r.Type, &r.Facts); err != nil {
			rows.Close()
			return nil, l.describe(err)
		}
		st.Connected = append(st.Connected, r)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, l.describe(err)
	}
	rows.Close()
	rows, err = l.db.QueryContext(ctx, `SELECT s.name, f.type, o.name, f.articles, f.alleged FROM facts f
		JOIN entities s ON s.key = f.subject JOIN entities o ON o.key = f.object
		ORDER BY f.articles DESC, f.count DESC, s.name, f.type, o.name LIMIT ?`, top)
	if err != nil {
		return nil, l.describe(err)
	}
	for rows.Next() {
		var r graph.RankedFact
		if err := rows.Scan(&r.Subject, &r.Type, &r.Object, &r.Articles, &r.Alleged); err != nil {
			rows.Close()
			return nil, l.describe(err)
		}
		st.TopFacts = append(st.TopFacts, r)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, l.describe(err)
	}
	rows.Close()
	return st, nil
}

// Snapshot renders the store's whole graph as sorted lines, without load
// times, so that two stores can be compared: equal snapshots, equal graphs.
func (l *Store) Snapshot(ctx context.Context) (string, error) {
	var lines []string
	for _, q := range []string{
		`SELECT 'A ' || id || ' ' || path || ' ' || sha256 FROM articles`,
		`SELECT 'E ' || key || ' ' || name || ' ' || type || ' ' || labels FROM entities`,
		`SELECT 'L ' || entity || ' ' || article || ' ' || alias FROM aliases`,
		`SELECT 'M ' || article || ' ' || entity || ' ' || count FROM mentions`,
		`SELECT 'S ' || subject || ' ' || type || ' ' || object || ' ' || article || ' ' || count || ' ' || confidence || ' ' || alleged || ' ' || evidence || ' ' || evidence_assertions FROM support`,
	} {
		rows, err := l.db.QueryContext(ctx, q)
		if err != nil {
			return "", l.describe(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return "", l.describe(err)
			}
			lines = append(lines, s)
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return "", l.describe(err)
		}
		rows.Close()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n"), nil
}
