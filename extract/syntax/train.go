package syntax

import (
	"fmt"
	"slices"
)

// TrainOptions are the settings of Train.
type TrainOptions struct {
	TaggerEpochs int
	ParserEpochs int
	// Folds: the parser learns from tags predicted by taggers trained on the
	// other folds (jackknifing), as it will see them in use. 1: gold tags.
	Folds int
	// Explore is the probability that the parser, in training, follows its
	// own wrong transition rather than the oracle's.
	Explore float64
	// TaggerPrune and ParserPrune: a feature is kept in the model when one
	// of its weights reaches this magnitude (0 keeps them all).
	TaggerPrune, ParserPrune float64
	Seed                     uint64
	TrainedOn                []string
	Log                      func(format string, a ...any)
}

// Train learns a tagger and parser from treebank sentences. The same
// sentences and options give the same model, byte for byte.
func Train(sents []Sentence, clusters Clusters, o TrainOptions) (*Model, error) {
	if len(sents) == 0 {
		return nil, fmt.Errorf("no sentences to train on")
	}
	if o.TaggerEpochs <= 0 || o.ParserEpochs <= 0 || o.Folds <= 0 {
		return nil, fmt.Errorf("epochs and folds must be positive")
	}
	xset, uset, lset := map[string]bool{}, map[string]bool{}, map[string]bool{}
	words := 0
	for _, s := range sents {
		for _, w := range s.Words {
			xset[w.XPOS], uset[w.UPOS] = true, true
			if w.Rel != "root" {
				lset[w.Rel] = true
			}
			words++
		}
	}
	xpos, xi := classIndex(xset)
	upos, ui := classIndex(uset)
	others, _ := classIndex(lset)
	labels := append([]string{"root"}, others...)
	if len(xpos) > 256 || len(upos) > 256 || len(labels) > 256 {
		return nil, fmt.Errorf("too many tags or labels (at most 256 each)")
	}
	li := make(map[string]int, len(labels))
	for i, l := range labels {
		li[l] = i
	}
	tdata := make([]taggedSentence, len(sents))
	for k, s := range sents {
		t := taggedSentence{}
		for _, w := range s.Words {
			t.lx = append(t.lx, newLex(w.Form, clusters))
			t.xp = append(t.xp, xi[w.XPOS])
			t.up = append(t.up, ui[w.UPOS])
		}
		tdata[k] = t
	}
	logf := o.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	// Jackknifed tags for the parser's training data.
	predicted := make([][]int, len(sents))
	upredicted := make([][]int, len(sents))
	if o.Folds == 1 {
		for k := range tdata {
			predicted[k], upredicted[k] = tdata[k].xp, tdata[k].up
		}
	} else {
		for f := 0; f < o.Folds; f++ {
			var train []taggedSentence
			for k := range tdata {
				if k%o.Folds != f {
					train = append(train, tdata[k])
				}
			}
			t := trainTagger(train, xpos, upos, o.TaggerEpochs, o.TaggerPrune, o.Seed+uint64(f)+1, nil)
			for k := range tdata {
				if k%o.Folds == f {
					xp := make([]int, len(tdata[k].lx))
					up := make([]int, len(xp))
					t.tag(tdata[k].lx, xp, up, nil, nil)
					predicted[k], upredicted[k] = xp, up
				}
			}
			logf("jackknife fold %d of %d tagged", f+1, o.Folds)
		}
	}
	tg := trainTagger(tdata, xpos, upos, o.TaggerEpochs, o.TaggerPrune, o.Seed, logf)
	pdata := make([]parsedSentence, len(sents))
	for k, s := range sents {
		n := len(s.Words)
		p := parsedSentence{lx: tdata[k].lx, tags: make([]uint64, n+1), utags: make([]uint64, n+1), head: make([]int, n+1), label: make([]int, n+1)}
		p.tags[0], p.utags[0], p.head[0], p.label[0] = 1, 1, -1, -1
		for i, w := range s.Words {
			p.tags[i+1] = uint64(predicted[k][i]) + 2
			p.utags[i+1] = uint64(upredicted[k][i]) + 2
			p.head[i+1] = w.Head
			p.label[i+1] = li[w.Rel]
		}
		pdata[k] = p
	}
	ps := trainParser(pdata, labels, o.ParserEpochs, o.Explore, o.ParserPrune, o.Seed, logf)
	m := &Model{clusters: clusters, tagger: tg, parser: ps}
	m.Meta = Meta{
		Kind: "tagger and parser", TrainedOn: slices.Clone(o.TrainedOn), Sentences: len(sents), Words: words,
		Epochs: o.TaggerEpochs, PEpochs: o.ParserEpochs, Folds: o.Folds, Seed: o.Seed,
		XPOS: xpos, UPOS: upos, Labels: labels,
		Rows: [4]int{tg.xm.rows(), tg.um.rows(), ps.am.rows(), ps.lm.rows()}, Known: len(tg.known),
	}
	return m, nil
}
