package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg/kg/graph/neo4j"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
)

// Articles written for the test: one names Nicolás Maduro and NASA in full,
// the other only "Maduro" and "NASA".
var curateArticles = map[string]string{
	"full.txt": "Venezuelan President Nicolás Maduro met officials of the National Aeronautics and Space Administration (NASA) in Caracas on Monday. Maduro said the talks went well.\n",
	"bare.txt": "Maduro criticized NASA on Tuesday. Reporters said Maduro spoke in Caracas.\n",
}

// storeNames reads a local store's entities: key -> name.
func storeNames(t *testing.T, path string) map[string]string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path, schemas.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ns, err := st.Names(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range ns {
		out[n.Key] = n.Name
	}
	return out
}

// checkCorrected checks the corrections the test makes.
func checkCorrected(t *testing.T, when string, names map[string]string) {
	t.Helper()
	if _, ok := names["person:maduro"]; !ok {
		t.Errorf("%s: split: no person:maduro apart from person:nicolas-maduro: %v", when, names)
	}
	if names["location:caracas"] != "Santiago de León de Caracas" {
		t.Errorf("%s: rename: location:caracas is named %q", when, names["location:caracas"])
	}
	for k := range names {
		if strings.Contains(k, "nasa") || strings.Contains(k, "aeronautics") {
			t.Errorf("%s: reject: %s is there", when, k)
		}
	}
}

// TestCorrectionsSurviveRebuild: corrections made with kg curate hold in the
// store at once, after a rebuild that extracts every article again (a new
// gazetteer changes the extractor's version, as a model change does), and
// in Neo4j after kg load.
func TestCorrectionsSurviveRebuild(t *testing.T) {
	dir := t.TempDir()
	arts := filepath.Join(dir, "articles")
	for name, text := range curateArticles {
		writeFile(t, filepath.Join(arts, name), []byte(text))
	}
	store := filepath.Join(dir, "news.db")
	t.Setenv("NEO4J_URI", "")
	if code, _, errs := kg(t, "", "build", "--store", store, "-q", arts); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if names := storeNames(t, store); names["person:nicolás-maduro"] == "" || names["person:maduro"] != "" {
		t.Fatalf("before corrections Maduro should be Nicolás Maduro: %v", names)
	}
	for _, args := range [][]string{
		{"split", "Maduro", "Nicolás Maduro"},
		{"rename", "Caracas", "Santiago de León de Caracas"},
		{"reject", "NASA"},
		{"merge", "Nobody Here", "Caracas"},
	} {
		code, out, errs := kg(t, "", append(append([]string{"curate"}, args...), "--store", store)...)
		if code != 0 || !strings.Contains(out, "added to "+filepath.Join(dir, "news.corrections.yaml")) {
			t.Fatalf("curate %v: exit %d: %s", args, code, errs)
		}
	}
	checkCorrected(t, "after kg curate", storeNames(t, store))
	data, err := os.ReadFile(filepath.Join(dir, "news.corrections.yaml"))
	if err != nil || !strings.Contains(string(data), "split: [Maduro, Nicolás Maduro]") {
		t.Errorf("the corrections file: %v\n%s", err, data)
	}

	gaz := filepath.Join(dir, "mine.yaml")
	writeFile(t, gaz, []byte("type: Organization\nentries:\n  - {name: Northwind Traders}\n"))
	code, _, errs := kg(t, "", "build", "--store", store, "--gazetteer", gaz, arts)
	if code != 0 || !strings.Contains(errs, "0 new, 2 updated") {
		t.Fatalf("rebuild with another extractor version: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, `merge "Nobody Here" "Caracas": no entity "Nobody Here"`) {
		t.Errorf("a correction naming nothing is not reported: %s", errs)
	}
	checkCorrected(t, "after the rebuild", storeNames(t, store))

	t.Run("neo4j", func(t *testing.T) {
		uri := testServer(t)
		if err := neo4jtest.Clear(context.Background(), neo4jtest.Driver(t), neo4jtest.FromEnv()); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := kg(t, "", "load", "--store", store, "--neo4j", uri); code != 0 {
			t.Fatalf("load: exit %d: %s", code, errs)
		}
		st, err := neo4j.Open(context.Background(), neo4j.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"),
			Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}, schemas.Default())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ns, err := st.Names(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, n := range ns {
			names[n.Key] = n.Name
		}
		checkCorrected(t, "in Neo4j after kg load", names)
	})
}

func TestCurateUsage(t *testing.T) {
	store := filepath.Join(t.TempDir(), "kg.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"curate", "frobnicate", "A", "B"}, `unknown correction "frobnicate"`},
		{[]string{"curate", "split", "A"}, "takes two arguments"},
		{[]string{"curate", "retype", "A", "Wizard"}, `retype to "Wizard": the schema has no such entity type`},
		{[]string{"curate", "reject", "A", "B"}, "an entity, or SUBJECT TYPE OBJECT"},
	}
	for _, c := range cases {
		code, _, errs := kg(t, "", append(c.args, "--store", store)...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d: %q, want usage error saying %q", c.args, code, errs, c.want)
		}
	}
	code, _, errs := kg(t, "", "curate", "merge", "A", "B", "--store", store)
	if code != 0 || !strings.Contains(errs, "no store "+store+" yet") {
		t.Errorf("curate without a store: exit %d: %s", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	writeFile(t, bad, []byte("corrections:\n  - merge: [A]\n"))
	code, _, errs = kg(t, "", "build", "--store", store, "--corrections", bad, t.TempDir())
	if code != exitUsage || !strings.Contains(errs, bad) || !strings.Contains(errs, "entry 1") {
		t.Errorf("a bad corrections file: exit %d: %s", code, errs)
	}
}
