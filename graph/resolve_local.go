package graph

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/kg/kg/extract"
	corpus "github.com/kg/kg/resolve"
)

// The local store's side of corpus resolution (package resolve): each
// article's resolution in a table of its own, and its share read back and
// written anew when what its entities stand for changes.

// resolutionTable holds each article's resolution (extract.Extraction.Resolution).
const resolutionTable = `CREATE TABLE resolution (article TEXT PRIMARY KEY, data TEXT NOT NULL)`

var _ corpus.Store = (*Local)(nil)

// putResolution stores an article's resolution, if it has one.
func putResolution(ctx context.Context, tx *sql.Tx, ex *extract.Extraction) error {
	if len(ex.Resolution) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO resolution (article, data) VALUES (?, ?)`, ex.Document.ID, string(ex.Resolution))
	return err
}

// Resolutions calls each with every stored article's resolution.
func (l *Local) Resolutions(ctx context.Context, each func(article string, data []byte) error) error {
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

// Share reads an article's share back (nil if the store lacks it).
func (l *Local) Share(ctx context.Context, id string) (*extract.Extraction, error) {
	var d extract.DocumentRef
	err := l.db.QueryRowContext(ctx, `SELECT id, path, title, url, published, sha256, extractor, abs_path FROM articles WHERE id = ?`, id).
		Scan(&d.ID, &d.Path, &d.Title, &d.URL, &d.Published, &d.SHA256, &d.Extractor, &d.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, l.describe(err)
	}
	ex, err := l.extraction(ctx, d)
	return ex, l.describe(err)
}

// resolutionOf reads an article's resolution ("" for none).
func (l *Local) resolutionOf(ctx context.Context, id string) ([]byte, error) {
	var data string
	err := l.db.QueryRowContext(ctx, `SELECT data FROM resolution WHERE article = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return []byte(data), err
}

// Replace writes an article's share anew, in one transaction.
func (l *Local) Replace(ctx context.Context, ex *extract.Extraction) error {
	ex = graphPart(l.schema, ex)
	if err := validate(l.schema, ex); err != nil {
		return err
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.describe(err)
	}
	defer tx.Rollback()
	if err := retractLocal(ctx, tx, ex.Document.ID); err != nil {
		return l.describe(err)
	}
	if _, err := l.load(ctx, tx, ex, ex.Document.Source, ex.Document.Extractor, l.schema.Fingerprint(), time.Now().UTC().Format(time.RFC3339)); err != nil {
		return l.describe(err)
	}
	return l.describe(tx.Commit())
}

// Stale makes the next build extract an article again.
func (l *Local) Stale(ctx context.Context, id string) error {
	_, err := l.db.ExecContext(ctx, `UPDATE articles SET sha256 = '' WHERE id = ?`, id)
	return l.describe(err)
}

// Name sets entities' names and types.
func (l *Local) Name(ctx context.Context, ts []corpus.Target) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.describe(err)
	}
	defer tx.Rollback()
	for _, t := range ts {
		labels, _ := json.Marshal(l.schema.Labels(t.Type))
		if _, err := tx.ExecContext(ctx, `UPDATE entities SET name = ?, type = ?, labels = ? WHERE key = ? AND (name <> ? OR type <> ?)`,
			t.Name, t.Type, string(labels), t.Key, t.Name, t.Type); err != nil {
			return l.describe(err)
		}
	}
	return l.describe(tx.Commit())
}
