package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kg/kg/graph/export"
	"github.com/kg/kg/graph/neo4j"
	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	buildOptions
	format, out, cypher string
	sel                 graph.Selection
	types, labels       []string
	isolated            bool
}

func newExportCmd() *cobra.Command {
	o := &exportOptions{}
	c := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write a subgraph (or the whole graph) as JSON, GraphML, CSV, Cypher, DOT or an HTML page",
		Long: `Export cuts a piece out of the graph and writes it in a format other tools
open. It reads the local store (--store, ./kg.db by default), or Neo4j when
one is named (--neo4j or NEO4J_URI); the same selection gives the same
subgraph from either.

Selections (without one, the whole graph):
  --around NAME     an entity by name, alias or key, and its neighbourhood
                    (--hops, default 1); repeat it for several centres
  --article REF     what one article contributed (id, its first 6+ characters, or path)
  --cypher QUERY    from Neo4j only: the nodes, relationships and paths a
                    read-only query returns (it runs in a read transaction)
Filters: --types (relation types), --labels (entity types), --min-articles,
--min-confidence; --labels also limits the walk from --around (only entities
of those types are reached and passed through); --limit keeps the nodes
nearest the centre first, then the best-supported, and says it cut.

Formats:
` + formatTable() + `
Single-file formats go to -o FILE or standard output; csv writes nodes.csv and
relationships.csv into the folder -o names.`,
		Example: `  kg export --around "ISIS-K" --hops 2 --format graphml -o isis-k.graphml
  kg export --around "Hafiz Saeed Khan" --format html -o khan.html
  kg export --article examples/articles/us-designates-isis-k-leaders.md --format json
  kg export --types KILLED,OPPOSES --min-articles 2 --format csv -o out/
  kg export --cypher 'MATCH p=(:Person)-[:KILLED]->() RETURN p' --neo4j bolt://127.0.0.1:7687 --format cypher
  kg export --format json > graph.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(cmd, o) },
	}
	f := c.Flags()
	f.StringVarP(&o.format, "format", "f", "json", "output format: "+strings.Join(export.FormatNames(), ", "))
	f.StringVarP(&o.out, "output", "o", "", "output file (a folder for csv); default standard output")
	f.StringArrayVar(&o.sel.Around, "around", nil, "an entity's name, alias or key: export its neighbourhood (repeatable)")
	f.IntVar(&o.sel.Hops, "hops", 1, "how many steps from --around")
	f.StringVar(&o.sel.Article, "article", "", "export what one article contributed: its id (or first 6+ characters) or path")
	f.StringSliceVar(&o.types, "types", nil, "relation types to keep, comma-separated (default all)")
	f.StringSliceVar(&o.labels, "labels", nil, "entity types to keep, comma-separated (default all)")
	f.IntVar(&o.sel.MinArticles, "min-articles", 0, "keep facts that at least this many articles support")
	f.Float64Var(&o.sel.MinConfidence, "min-confidence", 0, "keep facts at least this confident (0 to 1)")
	f.IntVar(&o.sel.Limit, "limit", 0, "at most this many nodes: the nearest --around first, then the best-supported (0: no limit)")
	f.StringVar(&o.cypher, "cypher", "", "a read-only Cypher query whose nodes, relationships and paths to export (Neo4j only)")
	f.StringVar(&o.store, "store", "kg.db", "the local store's file, read when no Neo4j is named")
	f.StringVar(&o.uri, "neo4j", "", "Neo4j URI to read from (default $NEO4J_URI)")
	f.StringVar(&o.username, "username", "", "Neo4j user (default $NEO4J_USERNAME, else neo4j)")
	f.StringVar(&o.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD)")
	f.StringVar(&o.database, "database", "", "Neo4j database (default $NEO4J_DATABASE, else the server's default)")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.BoolVar(&o.isolated, "isolated", false, "html: keep entities without any relation (by default the page leaves them out and says how many)")
	return c
}

// formatTable lists the formats and what opens them, for --help.
func formatTable() string {
	var b strings.Builder
	for _, name := range export.FormatNames() {
		fmt.Fprintf(&b, "  %-8s %s\n", name, export.Formats[name].Tools)
	}
	return b.String()
}

func runExport(cmd *cobra.Command, o *exportOptions) error {
	format, ok := export.Formats[strings.ToLower(o.format)]
	if !ok {
		return usageErr("--format %q is not one kg writes; choose one of %s", o.format, strings.Join(export.FormatNames(), ", "))
	}
	if len(format.Files) > 0 && o.out == "" {
		return usageErr("--format %s writes %s: name a folder with -o", o.format, strings.Join(format.Files, " and "))
	}
	switch {
	case o.sel.Hops < 1:
		return usageErr("--hops must be at least 1, got %d", o.sel.Hops)
	case o.sel.Limit < 0:
		return usageErr("--limit must be at least 0 (0: no limit), got %d", o.sel.Limit)
	case o.sel.MinArticles < 0:
		return usageErr("--min-articles must be at least 0, got %d", o.sel.MinArticles)
	case o.sel.MinConfidence < 0 || o.sel.MinConfidence > 1:
		return usageErr("--min-confidence must be between 0 and 1, got %g", o.sel.MinConfidence)
	case cmd.Flags().Changed("hops") && len(o.sel.Around) == 0:
		return usageErr("--hops counts steps from --around; name an entity with --around")
	}
	if o.sel.Article != "" && len(o.sel.Around) > 0 {
		return usageErr("choose --article or --around, not both")
	}
	for _, a := range o.sel.Around {
		if strings.TrimSpace(a) == "" {
			return usageErr("--around needs an entity's name, alias or key")
		}
	}
	s, err := loadSchema(o.schema)
	if err != nil {
		return err
	}
	for _, t := range o.types {
		if _, ok := s.Relation(t); !ok {
			return usageErr("--types %s: schema %s has no such relation type; it has %s", t, s.Source, strings.Join(relationNames(s), ", "))
		}
	}
	for _, l := range o.labels {
		if _, ok := s.Entity(l); !ok {
			return usageErr("--labels %s: schema %s has no such entity type; it has %s", l, s.Source, strings.Join(entityNames(s), ", "))
		}
		if !s.InGraph(l) {
			return usageErr("--labels %s: schema %s keeps %s out of the graph (graph: false), so no export holds one", l, s.Source, l)
		}
	}
	o.sel.Types, o.sel.Labels = o.types, o.labels
	cfg := o.neo4jConfig()
	if err := storeOrNeo4j(cmd, o.uri, &cfg.URI); err != nil {
		return err
	}
	if o.cypher != "" {
		if cfg.URI == "" {
			return usageErr("--cypher reads Neo4j: name it with --neo4j or NEO4J_URI")
		}
		if len(o.sel.Around) > 0 || o.sel.Article != "" || len(o.types) > 0 || len(o.labels) > 0 || o.sel.MinArticles > 0 || o.sel.MinConfidence > 0 || o.sel.Limit > 0 {
			return usageErr("--cypher is a selection of its own: put filters into the query instead of --around, --article, --types, --labels, --min-* or --limit")
		}
	}
	ctx := cmd.Context()
	var g *graph.Subgraph
	var from string
	if cfg.URI != "" {
		st, err := openNeo4j(ctx, cfg, s)
		if err != nil {
			return err
		}
		defer st.Close()
		from = neo4j.Redact(cfg.URI)
		if o.cypher != "" {
			g, err = st.CypherSubgraph(ctx, o.cypher)
		} else {
			g, err = graph.Select(ctx, st, o.sel)
		}
		if err != nil {
			return selectionErr(err)
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
		from = o.store
		if g, err = graph.Select(ctx, l, o.sel); err != nil {
			return selectionErr(err)
		}
	}
	// A page of a whole graph is illegible when half its nodes relate to
	// nothing: the HTML export leaves them out unless --isolated; the
	// entities --around names stay.
	dropped := 0
	if strings.EqualFold(o.format, "html") && !o.isolated {
		keep := map[string]bool{}
		for _, a := range o.sel.Around {
			for _, n := range g.Nodes {
				if strings.EqualFold(n.Name, a) || strings.EqualFold(n.Key, a) {
					keep[n.Key] = true
				}
			}
		}
		dropped = g.DropIsolated(keep)
	}
	out, err := newExportOutput(cmd.OutOrStdout(), o.out, len(format.Files) > 0)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if err := format.Exporter.Export(out, g); err != nil {
		out.abort()
		return &exitError{code: exitFailure, err: err}
	}
	written, err := out.commit()
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	stderr := cmd.ErrOrStderr()
	for _, n := range g.Notes {
		fmt.Fprintf(stderr, "kg: note: %s\n", n)
	}
	if w, ok := format.Exporter.(export.Warner); ok {
		for _, s := range w.Warnings(g) {
			fmt.Fprintf(stderr, "kg: warning: %s\n", s)
		}
	}
	if dropped > 0 {
		fmt.Fprintf(stderr, "kg: left out %s without any relation (--isolated keeps them)\n", entities(dropped))
	}
	if len(written) > 0 {
		fmt.Fprintf(stderr, "kg: exported %s and %s from %s to %s\n", plural(len(g.Nodes), "node"), plural(len(g.Edges), "relationship"), from, strings.Join(written, ", "))
	}
	if o.format == "csv" {
		fmt.Fprintf(stderr, "kg: import into an empty database (server stopped) with: neo4j-admin database import full <database> --array-delimiter=U+001F --multiline-fields=true --nodes=%s --relationships=%s\n"+
			"kg: (this is the subgraph alone; for a database kg build --neo4j can continue, use kg load --csv and scripts/neo4j import)\n",
			filepath.Join(o.out, "nodes.csv"), filepath.Join(o.out, "relationships.csv"))
	}
	return nil
}

// selectionErr makes a name that matches nothing a usage error (exit 2),
// anything else a failure.
func selectionErr(err error) error {
	if errors.Is(err, graph.ErrNotFound) {
		return &exitError{code: exitUsage, err: err}
	}
	return &exitError{code: exitFailure, err: err}
}

// exportOutput writes an export's files next to their final names and
// renames them at the end, so that a failed export leaves no half file.
type exportOutput struct {
	stdout  io.Writer
	target  string // a file, or a folder for several files; "" for stdout
	folder  bool
	pending []*os.File
	final   []string
}

func newExportOutput(stdout io.Writer, target string, folder bool) (*exportOutput, error) {
	if folder {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return nil, fmt.Errorf("cannot make folder %s: %w", target, err)
		}
	} else if target != "" {
		if info, err := os.Stat(target); err == nil && info.IsDir() {
			return nil, fmt.Errorf("-o %s is a folder; give a file name", target)
		}
	}
	return &exportOutput{stdout: stdout, target: target, folder: folder}, nil
}

// Create opens one output: standard output, the -o file, or a file of the
// -o folder.
func (o *exportOutput) Create(name string) (io.Writer, error) {
	if o.target == "" {
		return o.stdout, nil
	}
	final := o.target
	if o.folder {
		final = filepath.Join(o.target, name)
	}
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", final, err)
	}
	o.pending = append(o.pending, f)
	o.final = append(o.final, final)
	return f, nil
}

func (o *exportOutput) commit() ([]string, error) {
	for i, f := range o.pending {
		if err := f.Close(); err != nil {
			o.abort()
			return nil, fmt.Errorf("cannot write %s: %w", o.final[i], err)
		}
	}
	for i, f := range o.pending {
		os.Chmod(f.Name(), 0o644)
		if err := os.Rename(f.Name(), o.final[i]); err != nil {
			o.abort()
			return nil, fmt.Errorf("cannot write %s: %w", o.final[i], err)
		}
	}
	return o.final, nil
}

func (o *exportOutput) abort() {
	for _, f := range o.pending {
		f.Close()
		os.Remove(f.Name())
	}
}

var _ export.Output = (*exportOutput)(nil)

func relationNames(s *schemas.Schema) []string {
	var out []string
	for _, r := range s.RelationTypes {
		out = append(out, r.Name)
	}
	slices.Sort(out)
	return out
}

func entityNames(s *schemas.Schema) []string {
	var out []string
	for _, e := range s.EntityTypes {
		out = append(out, e.Name)
	}
	slices.Sort(out)
	return out
}
