package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kg/kg/graph/neo4j"
	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
	"github.com/spf13/cobra"
)

func newLoadCmd() *cobra.Command {
	o := &buildOptions{}
	c := &cobra.Command{
		Use:   "load --store FILE [--neo4j URI | --csv DIR] [flags]",
		Short: "Push the local store's graph into Neo4j, or write it for neo4j-admin import",
		Long: `Load writes every article of the local store into Neo4j, as kg build --neo4j
would have from the same files, without extracting anything again: articles
Neo4j already has unchanged are skipped, changed ones replace their share.

With --csv DIR it writes the same graph as the files of neo4j-admin
database import instead (articles, entities, facts, mentions, ASSERTS and
the aggregated relationships, in kg's own model): scripts/neo4j import DIR
turns them into a started database much faster than loading, for a large
first graph, and kg build --neo4j continues on top of it.

Connection settings come from flags, then NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD and NEO4J_DATABASE.

The corrections file (--corrections, else STORE.corrections.yaml beside
the store) is applied to Neo4j's graph too (docs/corrections.md).`,
		Example: `  kg build news/
  NEO4J_PASSWORD=kg-local-password kg load --store kg.db --neo4j bolt://127.0.0.1:7687
  kg load --store kg.db --csv import/ && scripts/neo4j import import/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runLoad(cmd, o) },
	}
	f := c.Flags()
	f.StringVar(&o.store, "store", "kg.db", "the local store's file")
	f.StringVar(&o.csv, "csv", "", "write neo4j-admin import files into this folder instead of loading")
	f.StringVar(&o.uri, "neo4j", "", "Neo4j URI (default $NEO4J_URI)")
	f.StringVar(&o.username, "username", "", "Neo4j user (default $NEO4J_USERNAME, else neo4j)")
	f.StringVar(&o.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD)")
	f.StringVar(&o.database, "database", "", "Neo4j database (default $NEO4J_DATABASE, else the server's default)")
	f.IntVar(&o.batchSize, "batch-size", neo4j.DefaultBatchSize, "rows per UNWIND statement")
	f.IntVar(&o.maxEvidence, "max-evidence", graph.DefaultMaxEvidence, "evidence sentences kept per relationship")
	f.IntVar(&o.writers, "writers", 1, "Neo4j transactions at once, each on articles of its own")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.BoolVar(&o.json, "json", false, "print the summary as JSON on stdout")
	addCorrectionsFlag(f, &o.corrections)
	return c
}

func runLoad(cmd *cobra.Command, o *buildOptions) error {
	if o.batchSize <= 0 || o.maxEvidence <= 0 || o.writers <= 0 {
		return usageErr("--batch-size, --max-evidence and --writers must be positive")
	}
	if _, err := os.Stat(o.store); err != nil {
		return usageErr("--store %s: no such file; kg build makes it", o.store)
	}
	s, err := loadSchema(o.schema)
	if err != nil {
		return err
	}
	if o.csv != "" {
		if info, err := os.Stat(o.csv); err == nil && !info.IsDir() {
			return usageErr("--csv %s is a file; give a folder for the import files", o.csv)
		}
		return writeImport(cmd, o, s)
	}
	corr, err := loadCorrections(o.corrections, o.store, s)
	if err != nil {
		return err
	}
	cfg := o.neo4jConfig()
	if cfg.URI == "" {
		return usageErr("no Neo4j URI: pass --neo4j or set NEO4J_URI (e.g. bolt://127.0.0.1:7687), or write import files with --csv DIR")
	}
	if err := neo4j.CheckURI(cfg.URI); err != nil {
		return usageErr("%w", err)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	local, err := sqlite.Open(ctx, o.store, s, o.maxEvidence)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	defer local.Close()
	store, err := neo4j.Open(ctx, cfg, s)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	defer store.Close()
	if err := store.EnsureSchema(ctx); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	sum := &buildSummary{start: time.Now()}
	stderr := cmd.ErrOrStderr()
	// The local store's rows, article by article, as they are: nothing is
	// extracted or added up again.
	var pending []graph.Contribution
	rows := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		replaces, err := movedSince(ctx, store, pending)
		if err != nil {
			return err
		}
		outcomes, err := store.Write(ctx, pending)
		for i, out := range outcomes {
			if out.Err != nil {
				sum.fail(pending[i].Article.Path, out.Err)
				fmt.Fprintf(stderr, "kg: %s: %v\n", pending[i].Article.Path, out.Err)
				continue
			}
			if err == nil {
				sum.count(out.Status)
				if out.Status == graph.Moved {
					fmt.Fprintf(stderr, "kg: %s: moved from %s (the same bytes); it takes the old path's place\n",
						pending[i].Article.Path, sum.move(pending[i].Article.Path, replaces[i], out.Replaced))
				}
				sum.Entities += len(pending[i].Entities)
				for _, f := range pending[i].Facts {
					sum.Relations += f.Count
				}
			}
		}
		pending, rows = pending[:0], 0
		return err
	}
	err = local.EachContribution(ctx, func(c graph.Contribution) error {
		pending = append(pending, c)
		rows += c.Rows()
		if rows >= neo4j.DefaultTxRows*o.writers {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if errors.Is(err, graph.ErrInterrupted) {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept, and running the same command again completes the load", err)}
	}
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	// The store's articles arrive resolved; Neo4j's own corpus (it may
	// hold articles of other loads) is brought in line with the corrections.
	cr := &corpusResolver{store: store, schema: s, corr: corr, stderr: stderr, quiet: o.quiet, opened: true}
	if err := cr.reconcile(ctx, true); err != nil {
		return err
	}
	return sum.finish(cmd, neo4j.Redact(cfg.URI), o.json)
}

// movedSince gives each contribution the articles Neo4j holds from its
// bytes under paths that no longer hold them (Contribution.Replaces): a
// file moved or renamed since Neo4j loaded it, which the local store holds
// under its new path, takes the old path's place in Neo4j too, as with
// kg build --neo4j (copies.go). It returns those articles, by contribution.
func movedSince(ctx context.Context, store *neo4j.Store, cs []graph.Contribution) ([][]graph.ArticleRow, error) {
	shas := make([]string, len(cs))
	for i, c := range cs {
		shas[i] = c.Article.SHA256
	}
	same, err := store.SameBytes(ctx, shas)
	if err != nil {
		return nil, err
	}
	bySHA := map[string][]graph.ArticleRow{}
	for _, a := range same {
		bySHA[a.SHA256] = append(bySHA[a.SHA256], a)
	}
	out := make([][]graph.ArticleRow, len(cs))
	for i := range cs {
		c := &cs[i]
		for _, a := range bySHA[c.Article.SHA256] {
			if a.ID != c.Article.ID && !holds(a, 0) {
				c.Replaces = append(c.Replaces, graph.Version{ID: a.ID, SHA256: a.SHA256})
				out[i] = append(out[i], a)
			}
		}
	}
	return out, nil
}

// writeImport writes the store as neo4j-admin import files.
func writeImport(cmd *cobra.Command, o *buildOptions, s *schemas.Schema) error {
	if o.uri != "" {
		return usageErr("--csv writes files instead of loading: leave out --neo4j")
	}
	local, err := sqlite.Open(cmd.Context(), o.store, s, o.maxEvidence)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	defer local.Close()
	start := time.Now()
	n, err := neo4j.WriteImport(cmd.Context(), local, o.csv, o.maxEvidence)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "kg: wrote %d articles, %d entities, %d facts, %d mentions and %d ASSERTS into %s in %.1f s\n"+
		"kg: replace a database with them: scripts/neo4j import %s (or neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true --nodes=... --relationships=...)\n",
		n.Articles, n.Entities, n.Facts, n.Mentions, n.Asserts, o.csv, time.Since(start).Seconds(), o.csv)
	return nil
}
