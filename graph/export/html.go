package export

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"

	"github.com/kg/kg/graph"
)

// htmlFormat writes one self-contained web page that draws the subgraph
// with Cytoscape.js: nodes coloured by type and shaped by kind (as in dot),
// edges labelled with their type, a legend, a search box, and a side panel
// that shows a clicked node's or relationship's evidence sentences and
// source articles. The library (graph/assets, vendored by scripts/vendor-js)
// and the page's own script and style are inline, so the page loads nothing
// from the network.
//
// The data goes into a <script type="application/json"> element, written
// element by element as the json format is; the script reads it with
// JSON.parse and puts every text into the page with textContent, never as
// HTML. The browser holds the whole graph in memory, and drawing thousands
// of nodes is slow: the page says so, and Warnings suggests --limit.
type htmlFormat struct{}

func init() {
	register(Format{Name: "html", Ext: ".html", Tools: "a web browser: one self-contained interactive page, no network needed",
		Exporter: htmlFormat{}})
}

var (
	//go:embed assets/cytoscape.min.js
	cytoscapeJS string
	//go:embed html/page.js
	pageJS string
	//go:embed html/page.css
	pageCSS string
)

// htmlManyNodes is the size past which a page is slow to lay out and draw.
const htmlManyNodes = 2000

// htmlNode is a node as the page reads it: the node and its look.
type htmlNode struct {
	graph.Node
	Kind  string `json:"kind"`
	Color string `json:"color"`
	Shape string `json:"shape"`
}

// Warnings says when a subgraph is too large for a comfortable page.
func (htmlFormat) Warnings(g *graph.Subgraph) []string {
	if len(g.Nodes) <= htmlManyNodes {
		return nil
	}
	return []string{fmt.Sprintf("the page holds %d nodes, and browsers are slow to lay out and draw more than %d: --limit N keeps the best-supported N", len(g.Nodes), htmlManyNodes)}
}

// pageNotes are the notes the page shows: the subgraph's, and what the page
// itself leaves out or finds hard.
func (f htmlFormat) pageNotes(g *graph.Subgraph) []string {
	notes := append([]string(nil), g.Notes...)
	notes = append(notes, f.Warnings(g)...)
	idx := g.Index()
	dangling := 0
	for _, e := range g.Edges {
		if idx[e.Source] == nil || idx[e.Target] == nil {
			dangling++
		}
	}
	if dangling > 0 {
		notes = append(notes, fmt.Sprintf("%s whose ends are not in the subgraph not drawn", graph.Plural(dangling, "relationship")))
	}
	return notes
}

// Export writes the page.
func (f htmlFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(w0)
	title := "kg: " + g.Summary()
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="kg export --format html">
<title>%s</title>
<style>
%s</style>
</head>
<body>
`, html.EscapeString(title), pageCSS)
	w.WriteString(pageBody)
	// The data: json.Marshal escapes <, > and & (and U+2028, U+2029), so no
	// text in it can close the element or start a comment.
	w.WriteString(`<script type="application/json" id="kg-data">{"nodes":[`)
	item := func(i int, v any) error {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n")
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if err := item(i, htmlNode{Node: *n, Kind: kind(n), Color: nodeColor(n.Type), Shape: cyShape(n)}); err != nil {
			return err
		}
	}
	w.WriteString(`],"edges":[`)
	for i, e := range g.Edges {
		if err := item(i, e); err != nil {
			return err
		}
	}
	w.WriteString(`],"articles":[`)
	for i, a := range g.Articles {
		if err := item(i, a); err != nil {
			return err
		}
	}
	w.WriteString(`],"notes":[`)
	for i, n := range f.pageNotes(g) {
		if err := item(i, n); err != nil {
			return err
		}
	}
	w.WriteString("]}\n</script>\n<script>\n")
	w.WriteString(cytoscapeJS)
	w.WriteString("\n</script>\n<script>\n")
	w.WriteString(pageJS)
	w.WriteString("</script>\n</body>\n</html>\n")
	return w.Flush()
}

// pageBody is the page's fixed markup; the script fills it.
const pageBody = `<header>
  <h1>kg</h1>
  <span id="kg-summary"></span>
  <input id="kg-search" type="search" list="kg-names" placeholder="Find a name or alias…" autocomplete="off" aria-label="Find a node by name or alias">
  <datalist id="kg-names"></datalist>
  <span id="kg-found"></span>
</header>
<main>
  <div id="kg-graph" aria-label="the graph"></div>
  <aside id="kg-panel">
    <ul id="kg-notes"></ul>
    <section id="kg-details"></section>
    <section id="kg-legend"><h3>Legend</h3><ul id="kg-legend-list"></ul></section>
  </aside>
</main>
<noscript><p>This page draws the graph with JavaScript; the data is in the kg-data element of its source.</p></noscript>
`
