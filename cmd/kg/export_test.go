package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/graph/export"

	"github.com/kg/kg/graph"
)

// exampleStore builds the examples into a fresh local store.
func exampleStore(t *testing.T) string {
	t.Helper()
	t.Setenv("NEO4J_URI", "")
	store := filepath.Join(t.TempDir(), "kg.db")
	if code, _, errs := kg(t, "", "build", "--quiet", "--store", store, "../../examples/articles"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	return store
}

// TestExportCommands runs the commands on the examples from the
// local store: every format, each selection, and their usage errors.
func TestExportCommands(t *testing.T) {
	store := exampleStore(t)
	dir := t.TempDir()
	for _, f := range export.FormatNames() {
		out := filepath.Join(dir, "isis-k."+f)
		if f == "csv" {
			out = filepath.Join(dir, "csv")
		}
		code, stdout, errs := kg(t, "", "export", "--store", store, "--around", "ISIS-K", "--hops", "2", "--format", f, "-o", out)
		if code != 0 || stdout != "" || !strings.Contains(errs, "kg: exported ") {
			t.Errorf("%s: exit %d, stdout %d bytes: %s", f, code, len(stdout), errs)
		}
		if f == "csv" {
			for _, name := range export.CSVFiles {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Error(err)
				}
			}
			if !strings.Contains(errs, "neo4j-admin database import full <database> --array-delimiter=U+001F") {
				t.Errorf("csv: no import command: %s", errs)
			}
			continue
		}
		if info, err := os.Stat(out); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// JSON on stdout: the whole graph, and one article's share.
	code, stdout, errs := kg(t, "", "export", "--store", store)
	var whole graph.Subgraph
	if err := json.Unmarshal([]byte(stdout), &whole); code != 0 || err != nil || len(whole.Nodes) < 30 || len(whole.Articles) != 3 {
		t.Fatalf("whole graph: exit %d, %v: %s", code, err, errs)
	}
	code, stdout, errs = kg(t, "", "export", "--store", store, "--article", "examples/articles/us-designates-isis-k-leaders.md", "--format", "json")
	var art graph.Subgraph
	if err := json.Unmarshal([]byte(stdout), &art); code != 0 || err != nil || len(art.Articles) != 1 || len(art.Edges) == 0 {
		t.Fatalf("article: exit %d, %v: %s", code, err, errs)
	}
	code, stdout, errs = kg(t, "", "export", "--store", store, "--types", "KILLED,OPPOSES", "--min-articles", "1", "--format", "json")
	var typed graph.Subgraph
	json.Unmarshal([]byte(stdout), &typed)
	for _, e := range typed.Edges {
		if e.Type != "KILLED" && e.Type != "OPPOSES" {
			t.Errorf("--types kept %s", e.Type)
		}
	}
	if code != 0 || len(typed.Edges) == 0 {
		t.Errorf("--types: exit %d, %d edges: %s", code, len(typed.Edges), errs)
	}
	code, stdout, errs = kg(t, "", "export", "--store", store, "--around", "ISIS-K", "--hops", "2", "--limit", "4")
	var cut graph.Subgraph
	json.Unmarshal([]byte(stdout), &cut)
	if code != 0 || len(cut.Nodes) != 4 || !strings.Contains(errs, "kg: note: cut to 4 of ") {
		t.Errorf("--limit: exit %d, %d nodes: %s", code, len(cut.Nodes), errs)
	}
	code, _, errs = kg(t, "", "export", "--cypher", "MATCH (n) RETURN n", "--neo4j", "bolt://127.0.0.1:1")
	if code != exitFailure || !strings.Contains(errs, "cannot connect to Neo4j at bolt://127.0.0.1:1") {
		t.Errorf("unreachable Neo4j: exit %d: %s", code, errs)
	}
	// Mistakes: one line each, exit 2, nothing written.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--around", "ISIS K"}, `the closest names: "ISIS-K"`},
		{[]string{"--article", "no-such-article.txt"}, `no article has id or path "no-such-article.txt"`},
		{[]string{"--format", "xml"}, `--format "xml" is not one kg writes; choose one of csv, cypher, dot, graphml`},
		{[]string{"--format", "csv"}, "--format csv writes nodes.csv and relationships.csv: name a folder with -o"},
		{[]string{"--types", "LOVES"}, "--types LOVES: schema"},
		{[]string{"--labels", "Misc"}, "keeps Misc out of the graph"},
		{[]string{"--labels", "Planet"}, "--labels Planet: schema"},
		{[]string{"--hops", "0", "--around", "ISIS-K"}, "--hops must be at least 1"},
		{[]string{"--min-confidence", "2"}, "--min-confidence must be between 0 and 1, got 2"},
		{[]string{"--hops", "2"}, "--hops counts steps from --around"},
		{[]string{"--cypher", "MATCH (n) RETURN n"}, "--cypher reads Neo4j: name it with --neo4j or NEO4J_URI"},
		{[]string{"--around", "ISIS-K", "--article", "x"}, "choose --article or --around, not both"},
	} {
		args := append([]string{"export", "--store", store, "-o", filepath.Join(dir, "never.json")}, tc.args...)
		if tc.args[1] == "csv" {
			args = append([]string{"export", "--store", store}, tc.args...)
		}
		code, _, errs := kg(t, "", args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d: %q; want %q", tc.args, code, errs, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "never.json")); err == nil {
		t.Error("a failed export wrote its file")
	}
	code, _, errs = kg(t, "", "export", "--store", filepath.Join(dir, "missing.db"))
	if code != exitUsage || !strings.Contains(errs, "missing.db: no such file; kg build makes it") {
		t.Errorf("missing store: exit %d: %s", code, errs)
	}
}

// TestExportNeo4j: the same command reads Neo4j when one is named, gives
// the local store's subgraph, and runs --cypher read-only.
func TestExportNeo4j(t *testing.T) {
	uri := testServer(t)
	if code, _, errs := kg(t, "", "build", "--quiet", "--neo4j", uri, "../../examples/articles"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	store := exampleStore(t)
	code, fromNeo4j, errs := kg(t, "", "export", "--neo4j", uri, "--around", "ISIS-K", "--hops", "2")
	if code != 0 {
		t.Fatalf("Neo4j: exit %d: %s", code, errs)
	}
	_, fromLocal, _ := kg(t, "", "export", "--store", store, "--around", "ISIS-K", "--hops", "2")
	if fromNeo4j != fromLocal {
		t.Errorf("the local store and Neo4j give different subgraphs:\n%s\n%s", fromLocal, fromNeo4j)
	}
	// NEO4J_URI alone selects Neo4j; an explicit --store wins over it.
	t.Setenv("NEO4J_URI", uri)
	if code, out, errs := kg(t, "", "export", "--around", "ISIS-K", "--hops", "2"); code != 0 || out != fromNeo4j {
		t.Errorf("NEO4J_URI: exit %d: %s", code, errs)
	}
	if code, out, errs := kg(t, "", "export", "--store", store, "--around", "ISIS-K", "--hops", "2"); code != 0 || out != fromLocal {
		t.Errorf("--store with NEO4J_URI: exit %d: %s", code, errs)
	}
	out := filepath.Join(t.TempDir(), "killed.cypher")
	code, _, errs = kg(t, "", "export", "--cypher", "MATCH p=()-[:KILLED]->() RETURN p", "--format", "cypher", "-o", out)
	script, _ := os.ReadFile(out)
	if code != 0 || !strings.Contains(string(script), "MERGE (s)-[r:`KILLED`]->(o)") {
		t.Errorf("--cypher: exit %d: %s\n%s", code, errs, script)
	}
	code, _, errs = kg(t, "", "export", "--cypher", "MATCH (n:Entity) DETACH DELETE n")
	if code != exitFailure || !strings.Contains(errs, "--cypher") {
		t.Errorf("writing --cypher: exit %d: %s", code, errs)
	}
	if code, out, _ := kg(t, "", "export", "--format", "json"); code != 0 || !strings.Contains(out, "organization:isis-k") {
		t.Error("the writing query was not refused: the graph is gone")
	}
}
