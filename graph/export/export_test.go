package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/sqlitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/export (and, with -run TestREADMEScreenshot, docs/isis-k.png)")

var (
	localWith          = sqlitetest.With
	selectLocal        = sqlitetest.Select
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
	mustAllege(t, g)
	rels := readCSV(t, files["relationships.csv"])
	if len(rels) != len(g.Edges) {
		t.Fatalf("%d relationship rows for %d edges", len(rels), len(g.Edges))
	}
	for i, e := range g.Edges {
		r := rels[i]
		texts, from, assertions := evidenceLists(e.Evidence)
		if r[":START_ID"] != e.Source || r[":END_ID"] != e.Target || r[":TYPE"] != e.Type ||
			!reflect.DeepEqual(splitArray(r["evidence:string[]"]), texts) || !reflect.DeepEqual(splitArray(r["evidence_articles:string[]"]), from) ||
			!reflect.DeepEqual(splitArray(r["evidence_assertions:string[]"]), assertions) ||
			r["alleged:boolean"] != strconv.FormatBool(e.Alleged) || r["asserted_articles:int"] != strconv.Itoa(e.AssertedArticles) ||
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
	mustAllege(t, g)
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
		var texts, assertions []string
		json.Unmarshal([]byte(fmt.Sprint(d["evidence"])), &texts)
		json.Unmarshal([]byte(fmt.Sprint(d["evidence_assertions"])), &assertions)
		wantTexts, _, wantAssertions := evidenceLists(e.Evidence)
		if d["confidence"] != e.Confidence || d["count"] != float64(e.Count) || !reflect.DeepEqual(texts, wantTexts) ||
			d["alleged"] != e.Alleged || d["asserted_articles"] != float64(e.AssertedArticles) || !reflect.DeepEqual(assertions, wantAssertions) {
			t.Errorf("networkx edge %v, want %+v", ge, e)
		}
		if want := e.Type; e.Alleged {
			if d["label"] != want+" (alleged)" {
				t.Errorf("networkx edge %v: label %v, want %q", ge, d["label"], want+" (alleged)")
			}
		} else if d["label"] != want {
			t.Errorf("networkx edge %v: label %v, want %q", ge, d["label"], want)
		}
	}
}

// TestDotGraphviz: Graphviz lays the DOT file out without complaint and
// draws every node with its name.
func TestDotGraphviz(t *testing.T) {
	requireTool(t, []string{"dot", "-V"}, "apt-get install graphviz (.ci/run does)")
	g := selectLocal(t, localWith(t, hostileExtractions()...), graph.Selection{})
	alleged := mustAllege(t, g)
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
	// Alleged facts dashed, and said so; the others drawn whole.
	if n := bytes.Count(svg, []byte(`stroke-dasharray`)); n != alleged {
		t.Errorf("dot drew %d dashed lines, want %d (the alleged edges)", n, alleged)
	}
	if n := bytes.Count(svg, []byte(`(alleged)</text>`)); n != alleged {
		t.Errorf("dot labelled %d edges alleged, want %d", n, alleged)
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

// mustAllege returns how many of a subgraph's edges are alleged, and fails
// the test when none is, or all are: the export tests need both kinds.
func mustAllege(t *testing.T, g *graph.Subgraph) int {
	t.Helper()
	n := 0
	for _, e := range g.Edges {
		if e.Alleged {
			n++
		}
	}
	if n == 0 || n == len(g.Edges) {
		t.Fatalf("%d of %d edges alleged; the test needs some of each", n, len(g.Edges))
	}
	return n
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
