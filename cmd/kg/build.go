package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, newBuildCmd)
}

type buildOptions struct {
	uri, username, password, database string
	batchSize, maxEvidence            int
	schema, model                     string
	gazetteers                        []string
	maxSize                           int64
	jobs                              int
}

// neo4jConfig resolves connection settings: flags, then NEO4J_* environment.
func (o *buildOptions) neo4jConfig() graph.Config {
	pick := func(flag, env string) string {
		if flag != "" {
			return flag
		}
		return os.Getenv(env)
	}
	return graph.Config{
		URI:         pick(o.uri, "NEO4J_URI"),
		Username:    pick(o.username, "NEO4J_USERNAME"),
		Password:    pick(o.password, "NEO4J_PASSWORD"),
		Database:    pick(o.database, "NEO4J_DATABASE"),
		BatchSize:   o.batchSize,
		MaxEvidence: o.maxEvidence,
	}
}

func newBuildCmd() *cobra.Command {
	o := &buildOptions{}
	c := &cobra.Command{
		Use:   "build [flags] PATH...",
		Short: "Extract articles and load them into Neo4j",
		Long: `Build extracts the given articles (files, folders, or - for standard input)
and loads them into Neo4j, several articles per transaction (about 50,000 rows
each), never splitting one. Loading the same articles again changes nothing,
and an article whose text changed replaces what it said before.

An article Neo4j refuses is named on stderr with the reason and left out (its
earlier version, if any, stays), the others are loaded, and the exit code is 1.
If the connection is lost, what was loaded stays, and running the same command
again completes the load.

Connection settings come from flags, then NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD and NEO4J_DATABASE. bolt://, neo4j:// (routing: clusters, Aura)
and their +s / +ssc forms work. Prefer NEO4J_PASSWORD to --password, which
other users of the machine can see.`,
		Example: `  scripts/neo4j start
  NEO4J_PASSWORD=kg-local-password kg build --neo4j bolt://127.0.0.1:7687 examples/articles/
  kg build --neo4j neo4j+s://xxxx.databases.neo4j.io --database neo4j news/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runBuild(cmd, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.uri, "neo4j", "", "Neo4j URI (default $NEO4J_URI)")
	f.StringVar(&o.username, "username", "", "Neo4j user (default $NEO4J_USERNAME, else neo4j)")
	f.StringVar(&o.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD)")
	f.StringVar(&o.database, "database", "", "Neo4j database (default $NEO4J_DATABASE, else the server's default)")
	f.IntVar(&o.batchSize, "batch-size", graph.DefaultBatchSize, "rows per UNWIND statement")
	f.IntVar(&o.maxEvidence, "max-evidence", graph.DefaultMaxEvidence, "evidence sentences kept per relationship")
	f.StringVar(&o.model, "model", "", "folder of models written by kg train (default: the built-in ones)")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "your own gazetteer file (repeatable)")
	addCommonFlags(f, &o.schema, &o.maxSize, &o.jobs)
	return c
}

func runBuild(cmd *cobra.Command, o *buildOptions, args []string) error {
	if o.batchSize <= 0 || o.maxEvidence <= 0 {
		return usageErr("--batch-size and --max-evidence must be positive")
	}
	if err := checkCommonFlags(o.maxSize, o.jobs); err != nil {
		return err
	}
	// Settings first: a bad schema, model or gazetteer is a usage error
	// before anything connects.
	x, err := newExtractor(o.schema, o.model, o.gazetteers)
	if err != nil {
		return err
	}
	s := x.Schema()
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	cfg := o.neo4jConfig()
	if err := graph.CheckURI(cfg.URI); err != nil {
		return usageErr("%v", err)
	}
	store, err := graph.Open(ctx, cfg, s)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	defer store.Close(context.Background())
	if err := store.EnsureSchema(ctx); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	counts := map[graph.Status]int{}
	entities, relations := 0, 0
	start := time.Now()
	stderr := cmd.ErrOrStderr()
	var loadErr error
	var pending []*extract.Extraction
	pendingRows, refused := 0, 0
	flush := func() {
		if len(pending) == 0 || loadErr != nil {
			return
		}
		outcomes, err := store.LoadAll(ctx, pending)
		for i, out := range outcomes {
			if out.Err != nil {
				refused++
				fmt.Fprintf(stderr, "kg: %s: %v\n", pending[i].Document.Path, out.Err)
				continue
			}
			counts[out.Status]++
			entities += len(pending[i].Entities)
			relations += len(pending[i].Relations)
		}
		loadErr = err
		pending, pendingRows = pending[:0], 0
	}
	failed, err := extractAll(cmd, x, args, o.maxSize, o.jobs, func(r result) error {
		pending = append(pending, r.ex)
		pendingRows += len(r.ex.Entities) + len(r.ex.Relations)
		if pendingRows >= graph.DefaultTxRows {
			flush()
		}
		return nil
	})
	flush()
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if errors.Is(loadErr, graph.ErrInterrupted) {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept, and running the same command again completes the load", loadErr)}
	}
	if loadErr != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept", loadErr)}
	}
	fmt.Fprintf(stderr, "kg: loaded %d articles into %s in %s (%d new, %d changed, %d unchanged): %d entities and %d relations extracted\n",
		counts[graph.New]+counts[graph.Changed]+counts[graph.Unchanged], graph.Redact(cfg.URI), time.Since(start).Round(time.Millisecond),
		counts[graph.New], counts[graph.Changed], counts[graph.Unchanged], entities, relations)
	if n := failed + refused; n > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of the inputs failed (named above)", n)}
	}
	return nil
}
