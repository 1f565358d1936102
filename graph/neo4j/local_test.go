package neo4j

import (
	"bytes"
	"io"
	"testing"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/export"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/sqlitetest"
)

// The local store and the exporters, for the tests that compare Neo4j with
// them.

var (
	hostileExtractions = graphtest.HostileExtractions
	localWith          = sqlitetest.With
	selectLocal        = sqlitetest.Select
)

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
