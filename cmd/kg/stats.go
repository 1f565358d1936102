package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/kg/kg/graph"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, newStatsCmd)
}

func newStatsCmd() *cobra.Command {
	var store, schema string
	var top int
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats [flags]",
		Short: "Summarize the local store: counts by type, most connected entities, top facts",
		Example: `  kg stats
  kg stats --store news.db --top 20
  kg stats --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if top <= 0 {
				return usageErr("--top must be at least 1, got %d", top)
			}
			if _, err := os.Stat(store); err != nil {
				return usageErr("--store %s: no such file; kg build makes it", store)
			}
			s, err := loadSchema(schema)
			if err != nil {
				return err
			}
			l, err := graph.OpenLocal(cmd.Context(), store, s, 0)
			if err != nil {
				return &exitError{code: exitFailure, err: err}
			}
			defer l.Close()
			st, err := l.Stats(cmd.Context(), top)
			if err != nil {
				return &exitError{code: exitFailure, err: err}
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			_, err = fmt.Fprint(out, formatStats(store, st))
			return err
		},
	}
	f := c.Flags()
	f.StringVar(&store, "store", "kg.db", "the local store's file")
	f.IntVar(&top, "top", 10, "how many entities and facts to rank")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.StringVar(&schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	return c
}

// formatStats renders a store's summary for people.
func formatStats(store string, st *graph.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", store, plural(st.Articles, "article"))
	counts := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		total := 0
		for k, n := range m {
			keys = append(keys, k)
			total += n
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "\n%s (%d)\n", title, total)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %-14s %d\n", k, m[k])
		}
	}
	counts("ENTITIES", st.Entities)
	counts("RELATIONS", st.Relations)
	fmt.Fprintf(&b, "\nMOST CONNECTED\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, r := range st.Connected {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Name, r.Type, plural(r.Facts, "fact"))
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nBEST-SUPPORTED FACTS\n")
	for _, f := range st.TopFacts {
		fmt.Fprintf(&b, "  %s -[%s]-> %s   (%s)\n", f.Subject, f.Type, f.Object, plural(f.Articles, "article"))
	}
	return termSafe(b.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
