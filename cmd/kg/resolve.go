package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/resolve"
	"github.com/kg/kg/schemas"
	"github.com/spf13/pflag"
)

// Corpus resolution and corrections around a build or a load (package
// resolve): the store's names are read before the first article, each batch
// is resolved against them before it is written, and at the end the
// articles whose entities now stand for others are rewritten.

// defaultCorrections is the corrections file beside a local store:
// kg.db -> kg.corrections.yaml.
func defaultCorrections(store string) string {
	return strings.TrimSuffix(store, filepath.Ext(store)) + ".corrections.yaml"
}

// loadCorrections reads --corrections, else the default file beside the
// store (which need not exist); "" and "" give none.
func loadCorrections(flag, store string, s *schemas.Schema) (*resolve.Corrections, error) {
	if flag != "" {
		c, err := resolve.LoadCorrections(flag, false, s)
		if err != nil {
			return nil, usageErr("--corrections: %v", err)
		}
		return c, nil
	}
	if store == "" {
		return nil, nil
	}
	c, err := resolve.LoadCorrections(defaultCorrections(store), true, s)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return c, nil
}

// corpusResolver resolves a build's articles against a store's corpus.
type corpusResolver struct {
	store  resolve.Store
	schema *schemas.Schema
	corr   *resolve.Corrections
	r      *resolve.Resolver
	stderr io.Writer
	quiet  bool
	opened bool // the first reconcile, before the build, is done
	stale  int  // articles the last reconcile left for the next build
}

// openResolver reads the store's names and brings the store in line with
// the corrections (a changed corrections file takes effect here, before
// anything is extracted; an article only a new extraction can set right is
// marked to be extracted again, which this build then does).
func openResolver(ctx context.Context, st resolve.Store, s *schemas.Schema, corr *resolve.Corrections, stderr io.Writer, quiet bool) (*corpusResolver, error) {
	c := &corpusResolver{store: st, schema: s, corr: corr, stderr: stderr, quiet: quiet}
	if err := c.reconcile(ctx, true); err != nil {
		return nil, err
	}
	return c, nil
}

// sinkResolver is openResolver for kg sink: corrections from --corrections,
// else beside a local store.
func sinkResolver(ctx context.Context, st resolve.Store, flag, store string, s *schemas.Schema, stderr io.Writer) (*corpusResolver, error) {
	corr, err := loadCorrections(flag, store, s)
	if err != nil {
		return nil, err
	}
	return openResolver(ctx, st, s, corr, stderr, false)
}

// apply resolves a batch before it is written.
func (c *corpusResolver) apply(exs []*extract.Extraction) []*extract.Extraction {
	return c.r.Apply(exs)
}

// reconcileAround brings in line, after a batch is written, the stored
// articles its names link to (resolve.Resolver.ReconcileAround): kg sink
// runs for days, and what its batches change in the store's other articles
// is set right as it goes, not only when it stops. Articles the store
// refused are taken out of the corpus first.
func (c *corpusResolver) reconcileAround(ctx context.Context, exs []*extract.Extraction, outcomes []graph.Outcome) error {
	var ids []string
	for i, ex := range exs {
		ok := i < len(outcomes) && outcomes[i].Err == nil
		c.r.Written(ex.Document.ID, ok)
		if ok {
			ids = append(ids, ex.Document.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rep, err := c.r.ReconcileAround(ctx, ids)
	if err != nil {
		return fmt.Errorf("corpus resolution: %w", err)
	}
	if !c.quiet && rep.Rewritten > 0 {
		fmt.Fprintf(c.stderr, "kg: corpus resolution: %d stored articles rewritten (their entities now stand for others)\n", rep.Rewritten)
	}
	c.stale += rep.Stale
	return nil
}

// reconcile reads the corpus's names from the store again (articles were
// added, replaced or taken back: changed) and rewrites the articles whose
// entities now stand for others, then reports the corrections that matched
// nothing. Unchanged, the corpus is as the last reconcile left it: only the
// report is made.
func (c *corpusResolver) reconcile(ctx context.Context, changed bool) error {
	if !changed && c.r != nil {
		c.report(c.r)
		return nil
	}
	r, err := resolve.NewResolver(ctx, c.store, c.schema, c.corr)
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("corpus resolution: %w", err)}
	}
	c.r = r
	rep, err := r.Reconcile(ctx)
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("corpus resolution: %w", err)}
	}
	if !c.quiet && rep.Rewritten > 0 {
		fmt.Fprintf(c.stderr, "kg: corpus resolution: %d stored articles rewritten (their entities now stand for others)\n", rep.Rewritten)
	}
	c.stale = rep.Stale
	if c.opened {
		c.report(r)
	}
	c.opened = true
	return nil
}

// report names the articles left for the next build and the corrections
// that matched nothing.
func (c *corpusResolver) report(r *resolve.Resolver) {
	if c.stale > 0 {
		fmt.Fprintf(c.stderr, "kg: corpus resolution: %d articles will be extracted again by the next build (a correction no longer holds for them)\n", c.stale)
	}
	if c.corr != nil {
		for _, u := range r.Unmatched() {
			fmt.Fprintf(c.stderr, "kg: corrections %s: %s\n", c.corr.Path, u)
		}
	}
}

func addCorrectionsFlag(f *pflag.FlagSet, path *string) {
	f.StringVar(path, "corrections", "", "corrections file (YAML, docs/corrections.md) applied on every build (default: STORE.corrections.yaml beside the local store, e.g. kg.corrections.yaml, if it exists)")
}
