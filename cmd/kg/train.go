package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/kg/kg/extract"
	"github.com/spf13/cobra"
)

type trainOptions struct {
	conll04, iob2 []string
	re3d          []string
	redocred      []string
	gum           []string
	redocredPart  string
	docRelations  []string
	repeat        int
	epochs, runs  int
	relEpochs     int
	seed          uint64
	out, schema   string
	cv            int
	syntax        syntaxTrainOptions
}

func newTrainCmd() *cobra.Command {
	o := &trainOptions{}
	c := &cobra.Command{
		Use:   "train [flags]",
		Short: "Train the entity recognizer and relation classifier from annotated data",
		Long: `Train learns kg's models from annotated sentences, in Go, on the CPU, and
writes them to a folder: ner.model, the entity recognizer (from every file),
and rel.model, the relation classifier (from the files that annotate
relations, such as CoNLL04), its probabilities calibrated on out-of-fold
predictions. The same command on the same data writes the same bytes.

The schema's benchmarks section maps each corpus's labels onto the schema's
entity types (conll04 for CoNLL04 JSON, uner for IOB2 files): bring your own
schema with such a mapping and your own annotated data to train models for
it, then use them with kg extract --model DIR.

With --cv K, train writes no models: it estimates how well they would do on
sentences they have not seen. The CoNLL04 sentences are dealt into K folds;
for each, both models are trained on the other folds (and on every IOB2
file) and score that fold as kg eval would. The summed table goes to
standard output, progress to standard error.

The built-in models are trained with scripts/train.`,
		Example: `  kg train --conll04 ../shared/data/conll04/conll04_train.json \
    --iob2 ../shared/data/ewt/en_ewt-ud-dev.iob2 --iob2 ../shared/data/ewt/en_ewt-ud-test.iob2 \
    --out my-models
  kg extract --model my-models article.txt
  kg train --cv 5 --conll04 my-train.json     # how well would they do? no models written`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTrain(cmd, o) },
	}
	f := c.Flags()
	f.StringArrayVar(&o.conll04, "conll04", nil, "CoNLL04 JSON training file (repeatable)")
	f.StringArrayVar(&o.iob2, "iob2", nil, "IOB2 training file, labels mapped by the schema's uner benchmark (repeatable)")
	f.StringArrayVar(&o.re3d, "re3d", nil, "re3d source folder, for the entity recognizer (repeatable; never its UK_Government development part)")
	f.StringArrayVar(&o.gum, "gum", nil, "GUM folder of .conllu files, its named mentions for the entity recognizer (repeatable; the documents kg holds out for scoring are left out: six news documents and every fourth)")
	f.StringArrayVar(&o.redocred, "redocred", nil, "DocRED / Re-DocRED JSON file, for the entity recognizer (repeatable)")
	f.StringVar(&o.redocredPart, "redocred-part", "train", "the part of the --redocred files to train on: train (all but the last 100 documents, kg's development part) or all")
	f.StringSliceVar(&o.docRelations, "doc-relations", []string{"re3d", "redocred"}, "which whole-document formats also train the relation classifier (the others train the recognizer only)")
	f.IntVar(&o.repeat, "conll04-repeat", 3, "times each CoNLL04 sentence counts per epoch")
	f.IntVar(&o.epochs, "epochs", 12, "passes over the data")
	f.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	f.IntVar(&o.runs, "runs", 3, "entity and relation models trained on different shuffles and averaged")
	f.IntVar(&o.relEpochs, "relation-epochs", 10, "passes over the data for the relation classifier")
	f.StringVarP(&o.out, "out", "o", "", "folder to write the models to (required, unless --cv)")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.IntVar(&o.cv, "cv", 0, "instead of writing models, estimate their accuracy by `K`-fold cross-validation on the CoNLL04 files (the IOB2 files stay in every fold's training data)")
	addSyntaxTrainFlags(f, &o.syntax)
	return c
}

func runTrain(cmd *cobra.Command, o *trainOptions) error {
	if len(o.syntax.conllu) > 0 {
		return runTrainSyntax(cmd, &o.syntax, o.out, o.seed)
	}
	if o.cv != 0 && o.cv < 2 {
		return usageErr("--cv needs at least 2 folds")
	}
	if o.cv != 0 && o.out != "" {
		return usageErr("--cv writes no models; leave out --out")
	}
	if o.cv != 0 && len(o.conll04) == 0 {
		return usageErr("--cv scores the --conll04 files; give at least one")
	}
	if o.out == "" && o.cv == 0 {
		return usageErr("train needs --out DIR, the folder for the model files")
	}
	if len(o.conll04)+len(o.iob2)+len(o.re3d)+len(o.redocred)+len(o.gum) == 0 {
		return usageErr("train needs data: --conll04 FILE, --iob2 FILE, --gum DIR, --re3d DIR or --redocred FILE")
	}
	if o.redocredPart != "train" && o.redocredPart != "all" {
		return usageErr("--redocred-part must be train or all, not %q (dev is kept for kg eval)", o.redocredPart)
	}
	if o.epochs <= 0 || o.repeat <= 0 || o.runs <= 0 {
		return usageErr("--epochs, --runs and --conll04-repeat must be positive")
	}
	s, err := loadSchema(o.schema)
	if err != nil {
		return err
	}
	// The folder first: an unwritable one should not cost a training run.
	if o.out != "" {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("--out: %w", err)}
		}
	}
	x, err := extract.NewWith(s, extract.Options{NoModels: true})
	if err != nil {
		return usageErr("%w", err)
	}
	var sets []extract.TrainSet
	add := func(paths []string, format, bench string, repeat int) error {
		for _, p := range paths {
			if _, err := os.Stat(p); err != nil {
				return usageErr("--%s %s: no such file", format, p)
			}
			corpus, err := extract.ReadCorpus(p, format)
			if err != nil {
				return usageErr("%w", err)
			}
			sets = append(sets, extract.TrainSet{Name: filepath.Base(p), Benchmark: bench, Sentences: corpus, Repeat: repeat})
		}
		return nil
	}
	if err := add(o.conll04, extract.FormatCoNLL04, "conll04", o.repeat); err != nil {
		return err
	}
	if err := add(o.iob2, extract.FormatIOB2, "uner", 1); err != nil {
		return err
	}
	for _, p := range o.gum {
		corpus, err := extract.ReadGumTraining(p)
		if err != nil {
			return usageErr("%w", err)
		}
		sets = append(sets, extract.TrainSet{Name: filepath.Base(p), Benchmark: extract.FormatGUM, Sentences: corpus, Repeat: 1})
	}
	// Whole documents: names for the entity recognizer, and for the relation
	// classifier every pair of names that shares a sentence, related or not
	// (their labels teach the classes the other data names; see
	// extract.TrainSet.FitClasses).
	addDocs := func(paths []string, format, part string) error {
		for _, p := range paths {
			if _, err := os.Stat(p); err != nil {
				return usageErr("--%s %s: no such file or folder", format, p)
			}
			docs, err := extract.ReadDocs(p, format, part)
			if err != nil {
				return usageErr("%w", err)
			}
			items := x.TrainingDocs(docs, format)
			if !slices.Contains(o.docRelations, format) {
				for i := range items {
					items[i].Relations = nil
				}
			}
			sets = append(sets, extract.TrainSet{Name: filepath.Base(p), Benchmark: format, Sentences: items, Repeat: 1, FitClasses: true})
		}
		return nil
	}
	if err := addDocs(o.re3d, extract.FormatRe3d, ""); err != nil {
		return err
	}
	if err := addDocs(o.redocred, extract.FormatReDocRED, o.redocredPart); err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "kg: "+format+" (%s)\n", append(a, time.Since(start).Round(time.Second))...)
	}
	nerOpt := extract.TrainOptions{Epochs: o.epochs, Seed: o.seed, Runs: o.runs, Log: logf}
	relOpt := extract.TrainOptions{Epochs: o.relEpochs, Seed: o.seed, Runs: o.runs, Log: logf}
	if o.cv > 0 {
		rep, err := x.CrossValidate(sets, "conll04", o.cv, nerOpt, relOpt)
		if err != nil {
			return usageErr("%w", err)
		}
		return rep.WriteTable(cmd.OutOrStdout())
	}
	ner, err := x.TrainNER(sets, nerOpt)
	if err != nil {
		return usageErr("%w", err)
	}
	var buf bytes.Buffer
	if err := ner.Write(&buf); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	path := filepath.Join(o.out, "ner.model")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	fmt.Fprintf(stderr, "kg: wrote %s (%d features, %d KB)\n", path, ner.Meta.Features, buf.Len()/1024)
	// Relations: from the sets that annotate them.
	var relSets []extract.TrainSet
	for _, set := range sets {
		for _, a := range set.Sentences {
			if len(a.Relations) > 0 {
				relSets = append(relSets, set)
				break
			}
		}
	}
	if len(relSets) == 0 {
		fmt.Fprintln(stderr, "kg: no relations in the data: no relation model written")
		return nil
	}
	rel, err := x.TrainRelations(relSets, relOpt)
	if err != nil {
		return usageErr("%w", err)
	}
	buf.Reset()
	if err := rel.Write(&buf); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	path = filepath.Join(o.out, "rel.model")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	fmt.Fprintf(stderr, "kg: wrote %s (%d features, %d KB)\n", path, rel.Meta.Features, buf.Len()/1024)
	return nil
}
