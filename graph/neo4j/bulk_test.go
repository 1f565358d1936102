package neo4j

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
)

// TestBulkImport: the store written by WriteImport and imported with
// scripts/neo4j import (neo4j-admin database import full into the test
// server) is the graph kg's loader makes of the same store, aggregates and
// all; the loader then adds and takes back articles on top of it.
func TestBulkImport(t *testing.T) {
	cfg := testConfig(t)
	if neo4jtest.FromEnv().Home == "" {
		neo4jtest.Skip(t, "KG_TEST_NEO4J_HOME is not set, so this test may not replace the test server's database")
	}
	if out, err := neo4jtest.Script("status"); err != nil || !strings.Contains(out, "bolt://127.0.0.1:"+port(cfg.URI)) {
		t.Fatalf("KG_TEST_NEO4J_HOME does not hold the server at KG_TEST_NEO4J_URI (%s): %s %v; not replacing its database", cfg.URI, out, err)
	}
	ctx := context.Background()
	exs := exportCorpus(t)
	l := localWith(t, exs...)
	// What the loader makes of the store, keeping as many sentences per
	// edge as the store's files do.
	clearGraph(t)
	st := testStore(t, cfg)
	if err := l.EachContribution(ctx, func(c graph.Contribution) error {
		_, err := st.Write(ctx, []graph.Contribution{c})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, st)
	// What neo4j-admin makes of the files.
	dir := t.TempDir()
	n, err := WriteImport(ctx, l, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n.Articles != len(exs) || n.Facts == 0 || n.Asserts < n.Facts || n.Mentions == 0 {
		t.Fatalf("wrote %+v", n)
	}
	// The test marker, so that later tests may still clear this database.
	if err := os.WriteFile(filepath.Join(dir, "marker.nodes.csv"), []byte("created_by,:LABEL\n\"kg-tests\",\""+neo4jtest.MarkerLabel+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if out, err := neo4jtest.Script("import", dir); err != nil {
		t.Fatalf("scripts/neo4j import: %v\n%s", err, out)
	}
	t.Logf("scripts/neo4j import took %s", time.Since(t0))
	neo4jtest.Reconnect()
	st = testStore(t, cfg) // a new connection; EnsureSchema makes the constraints again
	if got := snapshot(t, st); got != want {
		t.Fatalf("imported graph differs from the loaded one:\n%s\nwant\n%s", firstDiff(got, want), firstDiff(want, got))
	}
	checkAggregates(t, st)
	// The loader carries on: the same articles are current, a new one
	// adds to imported facts, and one imported article can be taken back.
	for i, s := range mustLoad(t, st, exs...) {
		if s != graph.Unchanged {
			t.Errorf("%s after import: %s", exs[i].Document.Path, s)
		}
	}
	mustLoad(t, st, extractText(t, "news/after-import.txt", "The Taliban clashed with ISIS-K in Kabul. Sanaullah Ghafari leads ISIS-K."))
	if _, err := st.Remove(ctx, "hostile-b"); err != nil {
		t.Fatal(err)
	}
	checkAggregates(t, st)
}

func port(uri string) string {
	u, _ := url.Parse(uri)
	return u.Port()
}

// BenchmarkBulkImport times the bulk path for the synthetic corpus of
// BenchmarkLoad (100,000 relationships among 20,000 entities) and for ten
// times as much: writing the import files from the local store, then
// scripts/neo4j import, from the files to a started database (which
// replaces the test server's database).
//
//	scripts/test -run '^$' -bench BulkImport -benchtime 1x ./graph
func BenchmarkBulkImport(b *testing.B) {
	cfg := testConfig(b)
	if neo4jtest.FromEnv().Home == "" {
		b.Skip("KG_TEST_NEO4J_HOME is not set")
	}
	for _, size := range []int{200, 2000} {
		b.Run(fmt.Sprintf("articles=%d", size), func(b *testing.B) {
			corpus := synthetic(size, 500, 20000*size/200)
			rels := 0
			for _, ex := range corpus {
				rels += len(ex.Relations)
			}
			ctx := context.Background()
			l, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kg.db"), schemas.Default(), 0)
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			arts := graphtest.Contributions(corpus...)
			if _, err := l.Write(ctx, arts); err != nil {
				b.Fatal(err)
			}
			var write, imp time.Duration
			for i := 0; i < b.N; i++ {
				dir := b.TempDir()
				t0 := time.Now()
				if _, err := WriteImport(ctx, l, dir, 0); err != nil {
					b.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, "marker.nodes.csv"), []byte("created_by,:LABEL\n\"kg-tests\",\""+neo4jtest.MarkerLabel+"\"\n"), 0o644)
				// A first load: no server running before it.
				if out, err := neo4jtest.Script("stop"); err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
				t1 := time.Now()
				if out, err := neo4jtest.Script("import", dir); err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
				write, imp = write+t1.Sub(t0), imp+time.Since(t1)
				neo4jtest.Reconnect()
				b.StopTimer()
			}
			st := testStore(b, cfg)
			if n := count(b, st, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"); n == 0 {
				b.Fatal("nothing imported")
			}
			b.ReportMetric(write.Seconds()/float64(b.N), "write-s")
			b.ReportMetric(imp.Seconds()/float64(b.N), "import-and-start-s")
			b.ReportMetric(float64(rels*b.N)/(write+imp).Seconds(), "rels/s")
			if data, err := os.ReadFile(filepath.Join(neo4jtest.FromEnv().Home, "import.log")); err == nil {
				for _, line := range strings.Split(string(data), "\n") {
					if strings.HasPrefix(line, "IMPORT DONE") {
						b.Logf("%d relation mentions: neo4j-admin says %s", rels, line)
					}
				}
			}
		})
	}
}
