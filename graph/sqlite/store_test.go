package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

func openLocal(t *testing.T, path string) *Store {
	t.Helper()
	l, err := Open(context.Background(), path, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func loadLocal(t *testing.T, l *Store, exs ...*extract.Extraction) []graph.Status {
	t.Helper()
	arts := make([]graph.Contribution, len(exs))
	for i, ex := range exs {
		arts[i] = graph.FromExtraction(schemas.Default(), ex, "/nonexistent/"+ex.Document.Path)
	}
	out, err := l.Write(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	st := make([]graph.Status, len(out))
	for i, o := range out {
		if o.Err != nil {
			t.Fatalf("%s: %v", exs[i].Document.Path, o.Err)
		}
		st[i] = o.Status
	}
	return st
}

// TestLocalLoadAndReload: the examples load once, a second load changes
// nothing, an edited article replaces its share (facts only it supported go,
// shared ones keep the other article's support), and the result equals a
// clean load of the current articles.
func TestLocalLoadAndReload(t *testing.T) {
	dir := t.TempDir()
	l := openLocal(t, filepath.Join(dir, "kg.db"))
	exs := exampleExtractions(t)
	for _, s := range loadLocal(t, l, exs...) {
		if s != graph.New {
			t.Errorf("first load: %s", s)
		}
	}
	before := snapshot(t, l)
	for _, s := range loadLocal(t, l, exs...) {
		if s != graph.Unchanged {
			t.Errorf("second load: %s", s)
		}
	}
	if after := snapshot(t, l); after != before {
		t.Error("a second load changed the store")
	}
	var n int
	n = count(t, l, `SELECT articles FROM facts WHERE subject = 'location:united-states' AND type = 'KILLED' AND object = 'person:hafiz-saeed-khan'`)
	if n != 1 {
		t.Errorf("United States KILLED Hafiz Saeed Khan backed by %d articles, want 1", n)
	}

	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	a2 := extractText(t, "news/a.txt", "Hezbollah is active in Lebanon.")
	l2 := openLocal(t, filepath.Join(dir, "two.db"))
	loadLocal(t, l2, a, b)
	n = count(t, l2, `SELECT articles FROM facts WHERE subject = 'organization:taliban' AND type = 'OPPOSES' AND object = 'organization:isis-k'`)
	if n != 2 {
		t.Fatalf("Taliban OPPOSES ISIS-K backed by %d articles before the edit, want 2", n)
	}
	if s := loadLocal(t, l2, a2); s[0] != graph.Changed {
		t.Errorf("edited article: %s", s[0])
	}
	n = count(t, l2, `SELECT articles FROM facts WHERE subject = 'organization:taliban' AND type = 'OPPOSES' AND object = 'organization:isis-k'`)
	if n != 1 {
		t.Errorf("after the edit: %d articles, want 1", n)
	}
	var hamas int
	hamas = count(t, l2, `SELECT count(*) FROM entities WHERE name = 'Hamas'`)
	if hamas != 0 {
		t.Error("Hamas, which only the old text named, is still there")
	}
	got := snapshot(t, l2)
	l3 := openLocal(t, filepath.Join(dir, "clean.db"))
	loadLocal(t, l3, b, a2)
	if want := snapshot(t, l3); got != want {
		t.Errorf("reloaded store differs from a clean load:\n--- reloaded\n%s\n--- clean\n%s", got, want)
	}
}

// TestLocalCurrent: an article counts as current only with the same bytes,
// schema and extractor version; one question answers for many articles, in
// their order.
func TestLocalCurrent(t *testing.T) {
	ctx := context.Background()
	l := openLocal(t, filepath.Join(t.TempDir(), "kg.db"))
	ex := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul.")
	loadLocal(t, l, ex)
	d := ex.Document
	vs := []graph.Version{{ID: d.ID, SHA256: d.SHA256, Extractor: d.Extractor}, {ID: d.ID, SHA256: "other", Extractor: d.Extractor},
		{ID: d.ID, SHA256: d.SHA256, Extractor: "newer"}, {ID: "unknown", SHA256: "x", Extractor: "y"}, {ID: d.ID, SHA256: d.SHA256, Extractor: d.Extractor}}
	want := []bool{true, false, false, false, true}
	got, err := l.Current(ctx, vs)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Current = %v, %v; want %v", got, err, want)
	}
	if got, err := l.Current(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("Current of nothing = %v, %v", got, err)
	}
}

// TestLocalPrune: articles whose files are gone are taken back, with what
// only they supported.
func TestLocalPrune(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := openLocal(t, filepath.Join(dir, "kg.db"))
	here := filepath.Join(dir, "here.txt")
	os.WriteFile(here, []byte("x"), 0o644)
	a := extractText(t, "news/a.txt", "Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "Hezbollah is active in Lebanon.")
	if _, err := l.Write(ctx, []graph.Contribution{graph.FromExtraction(schemas.Default(), a, here), graph.FromExtraction(schemas.Default(), b, filepath.Join(dir, "gone.txt"))}); err != nil {
		t.Fatal(err)
	}
	gone, err := l.Prune(ctx)
	if err != nil || len(gone) != 1 || gone[0] != "news/b.txt" {
		t.Fatalf("pruned %v, %v", gone, err)
	}
	var n int
	n = count(t, l, `SELECT count(*) FROM entities WHERE name = 'Hezbollah'`)
	if n != 0 {
		t.Error("the pruned article's entity stayed")
	}
	n = count(t, l, `SELECT count(*) FROM entities WHERE name = 'Hamas'`)
	if n != 1 {
		t.Error("the kept article's entity went")
	}
}

// TestLocalBadFiles: a file that is not a store is refused with one line
// naming it, and left as it was.
func TestLocalBadFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("These are my notes, not a database. They must survive."), 0o644)
	_, err := Open(context.Background(), text, schemas.Default(), 0)
	if err == nil || !strings.Contains(err.Error(), "not a kg store") || strings.Contains(err.Error(), "\n") {
		t.Errorf("text file: %v", err)
	}
	if data, err := os.ReadFile(text); err != nil || !strings.HasPrefix(string(data), "These are my notes") {
		t.Error("the file was changed")
	}
	if _, err := Open(context.Background(), dir, schemas.Default(), 0); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
	newer := filepath.Join(dir, "newer.db")
	l := openLocal(t, newer)
	l.db.Exec(`UPDATE kg_meta SET value = '99' WHERE key = 'format'`)
	l.Close()
	if _, err := Open(context.Background(), newer, schemas.Default(), 0); err == nil || !strings.Contains(err.Error(), "format 99") {
		t.Errorf("newer store: %v", err)
	}
}

var (
	extractText        = graphtest.Extract
	exampleExtractions = graphtest.Examples
	synthetic          = graphtest.Synthetic
)

// count runs a query of one number on the store's tables.
func count(t *testing.T, l *Store, q string) int {
	t.Helper()
	var n int
	if err := l.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// snapshot is the store's Snapshot; an error fails the test.
func snapshot(t *testing.T, l *Store) string {
	t.Helper()
	s, err := l.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLocalMoves: the local store takes a moved article's old path back in
// the write that stores it at the new one (graphtest.CheckMoves).
func TestLocalMoves(t *testing.T) {
	l := openLocal(t, filepath.Join(t.TempDir(), "kg.db"))
	graphtest.CheckMoves(t, l)
	if n := count(t, l, `SELECT max(articles) FROM facts WHERE subject = 'organization:taliban' AND type = 'OPPOSES'`); n != 2 {
		t.Errorf("Taliban OPPOSES ISIS-K backed by %d articles, want 2 (the moved one and its copy written after)", n)
	}
}
