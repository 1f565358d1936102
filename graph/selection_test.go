package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/sqlitetest"
	"github.com/kg/kg/schemas"
)

// Selections, read from the local store (any Source gives the same; see
// graph/neo4j's TestExportSameFromBothSources).

// TestSelect checks each selection's defining property on the examples and
// the hostile articles together.
func TestSelect(t *testing.T) {
	exs := append(graphtest.Examples(t), graphtest.HostileExtractions()...)
	l := sqlitetest.With(t, exs...)
	whole := sqlitetest.Select(t, l, graph.Selection{})
	isis := "organization:isis-k"
	touches := func(e graph.Edge, k string) bool { return e.Source == k || e.Target == k }
	ends := func(t *testing.T, g *graph.Subgraph) {
		nodes := g.Index()
		for _, e := range g.Edges {
			if nodes[e.Source] == nil || nodes[e.Target] == nil {
				t.Errorf("edge %s -%s-> %s has an end outside the subgraph", e.Source, e.Type, e.Target)
			}
		}
		arts := articleIndex(g)
		for _, e := range g.Edges {
			for _, a := range e.ArticleIDs {
				if arts[a] == nil {
					t.Errorf("edge %s -%s-> %s cites article %s, which the subgraph lacks", e.Source, e.Type, e.Target, a)
				}
			}
		}
	}
	one := sqlitetest.Select(t, l, graph.Selection{Around: []string{"isis-k"}}) // by name, ignoring case
	two := sqlitetest.Select(t, l, graph.Selection{Around: []string{"ISIS-K"}, Hops: 2})
	tests := []struct {
		name  string
		g     *graph.Subgraph
		check func(t *testing.T, g *graph.Subgraph)
	}{
		{"whole graph", whole, func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) < 40 || len(g.Edges) < 30 || len(g.Articles) != 5 {
				t.Errorf("whole graph: %s", g.Summary())
			}
		}},
		{"around, one hop", one, func(t *testing.T, g *graph.Subgraph) {
			// The entities one fact away from ISIS-K, and every fact among them.
			near := map[string]bool{isis: true}
			for _, e := range whole.Edges {
				if touches(e, isis) {
					near[e.Source], near[e.Target] = true, true
				}
			}
			if len(g.Nodes) != len(near) {
				t.Errorf("one hop: %d nodes, %d entities are one fact from ISIS-K", len(g.Nodes), len(near))
			}
			want := 0
			for _, e := range whole.Edges {
				if near[e.Source] && near[e.Target] {
					want++
				}
			}
			if len(g.Edges) != want || want <= 15 {
				t.Errorf("one hop: %d edges, the whole graph has %d among those nodes", len(g.Edges), want)
			}
		}},
		{"around, two hops", two, func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) <= len(one.Nodes) || len(g.Edges) <= len(one.Edges) {
				t.Errorf("two hops (%s) is not larger than one (%s)", g.Summary(), one.Summary())
			}
			for _, n := range one.Nodes {
				if g.Index()[n.Key] == nil {
					t.Errorf("two hops lacks %s", n.Key)
				}
			}
		}},
		{"around an alias", sqlitetest.Select(t, l, graph.Selection{Around: []string{"Hammer"}}), func(t *testing.T, g *graph.Subgraph) {
			if g.Index()[extract.Key(schemas.Default(), "Person", graphtest.Hostile.Person)] == nil || len(g.Edges) != 2 {
				t.Errorf("alias Hammer: %s", g.Summary())
			}
		}},
		{"types", sqlitetest.Select(t, l, graph.Selection{Types: []string{"LEADS", "OPPOSES"}}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) == 0 {
				t.Fatal("no LEADS or OPPOSES edges")
			}
			used := map[string]bool{}
			for _, e := range g.Edges {
				if e.Type != "LEADS" && e.Type != "OPPOSES" {
					t.Errorf("type filter kept %s", e.Type)
				}
				used[e.Source], used[e.Target] = true, true
			}
			if len(used) != len(g.Nodes) {
				t.Errorf("a fact filter keeps the nodes its facts join: %d nodes, %d joined", len(g.Nodes), len(used))
			}
		}},
		{"labels", sqlitetest.Select(t, l, graph.Selection{Around: []string{"ISIS-K"}, Labels: []string{"Location"}}), func(t *testing.T, g *graph.Subgraph) {
			for _, n := range g.Nodes {
				if n.Key != isis && !slices.Contains(n.Labels, "Location") {
					t.Errorf("label filter kept %s (%v)", n.Key, n.Labels)
				}
			}
			if len(g.Nodes) < 2 {
				t.Errorf("no Location around ISIS-K: %s", g.Summary())
			}
		}},
		{"min articles", sqlitetest.Select(t, l, graph.Selection{MinArticles: 2}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) == 0 {
				t.Fatal("no fact with two articles")
			}
			for _, e := range g.Edges {
				if e.Articles < 2 || len(e.ArticleIDs) != e.Articles {
					t.Errorf("%s -%s-> %s: %d articles %v", e.Source, e.Type, e.Target, e.Articles, e.ArticleIDs)
				}
			}
		}},
		{"min confidence", sqlitetest.Select(t, l, graph.Selection{MinConfidence: 0.9}), func(t *testing.T, g *graph.Subgraph) {
			for _, e := range g.Edges {
				if e.Confidence < 0.9 {
					t.Errorf("%s -%s-> %s: confidence %g", e.Source, e.Type, e.Target, e.Confidence)
				}
			}
		}},
		{"limit", sqlitetest.Select(t, l, graph.Selection{Around: []string{"ISIS-K"}, Hops: 2, Limit: 5}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 5 || g.Index()[isis] == nil || len(g.Notes) != 1 || !strings.Contains(g.Notes[0], fmt.Sprintf("5 of %d", len(two.Nodes))) {
				t.Errorf("limit 5: %s", g.Summary())
			}
			// The nearest are kept first: every kept node is one hop from ISIS-K
			// while one-hop nodes remain.
			if len(one.Nodes) >= 5 {
				for _, n := range g.Nodes {
					if one.Index()[n.Key] == nil {
						t.Errorf("limit kept %s, two hops away, over nearer nodes", n.Key)
					}
				}
			}
		}},
		{"article", sqlitetest.Select(t, l, graph.Selection{Article: "hostile-a"}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 5 || len(g.Edges) != 4 || len(g.Articles) != 1 {
				t.Fatalf("article: %s", g.Summary())
			}
			for _, e := range g.Edges {
				if e.Articles != 1 || e.ArticleIDs[0] != "hostile-a" {
					t.Errorf("article share: %+v", e)
				}
				if e.Type == "LEADS" && (e.Count != 2 || e.Confidence != 0.9 || len(e.Evidence) != 2) {
					t.Errorf("LEADS in article a alone: count %d confidence %g evidence %d", e.Count, e.Confidence, len(e.Evidence))
				}
			}
			for _, n := range g.Nodes {
				if n.Mentions != 2 || n.Articles != 1 {
					t.Errorf("%s: %d mentions in %d articles, want 2 in 1", n.Key, n.Mentions, n.Articles)
				}
			}
		}},
		{"around an entity without facts", sqlitetest.Select(t, l, graph.Selection{Around: []string{"Roosevelt Room"}, Hops: 3}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 1 || len(g.Edges) != 0 {
				t.Errorf("Roosevelt Room alone: %s", g.Summary())
			}
		}},
		{"around, a filter that keeps nothing", sqlitetest.Select(t, l, graph.Selection{Around: []string{"Taliban"}, Types: []string{"KILLED"}}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 1 || len(g.Edges) != 0 {
				t.Errorf("Taliban, KILLED only: %s", g.Summary())
			}
		}},
		{"article, limited", sqlitetest.Select(t, l, graph.Selection{Article: "hostile-a", Limit: 2}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 2 || len(g.Notes) != 1 {
				t.Errorf("article with --limit 2: %s", g.Summary())
			}
		}},
		{"article by path", sqlitetest.Select(t, l, graph.Selection{Article: "news/b.txt"}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) != 1 || g.Articles[0].ID != "hostile-b" {
				t.Errorf("article b: %s", g.Summary())
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ends(t, tc.g)
			tc.check(t, tc.g)
		})
	}
	// The fact two articles state carries both.
	for _, e := range whole.Edges {
		if e.Type == "LEADS" && strings.HasPrefix(e.Source, "person:se") {
			if e.Articles != 2 || e.Count != 3 || e.Confidence != 0.95 || len(e.Evidence) != 3 || e.FirstSeen != "2024-03-01" || e.LastSeen != "2024-05-09" {
				t.Errorf("merged fact: %+v", e)
			}
		}
	}
}

// TestSelectUnknown: a name that matches nothing or several entities is
// an error that names the closest.
func TestSelectUnknown(t *testing.T) {
	exs := append(graphtest.Examples(t), graphtest.HostileExtractions()...)
	l := sqlitetest.With(t, exs...)
	tests := []struct {
		sel  graph.Selection
		want []string
	}{
		{graph.Selection{Around: []string{"ISIS K"}}, []string{`no entity is called "ISIS K"`, `the closest names: "ISIS-K"`}},
		{graph.Selection{Around: []string{"Talib"}}, []string{`"Taliban"`}},
		{graph.Selection{Article: "nothing-like-it.txt"}, []string{`no article has id or path "nothing-like-it.txt"`, "5 articles"}},
		{graph.Selection{Article: "hostile"}, []string{`"hostile" starts 2 article ids`, "hostile-a", "hostile-b"}},
		{graph.Selection{Article: "x", Around: []string{"y"}}, []string{"not both"}},
	}
	for _, tc := range tests {
		_, err := graph.Select(context.Background(), l, tc.sel)
		if err == nil {
			t.Errorf("%+v: no error", tc.sel)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v; want %q in it", tc.sel, err, w)
			}
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	}
}

// articleIndex maps ids to articles.
func articleIndex(g *graph.Subgraph) map[string]*graph.ArticleInfo {
	m := make(map[string]*graph.ArticleInfo, len(g.Articles))
	for i := range g.Articles {
		m[g.Articles[i].ID] = &g.Articles[i]
	}
	return m
}
