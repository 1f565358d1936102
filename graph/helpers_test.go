package graph

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
)

// Integration tests run against the real Neo4j test server that scripts/test
// starts (KG_TEST_NEO4J_URI; see package neo4jtest), never against NEO4J_URI.
// Without one they skip and say so, unless KG_REQUIRE_NEO4J=1, where a missing
// server is a failure.

func TestMain(m *testing.M) { neo4jtest.Main(m, "graph") }

// testConfig returns the test server's settings with its database emptied,
// or skips the test when there is no test server.
func testConfig(t testing.TB) Config {
	t.Helper()
	c := neo4jtest.Server(t)
	return Config{
		URI:       c.URI,
		Username:  c.Username,
		Password:  c.Password,
		Database:  c.Database,
		BatchSize: 50, // small, so that tests cross batch boundaries
	}
}

// testStore opens the test server with cfg (from testConfig) and creates the
// schema.
func testStore(t testing.TB, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, cfg, schemas.Default())
	if err != nil {
		t.Fatalf("the test server is not usable: %v", err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// clearGraph empties the test database, which neo4jtest checks is the tests'.
func clearGraph(t testing.TB) {
	t.Helper()
	if err := neo4jtest.Clear(context.Background(), neo4jtest.Driver(t), neo4jtest.FromEnv()); err != nil {
		t.Fatal(err)
	}
}

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
)

func testExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	extractorOnce.Do(func() {
		var err error
		if extractor, err = extract.New(schemas.Default()); err != nil {
			panic(err)
		}
	})
	return extractor
}

// extractText extracts an article with a fixed identity, as if read from path.
func extractText(t testing.TB, path, text string) *extract.Extraction {
	t.Helper()
	doc, err := extract.Parse(path, path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return testExtractor(t).Extract(doc)
}

func exampleExtractions(t testing.TB) []*extract.Extraction {
	t.Helper()
	var out []*extract.Extraction
	for _, n := range []string{"isis-k-kabul-airport-threat.txt", "islamic-state-and-us-policy.txt", "us-designates-isis-k-leaders.md"} {
		data, err := os.ReadFile("../examples/articles/" + n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, extractText(t, "examples/articles/"+n, string(data)))
	}
	return out
}

func mustLoad(t testing.TB, st *Store, exs ...*extract.Extraction) []Status {
	t.Helper()
	var out []Status
	for _, ex := range exs {
		s, err := st.Load(context.Background(), ex)
		if err != nil {
			t.Fatalf("load %s: %v", ex.Document.Path, err)
		}
		out = append(out, s)
	}
	return out
}

func query(t testing.TB, st *Store, q string, params map[string]any) []map[string]any {
	t.Helper()
	rows, err := st.Query(context.Background(), q, params)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return rows
}

// snapshot renders the whole graph (see neo4jtest.Snapshot): two graphs with
// equal snapshots hold the same facts.
func snapshot(t testing.TB, st *Store) string {
	t.Helper()
	s, err := neo4jtest.Snapshot(context.Background(), st.driver, st.cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// synthetic makes extractions of a synthetic corpus: articles articles with
// rels relations each among entities entities, deterministic.
func synthetic(articles, rels, entities int) []*extract.Extraction {
	s := schemas.Default()
	type ent struct{ id, name, typ string }
	ents := make([]ent, entities)
	types := []string{"Person", "Organization", "Country"}
	for i := range ents {
		typ := types[i%3]
		name := fmt.Sprintf("%s %d", typ, i)
		ents[i] = ent{extract.Key(s, typ, name), name, typ}
	}
	pick := func(seed *uint64, typ string) ent {
		*seed = *seed*6364136223846793005 + 1442695040888963407
		i := int((*seed >> 33) % uint64(entities/3))
		return ents[i*3+map[string]int{"Person": 0, "Organization": 1, "Country": 2}[typ]]
	}
	shapes := [][3]string{{"Person", "LEADS", "Organization"}, {"Person", "MEMBER_OF", "Organization"},
		{"Organization", "OPPOSES", "Organization"}, {"Organization", "BASED_IN", "Country"}, {"Person", "CITIZEN_OF", "Country"}}
	out := make([]*extract.Extraction, articles)
	seed := uint64(42)
	for a := range out {
		ex := &extract.Extraction{Document: extract.DocumentRef{ID: fmt.Sprintf("synthetic-%05d", a),
			Path: fmt.Sprintf("synthetic/%05d.txt", a), Title: fmt.Sprintf("Synthetic %d", a), SHA256: fmt.Sprintf("sha-%d", a)}}
		seen := map[string]bool{}
		addEnt := func(e ent) extract.Argument {
			if !seen[e.id] {
				seen[e.id] = true
				ex.Entities = append(ex.Entities, extract.Entity{ID: e.id, Name: e.name, Type: e.typ,
					Labels: s.Labels(e.typ), Aliases: []string{}, Mentions: []extract.Mention{{Text: e.name}}})
			}
			return extract.Argument{ID: e.id, Name: e.name, Type: e.typ, Labels: s.Labels(e.typ), Text: e.name}
		}
		for r := 0; r < rels; r++ {
			sh := shapes[r%len(shapes)]
			subj, obj := pick(&seed, sh[0]), pick(&seed, sh[2])
			if subj.id == obj.id {
				continue
			}
			ex.Relations = append(ex.Relations, extract.Relation{Type: sh[1], Subject: addEnt(subj), Object: addEnt(obj),
				Evidence: extract.Evidence{Text: fmt.Sprintf("Synthetic sentence %d of article %d.", r, a)}, Confidence: 0.7, Rule: "synthetic"})
		}
		out[a] = ex
	}
	return out
}

// checkAggregates checks the invariant of the provenance model: every
// fact's edge carries exactly the aggregates of its ASSERTS, every Fact has
// its edge and at least one ASSERTS, and every edge between entities its
// Fact.
func checkAggregates(t testing.TB, st *Store) {
	t.Helper()
	ctx := context.Background()
	edges, err := st.Edges(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*aggregate{}
	recs := query(t, st, `MATCH (a:Article)-[x:ASSERTS]->(f:Fact) RETURN f.id AS id, f.type AS type, f.subject AS s, f.object AS o,
		a.id AS article, x.count AS count, x.confidence AS confidence, x.evidence AS evidence, x.seen AS seen ORDER BY id, article`, nil)
	for _, r := range recs {
		id := r["id"].(string)
		g := want[id]
		if g == nil {
			g = &aggregate{id: id, typ: r["type"].(string), subject: r["s"].(string), object: r["o"].(string)}
			want[id] = g
		}
		g.add(assertion{article: r["article"].(string), count: anyInt(r["count"]), confidence: r["confidence"].(float64),
			evidence: anyStrings(r["evidence"]), seen: dateString(r["seen"])}, st.cfg.MaxEvidence)
	}
	got := query(t, st, `MATCH (s:Entity)-[r]->(o:Entity) RETURN type(r) AS type, s.key AS s, o.key AS o, properties(r) AS p`, nil)
	if len(got) != len(want) || len(edges) != len(want) {
		t.Errorf("%d edges between entities, %d facts with ASSERTS, %d edges read", len(got), len(want), len(edges))
	}
	if n := count(t, st, "MATCH (f:Fact) WHERE NOT (f)<-[:ASSERTS]-() RETURN count(f) AS n"); n != 0 {
		t.Errorf("%d facts without articles", n)
	}
	for _, r := range got {
		id := factID(r["type"].(string), r["s"].(string), r["o"].(string))
		g := want[id]
		if g == nil {
			t.Errorf("edge %s has no Fact with ASSERTS", id)
			continue
		}
		p := r["p"].(map[string]any)
		w := g.row()
		ok := anyInt(p["articles"]) == g.articles && anyInt(p["count"]) == g.count && p["confidence"] == g.confidence &&
			anyInt(p["confidence_articles"]) == g.confidenceN && dateString(p["first_seen"]) == g.first && anyInt(p["first_seen_articles"]) == g.firstN &&
			dateString(p["last_seen"]) == g.last && anyInt(p["last_seen_articles"]) == g.lastN &&
			fmt.Sprint(anyStrings(p["evidence"])) == fmt.Sprint(orEmpty(g.evidence)) && fmt.Sprint(anyStrings(p["evidence_articles"])) == fmt.Sprint(orEmpty(g.evidenceArticles))
		if !ok {
			t.Errorf("edge %s carries %v; its ASSERTS make %v", id, p, w)
		}
	}
}
