package main

import (
	"fmt"
	"os"

	"github.com/kg/kg/resolve"
	"github.com/spf13/cobra"
)

type curateOptions struct {
	store, corrections, schema string
	wait                       bool
}

func newCurateCmd() *cobra.Command {
	o := &curateOptions{}
	c := &cobra.Command{
		Use:   "curate merge|split|rename|retype|reject|alias ARGS...",
		Short: "Correct entities: add an entry to the corrections file and apply it",
		Long: `Curate adds one correction to the corrections file (--corrections, else
STORE.corrections.yaml beside the local store: kg.corrections.yaml for
kg.db) and applies the file to the local store at once. Every later kg build
and kg load applies the whole file again, whatever the extractor makes of the
articles next time: corrections survive rebuilds, re-extraction and model
changes. The file is YAML, meant to be read, edited and versioned
(docs/corrections.md).

An entity is named by its name (every entity with that name, whatever its
type) or by its key (person:nicolas-maduro, as kg export shows it).

  merge A B [C...]          one entity; A names it
  split A B                 never one entity, whatever their names suggest
  rename ENTITY NAME        the entity's name in the graph
  retype ENTITY TYPE        the entity's type (one of the schema's)
  reject ENTITY             not an entity: left out, with its relations
  reject SUBJECT TYPE OBJECT   not a fact: left out
  alias ENTITY NAME         another name of the entity, in articles to come too

A correction naming something the store no longer holds is reported by
each build, not an error.`,
		Example: `  kg curate merge "Nicolas Maduro" "Nicolás Maduro"
  kg curate split "George H. W. Bush" "George W. Bush"
  kg curate retype "Barack Obama" Person
  kg curate reject "chief justice"
  kg curate reject Taliban OPPOSES ISIS-K
  kg curate alias "Islamic State" Daesh --store news.db`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runCurate(cmd, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.store, "store", "kg.db", "the local store the correction is applied to (if it exists)")
	f.StringVar(&o.corrections, "corrections", "", "the corrections file (default: STORE.corrections.yaml beside the store)")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.BoolVar(&o.wait, "wait", false, "if a kg build is writing the store, wait for it")
	return c
}

// curateEntry turns the command's arguments into a correction.
func curateEntry(args []string) (resolve.Correction, error) {
	op, rest := args[0], args[1:]
	two := func() error {
		if len(rest) != 2 {
			return usageErr("kg curate %s takes two arguments, got %d", op, len(rest))
		}
		return nil
	}
	switch op {
	case "merge":
		return resolve.Correction{Merge: rest}, nil
	case "split":
		return resolve.Correction{Split: rest}, two()
	case "rename":
		return resolve.Correction{Rename: &resolve.Change{Entity: rest[0], To: last(rest)}}, two()
	case "retype":
		return resolve.Correction{Retype: &resolve.Change{Entity: rest[0], To: last(rest)}}, two()
	case "alias":
		return resolve.Correction{Alias: &resolve.Alias{Entity: rest[0], Alias: last(rest)}}, two()
	case "reject":
		switch len(rest) {
		case 1:
			return resolve.Correction{Reject: &resolve.Reject{Entity: rest[0]}}, nil
		case 3:
			return resolve.Correction{Reject: &resolve.Reject{Fact: rest}}, nil
		}
		return resolve.Correction{}, usageErr("kg curate reject takes an entity, or SUBJECT TYPE OBJECT")
	}
	return resolve.Correction{}, usageErr("unknown correction %q: use merge, split, rename, retype, reject or alias", op)
}

func last(s []string) string { return s[len(s)-1] }

func runCurate(cmd *cobra.Command, o *curateOptions, args []string) error {
	e, err := curateEntry(args)
	if err != nil {
		return err
	}
	s, err := loadSchema(o.schema)
	if err != nil {
		return err
	}
	path := o.corrections
	if path == "" {
		path = defaultCorrections(o.store)
	}
	if err := resolve.Append(path, e, s); err != nil {
		return usageErr("%v", err)
	}
	stderr := cmd.ErrOrStderr()
	fmt.Fprintf(cmd.OutOrStdout(), "added to %s: %s\n", path, e)
	if _, err := os.Stat(o.store); err != nil {
		fmt.Fprintf(stderr, "kg: no store %s yet: kg build applies the corrections\n", o.store)
		return nil
	}
	corr, err := resolve.LoadCorrections(path, false, s)
	if err != nil {
		return usageErr("%v", err)
	}
	store, closeStore, err := openLockedStore(cmd.Context(), o.store, o.wait, stderr, s, 0)
	if err != nil {
		return err
	}
	defer closeStore()
	cr := &corpusResolver{store: store, schema: s, corr: corr, stderr: stderr, opened: true}
	if err := cr.reconcile(cmd.Context(), true); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "kg: applied to %s; kg load --store %s carries it into Neo4j\n", o.store, o.store)
	return nil
}
