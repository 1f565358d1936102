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

// TestURIPasswordNotPrinted: a password in the Neo4j URI, whatever its
// characters, is never printed; kg says where credentials belong.
func TestURIPasswordNotPrinted(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	news := filepath.Join(t.TempDir(), "a.txt")
	writeFile(t, news, []byte("Hamas is active in Gaza."))
	store := filepath.Join(t.TempDir(), "kg.db")
	if code, _, errs := kg(t, "", "build", "--store", store, news); code != 0 {
		t.Fatal(errs)
	}
	for _, pw := range []string{"ab#Sekr3t", "ab/Sekr3t", "ab?Sekr3t", "ab Sekr3t", "ab%zzSekr3t", "12/34Sekr3t", "ab@Sekr3t"} {
		for _, cmdline := range [][]string{{"build", "--neo4j"}, {"load", "--store", store, "--neo4j"}, {"export", "--neo4j"}} {
			args := append(append([]string{}, cmdline...), "bolt://neo4j:"+pw+"@127.0.0.1:1")
			if cmdline[0] == "build" {
				args = append(args, news)
			}
			code, out, errs := kg(t, "", args...)
			if strings.Contains(errs+out, "Sekr3t") || code != exitUsage || !strings.Contains(errs, "NEO4J_PASSWORD") {
				t.Errorf("%s with password %q: exit %d: %s", cmdline[0], pw, code, errs)
			}
		}
	}
}

// TestTerminalEscapes: a title, name or file name with terminal controls
// (ESC ] 0 ; … BEL retitles the window) or a bidirectional override reaches
// the terminal escaped, in kg extract's table, kg stats and error lines.
func TestTerminalEscapes(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	evil := "\x1b]0;pwned\x07"
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.md"), []byte("---\ntitle: \""+`\e]0;pwned\a`+" \u202eevil\"\n---\nHamas"+evil+" is active in Gaza. Hamas leader Ismail Haniyeh\u202e spoke."))
	writeFile(t, filepath.Join(news, "bad"+evil+".txt"), []byte{0xff, 0xfe})
	store := filepath.Join(dir, "kg.db")
	check := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\u202e") {
			t.Errorf("%s prints terminal controls raw: %q", what, s)
		}
	}
	_, out, errs := kg(t, "", "extract", news)
	check("kg extract", out+errs)
	if !strings.Contains(errs, `bad\x1b]0;pwned\x07.txt`) || !strings.Contains(out, `\x1b]0;pwned\x07`) {
		t.Errorf("not shown escaped:\n%s%s", out, errs)
	}
	_, out, errs = kg(t, "", "build", "--store", store, news)
	check("kg build", out+errs)
	_, out, errs = kg(t, "", "stats", "--store", store)
	check("kg stats", out+errs)
}
