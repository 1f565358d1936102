package neo4j

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/export"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

// The local store and the exporters, for the tests that compare Neo4j with
// them.

var hostileExtractions = graphtest.HostileExtractions

// localWith opens a fresh local store holding exs.
func localWith(t testing.TB, exs ...*extract.Extraction) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	l, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kg.db"), schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	in := make([]sqlite.Input, len(exs))
	for i, ex := range exs {
		in[i] = sqlite.Input{Extraction: ex, AbsPath: "/nonexistent/" + ex.Document.Path}
	}
	out, err := l.Write(ctx, in)
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

func selectLocal(t testing.TB, l *sqlite.Store, sel graph.Selection) *graph.Subgraph {
	t.Helper()
	g, err := graph.Select(context.Background(), l, sel)
	if err != nil {
		t.Fatalf("%+v: %v", sel, err)
	}
	return g
}

// memOutput collects an export's files in memory.
type memOutput map[string]*bytes.Buffer

func (m memOutput) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return b, nil
}

func exportAs(t testing.TB, format string, g *graph.Subgraph) memOutput {
	t.Helper()
	out := memOutput{}
	if err := export.Formats[format].Exporter.Export(out, g); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return out
}
