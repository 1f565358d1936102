package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/schemas"
)

func count(t testing.TB, st *Store, q string) int64 {
	t.Helper()
	rows := query(t, st, q, nil)
	n, _ := rows[0]["n"].(int64)
	return n
}

// TestLoadExamples loads the example articles, runs every query of
// examples/queries.cypher, and loads again to see nothing change.
func TestLoadExamples(t *testing.T) {
	st := testStore(t, testConfig(t))
	exs := exampleExtractions(t)
	for _, s := range mustLoad(t, st, exs...) {
		if s != graph.New {
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
				if r["killer"] == "United States" && r["victim"] == "Hafiz Saeed Khan" && strings.Contains(fmt.Sprint(r["evidence"]), "eliminated") && r["alleged"] == false {
					return nil
				}
			}
			return fmt.Errorf("no United States KILLED Hafiz Saeed Khan, not alleged, with its evidence in %v", rows)
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
		// The examples state what they report; an allegation is added below.
		"alleged-facts": func(rows []map[string]any) error {
			if len(rows) != 0 {
				return fmt.Errorf("the examples allege nothing, got %v", rows)
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
		if s != graph.Unchanged {
			t.Errorf("second load status %s", s)
		}
	}
	if after := snapshot(t, st); after != before {
		t.Errorf("second load changed the graph")
	}

	// An article that only alleges a killing: the query finds it, with its words.
	mustLoad(t, st, extractText(t, "news/prosecutors.txt", graphtest.Allegation.Alleges))
	rows := query(t, st, queries["alleged-facts"], nil)
	if len(rows) != 1 || rows[0]["subject"] != "Mark Doyle" || rows[0]["type"] != "KILLED" || rows[0]["object"] != "Anne Ross" ||
		!strings.Contains(fmt.Sprint(rows[0]["evidence"]), "Prosecutors accused") {
		t.Errorf("query alleged-facts after an allegation: %v", rows)
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
	data, err := os.ReadFile("../../examples/queries.cypher")
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
	st := testStore(t, testConfig(t))
	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	a2 := extractText(t, "news/a.txt", "Hezbollah is active in Lebanon.")
	if a.Document.ID != a2.Document.ID {
		t.Fatal("same path, different ids")
	}
	mustLoad(t, st, a, b)
	rows := query(t, st, "MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'}) RETURN r.count AS n, r.articles AS arts", nil)
	if len(rows) != 1 || rows[0]["n"] != int64(2) || rows[0]["arts"] != int64(2) {
		t.Fatalf("before reload: %v", rows)
	}
	if s := mustLoad(t, st, a2); s[0] != graph.Changed {
		t.Errorf("status %s, want changed", s[0])
	}
	rows = query(t, st, `MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'})
MATCH (a:Article)-[:ASSERTS]->(:Fact {type: 'OPPOSES', subject: 'organization:taliban', object: 'organization:isis-k'})
RETURN r.count AS n, r.articles AS arts, collect(a.id) AS ids`, nil)
	if len(rows) != 1 || rows[0]["n"] != int64(1) || rows[0]["arts"] != int64(1) || fmt.Sprint(rows[0]["ids"]) != fmt.Sprintf("[%s]", b.Document.ID) {
		t.Errorf("after reload: %v", rows)
	}
	checkAggregates(t, st)
	if n := count(t, st, "MATCH (e:Entity {name: 'Hamas'}) RETURN count(e) AS n"); n != 0 {
		t.Errorf("Hamas, which only the old text named, is still there")
	}
	if n := count(t, st, "MATCH (:Entity {name: 'Hezbollah'})-[:OPERATES_IN]->(:Entity {name: 'Lebanon'}) RETURN count(*) AS n"); n != 1 {
		t.Errorf("new fact missing")
	}
	got := snapshot(t, st)
	clearGraph(t)
	mustLoad(t, st, b, a2)
	if want := snapshot(t, st); got != want {
		t.Errorf("reloaded graph differs from a clean load:\n--- reloaded\n%s\n--- clean\n%s", got, want)
	}
}

// TestStaleReplaced: an article made stale (its sha256 emptied, so that the
// next build reads it again, as resolution and upgrades do) is replaced when
// it is written again, not added a second time.
func TestStaleReplaced(t *testing.T) {
	ctx := context.Background()
	st := testStore(t, testConfig(t))
	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	mustLoad(t, st, a, b)
	want := snapshot(t, st)
	if err := st.Stale(ctx, a.Document.ID); err != nil {
		t.Fatal(err)
	}
	cur, err := st.Current(ctx, []graph.Version{{ID: a.Document.ID, SHA256: a.Document.SHA256, Extractor: a.Document.Extractor}})
	if err != nil || cur[0] {
		t.Fatalf("a stale article counts as current (%v, %v)", cur, err)
	}
	if s := mustLoad(t, st, a); s[0] != graph.Changed {
		t.Errorf("the stale article written again: %s, want changed", s[0])
	}
	if got := snapshot(t, st); got != want {
		t.Errorf("after writing the stale article again the graph differs from before:\n%s", firstDiff(got, want))
	}
	checkAggregates(t, st)
}

// TestInjection: hostile article text and names are stored verbatim and harm
// nothing; a hostile type is refused before anything is written.
func TestInjection(t *testing.T) {
	st := testStore(t, testConfig(t))
	ctx := context.Background()
	if err := st.Exec(ctx, "CREATE (:Sentinel {v: 1}), (:Sentinel {v: 2})", nil); err != nil {
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
	if _, err := writeOne(ctx, st, long); err == nil || !strings.Contains(err.Error(), "over 1024 bytes") {
		t.Errorf("over-long key: %v", err)
	}
	for _, b := range bad {
		if _, err := writeOne(ctx, st, b); err == nil || !strings.Contains(err.Error(), "does not define") && !strings.Contains(err.Error(), "is not defined") {
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

// longName is a 20,000-character Cyrillic name: 40,000 bytes in UTF-8, over
// what any Neo4j index takes.
var longName = "Ж" + strings.Repeat("ж", 19999)

// goodArticles are five small articles that load anywhere.
func goodArticles(t *testing.T) []*extract.Extraction {
	t.Helper()
	var out []*extract.Extraction
	for i, text := range []string{
		"The Taliban clashed with ISIS-K near Kabul.",
		"Hamas is active in Gaza.",
		"Hezbollah is active in Lebanon.",
		"President Joe Biden met Emmanuel Macron in Paris.",
		"Al-Shabaab is based in Somalia.",
	} {
		out = append(out, extractText(t, fmt.Sprintf("news/good-%d.txt", i), text))
	}
	return out
}

// TestLongNames: entities named at great length, in any script, are stored
// whole, and their articles load in the same transaction as five others.
func TestLongNames(t *testing.T) {
	st := testStore(t, testConfig(t))
	ctx := context.Background()
	s := schemas.Default()
	cyrillic := extractText(t, "news/long.txt", "President "+longName+" met the Taliban in Kabul.")
	cjkName := strings.Repeat("漢", 20000) // 60,000 bytes
	cjk := &extract.Extraction{Document: extract.DocumentRef{ID: "cjk", Path: "news/cjk.txt", SHA256: "x"},
		Entities: []extract.Entity{{ID: extract.Key(s, "Person", cjkName), Name: cjkName, Type: "Person",
			Aliases: []string{cjkName}, Mentions: []extract.Mention{{Text: cjkName}}}}}
	exs := append([]*extract.Extraction{cyrillic, cjk}, goodArticles(t)...)
	out, err := st.Write(ctx, graphtest.Contributions(exs...))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Err != nil || o.Status != graph.New {
			t.Errorf("%s: status %q, error %v", exs[i].Document.Path, o.Status, o.Err)
		}
	}
	for _, name := range []string{longName, cjkName} {
		rows := query(t, st, "MATCH (e:Entity:Person {name: $name}) RETURN e.name_prefix AS p, e.aliases AS a", map[string]any{"name": name})
		if len(rows) != 1 {
			t.Errorf("the %d-character name is not stored whole: %d matches", len([]rune(name)), len(rows))
			continue
		}
		if p, _ := rows[0]["p"].(string); p != string([]rune(name)[:NamePrefixChars]) {
			t.Errorf("name_prefix has %d characters, want the first %d of the name", len([]rune(p)), NamePrefixChars)
		}
	}
	if n := count(t, st, "MATCH (a:Article) RETURN count(a) AS n"); n != int64(len(exs)) {
		t.Errorf("%d articles loaded, want %d", n, len(exs))
	}
}

// TestRefusedArticleIsolated: when the server refuses one article of a
// transaction, that article is named with the reason and left out, its
// earlier version stays as it was, and the other articles load. The refusal
// comes from an index this test adds on the whole name, which the long name
// overflows, as kg's own index on names once did.
func TestRefusedArticleIsolated(t *testing.T) {
	st := testStore(t, testConfig(t))
	ctx := context.Background()
	earlier := extractText(t, "news/bad.txt", "President Ivan Petrov met the Taliban in Kabul.")
	mustLoad(t, st, earlier)
	if err := st.Exec(ctx, "CREATE RANGE INDEX test_whole_name IF NOT EXISTS FOR (e:Entity) ON (e.name)", nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Exec(context.Background(), "DROP INDEX test_whole_name IF EXISTS", nil); err != nil {
			t.Error(err)
		}
	})
	if err := st.Exec(ctx, "CALL db.awaitIndexes(120)", nil); err != nil {
		t.Fatal(err)
	}
	bad := extractText(t, "news/bad.txt", "President "+longName+" met the Taliban in Kabul.")
	good := goodArticles(t)
	exs := append(append(append([]*extract.Extraction{}, good[:2]...), bad), good[2:]...)
	out, err := st.Write(ctx, graphtest.Contributions(exs...))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if exs[i] == bad {
			if o.Err == nil || !strings.Contains(o.Err.Error(), "refused this article, so it was left out") ||
				!strings.Contains(o.Err.Error(), "too large to index") || strings.Contains(o.Err.Error(), "\n") {
				t.Errorf("refused article: %v; want one line with the server's reason", o.Err)
			}
			continue
		}
		if o.Err != nil || o.Status != graph.New {
			t.Errorf("%s: status %q, error %v", exs[i].Document.Path, o.Status, o.Err)
		}
	}
	if n := count(t, st, "MATCH (a:Article) RETURN count(a) AS n"); n != 6 {
		t.Errorf("%d articles in the graph, want the 5 good ones and the earlier version of the refused one", n)
	}
	rows := query(t, st, "MATCH (a:Article {id: $id})-[:MENTIONS]->(e:Entity:Person) RETURN a.sha256 AS sha, e.name AS name",
		map[string]any{"id": bad.Document.ID})
	if len(rows) != 1 || rows[0]["sha"] != earlier.Document.SHA256 || rows[0]["name"] != "Ivan Petrov" {
		t.Errorf("the refused article's earlier version is not intact: %v", rows)
	}
	if _, err := writeOne(ctx, st, bad); err == nil || !strings.HasPrefix(err.Error(), "news/bad.txt: Neo4j at ") {
		t.Errorf("Load of a refused article: %v; want an error naming the file", err)
	}
}

// TestSchemaUpgrade: a graph from an earlier kg, whose indexes covered the
// whole name, gets name_prefix and loses those indexes, so long names load.
func TestSchemaUpgrade(t *testing.T) {
	st := testStore(t, testConfig(t))
	ctx := context.Background()
	for _, q := range []string{
		"CREATE TEXT INDEX kg_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
		"CREATE TEXT INDEX kg_person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
		"CREATE (:Entity:Person {key: 'person:old', name: 'Old Name', type: 'Person', aliases: []})",
	} {
		if err := st.Exec(ctx, q, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if rows := query(t, st, "SHOW INDEXES YIELD name, properties WHERE properties = ['name'] RETURN name", nil); len(rows) != 0 {
		t.Errorf("indexes on the whole name remain: %v", rows)
	}
	if rows := query(t, st, "MATCH (e:Entity {key: 'person:old'}) RETURN e.name_prefix AS p", nil); len(rows) != 1 || rows[0]["p"] != "Old Name" {
		t.Errorf("old entity: %v; want name_prefix 'Old Name'", rows)
	}
	mustLoad(t, st, extractText(t, "news/long.txt", "President "+longName+" met the Taliban in Kabul."))
}

// TestFaults: wrong password, unreachable server and wrong database each give
// one clear line naming the server, and never the password.
func TestFaults(t *testing.T) {
	good := testConfig(t)
	testStore(t, good) // the server is there
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()
	with := func(change func(*Config)) Config {
		c := good
		change(&c)
		return c
	}
	boltURL, _ := url.Parse(good.URI)
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"wrong password", with(func(c *Config) { c.Password = "not-the-password-s3cr3t" }), "authentication failed for user"},
		{"unreachable", with(func(c *Config) { c.URI = fmt.Sprintf("bolt://127.0.0.1:%d", closedPort) }),
			fmt.Sprintf("cannot connect to Neo4j at bolt://127.0.0.1:%d: server unreachable", closedPort)},
		{"wrong database", with(func(c *Config) { c.Database = "no_such_db" }), `has no database "no_such_db"; check NEO4J_DATABASE`},
		{"http scheme", Config{URI: "http://127.0.0.1:7474"}, `scheme "http" is not supported: kg speaks Bolt, e.g. bolt://127.0.0.1:7687`},
		{"credentials in uri", Config{URI: "bolt://neo4j:pa55word@127.0.0.1:" + fmt.Sprint(closedPort)}, "has credentials in it, which kg does not read"},
		{"neo4j+s to a server without TLS", with(func(c *Config) { c.URI = "neo4j+s://" + boltURL.Host }),
			"TLS handshake failed: the server does not use TLS; use bolt:// or neo4j://"},
		{"bolt+ssc to a server without TLS", with(func(c *Config) { c.URI = "bolt+ssc://" + boltURL.Host }),
			"TLS handshake failed: the server does not use TLS; use bolt:// or neo4j://"},
	}
	httpPort := neo4jtest.FromEnv().HTTPPort
	tests = append(tests, struct {
		name string
		cfg  Config
		want string
	}{"bolt to Neo4j's http port", with(func(c *Config) { c.URI = "bolt://127.0.0.1:" + httpPort }),
		"this port speaks HTTP, not Bolt; the Bolt port is usually 7687"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasSuffix(tt.cfg.URI, "127.0.0.1:") {
				neo4jtest.Skip(t, "KG_TEST_NEO4J_HTTP_PORT is not set")
			}
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

// TestServerRestartMidLoad stops the real test server in the middle of a load
// with scripts/neo4j, starts it again, reruns the load, and compares the graph
// with a clean single load. It controls only the server whose data folder is
// KG_TEST_NEO4J_HOME (scripts/test sets it), after checking that this is the
// server at KG_TEST_NEO4J_URI.
func TestServerRestartMidLoad(t *testing.T) {
	cfg := testConfig(t)
	if neo4jtest.FromEnv().Home == "" {
		neo4jtest.Skip(t, "KG_TEST_NEO4J_HOME is not set, so this test may not stop and start the test server")
	}
	script := func(args ...string) string {
		out, err := neo4jtest.Script(args...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if u, _ := url.Parse(cfg.URI); !strings.Contains(script("status"), "bolt://127.0.0.1:"+u.Port()) {
		t.Fatalf("KG_TEST_NEO4J_HOME does not hold the server at KG_TEST_NEO4J_URI (%s); not stopping it", cfg.URI)
	}
	cfg.RetryTime = 2 * time.Second
	st := testStore(t, cfg)
	corpus := synthetic(120, 60, 600)
	ctx := context.Background()
	loaded := make(chan int, len(corpus))
	done := make(chan error, 1)
	go func() {
		for i, ex := range corpus {
			if _, err := writeOne(ctx, st, ex); err != nil {
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
	script("stop")
	err := <-done
	if err == nil {
		t.Fatal("the load finished before the server stopped; make the corpus larger")
	}
	if !strings.Contains(err.Error(), "Neo4j") || !errors.Is(err, graph.ErrInterrupted) {
		t.Errorf("load error does not name Neo4j or does not say the load can be completed: %v", err)
	}
	script("start")
	st2, err := Open(ctx, cfg, schemas.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	// stop kept the data: what was loaded before it is still there.
	if n := count(t, st2, "MATCH (a:Article) RETURN count(a) AS n"); n < 11 {
		t.Errorf("%d articles after the restart, want at least the 11 loaded before it", n)
	}
	mustLoad(t, st2, corpus...) // the same command again
	got := snapshot(t, st2)
	clearGraph(t)
	mustLoad(t, st2, corpus...)
	if want := snapshot(t, st2); got != want {
		t.Error("graph after restart and rerun differs from a clean single load")
	}
}

// TestOutOfGraphTypes: entities of a type the schema keeps out of the graph
// (news.yaml's Misc: dates, amounts) are not loaded, nor anything touching
// them; the rest of the article is.
func TestOutOfGraphTypes(t *testing.T) {
	st := testStore(t, testConfig(t))
	s := schemas.Default()
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "misc-1", Path: "misc.txt", SHA256: "x"},
		Entities: []extract.Entity{
			{ID: extract.Key(s, "Person", "Ada Moss"), Name: "Ada Moss", Type: "Person", Mentions: []extract.Mention{{Text: "Ada Moss"}}},
			{ID: extract.Key(s, "Misc", "June 30"), Name: "June 30", Type: "Misc", Mentions: []extract.Mention{{Text: "June 30"}}},
		}}
	if s, err := writeOne(context.Background(), st, ex); err != nil || s != graph.New {
		t.Fatalf("load: %v %v", s, err)
	}
	if n := count(t, st, "MATCH (e:Entity {name: 'June 30'}) RETURN count(e) AS n"); n != 0 {
		t.Errorf("a Misc entity was loaded")
	}
	if n := count(t, st, "MATCH (:Article {id: 'misc-1'})-[:MENTIONS]->(e:Entity:Person {name: 'Ada Moss'}) RETURN count(e) AS n"); n != 1 {
		t.Errorf("the article's other entity is missing")
	}
	if len(ex.Entities) != 2 {
		t.Errorf("Load changed the caller's extraction")
	}
}

// TestExtractorVersionAndDates: an article stored by another extractor
// version is written again though its bytes are the same; facts are dated by
// their articles' publication dates (first_seen the earliest, last_seen the
// latest).
func TestExtractorVersionAndDates(t *testing.T) {
	st := testStore(t, testConfig(t))
	ctx := context.Background()
	a := extractText(t, "news/a.txt", "The Taliban clashed with ISIS-K near Kabul.")
	b := extractText(t, "news/b.txt", "The Taliban clashed with ISIS-K again.")
	a.Document.Published, b.Document.Published = "2021-08-26", "2019-03-01"
	a.Document.Extractor, b.Document.Extractor = "v1", "v1"
	mustLoad(t, st, a, b)
	rows := query(t, st, "MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'}) RETURN toString(r.first_seen) AS f, toString(r.last_seen) AS l", nil)
	if len(rows) != 1 || rows[0]["f"] != "2019-03-01" || rows[0]["l"] != "2021-08-26" {
		t.Errorf("dates: %v", rows)
	}
	cur, err := st.Current(ctx, []graph.Version{{ID: a.Document.ID, SHA256: a.Document.SHA256, Extractor: "v1"},
		{ID: a.Document.ID, SHA256: a.Document.SHA256, Extractor: "v2"}, {ID: "unknown", SHA256: "x", Extractor: "v1"},
		{ID: b.Document.ID, SHA256: b.Document.SHA256, Extractor: "v1"}})
	if want := []bool{true, false, false, true}; err != nil || fmt.Sprint(cur) != fmt.Sprint(want) {
		t.Errorf("Current (same version, another version, unknown, same) = %v, %v; want %v", cur, err, want)
	}
	a.Document.Extractor = "v2"
	if s := mustLoad(t, st, a); s[0] != graph.Changed {
		t.Errorf("same bytes, new extractor: %s, want changed", s[0])
	}
	if s := mustLoad(t, st, a); s[0] != graph.Unchanged {
		t.Errorf("again: %s, want unchanged", s[0])
	}
}

// TestMoves: Neo4j takes a moved article's old path back in the write that
// loads it at the new one (graphtest.CheckMoves), and the edges' aggregates
// stay those of their articles.
func TestMoves(t *testing.T) {
	st := testStore(t, testConfig(t))
	graphtest.CheckMoves(t, st)
	rows := query(t, st, "MATCH (:Entity {name: 'Taliban'})-[r:OPPOSES]->(:Entity {name: 'ISIS-K'}) RETURN r.articles AS arts", nil)
	if len(rows) != 1 || rows[0]["arts"] != int64(2) {
		t.Errorf("Taliban OPPOSES ISIS-K: %v, want 2 articles (the moved one and its copy written after)", rows)
	}
	checkAggregates(t, st)
}
