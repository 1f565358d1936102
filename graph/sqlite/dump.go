package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kg/kg/graph"
)

// The store read back whole as rows (graph.Dump), for writing it elsewhere.

var _ graph.Dump = (*Store)(nil)

// EachArticle calls each with every article, by id.
func (l *Store) EachArticle(ctx context.Context, each func(graph.ArticleRow) error) error {
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at, coalesce(r.data, '')
		FROM articles LEFT JOIN resolution r ON r.article = id ORDER BY id`)
	if err != nil {
		return l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a graph.ArticleRow
		if err := rows.Scan(&a.ID, &a.Path, &a.Source, &a.Title, &a.URL, &a.Published, &a.SHA256, &a.Schema, &a.Extractor, &a.LoadedAt, &a.Resolution); err != nil {
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
	return l.eachSupport(ctx, `SELECT `+supportColumns+`
	FROM support s JOIN articles a ON a.id = s.article ORDER BY s.subject, s.type, s.object, s.article`, nil, each)
}

// EachContribution calls each with every article's contribution as the
// store holds it, by path: its entities (the name the store keeps, the
// aliases this article gave), and its share of each fact, with the evidence
// the store kept.
func (l *Store) EachContribution(ctx context.Context, each func(graph.Contribution) error) error {
	var arts []graph.ArticleRow
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at FROM articles ORDER BY path, id`)
	if err != nil {
		return l.describe(err)
	}
	for rows.Next() {
		var a graph.ArticleRow
		if err := rows.Scan(&a.ID, &a.Path, &a.Source, &a.Title, &a.URL, &a.Published, &a.SHA256, &a.Schema, &a.Extractor, &a.LoadedAt); err != nil {
			rows.Close()
			return l.describe(err)
		}
		arts = append(arts, a)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return l.describe(err)
	}
	rows.Close()
	for _, a := range arts {
		c, err := l.contribution(ctx, a)
		if err != nil {
			return err
		}
		if err := each(c); err != nil {
			return err
		}
	}
	return nil
}

// contribution reads one article's contribution.
func (l *Store) contribution(ctx context.Context, a graph.ArticleRow) (graph.Contribution, error) {
	c := graph.Contribution{Article: a}
	var res string
	err := l.db.QueryRowContext(ctx, `SELECT data FROM resolution WHERE article = ?`, a.ID).Scan(&res)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, l.describe(err)
	}
	c.Article.Resolution = res
	rows, err := l.db.QueryContext(ctx, `SELECT e.key, e.name, e.type, m.count FROM mentions m JOIN entities e ON e.key = m.entity
		WHERE m.article = ? ORDER BY e.key`, a.ID)
	if err != nil {
		return c, l.describe(err)
	}
	byKey := map[string]int{}
	for rows.Next() {
		var e graph.EntityShare
		if err := rows.Scan(&e.Key, &e.Name, &e.Type, &e.Mentions); err != nil {
			rows.Close()
			return c, l.describe(err)
		}
		byKey[e.Key] = len(c.Entities)
		c.Entities = append(c.Entities, e)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return c, l.describe(err)
	}
	rows.Close()
	rows, err = l.db.QueryContext(ctx, `SELECT entity, alias FROM aliases WHERE article = ? ORDER BY entity, alias`, a.ID)
	if err != nil {
		return c, l.describe(err)
	}
	for rows.Next() {
		var k, alias string
		if err := rows.Scan(&k, &alias); err != nil {
			rows.Close()
			return c, l.describe(err)
		}
		if i, ok := byKey[k]; ok {
			c.Entities[i].Aliases = append(c.Entities[i].Aliases, alias)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return c, l.describe(err)
	}
	rows.Close()
	rows, err = l.db.QueryContext(ctx, `SELECT s.subject, s.type, s.object, a.type, b.type, s.count, s.confidence, s.alleged, s.evidence, s.evidence_assertions
		FROM support s JOIN entities a ON a.key = s.subject JOIN entities b ON b.key = s.object
		WHERE s.article = ? ORDER BY s.rowid`, a.ID)
	if err != nil {
		return c, l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var f graph.Fact
		var evidence, assertions string
		if err := rows.Scan(&f.Subject, &f.Type, &f.Object, &f.SubjectType, &f.ObjectType, &f.Count, &f.Confidence, &f.Alleged, &evidence, &assertions); err != nil {
			return c, l.describe(err)
		}
		if err := l.evidence(evidence, assertions, &f.Evidence, &f.EvidenceAssertions); err != nil {
			return c, fmt.Errorf("store %s: the evidence of %s %s %s in article %s %w; rebuild the store", l.path, f.Subject, f.Type, f.Object, a.ID, err)
		}
		c.Facts = append(c.Facts, f)
	}
	return c, l.describe(rows.Err())
}
