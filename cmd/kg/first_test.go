package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestInputsAccountedFor: a messy folder's every file is named: skipped
// files by ending, empty articles, articles in another language, copies;
// failures listed with their reasons in --json; the two kinds of counts
// both given; --quiet prints nothing on success.
func TestInputsAccountedFor(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	in := messyFolder(t, filepath.Join(dir, "news"))
	art := exampleArticle(t, "isis-k-kabul-airport-threat.txt")
	store := filepath.Join(dir, "kg.db")
	code, out, errs := kg(t, "", "build", "--store", store, "--json", in)
	if code != exitPartial {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum struct {
		Articles struct{ New, Skipped, Failed int }
		Failed   []struct{ Path, Error string }
		Skipped  []struct{ Path, Reason string }
		Entities int
		Graph    *struct{ Entities, Relations int }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if sum.Articles.New != 2 || sum.Articles.Failed != 1 || len(sum.Failed) != 1 || !strings.HasSuffix(sum.Failed[0].Path, "bin.txt") || !strings.Contains(sum.Failed[0].Error, "binary") {
		t.Errorf("articles %+v, failed %+v", sum.Articles, sum.Failed)
	}
	reasons := map[string]string{}
	for _, s := range sum.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	for name, want := range map[string]string{
		"report.pdf": "a .pdf file", "photo.png": "a .png file", "blank.txt": "empty",
		"fr.txt": "in French (detected), not English", "c-copy.txt": "the same bytes as " + filepath.Join(in, "b.txt"),
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want %q", name, reasons[name], want)
		}
		if !strings.Contains(errs, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errs)
		}
	}
	if sum.Articles.Skipped != 5 || len(sum.Skipped) != 5 {
		t.Errorf("skipped %d, listed %d", sum.Articles.Skipped, len(sum.Skipped))
	}
	if sum.Graph == nil || sum.Graph.Entities == 0 || sum.Entities < sum.Graph.Entities || !strings.Contains(errs, "counted once per article; the graph holds") {
		t.Errorf("counts: %d per article, graph %+v; stderr:\n%s", sum.Entities, sum.Graph, errs)
	}
	// The copy supports nothing: every fact has one article.
	db, err := sql.Open("sqlite", "file:"+store+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var most int
	if err := db.QueryRow(`SELECT max(articles) FROM facts`).Scan(&most); err != nil || most != 1 {
		t.Errorf("a fact is supported by %d articles (%v); the copy counted", most, err)
	}
	db.Close()
	// A copy that sorts before the stored original: the copy is stored now,
	// and the original, stored before, is taken back.
	writeFile(t, filepath.Join(in, "a-copy.txt"), art)
	code, _, errs = kg(t, "", "build", "--store", store, in)
	if !strings.Contains(errs, "b.txt: the same bytes as "+filepath.Join(in, "a-copy.txt")) || !strings.Contains(errs, "1 pruned") {
		t.Errorf("copy sorting first: exit %d: %s", code, errs)
	}
	db, err = sql.Open("sqlite", "file:"+store+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var stored int
	if err := db.QueryRow(`SELECT max(articles) FROM facts`).Scan(&most); err != nil || most != 1 {
		t.Errorf("after a copy sorting first: a fact is supported by %d articles (%v)", most, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM articles WHERE path LIKE '%b.txt' OR path LIKE '%c-copy.txt'`).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("%d copies still stored (%v)", stored, err)
	}
	db.Close()
	// --lang any reads the French one; --quiet prints nothing when all is well.
	os.Remove(filepath.Join(in, "bin.txt"))
	code, out, errs = kg(t, "", "build", "--store", store, "--quiet", "--lang", "any", in)
	if code != 0 || out != "" || errs != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := kg(t, "", "extract", "--lang", "xx", filepath.Join(in, "b.txt")); code != exitUsage || !strings.Contains(errs, "--lang xx") {
		t.Errorf("--lang xx: exit %d: %s", code, errs)
	}
}

// messyFolder writes a folder of what a new user's folder holds, and
// returns it: an article (b.txt) and its copy (c-copy.txt), an empty one, a
// PDF and a PNG, an article in French, English dense with names, and a
// binary file with a .txt ending.
func messyFolder(t *testing.T, in string) string {
	t.Helper()
	art := exampleArticle(t, "isis-k-kabul-airport-threat.txt")
	writeFile(t, filepath.Join(in, "b.txt"), art)
	writeFile(t, filepath.Join(in, "c-copy.txt"), art)
	writeFile(t, filepath.Join(in, "blank.txt"), []byte(" \n\t\n"))
	writeFile(t, filepath.Join(in, "report.pdf"), []byte("%PDF-1.4"))
	writeFile(t, filepath.Join(in, "photo.png"), []byte("\x89PNG"))
	writeFile(t, filepath.Join(in, "fr.txt"), []byte("Le président de la République a annoncé mardi que les forces françaises quitteraient le Mali d'ici la fin de l'année, après neuf ans de présence militaire dans le pays. "+
		"Le gouvernement malien avait demandé leur départ au début du mois, et les soldats rejoindront des bases au Niger voisin, selon le ministère des Armées."))
	// English dense with names, which trigrams alone read as Swedish, is read.
	writeFile(t, filepath.Join(in, "names.txt"), []byte("Edited report\n\nHezbollah attacked Israel near Beirut. Omar Haddad leads Hezbollah.\n"))
	writeFile(t, filepath.Join(in, "bin.txt"), []byte{'a', 0, 'b'})
	return in
}

// TestFormatVersion: --version says the module version and the revision.
func TestFormatVersion(t *testing.T) {
	tests := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/kg/kg", Version: "v1.2.0"}},
			"v1.2.0 (github.com/kg/kg, no VCS revision: built by go run or with -buildvcs=false, go1.26.8)"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/kg/kg", Version: "v0.0.0-20261206190000-9d97900abcde+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "9d97900abcdef"}, {Key: "vcs.time", Value: "2026-12-06T19:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-20261206190000-9d97900abcde+dirty (github.com/kg/kg, revision 9d97900abcdef of 2026-12-06T19:00:00Z, with uncommitted changes, go1.26.8)"},
		{debug.BuildInfo{Main: debug.Module{Path: "github.com/kg/kg", Version: "(devel)"}}, "(devel) (github.com/kg/kg, no VCS revision: built by go run or with -buildvcs=false)"},
	}
	for _, tt := range tests {
		if got := formatVersion(&tt.info); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

// TestHTMLLeavesOutIsolated: the HTML page of a whole graph leaves out
// entities without a relation and says how many; --isolated keeps them.
func TestHTMLLeavesOutIsolated(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	if code, _, errs := kg(t, "", "build", "--store", store, "-q", "../../examples/articles"); code != 0 {
		t.Fatalf("build: %d %s", code, errs)
	}
	code, out, _ := kg(t, "", "export", "--store", store, "--format", "json")
	var all struct {
		Nodes []struct{ Key string }
		Edges []struct{ Source, Target string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &all) != nil {
		t.Fatalf("json export: %d", code)
	}
	linked := map[string]bool{}
	for _, e := range all.Edges {
		linked[e.Source], linked[e.Target] = true, true
	}
	isolated := len(all.Nodes) - len(linked)
	if isolated == 0 {
		t.Fatal("the examples' graph has no isolated entity to leave out")
	}
	page := filepath.Join(dir, "g.html")
	code, _, errs := kg(t, "", "export", "--store", store, "--format", "html", "-o", page)
	want := fmt.Sprintf("left out %d entities without any relation", isolated)
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, fmt.Sprintf("exported %d nodes", len(linked))) {
		t.Errorf("html: exit %d, stderr %q; want %q", code, errs, want)
	}
	code, _, errs = kg(t, "", "export", "--store", store, "--format", "html", "--isolated", "-o", page)
	if code != 0 || strings.Contains(errs, "left out") || !strings.Contains(errs, fmt.Sprintf("exported %d nodes", len(all.Nodes))) {
		t.Errorf("--isolated: exit %d, stderr %q", code, errs)
	}
}

// undatedFixture writes a dated and an undated article that state the same
// fact (Taliban OPPOSES ISIS-K), the undated one's file dated 2020-01-02.
func undatedFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news")
	writeFile(t, filepath.Join(dir, "dated.md"), []byte("---\ntitle: Dated\ndate: 2021-08-21\n---\nThe Taliban clashed with ISIS-K in Kabul.\n"))
	undated := filepath.Join(dir, "undated.txt")
	writeFile(t, undated, []byte("Fighting went on. The Taliban clashed with ISIS-K in Kabul again.\n"))
	day := time.Date(2020, 1, 2, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(undated, day, day); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seenDates exports the graph as JSON and returns the Taliban OPPOSES
// ISIS-K edge's supporting articles, first_seen and last_seen.
func seenDates(t *testing.T, from ...string) (int, string, string) {
	t.Helper()
	code, out, errs := kg(t, "", append([]string{"export", "--format", "json"}, from...)...)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	var g struct {
		Edges []struct {
			Source, Type, Target string
			Articles             int
			FirstSeen            string `json:"first_seen"`
			LastSeen             string `json:"last_seen"`
		}
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Edges {
		if e.Source == "organization:taliban" && e.Type == "OPPOSES" && e.Target == "organization:isis-k" {
			return e.Articles, e.FirstSeen, e.LastSeen
		}
	}
	t.Fatalf("no Taliban OPPOSES ISIS-K edge in %s", out)
	return 0, "", ""
}

// TestUndatedArticles: an article without a date moves no fact's
// first_seen or last_seen (it used to take the day of loading); with
// --date-from-mtime its file's time dates it. In the local store and in
// Neo4j alike.
func TestUndatedArticles(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := undatedFixture(t)
	for _, tt := range []struct {
		flags       []string
		first, last string
	}{
		{nil, "2021-08-21", "2021-08-21"},
		{[]string{"--date-from-mtime"}, "2020-01-02", "2021-08-21"},
	} {
		store := filepath.Join(t.TempDir(), "kg.db")
		if code, _, errs := kg(t, "", append([]string{"build", "-q", "--store", store, dir}, tt.flags...)...); code != 0 {
			t.Fatalf("build %v: exit %d: %s", tt.flags, code, errs)
		}
		n, first, last := seenDates(t, "--store", store)
		if n != 2 || first != tt.first || last != tt.last {
			t.Errorf("build %v: %d articles, first_seen %q, last_seen %q; want 2, %q, %q", tt.flags, n, first, last, tt.first, tt.last)
		}
	}
}

// TestUndatedArticlesNeo4j: the same in Neo4j, through loading, taking the
// dated article back (the edge then has no date), and loading it again.
func TestUndatedArticlesNeo4j(t *testing.T) {
	uri := testServer(t)
	dir := undatedFixture(t)
	if code, _, errs := kg(t, "", "build", "-q", "--neo4j", uri, dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if n, first, last := seenDates(t, "--neo4j", uri); n != 2 || first != "2021-08-21" || last != "2021-08-21" {
		t.Errorf("%d articles, first_seen %q, last_seen %q; want 2, 2021-08-21, 2021-08-21", n, first, last)
	}
	dated := filepath.Join(dir, "dated.md")
	data, _ := os.ReadFile(dated)
	os.Remove(dated)
	if code, _, errs := kg(t, "", "build", "-q", "--prune", "--neo4j", uri, dir); code != 0 {
		t.Fatalf("prune: exit %d: %s", code, errs)
	}
	if n, first, last := seenDates(t, "--neo4j", uri); n != 1 || first != "" || last != "" {
		t.Errorf("undated alone: %d articles, first_seen %q, last_seen %q; want 1 and no dates", n, first, last)
	}
	writeFile(t, dated, data)
	if code, _, errs := kg(t, "", "build", "-q", "--neo4j", uri, dir); code != 0 {
		t.Fatalf("rebuild: exit %d: %s", code, errs)
	}
	if n, first, last := seenDates(t, "--neo4j", uri); n != 2 || first != "2021-08-21" || last != "2021-08-21" {
		t.Errorf("again: %d articles, first_seen %q, last_seen %q; want 2, 2021-08-21, 2021-08-21", n, first, last)
	}
}

// TestStatsNeo4j: kg stats --neo4j gives the summary kg stats gives of the
// local store built from the same articles, alleged facts counted and
// marked alike.
func TestStatsNeo4j(t *testing.T) {
	uri := testServer(t)
	store := filepath.Join(t.TempDir(), "kg.db")
	alleging := t.TempDir() // an article written for the test, alleging what nothing asserts
	if err := os.WriteFile(filepath.Join(alleging, "brigade.txt"), []byte("Mark Doyle allegedly leads the Harbour Brigade.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := kg(t, "", "build", "-q", "--store", store, "../../examples/articles", alleging); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if code, _, errs := kg(t, "", "build", "-q", "--neo4j", uri, "../../examples/articles", alleging); code != 0 {
		t.Fatalf("build --neo4j: exit %d: %s", code, errs)
	}
	code, local, errs := kg(t, "", "stats", "--json", "--top", "8", "--store", store)
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	code, remote, errs := kg(t, "", "stats", "--json", "--top", "8", "--neo4j", uri)
	if code != 0 {
		t.Fatalf("stats --neo4j: exit %d: %s", code, errs)
	}
	if local != remote || !strings.Contains(remote, `"ISIS-K"`) || !strings.Contains(remote, `"alleged": 1,`) {
		t.Errorf("stats differ, or count no alleged fact:\nlocal store %s\nNeo4j %s", local, remote)
	}
	code, out, _ := kg(t, "", "stats", "--top", "100", "--neo4j", uri)
	if code != 0 || !strings.HasPrefix(out, uri+": 4 articles") || !strings.Contains(out, "MOST CONNECTED") ||
		!strings.Contains(out, "1 alleged: asserted by no article") || !strings.Contains(out, "Mark Doyle -[LEADS]-> Harbour Brigade   (1 article, alleged)") {
		t.Errorf("stats --neo4j table: exit %d\n%s", code, out)
	}
}

// TestBuildPrintsGraph: kg build prints the table kg stats --top 5 prints of
// the graph it built, into the local store and into Neo4j alike, and its
// --json summary has the graph's distinct counts.
func TestBuildPrintsGraph(t *testing.T) {
	for _, store := range []string{"local", "neo4j"} {
		t.Run(store, func(t *testing.T) {
			var target []string
			if store == "neo4j" {
				target = []string{"--neo4j", testServer(t)}
			} else {
				t.Setenv("NEO4J_URI", "")
				target = []string{"--store", filepath.Join(t.TempDir(), "kg.db")}
			}
			code, built, errs := kg(t, "", append([]string{"build", "../../examples/articles"}, target...)...)
			if code != 0 {
				t.Fatalf("build: exit %d: %s", code, errs)
			}
			code, stats, errs := kg(t, "", append([]string{"stats", "--top", "5"}, target...)...)
			if code != 0 {
				t.Fatalf("stats: exit %d: %s", code, errs)
			}
			if built != stats || !strings.Contains(built, ": 3 articles") || !strings.Contains(built, "ENTITIES (") {
				t.Errorf("kg build printed\n%s\nkg stats --top 5 prints\n%s", built, stats)
			}
			code, out, errs := kg(t, "", append([]string{"build", "--json", "../../examples/articles"}, target...)...)
			var sum struct {
				Graph *struct{ Entities, Relations int }
			}
			if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum.Graph == nil || sum.Graph.Entities == 0 || sum.Graph.Relations == 0 {
				t.Errorf("build --json: exit %d, graph %+v: %s%s", code, sum.Graph, out, errs)
			}
		})
	}
}

// TestNeo4jScriptPlain: scripts/neo4j passes Maven's and Neo4j's output on
// without terminal escape codes when stderr is no terminal, and every such
// passage goes through its filter.
func TestNeo4jScriptPlain(t *testing.T) {
	script, err := os.ReadFile("../../scripts/neo4j")
	if err != nil {
		t.Fatal(err)
	}
	var plain string
	for _, l := range strings.Split(string(script), "\n") {
		if strings.HasPrefix(l, "plain()") {
			plain = l
		}
		if (strings.Contains(l, "mvn ") || strings.Contains(l, `"$home/neo4j.log" >&2`) || strings.Contains(l, `import.log"`) && strings.Contains(l, ">&2")) &&
			!strings.HasPrefix(strings.TrimSpace(l), "#") && !strings.Contains(l, "command -v") && !strings.Contains(l, "plain >&2") {
			t.Errorf("scripts/neo4j passes tool output on unfiltered: %s", strings.TrimSpace(l))
		}
	}
	if plain == "" {
		t.Fatal("scripts/neo4j has no plain() filter")
	}
	cmd := exec.Command("bash", "-c", plain+"\nplain")
	cmd.Stdin = strings.NewReader("\x1b[0m[INFO]\x1b[1;31m BUILD\x1b[0m done\x1b(B\n")
	out, err := cmd.Output() // stderr is no terminal here
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "[INFO] BUILD done\n" {
		t.Errorf("plain gave %q", out)
	}
}

// BenchmarkLangCheck: what language identification costs an article (the
// first 4 KB of an example article).
func BenchmarkLangCheck(b *testing.B) {
	data, err := os.ReadFile("../../examples/articles/isis-k-kabul-airport-threat.txt")
	if err != nil {
		b.Fatal(err)
	}
	check, _ := langChecker([]string{"en"})
	b.SetBytes(int64(min(len(data), langSample)))
	for b.Loop() {
		if why := check(string(data)); why != "" {
			b.Fatal(why)
		}
	}
}

// TestReadmeTour runs the README's short tour as a new user would, in an
// empty folder beside the examples: every kg line must succeed. The lines
// that reach Neo4j run against the test server (scripts/neo4j start is the
// user's way to one).
func TestReadmeTour(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, tour, ok := strings.Cut(string(readme), "## A short tour\n\n")
	if !ok {
		t.Fatal(`README has no "## A short tour"`)
	}
	comment := regexp.MustCompile(`\s+#\s.*$`)
	var local, remote [][]string
	for _, line := range strings.Split(tour, "\n") {
		if !strings.HasPrefix(line, "    ") {
			break
		}
		var args []string
		for _, f := range strings.Fields(comment.ReplaceAllString(line, "")) {
			if len(args) == 0 && strings.Contains(f, "=") {
				continue // an environment setting; the test server's come from testServer
			}
			args = append(args, f)
		}
		switch {
		case args[0] == "scripts/neo4j":
		case args[0] != "kg":
			t.Fatalf("the tour runs %q, which this test cannot", line)
		case slices.Contains(args, "--neo4j"):
			remote = append(remote, args[1:])
		default:
			local = append(local, args[1:])
		}
	}
	if len(local) < 4 || len(remote) < 2 {
		t.Fatalf("the tour has %d local and %d Neo4j kg lines", len(local), len(remote))
	}
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(examples, filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("NEO4J_URI", "")
	for _, args := range local {
		code, out, errs := kg(t, "", args...)
		if code != 0 || (out == "" && !slices.Contains(args, "-o")) {
			t.Errorf("kg %s: exit %d, stdout %d bytes: %s", strings.Join(args, " "), code, len(out), errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "isis-k.html")); err != nil {
		t.Errorf("the tour's page: %v", err)
	}
	t.Run("neo4j", func(t *testing.T) {
		uri := testServer(t)
		for _, args := range remote {
			args = slices.Clone(args)
			for i, a := range args {
				if strings.HasPrefix(a, "bolt://") {
					args[i] = uri
				}
			}
			code, out, errs := kg(t, "", args...)
			if code != 0 {
				t.Errorf("kg %s: exit %d: %s%s", strings.Join(args, " "), code, out, errs)
			}
		}
	})
}

// TestDocExamples: the complete schema and gazetteer examples docs/schema.md
// shows are the files under examples/schema, and they work; every page the
// README links to exists.
func TestDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"companies.yaml", "names.yaml", "evidence.tsv"} {
		data, err := os.ReadFile(filepath.Join("../../examples/schema", f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), string(data)) {
			t.Errorf("docs/schema.md does not show examples/schema/%s as it is", f)
		}
	}
	schema := "../../examples/schema/companies.yaml"
	if code, _, errs := kg(t, "", "schema", "check", schema); code != 0 {
		t.Fatalf("schema check: exit %d: %s", code, errs)
	}
	code, out, errs := kg(t, "Northwind Traders bought Contoso Ltd on Monday. Elena Novak, the chief executive of NWT, said the company is based in Ravenna.\n",
		"extract", "--schema", schema, "--gazetteer", "../../examples/schema/names.yaml", "--gazetteer", "../../examples/schema/evidence.tsv", "-")
	for _, want := range []string{"Northwind Traders -[ACQUIRED]-> Contoso Ltd", "Elena Novak -[LEADS]-> Northwind Traders"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("extract with the example schema and gazetteers: exit %d, no %q:\n%s%s", code, want, out, errs)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`\]\((docs/[^)#]+)\)`).FindAllStringSubmatch(string(readme), -1) {
		if _, err := os.Stat(filepath.Join("../..", m[1])); err != nil {
			t.Errorf("README links to %s: %v", m[1], err)
		}
	}
}
