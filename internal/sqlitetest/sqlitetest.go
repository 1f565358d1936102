// Package sqlitetest gives the tests of the graph packages that compare or
// read a local store (graph's selections, graph/export, graph/neo4j) a store
// of their own holding the extractions they name. graph/sqlite's own tests
// cannot import it (it imports graph/sqlite).
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/schemas"
)

// With opens a fresh local store under the news schema holding exs, each as
// if read from /nonexistent/PATH; it is closed at the end of the test.
func With(t testing.TB, exs ...*extract.Extraction) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	l, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kg.db"), schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	cs := make([]graph.Contribution, len(exs))
	for i, ex := range exs {
		cs[i] = graph.FromExtraction(schemas.Default(), ex, "/nonexistent/"+ex.Document.Path)
	}
	out, err := l.Write(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Err != nil {
			t.Fatalf("%s: %v", exs[i].Document.Path, o.Err)
		}
	}
	return l
}

// Select reads a selection from src; an error fails the test.
func Select(t testing.TB, src graph.Source, sel graph.Selection) *graph.Subgraph {
	t.Helper()
	g, err := graph.Select(context.Background(), src, sel)
	if err != nil {
		t.Fatalf("%+v: %v", sel, err)
	}
	return g
}
