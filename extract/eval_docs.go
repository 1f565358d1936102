package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kg/kg/schemas"
)

// docLabels is a benchmark's mapping read for document-level scoring: which
// labels an entity type may stand for, and which labels a relation type.
type docLabels struct {
	s          *schemas.Schema
	b          schemas.Benchmark
	entity     map[string][]string // schema type -> compatible entity labels, sorted
	relation   map[string][]string // relation type -> labels listing it, sorted
	undirected map[string]bool
	inverse    map[string]bool
}

func newDocLabels(s *schemas.Schema, benchmark string) (*docLabels, error) {
	if _, err := newLabelMap(s, benchmark); err != nil {
		return nil, err // the same message for a missing mapping
	}
	b := s.Benchmarks[benchmark]
	d := &docLabels{s: s, b: b, entity: map[string][]string{}, relation: map[string][]string{},
		undirected: map[string]bool{}, inverse: map[string]bool{}}
	// A type stands for every label that lists it or one of its ancestors:
	// a Country is a Location, and so a GPE or a LOC of WikiEvents.
	for _, t := range s.EntityTypes {
		for _, label := range sortedLabels(b.Entities) {
			for _, anc := range s.Labels(t.Name) {
				if slices.Contains(b.Entities[label], anc) && !slices.Contains(d.entity[t.Name], label) {
					d.entity[t.Name] = append(d.entity[t.Name], label)
				}
			}
		}
	}
	for _, label := range sortedLabels(b.Relations) {
		for _, r := range b.Relations[label] {
			if !slices.Contains(d.relation[r], label) {
				d.relation[r] = append(d.relation[r], label)
			}
		}
	}
	for _, l := range b.Undirected {
		d.undirected[l] = true
	}
	for _, l := range b.Inverse {
		d.inverse[l] = true
	}
	return d, nil
}

type cpSpan struct{ start, end int }

func (a cpSpan) overlaps(b cpSpan) bool { return a.start < b.end && b.start < a.end }

func overlapsAny(spans []cpSpan, d *GoldDoc, mentions []int) bool {
	for _, s := range spans {
		for _, m := range mentions {
			if s.overlaps(cpSpan{d.Mentions[m].Start, d.Mentions[m].End}) {
				return true
			}
		}
	}
	return false
}

// EvaluateDocs runs the extractor on whole annotated documents, as kg
// extract would on each, and scores them as a graph uses them.
//
// Entities: a gold mention that is a name counts for recall, and is found
// when a kg mention of a compatible type overlaps it; a kg mention of a type
// the benchmark maps is right when it overlaps a gold mention of a
// compatible label, named or not. A demonym ("Syrian" for Syria) counts
// where the gold marks such words as mentions of the place (WikiEvents' GPE)
// and is no error where it does not (Re-DocRED calls "French" MISC).
//
// Relations: a kg relation is right when its type maps to a gold relation's
// label and its two arguments overlap the gold's two arguments, in either
// order for undirected labels. An argument is the argument's words in the
// evidence sentence (as kg extract shows it) and, where the corpus groups
// mentions into entities (Re-DocRED, WikiEvents), every mention of the kg
// entity, matched against every mention of the gold entity. A gold relation
// counts for recall only when both its arguments are names (re3d annotates
// "we" and "the rebels" too), but a kg relation that matches one is right.
// A kg relation is counted once per label and pair of arguments.
func (x *Extractor) EvaluateDocs(docs []GoldDoc, benchmark string) (*Report, error) {
	dl, err := newDocLabels(x.schema, benchmark)
	if err != nil {
		return nil, err
	}
	rep := &Report{Benchmark: benchmark, Documents: len(docs), Entities: map[string]*Score{}, Relations: map[string]*Score{}}
	for i := range docs {
		d := &docs[i]
		dl.score(d, x.Extract(&Document{ID: d.ID, Path: d.ID, Title: d.ID, Text: d.Text}).ForGraph(), rep)
	}
	rep.sumMicro()
	return rep, nil
}

// score adds one document's extraction to rep's per-label scores and
// errors (the micro scores are summed by the caller).
func (dl *docLabels) score(d *GoldDoc, ex *Extraction, rep *Report) {
	runes := []rune(d.Text)
	span := func(s, e int) string {
		s, e = min(max(s, 0), len(runes)), min(max(e, 0), len(runes))
		return string(runes[s:e])
	}
	sentence := func(s, e int) string { return sentenceAround(runes, s, e) }
	score := func(m map[string]*Score, label string) *Score {
		if m[label] == nil {
			m[label] = &Score{}
		}
		return m[label]
	}
	dl.scoreEntities(d, ex, rep, score, span, sentence)
	dl.scoreRelations(d, ex, rep, score, span, sentence)
}

func (dl *docLabels) scoreEntities(d *GoldDoc, ex *Extraction, rep *Report,
	score func(map[string]*Score, string) *Score, span func(int, int) string, sentence func(int, int) string) {
	type pred struct {
		s       cpSpan
		labels  []string
		demonym bool
	}
	var preds []pred
	// One prediction per span: a span read two ways (a demonym and the
	// people it names) is right when either reading is.
	at := map[cpSpan]int{}
	for _, e := range ex.Entities {
		labels := dl.entity[e.Type]
		if len(labels) == 0 {
			continue
		}
		// A demonym stands for a place, so only for the labels whose main
		// type its type is a kind of: re3d's Organisation also takes a
		// Country ("The UK has worked"), but "Syrian" in "the Syrian regime"
		// is not an organisation's name.
		var placeLabels []string
		for _, l := range labels {
			if dl.s.IsA(e.Type, dl.b.Entities[l][0]) {
				placeLabels = append(placeLabels, l)
			}
		}
		for _, m := range e.Mentions {
			labels := labels
			if m.Demonym {
				if labels = placeLabels; len(labels) == 0 {
					continue
				}
			}
			s := cpSpan{m.Start, m.End}
			i, ok := at[s]
			if !ok {
				at[s] = len(preds)
				preds = append(preds, pred{s, slices.Clone(labels), m.Demonym})
				continue
			}
			for _, l := range labels {
				if !slices.Contains(preds[i].labels, l) {
					preds[i].labels = append(preds[i].labels, l)
				}
			}
			preds[i].demonym = preds[i].demonym && m.Demonym
		}
	}
	sort.Slice(preds, func(i, j int) bool { return preds[i].s.start < preds[j].s.start })
	for _, p := range preds {
		label := ""
		for _, g := range d.Mentions {
			if slices.Contains(p.labels, g.Label) && p.s.overlaps(cpSpan{g.Start, g.End}) {
				label = g.Label
				break
			}
		}
		if label != "" {
			score(rep.Entities, label).TP++
			continue
		}
		if p.demonym {
			continue // a reference by nationality, scored where the gold marks one
		}
		score(rep.Entities, p.labels[0]).FP++
		rep.Errors = append(rep.Errors, EvalError{"entity", "FP", p.labels[0], fmt.Sprintf("%s(%s)", span(p.s.start, p.s.end), strings.Join(p.labels, "|")), d.ID, sentence(p.s.start, p.s.end)})
	}
	for _, g := range d.Mentions {
		if !g.Named || len(dl.b.Entities[g.Label]) == 0 {
			continue
		}
		found := false
		for _, p := range preds {
			if slices.Contains(p.labels, g.Label) && p.s.overlaps(cpSpan{g.Start, g.End}) {
				found = true
				break
			}
		}
		if found {
			score(rep.Entities, g.Label).Found++
		} else {
			score(rep.Entities, g.Label).FN++
			rep.Errors = append(rep.Errors, EvalError{"entity", "FN", g.Label, fmt.Sprintf("%s(%s)", span(g.Start, g.End), g.Label), d.ID, sentence(g.Start, g.End)})
		}
	}
}

func (dl *docLabels) scoreRelations(d *GoldDoc, ex *Extraction, rep *Report,
	score func(map[string]*Score, string) *Score, span func(int, int) string, sentence func(int, int) string) {
	clustered := false
	for _, m := range d.Mentions {
		clustered = clustered || m.Entity >= 0
	}
	mentionsOf := map[string][]cpSpan{}
	if clustered {
		for _, e := range ex.Entities {
			for _, m := range e.Mentions {
				mentionsOf[e.ID] = append(mentionsOf[e.ID], cpSpan{m.Start, m.End})
			}
		}
	}
	named := func(ms []int) bool {
		for _, m := range ms {
			if d.Mentions[m].Named {
				return true
			}
		}
		return false
	}
	found := make([]bool, len(d.Facts))
	type key struct {
		label      string
		subj, obj  string
		start, end int
	}
	counted := map[key]bool{}
	for _, r := range ex.Relations {
		labels := dl.relation[r.Type]
		if len(labels) == 0 {
			continue
		}
		subj := append([]cpSpan{{r.Subject.Start, r.Subject.End}}, mentionsOf[r.Subject.ID]...)
		obj := append([]cpSpan{{r.Object.Start, r.Object.End}}, mentionsOf[r.Object.ID]...)
		match := ""
		for fi, f := range d.Facts {
			if !slices.Contains(labels, f.Label) {
				continue
			}
			head, tail := f.Head, f.Tail
			if dl.inverse[f.Label] {
				head, tail = tail, head
			}
			if overlapsAny(subj, d, head) && overlapsAny(obj, d, tail) ||
				dl.undirected[f.Label] && overlapsAny(subj, d, tail) && overlapsAny(obj, d, head) {
				found[fi] = true
				if match == "" {
					match = f.Label
				}
			}
		}
		label := match
		if label == "" {
			label = labels[0]
		}
		// One prediction per label and pair of arguments: the same fact in
		// two words, or a rule's and the model's, is one guess.
		k := key{label: label, subj: r.Subject.ID, obj: r.Object.ID}
		if !clustered {
			k.subj = fmt.Sprintf("%d-%d", r.Subject.Start, r.Subject.End)
			k.obj = fmt.Sprintf("%d-%d", r.Object.Start, r.Object.End)
		}
		if dl.undirected[label] && k.obj < k.subj {
			k.subj, k.obj = k.obj, k.subj
		}
		if counted[k] {
			continue
		}
		counted[k] = true
		item := fmt.Sprintf("%s %s %s [%s]", r.Subject.Text, r.Type, r.Object.Text, r.Rule)
		if match != "" {
			score(rep.Relations, label).TP++
		} else {
			score(rep.Relations, label).FP++
			rep.Errors = append(rep.Errors, EvalError{"relation", "FP", label, item, d.ID, r.Evidence.Text})
		}
	}
	for fi, f := range d.Facts {
		if len(dl.b.Relations[f.Label]) == 0 || !named(f.Head) || !named(f.Tail) {
			continue
		}
		if found[fi] {
			score(rep.Relations, f.Label).Found++
			continue
		}
		score(rep.Relations, f.Label).FN++
		h, t := d.Mentions[f.Head[0]], d.Mentions[f.Tail[0]]
		rep.Errors = append(rep.Errors, EvalError{"relation", "FN", f.Label,
			fmt.Sprintf("%s %s %s", span(h.Start, h.End), f.Label, span(t.Start, t.End)), d.ID, sentence(h.Start, h.End)})
	}
}

// sentenceAround returns the line of text around [start, end), cut at the
// nearest sentence end on either side, for error lists.
func sentenceAround(runes []rune, start, end int) string {
	start, end = min(max(start, 0), len(runes)), min(max(end, 0), len(runes))
	s := start
	for s > 0 && runes[s-1] != '\n' && !(s > 1 && strings.ContainsRune(".!?", runes[s-2]) && runes[s-1] == ' ') {
		s--
	}
	e := end
	for e < len(runes) && runes[e] != '\n' && !(strings.ContainsRune(".!?", runes[e]) && (e+1 == len(runes) || runes[e+1] == ' ' || runes[e+1] == '\n')) {
		e++
	}
	if e < len(runes) && runes[e] != '\n' {
		e++
	}
	return strings.TrimSpace(string(runes[s:e]))
}
