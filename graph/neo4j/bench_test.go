package neo4j

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/schemas"
)

// BenchmarkLoad loads a synthetic graph of 100,000 relationships among 20,000
// entities (200 articles of 500 relations) into the test server
// (KG_TEST_NEO4J_URI; scripts/test starts one), and reports relationships per
// second and the process's peak memory. Its baseline, bare-merge, writes the
// same entities and relationships with nothing else: bare UNWIND … MERGE
// statements of 10,000 rows, no provenance, no mentions, the server's
// ceiling for transactional MERGE here.
//
//	scripts/test -run '^$' -bench Load -benchtime 1x ./graph
func BenchmarkLoad(b *testing.B) {
	corpus := synthetic(200, 500, 20000)
	rels := 0
	for _, ex := range corpus {
		rels += len(ex.Relations)
	}
	b.Run("bare-merge", func(b *testing.B) {
		st := testStore(b, testConfig(b))
		benchLoad(b, rels, func() error { return bareMerge(st, corpus) })
	})
	for _, writers := range []int{1, 2} {
		b.Run(fmt.Sprintf("kg/writers=%d", writers), func(b *testing.B) {
			cfg := testConfig(b)
			cfg.BatchSize = DefaultBatchSize
			cfg.Writers = writers
			st := testStore(b, cfg)
			benchLoad(b, rels, func() error {
				_, err := st.Write(context.Background(), graphtest.Contributions(corpus...))
				return err
			})
			b.Logf("%d relation mentions loaded as %d relationships", rels, count(b, st, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"))
		})
	}
}

// benchLoad times load into an emptied database, b.N times.
func benchLoad(b *testing.B, rels int, load func() error) {
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		clearGraph(b)
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := load(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(rels*b.N)/elapsed.Seconds(), "rels/s")
	b.ReportMetric(peakRSSMiB(), "peak-MiB")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "client-cpu-s/op")
}

// bareMerge writes the corpus's entities and relationships as a plain
// script would: keyed nodes, then relationships, UNWIND batches of 10,000.
func bareMerge(st *Store, corpus []*extract.Extraction) error {
	ctx := context.Background()
	var nodes []map[string]any
	seen := map[string]bool{}
	byType := map[string][]map[string]any{}
	for _, ex := range corpus {
		for _, e := range ex.Entities {
			if !seen[e.ID] {
				seen[e.ID] = true
				nodes = append(nodes, map[string]any{"key": e.ID, "name": e.Name})
			}
		}
		for _, r := range ex.Relations {
			byType[r.Type] = append(byType[r.Type], map[string]any{"s": r.Subject.ID, "o": r.Object.ID})
		}
	}
	run := func(q string, rows []map[string]any) error {
		for start := 0; start < len(rows); start += 10000 {
			if err := st.Exec(ctx, q, map[string]any{"rows": rows[start:min(start+10000, len(rows))]}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := run("UNWIND $rows AS row MERGE (e:Entity {key: row.key}) SET e.name = row.name", nodes); err != nil {
		return err
	}
	for _, typ := range sortedKeys(byType) {
		if err := run("UNWIND $rows AS row MATCH (s:Entity {key: row.s}) MATCH (o:Entity {key: row.o}) MERGE (s)-[:"+quote(typ)+"]->(o)", byType[typ]); err != nil {
			return err
		}
	}
	return nil
}

// cpuTime is the CPU time this process has used, user and system: the
// client's share of a load, the rest of the wall time being the server's
// (and the network's).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHotFact times loading and taking back one article that backs a
// fact 10,000 other articles back ("hot"), against the same for a fact no
// other article backs ("cold"): the provenance model makes both cost the
// same. It also times the slow path: taking back the article whose sentence
// the fact's edge shows, which reads the fact's other articles.
//
//	scripts/test -run '^$' -bench HotFact -benchtime 20x ./graph
func BenchmarkHotFact(b *testing.B) {
	const backers = 10000
	cfg := testConfig(b)
	st := testStore(b, cfg)
	ctx := context.Background()
	s := schemas.Default()
	p, o := extract.Key(s, "Organization", "United States"), extract.Key(s, "Organization", "ISIS-K")
	article := func(id, subj, obj string) *extract.Extraction {
		arg := func(key, name string) extract.Argument {
			return extract.Argument{ID: key, Name: name, Type: "Organization", Labels: s.Labels("Organization"), Text: name}
		}
		sa, oa := arg(subj, "Subject "+subj), arg(obj, "Object "+obj)
		ent := func(a extract.Argument) extract.Entity {
			return extract.Entity{ID: a.ID, Name: a.Name, Type: a.Type, Labels: a.Labels, Aliases: []string{}, Mentions: []extract.Mention{{Text: a.Name}}}
		}
		return &extract.Extraction{Document: extract.DocumentRef{ID: id, Path: id + ".txt", SHA256: "sha-" + id},
			Entities:  []extract.Entity{ent(sa), ent(oa)},
			Relations: []extract.Relation{{Type: "OPPOSES", Subject: sa, Object: oa, Evidence: extract.Evidence{Text: "Sentence of " + id + "."}, Confidence: 0.7}}}
	}
	var hot []*extract.Extraction
	for i := 0; i < backers; i++ {
		hot = append(hot, article(fmt.Sprintf("hot-%05d", i), p, o))
	}
	if _, err := st.Write(ctx, graphtest.Contributions(hot...)); err != nil {
		b.Fatal(err)
	}
	if n := anyInt(query(b, st, "MATCH (:Article)-[:ASSERTS]->(f:Fact {id: $id}) RETURN count(*) AS n",
		map[string]any{"id": graph.FactID("OPPOSES", p, o)})[0]["n"]); n != backers {
		b.Fatalf("%d backers", n)
	}
	measure := func(b *testing.B, mk func(i int) *extract.Extraction) {
		var load, remove time.Duration
		for i := 0; i < b.N; i++ {
			ex := mk(i)
			t0 := time.Now()
			if _, err := writeOne(ctx, st, ex); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := st.Remove(ctx, ex.Document.ID); err != nil {
				b.Fatal(err)
			}
			load, remove = load+t1.Sub(t0), remove+time.Since(t1)
		}
		b.ReportMetric(float64(load.Microseconds())/float64(b.N)/1000, "load-ms")
		b.ReportMetric(float64(remove.Microseconds())/float64(b.N)/1000, "remove-ms")
	}
	// An id that sorts after the others: its sentence is not among the
	// edge's evidence, and its confidence is not the best alone.
	b.Run("hot", func(b *testing.B) {
		measure(b, func(i int) *extract.Extraction { return article(fmt.Sprintf("zz-hot-%d", i), p, o) })
	})
	b.Run("cold", func(b *testing.B) {
		measure(b, func(i int) *extract.Extraction {
			return article(fmt.Sprintf("zz-cold-%d", i), extract.Key(s, "Organization", fmt.Sprintf("cold %d", i)), o)
		})
	})
	// The slow path: an id that sorts first, whose sentence the edge shows.
	b.Run("hot-evidence", func(b *testing.B) {
		measure(b, func(i int) *extract.Extraction { return article(fmt.Sprintf("aa-hot-%d", i), p, o) })
	})
	checkAggregates(b, st)
}

// peakRSSMiB reads the process's peak resident memory (VmHWM) on Linux.
func peakRSSMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkEnsureSchema times what every kg build and kg load asks of Neo4j
// before writing (EnsureSchema), on an empty graph (the baseline) and on the
// synthetic graph of BenchmarkLoad (100,000 ASSERTS, 200 articles) when it
// is current (the check for a graph from before alleged facts scans the
// ASSERTS) and when it is such a graph, to be upgraded.
func BenchmarkEnsureSchema(b *testing.B) {
	ctx := context.Background()
	cfg := testConfig(b)
	cfg.BatchSize = DefaultBatchSize
	st := testStore(b, cfg)
	b.Run("empty", func(b *testing.B) {
		clearGraph(b)
		for i := 0; i < b.N; i++ {
			if err := st.EnsureSchema(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	clearGraph(b)
	if _, err := st.Write(ctx, graphtest.Contributions(synthetic(200, 500, 20000)...)); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d ASSERTS", count(b, st, "MATCH ()-[x:ASSERTS]->() RETURN count(x) AS n"))
	b.Run("current", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := st.EnsureSchema(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("upgrade", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			for _, q := range []string{
				`MATCH ()-[x:ASSERTS]->() REMOVE x.alleged, x.evidence_assertions`,
				`MATCH (:Entity)-[r]->(:Entity) REMOVE r.alleged, r.asserted_articles, r.evidence_assertions`,
			} {
				if err := st.Exec(ctx, q, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			if err := st.EnsureSchema(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
