package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestMain(m *testing.M) {
	neo4jtest.Main(m, "cmd/kg", func() {
		if kgBinPath != "" {
			os.RemoveAll(filepath.Dir(kgBinPath))
		}
	})
}

// kg runs the command in-process and returns its exit code, stdout and stderr.
func kg(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractFormats(t *testing.T) {
	code, out, errs := kg(t, "", "extract", "--format", "jsonl", "../../examples/articles")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("jsonl: %d lines", len(lines))
	}
	for _, l := range lines {
		var v struct {
			Document struct{ ID, Path, Title string }
			Entities []struct {
				ID, Name, Type string
				Labels         []string
			}
			Relations []struct {
				Type     string
				Subject  struct{ ID, Text string }
				Evidence struct{ Text string }
				Rule     string
			}
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		if v.Document.ID == "" || len(v.Entities) == 0 || len(v.Relations) == 0 || v.Relations[0].Evidence.Text == "" {
			t.Errorf("thin output for %s", v.Document.Path)
		}
	}
	code, out, _ = kg(t, "", "extract", "-f", "json", "../../examples/articles/islamic-state-and-us-policy.txt")
	var arr []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &arr) != nil || len(arr) != 1 {
		t.Errorf("json: exit %d, %d docs", code, len(arr))
	}
	code, out, _ = kg(t, "", "extract", "../../examples/articles/isis-k-kabul-airport-threat.txt")
	if code != 0 || !strings.Contains(out, "United States -[KILLED]-> Hafiz Saeed Khan") || !strings.Contains(out, "ENTITIES") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	code, out, _ = kg(t, "Joe Biden met Emmanuel Macron in Paris.", "extract", "-f", "jsonl", "-")
	if code != 0 || !strings.Contains(out, `"name":"Emmanuel Macron"`) || !strings.Contains(out, `"path":"-"`) {
		t.Errorf("stdin: exit %d %s", code, out)
	}
}

// TestBadInput: each bad input gets one clear line naming it, the others are
// still processed, and the exit code says some failed.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, []byte("The Taliban clashed with ISIS-K in Kabul."))
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "binary.txt"), []byte{0x7f, 'E', 'L', 'F', 0, 0, 1})
	writeFile(t, filepath.Join(dir, "latin1.txt"), []byte("Caf\xe9"))
	big := filepath.Join(dir, "big", "huge.txt")
	writeFile(t, big, bytes.Repeat([]byte("All quiet in Kabul. "), 50<<20/20))
	emptyDir := filepath.Join(dir, "nothing")
	if err := os.MkdirAll(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errs := kg(t, "", "extract", "-f", "jsonl", dir, emptyDir)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	for _, want := range []string{
		"binary.txt: binary data",
		"latin1.txt: not valid UTF-8",
		"huge.txt: file is 50.0 MB, over the 10.0 MB limit",
		"nothing: no supported article files",
		"4 of the inputs failed",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
		t.Errorf("stack trace on stderr:\n%s", errs)
	}
	// good.txt was still processed; empty.txt is named and left out.
	if n := strings.Count(out, "\n"); n != 1 || !strings.Contains(out, "OPPOSES") || !strings.Contains(errs, "empty.txt: empty (no text); left out") {
		t.Errorf("want 1 result and empty.txt named, got:\n%s\n%s", out, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, []byte("entity_types:\n  - name: Person\nrelation_types:\n  - {name: R, subject: [Person], object: [Ghost]}\n"))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"extract", "--format", "xml", "x.txt"}, `unknown --format "xml"`},
		{[]string{"extract", "--schema", bad, "x.txt"}, "bad.yaml:4: relation type \"R\" names unknown entity type \"Ghost\""},
		{[]string{"extract", "--schema", filepath.Join(dir, "none.yaml"), "x.txt"}, "cannot read schema"},
		{[]string{"extract"}, "requires at least 1 arg"},
		{[]string{"extract", "--bogus", "x"}, "unknown flag: --bogus"},
		{[]string{"schema", "check", bad}, "names unknown entity type"},
		{[]string{"extract", "-j", "0", "x.txt"}, "--jobs (-j) must be at least 1, got 0"},
		{[]string{"extract", "--jobs=-3", "x.txt"}, "--jobs (-j) must be at least 1, got -3"},
		{[]string{"extract", "--max-size", "0", "x.txt"}, "--max-size must be a positive size (e.g. 10MB), got 0"},
		{[]string{"extract", "--max-size=-5", "x.txt"}, `invalid argument "-5" for "--max-size" flag: must be a positive size`},
		{[]string{"build", "--neo4j", "bolt://127.0.0.1:1", "-j", "0", "x.txt"}, "--jobs (-j) must be at least 1, got 0"},
		{[]string{"build", "--neo4j", "bolt://127.0.0.1:1", "--max-size=-5", "x.txt"}, `invalid argument "-5" for "--max-size" flag: must be a positive size`},
		{[]string{"build", "--neo4j", "http://127.0.0.1:7474", "x.txt"}, `scheme "http" is not supported: kg speaks Bolt`},
		{[]string{"build", "--neo4j", "ftp://127.0.0.1:7687", "x.txt"}, `scheme "ftp" is not supported`},
	}
	for _, tt := range tests {
		code, _, errs := kg(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q on one line", tt.args, code, errs, exitUsage, tt.want)
		}
	}
	code, out, _ := kg(t, "", "--help")
	if code != 0 || !strings.Contains(out, "Exit codes:") || !strings.Contains(out, "kg extract") {
		t.Errorf("--help: %d %s", code, out)
	}
	code, out, _ = kg(t, "", "schema", "show")
	if code != 0 || !strings.Contains(out, "(Person)-[LEADS]->") {
		t.Errorf("schema show: %d %s", code, out)
	}
}

// TestVersion: kg --version names the build.
func TestVersion(t *testing.T) {
	code, out, errs := kg(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "kg version ") || len(strings.TrimSpace(out)) <= len("kg version") || errs != "" {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestBuildHelp: build --help describes how articles are written today.
func TestBuildHelp(t *testing.T) {
	code, out, _ := kg(t, "", "build", "--help")
	if code != 0 || strings.Contains(out, "Each article is written in one transaction") ||
		!strings.Contains(out, "several articles go per transaction") || !strings.Contains(out, "An article Neo4j refuses is named") ||
		!strings.Contains(out, "written whole or not at all") {
		t.Errorf("build --help: exit %d\n%s", code, out)
	}
}

// testServer returns the test server's URI and points the NEO4J_* variables
// kg build reads at it, so that no build in a test reaches a user's graph.
func testServer(t *testing.T) string {
	t.Helper()
	c := neo4jtest.Server(t)
	t.Setenv("NEO4J_URI", "")
	t.Setenv("NEO4J_USERNAME", c.Username)
	t.Setenv("NEO4J_PASSWORD", c.Password)
	t.Setenv("NEO4J_DATABASE", c.Database)
	return c.URI
}

// TestBuild loads the examples into the real test server through the
// command, twice, and checks the fault messages.
func TestBuild(t *testing.T) {
	uri := testServer(t)
	code, _, errs := kg(t, "", "build", "--neo4j", uri, "../../examples/articles")
	if code != 0 || !strings.Contains(errs, "3 articles into "+uri) || !strings.Contains(errs, "3 new, 0 updated, 0 unchanged, 0 failed") {
		t.Fatalf("first build: exit %d: %s", code, errs)
	}
	code, _, errs = kg(t, "", "build", "--neo4j", uri, "../../examples/articles")
	if code != 0 || !strings.Contains(errs, "0 new, 0 updated, 3 unchanged") {
		t.Errorf("second build: exit %d: %s", code, errs)
	}
	t.Setenv("NEO4J_PASSWORD", "definitely-wrong-pw")
	code, _, errs = kg(t, "", "build", "--neo4j", uri, "../../examples/articles")
	if code != exitFailure || !strings.Contains(errs, "authentication failed") || strings.Contains(errs, "definitely-wrong-pw") ||
		strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("wrong password: exit %d: %q", code, errs)
	}
	code, _, errs = kg(t, "", "build", "--neo4j", "bolt://127.0.0.1:1", "../../examples/articles")
	if code != exitFailure || !strings.Contains(errs, "cannot connect to Neo4j at bolt://127.0.0.1:1") {
		t.Errorf("unreachable: exit %d: %q", code, errs)
	}
	// No server named: the local store.
	t.Setenv("NEO4J_URI", "")
	store := filepath.Join(t.TempDir(), "kg.db")
	code, _, errs = kg(t, "", "build", "--store", store, "../../examples/articles")
	if code != 0 || !strings.Contains(errs, "3 articles into "+store) {
		t.Errorf("no URI: exit %d: %q", code, errs)
	}
}

// TestEvalAndTrain runs kg eval and kg train on small corpora written for the
// test, and their usage errors.
func TestEvalAndTrain(t *testing.T) {
	corpus := "../../extract/testdata/corpus/tiny.json"
	code, out, errs := kg(t, "", "eval", "--gold", corpus)
	if code != 0 || !strings.Contains(out, "entities  micro") || !strings.Contains(out, "relations micro") {
		t.Fatalf("eval: exit %d\n%s%s", code, out, errs)
	}
	errFile := filepath.Join(t.TempDir(), "errors.tsv")
	code, out, _ = kg(t, "", "eval", "--format", "conll04", "--gold", corpus, "--json", "--errors", errFile)
	var rep struct {
		EntityMicro struct{ F1 float64 } `json:"entity_micro"`
		Sentences   int
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Sentences != 2 {
		t.Errorf("eval --json: exit %d %s", code, out)
	}
	if _, err := os.Stat(errFile); err != nil {
		t.Errorf("--errors file: %v", err)
	}
	code, out, errs = kg(t, "", "eval", "--gold", "../../examples/articles/gold.yaml")
	if code != 0 || !strings.Contains(out, "gold gold.yaml") {
		t.Errorf("eval gold: exit %d %s %s", code, out, errs)
	}
	// Whole documents: the format is told by the folder (re3d) or named.
	code, out, errs = kg(t, "", "eval", "--gold", "../../extract/testdata/docs/re3d", "--json")
	if code != 0 || !strings.Contains(out, `"documents": 1`) || !strings.Contains(out, `"FightingAgainst"`) {
		t.Errorf("eval re3d: exit %d %s %s", code, out, errs)
	}
	code, out, errs = kg(t, "", "eval", "--format", "redocred", "--part", "dev", "--gold", "../../extract/testdata/docs/redocred.json")
	if code != 0 || !strings.Contains(out, "redocred: 2 documents, document-level matching") {
		t.Errorf("eval redocred: exit %d %s %s", code, out, errs)
	}
	models := t.TempDir()
	code, _, errs = kg(t, "", "train", "--conll04", corpus, "--epochs", "2", "--runs", "1", "--relation-epochs", "2", "--out", models)
	if code != 0 || !strings.Contains(errs, "ner.model") || !strings.Contains(errs, "rel.model") {
		t.Fatalf("train: exit %d %s", code, errs)
	}
	code, _, errs = kg(t, "", "extract", "--model", models, "../../examples/articles/isis-k-kabul-airport-threat.txt")
	if code != 0 {
		t.Errorf("extract --model: exit %d %s", code, errs)
	}
	// Cross-validation scores every sentence once, as held out, and writes
	// no models.
	code, out, errs = kg(t, "", "train", "--cv", "2", "--conll04", corpus, "--epochs", "2", "--runs", "1", "--relation-epochs", "2")
	if code != 0 || !strings.Contains(out, "conll04, 2-fold cross-validation: 2 sentences") || !strings.Contains(out, "entities  micro") {
		t.Errorf("train --cv: exit %d\n%s%s", code, out, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"eval"}, "eval needs --gold"},
		{[]string{"eval", "--gold", "nope.json"}, "--gold nope.json: no such file"},
		{[]string{"eval", "--gold", corpus, "--part", "dev"}, "--part applies to --format redocred only"},
		{[]string{"eval", "--format", "redocred", "--gold", "../../extract/testdata/docs/redocred.json", "--part", "test"}, `unknown part "test"`},
		{[]string{"eval", "--format", "re3d", "--gold", "../../extract/testdata"}, "is not a re3d source folder"},
		{[]string{"eval", "--gold", corpus, "--format", "xml"}, `unknown --format "xml"`},
		{[]string{"eval", "--gold", corpus, "--benchmark", "ace"}, `no mapping for benchmark "ace"`},
		{[]string{"train", "--out", models}, "train needs data"},
		{[]string{"train", "--conll04", corpus}, "train needs --out"},
		{[]string{"train", "--conll04", corpus, "--cv", "1"}, "--cv needs at least 2 folds"},
		{[]string{"train", "--conll04", corpus, "--cv", "3"}, "3-fold cross-validation needs at least 3 conll04 sentences to hold out; the data has 2"},
		{[]string{"train", "--conll04", corpus, "--cv", "2", "--out", models}, "--cv writes no models; leave out --out"},
		{[]string{"train", "--iob2", "../../extract/testdata/corpus/tiny.iob2", "--cv", "5"}, "--cv scores the --conll04 files"},
		{[]string{"extract", "--model", "no-such-dir", "x.txt"}, "--model no-such-dir: no such folder"},
	} {
		code, _, errs := kg(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// TestBuiltinModelsReproduce builds kg, runs scripts/train's command into a
// temporary folder, and compares the files with the embedded models byte for
// byte: the models in the binary are what the command makes from the data.
// It needs the shared data beside the repository (../shared/data, or KG_DATA).
func TestBuiltinModelsReproduce(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the models with scripts/train (a few minutes); not in -short")
	}
	data := os.Getenv("KG_DATA")
	if data == "" {
		data = "../../../shared/data"
	}
	if _, err := os.Stat(filepath.Join(data, "conll04/conll04_train.json")); err != nil {
		t.Fatalf("training data not found at %s (set KG_DATA): %v", data, err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "models")
	// scripts/train itself, so that its data flags are said in one place.
	abs, err := filepath.Abs(data)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "../../scripts/train", "--out", out)
	cmd.Env = append(os.Environ(), "KG_DATA="+abs)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/train: %v\n%s", err, msg)
	}
	for _, name := range []string{"ner.model", "rel.model"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("../../schemas/models", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("schemas/models/%s differs from what scripts/train makes now; run scripts/train and commit the models", name)
		}
	}
}

// TestUserGazetteer: --gazetteer adds the user's names, typed as the file
// says; a type the schema lacks is a usage error naming the file.
func TestUserGazetteer(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "mine.yaml")
	writeFile(t, good, []byte("type: Organization\nentries:\n  - {name: Northwind Traders, aliases: [Northwind]}\n  - {name: Zorblatt Collective, type: Group}\n"))
	code, out, errs := kg(t, "Northwind said the Zorblatt Collective opposes it.", "extract", "-f", "jsonl", "--gazetteer", good, "-")
	if code != 0 || !strings.Contains(out, `"name":"Northwind Traders","type":"Organization"`) || !strings.Contains(out, `"name":"Zorblatt Collective","type":"Group"`) {
		t.Errorf("exit %d %s %s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, []byte("type: Organization\nentries:\n  - {name: X, type: Animal}\n"))
	code, _, errs = kg(t, "hi", "extract", "--gazetteer", bad, "-")
	if code != exitUsage || !strings.Contains(errs, `bad.yaml: entry "X" has type "Animal"`) {
		t.Errorf("bad gazetteer: exit %d %q", code, errs)
	}
	untyped := filepath.Join(dir, "untyped.yaml")
	writeFile(t, untyped, []byte("entries:\n  - {name: Northwind Traders}\n"))
	code, _, errs = kg(t, "hi", "extract", "--gazetteer", untyped, "-")
	if code != exitUsage || !strings.Contains(errs, `untyped.yaml: entry "Northwind Traders" has no type: give the file a type (type: Organization)`) {
		t.Errorf("untyped gazetteer: exit %d %q", code, errs)
	}
}

// TestBuildLongNameAndRefusal: a folder where one article names an entity
// with a 20,000-character Cyrillic name loads whole. When the server then
// refuses that article (because of an index this test adds on the whole name,
// as kg's own index once was), the file is named with the reason, the other
// articles load, the exit code is 1, and no one is told a rerun will help.
// (That the earlier version of a refused article stays is TestRefusedArticleIsolated's.)
func TestBuildLongNameAndRefusal(t *testing.T) {
	uri := testServer(t)
	dir := t.TempDir()
	long := filepath.Join(dir, "long.txt")
	name := "Ж" + strings.Repeat("ж", 19999)
	writeFile(t, long, []byte("President "+name+" met the Taliban in Kabul."))
	for i, text := range []string{
		"The Taliban clashed with ISIS-K near Kabul.",
		"Hamas is active in Gaza.",
		"Hezbollah is active in Lebanon.",
		"President Joe Biden met Emmanuel Macron in Paris.",
		"Al-Shabaab is based in Somalia.",
	} {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("good-%d.txt", i)), []byte(text))
	}
	code, _, errs := kg(t, "", "build", "--neo4j", uri, dir)
	if code != 0 || !strings.Contains(errs, "6 articles into") || !strings.Contains(errs, "6 new") {
		t.Fatalf("build with a long name: exit %d: %s", code, errs)
	}

	// An index on the whole name cannot be built over the long name, so the
	// refusal runs on an emptied database.
	testServer(t)
	ctx := context.Background()
	d := neo4jtest.Driver(t)
	write := func(q string) {
		t.Helper()
		if _, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	write("CREATE RANGE INDEX test_whole_name IF NOT EXISTS FOR (e:Entity) ON (e.name)")
	t.Cleanup(func() { write("DROP INDEX test_whole_name IF EXISTS") })
	write("CALL db.awaitIndexes(120)")
	code, _, errs = kg(t, "", "build", "--neo4j", uri, dir)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	for _, want := range []string{
		"kg: " + long + ": Neo4j at " + uri + " refused this article, so it was left out and any earlier version of it is unchanged: Property value is too large to index",
		"6 articles into", "5 new, 0 updated, 0 unchanged, 1 failed",
		"1 of the inputs failed (named above)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "running the same command again") {
		t.Errorf("stderr promises that a rerun helps:\n%s", errs)
	}
}

// TestReadme keeps the README's commands true: its test command is the one CI
// runs, kg is installed onto PATH before the README calls it, and kg build
// against the local server is shown with that server's password.
func TestReadme(t *testing.T) {
	read := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	readme, ci, server := read("../../README.md"), read("../../.ci/run"), read("../../scripts/neo4j")
	_, after, ok := strings.Cut(readme, "Run the tests:\n\n")
	if !ok {
		t.Fatal(`README has no "Run the tests:" block`)
	}
	testCmd := strings.TrimSpace(strings.SplitN(after, "\n", 2)[0])
	lines := strings.Split(strings.TrimSpace(ci), "\n")
	if last := strings.TrimSpace(lines[len(lines)-1]); last != testCmd {
		t.Errorf(".ci/run ends with %q, but the README's test command is %q", last, testCmd)
	}
	if testCmd != "scripts/test" {
		t.Errorf("README's test command is %q; it should start the project's Neo4j (scripts/test)", testCmd)
	}
	install, _, _ := strings.Cut(readme, "## The two commands")
	if !strings.Contains(install, "go install ./cmd/kg") {
		t.Error("README's Install section does not put kg on PATH (go install ./cmd/kg)")
	}
	if !strings.Contains(server, "KG_NEO4J_PASSWORD:-kg-local-password") {
		t.Error("scripts/neo4j's default password is no longer kg-local-password; update the README")
	}
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "    ") && strings.Contains(line, "kg build") && strings.Contains(line, "127.0.0.1:7687") &&
			!strings.Contains(line, "NEO4J_PASSWORD=kg-local-password") {
			t.Errorf("README calls kg build on the local server without its password: %q", line)
		}
	}
}

// TestBuildLocal builds a folder of good and bad articles into the local
// store: the summary, the exit status and the stored graph; then a rerun (all
// unchanged), an edit (updated), a deleted file with --prune (taken back).
func TestBuildLocal(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(news, "b.md"), []byte("---\ntitle: Gaza\n---\nHamas is active in Gaza."))
	writeFile(t, filepath.Join(news, "c.txt"), []byte("Hezbollah is active in Lebanon."))
	writeFile(t, filepath.Join(news, "empty.txt"), nil)
	writeFile(t, filepath.Join(news, "binary.txt"), []byte{0x7f, 'E', 'L', 'F', 0, 0})
	writeFile(t, filepath.Join(news, "latin1.txt"), []byte("Caf\xe9"))
	writeFile(t, filepath.Join(news, "bad-front.md"), []byte("---\ntitle: [unclosed\n---\nText."))
	store := filepath.Join(dir, "kg.db")
	code, out, errs := kg(t, "", "build", "--store", store, "--json", news)
	if code != exitPartial {
		t.Errorf("exit %d, want %d: %s", code, exitPartial, errs)
	}
	var sum struct {
		Articles struct{ Seen, New, Updated, Unchanged, Failed, Pruned int }
		Failed   []struct{ Path, Error string }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	// empty.txt is left out (named), not stored as an article without a word.
	if sum.Articles.Seen != 6 || sum.Articles.New != 3 || sum.Articles.Failed != 3 || len(sum.Failed) != 3 || !strings.Contains(errs, "empty.txt: empty") {
		t.Errorf("summary %+v\n%s", sum.Articles, errs)
	}
	for _, want := range []string{"binary.txt: binary data", "latin1.txt: not valid UTF-8", "bad-front.md: front matter", "3 of the inputs failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	l, err := sqlite.Open(context.Background(), store, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	st, err := l.Stats(context.Background(), 5)
	l.Close()
	if err != nil || st.Articles != 3 || st.Relations["OPPOSES"] != 2 || st.Entities["Organization"] < 3 {
		t.Errorf("stored: %+v, %v", st, err)
	}

	code, _, errs = kg(t, "", "build", "--store", store, news)
	if code != exitPartial || !strings.Contains(errs, "0 new, 0 updated, 3 unchanged, 3 failed") {
		t.Errorf("rerun: exit %d: %s", code, errs)
	}
	writeFile(t, filepath.Join(news, "c.txt"), []byte("Hezbollah is active in Syria."))
	os.Remove(filepath.Join(news, "a.txt"))
	for _, bad := range []string{"binary.txt", "latin1.txt", "bad-front.md"} {
		os.Remove(filepath.Join(news, bad))
	}
	code, _, errs = kg(t, "", "build", "--store", store, "--prune", news)
	if code != 0 || !strings.Contains(errs, "0 new, 1 updated, 1 unchanged, 0 failed, 1 pruned") || !strings.Contains(errs, "a.txt: gone, taken back") {
		t.Errorf("edit and prune: exit %d: %s", code, errs)
	}
	code, out, _ = kg(t, "", "stats", "--store", store)
	if code != 0 || strings.Contains(out, "Taliban") || !strings.Contains(out, "Hezbollah") || !strings.Contains(out, "Syria") {
		t.Errorf("stats after prune: exit %d\n%s", code, out)
	}

	notStore := filepath.Join(dir, "notes.txt")
	writeFile(t, notStore, []byte("my notes"))
	code, _, errs = kg(t, "", "build", "--store", notStore, news)
	if code != exitFailure || !strings.Contains(errs, "not a kg store") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("not a store: exit %d: %q", code, errs)
	}
}

// TestBuildKilled kills kg build with SIGKILL in the middle of a folder, runs
// it again, and compares the store with an uninterrupted build's.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kg and a corpus; not in -short")
	}
	dir := t.TempDir()
	bin := kgBinary(t)
	news := filepath.Join(dir, "news")
	groups := []string{"Taliban", "Hamas", "Hezbollah", "Al-Shabaab", "Boko Haram", "ISIS-K"}
	places := []string{"Kabul", "Gaza", "Beirut", "Mogadishu", "Maiduguri", "Jalalabad"}
	for i := 0; i < 400; i++ {
		g, p := groups[i%len(groups)], places[(i/len(groups))%len(places)]
		text := fmt.Sprintf("Report %d. The %s clashed with the %s near %s. Officials said the %s is active in %s. "+
			"Commander Musa Qala%d leads the %s.", i, g, groups[(i+1)%len(groups)], p, g, p, i, g)
		writeFile(t, filepath.Join(news, fmt.Sprintf("%03d.txt", i)), []byte(text))
	}
	env := append(os.Environ(), "NEO4J_URI=")
	build := func(store string) *exec.Cmd {
		c := exec.Command(bin, "build", "--quiet", "-j", "1", "--store", store, news)
		c.Env = env
		return c
	}
	killed := filepath.Join(dir, "killed.db")
	c := build(killed)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some articles are committed.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if stored(killed) >= 40 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.Process.Kill()
	c.Wait()
	n := stored(killed)
	if n == 0 || n >= 400 {
		t.Logf("killed after %d of 400 articles (the test is weaker when that is 0 or all)", n)
	}
	if out, err := build(killed).CombinedOutput(); err != nil {
		t.Fatalf("rerun after kill: %v\n%s", err, out)
	}
	clean := filepath.Join(dir, "clean.db")
	if out, err := build(clean).CombinedOutput(); err != nil {
		t.Fatalf("clean build: %v\n%s", err, out)
	}
	snap := func(path string) string {
		l, err := sqlite.Open(context.Background(), path, schemas.Default(), 0)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		s, err := l.Snapshot(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, b := snap(killed), snap(clean); a != b {
		t.Errorf("the store built after a kill differs from an uninterrupted build (%d vs %d lines)", strings.Count(a, "\n"), strings.Count(b, "\n"))
	}
}

// stored counts a store's articles, 0 while it cannot be read.
func stored(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow("SELECT count(*) FROM articles").Scan(&n) != nil {
		return 0
	}
	return n
}

// TestLoadEqualsBuild: kg load from a local store gives the same Neo4j graph
// as kg build --neo4j on the same folder, against the real test server.
func TestLoadEqualsBuild(t *testing.T) {
	uri := testServer(t)
	ctx := context.Background()
	d := neo4jtest.Driver(t)
	cfg := neo4jtest.FromEnv()
	snapshot := func() string { return graphSnapshot(t, d) }
	code, _, errs := kg(t, "", "build", "--neo4j", uri, "../../examples/articles")
	if code != 0 {
		t.Fatalf("build --neo4j: exit %d: %s", code, errs)
	}
	want := snapshot()
	if err := neo4jtest.Clear(ctx, d, cfg); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(t.TempDir(), "kg.db")
	t.Setenv("NEO4J_URI", "")
	if code, _, errs := kg(t, "", "build", "--store", store, "--quiet", "../../examples/articles"); code != 0 {
		t.Fatalf("build into the store: exit %d: %s", code, errs)
	}
	code, _, errs = kg(t, "", "load", "--store", store, "--neo4j", uri)
	if code != 0 || !strings.Contains(errs, "3 new") {
		t.Fatalf("load: exit %d: %s", code, errs)
	}
	if got := snapshot(); got != want {
		t.Errorf("kg load made another graph than kg build --neo4j:\n--- load\n%s\n--- build\n%s", got, want)
	}
	code, _, errs = kg(t, "", "load", "--store", store, "--neo4j", uri)
	if code != 0 || !strings.Contains(errs, "3 unchanged") {
		t.Errorf("second load: exit %d: %s", code, errs)
	}
}

// TestBuildFormats builds a folder mixing every article format with bad
// records and files: each good article is stored, each bad one named with its
// line, other files counted as skipped.
func TestBuildFormats(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(news, "b.md"), []byte("---\ntitle: Gaza\ndate: 21 August 2021\n---\nHamas is active in Gaza."))
	writeFile(t, filepath.Join(news, "page.html"), []byte(`<html><head><title>Clashes in Somalia</title>
<meta property="article:published_time" content="2021-01-10T08:00:00Z"></head><body><nav>Home | World | Sport</nav>
<article><h1>Clashes in Somalia</h1><p>Al-Shabaab is based in Somalia. The group attacked Mogadishu on Friday, officials said.
Fighters of Al-Shabaab clashed with government forces for several hours near the port, and residents fled the area.</p>
<p>The African Union said its troops had repelled the attack and that the situation in Mogadishu was calm again.</p></article>
<footer>Copyright 2021</footer></body></html>`))
	writeFile(t, filepath.Join(news, "empty.html"), []byte("<html><body><nav>Home</nav></body></html>"))
	writeFile(t, filepath.Join(news, "feed.jsonl"), []byte(`{"text": "Hezbollah is active in Lebanon.", "url": "https://example.org/1", "date": "2021-08-26T10:00:00Z"}
{"body": "Boko Haram attacked Maiduguri.", "title": "Maiduguri", "id": "x2"}
{not json
{"title": "no text here"}
`))
	writeFile(t, filepath.Join(news, "list.json"), []byte(`[{"content": "The Houthis clashed with Saudi Arabia."}, {"text": "Hamas is active in Gaza."}]`))
	writeFile(t, filepath.Join(news, "report.pdf"), []byte("%PDF-1.4"))
	store := filepath.Join(dir, "kg.db")
	code, out, errs := kg(t, "", "build", "--store", store, "--json", "--quiet", news)
	if code != exitPartial {
		t.Errorf("exit %d, want %d: %s", code, exitPartial, errs)
	}
	var sum struct {
		Articles struct{ Seen, New, Skipped, Failed int }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	// a, b, page, 2 feed records, 2 list records: 7 new; empty.html and 2
	// feed lines failed; report.pdf skipped.
	if sum.Articles.New != 7 || sum.Articles.Failed != 3 || sum.Articles.Skipped != 1 {
		t.Errorf("summary %+v\n%s", sum.Articles, errs)
	}
	for _, want := range []string{"empty.html: no article text found", "feed.jsonl: line 3: not a JSON object", "feed.jsonl: line 4: no text, body or content"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	db, err := sql.Open("sqlite", "file:"+store+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dates := map[string]string{}
	rows, err := db.Query("SELECT path, published FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, d string
		rows.Scan(&p, &d)
		dates[filepath.Base(p)] = d
	}
	rows.Close()
	for name, want := range map[string]string{"b.md": "2021-08-21", "feed.jsonl:1": "2021-08-26", "page.html": "2021-01-10"} {
		if dates[name] != want {
			t.Errorf("%s published %q, want %q (all: %v)", name, dates[name], want, dates)
		}
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM entities WHERE name IN ('Al-Shabaab', 'Boko Haram', 'Houthis', 'Hezbollah')`).Scan(&n)
	if n != 4 {
		t.Errorf("%d of the four groups stored", n)
	}
}

// TestBuildNeo4jPrune: with --prune, kg build --neo4j takes back articles
// whose files are gone, against the real test server.
func TestBuildNeo4jPrune(t *testing.T) {
	uri := testServer(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(dir, "b.txt"), []byte("Hezbollah is active in Lebanon."))
	if code, _, errs := kg(t, "", "build", "--neo4j", uri, dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	os.Remove(filepath.Join(dir, "b.txt"))
	code, _, errs := kg(t, "", "build", "--neo4j", uri, "--prune", dir)
	if code != 0 || !strings.Contains(errs, "b.txt: gone, taken back") || !strings.Contains(errs, "1 unchanged") || !strings.Contains(errs, "1 pruned") {
		t.Fatalf("prune: exit %d: %s", code, errs)
	}
	d := neo4jtest.Driver(t)
	res, err := neo4j.ExecuteQuery(context.Background(), d, "MATCH (e:Entity {name: 'Hezbollah'}) RETURN count(e) AS n", nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.Records[0].Get("n"); n != int64(0) {
		t.Errorf("the pruned article's entity is still there")
	}
	res, _ = neo4j.ExecuteQuery(context.Background(), d, "MATCH (a:Article) RETURN count(a) AS n", nil, neo4j.EagerResultTransformer)
	if n, _ := res.Records[0].Get("n"); n != int64(1) {
		t.Errorf("%v articles left, want 1", n)
	}
}

// TestBuildLockedStore: a store another build holds is one line and exit 3,
// after waiting a few seconds for it.
func TestBuildLockedStore(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	writeFile(t, filepath.Join(dir, "news", "a.txt"), []byte("Hamas is active in Gaza."))
	if code, _, errs := kg(t, "", "build", "--quiet", "--store", store, filepath.Join(dir, "news")); code != 0 {
		t.Fatalf("first build: %d %s", code, errs)
	}
	writeFile(t, filepath.Join(dir, "news", "b.txt"), []byte("Hezbollah is active in Lebanon."))
	db, err := sql.Open("sqlite", "file:"+store)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	code, _, errs := kg(t, "", "build", "--quiet", "--store", store, filepath.Join(dir, "news"))
	if code != exitFailure || !strings.Contains(errs, "locked by another kg build") {
		t.Errorf("locked store: exit %d: %q", code, errs)
	}
}

// TestBuildInterrupted: Ctrl-C (SIGINT) stops a build after the articles in
// flight, says how many were stored, exits 3, and the same command run again
// completes it.
func TestBuildInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kg and a corpus; not in -short")
	}
	dir := t.TempDir()
	bin := kgBinary(t)
	news := filepath.Join(dir, "news")
	for i := 0; i < 400; i++ {
		writeFile(t, filepath.Join(news, fmt.Sprintf("%03d.txt", i)),
			[]byte(fmt.Sprintf("Report %d. The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.", i)))
	}
	store := filepath.Join(dir, "kg.db")
	c := exec.Command(bin, "build", "--quiet", "-j", "1", "--store", store, news)
	c.Env = append(os.Environ(), "NEO4J_URI=")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && stored(store) < 20 {
		time.Sleep(20 * time.Millisecond)
	}
	c.Process.Signal(os.Interrupt)
	err := c.Wait()
	var ee *exec.ExitError
	if n := stored(store); n >= 400 {
		t.Skipf("the build finished (%d articles) before the interrupt; nothing to check", n)
	}
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "interrupted:") ||
		!strings.Contains(stderr.String(), "running the same command again completes the build") {
		t.Fatalf("interrupted build: %v\n%s", err, stderr.String())
	}
	rerun := exec.Command(bin, "build", "--quiet", "--store", store, news)
	rerun.Env = c.Env
	if out, err := rerun.CombinedOutput(); err != nil || stored(store) != 400 {
		t.Errorf("rerun: %v, %d articles stored\n%s", err, stored(store), out)
	}
}

var (
	kgBinOnce sync.Once
	kgBinPath string
	kgBinErr  error
)

// kgBinary builds kg once for the tests that run it as a process, into a
// folder TestMain removes when the package's tests end.
func kgBinary(t *testing.T) string {
	t.Helper()
	kgBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kg-test-bin")
		if err != nil {
			kgBinErr = err
			return
		}
		kgBinPath = filepath.Join(dir, "kg")
		if out, err := exec.Command("go", "build", "-o", kgBinPath, ".").CombinedOutput(); err != nil {
			kgBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if kgBinErr != nil {
		t.Fatal(kgBinErr)
	}
	return kgBinPath
}

// graphSnapshot renders the test database (see neo4jtest.Snapshot): equal
// snapshots, equal graphs.
func graphSnapshot(t *testing.T, d neo4j.DriverWithContext) string {
	t.Helper()
	s, err := neo4jtest.Snapshot(context.Background(), d, neo4jtest.FromEnv().Database)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
