package syntax

import (
	"math/rand/v2"
)

// The parser is a greedy arc-hybrid transition parser (Kuhlmann, Gómez-
// Rodríguez and Satta 2011): a stack and a buffer of words; SHIFT moves the
// buffer's first word onto the stack, LEFT makes it the head of the stack's
// top word and pops that, RIGHT makes the word below the top the top's head
// and pops the top. The root sits at the bottom of the stack and takes its
// one dependent last. An averaged perceptron over rich hashed features (the
// templates of Zhang and Nivre 2011, with word clusters) picks the
// transition; trained with Goldberg and Nivre's dynamic oracle, it learns to
// recover from its own mistakes. A second perceptron labels each arc as it
// is made, from the dependent's finished subtree and the head's arcs so far,
// and those labels are features of later transitions.
type parser struct {
	labels []string // index 0 is "root"
	am, lm *linear  // transitions, labels
}

const (
	actShift = iota
	actLeft
	actRight
	numActions
)

// config is a parser state over a sentence of n words (1..n; 0 is the root).
type config struct {
	n     int
	lx    []lex
	tags  []uint64 // XPOS feature value of each word, index 0 the root
	utags []uint64 // UPOS feature value of each word, index 0 the root
	stack []int
	b     int // first word of the buffer; n+1 when empty
	head  []int
	label []int
	// children: two leftmost and two rightmost, counts, label sets
	l1, l2, r1, r2 []int
	nl, nr         []int
	lset, rset     []uint64
}

func (c *config) init(lx []lex, tags, utags []uint64) {
	n := len(lx)
	c.n, c.lx, c.tags, c.utags = n, lx, tags, utags
	c.stack = append(c.stack[:0], 0)
	c.b = 1
	grow := func(s []int) []int {
		if cap(s) < n+1 {
			s = make([]int, n+1)
		}
		s = s[:n+1]
		for i := range s {
			s[i] = -1
		}
		return s
	}
	c.head, c.label = grow(c.head), grow(c.label)
	c.l1, c.l2, c.r1, c.r2 = grow(c.l1), grow(c.l2), grow(c.r1), grow(c.r2)
	c.nl, c.nr = grow(c.nl), grow(c.nr)
	for i := range c.nl {
		c.nl[i], c.nr[i] = 0, 0
	}
	if cap(c.lset) < n+1 {
		c.lset, c.rset = make([]uint64, n+1), make([]uint64, n+1)
	}
	c.lset, c.rset = c.lset[:n+1], c.rset[:n+1]
	clear(c.lset)
	clear(c.rset)
}

func (c *config) done() bool { return c.b > c.n && len(c.stack) == 1 }

func (c *config) legal(a int) bool {
	switch a {
	case actShift:
		return c.b <= c.n
	case actLeft:
		return c.b <= c.n && len(c.stack) >= 2
	case actRight:
		return len(c.stack) >= 2 && (len(c.stack) > 2 || c.b > c.n)
	}
	return false
}

// only returns the one legal action, or -1 when there are more: with the
// root alone on the stack only SHIFT is legal, with the buffer empty only
// RIGHT, and the parser takes them without scoring the others.
func (c *config) only() int {
	switch {
	case len(c.stack) < 2:
		return actShift
	case c.b > c.n:
		return actRight
	}
	return -1
}

// arc returns the head and dependent of an arc action.
func (c *config) arc(a int) (h, d int) {
	d = c.stack[len(c.stack)-1]
	if a == actLeft {
		return c.b, d
	}
	return c.stack[len(c.stack)-2], d
}

func (c *config) apply(a, label int) {
	switch a {
	case actShift:
		c.stack = append(c.stack, c.b)
		c.b++
		return
	}
	h, d := c.arc(a)
	c.stack = c.stack[:len(c.stack)-1]
	c.head[d], c.label[d] = h, label
	bit := uint64(1) << (uint(label) & 63)
	if d < h {
		c.l2[h], c.l1[h] = c.l1[h], d
		c.nl[h]++
		c.lset[h] |= bit
	} else {
		c.r2[h], c.r1[h] = c.r1[h], d
		c.nr[h]++
		c.rset[h] |= bit
	}
}

// cost is the number of gold arcs that action a makes unreachable
// (Goldberg and Nivre 2013, arc-hybrid).
func (c *config) cost(a int, gold []int) int {
	cost := 0
	s0 := c.stack[len(c.stack)-1]
	inBuffer := func(k int) bool { return k >= c.b && k <= c.n }
	depsInBuffer := func(h int) int {
		k := 0
		for d := c.b; d <= c.n; d++ {
			if gold[d] == h {
				k++
			}
		}
		return k
	}
	switch a {
	case actLeft:
		s1 := c.stack[len(c.stack)-2]
		if g := gold[s0]; g != c.b && (g == s1 || inBuffer(g)) {
			cost++
		}
		cost += depsInBuffer(s0)
	case actRight:
		if inBuffer(gold[s0]) {
			cost++
		}
		cost += depsInBuffer(s0)
	case actShift:
		g := gold[c.b]
		for i, k := range c.stack {
			if k == g && i < len(c.stack)-1 {
				cost++
			}
			if k != 0 && gold[k] == c.b {
				cost++
			}
		}
	}
	return cost
}

// Feature templates of the transition classifier.
const (
	pS0w = iota + 200
	pS0t
	pS0wt
	pS1w
	pS1t
	pS1wt
	pB0w
	pB0t
	pB0wt
	pB1w
	pB1t
	pB1wt
	pB2w
	pB2t
	pS2t
	pS2w
	pS0wtB0wt
	pS0wtB0w
	pS0wB0wt
	pS0wtB0t
	pS0tB0wt
	pS0wB0w
	pS0tB0t
	pB0tB1t
	pS1wS0w
	pS1tS0t
	pS1tS0w
	pS1wS0t
	pS0tB0tB1t
	pB0tB1tB2t
	pS1tS0tB0t
	pS2tS1tS0t
	pS0tS0l1tB0t
	pS0tS0r1tB0t
	pS0tB0tB0l1t
	pS1tS1l1tS0t
	pS1tS1r1tS0t
	pS1tS0tS0r1t
	pS1tS0tS0l1t
	pS0l1w
	pS0l1t
	pS0l1l
	pS0r1w
	pS0r1t
	pS0r1l
	pB0l1w
	pB0l1t
	pB0l1l
	pS1l1t
	pS1l1l
	pS1r1t
	pS1r1l
	pS0l2t
	pS0l2l
	pS0r2t
	pS0r2l
	pB0l2t
	pB0l2l
	pS0tS0l1tS0l2t
	pS0tS0r1tS0r2t
	pB0tB0l1tB0l2t
	pS0wD
	pS0tD
	pB0wD
	pB0tD
	pS0wB0wD
	pS0tB0tD
	pS1tS0tD
	pS0wNr
	pS0tNr
	pS0wNl
	pS0tNl
	pB0wNl
	pB0tNl
	pS1tNlNr
	pS0wSr
	pS0tSr
	pS0wSl
	pS0tSl
	pB0wSl
	pB0tSl
	pS0c
	pS1c
	pB0c
	pB1c
	pS0cB0c
	pS0cB0t
	pS0tB0c
	pS1cS0c
	pB0cB1c
	pS0c1B0c1
	pS1tS0tB0tB1t
	pBias
	pS0u
	pB0u
	pS1u
	pB1u
	pS0uB0u
	pS1uS0uB0u
	pS0uB0uB1u
	pS0wB0u
	pS0uB0w
	pS1wS0wS0l1w
	pS1tS0wS0l1w
	pS1cS0l1wS0c
	pB0wS0wS0l1w
	pBetween
	pBetweenW
)

// attributes of a word position (0 when there is no word there).
func (c *config) w(i int) uint64 {
	switch {
	case i < 0 || i > c.n:
		return hashNone
	case i == 0:
		return hashRoot
	}
	return c.lx[i-1].norm
}

func (c *config) t(i int) uint64 {
	if i < 0 || i > c.n {
		return 0
	}
	return c.tags[i]
}

func (c *config) u(i int) uint64 {
	if i < 0 || i > c.n {
		return 0
	}
	return c.utags[i]
}

func (c *config) cl(i, level int) uint64 {
	if i <= 0 || i > c.n {
		return uint64(i + 2)
	}
	return c.lx[i-1].cluster[level]
}

func (c *config) l(i int) uint64 {
	if i < 0 {
		return 0
	}
	return uint64(c.label[i] + 2)
}

func at(s []int, i int) int {
	if i < 0 {
		return -1
	}
	return s[i]
}

func distance(a, b int) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d > 10:
		return 11
	case d > 5:
		return 6
	}
	return uint64(d)
}

// features appends the transition features of the configuration.
func (c *config) features(buf []uint64) []uint64 {
	st := c.stack
	s0, s1, s2 := -1, -1, -1
	if len(st) > 0 {
		s0 = st[len(st)-1]
	}
	if len(st) > 1 {
		s1 = st[len(st)-2]
	}
	if len(st) > 2 {
		s2 = st[len(st)-3]
	}
	b0, b1, b2 := -1, -1, -1
	if c.b <= c.n {
		b0 = c.b
	}
	if c.b+1 <= c.n {
		b1 = c.b + 1
	}
	if c.b+2 <= c.n {
		b2 = c.b + 2
	}
	child := func(s []int, i int) int {
		if i < 0 {
			return -1
		}
		return s[i]
	}
	s0l1, s0l2, s0r1, s0r2 := child(c.l1, s0), child(c.l2, s0), child(c.r1, s0), child(c.r2, s0)
	s1l1, s1r1 := child(c.l1, s1), child(c.r1, s1)
	b0l1, b0l2 := child(c.l1, b0), child(c.l2, b0)
	w, t := c.w, c.t
	s0w, s0t, s1w, s1t, b0w, b0t := w(s0), t(s0), w(s1), t(s1), w(b0), t(b0)
	b1t, b2t := t(b1), t(b2)
	var d, d1 uint64
	if s0 >= 0 && b0 >= 0 {
		d = distance(s0, b0)
	}
	if s1 >= 0 && s0 >= 0 {
		d1 = distance(s1, s0)
	}
	cnt := func(s []int, i int) uint64 {
		if i < 0 {
			return 99
		}
		return uint64(s[i])
	}
	set := func(s []uint64, i int) uint64 {
		if i < 0 {
			return 1 << 63
		}
		return s[i]
	}
	s0wt, s1wt, b0wt := mix(s0w, s0t), mix(s1w, s1t), mix(b0w, b0t)
	buf = append(buf,
		feat1(pBias, 0),
		feat1(pS0w, s0w), feat1(pS0t, s0t), feat1(pS0wt, s0wt),
		feat1(pS1w, s1w), feat1(pS1t, s1t), feat1(pS1wt, s1wt),
		feat1(pB0w, b0w), feat1(pB0t, b0t), feat1(pB0wt, b0wt),
		feat1(pB1w, w(b1)), feat1(pB1t, b1t), feat2(pB1wt, w(b1), b1t),
		feat1(pB2w, w(b2)), feat1(pB2t, b2t),
		feat1(pS2t, t(s2)), feat1(pS2w, w(s2)),
		feat2(pS0wtB0wt, s0wt, b0wt), feat2(pS0wtB0w, s0wt, b0w), feat2(pS0wB0wt, s0w, b0wt),
		feat2(pS0wtB0t, s0wt, b0t), feat2(pS0tB0wt, s0t, b0wt), feat2(pS0wB0w, s0w, b0w),
		feat2(pS0tB0t, s0t, b0t), feat2(pB0tB1t, b0t, b1t),
		feat2(pS1wS0w, s1w, s0w), feat2(pS1tS0t, s1t, s0t), feat2(pS1tS0w, s1t, s0w), feat2(pS1wS0t, s1w, s0t),
		feat3(pS0tB0tB1t, s0t, b0t, b1t), feat3(pB0tB1tB2t, b0t, b1t, b2t),
		feat3(pS1tS0tB0t, s1t, s0t, b0t), feat3(pS2tS1tS0t, t(s2), s1t, s0t),
		feat3(pS0tS0l1tB0t, s0t, t(s0l1), b0t), feat3(pS0tS0r1tB0t, s0t, t(s0r1), b0t),
		feat3(pS0tB0tB0l1t, s0t, b0t, t(b0l1)),
		feat3(pS1tS1l1tS0t, s1t, t(s1l1), s0t), feat3(pS1tS1r1tS0t, s1t, t(s1r1), s0t),
		feat3(pS1tS0tS0r1t, s1t, s0t, t(s0r1)), feat3(pS1tS0tS0l1t, s1t, s0t, t(s0l1)),
		feat1(pS0l1w, w(s0l1)), feat1(pS0l1t, t(s0l1)), feat1(pS0l1l, c.l(s0l1)),
		feat1(pS0r1w, w(s0r1)), feat1(pS0r1t, t(s0r1)), feat1(pS0r1l, c.l(s0r1)),
		feat1(pB0l1w, w(b0l1)), feat1(pB0l1t, t(b0l1)), feat1(pB0l1l, c.l(b0l1)),
		feat1(pS1l1t, t(s1l1)), feat1(pS1l1l, c.l(s1l1)),
		feat1(pS1r1t, t(s1r1)), feat1(pS1r1l, c.l(s1r1)),
		feat1(pS0l2t, t(s0l2)), feat1(pS0l2l, c.l(s0l2)),
		feat1(pS0r2t, t(s0r2)), feat1(pS0r2l, c.l(s0r2)),
		feat1(pB0l2t, t(b0l2)), feat1(pB0l2l, c.l(b0l2)),
		feat3(pS0tS0l1tS0l2t, s0t, t(s0l1), t(s0l2)),
		feat3(pS0tS0r1tS0r2t, s0t, t(s0r1), t(s0r2)),
		feat3(pB0tB0l1tB0l2t, b0t, t(b0l1), t(b0l2)),
		feat2(pS0wD, s0w, d), feat2(pS0tD, s0t, d), feat2(pB0wD, b0w, d), feat2(pB0tD, b0t, d),
		feat3(pS0wB0wD, s0w, b0w, d), feat3(pS0tB0tD, s0t, b0t, d), feat3(pS1tS0tD, s1t, s0t, d1),
		feat2(pS0wNr, s0w, cnt(c.nr, s0)), feat2(pS0tNr, s0t, cnt(c.nr, s0)),
		feat2(pS0wNl, s0w, cnt(c.nl, s0)), feat2(pS0tNl, s0t, cnt(c.nl, s0)),
		feat2(pB0wNl, b0w, cnt(c.nl, b0)), feat2(pB0tNl, b0t, cnt(c.nl, b0)),
		feat3(pS1tNlNr, s1t, cnt(c.nl, s1), cnt(c.nr, s1)),
		feat2(pS0wSr, s0w, set(c.rset, s0)), feat2(pS0tSr, s0t, set(c.rset, s0)),
		feat2(pS0wSl, s0w, set(c.lset, s0)), feat2(pS0tSl, s0t, set(c.lset, s0)),
		feat2(pB0wSl, b0w, set(c.lset, b0)), feat2(pB0tSl, b0t, set(c.lset, b0)),
		feat1(pS0c, c.cl(s0, 2)), feat1(pS1c, c.cl(s1, 2)), feat1(pB0c, c.cl(b0, 2)), feat1(pB1c, c.cl(b1, 2)),
		feat2(pS0cB0c, c.cl(s0, 2), c.cl(b0, 2)), feat2(pS0cB0t, c.cl(s0, 2), b0t), feat2(pS0tB0c, s0t, c.cl(b0, 2)),
		feat2(pS1cS0c, c.cl(s1, 2), c.cl(s0, 2)), feat2(pB0cB1c, c.cl(b0, 1), c.cl(b1, 1)),
		feat2(pS0c1B0c1, c.cl(s0, 3), c.cl(b0, 3)),
		feat2(pS1tS0tB0tB1t, mix(s1t, s0t), mix(b0t, b1t)),
	)
	u := c.u
	s0u, b0u, s1u, b1u := u(s0), u(b0), u(s1), u(b1)
	buf = append(buf,
		feat1(pS0u, s0u), feat1(pB0u, b0u), feat1(pS1u, s1u), feat1(pB1u, b1u),
		feat2(pS0uB0u, s0u, b0u), feat3(pS1uS0uB0u, s1u, s0u, b0u), feat3(pS0uB0uB1u, s0u, b0u, b1u),
		feat2(pS0wB0u, s0w, b0u), feat2(pS0uB0w, s0u, b0w),
		// Prepositional attachment: the head candidate, the noun and its case marker.
		feat3(pS1wS0wS0l1w, s1w, s0w, w(s0l1)), feat3(pS1tS0wS0l1w, s1t, s0w, w(s0l1)),
		feat3(pS1cS0l1wS0c, c.cl(s1, 3), w(s0l1), c.cl(s0, 3)), feat3(pB0wS0wS0l1w, b0w, s0w, w(s0l1)),
	)
	if s0 > 0 && b0 > 0 {
		// What lies between the stack's top and the buffer's front.
		var punct uint64
		for k := s0 + 1; k < b0 && k < s0+30; k++ {
			if c.lx[k-1].flags&flagPunct != 0 {
				punct++
			}
		}
		between := min(punct, 3)
		buf = append(buf, feat3(pBetween, s0t, b0t, between), feat3(pBetweenW, s0w, b0t, between))
	}
	return buf
}

// Feature templates of the label classifier.
const (
	lBias = iota + 400
	lDw
	lDt
	lDc
	lHw
	lHt
	lHc
	lDirDtHt
	lDirDwHt
	lDirDtHw
	lDwHw
	lDistDtHt
	lDl1l
	lDr1l
	lDlset
	lDrset
	lHlset
	lHrset
	lDl1w
	lDl1t
	lDtDm1t
	lDtDp1t
	lDtB0t
	lDwDt
	lDl1wDt
	lDcHc
	lHtHl1l
	lDuHuDir
	lDuHu
	lDwHu
)

// labelFeatures appends the label features of the arc h -> d.
func (c *config) labelFeatures(buf []uint64, h, d int) []uint64 {
	w, t := c.w, c.t
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	dw, dt, hw, ht := w(d), t(d), w(h), t(h)
	dl1 := at(c.l1, d)
	b0 := -1
	if c.b <= c.n {
		b0 = c.b
	}
	return append(buf,
		feat1(lBias, 0),
		feat1(lDw, dw), feat1(lDt, dt), feat1(lDc, c.cl(d, 2)),
		feat1(lHw, hw), feat1(lHt, ht), feat1(lHc, c.cl(h, 2)),
		feat3(lDirDtHt, dir, dt, ht), feat3(lDirDwHt, dir, dw, ht), feat3(lDirDtHw, dir, dt, hw),
		feat2(lDwHw, dw, hw), feat3(lDistDtHt, distance(h, d), dt, ht),
		feat2(lDl1l, dt, c.l(dl1)), feat2(lDr1l, dt, c.l(at(c.r1, d))),
		feat2(lDlset, dt, c.lset[d]), feat2(lDrset, dt, c.rset[d]),
		feat3(lHlset, ht, dir, c.lset[h]), feat3(lHrset, ht, dir, c.rset[h]),
		feat1(lDl1w, w(dl1)), feat1(lDl1t, t(dl1)),
		feat2(lDtDm1t, dt, t(d-1)), feat2(lDtDp1t, dt, t(d+1)),
		feat3(lDtB0t, dt, t(b0), dir),
		feat2(lDwDt, dw, dt), feat3(lDl1wDt, w(dl1), dt, ht),
		feat2(lDcHc, c.cl(d, 1), c.cl(h, 1)),
		feat3(lHtHl1l, ht, c.l(at(c.l1, h)), dir),
		feat3(lDuHuDir, c.u(d), c.u(h), dir),
		feat2(lDuHu, c.u(d), c.u(h)),
		feat3(lDwHu, dw, c.u(h), dir),
	)
}

// parse fills head and label (index 0 unused) for the words of a sentence
// given their lexical attributes and tag feature values (tags[0] the root's),
// through memos of the transition and label models (nil: none).
func (p *parser) parse(c *config, lx []lex, tags, utags []uint64, head, label []int, am, lm *memo) {
	c.init(lx, tags, utags)
	buf := make([]uint64, 0, 128)
	var as [numActions]int32
	ls := make([]int32, len(p.labels))
	for !c.done() {
		best := c.only()
		if best < 0 {
			buf = c.features(buf[:0])
			as = [numActions]int32{}
			p.am.scoreMemo(buf, as[:], am)
			for a := 0; a < numActions; a++ {
				if c.legal(a) && (best < 0 || as[a] > as[best]) {
					best = a
				}
			}
		}
		lab := 0
		if best != actShift {
			h, d := c.arc(best)
			if h != 0 {
				buf = c.labelFeatures(buf[:0], h, d)
				clear(ls)
				p.lm.scoreMemo(buf, ls, lm)
				lab = argmax(ls[1:]) + 1
			}
		}
		c.apply(best, lab)
	}
	copy(head, c.head)
	copy(label, c.label)
}

// parsedSentence is a training sentence: words, predicted tag feature
// values, gold heads and labels (index 0 the root).
type parsedSentence struct {
	lx    []lex
	tags  []uint64
	utags []uint64
	head  []int
	label []int
}

// trainParser trains the transition and label classifiers with the dynamic
// oracle: after the first epoch the parser follows its own prediction (with
// probability explore), and is taught the best action still reachable.
// Features whose weights all stay below prune are left out of the model.
func trainParser(data []parsedSentence, labels []string, epochs int, explore, prune float64, seed uint64, logf func(string, ...any)) *parser {
	am := newPerceptron(numActions)
	lm := newPerceptron(len(labels))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x9a45e5))
	var c config
	buf := make([]uint64, 0, 128)
	ls := make([]float32, len(labels))
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		correct, total, lcorrect := 0, 0, 0
		for _, si := range order {
			s := &data[si]
			c.init(s.lx, s.tags, s.utags)
			for !c.done() {
				buf = c.features(buf[:0])
				var as [numActions]float32
				am.score(buf, as[:])
				guess, gold, minCost := -1, -1, 1<<30
				var costs [numActions]int
				for a := 0; a < numActions; a++ {
					if !c.legal(a) {
						continue
					}
					costs[a] = c.cost(a, s.head)
					minCost = min(minCost, costs[a])
					if guess < 0 || as[a] > as[guess] {
						guess = a
					}
				}
				for a := 0; a < numActions; a++ {
					if c.legal(a) && costs[a] == minCost && (gold < 0 || as[a] > as[gold]) {
						gold = a
					}
				}
				am.update(buf, gold, guess)
				am.tick()
				next := gold
				if e > 0 && costs[guess] > minCost && rng.Float64() < explore {
					next = guess
				}
				lab := 0
				if next != actShift {
					h, d := c.arc(next)
					if h != 0 {
						buf = c.labelFeatures(buf[:0], h, d)
						clear(ls)
						lm.score(buf, ls)
						lab = argmax(ls[1:]) + 1
						if h == s.head[d] {
							lm.update(buf, s.label[d], lab)
							lm.tick()
							if e == 0 {
								lab = s.label[d]
							}
						}
					}
				}
				c.apply(next, lab)
			}
			for i := 1; i <= c.n; i++ {
				if c.head[i] == s.head[i] {
					correct++
					if c.label[i] == s.label[i] {
						lcorrect++
					}
				}
				total++
			}
		}
		if logf != nil {
			logf("parser epoch %d: UAS %.4f LAS %.4f on the training data (following its own transitions)", e+1, float64(correct)/float64(total), float64(lcorrect)/float64(total))
		}
	}
	return &parser{labels: labels, am: am.compile(prune), lm: lm.compile(prune)}
}
