package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/kg/kg/graph/neo4j"
	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/graph"
	"github.com/spf13/cobra"
)

func newStatsCmd() *cobra.Command {
	o := &buildOptions{}
	var top int
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats [flags]",
		Short: "Summarize the graph: counts by type, most connected entities, top facts",
		Long: `Stats summarizes the graph: articles, entities and relations by type (each
counted once, however many articles name it), the entities in the most facts
and the facts the most articles support. It reads the local store (--store,
./kg.db by default), or Neo4j when one is named (--neo4j or NEO4J_URI); the
same graph gives the same summary from either. An explicit --store wins over
NEO4J_URI; --store and --neo4j together are a usage error.`,
		Example: `  kg stats
  kg stats --store news.db --top 20
  kg stats --json
  NEO4J_PASSWORD=kg-local-password kg stats --neo4j bolt://127.0.0.1:7687`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if top <= 0 {
				return usageErr("--top must be at least 1, got %d", top)
			}
			cfg := o.neo4jConfig()
			if err := storeOrNeo4j(cmd, o.uri, &cfg.URI); err != nil {
				return err
			}
			s, err := loadSchema(o.schema)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			var st *graph.Stats
			from := o.store
			if cfg.URI != "" {
				n, err := openNeo4j(ctx, cfg, s)
				if err != nil {
					return err
				}
				defer n.Close()
				from = neo4j.Redact(cfg.URI)
				if st, err = n.Stats(ctx, top); err != nil {
					return &exitError{code: exitFailure, err: err}
				}
			} else {
				if _, err := os.Stat(o.store); err != nil {
					return usageErr("--store %s: no such file; kg build makes it (or name a Neo4j server with --neo4j)", o.store)
				}
				l, err := sqlite.Open(ctx, o.store, s, 0)
				if err != nil {
					return &exitError{code: exitFailure, err: err}
				}
				defer l.Close()
				if st, err = l.Stats(ctx, top); err != nil {
					return &exitError{code: exitFailure, err: err}
				}
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			_, err = fmt.Fprint(out, formatStats(from, st))
			return err
		},
	}
	f := c.Flags()
	f.StringVar(&o.store, "store", "kg.db", "the local store's file, read when no Neo4j is named")
	f.StringVar(&o.uri, "neo4j", "", "Neo4j URI to read from (default $NEO4J_URI)")
	f.StringVar(&o.username, "username", "", "Neo4j user (default $NEO4J_USERNAME, else neo4j)")
	f.StringVar(&o.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD)")
	f.StringVar(&o.database, "database", "", "Neo4j database (default $NEO4J_DATABASE, else the server's default)")
	f.IntVar(&top, "top", 10, "how many entities and facts to rank")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	return c
}

// formatStats renders a store's summary for people.
func formatStats(store string, st *graph.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", store, plural(st.Articles, "article"))
	counts := func(title string, m map[string]int, alleged int) {
		keys := make([]string, 0, len(m))
		total := 0
		for k, n := range m {
			keys = append(keys, k)
			total += n
		}
		sort.Strings(keys)
		if alleged > 0 {
			fmt.Fprintf(&b, "\n%s (%d, %d alleged: asserted by no article)\n", title, total, alleged)
		} else {
			fmt.Fprintf(&b, "\n%s (%d)\n", title, total)
		}
		for _, k := range keys {
			fmt.Fprintf(&b, "  %-14s %d\n", k, m[k])
		}
	}
	counts("ENTITIES", st.Entities, 0)
	counts("RELATIONS", st.Relations, st.Alleged)
	fmt.Fprintf(&b, "\nMOST CONNECTED\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, r := range st.Connected {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Name, r.Type, plural(r.Facts, "fact"))
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nBEST-SUPPORTED FACTS\n")
	for _, f := range st.TopFacts {
		alleged := ""
		if f.Alleged {
			alleged = ", alleged"
		}
		fmt.Fprintf(&b, "  %s -[%s]-> %s   (%s%s)\n", f.Subject, f.Type, f.Object, plural(f.Articles, "article"), alleged)
	}
	return termSafe(b.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
