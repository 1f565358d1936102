package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildSameURL: two files with one url are two articles, both stored,
// and a second build finds both unchanged.
func TestBuildSameURL(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.md"), []byte("---\nurl: https://news.example/same\n---\nThe Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(news, "b.md"), []byte("---\nurl: https://news.example/same\n---\nHezbollah is active in Lebanon."))
	writeFile(t, filepath.Join(news, "feed.jsonl"), []byte(`{"url": "https://news.example/same", "text": "Hamas is active in Gaza."}
{"url": "https://news.example/same", "text": "Al-Shabaab is active in Somalia."}
`))
	store := filepath.Join(dir, "kg.db")
	code, _, errs := kg(t, "", "build", "--store", store, news)
	if code != 0 || !strings.Contains(errs, "4 new, 0 updated, 0 unchanged") {
		t.Errorf("first build: exit %d: %s", code, errs)
	}
	code, _, errs = kg(t, "", "build", "--store", store, news)
	if code != 0 || !strings.Contains(errs, "0 new, 0 updated, 4 unchanged") {
		t.Errorf("second build: exit %d: %s", code, errs)
	}
	code, out, _ := kg(t, "", "stats", "--store", store)
	for _, want := range []string{"Taliban", "Hezbollah", "Hamas", "Al-Shabaab"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats lack %s: exit %d\n%s", want, code, out)
		}
	}
}
