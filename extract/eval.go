package extract

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/kg/kg/schemas"
)

// Score counts right predictions (TP), wrong ones (FP), gold items found
// (Found) and gold items missed (FN). Matching one prediction to one gold
// item makes Found equal TP; document-level scoring counts them apart, as
// one prediction may find two gold items ("A fought B" against a gold
// relation each way) and a right prediction may match a gold item that
// recall leaves out (one whose argument is not a name).
type Score struct {
	TP    int `json:"tp"`
	FP    int `json:"fp"`
	FN    int `json:"fn"`
	Found int `json:"found"`
}

// Precision is TP / (TP + FP), 0 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is Found / (Found + FN), 0 when nothing was expected.
func (s Score) Recall() float64 { return ratio(s.Found, s.Found+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// sumMicro sets the micro scores to the sums of the per-label ones.
func (r *Report) sumMicro() {
	for _, s := range r.Entities {
		r.Entity.add(*s)
	}
	for _, s := range r.Relations {
		r.Relation.add(*s)
	}
}

func (s *Score) add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN; s.Found += o.Found }

// EvalError is one false positive or false negative, with its sentence.
type EvalError struct {
	Kind     string `json:"kind"`  // "entity" or "relation"
	Error    string `json:"error"` // "FP" or "FN"
	Label    string `json:"label"`
	Item     string `json:"item"`
	Sentence string `json:"sentence"`
	Text     string `json:"text"`
}

// Report is what kg eval prints: per-label and micro scores for entities and
// relations, and every error.
type Report struct {
	Benchmark string `json:"benchmark"`
	Sentences int    `json:"sentences"`
	// Documents is how many whole documents a document-level score read.
	Documents int               `json:"documents,omitempty"`
	Entities  map[string]*Score `json:"entities"`
	Relations map[string]*Score `json:"relations"`
	Entity    Score             `json:"entity_micro"`
	Relation  Score             `json:"relation_micro"`
	Errors    []EvalError       `json:"-"`
}

// labelMap turns schema types into a benchmark's labels and back.
type labelMap struct {
	s         *schemas.Schema
	entities  map[string]string   // schema type -> label
	relations map[string][]string // relation type -> the labels that list it, sorted
	sigs      map[string][]string // label -> [subject label, object label]
}

// relation is the label a relation of type typ between arguments labelled sl
// and ol is scored as: the first label listing the type whose signature, if
// it has one, the arguments match; "" when there is none.
func (lm *labelMap) relation(typ, sl, ol string) string {
	for _, label := range lm.relations[typ] {
		if sig := lm.sigs[label]; len(sig) == 2 && (sig[0] != sl || sig[1] != ol) {
			continue
		}
		return label
	}
	return ""
}

func newLabelMap(s *schemas.Schema, benchmark string) (*labelMap, error) {
	b, ok := s.Benchmarks[benchmark]
	if !ok {
		var have []string
		for n := range s.Benchmarks {
			have = append(have, n)
		}
		sort.Strings(have)
		return nil, fmt.Errorf("schema %s has no mapping for benchmark %q (it has: %s); add one under benchmarks:", s.Source, benchmark, strings.Join(have, ", "))
	}
	lm := &labelMap{s: s, entities: map[string]string{}, relations: map[string][]string{}, sigs: b.Signatures}
	// A type maps to the label that lists it or its nearest ancestor.
	for _, t := range s.EntityTypes {
		chain := s.Labels(t.Name)
		for i := len(chain) - 1; i >= 0 && lm.entities[t.Name] == ""; i-- {
			for _, label := range sortedLabels(b.Entities) {
				for _, ty := range b.Entities[label] {
					if ty == chain[i] && lm.entities[t.Name] == "" {
						lm.entities[t.Name] = label
					}
				}
			}
		}
	}
	for _, label := range sortedLabels(b.Relations) {
		for _, r := range b.Relations[label] {
			if !slices.Contains(lm.relations[r], label) {
				lm.relations[r] = append(lm.relations[r], label)
			}
		}
	}
	return lm, nil
}

func sortedLabels(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cpToByte maps code point offsets of text to byte offsets.
func cpToByte(text string) []int {
	out := make([]int, 0, len(text)+1)
	for b := range text {
		out = append(out, b)
	}
	return append(out, len(text))
}

type predSpan struct {
	start, end int
	label      string
}

type predRel struct {
	subj, obj predSpan
	label     string
}

// Evaluate runs the extractor on every annotated sentence, as kg extract
// would on a file holding that sentence, and scores its entities and
// relations strictly: an entity counts when its text and label match, a
// relation when its label and both arguments (text and label) match. Labels
// come from the schema's mapping for benchmark.
func (x *Extractor) Evaluate(corpus []Annotated, benchmark string) (*Report, error) {
	lm, err := newLabelMap(x.schema, benchmark)
	if err != nil {
		return nil, err
	}
	rep := &Report{Benchmark: benchmark, Sentences: len(corpus), Entities: map[string]*Score{}, Relations: map[string]*Score{}}
	for _, a := range corpus {
		ex := x.Extract(&Document{ID: a.ID, Path: a.ID, Title: a.ID, Text: a.Text}).ForGraph()
		cp := cpToByte(a.Text)
		// A span is read on the corpus's tokens: one that ends inside a token
		// ("Museum" of "Museum.") covers that token, as the corpus has it.
		snap := snapper(a)
		show := func(s predSpan) string { return fmt.Sprintf("%s(%s)", a.Text[s.start:s.end], s.label) }
		predEnts := map[predSpan]bool{}
		for _, e := range ex.Entities {
			label := lm.entities[e.Type]
			if label == "" {
				continue
			}
			for _, m := range e.Mentions {
				if m.Demonym {
					continue // a reference to the entity, not its name
				}
				predEnts[snap(cp[m.Start], cp[m.End], label)] = true
			}
		}
		goldEnts := map[predSpan]bool{}
		for _, g := range a.Entities {
			goldEnts[predSpan{g.Start, g.End, g.Label}] = true
		}
		tally(rep, "entity", rep.Entities, a, sortedSpans(predEnts), sortedSpans(goldEnts), predEnts, goldEnts,
			func(p predSpan) (string, string) { return p.label, show(p) })
		predRels := map[predRel]bool{}
		for _, r := range ex.Relations {
			sl, ol := lm.entities[r.Subject.Type], lm.entities[r.Object.Type]
			label := lm.relation(r.Type, sl, ol)
			if label == "" || sl == "" || ol == "" {
				continue
			}
			predRels[predRel{snap(cp[r.Subject.Start], cp[r.Subject.End], sl), snap(cp[r.Object.Start], cp[r.Object.End], ol), label}] = true
		}
		goldRels := map[predRel]bool{}
		for _, g := range a.Relations {
			h, t := a.Entities[g.Head], a.Entities[g.Tail]
			goldRels[predRel{predSpan{h.Start, h.End, h.Label}, predSpan{t.Start, t.End, t.Label}, g.Label}] = true
		}
		tally(rep, "relation", rep.Relations, a, sortedRels(predRels), sortedRels(goldRels), predRels, goldRels,
			func(r predRel) (string, string) { return r.label, show(r.subj) + " " + r.label + " " + show(r.obj) })
	}
	rep.sumMicro()
	return rep, nil
}

// snapper widens byte spans to the corpus tokens they touch.
func snapper(a Annotated) func(start, end int, label string) predSpan {
	return func(start, end int, label string) predSpan {
		for _, t := range a.Tokens {
			if t[0] <= start && start < t[1] {
				start = t[0]
			}
			if t[0] < end && end <= t[1] {
				end = t[1]
			}
		}
		return predSpan{start, end, label}
	}
}

// tally counts predictions against gold items into scores by label and lists
// each false positive and false negative; describe gives an item's label and
// how it reads in the error list.
func tally[K comparable](r *Report, kind string, scores map[string]*Score, a Annotated, pred, gold []K,
	isPred, isGold map[K]bool, describe func(K) (string, string)) {
	score := func(label string) *Score {
		if scores[label] == nil {
			scores[label] = &Score{}
		}
		return scores[label]
	}
	for _, p := range pred {
		label, text := describe(p)
		if isGold[p] {
			score(label).TP++
			score(label).Found++
		} else {
			score(label).FP++
			r.Errors = append(r.Errors, EvalError{kind, "FP", label, text, a.ID, a.Text})
		}
	}
	for _, g := range gold {
		if !isPred[g] {
			label, text := describe(g)
			score(label).FN++
			r.Errors = append(r.Errors, EvalError{kind, "FN", label, text, a.ID, a.Text})
		}
	}
}

func sortedSpans(m map[predSpan]bool) []predSpan {
	out := make([]predSpan, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end < b.end
		}
		return a.label < b.label
	})
	return out
}

func sortedRels(m map[predRel]bool) []predRel {
	out := make([]predRel, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.subj != b.subj {
			return a.subj.start < b.subj.start || a.subj.start == b.subj.start && (a.subj.end < b.subj.end || a.subj.end == b.subj.end && a.subj.label < b.subj.label)
		}
		if a.obj != b.obj {
			return a.obj.start < b.obj.start || a.obj.start == b.obj.start && (a.obj.end < b.obj.end || a.obj.end == b.obj.end && a.obj.label < b.obj.label)
		}
		return a.label < b.label
	})
	return out
}

// WriteTable prints a report as a table of precision, recall and F1 per label,
// with the micro averages last.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	if r.Documents > 0 {
		fmt.Fprintf(&b, "%s: %d documents, document-level matching (overlapping mentions)\n\n", r.Benchmark, r.Documents)
	} else {
		fmt.Fprintf(&b, "%s: %d sentences, strict matching\n\n", r.Benchmark, r.Sentences)
	}
	row := func(kind, label string, s Score) {
		if r.Documents > 0 {
			fmt.Fprintf(&b, "%-9s %-16s %6.3f %6.3f %6.3f %6d %6d %6d %6d\n", kind, label, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.Found, s.FN)
			return
		}
		fmt.Fprintf(&b, "%-9s %-13s %6.3f %6.3f %6.3f %6d %6d %6d\n", kind, label, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
	}
	if r.Documents > 0 {
		// Right and wrong predictions, gold items found and missed.
		fmt.Fprintf(&b, "%-9s %-16s %6s %6s %6s %6s %6s %6s %6s\n", "", "label", "P", "R", "F1", "TP", "FP", "found", "FN")
	} else {
		fmt.Fprintf(&b, "%-9s %-13s %6s %6s %6s %6s %6s %6s\n", "", "label", "P", "R", "F1", "TP", "FP", "FN")
	}
	for _, part := range []struct {
		kind   string
		scores map[string]*Score
	}{{"entity", r.Entities}, {"relation", r.Relations}} {
		labels := make([]string, 0, len(part.scores))
		for l := range part.scores {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for _, l := range labels {
			row(part.kind, l, *part.scores[l])
		}
	}
	b.WriteString("\n")
	row("entities", "micro", r.Entity)
	row("relations", "micro", r.Relation)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteErrors lists every false positive and false negative, one a line with
// its sentence, grouped by kind and label.
func (r *Report) WriteErrors(w io.Writer) error {
	errs := append([]EvalError(nil), r.Errors...)
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Error < b.Error
	})
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t[%s] %s\n", e.Kind, e.Label, e.Error, e.Item, e.Sentence, e.Text)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
