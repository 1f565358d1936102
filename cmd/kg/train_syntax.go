package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kg/kg/extract/syntax"
	"github.com/kg/kg/schemas"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// syntaxTrainOptions are kg train's flags for the tagger and parser.
type syntaxTrainOptions struct {
	conllu               []string
	taggerEpochs, epochs int
	folds                int
	explore              float64
	taggerPrune, prune   float64
}

func addSyntaxTrainFlags(f *pflag.FlagSet, o *syntaxTrainOptions) {
	f.StringArrayVar(&o.conllu, "conllu", nil, "CoNLL-U treebank file: train the tagger and parser (syntax.model) instead (repeatable)")
	f.IntVar(&o.taggerEpochs, "tagger-epochs", 10, "with --conllu: passes over the data for the tagger")
	f.IntVar(&o.epochs, "parser-epochs", 15, "with --conllu: passes over the data for the parser")
	f.IntVar(&o.folds, "tag-folds", 4, "with --conllu: the parser learns from tags of taggers trained on the other folds (1: gold tags)")
	f.Float64Var(&o.explore, "explore", 0.9, "with --conllu: how often the parser in training follows its own mistaken transition")
	f.Float64Var(&o.taggerPrune, "tagger-prune", 1, "with --conllu: keep a tagger feature in the model file when one of its weights reaches this")
	f.Float64Var(&o.prune, "prune", 2, "with --conllu: keep a parser feature in the model file when one of its weights reaches this")
}

// runTrainSyntax trains syntax.model from CoNLL-U treebanks into --out.
func runTrainSyntax(cmd *cobra.Command, o *syntaxTrainOptions, out string, seed uint64) error {
	if out == "" {
		return usageErr("train needs --out DIR, the folder for the model files")
	}
	if o.taggerEpochs <= 0 || o.epochs <= 0 || o.folds <= 0 {
		return usageErr("--tagger-epochs, --parser-epochs and --tag-folds must be positive")
	}
	var sents []syntax.Sentence
	var names []string
	for _, p := range o.conllu {
		f, err := os.Open(p)
		if err != nil {
			return usageErr("--conllu %s: %v", p, err)
		}
		s, err := syntax.ReadCoNLLU(f, p)
		f.Close()
		if err != nil {
			return usageErr("%w", err)
		}
		sents = append(sents, s...)
		names = append(names, filepath.Base(p))
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("--out: %w", err)}
	}
	stderr := cmd.ErrOrStderr()
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "kg: "+format+" (%s)\n", append(a, time.Since(start).Round(time.Second))...)
	}
	m, err := syntax.Train(sents, schemas.WordClusters(), syntax.TrainOptions{
		TaggerEpochs: o.taggerEpochs, ParserEpochs: o.epochs, Folds: o.folds, Explore: o.explore,
		TaggerPrune: o.taggerPrune, ParserPrune: o.prune,
		Seed: seed, TrainedOn: names, Log: logf,
	})
	if err != nil {
		return usageErr("%w", err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	path := filepath.Join(out, "syntax.model")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	fmt.Fprintf(stderr, "kg: wrote %s (%d sentences, %d words; %d KB)\n", path, m.Meta.Sentences, m.Meta.Words, buf.Len()/1024)
	return nil
}
