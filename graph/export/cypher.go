package export

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kg/kg/graph"
)

// cypherFormat writes a parameter-free Cypher script of MERGE statements,
// one statement per line, that rebuilds the subgraph when replayed into a
// database (cypher-shell -f FILE, or Neo4j Browser). Every string is a
// quoted literal with its quotes, backslashes and line breaks escaped;
// labels and types are backtick-quoted. Replaying twice changes nothing.
type cypherFormat struct{}

func init() {
	register(Format{Name: "cypher", Ext: ".cypher", Tools: "cypher-shell -f, Neo4j Browser, any Neo4j driver", Exporter: cypherFormat{}})
}

// cypherBatch is how many nodes or relationships one statement carries.
const cypherBatch = 500

// Export writes the script.
func (cypherFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(w0)
	fmt.Fprintf(w, "// kg export: %s. Replay with: cypher-shell -f FILE\n", g.Summary())
	w.WriteString("CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;\n")
	w.WriteString("CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;\n")
	// Nodes, grouped by their labels (labels cannot come from rows).
	groups := map[string][]*graph.Node{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		k := strings.Join(n.Labels, ":")
		if n.IsArticle() {
			k = "\x00article"
		}
		groups[k] = append(groups[k], n)
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		ns := groups[k]
		for start := 0; start < len(ns); start += cypherBatch {
			batch := ns[start:min(start+cypherBatch, len(ns))]
			w.WriteString("UNWIND [")
			for i, n := range batch {
				if i > 0 {
					w.WriteString(", ")
				}
				if n.IsArticle() {
					fmt.Fprintf(w, "{id: %s, title: %s}", cypherString(n.Key), cypherString(n.Name))
					continue
				}
				fmt.Fprintf(w, "{key: %s, name: %s, type: %s, aliases: %s}", cypherString(n.Key), cypherString(n.Name),
					cypherString(n.Type), cypherList(n.Aliases))
			}
			if batch[0].IsArticle() {
				w.WriteString("] AS row MERGE (a:Article {id: row.id}) SET a.title = row.title;\n")
				continue
			}
			w.WriteString("] AS row MERGE (e:Entity {key: row.key}) SET e.name = row.name, e.type = row.type, e.aliases = row.aliases")
			for _, l := range batch[0].Labels {
				w.WriteString(", e:" + cypherName(l))
			}
			w.WriteString(";\n")
		}
	}
	// Relationships, grouped by type and by the kinds of their ends.
	nodes := g.Index()
	match := func(key string) string {
		if n := nodes[key]; n != nil && n.IsArticle() {
			return "Article {id: "
		}
		return "Entity {key: "
	}
	type group struct{ typ, from, to string }
	byGroup := map[group][]*graph.Edge{}
	var order []group
	for i := range g.Edges {
		e := &g.Edges[i]
		k := group{e.Type, match(e.Source), match(e.Target)}
		if _, ok := byGroup[k]; !ok {
			order = append(order, k)
		}
		byGroup[k] = append(byGroup[k], e)
	}
	for _, k := range order {
		es := byGroup[k]
		for start := 0; start < len(es); start += cypherBatch {
			batch := es[start:min(start+cypherBatch, len(es))]
			w.WriteString("UNWIND [")
			for i, e := range batch {
				if i > 0 {
					w.WriteString(", ")
				}
				texts, from, assertions := evidenceLists(e.Evidence)
				fmt.Fprintf(w, "{s: %s, o: %s, p: {articles: %d, article_ids: %s, asserted_articles: %d, alleged: %t, count: %d, confidence: %s, "+
					"evidence: %s, evidence_articles: %s, evidence_assertions: %s",
					cypherString(e.Source), cypherString(e.Target), e.Articles, cypherList(e.ArticleIDs), e.AssertedArticles, e.Alleged, e.Count,
					strconv.FormatFloat(e.Confidence, 'f', -1, 64), cypherList(texts), cypherList(from), cypherList(assertions))
				if e.FirstSeen != "" {
					fmt.Fprintf(w, ", first_seen: date(%s), last_seen: date(%s)", cypherString(e.FirstSeen), cypherString(e.LastSeen))
				}
				w.WriteString("}}")
			}
			fmt.Fprintf(w, "] AS row MATCH (s:%srow.s}) MATCH (o:%srow.o}) MERGE (s)-[r:%s]->(o) SET r = row.p;\n", k.from, k.to, cypherName(k.typ))
		}
	}
	return w.Flush()
}

// cypherString is a single-quoted Cypher string literal of s.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString(`\'`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func cypherList(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = cypherString(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// cypherName backtick-quotes a label or relationship type.
func cypherName(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}
