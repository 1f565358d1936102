package graph

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

func count(t *testing.T, st *Store, q string) int64 {
	t.Helper()
	rows := query(t, st, q, nil)
	n, _ := rows[0]["n"].(int64)
	return n
}

// TestLoadExamples loads the example articles, runs every query of
// examples/queries.cypher, and loads again to see nothing change.
func TestLoadExamples(t *testing.T) {
	st := testStore(t, envConfig())
	exs := exampleExtractions(t)
	for _, s := range mustLoad(t, st, exs...) {
		if s != New {
			t.Errorf("first load status %s", s)
		}
	}
	// One node per real-world entity across the folder.
	if n := count(t, st, "MATCH (:Article)-[:MENTIONS]->(e:Entity {key: 'organization:isis-k'}) RETURN count(*) AS n"); n != 2 {
		t.Errorf("ISIS-K is mentioned by %d articles, want 2 (one node)", n)
	}
	if n := count(t, st, "MATCH (e:Entity:Location:Country {key: 'location:united-states'}) RETURN count(e) AS n"); n != 1 {
		t.Errorf("United States nodes with labels Entity:Location:Country: %d", n)
	}
	if n := count(t, st, "MATCH (e:Entity:Person {name: 'Hafiz Saeed Khan'}) RETURN count(e) AS n"); n != 1 {
		t.Errorf("Hafiz Saeed Khan as (:Entity:Person): %d", n)
	}
	before := snapshot(t, st)

	queries := readQueries(t)
	want := map[string]func(rows []map[string]any) error{
		"who-opposes-isis-k": func(rows []map[string]any) error { return hasRow(rows, "opponent", "Taliban") },
		"who-killed-whom": func(rows []map[string]any) error {
			for _, r := range rows {
				if r["killer"] == "United States" && r["victim"] == "Hafiz Saeed Khan" && strings.Contains(fmt.Sprint(r["evidence"]), "eliminated") {
					return nil
				}
			}
			return fmt.Errorf("no United States KILLED Hafiz Saeed Khan with its evidence in %v", rows)
		},
		"isis-k-neighbourhood": func(rows []map[string]any) error {
			for _, n := range []string{"Islamic State", "Taliban", "Hafiz Saeed Khan", "Pakistan", "Sanaullah Ghafari"} {
				if err := hasRow(rows, "name", n); err != nil {
					return err
				}
			}
			return nil
		},
		"articles-behind-an-edge": func(rows []map[string]any) error {
			if len(rows) != 1 || rows[0]["path"] != "examples/articles/isis-k-kabul-airport-threat.txt" {
				return fmt.Errorf("got %v", rows)
			}
			return nil
		},
		"leaders": func(rows []map[string]any) error {
			for _, pair := range [][2]string{{"Sanaullah Ghafari", "ISIS-K"}, {"Abu Bakr al Baghdadi", "Islamic State"}, {"Maulawi Rajab", "ISIS-K"}} {
				found := false
				for _, r := range rows {
					found = found || r["leader"] == pair[0] && r["leads"] == pair[1]
				}
				if !found {
					return fmt.Errorf("no %s LEADS %s in %v", pair[0], pair[1], rows)
				}
			}
			return nil
		},
		"most-mentioned": func(rows []map[string]any) error {
			if len(rows) != 10 || rows[0]["entity"] != "ISIS-K" {
				return fmt.Errorf("got %v", rows)
			}
			return nil
		},
	}
	if len(queries) != len(want) {
		t.Errorf("examples/queries.cypher has %d queries, the test checks %d", len(queries), len(want))
	}
	for name, q := range queries {
		check, ok := want[name]
		if !ok {
			t.Errorf("query %s has no expectation in the test", name)
			continue
		}
		if err := check(query(t, st, q, nil)); err != nil {
			t.Errorf("query %s: %v", name, err)
		}
	}

	// A second load changes nothing.
	for _, s := range mustLoad(t, st, exs...) {
		if s != Unchanged {
			t.Errorf("second load status %s", s)
		}
	}
	if after := snapshot(t, st); after != before {
		t.Errorf("second load changed the graph")
	}
}

func hasRow(rows []map[string]any, col, val string) error {
	for _, r := range rows {
		if r[col] == val {
			return nil
		}
	}
	return fmt.Errorf("no %s = %q in %v", col, val, rows)
}

// readQueries splits examples/queries.cypher at its "// name:" lines.
func readQueries(t *testing.T) map[string]string {
	data, err := os.ReadFile("../examples/queries.cypher")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	name := ""
	var body []string
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSuffix(strings.TrimSpace(strings.Join(body, "\n")), ";")
		}
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "// name:") {
			flush()
			name, body = strings.TrimSpace(strings.TrimPrefix(line, "// name:")), nil
			continue
		}
		if !strings.HasPrefix(line, "//") {
			body = append(body, line)
		}
	}
	flush()
	return out
}

// TestReload: an article whose text changed replaces its contribution; facts
// another article supports stay with corrected counts; the result equals a
// clean load of the current articles. Re-loading the same text is a no-op.
func TestReload(t *testing.T) {
	st := testStore(t, envConfig())
	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	a2 := extractText(t, "news/a.txt", "Hezbollah is active in Lebanon.")
	if a.Document.ID != a2.Document.ID {
		t.Fatal("same path, different ids")
	}
	mustLoad(t, st, a, b)
	rows := query(t, st, "MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'}) RETURN r.count AS n, size(r.articles) AS arts", nil)
	if len(rows) != 1 || rows[0]["n"] != int64(2) || rows[0]["arts"] != int64(2) {
		t.Fatalf("before reload: %v", rows)
	}
	if s := mustLoad(t, st, a2); s[0] != Changed {
		t.Errorf("status %s, want changed", s[0])
	}
	rows = query(t, st, "MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'}) RETURN r.count AS n, r.articles AS arts", nil)
	if len(rows) != 1 || rows[0]["n"] != int64(1) || fmt.Sprint(rows[0]["arts"]) != fmt.Sprintf("[%s]", b.Document.ID) {
		t.Errorf("after reload: %v", rows)
	}
	if n := count(t, st, "MATCH (e:Entity {name: 'Hamas'}) RETURN count(e) AS n"); n != 0 {
		t.Errorf("Hamas, which only the old text named, is still there")
	}
	if n := count(t, st, "MATCH (:Entity {name: 'Hezbollah'})-[:OPERATES_IN]->(:Entity {name: 'Lebanon'}) RETURN count(*) AS n"); n != 1 {
		t.Errorf("new fact missing")
	}
	got := snapshot(t, st)
	clearGraph(t, st)
	mustLoad(t, st, b, a2)
	if want := snapshot(t, st); got != want {
		t.Errorf("reloaded graph differs from a clean load:\n--- reloaded\n%s\n--- clean\n%s", got, want)
	}
}

// TestInjection: hostile article text and names are stored verbatim and harm
// nothing; a hostile type is refused before anything is written.
func TestInjection(t *testing.T) {
	st := testStore(t, envConfig())
	ctx := context.Background()
	if err := st.Write(ctx, "CREATE (:Sentinel {v: 1}), (:Sentinel {v: 2})", nil); err != nil {
		t.Fatal(err)
	}
	hostile := []string{
		`Abu "Bobby'); MATCH (n) DETACH DELETE n //`,
		"}) DETACH DELETE n //",
		"Back`tick` Front\nNew Line",
		`\u0000 \" \\ ' ` + "`",
		strings.Repeat("Very Long Name ", 2000),
	}
	text := "President " + hostile[0] + " said the Taliban clashed with ISIS-K. `}) DETACH DELETE n //` was written in Kabul.\n" +
		"General }) DETACH DELETE n // leads the Taliban."
	mustLoad(t, st, extractText(t, "hostile.txt", text))
	s := schemas.Default()
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "hostile-2", Path: hostile[1], Title: hostile[2], SHA256: "x"}}
	for i, name := range hostile {
		id := extract.Key(s, "Person", name) + fmt.Sprint(i)
		ex.Entities = append(ex.Entities, extract.Entity{ID: id, Name: name, Type: "Person", Aliases: []string{name}, Mentions: []extract.Mention{{Text: name}}})
	}
	ex.Entities = append(ex.Entities, extract.Entity{ID: "organization:x", Name: "X", Type: "Organization", Mentions: []extract.Mention{{Text: "X"}}})
	for _, e := range ex.Entities[:len(hostile)] {
		ex.Relations = append(ex.Relations, extract.Relation{Type: "LEADS",
			Subject:  extract.Argument{ID: e.ID, Name: e.Name, Type: "Person"},
			Object:   extract.Argument{ID: "organization:x", Name: "X", Type: "Organization"},
			Evidence: extract.Evidence{Text: e.Name}, Confidence: 0.5, Rule: hostile[1]})
	}
	mustLoad(t, st, ex)
	for i, name := range hostile {
		rows := query(t, st, "MATCH (e:Entity {name: $name})-[r:LEADS]->(:Entity {key: 'organization:x'}) RETURN e.aliases AS a, r.evidence AS ev", map[string]any{"name": name})
		if len(rows) != 1 || fmt.Sprint(rows[0]["a"]) != fmt.Sprint([]any{name}) || fmt.Sprint(rows[0]["ev"]) != fmt.Sprint([]any{name}) {
			t.Errorf("hostile name %d not stored verbatim: %v", i, rows)
		}
	}
	// Hostile types never reach Cypher.
	bad := []*extract.Extraction{
		{Document: extract.DocumentRef{ID: "bad-1", SHA256: "x"}, Entities: []extract.Entity{{ID: "k", Name: "n", Type: "Person`) DETACH DELETE n //"}}},
		{Document: extract.DocumentRef{ID: "bad-2", SHA256: "x"}, Relations: []extract.Relation{{Type: "LEADS]->() DETACH DELETE n //",
			Subject: extract.Argument{Type: "Person"}, Object: extract.Argument{Type: "Organization"}}}},
	}
	long := &extract.Extraction{Document: extract.DocumentRef{ID: "bad-3", SHA256: "x"},
		Entities: []extract.Entity{{ID: strings.Repeat("k", 5000), Name: "n", Type: "Person"}}}
	if _, err := st.Load(ctx, long); err == nil || !strings.Contains(err.Error(), "over 1024 bytes") {
		t.Errorf("over-long key: %v", err)
	}
	for _, b := range bad {
		if _, err := st.Load(ctx, b); err == nil || !strings.Contains(err.Error(), "does not define") && !strings.Contains(err.Error(), "is not defined") {
			t.Errorf("hostile type accepted or unclear error: %v", err)
		}
	}
	if n := count(t, st, "MATCH (s:Sentinel) RETURN count(s) AS n"); n != 2 {
		t.Errorf("sentinels: %d, want 2", n)
	}
	if n := count(t, st, "MATCH (a:Article) WHERE a.id STARTS WITH 'bad-' RETURN count(a) AS n"); n != 0 {
		t.Errorf("a refused article was written")
	}
	if n := count(t, st, "MATCH (a:Article) RETURN count(a) AS n"); n != 2 {
		t.Errorf("articles: %d, want 2", n)
	}
}

// TestFaults: wrong password, unreachable server and wrong database each give
// one clear line naming the server, and never the password.
func TestFaults(t *testing.T) {
	good := envConfig()
	testStore(t, good) // the server is there
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()
	wrongPass, wrongURI, wrongDB := good, good, good
	wrongPass.Password = "not-the-password-s3cr3t"
	wrongURI.URI = fmt.Sprintf("bolt://127.0.0.1:%d", closedPort)
	wrongDB.Database = "no_such_db"
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"wrong password", wrongPass, "authentication failed for user"},
		{"unreachable", wrongURI, fmt.Sprintf("cannot connect to Neo4j at bolt://127.0.0.1:%d: server unreachable", closedPort)},
		{"wrong database", wrongDB, `has no database "no_such_db"; check NEO4J_DATABASE`},
		{"bad scheme", Config{URI: "http://127.0.0.1:7474"}, `scheme "http" is not supported`},
		{"credentials in uri", Config{URI: "bolt://neo4j:pa55word@127.0.0.1:" + fmt.Sprint(closedPort)}, "bolt://127.0.0.1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(ctx, tt.cfg, schemas.Default())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q; want one line containing %q", msg, tt.want)
			}
			for _, secret := range []string{"not-the-password-s3cr3t", "pa55word", good.Password} {
				if secret != "" && strings.Contains(msg, secret) {
					t.Errorf("error shows a password: %q", msg)
				}
			}
		})
	}
}

// TestServerRestartMidLoad stops the real server in the middle of a load with
// scripts/neo4j, starts it again, reruns the load, and compares the graph with
// a clean single load. It needs to control the server: KG_NEO4J_RESTART_TEST=1
// (set by .ci/run).
func TestServerRestartMidLoad(t *testing.T) {
	if os.Getenv("KG_NEO4J_RESTART_TEST") != "1" {
		if requireNeo4j() {
			t.Fatal("KG_REQUIRE_NEO4J=1 needs KG_NEO4J_RESTART_TEST=1 too: this test must run in CI")
		}
		t.Skip("set KG_NEO4J_RESTART_TEST=1 to let this test stop and start scripts/neo4j")
	}
	cfg := envConfig()
	cfg.RetryTime = 2 * time.Second
	st := testStore(t, cfg)
	corpus := synthetic(120, 60, 600)
	ctx := context.Background()
	loaded := make(chan int, len(corpus))
	done := make(chan error, 1)
	go func() {
		for i, ex := range corpus {
			if _, err := st.Load(ctx, ex); err != nil {
				done <- err
				return
			}
			loaded <- i
		}
		done <- nil
	}()
	for i := range loaded {
		if i == 10 {
			break
		}
	}
	script := func(args ...string) {
		out, err := exec.Command("../scripts/neo4j", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("scripts/neo4j %v: %v\n%s", args, err, out)
		}
	}
	script("stop", "--keep-data")
	err := <-done
	if err == nil {
		t.Fatal("the load finished before the server stopped; make the corpus larger")
	}
	if !strings.Contains(err.Error(), "Neo4j") {
		t.Errorf("load error does not name Neo4j: %v", err)
	}
	script("start")
	st2, err := Open(ctx, cfg, schemas.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close(ctx)
	mustLoad(t, st2, corpus...) // the same command again
	got := snapshot(t, st2)
	clearGraph(t, st2)
	mustLoad(t, st2, corpus...)
	if want := snapshot(t, st2); got != want {
		t.Error("graph after restart and rerun differs from a clean single load")
	}
}
