package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/graph"
)

// exampleArticle is an example article's bytes.
func exampleArticle(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../examples/articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestNamedTwice: an article named twice in one build (a file twice, or a
// folder and a file in it) is read once and stays stored; it is no copy of
// itself to take back.
func TestNamedTwice(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := filepath.Join(t.TempDir(), "news")
	a := filepath.Join(dir, "a.txt")
	writeFile(t, a, exampleArticle(t, "isis-k-kabul-airport-threat.txt"))
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"a file twice", []string{a, a}},
		{"a folder and a file in it", []string{dir, a}},
		{"a file and its folder", []string{a, dir}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "kg.db")
			for run := 1; run <= 2; run++ {
				code, _, errs := kg(t, "", append([]string{"build", "--store", store}, tt.args...)...)
				if code != 0 || !strings.Contains(errs, "a.txt: named more than once; read once") || strings.Contains(errs, "pruned") {
					t.Errorf("build %d: exit %d: %s", run, code, errs)
				}
				if n := stored(store); n != 1 {
					t.Errorf("build %d: %d articles stored, want 1", run, n)
				}
			}
		})
	}
}

// statsJSON is kg stats --json of a store.
func statsJSON(t *testing.T, target ...string) string {
	t.Helper()
	code, out, errs := kg(t, "", append([]string{"stats", "--json", "--top", "50"}, target...)...)
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	return out
}

// summaryJSON is what the tests read of kg build --json.
type summaryJSON struct {
	Articles struct{ Seen, New, Updated, Moved, Unchanged, Skipped, Pruned int }
	Moved    []struct{ Path, From string }
	Skipped  []struct{ Path, Reason string }
}

// buildSummaryOf runs kg build --json and returns its summary and stderr.
func buildSummaryOf(t *testing.T, args ...string) (summaryJSON, string) {
	t.Helper()
	code, out, errs := kg(t, "", append([]string{"build", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("build %v: exit %d: %s", args, code, errs)
	}
	var sum summaryJSON
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return sum, errs
}

// TestMovedAndCopied: a folder moved or renamed, and a file renamed, without
// --prune, take their old paths' places: the graph is the same, no fact
// supported twice, and the summary names each move. A copy of a stored
// article whose file is still there is left out, not extracted. A file moved
// away and its old path written with other bytes leaves both articles, each
// once. In the local store and in Neo4j alike.
func TestMovedAndCopied(t *testing.T) {
	for _, store := range []string{"local", "neo4j"} {
		t.Run(store, func(t *testing.T) {
			var target []string
			if store == "neo4j" {
				target = []string{"--neo4j", testServer(t)}
			} else {
				t.Setenv("NEO4J_URI", "")
				target = []string{"--store", filepath.Join(t.TempDir(), "kg.db")}
			}
			root := t.TempDir()
			news := filepath.Join(root, "news")
			writeFile(t, filepath.Join(news, "kabul.txt"), exampleArticle(t, "isis-k-kabul-airport-threat.txt"))
			writeFile(t, filepath.Join(news, "leaders.md"), exampleArticle(t, "us-designates-isis-k-leaders.md"))
			build := func(args ...string) (summaryJSON, string) {
				return buildSummaryOf(t, append(slices.Clone(target), args...)...)
			}
			build(news)
			want := statsJSON(t, target...)
			if !strings.Contains(want, `"articles": 2`) {
				t.Fatalf("first build: %s", want)
			}

			// The folder moved (and renamed) into another: both articles moved.
			archive := filepath.Join(root, "archive", "2021")
			if err := os.MkdirAll(filepath.Dir(archive), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(news, archive); err != nil {
				t.Fatal(err)
			}
			sum, errs := build(archive)
			if sum.Articles.Moved != 2 || sum.Articles.New != 0 || len(sum.Moved) != 2 ||
				sum.Moved[0].From != filepath.Join(news, "kabul.txt") || sum.Moved[0].Path != filepath.Join(archive, "kabul.txt") ||
				!strings.Contains(errs, filepath.Join(archive, "leaders.md")+": moved from "+filepath.Join(news, "leaders.md")) {
				t.Errorf("folder moved: articles %+v, moves %+v:\n%s", sum.Articles, sum.Moved, errs)
			}
			if got := statsJSON(t, target...); got != want {
				t.Errorf("after the move the graph differs:\n%s\nwant\n%s", got, want)
			}
			// Built again: nothing to do.
			if sum, _ := build(archive); sum.Articles.Unchanged != 2 || sum.Articles.Moved != 0 {
				t.Errorf("rebuild after the move: %+v", sum.Articles)
			}

			// One file renamed.
			if err := os.Rename(filepath.Join(archive, "kabul.txt"), filepath.Join(archive, "kabul-2021-08.txt")); err != nil {
				t.Fatal(err)
			}
			if sum, errs := build(archive); sum.Articles.Moved != 1 || sum.Articles.Unchanged != 1 {
				t.Errorf("file renamed: %+v:\n%s", sum.Articles, errs)
			}
			if got := statsJSON(t, target...); got != want {
				t.Errorf("after the rename the graph differs:\n%s\nwant\n%s", got, want)
			}

			// A copy of the folder built alone: its originals are still
			// there, so each is a copy of a stored article.
			copied := filepath.Join(root, "copy")
			writeFile(t, filepath.Join(copied, "leaders.md"), exampleArticle(t, "us-designates-isis-k-leaders.md"))
			sum, errs = build(copied)
			if sum.Articles.Seen != 0 || sum.Articles.Skipped != 1 || len(sum.Skipped) != 1 ||
				sum.Skipped[0].Reason != "the same bytes as "+filepath.Join(archive, "leaders.md")+", stored before; counted once, left out" {
				t.Errorf("copy of a stored article: %+v, %+v:\n%s", sum.Articles, sum.Skipped, errs)
			}
			if got := statsJSON(t, target...); got != want {
				t.Errorf("after the copy the graph differs:\n%s\nwant\n%s", got, want)
			}

			// A file moved away, and its old path given other bytes: the
			// old path is a changed article, the new one a new article.
			leaders := filepath.Join(archive, "leaders.md")
			if err := os.Rename(leaders, filepath.Join(archive, "leaders-old.md")); err != nil {
				t.Fatal(err)
			}
			writeFile(t, leaders, []byte("Hezbollah is active in Lebanon. Hezbollah operates in Lebanon and Syria, officials said on Monday.\n"))
			sum, errs = build(archive)
			// Written one after the other (the local store), leaders-old.md
			// replaces the stored leaders.md, which is then new; written in
			// one transaction (Neo4j), leaders.md is updated and
			// leaders-old.md new. The graph is the same.
			if sum.Articles.Moved+sum.Articles.New+sum.Articles.Updated != 2 || sum.Articles.Unchanged != 1 {
				t.Errorf("moved away and rewritten: %+v:\n%s", sum.Articles, errs)
			}
			got := statsJSON(t, target...)
			if !strings.Contains(got, `"articles": 3`) || !strings.Contains(got, "Hezbollah") {
				t.Errorf("moved away and rewritten: %s", got)
			}
			var st graph.Stats
			if err := json.Unmarshal([]byte(got), &st); err != nil {
				t.Fatal(err)
			}
			var wantSt graph.Stats
			json.Unmarshal([]byte(want), &wantSt)
			for _, f := range st.TopFacts {
				if f.Articles > 2 {
					t.Errorf("%s %s %s: %d articles, of 2 that could support it", f.Subject, f.Type, f.Object, f.Articles)
				}
			}
			if st.TopFacts[0] != wantSt.TopFacts[0] {
				t.Errorf("best-supported fact %+v, want %+v", st.TopFacts[0], wantSt.TopFacts[0])
			}
		})
	}
}

// TestStoredPath: a stored article is named by its absolute path, the path
// it was read by being relative to a folder that may not be this one.
func TestStoredPath(t *testing.T) {
	for _, tt := range []struct {
		row  graph.ArticleRow
		want string
	}{
		{graph.ArticleRow{Path: "news/a.txt", Source: "/home/u/news/a.txt"}, "/home/u/news/a.txt"},
		{graph.ArticleRow{Path: "/home/u/news/a.txt", Source: "/home/u/news/a.txt"}, "/home/u/news/a.txt"},
		{graph.ArticleRow{Path: "feed.jsonl:12", Source: "/home/u/feed.jsonl"}, "/home/u/feed.jsonl:12"},
		{graph.ArticleRow{Path: "../x:y.txt", Source: "/home/x:y.txt"}, "/home/x:y.txt"},
		{graph.ArticleRow{Path: "-"}, "-"},
	} {
		if got := storedPath(tt.row); got != tt.want {
			t.Errorf("storedPath(%+v) = %q, want %q", tt.row, got, tt.want)
		}
	}
}

// TestLoadMoved: a folder moved after kg load put it into Neo4j, and built
// again into the local store, takes its old paths' places in Neo4j on the
// next kg load, as with kg build --neo4j: Neo4j's graph stays the local
// store's.
func TestLoadMoved(t *testing.T) {
	uri := testServer(t)
	store := filepath.Join(t.TempDir(), "kg.db")
	root := t.TempDir()
	news := filepath.Join(root, "news")
	writeFile(t, filepath.Join(news, "kabul.txt"), exampleArticle(t, "isis-k-kabul-airport-threat.txt"))
	writeFile(t, filepath.Join(news, "leaders.md"), exampleArticle(t, "us-designates-isis-k-leaders.md"))
	for _, step := range []struct {
		name, dir string
		want      string
	}{
		{"first", news, "0 failed"},
		{"after the move", filepath.Join(root, "archive"), "2 moved"},
	} {
		if step.dir != news {
			if err := os.Rename(news, step.dir); err != nil {
				t.Fatal(err)
			}
		}
		if code, _, errs := kg(t, "", "build", "-q", "--store", store, step.dir); code != 0 {
			t.Fatalf("%s: build: exit %d: %s", step.name, code, errs)
		}
		code, _, errs := kg(t, "", "load", "--store", store, "--neo4j", uri)
		if code != 0 || !strings.Contains(errs, step.want) {
			t.Errorf("%s: load: exit %d, want %q: %s", step.name, code, step.want, errs)
		}
		if local, remote := statsJSON(t, "--store", store), statsJSON(t, "--neo4j", uri); local != remote {
			t.Errorf("%s: Neo4j's graph differs from the local store's:\n%s\nlocal store:\n%s", step.name, remote, local)
		}
	}
}
