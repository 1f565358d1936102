// Package graph is kg's graph model, apart from any store: the subgraph of
// entities, facts and articles that selections cut and exporters write, one
// article's contribution as both stores write it, how an article's shares of
// a fact add up (provenance), and the interfaces the stores meet: Sink, which
// builds write into, and Source, which selections read from. The stores are
// graph/sqlite and graph/neo4j, the formats graph/export; this package
// imports none of them.
package graph

import (
	"fmt"
	"sort"
	"strings"
)

// Subgraph is a piece of the graph cut out for export: entities, the facts
// between them with their evidence, and the articles those facts come from.
// Every source (the local store, Neo4j) and every selection yields one, and
// every format writes one.
type Subgraph struct {
	Nodes    []Node        `json:"nodes"`
	Edges    []Edge        `json:"edges"`
	Articles []ArticleInfo `json:"articles"`
	// Notes say what the selection left out (a --limit cut), for people.
	Notes []string `json:"notes,omitempty"`
}

// Node is one entity (or, from a Cypher query, an article).
type Node struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Labels are the type's chain in the schema, most general first (the
	// Neo4j labels besides Entity).
	Labels  []string `json:"labels"`
	Aliases []string `json:"aliases"`
	// Mentions counts the times articles name it; Articles the articles that do.
	Mentions int `json:"mentions"`
	Articles int `json:"articles"`
}

// Edge is one fact: (subject, type, object) with the support of every
// article that states it.
type Edge struct {
	Source string `json:"source"` // the subject's key
	Type   string `json:"type"`
	Target string `json:"target"` // the object's key
	// Articles counts the supporting articles, ArticleIDs names them.
	Articles   int      `json:"articles"`
	ArticleIDs []string `json:"article_ids"`
	Count      int      `json:"count"` // sentences that state it, over all articles
	Confidence float64  `json:"confidence"`
	// AssertedArticles counts the supporting articles that assert the
	// fact; the others only allege it (report an accusation or a suspicion:
	// "was accused of killing", "allegedly attacked").
	AssertedArticles int `json:"asserted_articles"`
	// Alleged: no supporting article asserts the fact; every one only
	// alleges it.
	Alleged   bool       `json:"alleged"`
	Evidence  []Evidence `json:"evidence"`
	FirstSeen string     `json:"first_seen,omitempty"` // ISO dates of the earliest and latest article
	LastSeen  string     `json:"last_seen,omitempty"`
}

// Evidence is one sentence that states a fact, the article it is from, and
// how it states it: "asserted" (extract.Asserted) or "alleged"
// (extract.Alleged).
type Evidence struct {
	Text      string `json:"text"`
	Article   string `json:"article"`
	Assertion string `json:"assertion"`
}

// ArticleInfo describes a source article.
type ArticleInfo struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// Sort puts a subgraph in a fixed order (nodes by key, edges by subject,
// type, object, articles by id) so that the same graph is always written
// the same way.
func (g *Subgraph) Sort() {
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].Key < g.Nodes[j].Key })
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Target < b.Target
	})
	sort.Slice(g.Articles, func(i, j int) bool { return g.Articles[i].ID < g.Articles[j].ID })
	for i := range g.Nodes {
		sort.Strings(g.Nodes[i].Aliases)
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		sort.Strings(e.ArticleIDs)
		sort.SliceStable(e.Evidence, func(a, b int) bool {
			if e.Evidence[a].Article != e.Evidence[b].Article {
				return e.Evidence[a].Article < e.Evidence[b].Article
			}
			return e.Evidence[a].Text < e.Evidence[b].Text
		})
	}
}

// Index maps keys to nodes.
func (g *Subgraph) Index() map[string]*Node {
	m := make(map[string]*Node, len(g.Nodes))
	for i := range g.Nodes {
		m[g.Nodes[i].Key] = &g.Nodes[i]
	}
	return m
}

// Summary says in one line what a subgraph holds.
func (g *Subgraph) Summary() string {
	s := fmt.Sprintf("%s, %s, %s", Plural(len(g.Nodes), "node"), Plural(len(g.Edges), "relationship"), Plural(len(g.Articles), "article"))
	if len(g.Notes) > 0 {
		s += "; " + strings.Join(g.Notes, "; ")
	}
	return s
}

// Plural says "1 word" or "n words".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// IsArticle reports whether a node is an article (from a Cypher query)
// rather than an entity.
func (n *Node) IsArticle() bool { return n.Type == "Article" }

// DropIsolated takes out the nodes no edge touches, but those in keep (the
// entities a selection is around), and returns how many it took out: a
// drawing of a whole graph is crowded by names nothing relates.
func (g *Subgraph) DropIsolated(keep map[string]bool) int {
	linked := map[string]bool{}
	for _, e := range g.Edges {
		linked[e.Source], linked[e.Target] = true, true
	}
	kept := g.Nodes[:0]
	dropped := 0
	for _, n := range g.Nodes {
		if linked[n.Key] || keep[n.Key] {
			kept = append(kept, n)
		} else {
			dropped++
		}
	}
	g.Nodes = kept
	return dropped
}
