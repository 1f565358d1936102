package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/kg/kg/graph"
)

// The local store as a Source of subgraphs. Key lists travel as one JSON
// parameter (json_each), so there is no limit on their length.

// Names returns every entity's key, name, type and aliases.
func (l *Store) Names(ctx context.Context) ([]graph.Node, error) {
	return l.nodes(ctx, nil, false)
}

// Nodes returns the entities with these keys (nil: all), with their labels,
// aliases and how often and in how many articles they are mentioned.
func (l *Store) Nodes(ctx context.Context, keys []string) ([]graph.Node, error) {
	return l.nodes(ctx, keys, true)
}

func (l *Store) nodes(ctx context.Context, keys []string, counts bool) ([]graph.Node, error) {
	where, args := keyFilter("e.key", keys)
	q := `SELECT e.key, e.name, e.type, e.labels, 0, 0 FROM entities e` + where
	if counts {
		q = `SELECT e.key, e.name, e.type, e.labels, COALESCE(SUM(m.count), 0), COUNT(m.article)
		FROM entities e LEFT JOIN mentions m ON m.entity = e.key` + where + ` GROUP BY e.key`
	}
	rows, err := l.db.QueryContext(ctx, q+` ORDER BY e.key`, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	var out []graph.Node
	byKey := map[string]int{}
	for rows.Next() {
		var n graph.Node
		var labels string
		if err := rows.Scan(&n.Key, &n.Name, &n.Type, &labels, &n.Mentions, &n.Articles); err != nil {
			rows.Close()
			return nil, l.describe(err)
		}
		if err := json.Unmarshal([]byte(labels), &n.Labels); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store %s: the labels of entity %s are not a JSON list (%w); rebuild the store", l.path, n.Key, err)
		}
		n.Aliases = []string{}
		byKey[n.Key] = len(out)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, l.describe(err)
	}
	rows.Close()
	where, args = keyFilter("entity", keys)
	rows, err = l.db.QueryContext(ctx, `SELECT DISTINCT entity, alias FROM aliases`+where+` ORDER BY entity, alias`, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			return nil, l.describe(err)
		}
		if i, ok := byKey[k]; ok {
			out[i].Aliases = append(out[i].Aliases, a)
		}
	}
	return out, l.describe(rows.Err())
}

// keyFilter is a WHERE clause keeping rows whose column is one of keys; nil
// keys keep every row.
func keyFilter(column string, keys []string) (string, []any) {
	if keys == nil {
		return "", nil
	}
	js, _ := json.Marshal(keys)
	return ` WHERE ` + column + ` IN (SELECT value FROM json_each(?))`, []any{string(js)}
}

// Edges returns the facts touching any of these keys (nil: all), each with
// the support of every article that states it.
func (l *Store) Edges(ctx context.Context, keys []string) ([]graph.Edge, error) {
	q := `SELECT ` + supportColumns + ` FROM support s JOIN articles a ON a.id = s.article`
	var args []any
	if keys != nil {
		js, _ := json.Marshal(keys)
		q += ` WHERE s.subject IN (SELECT value FROM json_each(?1)) OR s.object IN (SELECT value FROM json_each(?1))`
		args = []any{string(js)}
	}
	return l.edges(ctx, q+` ORDER BY s.subject, s.type, s.object, s.article`, args...)
}

// edges reads support rows (ordered by fact) and folds them into edges.
func (l *Store) edges(ctx context.Context, q string, args ...any) ([]graph.Edge, error) {
	var out []graph.Support
	err := l.eachSupport(ctx, q, args, func(s graph.Support) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return graph.FoldSupport(out), nil
}

// supportColumns are what eachSupport reads of a support row (s) and its
// article (a).
const supportColumns = `s.subject, s.type, s.object, s.article, s.count, s.confidence, s.alleged, s.evidence, s.evidence_assertions, a.published`

// eachSupport runs q, which selects supportColumns, and calls each with
// every row.
func (l *Store) eachSupport(ctx context.Context, q string, args []any, each func(graph.Support) error) error {
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return l.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r graph.Support
		var evidence, assertions, published string
		if err := rows.Scan(&r.Subject, &r.Type, &r.Object, &r.Article, &r.Count, &r.Confidence, &r.Alleged, &evidence, &assertions, &published); err != nil {
			return l.describe(err)
		}
		if err := l.evidence(evidence, assertions, &r.Evidence, &r.EvidenceAssertions); err != nil {
			return fmt.Errorf("store %s: the evidence of %s %s %s in article %s %w; rebuild the store", l.path, r.Subject, r.Type, r.Object, r.Article, err)
		}
		r.Seen = graph.SeenDate(published)
		if err := each(r); err != nil {
			return err
		}
	}
	return l.describe(rows.Err())
}

// evidence decodes a support row's evidence and their assertions.
func (l *Store) evidence(evidence, assertions string, texts, as *[]string) error {
	if err := json.Unmarshal([]byte(evidence), texts); err != nil {
		return fmt.Errorf("is not a JSON list of sentences (%w)", err)
	}
	if err := json.Unmarshal([]byte(assertions), as); err != nil {
		return fmt.Errorf("has assertions that are not a JSON list (%w)", err)
	}
	*as = graph.EvidenceAssertions(*texts, *as)
	return nil
}

// Articles returns the articles with these ids.
func (l *Store) Articles(ctx context.Context, ids []string) ([]graph.ArticleInfo, error) {
	where, args := keyFilter("id", ids)
	return l.articles(ctx, `SELECT id, path, title, url, published FROM articles`+where+` ORDER BY id`, args...)
}

func (l *Store) articles(ctx context.Context, q string, args ...any) ([]graph.ArticleInfo, error) {
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	var out []graph.ArticleInfo
	for rows.Next() {
		var a graph.ArticleInfo
		if err := rows.Scan(&a.ID, &a.Path, &a.Title, &a.URL, &a.Published); err != nil {
			return nil, l.describe(err)
		}
		out = append(out, a)
	}
	return out, l.describe(rows.Err())
}

// Article finds an article by id, id prefix or path and returns its share
// of the graph: the entities it mentions (Mentions counted in it alone,
// aliases as the graph has them) and the facts it supports, with its
// support alone.
func (l *Store) Article(ctx context.Context, ref string) (*graph.ArticleInfo, []graph.Node, []graph.Edge, error) {
	abs, err := filepath.Abs(ref)
	if err != nil {
		abs = ref // no working folder: the reference as given (never "", which standard input's articles have)
	}
	found, err := l.articles(ctx, `SELECT id, path, title, url, published FROM articles
		WHERE id = ?1 OR path = ?1 OR abs_path = ?2 OR (length(?1) >= 6 AND substr(id, 1, length(?1)) = ?1) ORDER BY id`, ref, abs)
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := graph.PickArticle(ref, found, func() ([]graph.ArticleInfo, error) {
		return l.articles(ctx, `SELECT id, path, title, url, published FROM articles ORDER BY path`)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT entity, count FROM mentions WHERE article = ? ORDER BY entity`, a.ID)
	if err != nil {
		return nil, nil, nil, l.describe(err)
	}
	counts := map[string]int{}
	var keys []string
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return nil, nil, nil, l.describe(err)
		}
		counts[k] = n
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, nil, nil, l.describe(err)
	}
	rows.Close()
	nodes, err := l.Nodes(ctx, append([]string{}, keys...))
	if err != nil {
		return nil, nil, nil, err
	}
	for i := range nodes {
		nodes[i].Mentions, nodes[i].Articles = counts[nodes[i].Key], 1
	}
	edges, err := l.edges(ctx, `SELECT `+supportColumns+`
	FROM support s JOIN articles a ON a.id = s.article WHERE s.article = ? ORDER BY s.subject, s.type, s.object`, a.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, nodes, edges, nil
}

var _ graph.Source = (*Store)(nil)
