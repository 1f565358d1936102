package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kg/kg/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// concurrentCorpus writes n small articles that share entities and facts
// (every one says the Taliban clashed with ISIS-K, many name the same
// people), and returns their paths.
func concurrentCorpus(t *testing.T, n int) []string {
	dir := t.TempDir()
	first := []string{"Ahmad", "Sarah", "John", "Maria", "Omar", "Elena", "David", "Fatima"}
	last := []string{"Karimi", "Walsh", "Peterson", "Lopez", "Haddad", "Novak", "Cohen", "Rahimi", "Baker", "Sultani"}
	var paths []string
	for i := 0; i < n; i++ {
		p1 := first[i%len(first)] + " " + last[i%len(last)]
		p2 := first[(i/3)%len(first)] + " " + last[(i/2)%len(last)]
		text := fmt.Sprintf("Attack report %d\n\nThe Taliban clashed with ISIS-K near Kabul on day %d. "+
			"%s, a commander of ISIS-K, was killed by the United States. "+
			"%s leads the Islamic State in Syria. ISIS-K is based in Afghanistan.\n", i, i, p1, p2)
		path := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		writeFile(t, path, []byte(text))
		paths = append(paths, path)
	}
	return paths
}

// TestConcurrentBuilds: two kg build processes loading overlapping corpora
// into one database at the same time, two writers each, end with the graph
// that one process loading the union makes.
func TestConcurrentBuilds(t *testing.T) {
	uri := testServer(t)
	d := neo4jtest.Driver(t)
	bin := kgBinary(t)
	paths := concurrentCorpus(t, 90)
	a, b := paths[:60], paths[30:]
	run := func(args []string) (string, error) {
		cmd := exec.Command(bin, append([]string{"build", "--quiet", "--writers", "2", "--neo4j", uri}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		return stderr.String(), err
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]string, 2)
	for i, set := range [][]string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = run(set)
		}()
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			t.Fatalf("build %d: %v: %s", i, errs[i], outs[i])
		}
	}
	got := graphSnapshot(t, d)
	if !strings.Contains(got, "organization:taliban OPPOSES organization:isis-k") {
		t.Fatalf("the shared fact is missing:\n%s", got)
	}
	checkFacts(t, d)
	if err := neo4jtest.Clear(context.Background(), d, neo4jtest.FromEnv()); err != nil {
		t.Fatal(err)
	}
	if out, err := run(paths); err != nil {
		t.Fatalf("union: %v: %s", err, out)
	}
	if want := graphSnapshot(t, d); got != want {
		t.Errorf("two concurrent builds made another graph than one build of the union:\n%s", firstLineDiff(got, want))
	}
}

// checkFacts checks that each fact's edge counts the articles that assert
// it, and that no fact or edge is doubled.
func checkFacts(t *testing.T, d neo4j.DriverWithContext) {
	t.Helper()
	for q, what := range map[string]string{
		`MATCH (s:Entity)-[r]->(o:Entity)
OPTIONAL MATCH (a:Article)-[x:ASSERTS]->(f:Fact {id: type(r) + '|' + s.key + '|' + o.key})
WITH r, count(a) AS n, sum(x.count) AS c WHERE n <> r.articles OR c <> r.count
RETURN count(*) AS bad`: "edges whose aggregates disagree with their facts' ASSERTS",
		`MATCH (s:Entity)-[r]->(o:Entity) WITH s, type(r) AS t, o, count(r) AS n WHERE n > 1 RETURN count(*) AS bad`: "doubled edges",
		`MATCH (a:Article)-[x:ASSERTS]->(f:Fact) WITH a, f, count(x) AS n WHERE n > 1 RETURN count(*) AS bad`:        "doubled ASSERTS",
		`MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WITH a, e, count(m) AS n WHERE n > 1 RETURN count(*) AS bad`:     "doubled MENTIONS",
	} {
		res, err := neo4j.ExecuteQuery(context.Background(), d, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.Records[0].Get("bad"); n != int64(0) {
			t.Errorf("%v %s", n, what)
		}
	}
}

// firstLineDiff shows the first lines where two snapshots part.
func firstLineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "concurrent: " + la[i] + "\nunion:      " + lb[i]
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}
