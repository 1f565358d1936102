package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
)

// format1Tables are a store's tables as kg wrote them in format 1, before it
// marked alleged facts.
var format1Tables = []string{
	`CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE articles (
	id TEXT PRIMARY KEY, path TEXT NOT NULL, abs_path TEXT NOT NULL, title TEXT NOT NULL,
	url TEXT NOT NULL, published TEXT NOT NULL, sha256 TEXT NOT NULL,
	schema TEXT NOT NULL, extractor TEXT NOT NULL, loaded_at TEXT NOT NULL)`,
	`CREATE TABLE entities (key TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, labels TEXT NOT NULL)`,
	`CREATE TABLE aliases (entity TEXT NOT NULL, article TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (entity, alias, article))`,
	`CREATE TABLE mentions (article TEXT NOT NULL, entity TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (article, entity))`,
	`CREATE INDEX mentions_entity ON mentions (entity)`,
	`CREATE INDEX aliases_article ON aliases (article)`,
	`CREATE TABLE support (subject TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL, article TEXT NOT NULL,
	count INTEGER NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL,
	PRIMARY KEY (subject, type, object, article))`,
	`CREATE INDEX support_article ON support (article)`,
	`CREATE INDEX support_object ON support (object)`,
	`CREATE TABLE resolution (article TEXT PRIMARY KEY, data TEXT NOT NULL)`,
	`CREATE VIEW facts AS
	SELECT subject, type, object, COUNT(*) AS articles, SUM(count) AS count, MAX(confidence) AS confidence
	FROM support GROUP BY subject, type, object`,
}

// writeFormat1 writes at path the store of format 1 an earlier kg made of
// exs: their rows as this kg writes them (from a store at from, written
// from exs), without what format 2 added.
func writeFormat1(t *testing.T, path string, from *Store) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	qs := append([]string{}, format1Tables...)
	qs = append(qs, `ATTACH DATABASE '`+strings.ReplaceAll(from.path, "'", "''")+`' AS src`,
		`INSERT INTO kg_meta (key, value) VALUES ('format', '1'), ('created', '2025-01-01T00:00:00Z')`,
		`INSERT INTO articles SELECT * FROM src.articles`,
		`INSERT INTO entities SELECT * FROM src.entities`,
		`INSERT INTO aliases SELECT * FROM src.aliases`,
		`INSERT INTO mentions SELECT * FROM src.mentions`,
		`INSERT INTO resolution SELECT * FROM src.resolution`,
		`INSERT INTO support SELECT subject, type, object, article, count, confidence, evidence FROM src.support`,
		`DETACH DATABASE src`)
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestLocalUpgradeFormat1: a store of format 1 (from before kg marked
// alleged facts) opens as format 2 with nothing lost: every fact it held
// asserted, as that kg stored it, and every article to be read again. The
// next build of the same articles replaces each, and the store is then the
// one a clean build makes, alleged facts marked.
func TestLocalUpgradeFormat1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	exs := append(exampleExtractions(t),
		extractText(t, "news/prosecutors.txt", graphtest.Allegation.Alleges),
		extractText(t, "news/both.txt", graphtest.Allegation.Both))
	var unmarked []*extract.Extraction
	for _, ex := range exs {
		unmarked = append(unmarked, graphtest.Unmarked(ex))
	}
	// What the earlier kg stored: the articles, no fact marked alleged.
	before := openLocal(t, filepath.Join(dir, "before.db"))
	loadLocal(t, before, unmarked...)
	old := filepath.Join(dir, "old.db")
	writeFormat1(t, old, before)
	if _, err := before.db.Exec(`UPDATE articles SET extractor = 'unmarked:' || extractor`); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, before)

	l := openLocal(t, old)
	if got := snapshot(t, l); got != want {
		t.Errorf("the upgraded store differs from the old one's facts, all asserted and to be read again:\n%s", firstDiff(got, want))
	}
	if f := count(t, l, `SELECT value FROM kg_meta WHERE key = 'format'`); f != storeFormat {
		t.Errorf("format %d after the upgrade, want %d", f, storeFormat)
	}
	if n := count(t, l, `SELECT count(*) FROM facts WHERE alleged`); n != 0 {
		t.Errorf("%d facts alleged before any article is read again", n)
	}
	l.Close()
	l = openLocal(t, old) // a second open changes nothing
	if got := snapshot(t, l); got != want {
		t.Error("opening the upgraded store again changed it")
	}
	var vs []graph.Version
	for _, ex := range exs {
		vs = append(vs, graph.Version{ID: ex.Document.ID, SHA256: ex.Document.SHA256, Extractor: ex.Document.Extractor})
	}
	cur, err := l.Current(ctx, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cur {
		if c {
			t.Errorf("%s counts as current after the upgrade; the next build must read it again", exs[i].Document.Path)
		}
	}
	// The upgrade keeps each article's bytes' hash: a moved file is still told.
	if same, err := l.SameBytes(ctx, []string{exs[0].Document.SHA256}); err != nil || len(same) != 1 || same[0].ID != exs[0].Document.ID {
		t.Errorf("SameBytes after the upgrade: %v, %v; want %s", same, err, exs[0].Document.Path)
	}
	for i, s := range loadLocal(t, l, exs...) {
		if s != graph.Changed {
			t.Errorf("%s read again: %s, want changed", exs[i].Document.Path, s)
		}
	}
	clean := openLocal(t, filepath.Join(dir, "clean.db"))
	loadLocal(t, clean, exs...)
	if got, want := snapshot(t, l), snapshot(t, clean); got != want {
		t.Errorf("after the rebuild the upgraded store differs from a clean one:\n%s", firstDiff(got, want))
	}
	if n := count(t, l, `SELECT count(*) FROM facts WHERE alleged AND type = 'KILLED' AND subject = 'person:mark-doyle'`); n != 0 {
		t.Errorf("Mark Doyle KILLED Anne Ross alleged though both.txt asserts it")
	}
	if n := count(t, l, `SELECT asserted_articles FROM facts WHERE type = 'KILLED' AND subject = 'person:mark-doyle' AND object = 'person:anne-ross'`); n != 1 {
		t.Errorf("Mark Doyle KILLED Anne Ross asserted by %d articles, want 1 (both.txt)", n)
	}
}

// firstDiff shows the first line where two snapshots differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "got:  " + a + "\nwant: " + b
		}
	}
	return "(equal)"
}
