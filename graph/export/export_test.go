package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/export (and, with -run TestREADMEScreenshot, docs/isis-k.png)")

// localWith opens a fresh local store holding exs.
func localWith(t *testing.T, exs ...*extract.Extraction) *sqlite.Store {
	t.Helper()
	l := openLocal(t, filepath.Join(t.TempDir(), "kg.db"))
	in := make([]sqlite.Input, len(exs))
	for i, ex := range exs {
		in[i] = sqlite.Input{Extraction: ex, AbsPath: "/nonexistent/" + ex.Document.Path}
	}
	out, err := l.Write(context.Background(), in)
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

// openLocal opens a local store at path, closed at the end of the test.
func openLocal(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	l, err := sqlite.Open(context.Background(), path, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

var (
	hostile            = graphtest.Hostile
	hostileExtractions = graphtest.HostileExtractions
	exampleExtractions = graphtest.Examples
)

// memOutput collects an export's files in memory.
type memOutput map[string]*bytes.Buffer

func (m memOutput) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return b, nil
}

func export(t *testing.T, format string, g *graph.Subgraph) memOutput {
	t.Helper()
	out := memOutput{}
	if err := Formats[format].Exporter.Export(out, g); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return out
}

func selectLocal(t *testing.T, l *sqlite.Store, sel graph.Selection) *graph.Subgraph {
	t.Helper()
	g, err := graph.Select(context.Background(), l, sel)
	if err != nil {
		t.Fatalf("%+v: %v", sel, err)
	}
	return g
}

// TestSelect checks each selection's defining property on the examples and
// the hostile articles together.
func TestSelect(t *testing.T) {
	exs := append(exampleExtractions(t), hostileExtractions()...)
	l := localWith(t, exs...)
	whole := selectLocal(t, l, graph.Selection{})
	isis := "organization:isis-k"
	touches := func(e graph.Edge, k string) bool { return e.Source == k || e.Target == k }
	ends := func(t *testing.T, g *graph.Subgraph) {
		nodes := g.Index()
		for _, e := range g.Edges {
			if nodes[e.Source] == nil || nodes[e.Target] == nil {
				t.Errorf("edge %s -%s-> %s has an end outside the subgraph", e.Source, e.Type, e.Target)
			}
		}
		arts := articleIndex(g)
		for _, e := range g.Edges {
			for _, a := range e.ArticleIDs {
				if arts[a] == nil {
					t.Errorf("edge %s -%s-> %s cites article %s, which the subgraph lacks", e.Source, e.Type, e.Target, a)
				}
			}
		}
	}
	one := selectLocal(t, l, graph.Selection{Around: []string{"isis-k"}}) // by name, ignoring case
	two := selectLocal(t, l, graph.Selection{Around: []string{"ISIS-K"}, Hops: 2})
	tests := []struct {
		name  string
		g     *graph.Subgraph
		check func(t *testing.T, g *graph.Subgraph)
	}{
		{"whole graph", whole, func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) < 40 || len(g.Edges) < 30 || len(g.Articles) != 5 {
				t.Errorf("whole graph: %s", g.Summary())
			}
		}},
		{"around, one hop", one, func(t *testing.T, g *graph.Subgraph) {
			// The entities one fact away from ISIS-K, and every fact among them.
			near := map[string]bool{isis: true}
			for _, e := range whole.Edges {
				if touches(e, isis) {
					near[e.Source], near[e.Target] = true, true
				}
			}
			if len(g.Nodes) != len(near) {
				t.Errorf("one hop: %d nodes, %d entities are one fact from ISIS-K", len(g.Nodes), len(near))
			}
			want := 0
			for _, e := range whole.Edges {
				if near[e.Source] && near[e.Target] {
					want++
				}
			}
			if len(g.Edges) != want || want <= 22 {
				t.Errorf("one hop: %d edges, the whole graph has %d among those nodes", len(g.Edges), want)
			}
		}},
		{"around, two hops", two, func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) <= len(one.Nodes) || len(g.Edges) <= len(one.Edges) {
				t.Errorf("two hops (%s) is not larger than one (%s)", g.Summary(), one.Summary())
			}
			for _, n := range one.Nodes {
				if g.Index()[n.Key] == nil {
					t.Errorf("two hops lacks %s", n.Key)
				}
			}
		}},
		{"around an alias", selectLocal(t, l, graph.Selection{Around: []string{"Hammer"}}), func(t *testing.T, g *graph.Subgraph) {
			if g.Index()[extract.Key(schemas.Default(), "Person", hostile.Person)] == nil || len(g.Edges) != 2 {
				t.Errorf("alias Hammer: %s", g.Summary())
			}
		}},
		{"types", selectLocal(t, l, graph.Selection{Types: []string{"LEADS", "OPPOSES"}}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) == 0 {
				t.Fatal("no LEADS or OPPOSES edges")
			}
			used := map[string]bool{}
			for _, e := range g.Edges {
				if e.Type != "LEADS" && e.Type != "OPPOSES" {
					t.Errorf("type filter kept %s", e.Type)
				}
				used[e.Source], used[e.Target] = true, true
			}
			if len(used) != len(g.Nodes) {
				t.Errorf("a fact filter keeps the nodes its facts join: %d nodes, %d joined", len(g.Nodes), len(used))
			}
		}},
		{"labels", selectLocal(t, l, graph.Selection{Around: []string{"ISIS-K"}, Labels: []string{"Location"}}), func(t *testing.T, g *graph.Subgraph) {
			for _, n := range g.Nodes {
				if n.Key != isis && !slices.Contains(n.Labels, "Location") {
					t.Errorf("label filter kept %s (%v)", n.Key, n.Labels)
				}
			}
			if len(g.Nodes) < 2 {
				t.Errorf("no Location around ISIS-K: %s", g.Summary())
			}
		}},
		{"min articles", selectLocal(t, l, graph.Selection{MinArticles: 2}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) == 0 {
				t.Fatal("no fact with two articles")
			}
			for _, e := range g.Edges {
				if e.Articles < 2 || len(e.ArticleIDs) != e.Articles {
					t.Errorf("%s -%s-> %s: %d articles %v", e.Source, e.Type, e.Target, e.Articles, e.ArticleIDs)
				}
			}
		}},
		{"min confidence", selectLocal(t, l, graph.Selection{MinConfidence: 0.9}), func(t *testing.T, g *graph.Subgraph) {
			for _, e := range g.Edges {
				if e.Confidence < 0.9 {
					t.Errorf("%s -%s-> %s: confidence %g", e.Source, e.Type, e.Target, e.Confidence)
				}
			}
		}},
		{"limit", selectLocal(t, l, graph.Selection{Around: []string{"ISIS-K"}, Hops: 2, Limit: 5}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 5 || g.Index()[isis] == nil || len(g.Notes) != 1 || !strings.Contains(g.Notes[0], fmt.Sprintf("5 of %d", len(two.Nodes))) {
				t.Errorf("limit 5: %s", g.Summary())
			}
			// The nearest are kept first: every kept node is one hop from ISIS-K
			// while one-hop nodes remain.
			if len(one.Nodes) >= 5 {
				for _, n := range g.Nodes {
					if one.Index()[n.Key] == nil {
						t.Errorf("limit kept %s, two hops away, over nearer nodes", n.Key)
					}
				}
			}
		}},
		{"article", selectLocal(t, l, graph.Selection{Article: "hostile-a"}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 5 || len(g.Edges) != 4 || len(g.Articles) != 1 {
				t.Fatalf("article: %s", g.Summary())
			}
			for _, e := range g.Edges {
				if e.Articles != 1 || e.ArticleIDs[0] != "hostile-a" {
					t.Errorf("article share: %+v", e)
				}
				if e.Type == "LEADS" && (e.Count != 2 || e.Confidence != 0.9 || len(e.Evidence) != 2) {
					t.Errorf("LEADS in article a alone: count %d confidence %g evidence %d", e.Count, e.Confidence, len(e.Evidence))
				}
			}
			for _, n := range g.Nodes {
				if n.Mentions != 2 || n.Articles != 1 {
					t.Errorf("%s: %d mentions in %d articles, want 2 in 1", n.Key, n.Mentions, n.Articles)
				}
			}
		}},
		{"around an entity without facts", selectLocal(t, l, graph.Selection{Around: []string{"Roosevelt Room"}, Hops: 3}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 1 || len(g.Edges) != 0 {
				t.Errorf("Roosevelt Room alone: %s", g.Summary())
			}
		}},
		{"around, a filter that keeps nothing", selectLocal(t, l, graph.Selection{Around: []string{"Taliban"}, Types: []string{"KILLED"}}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 1 || len(g.Edges) != 0 {
				t.Errorf("Taliban, KILLED only: %s", g.Summary())
			}
		}},
		{"article, limited", selectLocal(t, l, graph.Selection{Article: "hostile-a", Limit: 2}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Nodes) != 2 || len(g.Notes) != 1 {
				t.Errorf("article with --limit 2: %s", g.Summary())
			}
		}},
		{"article by path", selectLocal(t, l, graph.Selection{Article: "news/b.txt"}), func(t *testing.T, g *graph.Subgraph) {
			if len(g.Edges) != 1 || g.Articles[0].ID != "hostile-b" {
				t.Errorf("article b: %s", g.Summary())
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ends(t, tc.g)
			tc.check(t, tc.g)
		})
	}
	// The fact two articles state carries both.
	for _, e := range whole.Edges {
		if e.Type == "LEADS" && strings.HasPrefix(e.Source, "person:se") {
			if e.Articles != 2 || e.Count != 3 || e.Confidence != 0.95 || len(e.Evidence) != 3 || e.FirstSeen != "2024-03-01" || e.LastSeen != "2024-05-09" {
				t.Errorf("merged fact: %+v", e)
			}
		}
	}
}

// TestSelectUnknown: a name that matches nothing or several entities is
// an error that names the closest.
func TestSelectUnknown(t *testing.T) {
	exs := append(exampleExtractions(t), hostileExtractions()...)
	l := localWith(t, exs...)
	tests := []struct {
		sel  graph.Selection
		want []string
	}{
		{graph.Selection{Around: []string{"ISIS K"}}, []string{`no entity is called "ISIS K"`, `the closest names: "ISIS-K"`}},
		{graph.Selection{Around: []string{"Talib"}}, []string{`"Taliban"`}},
		{graph.Selection{Article: "nothing-like-it.txt"}, []string{`no article has id or path "nothing-like-it.txt"`, "5 articles"}},
		{graph.Selection{Article: "hostile"}, []string{`"hostile" starts 2 article ids`, "hostile-a", "hostile-b"}},
		{graph.Selection{Article: "x", Around: []string{"y"}}, []string{"not both"}},
	}
	for _, tc := range tests {
		_, err := graph.Select(context.Background(), l, tc.sel)
		if err == nil {
			t.Errorf("%+v: no error", tc.sel)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v; want %q in it", tc.sel, err, w)
			}
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	}
}

// TestExportGolden: each format's bytes for the hostile articles are those
// in testdata/export (go test ./graph -run TestExportGolden -update rewrites
// them; read the diff).
func TestExportGolden(t *testing.T) {
	g := selectLocal(t, localWith(t, hostileExtractions()...), graph.Selection{})
	for _, name := range FormatNames() {
		if name == "html" {
			continue // its own tests: it embeds a library of half a megabyte
		}
		for file, buf := range export(t, name, g) {
			golden := filepath.Join("testdata", "export", name+Formats[name].Ext)
			if file != "" {
				golden = filepath.Join("testdata", "export", name+"-"+file)
			}
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s (rerun with -update and read the diff)", name, golden)
			}
		}
	}
}

// TestJSONRoundTrip: the JSON export decodes to the subgraph it came from.
func TestJSONRoundTrip(t *testing.T) {
	g := selectLocal(t, localWith(t, hostileExtractions()...), graph.Selection{})
	var back graph.Subgraph
	if err := json.Unmarshal(export(t, "json", g)[""].Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, g) {
		t.Errorf("JSON round trip differs:\n got %+v\nwant %+v", back, *g)
	}
}

// TestCSVRoundTrip: nodes.csv and relationships.csv read back (as a CSV
// reader and neo4j-admin see them: typed columns, arrays split) give the
// subgraph's nodes and edges.
func TestCSVRoundTrip(t *testing.T) {
	g := selectLocal(t, localWith(t, hostileExtractions()...), graph.Selection{})
	files := export(t, "csv", g)
	nodes := readCSV(t, files["nodes.csv"])
	if len(nodes) != len(g.Nodes) {
		t.Fatalf("%d node rows for %d nodes", len(nodes), len(g.Nodes))
	}
	for i, n := range g.Nodes {
		r := nodes[i]
		if r["key:ID"] != n.Key || r["name"] != n.Name || r["type"] != n.Type || !reflect.DeepEqual(splitArray(r["aliases:string[]"]), n.Aliases) ||
			r["mentions:int"] != strconv.Itoa(n.Mentions) || r[":LABEL"] != strings.Join(append([]string{"Entity"}, n.Labels...), graph.ArrayDelimiter) {
			t.Errorf("node row %v\n for %+v", r, n)
		}
	}
	rels := readCSV(t, files["relationships.csv"])
	if len(rels) != len(g.Edges) {
		t.Fatalf("%d relationship rows for %d edges", len(rels), len(g.Edges))
	}
	for i, e := range g.Edges {
		r := rels[i]
		texts, from := evidenceLists(e.Evidence)
		if r[":START_ID"] != e.Source || r[":END_ID"] != e.Target || r[":TYPE"] != e.Type ||
			!reflect.DeepEqual(splitArray(r["evidence:string[]"]), texts) || !reflect.DeepEqual(splitArray(r["evidence_articles:string[]"]), from) ||
			!reflect.DeepEqual(splitArray(r["article_ids:string[]"]), e.ArticleIDs) || r["first_seen:date"] != e.FirstSeen {
			t.Errorf("relationship row %v\n for %+v", r, e)
		}
	}
}

func readCSV(t *testing.T, b *bytes.Buffer) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func splitArray(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, graph.ArrayDelimiter)
}

// requireTool finds a program the export tests hand their files to. It is
// missing only on machines .ci/run has not prepared: then the test fails
// when KG_REQUIRE_TOOLS=1 (scripts/test sets it) or CI is set, and
// otherwise skips, saying what to install.
func requireTool(t *testing.T, check []string, install string) {
	t.Helper()
	err := exec.Command(check[0], check[1:]...).Run()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%s failed (%v); install it: %s", strings.Join(check, " "), err, install)
	if os.Getenv("KG_REQUIRE_TOOLS") == "1" || (os.Getenv("CI") != "" && os.Getenv("KG_REQUIRE_TOOLS") != "0") {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// TestGraphMLNetworkx: networkx, as Python users read GraphML, gets the
// same nodes, edges and attributes, hostile names unchanged.
func TestGraphMLNetworkx(t *testing.T) {
	requireTool(t, []string{"python3", "-c", "import networkx"}, "pip install networkx (.ci/run does)")
	g := selectLocal(t, localWith(t, append(exampleExtractions(t), hostileExtractions()...)...), graph.Selection{})
	path := filepath.Join(t.TempDir(), "g.graphml")
	if err := os.WriteFile(path, export(t, "graphml", g)[""].Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
out = {"directed": g.is_directed(),
       "nodes": {n: d for n, d in g.nodes(data=True)},
       "edges": [[u, v, d] for u, v, d in g.edges(data=True)]}
json.dump(out, sys.stdout)
`
	raw, err := exec.Command("python3", "-c", script, path).Output()
	if err != nil {
		t.Fatalf("networkx: %v", err)
	}
	var got struct {
		Directed bool
		Nodes    map[string]map[string]any
		Edges    [][3]any
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if !got.Directed || len(got.Nodes) != len(g.Nodes) || len(got.Edges) != len(g.Edges) {
		t.Fatalf("networkx read %d nodes, %d edges (directed %v); exported %d, %d", len(got.Nodes), len(got.Edges), got.Directed, len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		d := got.Nodes[n.Key]
		aliases := []string{}
		if err := json.Unmarshal([]byte(fmt.Sprint(d["aliases"])), &aliases); err != nil {
			t.Errorf("networkx node %q: aliases %v are not a JSON list: %v", n.Key, d["aliases"], err)
		}
		if d["name"] != n.Name || d["type"] != n.Type || d["mentions"] != float64(n.Mentions) || !reflect.DeepEqual(aliases, append([]string{}, n.Aliases...)) {
			t.Errorf("networkx node %q: %v, want %+v", n.Key, d, n)
		}
	}
	type key struct{ s, t, typ string }
	want := map[key]graph.Edge{}
	for _, e := range g.Edges {
		want[key{e.Source, e.Target, e.Type}] = e
	}
	for _, ge := range got.Edges {
		d, _ := ge[2].(map[string]any)
		e, ok := want[key{fmt.Sprint(ge[0]), fmt.Sprint(ge[1]), fmt.Sprint(d["type"])}]
		if !ok {
			t.Errorf("networkx edge %v is not exported", ge)
			continue
		}
		var texts []string
		json.Unmarshal([]byte(fmt.Sprint(d["evidence"])), &texts)
		wantTexts, _ := evidenceLists(e.Evidence)
		if d["confidence"] != e.Confidence || d["count"] != float64(e.Count) || !reflect.DeepEqual(texts, wantTexts) {
			t.Errorf("networkx edge %v, want %+v", ge, e)
		}
	}
}

// TestDotGraphviz: Graphviz lays the DOT file out without complaint and
// draws every node with its name.
func TestDotGraphviz(t *testing.T) {
	requireTool(t, []string{"dot", "-V"}, "apt-get install graphviz (.ci/run does)")
	g := selectLocal(t, localWith(t, hostileExtractions()...), graph.Selection{})
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = export(t, "dot", g)[""]
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot: %v: %s", err, stderr.String())
	}
	if n := bytes.Count(svg, []byte(`class="node"`)); n != len(g.Nodes) {
		t.Errorf("dot drew %d nodes, want %d", n, len(g.Nodes))
	}
	if n := bytes.Count(svg, []byte(`class="edge"`)); n != len(g.Edges) {
		t.Errorf("dot drew %d edges, want %d", n, len(g.Edges))
	}
	// SVG escapes markup; the Arabic name is there as it is.
	for _, want := range []string{"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", hostile.Country, "Seán &quot;The Hammer&quot; O&#39;Brien, Jr."} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if bytes.Contains(svg, []byte("<script>")) {
		t.Error("the SVG holds a script element")
	}
}

// TestCypherString: the literal of every hostile name is one line that
// opens and closes one string.
func TestCypherString(t *testing.T) {
	tests := map[string]string{
		`O'Brien`:        `'O\'Brien'`,
		`back\slash`:     `'back\\slash'`,
		"two\nlines\r\t": `'two\nlines\r\t'`,
		"bell\a":         `'bell\u0007'`,
		"`tick`":         "'`tick`'",
		"東京":             "'東京'",
	}
	for in, want := range tests {
		if got := cypherString(in); got != want {
			t.Errorf("cypherString(%q) = %s, want %s", in, got, want)
		}
	}
}

// articleIndex maps ids to articles.
func articleIndex(g *graph.Subgraph) map[string]*graph.ArticleInfo {
	m := make(map[string]*graph.ArticleInfo, len(g.Articles))
	for i := range g.Articles {
		m[g.Articles[i].ID] = &g.Articles[i]
	}
	return m
}
