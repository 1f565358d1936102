package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/kg/kg/graph/neo4j"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// addCommonFlags adds the flags every command that reads articles shares.
func addCommonFlags(f *pflag.FlagSet, schema *string, maxSize *int64, jobs *int) {
	f.StringVar(schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	*maxSize = extract.DefaultMaxBytes
	f.Var(byteSize{maxSize}, "max-size", "largest article file to read: bytes, or with a unit (500KB, 10MB, 2MiB)")
	f.IntVarP(jobs, "jobs", "j", runtime.NumCPU(), "articles to extract at once, at least 1; the default is the number of CPUs")
}

// checkCommonFlags refuses values of the common flags that mean nothing,
// rather than quietly reading them as the default.
func checkCommonFlags(maxSize int64, jobs int) error {
	if maxSize <= 0 {
		return usageErr("--max-size must be a positive size (e.g. 10MB), got %d", maxSize)
	}
	if jobs <= 0 {
		return usageErr("--jobs (-j) must be at least 1, got %d", jobs)
	}
	return nil
}

func newSchemaCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "schema",
		Short: "Show or check a schema",
	}
	var path string
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the schema's entity and relation types",
		Example: `  kg schema show
  kg schema show --schema my-schema.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSchema(path)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "schema %s (version %d) from %s\n\nentity types:\n", s.Name, s.Version, s.Source)
			for _, t := range s.EntityTypes {
				fmt.Fprintf(out, "  %s\n", strings.Join(s.Labels(t.Name), " > "))
			}
			fmt.Fprintln(out, "\nrelation types:")
			for _, r := range s.RelationTypes {
				fmt.Fprintf(out, "  (%s)-[%s]->(%s)\n", strings.Join(r.Subject, "|"), r.Name, strings.Join(r.Object, "|"))
			}
			return nil
		},
	}
	show.Flags().StringVar(&path, "schema", "", "schema YAML file (default: the built-in news schema)")
	check := &cobra.Command{
		Use:     "check FILE",
		Short:   "Validate a schema file",
		Example: `  kg schema check my-schema.yaml`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := os.Stat(args[0]); err != nil {
				return usageErr("schema %s: no such file", args[0])
			}
			if _, err := schemas.Load(args[0]); err != nil {
				return usageErr("%w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok\n", args[0])
			return nil
		},
	}
	var cypherSchema string
	cypher := &cobra.Command{
		Use:     "cypher",
		Short:   "Print the Neo4j constraints and indexes the schema needs",
		Example: `  kg schema cypher | cypher-shell -u neo4j`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadSchema(cypherSchema)
			if err != nil {
				return err
			}
			for _, q := range neo4j.SchemaStatements(s) {
				fmt.Fprintln(cmd.OutOrStdout(), q+";")
			}
			return nil
		},
	}
	cypher.Flags().StringVar(&cypherSchema, "schema", "", "schema YAML file (default: the built-in news schema)")
	c.AddCommand(show, check, cypher)
	return c
}
