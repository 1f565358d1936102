package main

import (
	"encoding/json"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/extract/syntax"
	"github.com/spf13/cobra"
)

// runEvalSyntax scores kg's tagger and parser, and prose's tagger, on a
// CoNLL-U treebank's words (gold tokenization).
func runEvalSyntax(cmd *cobra.Command, x *extract.Extractor, path string, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return usageErr("--gold %s: %v", path, err)
	}
	gold, err := syntax.ReadCoNLLU(f, path)
	f.Close()
	if err != nil {
		return usageErr("%w", err)
	}
	m := x.Syntax()
	var s syntax.Scores
	prose := 0
	forms := make([]string, 0, 64)
	for _, g := range gold {
		forms = forms[:0]
		for _, w := range g.Words {
			forms = append(forms, w.Form)
		}
		s.Add(g, m.Analyze(forms))
		for i, t := range x.ProseTags(forms) {
			if t == g.Words[i].XPOS {
				prose++
			}
		}
	}
	out := cmd.OutOrStdout()
	r := func(k int) float64 { return round4(s.Rate(k)) }
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"sentences": s.Sentences, "words": s.Words,
			"xpos": r(s.XPOS), "upos": r(s.UPOS), "uas": r(s.UAS), "las": r(s.LAS),
			"las_universal": r(s.LASUniversal), "prose_xpos": r(prose)})
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%d sentences, %d words (gold tokenization)\n", s.Sentences, s.Words)
	fmt.Fprintf(tw, "XPOS\t%.4f\tprose's tagger: %.4f\n", r(s.XPOS), r(prose))
	fmt.Fprintf(tw, "UPOS\t%.4f\t\n", r(s.UPOS))
	fmt.Fprintf(tw, "UAS\t%.4f\t\n", r(s.UAS))
	fmt.Fprintf(tw, "LAS\t%.4f\t(relations with subtypes; without: %.4f)\n", r(s.LAS), r(s.LASUniversal))
	return tw.Flush()
}

func round4(v float64) float64 { return float64(int64(v*10000+0.5)) / 10000 }
