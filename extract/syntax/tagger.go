package syntax

import (
	"math/rand/v2"
	"slices"
)

// tagger assigns XPOS tags left to right, each word's tag from its own
// features, its neighbours' words and the two tags before it (a greedy
// averaged perceptron, as Collins 2002 and Honnibal's tagger), then UPOS
// tags from the words and all their XPOS tags.
type tagger struct {
	xpos, upos []string
	xm, um     *linear
	// known maps the frequent words that nearly always have one tag (lex.norm)
	// to that tag's index: they are tagged without the model.
	known map[uint64]int
}

// A word is known when it occurs at least knownMinCount times in the
// training data with one tag at least knownMinShare of the time.
const (
	knownMinCount = 20
	knownMinShare = 0.98
)

// knownWords finds the words tagged without the model.
func knownWords(data []taggedSentence, ntags int) map[uint64]int {
	counts := map[uint64][]int{}
	for _, s := range data {
		for i, x := range s.lx {
			c := counts[x.norm]
			if c == nil {
				c = make([]int, ntags)
				counts[x.norm] = c
			}
			c[s.xp[i]]++
		}
	}
	known := map[uint64]int{}
	for w, c := range counts {
		total, best := 0, 0
		for t, n := range c {
			total += n
			if n > c[best] {
				best = t
			}
		}
		if total >= knownMinCount && float64(c[best]) >= knownMinShare*float64(total) {
			known[w] = best
		}
	}
	return known
}

const (
	tBias = iota + 1
	tWord
	tSuffix
	tPrefix
	tShape
	tFlags
	tPrev1
	tPrev2
	tPrev12
	tPrev1Word
	tWordM1
	tWordM2
	tWordP1
	tWordP2
	tSufM1
	tSufP1
	tWordWordP1
	tWordM1Word
	tCluster
	tClusterM1
	tClusterP1
	tShapeP1
	tFirstShape
	tPrev1WordP1
	tClusterP2
	tWordM1P1
	tPrev1Suffix
	tWordClusterP1
)

// tagFeats appends the XPOS features of word i, given the tags before it
// (p1, p2: tag index + 2; 1 is the sentence start).
func tagFeats(buf []uint64, lx []lex, i int, p1, p2 uint64) []uint64 {
	w := &lx[i]
	word := func(k int) uint64 {
		if k < 0 {
			return hashStart
		}
		if k >= len(lx) {
			return hashEnd
		}
		return lx[k].norm
	}
	suf3 := func(k int) uint64 {
		if k < 0 || k >= len(lx) {
			return word(k)
		}
		return lx[k].suffix[2]
	}
	clus := func(k, level int) uint64 {
		if k < 0 || k >= len(lx) {
			return word(k)
		}
		return lx[k].cluster[level]
	}
	buf = append(buf,
		feat1(tBias, 0),
		feat1(tWord, w.norm),
		feat1(tShape, w.shape),
		feat1(tFlags, w.flags),
		feat1(tPrev1, p1),
		feat1(tPrev2, p2),
		feat2(tPrev12, p1, p2),
		feat2(tPrev1Word, p1, w.norm),
		feat1(tWordM1, word(i-1)),
		feat1(tWordM2, word(i-2)),
		feat1(tWordP1, word(i+1)),
		feat1(tWordP2, word(i+2)),
		feat1(tSufM1, suf3(i-1)),
		feat1(tSufP1, suf3(i+1)),
		feat2(tWordWordP1, w.norm, word(i+1)),
		feat2(tWordM1Word, word(i-1), w.norm),
		feat1(tClusterM1, clus(i-1, 2)),
		feat1(tClusterP1, clus(i+1, 2)),
		feat1(tClusterP2, clus(i+2, 1)),
		feat2(tPrev1WordP1, p1, word(i+1)),
		feat2(tWordM1P1, word(i-1), word(i+1)),
		feat2(tPrev1Suffix, p1, w.suffix[2]),
		feat2(tWordClusterP1, w.norm, clus(i+1, 3)),
	)
	if i+1 < len(lx) {
		buf = append(buf, feat1(tShapeP1, lx[i+1].shape))
	}

	if i == 0 {
		buf = append(buf, feat1(tFirstShape, w.shape))
	}
	for k := range w.suffix {
		buf = append(buf, feat2(tSuffix, uint64(k), w.suffix[k]))
	}
	for k := range w.prefix {
		buf = append(buf, feat2(tPrefix, uint64(k), w.prefix[k]))
	}
	for k, c := range w.cluster {
		if c != 0 {
			buf = append(buf, feat2(tCluster, uint64(k), c))
		}
	}
	return buf
}

const (
	uBias = iota + 100
	uXPOS
	uWord
	uXPOSWord
	uXPOSM1
	uXPOSP1
	uXPOSP1X
	uXPOSM1X
	uWordP1X
	uWordM1X
	uSuffix
	uXPOSP2
)

// uposFeats appends the UPOS features of word i given every word's XPOS.
func uposFeats(buf []uint64, lx []lex, xp []int, i int) []uint64 {
	tag := func(k int) uint64 {
		if k < 0 || k >= len(xp) {
			return 1
		}
		return uint64(xp[k]) + 2
	}
	word := func(k int) uint64 {
		if k < 0 {
			return hashStart
		}
		if k >= len(lx) {
			return hashEnd
		}
		return lx[k].norm
	}
	t := tag(i)
	return append(buf,
		feat1(uBias, 0),
		feat1(uXPOS, t),
		feat1(uWord, lx[i].norm),
		feat2(uXPOSWord, t, lx[i].norm),
		feat2(uXPOSM1, t, tag(i-1)),
		feat2(uXPOSP1, t, tag(i+1)),
		feat3(uXPOSP1X, t, tag(i+1), tag(i+2)),
		feat3(uXPOSM1X, t, tag(i-1), tag(i+1)),
		feat2(uWordP1X, t, word(i+1)),
		feat2(uWordM1X, t, word(i-1)),
		feat2(uSuffix, t, lx[i].suffix[2]),
		feat3(uXPOSP2, t, tag(i+1), word(i+1)),
	)
}

// tag fills xp and up with XPOS and UPOS class indexes, through memos of
// the two models (nil: none).
func (t *tagger) tag(lx []lex, xp, up []int, xm, um *memo) {
	buf := make([]uint64, 0, 64)
	xs := make([]int32, len(t.xpos))
	us := make([]int32, len(t.upos))
	p1, p2 := uint64(1), uint64(1)
	for i := range lx {
		if k, ok := t.known[lx[i].norm]; ok {
			xp[i] = k
		} else {
			buf = tagFeats(buf[:0], lx, i, p1, p2)
			clear(xs)
			t.xm.scoreMemo(buf, xs, xm)
			xp[i] = argmax(xs)
		}
		p2, p1 = p1, uint64(xp[i])+2
	}
	for i := range lx {
		buf = uposFeats(buf[:0], lx, xp, i)
		clear(us)
		t.um.scoreMemo(buf, us, um)
		up[i] = argmax(us)
	}
}

func argmax[T int32 | float32](s []T) int {
	best := 0
	for k, v := range s {
		if v > s[best] {
			best = k
		}
	}
	return best
}

// taggedSentence is a training sentence as class indexes.
type taggedSentence struct {
	lx     []lex
	xp, up []int
}

// trainTagger trains the tagger on sents for the given epochs, visiting the
// sentences in an order shuffled by seed, leaving out of the model the
// features whose weights all stay below prune.
func trainTagger(data []taggedSentence, xpos, upos []string, epochs int, prune float64, seed uint64, logf func(string, ...any)) *tagger {
	xp := newPerceptron(len(xpos))
	up := newPerceptron(len(upos))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x7a99e7))
	buf := make([]uint64, 0, 64)
	xs := make([]float32, len(xpos))
	us := make([]float32, len(upos))
	pred := make([]int, 0, 256)
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		wrong, total := 0, 0
		for _, si := range order {
			s := &data[si]
			p1, p2 := uint64(1), uint64(1)
			pred = pred[:0]
			for i := range s.lx {
				buf = tagFeats(buf[:0], s.lx, i, p1, p2)
				clear(xs)
				xp.score(buf, xs)
				guess := argmax(xs)
				xp.update(buf, s.xp[i], guess)
				xp.tick()
				if guess != s.xp[i] {
					wrong++
				}
				total++
				pred = append(pred, guess)
				p2, p1 = p1, uint64(guess)+2
			}
			// UPOS from the predicted XPOS, as in use.
			for i := range s.lx {
				buf = uposFeats(buf[:0], s.lx, pred, i)
				clear(us)
				up.score(buf, us)
				guess := argmax(us)
				up.update(buf, s.up[i], guess)
				up.tick()
			}
		}
		if logf != nil {
			logf("tagger epoch %d: %.4f XPOS on the training data", e+1, 1-float64(wrong)/float64(total))
		}
	}
	return &tagger{xpos: xpos, upos: upos, xm: xp.compile(prune), um: up.compile(prune), known: knownWords(data, len(xpos))}
}

// classIndex returns the sorted distinct values and a lookup from value to
// index.
func classIndex(values map[string]bool) ([]string, map[string]int) {
	list := make([]string, 0, len(values))
	for v := range values {
		list = append(list, v)
	}
	slices.Sort(list)
	idx := make(map[string]int, len(list))
	for i, v := range list {
		idx[v] = i
	}
	return list, idx
}
