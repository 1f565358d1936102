package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/resolve"
)

// The local store's side of corpus resolution (package resolve): each
// article's resolution in a table of its own, and its share read back and
// written anew when what its entities stand for changes.

// resolutionTable holds each article's resolution (graph.ArticleRow.Resolution).
const resolutionTable = `CREATE TABLE resolution (article TEXT PRIMARY KEY, data TEXT NOT NULL)`

var _ resolve.Store = (*Store)(nil)

// Resolutions calls each with every stored article's resolution.
func (l *Store) Resolutions(ctx context.Context, each func(article string, data []byte) error) error {
	rows, err := l.db.QueryContext(ctx, `SELECT r.article, r.data FROM resolution r JOIN articles a ON a.id = r.article ORDER BY r.article`)
	if err != nil {
		return l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			return l.describe(err)
		}
		if err := each(id, []byte(data)); err != nil {
			return err
		}
	}
	return l.describe(rows.Err())
}

// Share reads an article's contribution back (nil if the store lacks it).
func (l *Store) Share(ctx context.Context, id string) (*graph.Contribution, error) {
	var a graph.ArticleRow
	err := l.db.QueryRowContext(ctx, `SELECT id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Path, &a.Source, &a.Title, &a.URL, &a.Published, &a.SHA256, &a.Schema, &a.Extractor, &a.LoadedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, l.describe(err)
	}
	c, err := l.contribution(ctx, a)
	return &c, err
}

// Replace writes an article's contribution anew, in one transaction.
func (l *Store) Replace(ctx context.Context, c graph.Contribution) error {
	if err := c.Validate(l.schema); err != nil {
		return err
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.describe(err)
	}
	defer tx.Rollback()
	if err := retract(ctx, tx, c.Article.ID); err != nil {
		return l.describe(err)
	}
	if _, err := l.writeShare(ctx, tx, &c, l.schema.Fingerprint(), time.Now().UTC().Format(time.RFC3339)); err != nil {
		return l.describe(err)
	}
	return l.describe(tx.Commit())
}

// Stale makes the next build extract an article again.
func (l *Store) Stale(ctx context.Context, id string) error {
	_, err := l.db.ExecContext(ctx, `UPDATE articles SET sha256 = '' WHERE id = ?`, id)
	return l.describe(err)
}

// Name sets entities' names and types.
func (l *Store) Name(ctx context.Context, ts []resolve.Target) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.describe(err)
	}
	defer tx.Rollback()
	for _, t := range ts {
		labels, err := json.Marshal(l.schema.Labels(t.Type))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entities SET name = ?, type = ?, labels = ? WHERE key = ? AND (name <> ? OR type <> ?)`,
			t.Name, t.Type, string(labels), t.Key, t.Name, t.Type); err != nil {
			return l.describe(err)
		}
	}
	return l.describe(tx.Commit())
}
