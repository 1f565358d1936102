package neo4j

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kg/kg/graph"
)

// Neo4j as a Source of subgraphs. Every query here runs in a read
// transaction.

// read runs a read query and returns its records.
func (st *Store) read(ctx context.Context, q string, params map[string]any) ([]*bolt.Record, error) {
	res, err := bolt.ExecuteQuery(ctx, st.driver, q, params, bolt.EagerResultTransformer, st.dbOpt(),
		bolt.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, st.describe(err)
	}
	return res.Records, nil
}

// Names returns every entity's key, name, type and aliases.
func (st *Store) Names(ctx context.Context) ([]graph.Node, error) {
	recs, err := st.read(ctx, `MATCH (e:Entity) RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases ORDER BY key`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Node, len(recs))
	for i, r := range recs {
		out[i] = graph.Node{Key: str(r, "key"), Name: str(r, "name"), Type: str(r, "type"), Aliases: strs(r, "aliases")}
	}
	return out, nil
}

// Nodes returns the entities with these keys (nil: all), with their labels,
// aliases and how often and in how many articles they are mentioned.
func (st *Store) Nodes(ctx context.Context, keys []string) ([]graph.Node, error) {
	q := `MATCH (e:Entity) WHERE $all OR e.key IN $keys
OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
       [l IN labels(e) WHERE l <> 'Entity'] AS labels, count(a) AS articles, coalesce(sum(m.count), 0) AS mentions
ORDER BY key`
	recs, err := st.read(ctx, q, map[string]any{"all": keys == nil, "keys": orEmpty(keys)})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Node, len(recs))
	for i, r := range recs {
		out[i] = st.node(r)
	}
	return out, nil
}

// node reads an entity record; labels follow the schema's order when the
// schema knows the type.
func (st *Store) node(r *bolt.Record) graph.Node {
	n := graph.Node{Key: str(r, "key"), Name: str(r, "name"), Type: str(r, "type"), Aliases: strs(r, "aliases"),
		Articles: integer(r, "articles"), Mentions: integer(r, "mentions")}
	n.Labels = st.labels(n.Type, strs(r, "labels"))
	sort.Strings(n.Aliases)
	return n
}

func (st *Store) labels(typ string, found []string) []string {
	if _, ok := st.schema.Entity(typ); ok {
		return st.schema.Labels(typ)
	}
	sort.Strings(found)
	return found
}

// Edges returns the facts touching any of these keys (nil: all), each with
// the support of every article that states it, read from the facts'
// ASSERTS (not from the edges' aggregates, which keep a few sentences).
func (st *Store) Edges(ctx context.Context, keys []string) ([]graph.Edge, error) {
	if keys == nil {
		return st.support(ctx, `MATCH (a:Article)-[x:ASSERTS]->(f:Fact)`, nil)
	}
	// Through the entities' edges to their facts, by index.
	return st.support(ctx, `UNWIND $keys AS k
MATCH (:Entity {key: k})-[r]-(:Entity)
WITH DISTINCT type(r) + '|' + startNode(r).key + '|' + endNode(r).key AS id
MATCH (f:Fact {id: id})
MATCH (a:Article)-[x:ASSERTS]->(f)`, map[string]any{"keys": keys})
}

// support runs a query that binds f (a Fact), a (an Article) and x (its
// ASSERTS), and folds the rows into edges.
func (st *Store) support(ctx context.Context, match string, params map[string]any) ([]graph.Edge, error) {
	recs, err := st.read(ctx, match+`
RETURN f.subject AS s, f.type AS t, f.object AS o, a.id AS article, x.count AS count, x.confidence AS confidence,
       x.alleged AS alleged, x.evidence AS evidence, x.evidence_assertions AS assertions, x.seen AS seen
ORDER BY s, t, o, article`, params)
	if err != nil {
		return nil, err
	}
	rows := make([]graph.Support, len(recs))
	for i, r := range recs {
		conf, _ := r.Get("confidence")
		seen, _ := r.Get("seen")
		c, _ := conf.(float64)
		alleged, _ := r.Get("alleged")
		rows[i] = graph.Support{Subject: str(r, "s"), Type: str(r, "t"), Object: str(r, "o"), Article: str(r, "article"),
			Count: integer(r, "count"), Confidence: c, Alleged: alleged == true, Evidence: strs(r, "evidence"),
			EvidenceAssertions: strs(r, "assertions"), Seen: dateString(seen)}
	}
	return graph.FoldSupport(rows), nil
}

// edgeFromProps reads a relationship that is not a kg fact (from --cypher):
// its own properties, as far as they match an edge's.
func edgeFromProps(s, t, o string, p map[string]any) graph.Edge {
	e := graph.Edge{Source: s, Type: t, Target: o, ArticleIDs: anyStrings(p["article_ids"]), Evidence: []graph.Evidence{}}
	e.Articles = anyInt(p["articles"])
	e.Count = anyInt(p["count"])
	e.Confidence, _ = p["confidence"].(float64)
	e.AssertedArticles = anyInt(p["asserted_articles"])
	e.Alleged = p["alleged"] == true
	texts, from := anyStrings(p["evidence"]), anyStrings(p["evidence_articles"])
	as := graph.EvidenceAssertions(texts, anyStrings(p["evidence_assertions"]))
	for i, text := range texts {
		ev := graph.Evidence{Text: text, Assertion: as[i]}
		if i < len(from) {
			ev.Article = from[i]
		}
		e.Evidence = append(e.Evidence, ev)
	}
	e.FirstSeen, e.LastSeen = dateString(p["first_seen"]), dateString(p["last_seen"])
	return e
}

// Articles returns the articles with these ids.
func (st *Store) Articles(ctx context.Context, ids []string) ([]graph.ArticleInfo, error) {
	recs, err := st.read(ctx, `UNWIND $ids AS id MATCH (a:Article {id: id})
RETURN a.id AS id, a.path AS path, a.title AS title, a.url AS url, a.published AS published ORDER BY id`, map[string]any{"ids": orEmpty(ids)})
	if err != nil {
		return nil, err
	}
	return articleInfos(recs), nil
}

func articleInfos(recs []*bolt.Record) []graph.ArticleInfo {
	out := make([]graph.ArticleInfo, len(recs))
	for i, r := range recs {
		out[i] = graph.ArticleInfo{ID: str(r, "id"), Path: str(r, "path"), Title: str(r, "title"), URL: str(r, "url"), Published: str(r, "published")}
	}
	return out
}

// Article finds an article by id, id prefix or path and returns its share
// of the graph, as sqlite.Store.Article does.
func (st *Store) Article(ctx context.Context, ref string) (*graph.ArticleInfo, []graph.Node, []graph.Edge, error) {
	abs, err := filepath.Abs(ref)
	if err != nil {
		abs = ref // no working folder: the reference as given (never "", which standard input's articles have)
	}
	const ret = ` RETURN a.id AS id, a.path AS path, a.title AS title, a.url AS url, a.published AS published ORDER BY id`
	recs, err := st.read(ctx, `MATCH (a:Article) WHERE a.id = $ref OR a.path = $ref OR a.source = $abs
OR (size($ref) >= 6 AND a.id STARTS WITH $ref)`+ret, map[string]any{"ref": ref, "abs": abs})
	if err != nil {
		return nil, nil, nil, err
	}
	a, err := graph.PickArticle(ref, articleInfos(recs), func() ([]graph.ArticleInfo, error) {
		recs, err := st.read(ctx, `MATCH (a:Article)`+ret, nil)
		return articleInfos(recs), err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	recs, err = st.read(ctx, `MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
       [l IN labels(e) WHERE l <> 'Entity'] AS labels, 1 AS articles, m.count AS mentions ORDER BY key`, map[string]any{"id": a.ID})
	if err != nil {
		return nil, nil, nil, err
	}
	nodes := make([]graph.Node, len(recs))
	for i, r := range recs {
		nodes[i] = st.node(r)
	}
	edges, err := st.support(ctx, `MATCH (a:Article {id: $id})-[x:ASSERTS]->(f:Fact)`, map[string]any{"id": a.ID})
	if err != nil {
		return nil, nil, nil, err
	}
	return a, nodes, edges, nil
}

// CypherSubgraph runs a user's query in a read transaction, so that it
// cannot write, and makes a subgraph of the nodes, relationships and paths
// it returns (in any column, or in lists). Relationships bring their end
// nodes. Entities are read as Nodes does; articles become nodes of type
// Article keyed by id.
func (st *Store) CypherSubgraph(ctx context.Context, q string) (*graph.Subgraph, error) {
	res, err := bolt.ExecuteQuery(ctx, st.driver, q, nil, bolt.EagerResultTransformer, st.dbOpt(),
		bolt.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("--cypher: %w", st.describe(err))
	}
	nodes := map[string]dbtype.Node{}
	rels := map[string]dbtype.Relationship{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case dbtype.Node:
			nodes[x.ElementId] = x
		case dbtype.Relationship:
			rels[x.ElementId] = x
		case dbtype.Path:
			for _, n := range x.Nodes {
				nodes[n.ElementId] = n
			}
			for _, r := range x.Relationships {
				rels[r.ElementId] = r
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case map[string]any:
			for _, k := range sortedKeys(x) {
				walk(x[k])
			}
		}
	}
	for _, r := range res.Records {
		for _, v := range r.Values {
			walk(v)
		}
	}
	if len(res.Records) == 0 {
		g := &graph.Subgraph{Notes: []string{"the --cypher query returned no rows"}}
		return g, nil
	}
	if len(nodes) == 0 && len(rels) == 0 {
		return nil, fmt.Errorf("--cypher: the query returned %s but no nodes, relationships or paths; return them (e.g. RETURN p for a path)", graph.Plural(len(res.Records), "row"))
	}
	var missing []string
	for _, r := range rels {
		for _, id := range []string{r.StartElementId, r.EndElementId} {
			if _, ok := nodes[id]; !ok {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		recs, err := st.read(ctx, `MATCH (n) WHERE elementId(n) IN $ids RETURN n`, map[string]any{"ids": missing})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if n, ok := r.Values[0].(dbtype.Node); ok {
				nodes[n.ElementId] = n
			}
		}
	}
	// Entities are read again as Nodes reads them, for their counts.
	keyOf := map[string]string{}
	var entityKeys []string
	g := &graph.Subgraph{}
	for _, id := range sortedKeys(nodes) {
		n := nodes[id]
		switch {
		case slices.Contains(n.Labels, "Entity"):
			k, _ := n.Props["key"].(string)
			keyOf[id] = k
			entityKeys = append(entityKeys, k)
		case slices.Contains(n.Labels, "Article"):
			k, _ := n.Props["id"].(string)
			keyOf[id] = k
			title, _ := n.Props["title"].(string)
			g.Nodes = append(g.Nodes, graph.Node{Key: k, Name: title, Type: "Article", Labels: []string{"Article"}, Aliases: []string{}})
		default:
			keyOf[id] = id
			name, _ := n.Props["name"].(string)
			labels := slices.Clone(n.Labels)
			sort.Strings(labels)
			typ := ""
			if len(labels) > 0 {
				typ = labels[0]
			}
			g.Nodes = append(g.Nodes, graph.Node{Key: id, Name: name, Type: typ, Labels: labels, Aliases: []string{}})
		}
	}
	if len(entityKeys) > 0 {
		ents, err := st.Nodes(ctx, entityKeys)
		if err != nil {
			return nil, err
		}
		g.Nodes = append(g.Nodes, ents...)
	}
	// Relationships between entities are facts, read in full from their
	// ASSERTS; others (MENTIONS, ASSERTS, a user's own) as they are.
	var factIDs []string
	for _, r := range rels {
		if slices.Contains(nodes[r.StartElementId].Labels, "Entity") && slices.Contains(nodes[r.EndElementId].Labels, "Entity") {
			factIDs = append(factIDs, graph.FactID(r.Type, keyOf[r.StartElementId], keyOf[r.EndElementId]))
		}
	}
	slices.Sort(factIDs)
	facts, err := st.support(ctx, `MATCH (f:Fact) WHERE f.id IN $ids MATCH (a:Article)-[x:ASSERTS]->(f)`, map[string]any{"ids": orEmpty(factIDs)})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Edge{}
	for _, e := range facts {
		byID[graph.FactID(e.Type, e.Source, e.Target)] = e
	}
	articles := map[string]bool{}
	for _, id := range sortedKeys(rels) {
		r := rels[id]
		e, ok := byID[graph.FactID(r.Type, keyOf[r.StartElementId], keyOf[r.EndElementId])]
		if !ok {
			e = edgeFromProps(keyOf[r.StartElementId], r.Type, keyOf[r.EndElementId], r.Props)
		}
		g.Edges = append(g.Edges, e)
		for _, a := range e.ArticleIDs {
			articles[a] = true
		}
	}
	for _, n := range g.Nodes {
		if n.IsArticle() {
			articles[n.Key] = true
		}
	}
	if len(articles) > 0 {
		arts, err := st.Articles(ctx, sortedKeys(articles))
		if err != nil {
			return nil, err
		}
		g.Articles = arts
	}
	g.Sort()
	return g, nil
}

var _ graph.Source = (*Store)(nil)

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func str(r *bolt.Record, k string) string {
	v, _ := r.Get(k)
	s, _ := v.(string)
	return s
}

func strs(r *bolt.Record, k string) []string {
	v, _ := r.Get(k)
	return anyStrings(v)
}

func integer(r *bolt.Record, k string) int {
	v, _ := r.Get(k)
	return anyInt(v)
}

func anyStrings(v any) []string {
	out := []string{}
	if xs, ok := v.([]any); ok {
		for _, x := range xs {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func anyInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

func dateString(v any) string {
	switch d := v.(type) {
	case dbtype.Date:
		return d.Time().Format("2006-01-02")
	case string:
		return strings.TrimSpace(d)
	}
	return ""
}
