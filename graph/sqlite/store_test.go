package sqlite

import (
	"context"
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
	arts := make([]Input, len(exs))
	for i, ex := range exs {
		arts[i] = Input{Extraction: ex, AbsPath: "/nonexistent/" + ex.Document.Path}
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
	ctx := context.Background()
	dir := t.TempDir()
	l := openLocal(t, filepath.Join(dir, "kg.db"))
	exs := exampleExtractions(t)
	for _, s := range loadLocal(t, l, exs...) {
		if s != graph.New {
			t.Errorf("first load: %s", s)
		}
	}
	before, _ := l.Snapshot(ctx)
	for _, s := range loadLocal(t, l, exs...) {
		if s != graph.Unchanged {
			t.Errorf("second load: %s", s)
		}
	}
	if after, _ := l.Snapshot(ctx); after != before {
		t.Error("a second load changed the store")
	}
	var n int
	l.db.QueryRow(`SELECT articles FROM facts WHERE subject = 'location:united-states' AND type = 'KILLED' AND object = 'person:hafiz-saeed-khan'`).Scan(&n)
	if n != 1 {
		t.Errorf("United States KILLED Hafiz Saeed Khan backed by %d articles, want 1", n)
	}

	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	a2 := extractText(t, "news/a.txt", "Hezbollah is active in Lebanon.")
	l2 := openLocal(t, filepath.Join(dir, "two.db"))
	loadLocal(t, l2, a, b)
	l2.db.QueryRow(`SELECT articles FROM facts WHERE subject = 'organization:taliban' AND type = 'OPPOSES' AND object = 'organization:isis-k'`).Scan(&n)
	if n != 2 {
		t.Fatalf("Taliban OPPOSES ISIS-K backed by %d articles before the edit, want 2", n)
	}
	if s := loadLocal(t, l2, a2); s[0] != graph.Changed {
		t.Errorf("edited article: %s", s[0])
	}
	l2.db.QueryRow(`SELECT articles FROM facts WHERE subject = 'organization:taliban' AND type = 'OPPOSES' AND object = 'organization:isis-k'`).Scan(&n)
	if n != 1 {
		t.Errorf("after the edit: %d articles, want 1", n)
	}
	var hamas int
	l2.db.QueryRow(`SELECT count(*) FROM entities WHERE name = 'Hamas'`).Scan(&hamas)
	if hamas != 0 {
		t.Error("Hamas, which only the old text named, is still there")
	}
	got, _ := l2.Snapshot(ctx)
	l3 := openLocal(t, filepath.Join(dir, "clean.db"))
	loadLocal(t, l3, b, a2)
	if want, _ := l3.Snapshot(ctx); got != want {
		t.Errorf("reloaded store differs from a clean load:\n--- reloaded\n%s\n--- clean\n%s", got, want)
	}
}

// TestLocalCurrent: an article counts as current only with the same bytes,
// schema and extractor version.
func TestLocalCurrent(t *testing.T) {
	ctx := context.Background()
	l := openLocal(t, filepath.Join(t.TempDir(), "kg.db"))
	ex := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul.")
	loadLocal(t, l, ex)
	for _, tt := range []struct {
		sha, ext string
		want     bool
	}{{ex.Document.SHA256, ex.Document.Extractor, true}, {"other", ex.Document.Extractor, false}, {ex.Document.SHA256, "newer", false}} {
		if got, err := l.Current(ctx, ex.Document.ID, tt.sha, tt.ext); err != nil || got != tt.want {
			t.Errorf("Current(%s, %s) = %v, %v", tt.sha, tt.ext, got, err)
		}
	}
	if got, _ := l.Current(ctx, "unknown", "x", "y"); got {
		t.Error("an unknown article is current")
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
	if _, err := l.Write(ctx, []Input{{a, here}, {b, filepath.Join(dir, "gone.txt")}}); err != nil {
		t.Fatal(err)
	}
	gone, err := l.Prune(ctx)
	if err != nil || len(gone) != 1 || gone[0] != "news/b.txt" {
		t.Fatalf("pruned %v, %v", gone, err)
	}
	var n int
	l.db.QueryRow(`SELECT count(*) FROM entities WHERE name = 'Hezbollah'`).Scan(&n)
	if n != 0 {
		t.Error("the pruned article's entity stayed")
	}
	l.db.QueryRow(`SELECT count(*) FROM entities WHERE name = 'Hamas'`).Scan(&n)
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
	if data, _ := os.ReadFile(text); !strings.HasPrefix(string(data), "These are my notes") {
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
