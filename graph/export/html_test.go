package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kg/kg/graph"
)

// bufOutput collects a single-file export in memory.
type bufOutput struct{ bytes.Buffer }

func (b *bufOutput) Create(string) (io.Writer, error) { return &b.Buffer, nil }

// hostileNames are names that break careless writers: quotes, backticks,
// commas, line breaks, markup that would run as script, an HTML comment, a
// line separator that ends old JavaScript strings, a prototype's name, and
// non-Latin scripts.
var hostileNames = []string{
	`"quote'`,
	"back`tick`${1}",
	"comma, separated",
	"new\nline",
	`</script><script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	"<!-- comment & <![CDATA[ ]]>",
	"line\u2028separator\u2029",
	"__proto__",
	"الدولة الإسلامية في خراسان",
	"伊斯兰国呼罗珊省",
	"Исламское государство",
}

// hostileSubgraph is a small sorted subgraph whose names, evidence and
// articles are hostile: each hostile name is a node, all tied to a hub.
func hostileSubgraph() *graph.Subgraph {
	g := &graph.Subgraph{
		Articles: []graph.ArticleInfo{
			{ID: "a1", Path: "news/<b>one</b>.txt", Title: `Title "one" <i>&amp;</i>`, URL: "https://example.org/one?a=1&b=<2>", Published: "2024-03-01"},
			{ID: "a2", Path: "news/two.md", Title: "Two \u2028 </script>", URL: "javascript:alert(2)"},
		},
		Notes: []string{"a note with <b>markup</b> & \"quotes\""},
	}
	hub := graph.Node{Key: "organization:hub", Name: "Hub <Org>", Type: "Organization", Labels: []string{"Organization"},
		Aliases: []string{"HUB-ALIAS", "هاب"}, Mentions: 9, Articles: 2}
	g.Nodes = append(g.Nodes, hub)
	types := []struct{ typ, kind string }{{"Person", "Person"}, {"Country", "Location"}, {"Group", "Group"}}
	for i, name := range hostileNames {
		t := types[i%len(types)]
		labels := []string{t.kind}
		if t.kind != t.typ {
			labels = append(labels, t.typ)
		}
		key := fmt.Sprintf("%s:hostile-%02d", strings.ToLower(t.kind), i)
		g.Nodes = append(g.Nodes, graph.Node{Key: key, Name: name, Type: t.typ, Labels: labels,
			Aliases: []string{name + " alias"}, Mentions: i + 1, Articles: 1})
		g.Edges = append(g.Edges, graph.Edge{Source: key, Type: "OPPOSES", Target: hub.Key, Articles: 1 + i%2,
			ArticleIDs: []string{"a1", "a2"}[:1+i%2], Count: 1 + i%2, Confidence: 0.5 + float64(i)/100,
			Evidence:  []graph.Evidence{{Text: fmt.Sprintf("Evidence %d: %s opposes the hub.", i, name), Article: "a1"}},
			FirstSeen: "2024-03-01", LastSeen: "2024-03-02"})
		if i%2 == 1 {
			e := &g.Edges[len(g.Edges)-1]
			e.Evidence = append(e.Evidence, graph.Evidence{Text: fmt.Sprintf("Also %d, from a page whose URL is not the web's: <b>%s</b>", i, name), Article: "a2"})
		}
	}
	g.Sort()
	return g
}

func exportHTML(t *testing.T, g *graph.Subgraph) string {
	t.Helper()
	var out bufOutput
	if err := Formats["html"].Exporter.Export(&out, g); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var dataBlock = regexp.MustCompile(`(?s)<script type="application/json" id="kg-data">(.*?)</script>`)

// pageData is the page's JSON block as written, and decoded.
func pageData(t *testing.T, page string) (string, *graph.Subgraph) {
	t.Helper()
	m := dataBlock.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("the page has %d data blocks, want 1", len(m))
	}
	var g graph.Subgraph
	if err := json.Unmarshal([]byte(m[0][1]), &g); err != nil {
		t.Fatalf("the data block is not JSON: %v", err)
	}
	return m[0][1], &g
}

// TestHTMLHostileNames: every hostile text is in the data block only in its
// escaped form, nowhere raw in the page, and decodes back unchanged.
func TestHTMLHostileNames(t *testing.T) {
	g := hostileSubgraph()
	page := exportHTML(t, g)
	block, got := pageData(t, page)
	for _, c := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(block, c) {
			t.Errorf("the data block holds a raw %q", c)
		}
	}
	var texts []string
	for _, n := range g.Nodes {
		texts = append(texts, n.Name)
	}
	for _, e := range g.Edges {
		texts = append(texts, e.Evidence[0].Text)
	}
	for _, a := range g.Articles {
		texts = append(texts, a.Title, a.Path, a.URL)
	}
	texts = append(texts, g.Notes...)
	for _, s := range texts {
		t.Run(s, func(t *testing.T) {
			if strings.ContainsAny(s, "<>&\n\u2028") && strings.Contains(page, s) {
				t.Errorf("%q appears raw in the page", s)
			}
			enc, _ := json.Marshal(s)
			if !strings.Contains(block, string(enc)) {
				t.Errorf("%q is not in the data block as %s", s, enc)
			}
		})
	}
	if !reflect.DeepEqual(got.Edges, g.Edges) || !reflect.DeepEqual(got.Articles, g.Articles) || !reflect.DeepEqual(got.Notes, g.Notes) {
		t.Errorf("edges, articles or notes changed on the way:\n got %+v\nwant %+v", got, g)
	}
	// The nodes carry their look besides; the Node fields come back unchanged.
	if len(got.Nodes) != len(g.Nodes) {
		t.Fatalf("%d nodes, want %d", len(got.Nodes), len(g.Nodes))
	}
	for i := range g.Nodes {
		if !reflect.DeepEqual(got.Nodes[i], g.Nodes[i]) {
			t.Errorf("node %d: got %+v, want %+v", i, got.Nodes[i], g.Nodes[i])
		}
	}
}

// TestHTMLSelfContained: the library is inline once, nothing is loaded from
// anywhere, and the inline scripts cannot end their element early.
func TestHTMLSelfContained(t *testing.T) {
	page := exportHTML(t, hostileSubgraph())
	if n := strings.Count(page, cytoscapeJS); n != 1 {
		t.Errorf("the library is in the page %d times, want 1", n)
	}
	if n := strings.Count(page, "The Cytoscape Consortium"); n != 1 {
		t.Errorf("the library's copyright notice is in the page %d times, want 1", n)
	}
	if !strings.Contains(page, "default-src 'none'") {
		t.Error("the page has no Content-Security-Policy that forbids loads")
	}
	loads := regexp.MustCompile(`(?i)<(script|link|img|iframe|object|embed|source|video|audio)\b[^>]*\b(src|href|data)\s*=`)
	if m := loads.FindAllString(page, -1); len(m) > 0 {
		t.Errorf("the page loads resources: %q", m)
	}
	if m := regexp.MustCompile(`(?i)@import|url\(\s*['"]?https?:`).FindAllString(pageCSS, -1); len(m) > 0 {
		t.Errorf("the style loads resources: %q", m)
	}
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("the page has %d script elements, want 3 (data, library, page)", n)
	}
	for name, js := range map[string]string{"cytoscape.min.js": cytoscapeJS, "page.js": pageJS} {
		l := strings.ToLower(js)
		for _, bad := range []string{"</script", "<script", "<!--"} {
			if strings.Contains(l, bad) {
				t.Errorf("%s holds %q, which would break the page it is inline in", name, bad)
			}
		}
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(pageJS, bad) {
			t.Errorf("page.js uses %s", bad)
		}
	}
}

// TestHTMLNotes: the page shows the subgraph's notes, warns about a page
// too large to draw well, and says what it cannot draw.
func TestHTMLNotes(t *testing.T) {
	many := &graph.Subgraph{}
	for i := 0; i <= htmlManyNodes; i++ {
		many.Nodes = append(many.Nodes, graph.Node{Key: fmt.Sprintf("person:%05d", i), Name: fmt.Sprint(i), Type: "Person"})
	}
	dangling := &graph.Subgraph{Nodes: []graph.Node{{Key: "a", Name: "A", Type: "Person"}},
		Edges: []graph.Edge{{Source: "a", Type: "KNOWS", Target: "b"}, {Source: "c", Type: "KNOWS", Target: "a"}}}
	for _, tc := range []struct {
		name  string
		g     *graph.Subgraph
		warns bool
		notes []string // substrings of the page's notes, in order
	}{
		{"small", hostileSubgraph(), false, []string{"a note with <b>markup</b>"}},
		{"empty", &graph.Subgraph{}, false, nil},
		{"many nodes", many, true, []string{"--limit"}},
		{"dangling edges", dangling, false, []string{"2 relationships whose ends are not in the subgraph not drawn"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			warns := htmlFormat{}.Warnings(tc.g)
			if (len(warns) > 0) != tc.warns {
				t.Errorf("warnings %q, want some: %v", warns, tc.warns)
			}
			_, got := pageData(t, exportHTML(t, tc.g))
			if len(got.Notes) != len(tc.notes) {
				t.Fatalf("notes %q, want %d", got.Notes, len(tc.notes))
			}
			for i, s := range tc.notes {
				if !strings.Contains(got.Notes[i], s) {
					t.Errorf("note %q, want it to say %q", got.Notes[i], s)
				}
			}
		})
	}
	var _ Warner = htmlFormat{}
}

// TestHTMLStyle: nodes carry the colour dot gives their type and the shape
// of their kind.
func TestHTMLStyle(t *testing.T) {
	block, got := pageData(t, exportHTML(t, hostileSubgraph()))
	var raw struct {
		Nodes []struct {
			Type, Kind, Color, Shape string
		}
	}
	if err := json.Unmarshal([]byte(block), &raw); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Person": "ellipse", "Location": "diamond", "Group": "hexagon", "Organization": "round-rectangle"}
	for i, n := range raw.Nodes {
		if n.Color != nodeColor(n.Type) {
			t.Errorf("%s: colour %s, want %s", got.Nodes[i].Name, n.Color, nodeColor(n.Type))
		}
		if n.Shape != want[n.Kind] {
			t.Errorf("%s (%s): shape %s, want %s", got.Nodes[i].Name, n.Kind, n.Shape, want[n.Kind])
		}
	}
}
