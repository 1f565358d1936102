// Package sqlite is kg's local graph store, one SQLite file (kg.db by
// default): a graph.Sink that builds write into with the same provenance and
// retraction rules as graph/neo4j, a graph.Source that selections read, and
// a graph.Dump that kg load reads to put the graph into Neo4j. It imports
// graph, never graph/neo4j or graph/export.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/kg/kg/extract"
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
// older kg is migrated on open, one written by a newer one refused.
const storeFormat = 1

// storeTables create the store's tables, format 1.
var storeTables = []string{
	`CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE articles (
	id TEXT PRIMARY KEY, path TEXT NOT NULL, abs_path TEXT NOT NULL, title TEXT NOT NULL,
	url TEXT NOT NULL, published TEXT NOT NULL, sha256 TEXT NOT NULL,
	schema TEXT NOT NULL, extractor TEXT NOT NULL, loaded_at TEXT NOT NULL)`,
	`CREATE TABLE entities (key TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, labels TEXT NOT NULL)`,
	`CREATE TABLE aliases (entity TEXT NOT NULL, article TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (entity, alias, article))`,
	`CREATE TABLE mentions (article TEXT NOT NULL, entity TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (article, entity))`,
	`CREATE INDEX mentions_entity ON mentions (entity)`,
	`CREATE INDEX aliases_article ON aliases (article)`,
	`CREATE TABLE support (subject TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL, article TEXT NOT NULL,
	count INTEGER NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL,
	PRIMARY KEY (subject, type, object, article))`,
	`CREATE INDEX support_article ON support (article)`,
	`CREATE INDEX support_object ON support (object)`,
	`CREATE VIEW facts AS
	SELECT subject, type, object, COUNT(*) AS articles, SUM(count) AS count, MAX(confidence) AS confidence
	FROM support GROUP BY subject, type, object`,
}

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
		return nil, fmt.Errorf("cannot open store %s: %v", path, err)
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

// prepare creates the tables of a new store and checks an existing one.
func (l *Store) prepare(ctx context.Context) error {
	var n int
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
		if strings.Contains(err.Error(), "not a database") || strings.Contains(err.Error(), "file is not a database") {
			return fmt.Errorf("%s is not a kg store (not an SQLite database); give another --store file", l.path)
		}
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return fmt.Errorf("store %s is locked by another kg build; wait for it or use another --store", l.path)
		}
		return fmt.Errorf("cannot read store %s: %v", l.path, err)
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
		return fmt.Errorf("%s is an SQLite database but not a kg store (no kg_meta table); give another --store file", l.path)
	}
	switch format {
	case fmt.Sprint(storeFormat):
		return nil
	default:
		return fmt.Errorf("store %s has format %s, which this kg (format %d) does not know; use the kg that wrote it, or build a new store", l.path, format, storeFormat)
	}
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

// Current reports whether the store holds the article with this id, loaded
// from the same bytes by the same extractor and schema: then it need not be
// read again.
func (l *Store) Current(ctx context.Context, id, sha256, extractor string) (bool, error) {
	var sha, schema, ext string
	err := l.db.QueryRowContext(ctx, `SELECT sha256, schema, extractor FROM articles WHERE id = ?`, id).Scan(&sha, &schema, &ext)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, l.describe(err)
	}
	return sha == sha256 && schema == l.schema.Fingerprint() && ext == extractor, nil
}

// Input is an article's extraction and where it came from, for Write: the
// absolute path of its file ("" for standard input), so that a later run can
// tell it is gone.
type Input struct {
	Extraction *extract.Extraction
	AbsPath    string
}

// Write writes articles in one transaction: each whole, or (if the
// transaction fails) none of them. An article already stored from the same
// bytes, schema and extractor is left alone; one stored before in another
// version has its old share taken out first. The extractor version is the
// extraction's own (Document.Extractor).
func (l *Store) Write(ctx context.Context, arts []Input) ([]graph.Outcome, error) {
	out := make([]graph.Outcome, len(arts))
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return out, l.describe(err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339)
	fp := l.schema.Fingerprint()
	for i, a := range arts {
		ex := graph.GraphPart(l.schema, a.Extraction)
		if err := graph.Validate(l.schema, ex); err != nil {
			out[i].Err = err
			continue
		}
		st, err := l.writeArticle(ctx, tx, ex, a.AbsPath, ex.Document.Extractor, fp, now)
		if err != nil {
			return make([]graph.Outcome, len(arts)), l.describe(err)
		}
		out[i].Status = st
	}
	if err := tx.Commit(); err != nil {
		return make([]graph.Outcome, len(arts)), l.describe(err)
	}
	return out, nil
}

func (l *Store) writeArticle(ctx context.Context, tx *sql.Tx, ex *extract.Extraction, absPath, extractor, fp, now string) (graph.Status, error) {
	doc := ex.Document
	var sha, schema, ext string
	status := graph.New
	err := tx.QueryRowContext(ctx, `SELECT sha256, schema, extractor FROM articles WHERE id = ?`, doc.ID).Scan(&sha, &schema, &ext)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// An earlier kg keyed an article with a url by the url alone: the
		// copy it stored from this same file is this article.
		if legacy := extract.LegacyID(doc.URL); legacy != "" && legacy != doc.ID {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ? AND abs_path = ?`, legacy, absPath).Scan(&n); err != nil {
				return "", err
			}
			if n > 0 {
				status = graph.Changed
				if err := retract(ctx, tx, legacy); err != nil {
					return "", err
				}
			}
		}
	case err != nil:
		return "", err
	case sha == doc.SHA256 && schema == fp && ext == extractor:
		return graph.Unchanged, nil
	default:
		status = graph.Changed
		if err := retract(ctx, tx, doc.ID); err != nil {
			return "", err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO articles (id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc.ID, doc.Path, absPath, doc.Title, doc.URL, doc.Published, doc.SHA256, fp, extractor, now); err != nil {
		return "", err
	}
	for _, e := range ex.Entities {
		labels, _ := json.Marshal(l.schema.Labels(e.Type))
		if _, err := tx.ExecContext(ctx, `INSERT INTO entities (key, name, type, labels) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name WHERE excluded.name < entities.name`,
			e.ID, e.Name, e.Type, string(labels)); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article, entity, count) VALUES (?, ?, ?)`, doc.ID, e.ID, len(e.Mentions)); err != nil {
			return "", err
		}
		for _, alias := range e.Aliases {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO aliases (entity, article, alias) VALUES (?, ?, ?)`, e.ID, doc.ID, alias); err != nil {
				return "", err
			}
		}
	}
	for _, f := range graph.Facts(ex, l.maxEvidence) {
		evidence, _ := json.Marshal(f.Evidence)
		if _, err := tx.ExecContext(ctx, `INSERT INTO support (subject, type, object, article, count, confidence, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			f.Subj, f.Type, f.Obj, doc.ID, f.Count, f.Confidence, string(evidence)); err != nil {
			return "", err
		}
	}
	return status, nil
}

// retract takes an article's share out: its support rows, mentions and
// aliases, and the entities nothing else names or relates any more. The cost
// is that of the article's own rows.
func retract(ctx context.Context, tx *sql.Tx, id string) error {
	rows, err := tx.QueryContext(ctx, `SELECT entity FROM mentions WHERE article = ?
		UNION SELECT subject FROM support WHERE article = ? UNION SELECT object FROM support WHERE article = ?`, id, id, id)
	if err != nil {
		return err
	}
	var touched []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return err
		}
		touched = append(touched, k)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	for _, q := range []string{`DELETE FROM support WHERE article = ?`, `DELETE FROM mentions WHERE article = ?`,
		`DELETE FROM aliases WHERE article = ?`, `DELETE FROM articles WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	for _, k := range touched {
		if _, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE key = ?
			AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity = ?)
			AND NOT EXISTS (SELECT 1 FROM support WHERE subject = ?)
			AND NOT EXISTS (SELECT 1 FROM support WHERE object = ?)`, k, k, k, k); err != nil {
			return err
		}
	}
	return nil
}

// Remove takes an article back out of the store, as Prune does for one
// whose file is gone; it reports whether the store held it.
func (l *Store) Remove(ctx context.Context, id string) (bool, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return false, l.describe(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, id).Scan(&n); err != nil || n == 0 {
		return false, l.describe(err)
	}
	if err := retract(ctx, tx, id); err != nil {
		return false, l.describe(err)
	}
	return true, l.describe(tx.Commit())
}

// Prune takes back the articles whose files are gone: stored with a path
// that no longer exists. It returns their paths.
func (l *Store) Prune(ctx context.Context) ([]string, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, abs_path FROM articles WHERE abs_path <> '' ORDER BY path`)
	if err != nil {
		return nil, l.describe(err)
	}
	type gone struct{ id, path string }
	var goneList []gone
	for rows.Next() {
		var id, path, abs string
		if err := rows.Scan(&id, &path, &abs); err != nil {
			rows.Close()
			return nil, l.describe(err)
		}
		if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
			goneList = append(goneList, gone{id, path})
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, l.describe(err)
	}
	rows.Close()
	if len(goneList) == 0 {
		return nil, nil
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, l.describe(err)
	}
	defer tx.Rollback()
	var out []string
	for _, g := range goneList {
		if err := retract(ctx, tx, g.id); err != nil {
			return nil, l.describe(err)
		}
		out = append(out, g.path)
	}
	return out, l.describe(tx.Commit())
}

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
	rows, err = l.db.QueryContext(ctx, `SELECT s.name, f.type, o.name, f.articles FROM facts f
		JOIN entities s ON s.key = f.subject JOIN entities o ON o.key = f.object
		ORDER BY f.articles DESC, f.count DESC, s.name, f.type, o.name LIMIT ?`, top)
	if err != nil {
		return nil, l.describe(err)
	}
	for rows.Next() {
		var r graph.RankedFact
		if err := rows.Scan(&r.Subject, &r.Type, &r.Object, &r.Articles); err != nil {
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
		`SELECT 'S ' || subject || ' ' || type || ' ' || object || ' ' || article || ' ' || count || ' ' || confidence || ' ' || evidence FROM support`,
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

// Extractions reads the store back as one extraction per article, in path
// order, for loading into Neo4j: each fact's share becomes as many relations
// as it counted (its evidence sentences first), each entity's mentions as
// many as it had, so that the Neo4j loader makes of them what it would have
// made of the original extractions.
func (l *Store) Extractions(ctx context.Context, each func(*extract.Extraction) error) error {
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, title, url, published, sha256, extractor, abs_path FROM articles ORDER BY path, id`)
	if err != nil {
		return l.describe(err)
	}
	var docs []extract.DocumentRef
	for rows.Next() {
		var d extract.DocumentRef
		if err := rows.Scan(&d.ID, &d.Path, &d.Title, &d.URL, &d.Published, &d.SHA256, &d.Extractor, &d.Source); err != nil {
			rows.Close()
			return l.describe(err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return l.describe(err)
	}
	rows.Close()
	for _, d := range docs {
		ex, err := l.extraction(ctx, d)
		if err != nil {
			return l.describe(err)
		}
		if err := each(ex); err != nil {
			return err
		}
	}
	return nil
}

func (l *Store) extraction(ctx context.Context, d extract.DocumentRef) (*extract.Extraction, error) {
	ex := &extract.Extraction{Document: d, Entities: []extract.Entity{}, Relations: []extract.Relation{}}
	rows, err := l.db.QueryContext(ctx, `SELECT e.key, e.name, e.type, e.labels, m.count FROM mentions m JOIN entities e ON e.key = m.entity
		WHERE m.article = ? ORDER BY e.key`, d.ID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*extract.Entity{}
	for rows.Next() {
		var e extract.Entity
		var labels string
		var n int
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &labels, &n); err != nil {
			rows.Close()
			return nil, err
		}
		json.Unmarshal([]byte(labels), &e.Labels)
		e.Aliases = []string{}
		e.Mentions = make([]extract.Mention, n)
		ex.Entities = append(ex.Entities, e)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	for i := range ex.Entities {
		byKey[ex.Entities[i].ID] = &ex.Entities[i]
	}
	rows, err = l.db.QueryContext(ctx, `SELECT entity, alias FROM aliases WHERE article = ? ORDER BY entity, alias`, d.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			rows.Close()
			return nil, err
		}
		if e := byKey[k]; e != nil {
			e.Aliases = append(e.Aliases, a)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	rows, err = l.db.QueryContext(ctx, `SELECT s.subject, s.type, s.object, s.count, s.confidence, s.evidence,
		a.name, a.type, b.name, b.type FROM support s JOIN entities a ON a.key = s.subject JOIN entities b ON b.key = s.object
		WHERE s.article = ? ORDER BY s.rowid`, d.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var subj, typ, obj, evidence, sn, st, on, ot string
		var count int
		var conf float64
		if err := rows.Scan(&subj, &typ, &obj, &count, &conf, &evidence, &sn, &st, &on, &ot); err != nil {
			rows.Close()
			return nil, err
		}
		var ev []string
		json.Unmarshal([]byte(evidence), &ev)
		for i := 0; i < max(count, 1); i++ {
			text := ""
			if len(ev) > 0 {
				text = ev[min(i, len(ev)-1)]
			}
			ex.Relations = append(ex.Relations, extract.Relation{Type: typ,
				Subject:  extract.Argument{ID: subj, Name: sn, Type: st, Labels: l.schema.Labels(st)},
				Object:   extract.Argument{ID: obj, Name: on, Type: ot, Labels: l.schema.Labels(ot)},
				Evidence: extract.Evidence{Text: text}, Confidence: conf, Rule: "store"})
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	return ex, nil
}
