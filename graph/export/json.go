package export

import (
	"bufio"
	"bytes"
	"encoding/json"

	"github.com/kg/kg/graph"
)

// jsonFormat writes {"nodes": [...], "edges": [...], "articles": [...]}
// with every property: evidence with the article of each sentence, and the
// supporting articles of every edge.
type jsonFormat struct{}

func init() {
	register(Format{Name: "json", Ext: ".json", Tools: "Python (json; networkx.node_link_graph(d, directed=True, multigraph=True, edges=\"edges\", name=\"key\")), jq, JavaScript",
		Exporter: jsonFormat{}})
}

// Export writes the subgraph as indented JSON, one element at a time.
func (jsonFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(w0)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	list := func(name string, n int, item func(i int) any, last bool) error {
		w.WriteString(`  "` + name + `": [`)
		for i := 0; i < n; i++ {
			if i > 0 {
				w.WriteString(",")
			}
			w.WriteString("\n    ")
			buf.Reset()
			if err := enc.Encode(item(i)); err != nil {
				return err
			}
			w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
		}
		if n > 0 {
			w.WriteString("\n  ")
		}
		w.WriteString("]")
		if !last {
			w.WriteString(",")
		}
		w.WriteString("\n")
		return nil
	}
	w.WriteString("{\n")
	if err := list("nodes", len(g.Nodes), func(i int) any { return g.Nodes[i] }, false); err != nil {
		return err
	}
	if err := list("edges", len(g.Edges), func(i int) any { return g.Edges[i] }, false); err != nil {
		return err
	}
	if err := list("articles", len(g.Articles), func(i int) any { return g.Articles[i] }, len(g.Notes) == 0); err != nil {
		return err
	}
	if len(g.Notes) > 0 {
		if err := list("notes", len(g.Notes), func(i int) any { return g.Notes[i] }, true); err != nil {
			return err
		}
	}
	w.WriteString("}\n")
	return w.Flush()
}
