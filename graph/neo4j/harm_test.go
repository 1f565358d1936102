package neo4j

import (
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
)

// legacyPair is an article with a url as an earlier kg read it (its id the
// hash of the url) and as this one does (the hash of its path), from one file.
func legacyPair(t *testing.T) (old, cur *extract.Extraction) {
	t.Helper()
	text := "---\nurl: https://news.example/same\n---\nThe Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza."
	old = extractText(t, "news/a.md", text)
	old.Document.ID = extract.LegacyID("https://news.example/same")
	old.Document.Source = "/nonexistent/news/a.md"
	cur = extractText(t, "news/a.md", text)
	cur.Document.Source = "/nonexistent/news/a.md"
	if old.Document.ID == cur.Document.ID {
		t.Fatal("the legacy id is the new one")
	}
	return old, cur
}

// TestLegacyIDCarriedOver: the same in Neo4j.
func TestLegacyIDCarriedOver(t *testing.T) {
	cfg := testConfig(t)
	st := testStore(t, cfg)
	old, cur := legacyPair(t)
	mustLoad(t, st, cur)
	want := snapshot(t, st)
	clearGraph(t)
	mustLoad(t, st, old)
	if s := mustLoad(t, st, cur); s[0] != graph.Changed {
		t.Errorf("carried over: %s, want updated", s[0])
	}
	if got := snapshot(t, st); got != want {
		t.Errorf("carried-over graph differs from a clean load:\n%s", firstDiff(got, want))
	}
	checkAggregates(t, st)
}
