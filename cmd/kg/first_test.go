package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
)

// TestCarelessCommands: commands a new user gets wrong are usage errors
// (exit 2) on one line, and write nothing.
func TestCarelessCommands(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, []byte("The Taliban clashed with ISIS-K in Kabul."))
	store := filepath.Join(dir, "kg.db")
	missing := filepath.Join(dir, "nonexistent")
	t.Setenv("NEO4J_URI", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"build of a missing folder", []string{"build", "--store", store, missing + "/"}, "nonexistent/: no such file or folder; nothing was done"},
		{"build with one missing path among good ones", []string{"build", "--store", store, good, missing}, "nonexistent: no such file or folder"},
		{"extract of a missing file", []string{"extract", missing}, "no such file or folder; nothing was done"},
		{"submit of a missing file", []string{"submit", "--nats", "nats://127.0.0.1:1", missing}, "no such file or folder; nothing was done"},
		{"build --store with --neo4j", []string{"build", "--store", store, "--neo4j", "bolt://127.0.0.1:1", good}, "--store and --neo4j name two different targets"},
		{"export --store with --neo4j", []string{"export", "--store", store, "--neo4j", "bolt://127.0.0.1:1"}, "--store and --neo4j name two different targets"},
		{"max-size not a size", []string{"extract", "--max-size", "ten", good}, `"ten" is not a size`},
		{"max-size negative", []string{"extract", "--max-size=-5", good}, "must be a positive size"},
		{"max-size zero", []string{"build", "--store", store, "--max-size", "0", good}, "--max-size must be a positive size"},
		{"max-size negative unit", []string{"build", "--store", store, "--max-size=-5MB", good}, "must be a positive size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := kg(t, "", tt.args...)
			if code != exitUsage || !strings.Contains(errs, tt.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q on one line", code, out, errs, exitUsage, tt.want)
			}
			if _, err := os.Stat(store); err == nil {
				t.Errorf("%s was written", store)
			}
		})
	}
}

// TestMaxSizeUnits: --max-size takes units, and the limit is the one asked.
func TestMaxSizeUnits(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	writeFile(t, f, []byte(strings.Repeat("The Taliban clashed with ISIS-K in Kabul. ", 50))) // 2,100 bytes
	tests := []struct {
		size string
		ok   bool
	}{
		{"10KB", true}, {"2KB", false}, {"3kb", true}, {"2KiB", false}, {"3 KiB", true}, {"2100", true}, {"2099", false}, {"1MB", true},
	}
	for _, tt := range tests {
		code, _, errs := kg(t, "", "extract", "-f", "jsonl", "--max-size", tt.size, f)
		if (code == 0) != tt.ok || (!tt.ok && !strings.Contains(errs, "over the")) {
			t.Errorf("--max-size %s: exit %d, %s", tt.size, code, errs)
		}
	}
}

// TestHelpListsFormats: every command that reads articles names every
// ending kg reads in its --help.
func TestHelpListsFormats(t *testing.T) {
	for _, cmd := range []string{"extract", "build", "submit"} {
		code, out, _ := kg(t, "", cmd, "--help")
		if code != 0 {
			t.Fatalf("%s --help: exit %d", cmd, code)
		}
		for _, ext := range extract.Extensions {
			if !strings.Contains(out, ext) {
				t.Errorf("%s --help does not name %s", cmd, ext)
			}
		}
	}
}
