package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
)

// Writing articles' contributions into the store, and taking them back.

var _ graph.Sink = (*Store)(nil)

// Current reports, for each version, whether the store holds that article
// from the same bytes, extractor and schema: then it need not be read again.
// One query asks about all of them.
func (l *Store) Current(ctx context.Context, vs []graph.Version) ([]bool, error) {
	out := make([]bool, len(vs))
	if len(vs) == 0 {
		return out, nil
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	where, args := keyFilter("id", ids)
	rows, err := l.db.QueryContext(ctx, `SELECT id, sha256, schema, extractor FROM articles`+where, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	type stored struct{ sha, schema, extractor string }
	have := map[string]stored{}
	for rows.Next() {
		var id string
		var s stored
		if err := rows.Scan(&id, &s.sha, &s.schema, &s.extractor); err != nil {
			return nil, l.describe(err)
		}
		have[id] = s
	}
	if err := rows.Err(); err != nil {
		return nil, l.describe(err)
	}
	fp := l.schema.Fingerprint()
	for i, v := range vs {
		s, ok := have[v.ID]
		out[i] = ok && s.sha == v.SHA256 && s.schema == fp && s.extractor == v.Extractor
	}
	return out, nil
}

// Write writes articles' contributions in one transaction: each whole, or
// (if the transaction fails) none of them. An article already stored from
// the same bytes, schema and extractor is left alone; one stored before in
// another version has its old share taken out first. An article the schema
// refuses is left out with the reason in its outcome.
func (l *Store) Write(ctx context.Context, cs []graph.Contribution) ([]graph.Outcome, error) {
	out := make([]graph.Outcome, len(cs))
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return out, l.describe(err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339)
	fp := l.schema.Fingerprint()
	for i := range cs {
		if err := cs[i].Validate(l.schema); err != nil {
			out[i].Err = err
			continue
		}
		st, replaced, err := l.writeArticle(ctx, tx, &cs[i], fp, now)
		if err != nil {
			return make([]graph.Outcome, len(cs)), l.describe(err)
		}
		out[i].Status, out[i].Replaced = st, replaced
	}
	if err := tx.Commit(); err != nil {
		return make([]graph.Outcome, len(cs)), l.describe(err)
	}
	return out, nil
}

// writeArticle writes one article's contribution in tx, and returns the
// ids of the articles it took the place of (c.Replaces that were stored).
func (l *Store) writeArticle(ctx context.Context, tx *sql.Tx, c *graph.Contribution, fp, now string) (graph.Status, []string, error) {
	st, err := l.writeShare(ctx, tx, c, fp, now)
	if err != nil || st == graph.Unchanged {
		return st, nil, err
	}
	// A file moved or renamed: its bytes stored under the old path are
	// taken back, if they still are (the old path may have been rebuilt
	// with other bytes meanwhile).
	var replaced []string
	for _, r := range c.Replaces {
		if r.ID == c.Article.ID {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ? AND sha256 = ?`, r.ID, r.SHA256).Scan(&n); err != nil {
			return "", nil, err
		}
		if n == 0 {
			continue
		}
		if err := retract(ctx, tx, r.ID); err != nil {
			return "", nil, err
		}
		replaced = append(replaced, r.ID)
	}
	if len(replaced) > 0 {
		st = graph.Moved
	}
	return st, replaced, nil
}

// writeShare writes one article's own rows in tx.
func (l *Store) writeShare(ctx context.Context, tx *sql.Tx, c *graph.Contribution, fp, now string) (graph.Status, error) {
	doc := c.Article
	var sha, schema, ext string
	status := graph.New
	err := tx.QueryRowContext(ctx, `SELECT sha256, schema, extractor FROM articles WHERE id = ?`, doc.ID).Scan(&sha, &schema, &ext)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// An earlier kg keyed an article with a url by the url alone: the
		// copy it stored from this same file is this article.
		if legacy := extract.LegacyID(doc.URL); legacy != "" && legacy != doc.ID {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ? AND abs_path = ?`, legacy, doc.Source).Scan(&n); err != nil {
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
	case sha == doc.SHA256 && schema == fp && ext == doc.Extractor:
		return graph.Unchanged, nil
	default:
		status = graph.Changed
		if err := retract(ctx, tx, doc.ID); err != nil {
			return "", err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO articles (id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc.ID, doc.Path, doc.Source, doc.Title, doc.URL, doc.Published, doc.SHA256, fp, doc.Extractor, now); err != nil {
		return "", err
	}
	for _, e := range c.Entities {
		labels, err := json.Marshal(l.schema.Labels(e.Type))
		if err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entities (key, name, type, labels) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name WHERE excluded.name < entities.name`,
			e.Key, e.Name, e.Type, string(labels)); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article, entity, count) VALUES (?, ?, ?)`, doc.ID, e.Key, e.Mentions); err != nil {
			return "", err
		}
		for _, alias := range e.Aliases {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO aliases (entity, article, alias) VALUES (?, ?, ?)`, e.Key, doc.ID, alias); err != nil {
				return "", err
			}
		}
	}
	if doc.Resolution != "" {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO resolution (article, data) VALUES (?, ?)`, doc.ID, doc.Resolution); err != nil {
			return "", err
		}
	}
	for _, f := range c.Facts {
		texts, assertions := f.FirstEvidence(l.maxEvidence)
		evidence, err := json.Marshal(texts)
		if err != nil {
			return "", err
		}
		as, err := json.Marshal(assertions)
		if err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO support (subject, type, object, article, count, confidence, alleged, evidence, evidence_assertions)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Subject, f.Type, f.Object, doc.ID, f.Count, f.Confidence, f.Alleged, string(evidence), string(as)); err != nil {
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
		`DELETE FROM aliases WHERE article = ?`, `DELETE FROM resolution WHERE article = ?`, `DELETE FROM articles WHERE id = ?`} {
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

// SameBytes returns the stored articles read from bytes with one of these
// hashes: their ID, Path, SHA256 and Source.
func (l *Store) SameBytes(ctx context.Context, shas []string) ([]graph.ArticleRow, error) {
	if len(shas) == 0 {
		return nil, nil
	}
	where, args := keyFilter("sha256", shas)
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, sha256, abs_path FROM articles`+where+` ORDER BY path, id`, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	var out []graph.ArticleRow
	for rows.Next() {
		var a graph.ArticleRow
		if err := rows.Scan(&a.ID, &a.Path, &a.SHA256, &a.Source); err != nil {
			return nil, l.describe(err)
		}
		out = append(out, a)
	}
	return out, l.describe(rows.Err())
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
