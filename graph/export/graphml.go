package export

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kg/kg/graph"
)

// graphmlFormat writes GraphML with typed keys, as networkx, Gephi, yEd and
// Cytoscape read it. Lists (aliases, articles, evidence) are JSON arrays in
// string attributes: GraphML has no list type. "label" carries a node's
// name and an edge's type ("KILLED (alleged)" for an alleged fact), which
// Gephi and yEd show.
type graphmlFormat struct{}

func init() {
	register(Format{Name: "graphml", Ext: ".graphml", Tools: "Gephi, yEd, Cytoscape, networkx (read_graphml), igraph", Exporter: graphmlFormat{}})
}

type graphmlKey struct{ id, on, name, typ string }

var graphmlKeys = []graphmlKey{
	{"n_label", "node", "label", "string"},
	{"n_name", "node", "name", "string"},
	{"n_type", "node", "type", "string"},
	{"n_labels", "node", "labels", "string"},
	{"n_aliases", "node", "aliases", "string"},
	{"n_mentions", "node", "mentions", "int"},
	{"n_articles", "node", "articles", "int"},
	{"e_label", "edge", "label", "string"},
	{"e_type", "edge", "type", "string"},
	{"e_articles", "edge", "articles", "int"},
	{"e_asserted_articles", "edge", "asserted_articles", "int"},
	{"e_alleged", "edge", "alleged", "boolean"},
	{"e_article_ids", "edge", "article_ids", "string"},
	{"e_count", "edge", "count", "int"},
	{"e_confidence", "edge", "confidence", "double"},
	{"e_evidence", "edge", "evidence", "string"},
	{"e_evidence_articles", "edge", "evidence_articles", "string"},
	{"e_evidence_assertions", "edge", "evidence_assertions", "string"},
	{"e_first_seen", "edge", "first_seen", "string"},
	{"e_last_seen", "edge", "last_seen", "string"},
}

// Export writes the subgraph as one GraphML document.
func (graphmlFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(w0)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range graphmlKeys {
		fmt.Fprintf(w, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.on, k.name, k.typ)
	}
	w.WriteString("  <graph id=\"kg\" edgedefault=\"directed\">\n")
	for _, n := range g.Nodes {
		w.WriteString("    <node id=\"")
		xmlText(w, n.Key)
		w.WriteString("\">\n")
		data(w, "n_label", n.Name)
		data(w, "n_name", n.Name)
		data(w, "n_type", n.Type)
		data(w, "n_labels", strings.Join(n.Labels, ";"))
		data(w, "n_aliases", jsonList(n.Aliases))
		data(w, "n_mentions", strconv.Itoa(n.Mentions))
		data(w, "n_articles", strconv.Itoa(n.Articles))
		w.WriteString("    </node>\n")
	}
	for i, e := range g.Edges {
		fmt.Fprintf(w, "    <edge id=\"e%d\" source=\"", i)
		xmlText(w, e.Source)
		w.WriteString("\" target=\"")
		xmlText(w, e.Target)
		w.WriteString("\">\n")
		texts, from, assertions := evidenceLists(e.Evidence)
		data(w, "e_label", edgeLabel(e))
		data(w, "e_type", e.Type)
		data(w, "e_articles", strconv.Itoa(e.Articles))
		data(w, "e_asserted_articles", strconv.Itoa(e.AssertedArticles))
		data(w, "e_alleged", strconv.FormatBool(e.Alleged))
		data(w, "e_article_ids", jsonList(e.ArticleIDs))
		data(w, "e_count", strconv.Itoa(e.Count))
		data(w, "e_confidence", strconv.FormatFloat(e.Confidence, 'g', -1, 64))
		data(w, "e_evidence", jsonList(texts))
		data(w, "e_evidence_articles", jsonList(from))
		data(w, "e_evidence_assertions", jsonList(assertions))
		data(w, "e_first_seen", e.FirstSeen)
		data(w, "e_last_seen", e.LastSeen)
		w.WriteString("    </edge>\n")
	}
	w.WriteString("  </graph>\n</graphml>\n")
	return w.Flush()
}

func data(w *bufio.Writer, key, value string) {
	w.WriteString(`      <data key="` + key + `">`)
	xmlText(w, value)
	w.WriteString("</data>\n")
}

// xmlText escapes text for an element or a double-quoted attribute;
// characters XML cannot hold become U+FFFD.
func xmlText(w io.Writer, s string) { xml.EscapeText(w, []byte(s)) }

// jsonList is a list as a JSON array, never null.
func jsonList(xs []string) string {
	if xs == nil {
		xs = []string{}
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// evidenceLists splits evidence into parallel lists of sentences, their
// articles and their assertions, as Neo4j keeps them.
func evidenceLists(ev []graph.Evidence) (texts, from, assertions []string) {
	texts, from, assertions = []string{}, []string{}, []string{}
	for _, e := range ev {
		texts = append(texts, e.Text)
		from = append(from, e.Article)
		assertions = append(assertions, graph.SentenceAssertion(e.Assertion))
	}
	return texts, from, assertions
}

// edgeLabel is the label drawn formats show on an edge: its type, and
// "(alleged)" when no supporting article asserts it.
func edgeLabel(e graph.Edge) string {
	if e.Alleged {
		return e.Type + " (alleged)"
	}
	return e.Type
}
