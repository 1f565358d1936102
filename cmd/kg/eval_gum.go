package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/resolve"
	"github.com/spf13/cobra"
)

// formatGumIdentity scores cross-document entity resolution on GUM.
const formatGumIdentity = "gum-identity"

func runEvalGum(cmd *cobra.Command, x *extract.Extractor, o *evalOptions) error {
	docs, err := resolve.ReadGum(o.gold)
	if err != nil {
		return usageErr("%v", err)
	}
	if docs, err = resolve.GumPart(docs, o.part); err != nil {
		return usageErr("%v", err)
	}
	sc := resolve.EvaluateGum(x, docs, nil, o.raw)
	score := sc.Score()
	out := cmd.OutOrStdout()
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"benchmark": formatGumIdentity, "documents": sc.Documents, "mentions": sc.Mentions, "found": sc.Found,
			"merged_pairs": sc.Merged, "gold_pairs": sc.Gold, "right_pairs": sc.Both,
			"precision": round3(score.Precision()), "recall": round3(score.Recall()), "f1": round3(score.F1()),
			"shared_identities": sc.Shared, "split": sc.Split, "joined_nodes": sc.Joined, "splits": sc.Splits, "joins": sc.Joins})
	}
	fmt.Fprintf(out, "gum-identity: %d documents, %d named mentions (%d under a kg entity)\n", sc.Documents, sc.Mentions, sc.Found)
	fmt.Fprintf(out, "cross-document merges: precision %.3f  recall %.3f  F1 %.3f  (%d merged pairs, %d gold, %d right)\n",
		score.Precision(), score.Recall(), score.F1(), sc.Merged, sc.Gold, sc.Both)
	fmt.Fprintf(out, "identities named in 2+ documents: %d, split over several nodes: %d; nodes joining 2+ identities: %d\n", sc.Shared, sc.Split, sc.Joined)
	if o.errors != "" {
		return writeLines(o.errors, append(prefixed("split\t", sc.Splits), prefixed("joined\t", sc.Joins)...), cmd)
	}
	return nil
}

func prefixed(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

// writeLines writes the splits and joins for --errors.
func writeLines(path string, lines []string, cmd *cobra.Command) error {
	f, err := os.Create(path)
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("--errors: %w", err)}
	}
	for _, l := range lines {
		fmt.Fprintln(f, l)
	}
	if err := f.Close(); err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("--errors %s: %w", path, err)}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "kg: %d splits and joins written to %s\n", len(lines), path)
	return nil
}
