package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// The local store as a Source of subgraphs. Key lists travel as one JSON
// parameter (json_each), so there is no limit on their length.

// Names returns every entity's key, name, type and aliases.
func (l *Local) Names(ctx context.Context) ([]Node, error) {
	return l.nodes(ctx, nil, false)
}

// Nodes returns the entities with these keys (nil: all), with their labels,
// aliases and how often and in how many articles they are mentioned.
func (l *Local) Nodes(ctx context.Context, keys []string) ([]Node, error) {
	return l.nodes(ctx, keys, true)
}

func (l *Local) nodes(ctx context.Context, keys []string, counts bool) ([]Node, error) {
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
	var out []Node
	byKey := map[string]int{}
	for rows.Next() {
		var n Node
		var labels string
		if err := rows.Scan(&n.Key, &n.Name, &n.Type, &labels, &n.Mentions, &n.Articles); err != nil {
			rows.Close()
			return nil, l.describe(err)
		}
		json.Unmarshal([]byte(labels), &n.Labels)
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
func (l *Local) Edges(ctx context.Context, keys []string) ([]Edge, error) {
	q := `SELECT s.subject, s.type, s.object, s.article, s.count, s.confidence, s.evidence, a.published, a.loaded_at
	FROM support s JOIN articles a ON a.id = s.article`
	var args []any
	if keys != nil {
		js, _ := json.Marshal(keys)
		q += ` WHERE s.subject IN (SELECT value FROM json_each(?1)) OR s.object IN (SELECT value FROM json_each(?1))`
		args = []any{string(js)}
	}
	return l.edges(ctx, q+` ORDER BY s.subject, s.type, s.object, s.article`, args...)
}

// edges reads support rows (ordered by fact) and folds them into edges.
func (l *Local) edges(ctx context.Context, q string, args ...any) ([]Edge, error) {
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	var out []support
	for rows.Next() {
		var r support
		var evidence, published, loaded string
		if err := rows.Scan(&r.subject, &r.typ, &r.object, &r.article, &r.count, &r.confidence, &evidence, &published, &loaded); err != nil {
			return nil, l.describe(err)
		}
		if err := json.Unmarshal([]byte(evidence), &r.evidence); err != nil {
			return nil, fmt.Errorf("store %s: the evidence of %s %s %s in article %s is not a JSON list of sentences (%v); rebuild the store", l.path, r.subject, r.typ, r.object, r.article, err)
		}
		r.seen = seenDate(published)
		out = append(out, r)
	}
	return foldSupport(out), l.describe(rows.Err())
}

// Articles returns the articles with these ids.
func (l *Local) Articles(ctx context.Context, ids []string) ([]ArticleInfo, error) {
	where, args := keyFilter("id", ids)
	return l.articles(ctx, `SELECT id, path, title, url, published FROM articles`+where+` ORDER BY id`, args...)
}

func (l *Local) articles(ctx context.Context, q string, args ...any) ([]ArticleInfo, error) {
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, l.describe(err)
	}
	defer rows.Close()
	var out []ArticleInfo
	for rows.Next() {
		var a ArticleInfo
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
func (l *Local) Article(ctx context.Context, ref string) (*ArticleInfo, []Node, []Edge, error) {
	abs, _ := filepath.Abs(ref)
	found, err := l.articles(ctx, `SELECT id, path, title, url, published FROM articles
		WHERE id = ?1 OR path = ?1 OR abs_path = ?2 OR (length(?1) >= 6 AND substr(id, 1, length(?1)) = ?1) ORDER BY id`, ref, abs)
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := pickArticle(ref, found, func() ([]ArticleInfo, error) {
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
	edges, err := l.edges(ctx, `SELECT s.subject, s.type, s.object, s.article, s.count, s.confidence, s.evidence, a.published, a.loaded_at
	FROM support s JOIN articles a ON a.id = s.article WHERE s.article = ? ORDER BY s.subject, s.type, s.object`, a.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, nodes, edges, nil
}

// pickArticle chooses the one article a reference means: an exact id or
// path over an id prefix. With none or several it says what there is.
func pickArticle(ref string, found []ArticleInfo, all func() ([]ArticleInfo, error)) (*ArticleInfo, error) {
	for _, a := range found {
		if a.ID == ref || a.Path == ref {
			return &a, nil
		}
	}
	switch len(found) {
	case 1:
		return &found[0], nil
	case 0:
		arts, err := all()
		if err != nil {
			return nil, err
		}
		// A path given from another folder than the build's: the one stored
		// path that ends with it.
		var tail []ArticleInfo
		clean := filepath.ToSlash(filepath.Clean(ref))
		for _, a := range arts {
			if p := filepath.ToSlash(filepath.Clean(a.Path)); strings.HasSuffix(p, "/"+clean) || strings.HasSuffix(clean, "/"+p) {
				tail = append(tail, a)
			}
		}
		if len(tail) == 1 {
			return &tail[0], nil
		}
		base := strings.ToLower(filepath.Base(ref))
		var near []string
		for _, a := range arts {
			if strings.Contains(strings.ToLower(a.Path), base) || strings.Contains(strings.ToLower(a.Title), strings.ToLower(ref)) {
				near = append(near, fmt.Sprintf("%s (%s)", a.Path, a.ID[:min(12, len(a.ID))]))
			}
		}
		sort.Strings(near)
		if len(near) > 5 {
			near = near[:5]
		}
		if len(near) == 0 {
			return nil, notFoundf("no article has id or path %q among %s; give an id (or its first 6+ characters) or the path it was built from", ref, plural(len(arts), "article"))
		}
		return nil, notFoundf("no article has id or path %q; did you mean %s?", ref, strings.Join(near, ", "))
	default:
		var ids []string
		for _, a := range found {
			ids = append(ids, fmt.Sprintf("%s (%s)", a.ID, a.Path))
		}
		return nil, notFoundf("%q starts %d article ids: %s; give more of the id", ref, len(found), strings.Join(ids, ", "))
	}
}

var _ Source = (*Local)(nil)

// support is one article's share of one fact, as both stores keep it.
type support struct {
	subject, typ, object, article string
	count                         int
	confidence                    float64
	evidence                      []string
	seen                          string
}

// foldSupport makes one edge of each run of support rows of one fact (rows ordered
// by fact, then article).
func foldSupport(rows []support) []Edge {
	var out []Edge
	for _, r := range rows {
		n := len(out)
		if n == 0 || out[n-1].Source != r.subject || out[n-1].Type != r.typ || out[n-1].Target != r.object {
			out = append(out, Edge{Source: r.subject, Type: r.typ, Target: r.object, ArticleIDs: []string{}, Evidence: []Evidence{}})
			n++
		}
		e := &out[n-1]
		e.Articles++
		e.ArticleIDs = append(e.ArticleIDs, r.article)
		e.Count += r.count
		e.Confidence = max(e.Confidence, r.confidence)
		for _, t := range r.evidence {
			e.Evidence = append(e.Evidence, Evidence{Text: t, Article: r.article})
		}
		if r.seen == "" { // undated: moves no date
			continue
		}
		if e.FirstSeen == "" || r.seen < e.FirstSeen {
			e.FirstSeen = r.seen
		}
		if r.seen > e.LastSeen {
			e.LastSeen = r.seen
		}
	}
	return out
}
