package neo4j

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/graphtest"
	corpus "github.com/kg/kg/resolve"
	"github.com/kg/kg/schemas"
)

// Articles written for these tests: the first defines NASA and names Nicolás
// Maduro in full, the second uses only "NASA" and "Maduro".
const (
	resolveFull = "Venezuelan President Nicolás Maduro met officials of the National Aeronautics and Space Administration (NASA) in Caracas on Monday. Maduro said the talks went well.\n"
	resolveBare = "Maduro criticized NASA on Tuesday. Reporters said Maduro spoke in Caracas.\n"
)

// resolveStore is one store under test, with its loader.
type resolveStore struct {
	name  string
	store corpus.Store
	load  func(t *testing.T, exs []*extract.Extraction)
	keys  func(t *testing.T) []string
	nodes func(t *testing.T) map[string]graph.Node
}

// resolveStores makes each store under test, in its subtest: the local
// store in a temporary file, Neo4j on the test server.
var resolveStores = []struct {
	name string
	open func(t *testing.T) resolveStore
}{
	{"local", func(t *testing.T) resolveStore { return openResolveStores(t, true) }},
	{"neo4j", func(t *testing.T) resolveStore { return openResolveStores(t, false) }},
}

func openResolveStores(t *testing.T, isLocal bool) resolveStore {
	ctx := context.Background()
	s := schemas.Default()
	var local *sqlite.Store
	var neo *Store
	if isLocal {
		var err error
		local, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "kg.db"), s, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { local.Close() })
	} else {
		cfg := testConfig(t)
		clearGraph(t)
		neo = testStore(t, cfg)
	}
	keysOf := func(t *testing.T, names func(context.Context) ([]graph.Node, error)) map[string]graph.Node {
		ns, err := names(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]graph.Node{}
		for _, n := range ns {
			out[n.Key] = n
		}
		return out
	}
	sorted := func(m map[string]graph.Node) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	if isLocal {
		return resolveStore{name: "local", store: local,
			load: func(t *testing.T, exs []*extract.Extraction) {
				out, err := local.Write(ctx, contributions(s, exs))
				if err != nil || out[0].Err != nil {
					t.Fatal(err, out)
				}
			},
			nodes: func(t *testing.T) map[string]graph.Node { return keysOf(t, local.Names) },
			keys:  func(t *testing.T) []string { return sorted(keysOf(t, local.Names)) }}
	}
	return resolveStore{name: "neo4j", store: neo,
		load: func(t *testing.T, exs []*extract.Extraction) {
			out, err := neo.Write(ctx, contributions(s, exs))
			if err != nil || out[0].Err != nil {
				t.Fatal(err, out)
			}
		},
		nodes: func(t *testing.T) map[string]graph.Node { return keysOf(t, neo.Names) },
		keys:  func(t *testing.T) []string { return sorted(keysOf(t, neo.Names)) }}
}

// build does what kg build does around a store: resolve the new articles
// against the store's corpus, write them, and bring the rest in line.
func build(t *testing.T, st resolveStore, corr *corpus.Corrections, exs ...*extract.Extraction) corpus.ReconcileReport {
	t.Helper()
	ctx := context.Background()
	s := schemas.Default()
	if len(exs) > 0 {
		r, err := corpus.NewResolver(ctx, st.store, s, corr)
		if err != nil {
			t.Fatal(err)
		}
		st.load(t, r.Apply(exs))
	}
	r, err := corpus.NewResolver(ctx, st.store, s, corr)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Reconcile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCorpusResolutionInBothStores(t *testing.T) {
	s := schemas.Default()
	full := graphtest.Extract(t, "full.txt", resolveFull)
	bare := graphtest.Extract(t, "bare.txt", resolveBare)
	maduro, nasa := extract.Key(s, "Person", "Nicolás Maduro"), extract.Key(s, "Organization", "National Aeronautics and Space Administration")
	bareMaduro, bareNasa := extract.Key(s, "Person", "Maduro"), extract.Key(s, "Organization", "NASA")
	for _, sut := range resolveStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t)
			// The bare article first: nothing to resolve it by yet.
			build(t, st, nil, bare)
			if ks := st.keys(t); !slices.Contains(ks, bareMaduro) || !slices.Contains(ks, bareNasa) {
				t.Fatalf("after the bare article: %v", ks)
			}
			// The full article rewrites the bare one's share.
			rep := build(t, st, nil, full)
			ks := st.keys(t)
			if slices.Contains(ks, bareMaduro) || slices.Contains(ks, bareNasa) || !slices.Contains(ks, maduro) || !slices.Contains(ks, nasa) {
				t.Errorf("after the full article: %v, want %s and %s only", ks, maduro, nasa)
			}
			if rep.Rewritten != 1 {
				t.Errorf("%d articles rewritten, want 1 (the bare one)", rep.Rewritten)
			}
			if n := st.nodes(t)[maduro]; n.Name != "Nicolás Maduro" {
				t.Errorf("%s is named %q", maduro, n.Name)
			}
			// Taking the full article back undoes what it caused.
			if _, err := st.store.(graph.Sink).Remove(context.Background(), full.Document.ID); err != nil {
				t.Fatal(err)
			}
			build(t, st, nil)
			if ks := st.keys(t); !slices.Contains(ks, bareMaduro) || !slices.Contains(ks, bareNasa) || slices.Contains(ks, maduro) {
				t.Errorf("after taking the full article back: %v, want %s and %s again", ks, bareMaduro, bareNasa)
			}
		})
	}
}

// TestReconcileAroundInBothStores: as kg sink does, one resolver kept over
// two batches, each reconciled around its own names only: the second
// batch's full names move the first batch's bare ones, and an article whose
// names it does not touch is left alone.
func TestReconcileAroundInBothStores(t *testing.T) {
	s := schemas.Default()
	ctx := context.Background()
	full := graphtest.Extract(t, "full.txt", resolveFull)
	bare := graphtest.Extract(t, "bare.txt", resolveBare)
	other := graphtest.Extract(t, "other.txt", "Fishermen in Bergen landed a record catch of cod on Friday.\n")
	maduro, bareMaduro := extract.Key(s, "Person", "Nicolás Maduro"), extract.Key(s, "Person", "Maduro")
	for _, sut := range resolveStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t)
			r, err := corpus.NewResolver(ctx, st.store, s, nil)
			if err != nil {
				t.Fatal(err)
			}
			batch := func(ex *extract.Extraction) corpus.ReconcileReport {
				st.load(t, r.Apply([]*extract.Extraction{ex}))
				rep, err := r.ReconcileAround(ctx, []string{ex.Document.ID})
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			batch(bare)
			if rep := batch(other); rep.Rewritten != 0 {
				t.Errorf("an article naming no one else rewrote %d articles", rep.Rewritten)
			}
			if ks := st.keys(t); !slices.Contains(ks, bareMaduro) {
				t.Fatalf("after the bare article: %v", ks)
			}
			if rep := batch(full); rep.Rewritten != 1 {
				t.Errorf("%d articles rewritten, want 1 (the bare one)", rep.Rewritten)
			}
			if ks := st.keys(t); slices.Contains(ks, bareMaduro) || !slices.Contains(ks, maduro) {
				t.Errorf("after the full article: %v, want %s and not %s", ks, maduro, bareMaduro)
			}
			// A whole reconcile afterwards finds nothing left to do.
			if rep, err := r.Reconcile(ctx); err != nil || rep.Rewritten != 0 || rep.Stale != 0 {
				t.Errorf("the whole reconcile after the batches: %+v, %v; want nothing rewritten", rep, err)
			}
		})
	}
}

// handExtraction is an article's extraction written out by hand: entities
// given as type, name and aliases, one mention each.
func handExtraction(id string, ents ...[]string) *extract.Extraction {
	s := schemas.Default()
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: id, Path: id + ".txt", Title: id, SHA256: "sha-" + id}}
	for _, e := range ents {
		ex.Entities = append(ex.Entities, extract.Entity{ID: extract.Key(s, e[0], e[1]), Name: e[1], Type: e[0], Labels: s.Labels(e[0]),
			Aliases: slices.Clone(e[2:]), Mentions: []extract.Mention{{Text: e[1]}}})
	}
	return ex
}

// TestTypesReconciledInBothStores: a one-word name an article reads as an
// organization, in an article that also calls a person by it, is that
// person across the corpus, once that article arrives and until it is
// taken back; a one-word name of a person and of a place stays two
// whatever the votes.
func TestTypesReconciledInBothStores(t *testing.T) {
	s := schemas.Default()
	gallery := handExtraction("gallery", []string{"Person", "Ada Quill", "Quill"}, []string{"Organization", "Quill"})
	interview := handExtraction("interview", []string{"Person", "Quill"})
	kendal := []*extract.Extraction{handExtraction("kendal-1", []string{"Person", "Kendal"}),
		handExtraction("kendal-2", []string{"Person", "Kendal"}), handExtraction("kendal-3", []string{"City", "Kendal"})}
	ada, quill, orgQuill := extract.Key(s, "Person", "Ada Quill"), extract.Key(s, "Person", "Quill"), extract.Key(s, "Organization", "Quill")
	kendalP, kendalC := extract.Key(s, "Person", "Kendal"), extract.Key(s, "City", "Kendal")
	for _, sut := range resolveStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t)
			build(t, st, nil, append([]*extract.Extraction{interview}, kendal...)...)
			if ks := st.keys(t); !slices.Contains(ks, quill) || !slices.Contains(ks, kendalP) || !slices.Contains(ks, kendalC) {
				t.Fatalf("before the gallery article: %v", ks)
			}
			build(t, st, nil, gallery)
			ks := st.keys(t)
			if !slices.Contains(ks, ada) || slices.Contains(ks, quill) || slices.Contains(ks, orgQuill) {
				t.Errorf("after the gallery article: %v, want %s and neither %s nor %s", ks, ada, quill, orgQuill)
			}
			if n := st.nodes(t)[ada]; n.Name != "Ada Quill" || n.Type != "Person" {
				t.Errorf("%s is %+v, want the Person Ada Quill", ada, n)
			}
			if !slices.Contains(ks, kendalP) || !slices.Contains(ks, kendalC) {
				t.Errorf("the person Kendal and the city Kendal are not both there: %v", ks)
			}
			if _, err := st.store.(graph.Sink).Remove(context.Background(), gallery.Document.ID); err != nil {
				t.Fatal(err)
			}
			build(t, st, nil)
			if ks := st.keys(t); !slices.Contains(ks, quill) || slices.Contains(ks, ada) {
				t.Errorf("after taking the gallery article back: %v, want %s alone again", ks, quill)
			}
		})
	}
}

// TestHeadWordAloneInBothStores: "the Army" of two articles is two
// nodes, in a build, even when an article names an army the corpus knows
// ("Tarn Army"). A given name alone ("Daniel") is one node until an article
// names a person it begins ("Daniel Okoye"), then one per article, in a
// build and in a sink's batches; taking that article back makes it one
// again.
func TestHeadWordAloneInBothStores(t *testing.T) {
	s := schemas.Default()
	ctx := context.Background()
	a := handExtraction("army-a", []string{"Organization", "Army"}, []string{"City", "Oster"}, []string{"Person", "Daniel"})
	b := handExtraction("army-b", []string{"Organization", "Army"}, []string{"Person", "Daniel"})
	named := handExtraction("army-named", []string{"Organization", "Tarn Army"}, []string{"Person", "Daniel Okoye"})
	army, tarn := extract.Key(s, "Organization", "Army"), extract.Key(s, "Organization", "Tarn Army")
	daniel, okoye := extract.Key(s, "Person", "Daniel"), extract.Key(s, "Person", "Daniel Okoye")
	count := func(ks []string, key string) (n int) {
		for _, k := range ks {
			if k == key || strings.HasPrefix(k, key+"@") {
				n++
			}
		}
		return n
	}
	for _, sut := range resolveStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t)
			build(t, st, nil, a, b)
			if ks := st.keys(t); count(ks, army) != 2 || slices.Contains(ks, army) || !slices.Contains(ks, daniel) || count(ks, daniel) != 1 {
				t.Fatalf("after two articles naming the Army and Daniel: %v, want two armies of their own and one %s", ks, daniel)
			}
			build(t, st, nil, named)
			if ks := st.keys(t); count(ks, army) != 2 || !slices.Contains(ks, tarn) || count(ks, daniel) != 2 || slices.Contains(ks, daniel) || !slices.Contains(ks, okoye) {
				t.Errorf("with Tarn Army and Daniel Okoye known: %v, want two armies and two Daniels of their own beside them", ks)
			}
			if _, err := st.store.(graph.Sink).Remove(ctx, named.Document.ID); err != nil {
				t.Fatal(err)
			}
			build(t, st, nil)
			if ks := st.keys(t); count(ks, army) != 2 || slices.Contains(ks, tarn) || !slices.Contains(ks, daniel) || count(ks, daniel) != 1 {
				t.Errorf("after taking the naming article back: %v, want two armies of their own and one %s", ks, daniel)
			}
			// As kg sink does: the named article in a batch of its own,
			// reconciled around its names.
			r, err := corpus.NewResolver(ctx, st.store, s, nil)
			if err != nil {
				t.Fatal(err)
			}
			st.load(t, r.Apply([]*extract.Extraction{named}))
			if rep, err := r.ReconcileAround(ctx, []string{named.Document.ID}); err != nil || rep.Rewritten != 2 {
				t.Errorf("reconciling around the naming article: %+v, %v; want the two articles rewritten", rep, err)
			}
			if ks := st.keys(t); count(ks, army) != 2 || count(ks, daniel) != 2 || slices.Contains(ks, daniel) {
				t.Errorf("after the sink's batch: %v, want two armies and two Daniels of their own", ks)
			}
			if rep, err := r.Reconcile(ctx); err != nil || rep.Rewritten != 0 || rep.Stale != 0 {
				t.Errorf("the whole reconcile after the batch: %+v, %v; want nothing rewritten", rep, err)
			}
		})
	}
}

func TestCorrectionsInBothStores(t *testing.T) {
	s := schemas.Default()
	full := graphtest.Extract(t, "full.txt", resolveFull)
	bare := graphtest.Extract(t, "bare.txt", resolveBare)
	maduro, bareMaduro := extract.Key(s, "Person", "Nicolás Maduro"), extract.Key(s, "Person", "Maduro")
	caracas := extract.Key(s, "City", "Caracas")
	corr := &corpus.Corrections{Entries: []corpus.Correction{
		{Split: []string{"Maduro", "Nicolás Maduro"}},
		{Rename: &corpus.Change{Entity: "Caracas", To: "Santiago de León de Caracas"}},
		{Reject: &corpus.Reject{Entity: "NASA"}},
		{Merge: []string{"Nobody Here", "Caracas"}},
	}}
	for _, sut := range resolveStores {
		t.Run(sut.name, func(t *testing.T) {
			st := sut.open(t)
			build(t, st, nil, full, bare)
			if ks := st.keys(t); slices.Contains(ks, bareMaduro) {
				t.Fatalf("without corrections Maduro is apart: %v", ks)
			}
			build(t, st, corr)
			nodes := st.nodes(t)
			if _, ok := nodes[bareMaduro]; !ok {
				t.Errorf("split: no %s: %v", bareMaduro, st.keys(t))
			}
			if _, ok := nodes[maduro]; !ok {
				t.Errorf("split: no %s", maduro)
			}
			if nodes[caracas].Name != "Santiago de León de Caracas" {
				t.Errorf("rename: %s is named %q", caracas, nodes[caracas].Name)
			}
			for k := range nodes {
				if k == extract.Key(s, "Organization", "NASA") || k == extract.Key(s, "Organization", "National Aeronautics and Space Administration") {
					t.Errorf("reject: %s is still there", k)
				}
			}
			r, err := corpus.NewResolver(context.Background(), st.store, s, corr)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Reconcile(context.Background()); err != nil {
				t.Fatal(err)
			}
			if u := r.Unmatched(); len(u) != 1 {
				t.Errorf("unmatched corrections: %q, want the one naming Nobody Here", u)
			}
		})
	}
}

// contributions are extractions as a build writes them.
func contributions(s *schemas.Schema, exs []*extract.Extraction) []graph.Contribution {
	cs := make([]graph.Contribution, len(exs))
	for i, ex := range exs {
		cs[i] = graph.FromExtraction(s, ex, "")
	}
	return cs
}
