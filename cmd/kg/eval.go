package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/kg/kg/extract"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	gold, format, benchmark, schema, errors, model, part string
	json                                                 bool
	gazetteers                                           []string
}

func newEvalCmd() *cobra.Command {
	o := &evalOptions{}
	c := &cobra.Command{
		Use:   "eval --gold FILE [flags]",
		Short: "Score extraction against annotated data",
		Long: `Eval runs the normal extraction pipeline on every sentence of an annotated
corpus and prints precision, recall and F1 per entity label and per relation
label, and the micro averages, with strict matching: an entity counts when its
text and label match, a relation when its label and both arguments do.

Formats: conllu (a treebank: kg's tagger and parser, and prose's tagger, are
scored on its words: XPOS, UPOS, UAS, LAS), conll04 (CoNLL04 JSON), iob2 (one token a line, IOB2 tags in the
third column, as Universal NER), gold (kg's own gold YAML, as
examples/articles/gold.yaml: recall of must and should items, never items as
false positives). The schema's benchmarks section maps its types onto the
corpus's labels.

Whole documents, scored as a graph uses them (see the README's "Accuracy on
whole documents"): re3d (a source folder of ../shared/data/re3d), redocred
(DocRED / Re-DocRED JSON; --part dev is the last 100 documents, kg's
development part) and wikievents (WikiEvents JSON lines, with the
coreference file beside them). A relation counts when its type maps to the
gold relation's label and its arguments overlap the gold arguments (or
their entities' mentions); gold relations whose argument is not a name
count only when found.`,
		Example: `  kg eval --format conll04 --gold ../shared/data/conll04/conll04_dev.json
  kg eval --format conll04 --gold dev.json --errors errors.tsv
  kg eval --format iob2 --gold en_ewt-ud-dev.iob2 --json
  kg eval --format gold --gold examples/articles/gold.yaml
  kg eval --format re3d --gold ../shared/data/re3d/UK_Government
  kg eval --format redocred --part dev --gold ../shared/data/redocred/dev_revised.json
  kg eval --format wikievents --gold ../shared/data/wikievents/dev.jsonl --errors errors.tsv
  kg eval --format conllu --gold ../shared/data/ewt/en_ewt-ud-test.conllu`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runEval(cmd, o) },
	}
	f := c.Flags()
	f.StringVar(&o.gold, "gold", "", "annotated file to score against (required)")
	f.StringVar(&o.format, "format", "", "conllu, conll04, iob2, gold, re3d, redocred or wikievents (default: from the file's ending)")
	f.StringVar(&o.part, "part", "", "the part of a redocred file to score: dev (its last 100 documents), train or all")
	f.StringVar(&o.benchmark, "benchmark", "", "the schema's label mapping to use (default: conll04 for conll04, uner for iob2)")
	f.StringVar(&o.errors, "errors", "", "write every false positive and false negative to this file")
	f.BoolVar(&o.json, "json", false, "print the scores as JSON")
	f.StringVar(&o.schema, "schema", "", "schema YAML file (default: the built-in news schema)")
	f.StringVar(&o.model, "model", "", "folder of trained models (default: the built-in ones)")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "your own gazetteer file (repeatable)")
	return c
}

func runEval(cmd *cobra.Command, o *evalOptions) error {
	if o.gold == "" {
		return usageErr("eval needs --gold FILE, e.g. --gold ../shared/data/conll04/conll04_dev.json")
	}
	if _, err := os.Stat(o.gold); err != nil {
		return usageErr("--gold %s: no such file or folder", o.gold)
	}
	format := o.format
	if format == "" {
		format = extract.DetectDocFormat(o.gold)
	}
	if format == "" {
		format = extract.DetectFormat(o.gold)
		if format == "" && (hasSuffix(o.gold, ".yaml") || hasSuffix(o.gold, ".yml")) {
			format = "gold"
		}
	}
	if o.part != "" && format != extract.FormatReDocRED {
		return usageErr("--part applies to --format redocred only")
	}
	x, err := newExtractor(o.schema, o.model, o.gazetteers)
	if err != nil {
		return err
	}
	if format == "conllu" || format == "" && hasSuffix(o.gold, ".conllu") {
		return runEvalSyntax(cmd, x, o.gold, o.json)
	}
	var rep *extract.Report
	switch format {
	case extract.FormatCoNLL04, extract.FormatIOB2:
		bench := o.benchmark
		if bench == "" {
			bench = map[string]string{extract.FormatCoNLL04: "conll04", extract.FormatIOB2: "uner"}[format]
		}
		corpus, err := extract.ReadCorpus(o.gold, format)
		if err != nil {
			return usageErr("%w", err)
		}
		if rep, err = x.Evaluate(corpus, bench); err != nil {
			return usageErr("%w", err)
		}
	case "gold":
		if rep, err = x.EvaluateGold(o.gold); err != nil {
			return usageErr("%w", err)
		}
	case extract.FormatRe3d, extract.FormatReDocRED, extract.FormatWikiEvents:
		bench := o.benchmark
		if bench == "" {
			bench = format
		}
		docs, err := extract.ReadDocs(o.gold, format, o.part)
		if err != nil {
			return usageErr("%w", err)
		}
		if rep, err = x.EvaluateDocs(docs, bench); err != nil {
			return usageErr("%w", err)
		}
	case "":
		return usageErr("cannot tell the format of %s from its name; pass --format conll04, iob2, gold, re3d, redocred or wikievents", o.gold)
	default:
		return usageErr("unknown --format %q: use conll04, iob2, gold, re3d, redocred or wikievents", format)
	}
	out := cmd.OutOrStdout()
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(evalJSON(rep)); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("cannot write output: %w", err)}
		}
	} else if err := rep.WriteTable(out); err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("cannot write output: %w", err)}
	}
	if o.errors != "" {
		f, err := os.Create(o.errors)
		if err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("--errors: %w", err)}
		}
		werr := rep.WriteErrors(f)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("--errors %s: %w", o.errors, werr)}
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "kg: %d errors written to %s\n", len(rep.Errors), o.errors)
	}
	return nil
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// evalJSON adds precision, recall and F1 to each score for --json.
func evalJSON(r *extract.Report) map[string]any {
	one := func(s extract.Score) map[string]any {
		return map[string]any{"tp": s.TP, "fp": s.FP, "fn": s.FN, "found": s.Found, "precision": round3(s.Precision()), "recall": round3(s.Recall()), "f1": round3(s.F1())}
	}
	many := func(m map[string]*extract.Score) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			out[k] = one(*v)
		}
		return out
	}
	return map[string]any{"benchmark": r.Benchmark, "sentences": r.Sentences, "documents": r.Documents,
		"entities": many(r.Entities), "relations": many(r.Relations),
		"entity_micro": one(r.Entity), "relation_micro": one(r.Relation), "errors": len(r.Errors)}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
