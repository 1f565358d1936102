package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
)

// exportCorpus is the examples, dated so that both stores date facts alike,
// and the hostile articles.
func exportCorpus(t *testing.T) []*extract.Extraction {
	exs := exampleExtractions(t)
	for i, ex := range exs {
		ex.Document.Published = fmt.Sprintf("2021-08-%02d", 20+i)
	}
	return append(exs, hostileExtractions()...)
}

// neo4jWith empties the test database and loads exs, keeping every
// evidence sentence (the local store keeps them all).
func neo4jWith(t *testing.T, exs []*extract.Extraction) *Store {
	t.Helper()
	cfg := testConfig(t)
	cfg.MaxEvidence = 1000
	clearGraph(t)
	st := testStore(t, cfg)
	if _, err := st.Write(context.Background(), graphtest.Contributions(exs...)); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestExportSameFromBothSources: the same selection gives the same subgraph
// from the local store and from Neo4j.
func TestExportSameFromBothSources(t *testing.T) {
	exs := exportCorpus(t)
	st := neo4jWith(t, exs)
	l := localWith(t, exs...)
	ctx := context.Background()
	for _, sel := range []graph.Selection{
		{},
		{Around: []string{"ISIS-K"}},
		{Around: []string{"isis-k", "Hammer"}, Hops: 2, Limit: 12},
		{Types: []string{"LEADS", "OPPOSES"}, MinArticles: 1, MinConfidence: 0.5},
		{Labels: []string{"Location"}},
		{MinArticles: 2},
		{Article: "hostile-a"},
		{Article: exs[0].Document.Path},
	} {
		fromLocal, err := graph.Select(ctx, l, sel)
		if err != nil {
			t.Fatalf("%+v: local: %v", sel, err)
		}
		fromNeo4j, err := graph.Select(ctx, st, sel)
		if err != nil {
			t.Fatalf("%+v: Neo4j: %v", sel, err)
		}
		a, b := indentJSON(t, fromLocal), indentJSON(t, fromNeo4j)
		if string(a) != string(b) {
			t.Errorf("%+v: the sources differ:\nlocal %s\nNeo4j %s", sel, firstDiff(string(a), string(b)), firstDiff(string(b), string(a)))
		}
		if len(fromLocal.Edges) == 0 {
			t.Errorf("%+v: no edges; the comparison says little", sel)
		}
	}
	// Unknown names answer alike.
	_, e1 := graph.Select(ctx, l, graph.Selection{Around: []string{"ISIS K"}})
	_, e2 := graph.Select(ctx, st, graph.Selection{Around: []string{"ISIS K"}})
	if e1 == nil || e2 == nil || e1.Error() != e2.Error() {
		t.Errorf("unknown name: local %v, Neo4j %v", e1, e2)
	}
}

// firstDiff shows a's lines around the first one b lacks.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return strings.Join(la[max(0, i-3):min(len(la), i+3)], "\n")
		}
	}
	return "(a prefix of the other)"
}

// readBack reads an entire database, written by a replayed export, in the
// export's own terms, generically (any labels, any properties).
func readBack(t *testing.T, st *Store) *graph.Subgraph {
	t.Helper()
	g := &graph.Subgraph{}
	for _, r := range query(t, st, `MATCH (e:Entity) RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases,
		[l IN labels(e) WHERE l <> 'Entity'] AS labels, e.mentions AS mentions, e.articles AS articles ORDER BY key`, nil) {
		n := graph.Node{Key: r["key"].(string), Name: r["name"].(string), Type: r["type"].(string), Aliases: anyStrings(r["aliases"]),
			Labels: st.labels(r["type"].(string), anyStrings(r["labels"])), Mentions: anyInt(r["mentions"]), Articles: anyInt(r["articles"])}
		g.Nodes = append(g.Nodes, n)
	}
	for _, r := range query(t, st, `MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key AS s, type(r) AS t, o.key AS o, properties(r) AS p`, nil) {
		p := r["p"].(map[string]any)
		e := edgeFromProps(r["s"].(string), r["t"].(string), r["o"].(string), p)
		e.ArticleIDs = anyStrings(p["article_ids"])
		e.Articles = anyInt(p["articles"])
		g.Edges = append(g.Edges, e)
	}
	g.Sort()
	return g
}

// comparable is a subgraph without what a replayed export does not carry
// (articles' descriptions, notes) and with nil lists as empty ones.
func comparable(g *graph.Subgraph) *graph.Subgraph {
	c := &graph.Subgraph{Nodes: g.Nodes, Edges: g.Edges}
	for i := range c.Nodes {
		c.Nodes[i].Aliases = orEmpty(c.Nodes[i].Aliases)
	}
	c.Sort()
	return c
}

// TestCypherScriptReplay: the Cypher script, replayed statement by
// statement into an empty database as cypher-shell would, rebuilds the
// subgraph exactly; replaying it again changes nothing.
func TestCypherScriptReplay(t *testing.T) {
	exs := exportCorpus(t)
	g := selectLocal(t, localWith(t, exs...), graph.Selection{})
	script := exportAs(t, "cypher", g)[""].String()
	st := neo4jWith(t, nil)
	ctx := context.Background()
	replay := func() {
		for i, line := range strings.Split(script, "\n") {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "//") {
				continue
			}
			if !strings.HasSuffix(line, ";") {
				t.Fatalf("line %d is not one whole statement: %.80s", i+1, line)
			}
			if err := st.Exec(ctx, strings.TrimSuffix(line, ";"), nil); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
		}
	}
	replay()
	// The script does not carry counts of mentions into node properties;
	// the comparison takes them from the script's own view.
	back := readBack(t, st)
	want := comparable(g)
	for i := range want.Nodes {
		want.Nodes[i].Mentions, want.Nodes[i].Articles = 0, 0
	}
	if !reflect.DeepEqual(back, want) {
		a, b := indentJSON(t, back), indentJSON(t, want)
		t.Fatalf("replayed graph differs:\n%s\nwant\n%s", firstDiff(string(a), string(b)), firstDiff(string(b), string(a)))
	}
	before := snapshot(t, st)
	replay()
	if after := snapshot(t, st); after != before {
		t.Error("replaying the script twice changed the graph")
	}
}

// TestCSVLoadCSV: nodes.csv and relationships.csv, loaded with LOAD CSV
// (the server fetches them from this test over HTTP) into an empty
// database, yield the subgraph.
func TestCSVLoadCSV(t *testing.T) {
	exs := exportCorpus(t)
	g := selectLocal(t, localWith(t, exs...), graph.Selection{})
	dir := t.TempDir()
	for name, buf := range exportAs(t, "csv", g) {
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	st := neo4jWith(t, nil)
	ctx := context.Background()
	d := graph.ArrayDelimiter
	arr := func(col string) string {
		return fmt.Sprintf("CASE WHEN row[%q] IS NULL THEN [] ELSE split(row[%q], $d) END", col, col)
	}
	// Labels cannot be parameters: the nodes are created, then labelled
	// one statement per set of labels.
	if err := st.Exec(ctx, `LOAD CSV WITH HEADERS FROM $url AS row
CREATE (e:Entity {key: row['key:ID'], name: row.name, type: row.type, aliases: `+arr("aliases:string[]")+`,
                  mentions: toInteger(row['mentions:int']), articles: toInteger(row['articles:int']), labels_csv: row[':LABEL']})`,
		map[string]any{"url": srv.URL + "/nodes.csv", "d": d}); err != nil {
		t.Fatal(err)
	}
	sets := query(t, st, `MATCH (e:Entity) RETURN DISTINCT e.labels_csv AS l`, nil)
	for _, s := range sets {
		labels := strings.Split(s["l"].(string), d)
		var set []string
		for _, l := range labels {
			if l != "Entity" {
				set = append(set, quote(l))
			}
		}
		if len(set) > 0 {
			if err := st.Exec(ctx, "MATCH (e:Entity {labels_csv: $l}) SET e:"+strings.Join(set, ":"), map[string]any{"l": s["l"]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.Exec(ctx, "MATCH (e:Entity) REMOVE e.labels_csv", nil); err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for _, e := range g.Edges {
		types[e.Type] = true
	}
	for _, typ := range sortedKeys(types) {
		if err := st.Exec(ctx, `LOAD CSV WITH HEADERS FROM $url AS row
WITH row WHERE row[':TYPE'] = $type
MATCH (s:Entity {key: row[':START_ID']}) MATCH (o:Entity {key: row[':END_ID']})
CREATE (s)-[r:`+quote(typ)+`]->(o)
SET r.articles = toInteger(row['articles:int']), r.article_ids = `+arr("article_ids:string[]")+`,
    r.asserted_articles = toInteger(row['asserted_articles:int']), r.alleged = toBoolean(row['alleged:boolean']),
    r.count = toInteger(row['count:int']), r.confidence = toFloat(row['confidence:double']),
    r.evidence = `+arr("evidence:string[]")+`, r.evidence_articles = `+arr("evidence_articles:string[]")+`,
    r.evidence_assertions = `+arr("evidence_assertions:string[]")+`,
    r.first_seen = date(row['first_seen:date']), r.last_seen = date(row['last_seen:date'])`,
			map[string]any{"url": srv.URL + "/relationships.csv", "d": d, "type": typ}); err != nil {
			t.Fatal(err)
		}
	}
	back := readBack(t, st)
	if want := comparable(g); !reflect.DeepEqual(back, want) {
		a, b := indentJSON(t, back), indentJSON(t, want)
		t.Fatalf("LOAD CSV graph differs:\n%s\nwant\n%s", firstDiff(string(a), string(b)), firstDiff(string(b), string(a)))
	}
}

// TestCypherSelection: --cypher exports what a query returns (paths bring
// their nodes, relationships their ends), and cannot write.
func TestCypherSelection(t *testing.T) {
	exs := exportCorpus(t)
	st := neo4jWith(t, exs)
	ctx := context.Background()
	g, err := st.CypherSubgraph(ctx, `MATCH p = (:Person)-[:LEADS]->(:Organization) RETURN p`)
	if err != nil {
		t.Fatal(err)
	}
	want := query(t, st, `MATCH (s:Person)-[r:LEADS]->(o:Organization) RETURN count(r) AS n, count(DISTINCT s) + count(DISTINCT o) AS m`, nil)[0]
	if len(g.Edges) != anyInt(want["n"]) || len(g.Nodes) != anyInt(want["m"]) || len(g.Edges) < 2 {
		t.Errorf("paths: %s; the graph has %v LEADS among %v nodes", g.Summary(), want["n"], want["m"])
	}
	for _, e := range g.Edges {
		if e.Type != "LEADS" || len(e.Evidence) == 0 || len(e.ArticleIDs) == 0 {
			t.Errorf("edge without its data: %+v", e)
		}
	}
	// Relationships alone bring their end nodes, with their counts.
	g2, err := st.CypherSubgraph(ctx, `MATCH ()-[r:LEADS]->() RETURN collect(r) AS rs`)
	if err != nil {
		t.Fatal(err)
	}
	if len(g2.Nodes) != len(g.Nodes) || len(g2.Edges) != len(g.Edges) || g2.Nodes[0].Mentions == 0 {
		t.Errorf("relationships alone: %s, want %s", g2.Summary(), g.Summary())
	}
	// Articles and their MENTIONS come as they are.
	g3, err := st.CypherSubgraph(ctx, `MATCH (a:Article {id: 'hostile-b'})-[m:MENTIONS]->(e) RETURN a, m, e`)
	if err != nil {
		t.Fatal(err)
	}
	if len(g3.Nodes) != 3 || len(g3.Edges) != 2 || len(g3.Articles) != 1 {
		t.Errorf("article and mentions: %s", g3.Summary())
	}
	before := snapshot(t, st)
	for _, q := range []string{
		`CREATE (n:Entity {key: 'written'}) RETURN n`,
		`MATCH (n:Entity) DETACH DELETE n RETURN count(*)`,
		`MATCH (e:Entity) SET e.name = 'x' RETURN e`,
	} {
		if _, err := st.CypherSubgraph(ctx, q); err == nil || !strings.Contains(err.Error(), "--cypher") {
			t.Errorf("%s: error %v, want a refusal", q, err)
		}
	}
	if snapshot(t, st) != before {
		t.Fatal("a --cypher query wrote to the database")
	}
	if _, err := st.CypherSubgraph(ctx, `MATCH (e:Entity) RETURN e.name LIMIT 3`); err == nil || !strings.Contains(err.Error(), "no nodes, relationships or paths") {
		t.Errorf("scalar rows: %v", err)
	}
}

// indentJSON is v as indented JSON, for showing where two graphs differ.
func indentJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
