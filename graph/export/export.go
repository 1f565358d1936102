// Package export writes a graph.Subgraph in the formats of kg export: JSON,
// GraphML, CSV (neo4j-admin import), Cypher, DOT and a self-contained HTML
// page. It reads subgraphs only, so it imports graph and no store: what to
// write is chosen by graph.Select from either store.
package export

import (
	"io"
	"sort"

	"github.com/kg/kg/graph"
)

// Output gives an exporter the files it writes: Create("") is the one output
// of a single-file format; a format of several files names each.
type Output interface {
	Create(name string) (io.Writer, error)
}

// Exporter writes a subgraph in one format.
type Exporter interface {
	Export(out Output, g *graph.Subgraph) error
}

// Warner is an Exporter with advice about a subgraph it is to write (one
// too large for the format to be comfortable, say), for people.
type Warner interface {
	Warnings(g *graph.Subgraph) []string
}

// Format describes an export format.
type Format struct {
	Name  string
	Ext   string // the usual file extension, with its dot
	Tools string // what opens it, for --help and the README
	// Files lists the files of a format written into a folder; empty for a
	// single-file format.
	Files    []string
	Exporter Exporter
}

// Formats are the export formats, by name.
var Formats = map[string]Format{}

func register(f Format) { Formats[f.Name] = f }

// FormatNames lists the formats, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
