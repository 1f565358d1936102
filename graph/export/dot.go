package export

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/kg/kg/graph"
)

// dotFormat writes a Graphviz digraph: nodes filled by type and shaped by
// kind, edges labelled with their type, full data in tooltips; an alleged
// fact's edge is dashed and labelled "TYPE (alleged)".
type dotFormat struct{}

func init() {
	register(Format{Name: "dot", Ext: ".dot", Tools: "Graphviz (dot -Tsvg), xdot, Gephi", Exporter: dotFormat{}})
}

// Export writes the subgraph as one DOT document.
func (dotFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(w0)
	w.WriteString("digraph kg {\n  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n")
	w.WriteString("  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n")
	for _, n := range g.Nodes {
		fmt.Fprintf(w, "  %s [label=%s, shape=%s, fillcolor=%s, tooltip=%s];\n",
			dotQuote(n.Key), dotQuote(graph.Clip(n.Name, dotLabelBytes)), dotShape(&n), dotQuote(nodeColor(n.Type)),
			dotQuote(fmt.Sprintf("%s (%s), %s", n.Name, n.Type, graph.Plural(n.Mentions, "mention"))))
	}
	for _, e := range g.Edges {
		tip := e.Type
		if len(e.Evidence) > 0 {
			tip = e.Evidence[0].Text
		}
		style := ""
		if e.Alleged {
			tip = "alleged, asserted by no article: " + tip
			style = ", style=dashed"
		}
		fmt.Fprintf(w, "  %s -> %s [label=%s, tooltip=%s, penwidth=%.1f%s];\n",
			dotQuote(e.Source), dotQuote(e.Target), dotQuote(edgeLabel(e)), dotQuote(tip), 1+min(float64(e.Articles), 8)/2, style)
	}
	w.WriteString("}\n")
	return w.Flush()
}

// dotLabelBytes bounds a node's label, in bytes: a name of thousands of characters
// (a flattened table, say) is cut with "…"; its tooltip keeps it whole.
const dotLabelBytes = 200

// dotChunk bounds one quoted string of DOT output: Graphviz's scanner
// refuses a quoted string longer than 16,384 bytes ("longer than 16384?"),
// so longer values are written as "…" + "…", which DOT joins.
const dotChunk = 8000

// dotQuote makes a DOT double-quoted string: backslashes and quotes are
// escaped, and line breaks become \n, which DOT shows as a centred break. A
// value longer than dotChunk bytes is written as quoted pieces joined by +.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	n := 0
	for _, r := range s {
		if n >= dotChunk {
			b.WriteString(`" + "`)
			n = 0
		}
		before := b.Len()
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
		n += b.Len() - before
	}
	b.WriteByte('"')
	return b.String()
}
