package sqlite

import (
	"context"

	"github.com/kg/kg/graph"
)

// The store read back whole as rows (graph.Dump), for writing it elsewhere.

var _ graph.Dump = (*Store)(nil)

// EachArticle calls each with every article, by id.
func (l *Store) EachArticle(ctx context.Context, each func(graph.ArticleRow) error) error {
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at FROM articles ORDER BY id`)
	if err != nil {
		return l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a graph.ArticleRow
		if err := rows.Scan(&a.ID, &a.Path, &a.Source, &a.Title, &a.URL, &a.Published, &a.SHA256, &a.Schema, &a.Extractor, &a.LoadedAt); err != nil {
			return l.describe(err)
		}
		if err := each(a); err != nil {
			return err
		}
	}
	return l.describe(rows.Err())
}

// EachMention calls each with every mention row, by article and entity.
func (l *Store) EachMention(ctx context.Context, each func(graph.MentionRow) error) error {
	rows, err := l.db.QueryContext(ctx, `SELECT article, entity, count FROM mentions ORDER BY article, entity`)
	if err != nil {
		return l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var m graph.MentionRow
		if err := rows.Scan(&m.Article, &m.Entity, &m.Count); err != nil {
			return l.describe(err)
		}
		if err := each(m); err != nil {
			return err
		}
	}
	return l.describe(rows.Err())
}

// EachSupport calls each with every article's share of every fact, by fact
// and article.
func (l *Store) EachSupport(ctx context.Context, each func(graph.Support) error) error {
	return l.eachSupport(ctx, `SELECT s.subject, s.type, s.object, s.article, s.count, s.confidence, s.evidence, a.published
	FROM support s JOIN articles a ON a.id = s.article ORDER BY s.subject, s.type, s.object, s.article`, nil, each)
}
