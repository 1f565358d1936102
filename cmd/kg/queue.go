package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/kg/kg/graph/neo4j"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/queue"
	"github.com/kg/kg/resolve"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// natsOptions are the NATS connection flags every queue command takes.
type natsOptions struct {
	url, creds, ca, cert, key string
}

func (n *natsOptions) add(f *pflag.FlagSet) {
	f.StringVar(&n.url, "nats", "", "NATS server URL(s), nats:// or tls:// (default $NATS_URL, else "+queue.DefaultURL+")")
	f.StringVar(&n.creds, "nats-creds", "", "NATS credentials file, JWT and NKey (default $NATS_CREDS)")
	f.StringVar(&n.ca, "nats-ca", "", "PEM file of the CA that signed the NATS server's certificate")
	f.StringVar(&n.cert, "nats-cert", "", "PEM client certificate for NATS (with --nats-key)")
	f.StringVar(&n.key, "nats-key", "", "PEM client key for NATS")
}

const natsHelp = `The NATS server comes from --nats, then NATS_URL, else ` + queue.DefaultURL + `;
credentials from --nats-creds, then NATS_CREDS, or a user in the URL;
tls:// URLs with --nats-ca (and --nats-cert, --nats-key for client
certificates). Credentials never appear in output. scripts/nats start runs a
local server to try it out.`

// connect connects to NATS with the flags, then the environment. A server
// that cannot be reached is exit code 3, with one line saying what to check.
func (n *natsOptions) connect(ctx context.Context, name string, stderr io.Writer) (*queue.Conn, error) {
	cfg := queue.Config{URL: n.url, Creds: n.creds, CA: n.ca, Cert: n.cert, Key: n.key, Name: name}
	if cfg.URL == "" {
		cfg.URL = os.Getenv("NATS_URL")
	}
	if cfg.Creds == "" {
		cfg.Creds = os.Getenv("NATS_CREDS")
	}
	if cfg.Creds != "" {
		if _, err := os.Stat(cfg.Creds); err != nil {
			return nil, usageErr("--nats-creds %s: no such file", cfg.Creds)
		}
	}
	cfg.Logf = func(format string, a ...any) { fmt.Fprintf(stderr, "kg: "+format+"\n", a...) }
	c, err := queue.Connect(ctx, cfg)
	if errors.Is(err, queue.ErrBadURL) {
		return nil, usageErr("%w", err)
	}
	if err != nil {
		return nil, &exitError{code: exitFailure, err: err}
	}
	return c, nil
}

// stopContext is cancelled by Ctrl-C or SIGTERM: long-running commands
// finish what they hold, then stop.
func stopContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

type submitOptions struct {
	nats natsOptions
	read readOptions
	json bool
}

func newSubmitCmd() *cobra.Command {
	o := &submitOptions{}
	c := &cobra.Command{
		Use:   "submit [flags] PATH...",
		Short: "Queue articles on NATS JetStream for kg worker to extract",
		Long: `Submit reads articles as kg build does, through the same code: the same
formats, and the same files and articles named and left out (not article
files, empty articles, articles in a language --lang does not accept, copies
of an earlier path) or named as failed. It publishes each article to the
NATS JetStream stream KG_ARTICLES, for kg worker processes on any machine
to extract and kg sink to load. An article submitted before with the same content is not
sent again; an edited one is, and its new facts replace the old ones.
An article larger than the server's message limit (max_payload, 1 MB by
default) is named and left out. A path that does not exist is a usage
error (exit 2): nothing is sent.

` + formatsHelp() + `

` + natsHelp,
		Example: `  scripts/nats start
  kg submit examples/articles/
  kg submit --nats nats://queue.example.org:4222 --nats-creds kg.creds ~/news`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSubmit(cmd, o, args) },
	}
	f := c.Flags()
	o.nats.add(f)
	f.BoolVar(&o.json, "json", false, "print the summary as JSON on stdout")
	o.read.add(f, "files read at once, at least 1")
	return c
}

func runSubmit(cmd *cobra.Command, o *submitOptions, args []string) error {
	if err := o.read.check(); err != nil {
		return err
	}
	if err := checkPaths(args); err != nil {
		return err
	}
	ctx, stop := stopContext(cmd.Context())
	defer stop()
	stderr := cmd.ErrOrStderr()
	q, err := o.nats.connect(ctx, "kg submit", stderr)
	if err != nil {
		return err
	}
	defer q.Close()
	var sum submitSummary
	failed, stopped, err := readForGraph(ctx, cmd, nil, args, &o.read, false, extractRun{readOnly: true}, &sum.inputAccount,
		func(r result) error {
			st, err := q.Submit(context.WithoutCancel(ctx), r.doc, r.abs)
			switch {
			case errors.Is(err, queue.ErrTooLarge):
				sum.Articles.Failed++
				sum.failed(r.name, err)
				fmt.Fprintf(stderr, "kg: %s: %v\n", r.name, err)
			case err != nil:
				return err
			case st == queue.Published:
				sum.Articles.Published++
			default:
				sum.Articles.Unchanged++
			}
			return nil
		})
	sum.Articles.Failed += failed
	sum.Articles.Skipped = len(sum.Left)
	sum.lists()
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; articles published before this are queued, and running the same command again completes it", err)}
	}
	if o.json {
		if err := printJSON(cmd.OutOrStdout(), sum); err != nil {
			return err
		}
	} else {
		skipped := ""
		if sum.Articles.Skipped > 0 {
			skipped = fmt.Sprintf(", %d skipped (named above)", sum.Articles.Skipped)
		}
		fmt.Fprintf(cmd.OutOrStdout(), "%d articles published to %s, %d submitted before and unchanged, %d failed%s\n",
			sum.Articles.Published, q.URL(), sum.Articles.Unchanged, sum.Articles.Failed, skipped)
	}
	if stopped {
		return &exitError{code: exitFailure, err: errors.New("interrupted; running the same command again completes it")}
	}
	if sum.Articles.Failed > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of the inputs failed (named above)", sum.Articles.Failed)}
	}
	return nil
}

// submitSummary is what kg submit did, shaped as kg build's summary: the
// counts, and every input that failed or was left out, with why.
type submitSummary struct {
	Articles struct {
		Published int `json:"published"`
		Unchanged int `json:"unchanged"` // submitted before with the same bytes
		Skipped   int `json:"skipped"`   // files and articles left out: see Left
		Failed    int `json:"failed"`
	} `json:"articles"`
	inputAccount
}

type workerOptions struct {
	nats       natsOptions
	schema     string
	model      string
	gazetteers []string
	jobs       int
	ackWait    time.Duration
	maxDeliver int
	untilEmpty bool
	json       bool
}

func newWorkerCmd() *cobra.Command {
	o := &workerOptions{}
	c := &cobra.Command{
		Use:   "worker [flags]",
		Short: "Extract articles queued on NATS JetStream",
		Long: `Worker pulls articles that kg submit queued, extracts them (-j at once) and
publishes each extraction, with the extractor's version, for kg sink.
An article is acknowledged only once its extraction is stored in JetStream:
a worker killed mid-article leaves it to another worker after --ack-wait.
An article whose extraction fails --max-deliver times goes to the dead
letters (kg queue lists them) with its error. Run as many workers as you
like, on as many machines. Ctrl-C or SIGTERM stops after the articles in
hand.

` + natsHelp,
		Example: `  kg worker
  kg worker --nats tls://queue.example.org:4222 --nats-creds kg.creds -j 8
  kg worker --until-empty      # stop when nothing is left to extract`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWorker(cmd, o) },
	}
	f := c.Flags()
	o.nats.add(f)
	f.StringVar(&o.model, "model", "", "folder of models written by kg train (default: the built-in ones)")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "your own gazetteer file (repeatable)")
	f.DurationVar(&o.ackWait, "ack-wait", 30*time.Second, "how long an article may be in hand before another worker gets it (shared by all workers)")
	f.IntVar(&o.maxDeliver, "max-deliver", 5, "tries before an article goes to the dead letters")
	f.BoolVar(&o.untilEmpty, "until-empty", false, "stop when no article is waiting or in flight")
	f.BoolVar(&o.json, "json", false, "print the counts as JSON on stdout when it stops")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "articles to extract at once, at least 1; the default is the number of CPUs")
	return c
}

func runWorker(cmd *cobra.Command, o *workerOptions) error {
	if err := checkCommonFlags(1, o.jobs); err != nil {
		return err
	}
	if o.ackWait <= 0 || o.maxDeliver <= 0 {
		return usageErr("--ack-wait and --max-deliver must be positive")
	}
	x, err := newExtractor(o.schema, o.model, o.gazetteers)
	if err != nil {
		return err
	}
	ctx, stop := stopContext(cmd.Context())
	defer stop()
	stderr := cmd.ErrOrStderr()
	q, err := o.nats.connect(ctx, "kg worker", stderr)
	if err != nil {
		return err
	}
	defer q.Close()
	fmt.Fprintf(stderr, "kg worker: extracting articles from %s, %d at once; Ctrl-C stops after those in hand\n", q.URL(), o.jobs)
	st, err := q.Work(ctx, x, queue.WorkOptions{Jobs: o.jobs, AckWait: o.ackWait, MaxDeliver: o.maxDeliver, UntilEmpty: o.untilEmpty,
		Logf: func(format string, a ...any) { fmt.Fprintf(stderr, "kg: "+format+"\n", a...) }})
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if o.json {
		return printJSON(cmd.OutOrStdout(), st)
	}
	fmt.Fprintf(stderr, "kg worker: %d articles extracted, %d dead letters\n", st.Extracted, st.Dead)
	return nil
}

type sinkOptions struct {
	build      buildOptions
	nats       natsOptions
	batch      int
	ackWait    time.Duration
	untilEmpty bool
}

func newSinkCmd() *cobra.Command {
	o := &sinkOptions{}
	c := &cobra.Command{
		Use:   "sink [flags]",
		Short: "Load the extractions from NATS JetStream into the local store or Neo4j",
		Long: `Sink takes the extractions kg worker published and writes them in batches
(--batch) with the loaders of kg build: into the local store (--store,
./kg.db by default), or into Neo4j (--neo4j or NEO4J_URI, with the same
settings as kg build). Each batch is acknowledged after it is committed: a
sink killed mid-batch leaves it to come again, and loading an article again
changes nothing. An extraction of an article submitted again since with
other content is dropped; an article the store refuses goes to the dead
letters with the reason.

One sink per local store (it is locked); into Neo4j, several sinks may run
at once, and neo4j:// reaches a cluster or Aura.

` + natsHelp,
		Example: `  kg sink --store news.db
  NEO4J_PASSWORD=kg-local-password kg sink --neo4j bolt://127.0.0.1:7687
  kg sink --until-empty        # stop when nothing is left to extract or load`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runSink(cmd, o) },
	}
	f := c.Flags()
	o.nats.add(f)
	b := &o.build
	f.StringVar(&b.uri, "neo4j", "", "Neo4j URI (default $NEO4J_URI)")
	f.StringVar(&b.username, "username", "", "Neo4j user (default $NEO4J_USERNAME, else neo4j)")
	f.StringVar(&b.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD)")
	f.StringVar(&b.database, "database", "", "Neo4j database (default $NEO4J_DATABASE, else the server's default)")
	f.IntVar(&b.batchSize, "batch-size", neo4j.DefaultBatchSize, "rows per UNWIND statement")
	f.IntVar(&b.maxEvidence, "max-evidence", graph.DefaultMaxEvidence, "evidence sentences kept per relationship")
	f.IntVar(&b.writers, "writers", 1, "Neo4j transactions at once")
	f.StringVar(&b.store, "store", "kg.db", "the local store's file, used when no Neo4j is named")
	f.StringVar(&b.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.BoolVar(&b.json, "json", false, "print the counts as JSON on stdout when it stops")
	addCorrectionsFlag(f, &b.corrections)
	f.IntVar(&o.batch, "batch", 200, "extractions per load")
	f.DurationVar(&o.ackWait, "ack-wait", time.Minute, "how long a batch may be in hand before it is delivered again")
	f.BoolVar(&o.untilEmpty, "until-empty", false, "stop when nothing is left to extract or load")
	return c
}

func runSink(cmd *cobra.Command, o *sinkOptions) error {
	b := &o.build
	if b.batchSize <= 0 || b.maxEvidence <= 0 || b.writers <= 0 || o.batch <= 0 || o.ackWait <= 0 {
		return usageErr("--batch, --batch-size, --max-evidence, --writers and --ack-wait must be positive")
	}
	s, err := loadSchema(b.schema)
	if err != nil {
		return err
	}
	ctx, stop := stopContext(cmd.Context())
	defer stop()
	stderr := cmd.ErrOrStderr()
	cfg := b.neo4jConfig()
	if cfg.URI != "" {
		if err := neo4j.CheckURI(cfg.URI); err != nil {
			return usageErr("%w", err)
		}
	}
	// NATS first: a sink that cannot reach it creates no store.
	q, err := o.nats.connect(ctx, "kg sink", stderr)
	if err != nil {
		return err
	}
	defer q.Close()
	// One writer per local store: a sink holds the lock kg build takes, so
	// a build and a sink never write one store at once.
	sink, target, _, err := openSink(ctx, b, cfg, s, false, stderr)
	if err != nil {
		return err
	}
	defer sink.Close()
	corrStore := b.store
	if cfg.URI != "" {
		corrStore = ""
	}
	cr, err := sinkResolver(ctx, sink.(resolve.Store), b.corrections, corrStore, s, stderr)
	if err != nil {
		return err
	}
	load := func(ctx context.Context, rs []queue.Result) ([]graph.Outcome, error) {
		exs := make([]*extract.Extraction, len(rs))
		for i, r := range rs {
			exs[i] = r.Extraction
		}
		exs = cr.apply(exs)
		cs := make([]graph.Contribution, len(rs))
		for i, r := range rs {
			cs[i] = graph.FromExtraction(s, exs[i], r.Source)
		}
		outcomes, err := sink.Write(ctx, cs)
		if err != nil {
			return outcomes, err
		}
		// What the batch changed in the store's other articles is set
		// right now; a failure here leaves it to the reconcile at stop.
		if rerr := cr.reconcileAround(ctx, exs, outcomes); rerr != nil {
			fmt.Fprintf(stderr, "kg: %v; the sink sets it right when it stops\n", rerr)
		}
		return outcomes, nil
	}
	fmt.Fprintf(stderr, "kg sink: loading extractions from %s into %s; Ctrl-C stops after the batch in hand\n", q.URL(), target)
	st, err := q.Sink(ctx, load, queue.SinkOptions{Batch: o.batch, AckWait: o.ackWait, UntilEmpty: o.untilEmpty,
		Logf: func(format string, a ...any) { fmt.Fprintf(stderr, "kg: "+format+"\n", a...) }})
	// Each batch was reconciled around its names as it was loaded; the
	// whole corpus is resolved once more when the sink stops (the longer
	// chains of names a batch's neighbourhood does not reach).
	if rerr := cr.reconcile(context.WithoutCancel(ctx), st.New+st.Changed > 0); rerr != nil && err == nil {
		return rerr
	}
	if b.json {
		if err := printJSON(cmd.OutOrStdout(), st); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stderr, "kg sink: into %s: %d new, %d changed, %d unchanged, %d superseded, %d dead letters\n",
			target, st.New, st.Changed, st.Unchanged, st.Superseded, st.Dead)
	}
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("%w; what was loaded stays, and the rest waits in NATS for the next kg sink", err)}
	}
	return nil
}

type queueOptions struct {
	nats        natsOptions
	json        bool
	retryFailed bool
}

func newQueueCmd() *cobra.Command {
	o := &queueOptions{}
	c := &cobra.Command{
		Use:   "queue [flags]",
		Short: "Show the progress of kg submit, worker and sink, and the dead letters",
		Long: `Queue shows how far the articles on NATS JetStream have come: submitted,
waiting for a worker, in flight, extracted, waiting for the sink, done, and
the dead letters (articles a worker failed on, extractions the store
refused) with their errors. --retry-failed queues the dead letters again.

` + natsHelp,
		Example: `  kg queue
  kg queue --json
  kg queue --retry-failed`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runQueue(cmd, o) },
	}
	f := c.Flags()
	o.nats.add(f)
	f.BoolVar(&o.json, "json", false, "print the state as JSON")
	f.BoolVar(&o.retryFailed, "retry-failed", false, "queue the dead letters again")
	return c
}

func runQueue(cmd *cobra.Command, o *queueOptions) error {
	ctx := cmd.Context()
	q, err := o.nats.connect(ctx, "kg queue", cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	defer q.Close()
	out := cmd.OutOrStdout()
	if o.retryFailed {
		n, err := q.RetryFailed(ctx)
		if err != nil {
			return &exitError{code: exitFailure, err: err}
		}
		fmt.Fprintf(out, "%d dead letters queued again\n", n)
		return nil
	}
	st, err := q.Status(ctx)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if o.json {
		return printJSON(out, st)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "NATS\t%s\n", q.URL())
	fmt.Fprintf(tw, "submitted\t%d articles (%d messages)\n", st.Submitted, st.Published)
	fmt.Fprintf(tw, "pending\t%d (%s in the stream)\n", st.Pending, sizeOf(st.ArticleBytes))
	fmt.Fprintf(tw, "in flight\t%d\n", st.InFlight)
	fmt.Fprintf(tw, "extracted\t%d\n", st.Extracted)
	fmt.Fprintf(tw, "to load\t%d (%s in the stream)\n", st.ToLoad, sizeOf(st.ResultBytes))
	fmt.Fprintf(tw, "done\t%d\n", st.Done)
	fmt.Fprintf(tw, "failed\t%d dead letters\n", st.Failed)
	tw.Flush()
	for _, d := range st.Dead {
		path := d.Path
		if path == "" {
			path = "(no path)"
		}
		// The path and the error are the article's and its file's: escaped
		// as everything kg prints (termSafe).
		fmt.Fprintf(out, "  %s: %s failed after %d tries: %s\n", termSafe(path), d.Stage, d.Deliveries, termSafe(clip(d.Error, 200)))
	}
	return nil
}

// sizeOf writes a byte count for people.
func sizeOf(n uint64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
