package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
