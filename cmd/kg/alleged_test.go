package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
)

// TestBuildAlleged: an article that only reports an accusation ("Prosecutors
// accused Mark Doyle of killing Anne Ross", written for the test) puts an
// alleged KILLED edge into either store, which kg export and kg stats mark;
// an article that states the killing clears the mark, and pruning it when
// its file is gone sets the mark again. What the text denies stays out.
func TestBuildAlleged(t *testing.T) {
	stores := []struct {
		name  string
		flags func(t *testing.T) []string
	}{
		{"local", func(t *testing.T) []string { return []string{"--store", filepath.Join(t.TempDir(), "kg.db")} }},
		{"neo4j", func(t *testing.T) []string { return []string{"--neo4j", testServer(t)} }},
	}
	for _, sut := range stores {
		t.Run(sut.name, func(t *testing.T) {
			where := sut.flags(t)
			dir := t.TempDir()
			write := func(name, text string) {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("prosecutors.txt", graphtest.Allegation.Alleges+"The Harbour Brigade did not attack Port Ellis.\n")
			build := func() {
				t.Helper()
				args := append([]string{"build", "-q", "--prune"}, where...)
				if code, _, errs := kg(t, "", append(args, dir)...); code != 0 {
					t.Fatalf("build: exit %d: %s", code, errs)
				}
			}
			// killed is the Mark Doyle KILLED Anne Ross edge kg export gives.
			killed := func() graph.Edge {
				t.Helper()
				args := append([]string{"export", "--format", "json", "--around", "Mark Doyle"}, where...)
				code, out, errs := kg(t, "", args...)
				if code != 0 {
					t.Fatalf("export: exit %d: %s", code, errs)
				}
				var g graph.Subgraph
				if err := json.Unmarshal([]byte(out), &g); err != nil {
					t.Fatal(err)
				}
				if slices.ContainsFunc(g.Edges, func(e graph.Edge) bool { return e.Type == "ATTACKED" }) {
					t.Error("the denied attack is in the graph")
				}
				i := slices.IndexFunc(g.Edges, func(e graph.Edge) bool {
					return e.Type == "KILLED" && e.Source == "person:mark-doyle" && e.Target == "person:anne-ross"
				})
				if i < 0 {
					t.Fatalf("no Mark Doyle KILLED Anne Ross in %s", out)
				}
				return g.Edges[i]
			}
			stats := func() string {
				t.Helper()
				code, out, errs := kg(t, "", append([]string{"stats"}, where...)...)
				if code != 0 {
					t.Fatalf("stats: exit %d: %s", code, errs)
				}
				return out
			}

			build()
			e := killed()
			if !e.Alleged || e.AssertedArticles != 0 || len(e.Evidence) != 1 || e.Evidence[0].Assertion != "alleged" {
				t.Errorf("the accusation alone: %+v, want alleged", e)
			}
			if s := stats(); !strings.Contains(s, "Mark Doyle -[KILLED]-> Anne Ross   (1 article, alleged)") || !strings.Contains(s, "1 alleged") {
				t.Errorf("kg stats does not mark the alleged killing:\n%s", s)
			}

			write("court.txt", graphtest.Allegation.Asserts)
			build()
			if e := killed(); e.Alleged || e.AssertedArticles != 1 || e.Articles != 2 {
				t.Errorf("with an article that states it: %+v, want asserted by 1 of 2", e)
			}
			if s := stats(); !strings.Contains(s, "Mark Doyle -[KILLED]-> Anne Ross   (2 articles)\n") {
				t.Errorf("kg stats still marks the killing alleged:\n%s", s)
			}

			if err := os.Remove(filepath.Join(dir, "court.txt")); err != nil {
				t.Fatal(err)
			}
			build()
			if e := killed(); !e.Alleged || e.AssertedArticles != 0 || e.Articles != 1 {
				t.Errorf("after the stating article is pruned: %+v, want alleged again", e)
			}
		})
	}
}
