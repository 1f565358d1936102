package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/kg/kg/graph/neo4j"
	"github.com/kg/kg/graph/sqlite"
	"github.com/kg/kg/schemas"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/resolve"
	"github.com/spf13/cobra"
)

type buildOptions struct {
	uri, username, password, database string
	batchSize, maxEvidence, writers   int
	schema, model                     string
	gazetteers                        []string
	read                              readOptions
	store, csv, corrections           string
	prune, json, quiet                bool
	wait                              bool
}

// neo4jConfig reads the connection settings: flags, then NEO4J_* environment.
func (o *buildOptions) neo4jConfig() neo4j.Config {
	pick := func(flag, env string) string {
		if flag != "" {
			return flag
		}
		return os.Getenv(env)
	}
	return neo4j.Config{
		URI:         pick(o.uri, "NEO4J_URI"),
		Username:    pick(o.username, "NEO4J_USERNAME"),
		Password:    pick(o.password, "NEO4J_PASSWORD"),
		Database:    pick(o.database, "NEO4J_DATABASE"),
		BatchSize:   o.batchSize,
		MaxEvidence: o.maxEvidence,
		Writers:     o.writers,
	}
}

func newBuildCmd() *cobra.Command {
	o := &buildOptions{}
	c := &cobra.Command{
		Use:   "build [flags] PATH...",
		Short: "Extract articles into the local store, or into Neo4j",
		Long: `Build extracts the given articles (files, folders, or - for standard input)
and stores the graph they make: in the local store, an SQLite file (--store,
./kg.db by default), unless a Neo4j server is named (--neo4j or NEO4J_URI).

Into the local store, each article is written whole or not at all: a killed
build leaves a store that opens, and running the same command again completes
it. One build at a time per store: a second one stops before reading anything
(exit code 3), or with --wait waits for the first (the lock is an flock on
the file STORE.lock beside the store). A rerun reads every file but extracts and writes only articles that are
new, whose bytes changed, or that an older schema or extractor made. A file
moved or renamed takes the place of its old path (the bytes the store holds
under a path that no longer holds them), and one whose bytes are stored under
a path that still holds them is a copy, left out; --prune takes back articles
whose files are gone. Ctrl-C (or SIGTERM) stops after the articles in
flight and says how far it got (exit code 3).

Into Neo4j, several articles go per transaction (about 10,000 rows each),
never splitting one; --writers N runs N transactions at once. Loading the
same articles again changes nothing, and an
article whose text changed replaces what it said before.

An article Neo4j refuses is named on stderr with the reason and left out (its
earlier version, if any, stays), the others are loaded, and the exit code is 1.
If the connection is lost, what was loaded stays, and running the same command
again completes the load.

One node per real-world entity: names are resolved across the store's
articles (an acronym one article defines, a surname with one full name),
and an analyst's corrections file is applied on every build: --corrections
FILE, else STORE.corrections.yaml beside the local store (kg curate writes
it; docs/corrections.md).

` + formatsHelp() + `

A path that does not exist is a usage error (exit 2): nothing is written.
--store and --neo4j together are a usage error; an explicit --store wins
over NEO4J_URI from the environment.

Connection settings come from flags, then NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD and NEO4J_DATABASE. bolt://, neo4j:// (routing: clusters, Aura)
and their +s / +ssc forms work. Prefer NEO4J_PASSWORD to --password, which
other users of the machine can see; a URI with credentials in it
(bolt://user:password@host) is refused, its credentials never printed.`,
		Example: `  kg build examples/articles/
  kg build ~/news --store news.db --prune
  kg build ~/news --json > summary.json
  scripts/neo4j start
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
	f.IntVar(&o.batchSize, "batch-size", neo4j.DefaultBatchSize, "rows per UNWIND statement")
	f.IntVar(&o.maxEvidence, "max-evidence", graph.DefaultMaxEvidence, "evidence sentences kept per relationship")
	f.IntVar(&o.writers, "writers", 1, "Neo4j transactions at once, each on articles of its own")
	f.StringVar(&o.store, "store", "kg.db", "the local store's file, used when no Neo4j is named")
	f.BoolVar(&o.prune, "prune", false, "take back articles whose files are gone")
	f.BoolVar(&o.json, "json", false, "print the summary as JSON on stdout")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing on success: no progress, notes or summary (failures are still named)")
	f.StringVar(&o.model, "model", "", "folder of models written by kg train (default: the built-in ones)")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "your own gazetteer file (repeatable)")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	o.read.add(f, "articles to extract at once, at least 1; the default is the number of CPUs")
	addCorrectionsFlag(f, &o.corrections)
	f.BoolVar(&o.wait, "wait", false, "if another kg is building the same store, wait for it (by default this build stops at once)")
	return c
}

func runBuild(cmd *cobra.Command, o *buildOptions, args []string) error {
	if o.batchSize <= 0 || o.maxEvidence <= 0 || o.writers <= 0 {
		return usageErr("--batch-size, --max-evidence and --writers must be positive")
	}
	if err := o.read.check(); err != nil {
		return err
	}
	// Settings first: a bad schema, model or gazetteer is a usage error
	// before anything connects.
	x, err := newExtractor(o.schema, o.model, o.gazetteers)
	if err != nil {
		return err
	}
	s := x.Schema()
	// Ctrl-C or SIGTERM (kill, systemd, docker stop) cancels ctx: reading stops, but the articles in flight are
	// still written (the writes run without cancellation), then it stops.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A Neo4j server that goes away mid-build (after the driver's retries)
	// stops the build at once: asking it about every article that is left,
	// each after another round of retries, would take hours.
	ctx, cancelGone := context.WithCancel(ctx)
	defer cancelGone()
	var goneMu sync.Mutex
	var goneErr error
	serverGone := func(err error) {
		goneMu.Lock()
		defer goneMu.Unlock()
		if goneErr == nil {
			goneErr = err
			cancelGone()
		}
	}
	gone := func() error {
		goneMu.Lock()
		defer goneMu.Unlock()
		return goneErr
	}
	cfg := o.neo4jConfig()
	if err := storeOrNeo4j(cmd, o.uri, &cfg.URI); err != nil {
		return err
	}
	if cfg.URI != "" {
		if err := neo4j.CheckURI(cfg.URI); err != nil {
			return usageErr("%w", err)
		}
	}
	if err := checkPaths(args); err != nil {
		return err
	}
	sum := &buildSummary{start: time.Now(), quiet: o.quiet}
	sink, target, graphStats, err := openSink(ctx, o, cfg, s, o.wait, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	defer sink.Close()
	// Corpus resolution and corrections (docs/corrections.md), as for every sink.
	corrStore := o.store
	if cfg.URI != "" {
		corrStore = ""
	}
	corr, err := loadCorrections(o.corrections, corrStore, s)
	if err != nil {
		return err
	}
	cr, err := openResolver(ctx, sink.(resolve.Store), s, corr, cmd.ErrOrStderr(), o.quiet)
	if err != nil {
		return err
	}
	// What the store holds of the articles read: those stored as they are
	// are not extracted again, and the stored articles with the same bytes
	// tell copies and moved files (copies.go).
	lookup := func(docs []*extract.Document) []known {
		out := make([]known, len(docs))
		vs := make([]graph.Version, len(docs))
		for i, doc := range docs {
			vs[i] = graph.Version{ID: doc.ID, SHA256: doc.SHA256, Extractor: x.Version()}
		}
		cur, err := sink.Current(ctx, vs)
		if err == nil {
			var shas []string
			for i, doc := range docs {
				out[i].current = cur[i]
				if !cur[i] {
					shas = append(shas, doc.SHA256)
				}
			}
			var same []graph.ArticleRow
			if same, err = sink.SameBytes(ctx, shas); err == nil {
				bySHA := map[string][]graph.ArticleRow{}
				for _, a := range same {
					bySHA[a.SHA256] = append(bySHA[a.SHA256], a)
				}
				for i, doc := range docs {
					if !cur[i] {
						out[i].same = bySHA[doc.SHA256]
					}
				}
			}
		}
		if errors.Is(err, graph.ErrInterrupted) {
			serverGone(err)
		}
		if err != nil {
			return make([]known, len(docs)) // read them all: the write says what is wrong
		}
		return out
	}
	// The writes run without cancellation: Ctrl-C stops reading, and the
	// articles in flight are still written.
	load := func(rs []result) ([]graph.Outcome, error) {
		exs := make([]*extract.Extraction, len(rs))
		for i, r := range rs {
			exs[i] = r.ex
		}
		exs = cr.apply(exs)
		cs := make([]graph.Contribution, len(rs))
		for i, r := range rs {
			cs[i] = graph.FromExtraction(s, exs[i], r.abs)
			for _, old := range r.replaces {
				cs[i].Replaces = append(cs[i].Replaces, graph.Version{ID: old.ID, SHA256: old.SHA256})
			}
		}
		return sink.Write(context.WithoutCancel(ctx), cs)
	}
	stderr := cmd.ErrOrStderr()
	var loadErr error
	var pending []result
	pendingRows := 0
	flush := func() {
		if len(pending) == 0 || loadErr != nil {
			return
		}
		if gone() != nil {
			pending, pendingRows = pending[:0], 0
			return
		}
		outcomes, err := load(pending)
		for i, out := range outcomes {
			r := pending[i]
			if out.Err != nil {
				sum.fail(r.name, out.Err)
				fmt.Fprintf(stderr, "kg: %s: %v\n", r.name, out.Err)
				continue
			}
			if err == nil {
				sum.count(out.Status)
				if out.Status == graph.Moved {
					from := sum.move(r.name, r.replaces, out.Replaced)
					if !o.quiet {
						fmt.Fprintf(stderr, "kg: %s: moved from %s (the same bytes); it takes the old path's place\n", r.name, from)
					}
				}
				for _, e := range r.ex.Entities {
					if s.InGraph(e.Type) {
						sum.Entities++
					}
				}
				sum.Relations += len(r.ex.Relations)
			}
		}
		loadErr = err
		if errors.Is(err, graph.ErrInterrupted) {
			serverGone(err) // extract no more: nothing can be loaded
		}
		pending, pendingRows = pending[:0], 0
	}
	progress := newProgress(stderr, o.quiet)
	var copies []string // ids of articles left out as copies of another
	failed, stopped, err := readForGraph(ctx, cmd, x, args, &o.read, o.quiet,
		extractRun{known: lookup, forGraph: true, progress: progress.update, dedupe: func(id string) { copies = append(copies, id) }},
		&sum.inputAccount, func(r result) error {
			if r.skipped {
				sum.Articles.Unchanged++
				sum.Articles.Seen++
				return nil
			}
			pending = append(pending, r)
			pendingRows += len(r.ex.Entities) + len(r.ex.Relations)
			if pendingRows >= neo4j.DefaultTxRows*o.writers || len(pending) >= 200*o.writers {
				flush()
			}
			return nil
		})
	flush()
	progress.done()
	sum.Articles.Failed += failed
	sum.Articles.Seen += failed
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if err := gone(); err != nil && loadErr == nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept, and running the same command again completes the load", err)}
	}
	if errors.Is(loadErr, graph.ErrInterrupted) {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept, and running the same command again completes the load", loadErr)}
	}
	if loadErr != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles loaded before this are kept", loadErr)}
	}
	if stopped {
		sum.report(stderr, target)
		return &exitError{code: exitFailure, err: fmt.Errorf("interrupted: %d articles stored; running the same command again completes the build", sum.Articles.New+sum.Articles.Updated+sum.Articles.Moved+sum.Articles.Unchanged)}
	}
	// A copy stored by an earlier build (before the first of its bytes was
	// there) is taken back: one article's bytes support a fact once.
	for _, id := range copies {
		if ok, err := sink.Remove(context.WithoutCancel(ctx), id); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("taking back a copy: %w", err)}
		} else if ok {
			sum.Articles.Pruned++
		}
	}
	if o.prune {
		gone, err := sink.Prune(ctx)
		if err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("--prune: %w", err)}
		}
		for _, p := range gone {
			fmt.Fprintf(stderr, "kg: %s: gone, taken back\n", p)
		}
		sum.Articles.Pruned += len(gone)
	}
	// Articles added or taken back change what names resolve to: the
	// stored articles they concern are rewritten.
	if err := cr.reconcile(context.WithoutCancel(ctx), sum.Articles.New+sum.Articles.Updated+sum.Articles.Moved+sum.Articles.Pruned > 0); err != nil {
		return err
	}
	// A short, readable summary of the graph built, for people at a
	// terminal: the one kg stats prints, from either store.
	if st, err := graphStats(ctx, 5); err != nil {
		if !o.quiet {
			fmt.Fprintf(stderr, "kg: the build is done, but the graph's counts could not be read: %v\n", err)
		}
	} else {
		sum.Graph = &graphCounts{}
		for _, n := range st.Entities {
			sum.Graph.Entities += n
		}
		for _, n := range st.Relations {
			sum.Graph.Relations += n
		}
		if !o.json && !o.quiet {
			fmt.Fprint(cmd.OutOrStdout(), formatStats(target, st))
		}
	}
	return sum.finish(cmd, target, o.json)
}

// openSink opens the store the flags name: Neo4j when cfg has a URI (its
// schema ensured), else the local store, locked for this run (waiting for
// the lock if wait is set) so that no other build or sink writes it at once.
// target names the store for people; stats is its summary, as kg stats
// gives it.
func openSink(ctx context.Context, o *buildOptions, cfg neo4j.Config, s *schemas.Schema, wait bool, stderr io.Writer) (sink graph.Sink, target string, stats func(context.Context, int) (*graph.Stats, error), err error) {
	if cfg.URI == "" {
		store, closeStore, err := openLockedStore(ctx, o.store, wait, stderr, s, o.maxEvidence)
		if err != nil {
			return nil, "", nil, err
		}
		return lockedStore{store, closeStore}, store.Path(), store.Stats, nil
	}
	store, err := openNeo4j(ctx, cfg, s)
	if err != nil {
		return nil, "", nil, err
	}
	if err := store.EnsureSchema(ctx); err != nil {
		store.Close()
		return nil, "", nil, &exitError{code: exitFailure, err: err}
	}
	return store, neo4j.Redact(cfg.URI), store.Stats, nil
}

// openNeo4j connects to the Neo4j server cfg names: a URI kg cannot use is
// a usage error (exit 2), a server it cannot reach a failure (exit 3).
func openNeo4j(ctx context.Context, cfg neo4j.Config, s *schemas.Schema) (*neo4j.Store, error) {
	if err := neo4j.CheckURI(cfg.URI); err != nil {
		return nil, usageErr("%w", err)
	}
	store, err := neo4j.Open(ctx, cfg, s)
	if err != nil {
		return nil, &exitError{code: exitFailure, err: err}
	}
	return store, nil
}

// lockedStore is the local store as a sink whose Close also releases the
// lock taken for it.
type lockedStore struct {
	*sqlite.Store
	closeStore func()
}

func (l lockedStore) Close() error {
	l.closeStore()
	return nil
}
