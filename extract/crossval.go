package extract

import "fmt"

// CrossValidate estimates how well models trained on sets score on sentences
// they have not seen, with less noise than a small held-out split: the
// sentences of the sets of benchmark bench are dealt into k folds by
// position (every k-th sentence: CoNLL04's files are shuffled), and for each fold both models are trained on the other folds
// (and on every set of another benchmark, whole) and score that fold as
// Evaluate does. The report sums the folds' counts. Relations are trained
// from the sets that annotate any, as kg train does.
func (x *Extractor) CrossValidate(sets []TrainSet, bench string, k int, nerOpt, relOpt TrainOptions) (*Report, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, not %d", k)
	}
	n := 0
	for _, set := range sets {
		if set.Benchmark == bench {
			n += len(set.Sentences)
		}
	}
	if n < k {
		return nil, fmt.Errorf("%d-fold cross-validation needs at least %d %s sentences to hold out; the data has %d", k, k, bench, n)
	}
	total := &Report{Benchmark: fmt.Sprintf("%s, %d-fold cross-validation", bench, k), Entities: map[string]*Score{}, Relations: map[string]*Score{}}
	for f := 0; f < k; f++ {
		var train []TrainSet
		var held []Annotated
		for _, set := range sets {
			if set.Benchmark != bench {
				train = append(train, set)
				continue
			}
			in := set
			in.Sentences = nil
			for i, a := range set.Sentences {
				if i%k == f {
					held = append(held, a)
				} else {
					in.Sentences = append(in.Sentences, a)
				}
			}
			train = append(train, in)
		}
		fold := func(o TrainOptions) TrainOptions {
			if o.Log != nil {
				log := o.Log
				o.Log = func(format string, a ...any) {
					log("fold %d/%d, "+format, append([]any{f + 1, k}, a...)...)
				}
			}
			return o
		}
		ner, err := x.TrainNER(train, fold(nerOpt))
		if err != nil {
			return nil, err
		}
		y := *x
		y.ner, y.rel = ner, nil
		if rs := withRelations(train); len(rs) > 0 {
			if y.rel, err = x.TrainRelations(rs, fold(relOpt)); err != nil {
				return nil, err
			}
		}
		rep, err := y.Evaluate(held, bench)
		if err != nil {
			return nil, err
		}
		total.Sentences += rep.Sentences
		total.Errors = append(total.Errors, rep.Errors...)
		for _, m := range []struct{ from, to map[string]*Score }{{rep.Entities, total.Entities}, {rep.Relations, total.Relations}} {
			for label, s := range m.from {
				if m.to[label] == nil {
					m.to[label] = &Score{}
				}
				m.to[label].add(*s)
			}
		}
		total.Entity.add(rep.Entity)
		total.Relation.add(rep.Relation)
	}
	return total, nil
}

// withRelations returns the sets that annotate any relation.
func withRelations(sets []TrainSet) []TrainSet {
	var out []TrainSet
	for _, set := range sets {
		for _, a := range set.Sentences {
			if len(a.Relations) > 0 {
				out = append(out, set)
				break
			}
		}
	}
	return out
}
