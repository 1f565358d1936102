package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

// legacyPair is an article with a url as an earlier kg read it (its id the
// hash of the url) and as this one does (the hash of its path), from one file.
func legacyPair(t *testing.T) (old, cur *extract.Extraction) {
	t.Helper()
	text := "---\nurl: https://news.example/same\n---\nThe Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza."
	old = extractText(t, "news/a.md", text)
	old.Document.ID = extract.LegacyID("https://news.example/same")
	old.Document.Source = "/nonexistent/news/a.md"
	cur = extractText(t, "news/a.md", text)
	cur.Document.Source = "/nonexistent/news/a.md"
	if old.Document.ID == cur.Document.ID {
		t.Fatal("the legacy id is the new one")
	}
	return old, cur
}

// TestLocalLegacyIDCarriedOver: a store an earlier kg built, which keyed an
// article with a url by the url, holds the article once after the next
// build, under its new id, as a clean build would; another file with the
// same url does not take it over.
func TestLocalLegacyIDCarriedOver(t *testing.T) {
	dir := t.TempDir()
	old, cur := legacyPair(t)
	clean := openLocal(t, filepath.Join(dir, "clean.db"))
	loadLocal(t, clean, cur)
	want := snapshot(t, clean)

	l := openLocal(t, filepath.Join(dir, "kg.db"))
	loadLocal(t, l, old)
	other := extractText(t, "news/b.md", "---\nurl: https://news.example/same\n---\nHezbollah is active in Lebanon.")
	if s := loadLocal(t, l, other); s[0] != graph.New {
		t.Errorf("another file with the url: %s, want new", s[0])
	}
	if s := loadLocal(t, l, cur); s[0] != graph.Changed {
		t.Errorf("carried over: %s, want updated", s[0])
	}
	if s := loadLocal(t, l, cur); s[0] != graph.Unchanged {
		t.Errorf("again: %s, want unchanged", s[0])
	}
	loadLocal(t, clean, other)
	want = snapshot(t, clean)
	if got := snapshot(t, l); got != want {
		t.Errorf("carried-over store differs from a clean one:\n%s\nwant\n%s", got, want)
	}
}

// TestLocalDamagedStore: a store with a damaged page in its entities and
// support tables is no partial graph: every reader of the whole store fails
// with the error that ended its rows (rows.Err), instead of returning what
// it read before.
func TestLocalDamagedStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	l, err := Open(ctx, path, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	arts := graphtest.Contributions(synthetic(300, 20, 900)...)
	if _, err := l.Write(ctx, arts); err != nil {
		t.Fatal(err)
	}
	l.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	for _, mark := range []string{"Organization 451", "Synthetic sentence 7 of article 150."} {
		i := bytes.Index(data, []byte(mark))
		if i < 0 || i/page == 0 {
			t.Fatalf("%q not found past the first page", mark)
		}
		start := i / page * page
		for k := start; k < start+page; k++ {
			data[k] = 0xff
		}
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err = Open(ctx, path, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n, err := l.Nodes(ctx, nil); err == nil {
		t.Errorf("Nodes: %d nodes, no error", len(n))
	}
	if e, err := l.Edges(ctx, nil); err == nil {
		t.Errorf("Edges: %d edges, no error", len(e))
	}
	if _, err := l.Snapshot(ctx); err == nil {
		t.Error("Snapshot: no error")
	}
	if err := l.EachContribution(ctx, func(graph.Contribution) error { return nil }); err == nil {
		t.Error("EachContribution (what kg load writes): no error")
	}
	if err := l.EachSupport(ctx, func(graph.Support) error { return nil }); err == nil {
		t.Error("EachSupport (what kg load --csv writes): no error")
	}
}

// TestForeignSQLiteUntouched: an SQLite file that is no kg store is refused
// before anything in it changes (it stays in its own journal mode, byte for
// byte, with no WAL files beside it).
func TestForeignSQLiteUntouched(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "notes.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path, schemas.Default(), 0); err == nil || !strings.Contains(err.Error(), "not a kg store") {
		t.Fatalf("foreign file: %v", err)
	}
	after, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(before, after) {
		t.Error("the foreign file changed")
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s left beside it", side)
		}
	}
	// A kg store is still switched to WAL.
	store := filepath.Join(t.TempDir(), "kg.db")
	l, err := Open(ctx, store, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := l.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if mode != "wal" {
		t.Errorf("kg store journal mode %q", mode)
	}
}
