package neo4j

import (
	"context"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
)

// writeOldModel writes extractions as kg wrote them before Fact nodes: each
// relationship listing its articles, their counts and confidences, and its
// evidence with their articles, in parallel lists; each article its facts.
func writeOldModel(t *testing.T, st *Store, exs []*extract.Extraction) {
	t.Helper()
	ctx := context.Background()
	for _, ex := range exs {
		c := graph.FromExtraction(st.schema, ex, ex.Document.Source)
		doc := c.Article
		fs := c.Facts
		ids := make([]string, len(fs))
		for i, f := range fs {
			ids[i] = f.ID()
		}
		if err := st.Exec(ctx, `CREATE (a:Article {id: $id, path: $path, title: $title, url: $url, source: $source, published: $published, sha256: $sha,
			schema: $schema, extractor: $extractor, facts: $facts, loaded_at: datetime()})`, map[string]any{
			"id": doc.ID, "path": doc.Path, "title": doc.Title, "url": doc.URL, "source": doc.Source, "published": doc.Published, "sha": doc.SHA256,
			"schema": st.schema.Fingerprint(), "extractor": doc.Extractor, "facts": ids}); err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Entities {
			labels := ""
			for _, l := range st.schema.Labels(e.Type) {
				labels += ":" + quote(l)
			}
			if err := st.Exec(ctx, `MERGE (e:Entity {key: $key}) ON CREATE SET e.name = $name, e.name_prefix = $name, e.type = $type, e.aliases = $aliases ON MATCH SET e.aliases = e.aliases + [x IN $aliases WHERE NOT x IN e.aliases]
				SET e`+labels+` WITH e MATCH (a:Article {id: $article}) CREATE (a)-[:MENTIONS {count: $n}]->(e)`, map[string]any{
				"key": e.Key, "name": e.Name, "type": e.Type, "aliases": orEmpty(e.Aliases), "article": doc.ID, "n": e.Mentions}); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range fs {
			if err := st.Exec(ctx, `MATCH (s:Entity {key: $s}) MATCH (o:Entity {key: $o})
MERGE (s)-[r:`+quote(f.Type)+`]->(o)
ON CREATE SET r.articles = [$article], r.article_counts = [$count], r.article_confidences = [$confidence], r.count = $count,
  r.confidence = $confidence, r.evidence = $evidence, r.evidence_articles = [x IN $evidence | $article], r.first_seen = date(), r.last_seen = date()
ON MATCH SET r.articles = r.articles + $article, r.article_counts = r.article_counts + $count,
  r.article_confidences = r.article_confidences + $confidence, r.count = r.count + $count,
  r.evidence = r.evidence + $evidence, r.evidence_articles = r.evidence_articles + [x IN $evidence | $article]`, map[string]any{
				"s": f.Subject, "o": f.Object, "article": doc.ID, "count": f.Count, "confidence": f.Confidence, "evidence": orEmpty(graph.FirstEvidence(f.Evidence, st.cfg.MaxEvidence))}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestMigrateOldModel: a graph the kg before Fact nodes wrote is migrated by
// EnsureSchema into the graph a clean load makes, aggregates and all (every
// fact asserted, as that kg had them, and every article to be read again
// for what it alleges); a second EnsureSchema changes nothing, and loading
// goes on from there.
func TestMigrateOldModel(t *testing.T) {
	cfg := testConfig(t)
	st := testStore(t, cfg)
	exs := append(exampleExtractions(t), hostileExtractions()...)
	exs = append(exs, extractText(t, "news/prosecutors.txt", graphtest.Allegation.Alleges))
	var unmarked []*extract.Extraction
	for _, ex := range exs {
		unmarked = append(unmarked, graphtest.Unmarked(ex))
	}
	mustLoad(t, st, exs...)
	clean := snapshot(t, st)
	clearGraph(t)
	mustLoad(t, st, unmarked...)
	if err := st.Exec(context.Background(), `MATCH (a:Article) SET a.extractor = 'unmarked:' + a.extractor`, nil); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, st)
	clearGraph(t)
	writeOldModel(t, st, unmarked)
	if _, err := st.Write(context.Background(), graphtest.Contributions(exs[:1]...)); err == nil {
		t.Error("loading into an unmigrated graph did not refuse")
	}
	if err := st.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, st); got != want {
		t.Errorf("migrated graph differs from a clean load:\n%s", firstDiff(got, want))
	}
	checkAggregates(t, st)
	if err := st.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, st); got != want {
		t.Error("a second EnsureSchema changed the migrated graph")
	}
	for _, s := range mustLoad(t, st, exs...) {
		if s != graph.Changed {
			t.Errorf("after migration, loading the same articles: %s, want changed (read again)", s)
		}
	}
	if got := snapshot(t, st); got != clean {
		t.Errorf("after loading the articles again the graph differs from a clean load:\n%s", firstDiff(got, clean))
	}
	checkAggregates(t, st)
}

// TestMigrateAlleged: a graph the kg before alleged facts wrote (the
// provenance model without alleged, asserted_articles and
// evidence_assertions) is upgraded by EnsureSchema: every fact asserted, as
// that kg stored it, nothing else changed, and every article to be read
// again; reading them again gives the graph a clean load makes, alleged
// facts marked. A second EnsureSchema changes nothing.
func TestMigrateAlleged(t *testing.T) {
	ctx := context.Background()
	st := testStore(t, testConfig(t))
	exs := append(exampleExtractions(t), hostileExtractions()...)
	exs = append(exs, extractText(t, "news/prosecutors.txt", graphtest.Allegation.Alleges),
		extractText(t, "news/both.txt", graphtest.Allegation.Both))
	var unmarked []*extract.Extraction
	for _, ex := range exs {
		unmarked = append(unmarked, graphtest.Unmarked(ex))
	}
	mustLoad(t, st, exs...)
	clean := snapshot(t, st)
	clearGraph(t)
	mustLoad(t, st, unmarked...)
	if err := st.Exec(ctx, `MATCH (a:Article) SET a.extractor = 'unmarked:' + a.extractor`, nil); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, st)
	// The earlier kg's graph: the same, without what it did not write.
	if err := st.Exec(ctx, `MATCH ()-[x:ASSERTS]->() REMOVE x.alleged, x.evidence_assertions`, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.Exec(ctx, `MATCH (:Entity)-[r]->(:Entity) REMOVE r.alleged, r.asserted_articles, r.evidence_assertions`, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.Exec(ctx, `MATCH (a:Article) SET a.extractor = substring(a.extractor, size('unmarked:'))`, nil); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := st.EnsureSchema(ctx); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, st); got != want {
			t.Errorf("EnsureSchema %d: the upgraded graph differs from the earlier one's facts, all asserted and to be read again:\n%s", i+1, firstDiff(got, want))
		}
	}
	checkAggregates(t, st)
	for _, s := range mustLoad(t, st, exs...) {
		if s != graph.Changed {
			t.Errorf("after the upgrade, loading the same articles: %s, want changed (read again)", s)
		}
	}
	if got := snapshot(t, st); got != clean {
		t.Errorf("after loading the articles again the graph differs from a clean load:\n%s", firstDiff(got, clean))
	}
	checkAggregates(t, st)
	if n := count(t, st, `MATCH (:Entity {name: 'Mark Doyle'})-[r:KILLED {alleged: false, asserted_articles: 1}]->(:Entity {name: 'Anne Ross'}) RETURN count(r) AS n`); n != 1 {
		t.Error("Mark Doyle KILLED Anne Ross is not asserted by one article (both.txt) after the upgrade and the reload")
	}
}
