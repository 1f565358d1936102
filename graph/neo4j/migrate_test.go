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

// TestMigrateOldModel: a graph the previous kg wrote is migrated by
// EnsureSchema into the graph a clean load makes, aggregates and all; a
// second EnsureSchema changes nothing, and loading goes on from there.
func TestMigrateOldModel(t *testing.T) {
	cfg := testConfig(t)
	st := testStore(t, cfg)
	exs := append(exampleExtractions(t), hostileExtractions()...)
	mustLoad(t, st, exs...)
	want := snapshot(t, st)
	clearGraph(t)
	writeOldModel(t, st, exs)
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
		if s != graph.Unchanged {
			t.Errorf("after migration, loading the same articles: %s", s)
		}
	}
}
