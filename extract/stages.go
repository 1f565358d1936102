package extract

import (
	"time"
)

// stage is one step of the pipeline over the shared analysis.
type stage struct {
	name string
	run  func(x *Extractor, a *analysis)
}

// stages is the pipeline, in order: extraction runs them all, training's
// analysis of a sentence runs them up to "mentions" (throughStage).
var stages = []stage{
	{"tokenize", func(x *Extractor, a *analysis) {
		a.toks = x.lang.tokenize(a.doc.Text)
		if !a.gold {
			a.toks = x.splitNamePairs(splitGlued(a.toks))
		}
		a.low = lowered(a.toks)
	}},
	{"segment", func(x *Extractor, a *analysis) { a.sents = x.lang.segment(a.doc.Text, a.toks) }},
	// kg's tagger and parser; its Penn tags are the Tag every later stage reads.
	{"syntax", func(x *Extractor, a *analysis) {
		x.parse(a.toks, a.sents)
		for i := range a.toks {
			a.toks[i].Tag = a.toks[i].XPOS
		}
	}},
	{"mentions", func(x *Extractor, a *analysis) {
		for _, s := range a.sents {
			a.mentions = x.findMentions(a.toks, s, a.mentions)
		}
	}},
	{"recognize", func(x *Extractor, a *analysis) {
		if x.ner != nil {
			a.mentions = x.recognize(a)
		}
		x.markHeadlines(a)
		a.mentions = x.headlineNames(a)
	}},
	{"resolve", func(x *Extractor, a *analysis) { x.annotate(a) }},
	{"relations", func(x *Extractor, a *analysis) { a.relations = x.relations(a) }},
}

// StageNames lists the pipeline's stages in order.
func StageNames() []string {
	names := make([]string, len(stages))
	for i, s := range stages {
		names[i] = s.name
	}
	return names
}

// runStages runs the stages through the one named last ("" for all),
// adding each one's time to profile when it is not nil.
func (x *Extractor) runStages(a *analysis, last string, profile []time.Duration) {
	for i, s := range stages {
		if profile != nil {
			start := time.Now()
			s.run(x, a)
			profile[i] += time.Since(start)
		} else {
			s.run(x, a)
		}
		if s.name == last {
			return
		}
	}
}

// Profile runs the pipeline on doc like Extract and adds each stage's time
// to profile (indexed as StageNames; len(StageNames()) long).
func (x *Extractor) Profile(doc *Document, profile []time.Duration) *Extraction {
	a := &analysis{doc: doc}
	x.runStages(a, "", profile)
	return x.output(a, a.relations)
}
