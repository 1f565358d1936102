package neo4j

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

// allegedStore is one store under test: a Sink and Source, with the way to
// read the alleged fact's row as the store itself keeps it, and a snapshot.
type allegedStore struct {
	sink   graph.Sink
	source graph.Source
	// raw reads the fact's articles, asserted articles and alleged mark
	// from the store's own tables or properties.
	raw      func(t *testing.T, typ, s, o string) (articles, asserted int64, alleged bool, ok bool)
	snapshot func(t *testing.T) string
	// check checks the store's own invariants.
	check func(t *testing.T)
	// maxEvidence is how many sentences of an article's share it keeps.
	maxEvidence int
}

var allegedStores = []struct {
	name string
	open func(t *testing.T, path string) allegedStore
}{
	{"local", func(t *testing.T, path string) allegedStore {
		ctx := context.Background()
		l, err := sqlite.Open(ctx, path, schemas.Default(), 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return allegedStore{sink: l, source: l,
			raw: func(t *testing.T, typ, s, o string) (int64, int64, bool, bool) {
				var n, asserted int64
				var alleged bool
				err := db.QueryRow(`SELECT articles, asserted_articles, alleged FROM facts WHERE type = ? AND subject = ? AND object = ?`, typ, s, o).
					Scan(&n, &asserted, &alleged)
				if err == sql.ErrNoRows {
					return 0, 0, false, false
				}
				if err != nil {
					t.Fatal(err)
				}
				return n, asserted, alleged, true
			},
			snapshot: func(t *testing.T) string {
				s, err := l.Snapshot(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return s
			},
			check: func(t *testing.T) {}, maxEvidence: graph.DefaultMaxEvidence}
	}},
	{"neo4j", func(t *testing.T, _ string) allegedStore { return openAllegedNeo4j(t, 0) }},
	// One evidence sentence per edge: taking back an article whose sentence
	// is not on the edge (nor its best confidence) adjusts the edge without
	// reading the fact's other articles, a path the default rarely takes.
	{"neo4j, one evidence sentence", func(t *testing.T, _ string) allegedStore { return openAllegedNeo4j(t, 1) }},
}

func openAllegedNeo4j(t *testing.T, maxEvidence int) allegedStore {
	cfg := testConfig(t)
	cfg.MaxEvidence = maxEvidence
	clearGraph(t)
	st := testStore(t, cfg)
	return allegedStore{sink: st, source: st, maxEvidence: st.cfg.MaxEvidence,
		raw: func(t *testing.T, typ, s, o string) (int64, int64, bool, bool) {
			rows := query(t, st, `MATCH (:Entity {key: $s})-[r]->(:Entity {key: $o}) WHERE type(r) = $t
RETURN r.articles AS n, r.asserted_articles AS asserted, r.alleged AS alleged`, map[string]any{"s": s, "o": o, "t": typ})
			if len(rows) == 0 {
				return 0, 0, false, false
			}
			n, _ := rows[0]["n"].(int64)
			asserted, _ := rows[0]["asserted"].(int64)
			return n, asserted, rows[0]["alleged"] == true, true
		},
		snapshot: func(t *testing.T) string { return snapshot(t, st) },
		check:    func(t *testing.T) { checkAggregates(t, st) }}
}

// TestAllegedInBothStores: a fact no article asserts is alleged, in both
// stores, and stays right as articles come, go and change: adding an
// asserting article clears the mark, taking it back or editing it into an
// allegation sets it again. Each evidence sentence keeps its own assertion,
// so the reader sees which article alleged and which asserted; the graph
// after every change is the one a clean load of the same articles makes.
func TestAllegedInBothStores(t *testing.T) {
	s := schemas.Default()
	doyle, ross := extract.Key(s, "Person", "Mark Doyle"), extract.Key(s, "Person", "Anne Ross")
	alleges := graphtest.Extract(t, "news/prosecutors.txt", graphtest.Allegation.Alleges)
	asserts := graphtest.Extract(t, "news/court.txt", graphtest.Allegation.Asserts)
	charged := graphtest.Extract(t, "news/court.txt", graphtest.Allegation.Charged) // court.txt edited
	both := graphtest.Extract(t, "news/both.txt", graphtest.Allegation.Both)
	for _, ex := range []*extract.Extraction{alleges, asserts, charged, both} {
		if !slices.ContainsFunc(ex.Relations, func(r extract.Relation) bool {
			return r.Type == "KILLED" && r.Subject.ID == doyle && r.Object.ID == ross
		}) {
			t.Fatalf("%q: no Mark Doyle KILLED Anne Ross to test with", ex.Document.Path)
		}
	}
	type step struct {
		name   string
		write  []*extract.Extraction
		remove *extract.Extraction
		// want: the supporting articles, how many assert, and the assertion
		// of each article's evidence ("" when it supports nothing).
		articles, asserted int
		evidence           map[string]string
	}
	steps := []step{
		{name: "an allegation alone", write: []*extract.Extraction{alleges},
			articles: 1, asserted: 0, evidence: map[string]string{"news/prosecutors.txt": "alleged"}},
		{name: "an asserting article added", write: []*extract.Extraction{asserts},
			articles: 2, asserted: 1, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/court.txt": "asserted"}},
		{name: "the asserting article taken back", remove: asserts,
			articles: 1, asserted: 0, evidence: map[string]string{"news/prosecutors.txt": "alleged"}},
		{name: "the asserting article again", write: []*extract.Extraction{asserts},
			articles: 2, asserted: 1, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/court.txt": "asserted"}},
		{name: "the asserting article edited into an allegation", write: []*extract.Extraction{charged},
			articles: 2, asserted: 0, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/court.txt": "alleged"}},
		{name: "an article that alleges and asserts", write: []*extract.Extraction{both},
			articles: 3, asserted: 1, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/court.txt": "alleged", "news/both.txt": "alleged asserted"}},
		{name: "the edited article back as it was", write: []*extract.Extraction{asserts},
			articles: 3, asserted: 2, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/court.txt": "asserted", "news/both.txt": "alleged asserted"}},
		{name: "both asserting articles taken back", remove: asserts,
			articles: 2, asserted: 1, evidence: map[string]string{"news/prosecutors.txt": "alleged", "news/both.txt": "alleged asserted"}},
		{name: "the last asserting article taken back", remove: both,
			articles: 1, asserted: 0, evidence: map[string]string{"news/prosecutors.txt": "alleged"}},
	}
	ctx := context.Background()
	for _, sut := range allegedStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t, filepath.Join(t.TempDir(), "kg.db"))
			current := map[string]*extract.Extraction{} // by path
			for _, step := range steps {
				if step.remove != nil {
					if held, err := st.sink.Remove(ctx, step.remove.Document.ID); err != nil || !held {
						t.Fatalf("%s: Remove: %v, %v", step.name, held, err)
					}
					delete(current, step.remove.Document.Path)
				}
				if len(step.write) > 0 {
					out, err := st.sink.Write(ctx, graphtest.Contributions(step.write...))
					if err != nil || out[0].Err != nil {
						t.Fatalf("%s: Write: %v %v", step.name, err, out)
					}
					for _, ex := range step.write {
						current[ex.Document.Path] = ex
					}
				}
				n, asserted, alleged, ok := st.raw(t, "KILLED", doyle, ross)
				if !ok || n != int64(step.articles) || asserted != int64(step.asserted) || alleged != (step.asserted == 0) {
					t.Errorf("%s: the store keeps articles %d, asserted_articles %d, alleged %v (found %v); want %d, %d, %v",
						step.name, n, asserted, alleged, ok, step.articles, step.asserted, step.asserted == 0)
				}
				edges, err := st.source.Edges(ctx, []string{doyle})
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(edges, func(e graph.Edge) bool { return e.Type == "KILLED" && e.Target == ross })
				if i < 0 {
					t.Fatalf("%s: no edge read", step.name)
				}
				e := edges[i]
				if e.Articles != step.articles || e.AssertedArticles != step.asserted || e.Alleged != (step.asserted == 0) {
					t.Errorf("%s: edge read with articles %d, asserted_articles %d, alleged %v", step.name, e.Articles, e.AssertedArticles, e.Alleged)
				}
				got := map[string]string{}
				for _, ev := range e.Evidence {
					path := ""
					for p, ex := range current {
						if ex.Document.ID == ev.Article {
							path = p
						}
					}
					got[path] = strings.TrimSpace(got[path] + " " + ev.Assertion)
				}
				want := map[string]string{}
				for p, as := range step.evidence {
					f := strings.Fields(as)
					want[p] = strings.Join(f[:min(len(f), st.maxEvidence)], " ")
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: evidence assertions by article %v, want %v", step.name, got, want)
				}
				st.check(t)
			}
			// The graph the changes made is the one a clean load makes.
			got := st.snapshot(t)
			var exs []*extract.Extraction
			for _, p := range slices.Sorted(maps.Keys(current)) {
				exs = append(exs, current[p])
			}
			clean := sut.open(t, filepath.Join(t.TempDir(), "clean.db"))
			if out, err := clean.sink.Write(ctx, graphtest.Contributions(exs...)); err != nil || out[0].Err != nil {
				t.Fatal(err, out)
			}
			if want := clean.snapshot(t); got != want {
				t.Errorf("after the changes the store differs from a clean load:\n%s", firstDiff(got, want))
			}
		})
	}
}
