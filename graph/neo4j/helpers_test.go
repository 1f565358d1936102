package neo4j

import (
	"context"
	"fmt"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
)

// Integration tests run against the real Neo4j test server that scripts/test
// starts (KG_TEST_NEO4J_URI; see package neo4jtest), never against NEO4J_URI.
// Without one they skip and say so, unless KG_REQUIRE_NEO4J=1, where a missing
// server is a failure.

func TestMain(m *testing.M) { neo4jtest.Main(m, "graph/neo4j") }

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
	t.Cleanup(func() { st.Close() })
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

func mustLoad(t testing.TB, st *Store, exs ...*extract.Extraction) []graph.Status {
	t.Helper()
	var out []graph.Status
	for _, ex := range exs {
		s, err := writeOne(context.Background(), st, ex)
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
	want := map[string]*graph.Aggregate{}
	recs := query(t, st, `MATCH (a:Article)-[x:ASSERTS]->(f:Fact) RETURN f.id AS id, f.type AS type, f.subject AS s, f.object AS o,
		a.id AS article, x.count AS count, x.confidence AS confidence, x.alleged AS alleged, x.evidence AS evidence,
		x.evidence_assertions AS assertions, x.seen AS seen ORDER BY id, article`, nil)
	for _, r := range recs {
		id := r["id"].(string)
		g := want[id]
		if g == nil {
			g = graph.NewAggregate(r["type"].(string), r["s"].(string), r["o"].(string))
			want[id] = g
		}
		if _, ok := r["alleged"].(bool); !ok {
			t.Errorf("an ASSERTS of %s has alleged %v, not true or false", id, r["alleged"])
		}
		if ev, as := anyStrings(r["evidence"]), anyStrings(r["assertions"]); len(as) != len(ev) {
			t.Errorf("an ASSERTS of %s has %d evidence sentences and %d assertions", id, len(ev), len(as))
		}
		g.Add(graph.Assertion{Article: r["article"].(string), Count: anyInt(r["count"]), Confidence: r["confidence"].(float64),
			Alleged: r["alleged"] == true, Evidence: anyStrings(r["evidence"]), EvidenceAssertions: anyStrings(r["assertions"]),
			Seen: dateString(r["seen"])}, st.cfg.MaxEvidence)
	}
	got := query(t, st, `MATCH (s:Entity)-[r]->(o:Entity) RETURN type(r) AS type, s.key AS s, o.key AS o, properties(r) AS p`, nil)
	if len(got) != len(want) || len(edges) != len(want) {
		t.Errorf("%d edges between entities, %d facts with ASSERTS, %d edges read", len(got), len(want), len(edges))
	}
	if n := count(t, st, "MATCH (f:Fact) WHERE NOT (f)<-[:ASSERTS]-() RETURN count(f) AS n"); n != 0 {
		t.Errorf("%d facts without articles", n)
	}
	for _, r := range got {
		id := graph.FactID(r["type"].(string), r["s"].(string), r["o"].(string))
		g := want[id]
		if g == nil {
			t.Errorf("edge %s has no Fact with ASSERTS", id)
			continue
		}
		p := r["p"].(map[string]any)
		w := row(g)
		ok := anyInt(p["articles"]) == g.Articles && anyInt(p["asserted_articles"]) == g.AssertedArticles && p["alleged"] == g.Alleged() &&
			fmt.Sprint(anyStrings(p["evidence_assertions"])) == fmt.Sprint(orEmpty(g.EvidenceAssertions)) &&
			anyInt(p["count"]) == g.Count && p["confidence"] == g.Confidence &&
			anyInt(p["confidence_articles"]) == g.ConfidenceN && dateString(p["first_seen"]) == g.First && anyInt(p["first_seen_articles"]) == g.FirstN &&
			dateString(p["last_seen"]) == g.Last && anyInt(p["last_seen_articles"]) == g.LastN &&
			fmt.Sprint(anyStrings(p["evidence"])) == fmt.Sprint(orEmpty(g.Evidence)) && fmt.Sprint(anyStrings(p["evidence_articles"])) == fmt.Sprint(orEmpty(g.EvidenceArticles))
		if !ok {
			t.Errorf("edge %s carries %v; its ASSERTS make %v", id, p, w)
		}
	}
}

var (
	testExtractor      = graphtest.Extractor
	extractText        = graphtest.Extract
	exampleExtractions = graphtest.Examples
	synthetic          = graphtest.Synthetic
)

// writeOne writes one article; an article left out is an error naming it.
func writeOne(ctx context.Context, st *Store, ex *extract.Extraction) (graph.Status, error) {
	out, err := st.Write(ctx, graphtest.Contributions(ex))
	if err != nil {
		return "", err
	}
	if out[0].Err != nil {
		return "", fmt.Errorf("%s: %w", ex.Document.Path, out[0].Err)
	}
	return out[0].Status, nil
}
