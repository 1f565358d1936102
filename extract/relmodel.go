package extract

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kg/kg/schemas"
)

// RelClass is one class of the relation classifier: its name (the relation
// type it emits by default) and the relation types it covers, so that a rule
// may narrow it (WORKS_FOR covers LEADS and MEMBER_OF).
type RelClass struct {
	Name  string   `json:"name"`
	Types []string `json:"types"`
}

// RelModel classifies an ordered pair of entity mentions in a sentence: none,
// or one of its classes, with a probability (multinomial logistic
// regression over hashed features of the pair and the rules that fired).
type RelModel struct {
	Meta    ModelMeta
	Classes []RelClass // class 0 is "none" and is not listed
	// Threshold is the calibrated probability a class needs to be emitted.
	Threshold float64
	// Thresholds, when set, are each class's own threshold in place of
	// Threshold.
	Thresholds []float64
	// Calibration maps a raw probability p to sigmoid(a*logit(p) + b).
	Calibration [2]float64
	rows        map[uint64]int32 // feature hash -> row in weights, in training
	index       *featIndex       // the same for a read model
	weights     []float32        // rows * (len(Classes)+1)
	// half holds a read model's weights instead, as the file has them
	// (IEEE half precision): half the memory of float32, and each is
	// exactly one of 65,536 values (halfTable).
	half     []uint16
	fitsOnce sync.Once
	fits     []func(subj, obj string) bool // per class; see classFits
}

func newRelModel(classes []RelClass) *RelModel {
	return &RelModel{Classes: classes, Threshold: 0.5, Calibration: [2]float64{1, 0}, rows: map[uint64]int32{}}
}

func (m *RelModel) width() int { return len(m.Classes) + 1 }

// fitSchema fits the model to the schema it extracts for: a class whose
// types the schema does not define (a schema of companies has no
// CITIZEN_OF) is never emitted, and the schema's other types are found as
// before. A model none of whose classes the schema defines is refused.
func (m *RelModel) fitSchema(s *schemas.Schema) error {
	usable := 0
	for c, cl := range m.Classes {
		known := slices.ContainsFunc(cl.Types, func(t string) bool { _, ok := s.Relation(t); return ok })
		if known {
			usable++
			continue
		}
		if len(m.Thresholds) != len(m.Classes) {
			m.Thresholds = make([]float64, len(m.Classes))
			for i := range m.Thresholds {
				m.Thresholds[i] = m.Threshold
			}
		}
		m.Thresholds[c] = 1
	}
	if usable == 0 {
		return fmt.Errorf("trained for schema %q, its relation types are none that schema %s defines; train one for this schema with kg train", m.Meta.Schema, s.Source)
	}
	return nil
}

// classFits reports whether entities of types subj and obj could stand in
// class c as the classifier learnt it. The classes come from a benchmark
// whose labels join fixed entity labels (CoNLL04's Work_For joins people to
// organizations): a pair outside them, such as a person and a city, was
// never an example of the class, so the classifier's verdict on it says
// nothing about that class. Without such a benchmark in s every pair fits.
func (m *RelModel) classFits(s *schemas.Schema, c int, subj, obj string) bool {
	m.fitsOnce.Do(func() {
		m.fits = make([]func(string, string) bool, len(m.Classes))
		names := make([]string, 0, len(s.Benchmarks))
		for name := range s.Benchmarks {
			names = append(names, name)
		}
		sort.Strings(names) // the first that fits, the same on every run
		for _, name := range names {
			lm, err := newLabelMap(s, name)
			if err != nil {
				continue
			}
			// A class's label: the one that maps onto the class's type.
			for i, cl := range m.Classes {
				if m.fits[i] != nil {
					continue
				}
				labels := lm.relations[cl.Name]
				if len(labels) != 1 {
					continue
				}
				if sig := lm.sigs[labels[0]]; len(sig) == 2 {
					m.fits[i] = func(st, ot string) bool { return lm.entities[st] == sig[0] && lm.entities[ot] == sig[1] }
				}
			}
		}
	})
	if c < 0 || c >= len(m.fits) || m.fits[c] == nil {
		return true
	}
	return m.fits[c](subj, obj)
}

// probs fills p with the class probabilities of a feature set.
func (m *RelModel) probs(feats []uint64, p []float64) {
	n := m.width()
	for i := range p[:n] {
		p[i] = 0
	}
	// The rows found first, then added in the features' order (eachRow):
	// the same sums.
	var t *[1 << 16]float32
	if m.half != nil {
		t = halfTable()
	}
	eachRow(feats, m.row, func(r int32) {
		if t != nil {
			for c, h := range m.half[int(r)*n : int(r)*n+n] {
				p[c] += float64(t[h])
			}
			return
		}
		for c, w := range m.weights[int(r)*n : int(r)*n+n] {
			p[c] += float64(w)
		}
	})
	softmax(p[:n])
}

// halfTable is every half-precision value as a float32, by its bits.
var halfTable = sync.OnceValue(func() *[1 << 16]float32 {
	var t [1 << 16]float32
	for h := range t {
		t[h] = fromHalf(uint16(h))
	}
	return &t
})

// weight returns class c's weight in row r.
func (m *RelModel) weight(r int32, c int) float32 {
	if m.half != nil {
		return halfTable()[m.half[int(r)*m.width()+c]]
	}
	return m.weights[int(r)*m.width()+c]
}

// row returns feature f's row of weights.
func (m *RelModel) row(f uint64) (int32, bool) {
	if m.index != nil {
		return m.index.find(f)
	}
	r, ok := m.rows[f]
	return r, ok
}

// featIndex maps a read model's features to their rows: an open-addressing
// table at most three quarters full, a slot holding a feature and its row
// (one cache line a lookup, where a map read several).
type featIndex struct {
	slots []featSlot // a power of two of them
	zero  int32      // the row of feature 0, -1 if none
}

type featSlot struct {
	key uint64 // 0: empty
	row int32
}

func newFeatIndex(count int) featIndex {
	size := 1
	for size*3 < count*4+4 {
		size <<= 1
	}
	return featIndex{slots: make([]featSlot, size), zero: -1}
}

func (p *featIndex) home(f uint64) int {
	return int((f * 0x9E3779B97F4A7C15 >> 20) & uint64(len(p.slots)-1))
}

// add gives feature f row r; a feature added again takes the later row.
func (p *featIndex) add(f uint64, r int32) {
	if f == 0 {
		p.zero = r
		return
	}
	s := p.home(f)
	for p.slots[s].key != 0 && p.slots[s].key != f {
		s = (s + 1) & (len(p.slots) - 1)
	}
	p.slots[s] = featSlot{f, r}
}

func (p *featIndex) find(f uint64) (int32, bool) {
	if f == 0 {
		return p.zero, p.zero >= 0
	}
	for s := p.home(f); ; s = (s + 1) & (len(p.slots) - 1) {
		switch p.slots[s].key {
		case f:
			return p.slots[s].row, true
		case 0:
			return 0, false
		}
	}
}

// features returns the features of the index in increasing order.
func (p *featIndex) features() []uint64 {
	var keys []uint64
	for _, s := range p.slots {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	if p.zero >= 0 {
		keys = append(keys, 0)
	}
	slices.Sort(keys)
	return keys
}

// softmax turns scores into probabilities in place.
func softmax(p []float64) {
	mx := p[0]
	for _, v := range p[1:] {
		mx = math.Max(mx, v)
	}
	sum := 0.0
	for i := range p {
		p[i] = math.Exp(p[i] - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
}

// maxPairGap bounds the tokens between the two names of a candidate pair:
// the classifier reads sentences, and a text without sentence breaks must
// not make it weigh every pair of names in it.
const maxPairGap = 100

// maxBetween is how many words at each end of a long gap between two names
// the classifier reads.
const maxBetween = 12

// maxPairsEachSide bounds, at extraction, the names on each side of a name
// that the classifier pairs it with (the nearest): a text dense with names
// and without sentence breaks would otherwise make it weigh some two hundred
// pairs a name. Real sentences rarely hold that many names within
// maxPairGap tokens of one. Training reads every pair (each = 0).
const maxPairsEachSide = 12

// candidatePairs calls f for each ordered pair of names of the clause that
// the classifier reads: distinct entities, both named (not pronouns, not
// demonyms: it learned from names, and a "Serb" is no place one lives in),
// at most maxPairGap tokens apart, and with each > 0 at most each pairs on
// either side of a name (the nearest). i and j index c.spans.
func candidatePairs(c *clause, each int, f func(i, j int)) {
	for i, s := range c.spans {
		if s.coref || s.demonym {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && s.first-c.spans[j].last <= maxPairGap && (each == 0 || n < each); j-- {
			if o := c.spans[j]; !o.coref && !o.demonym && o.ent != s.ent {
				f(i, j)
				n++
			}
		}
		n = 0
		for j := i + 1; j < len(c.spans) && c.spans[j].first-s.last <= maxPairGap && (each == 0 || n < each); j++ {
			if o := c.spans[j]; !o.coref && !o.demonym && o.ent != s.ent {
				f(i, j)
				n++
			}
		}
	}
}

// Templates of the relation classifier's features. Their names, hashed once
// (relTemplates), are what the model's features were trained on: a
// feature is feat(name, value) or feat2(name, first, value), and most take
// the pair's kind (types and direction, "Person>City|sub-first") as first.
const (
	rfBias = iota
	rfTypes
	rfSt
	rfOt
	rfDist
	rfOthers
	rfBtypes
	rfBw
	rfTbw
	rfTrig
	rfNoun
	rfBf
	rfBl
	rfBs
	rfBt
	rfV
	rfV0
	rfVl
	rfNv
	rfB1
	rfB2
	rfA1
	rfA2
	rfH1
	rfH2
	rfHh
	rfSf
	rfOf
	rfSm1
	rfSp1
	rfOm1
	rfOp1
	rfSm1t
	rfOm1t
	rfRule
	rfRuleT
	rfSrel
	rfOrel
	rfDpr
	rfKb
	rfKbT
	numRelTemplates
)

var relTemplates = func() (h [numRelTemplates]uint64) {
	names := [numRelTemplates]string{"bias", "types", "st", "ot", "dist", "others", "btypes", "bw", "tbw", "trig", "noun",
		"bf", "bl", "bs", "bt", "v", "v0", "vl", "nv", "b1", "b2", "a1", "a2", "h1", "h2", "hh", "sf", "of",
		"s-1", "s+1", "o-1", "o+1", "s-1t", "o-1t", "rule", "rule-t", "srel", "orel", "dpr", "kb", "kb-t"}
	for i, n := range names {
		h[i] = tmplHash(n)
	}
	return h
}()

// pairKind is what the features of a pair take as their first value: the
// types of subject and object and which comes first.
type pairKind struct {
	st, ot   string
	objFirst bool
}

// pairPrefix holds the hashes a pair kind's features start from: for each
// template, the hash of its name and first value (feat2's, before the
// second value); and the kind's own features.
type pairPrefix struct {
	pre               [numRelTemplates]uint64
	bias, types, s, o uint64
}

func newPairPrefix(k pairKind) *pairPrefix {
	dir := "sub-first"
	if k.objFirst {
		dir = "obj-first"
	}
	td := k.st + ">" + k.ot + "|" + dir
	p := &pairPrefix{bias: feat("bias", ""), types: feat("types", td), s: feat("st", k.st), o: feat("ot", k.ot)}
	for t, h := range relTemplates {
		first := td
		switch t {
		case rfH1, rfSf:
			first = k.st
		case rfH2, rfOf:
			first = k.ot
		}
		p.pre[t] = second(hashStr(h, first))
	}
	return p
}

// relScratch is what the relation classifier reuses from pair to pair of
// an article: the prefixes of each pair kind, a path finder, and of the
// current clause what the place lists know of each name and the trigger
// words of each token.
type relScratch struct {
	kinds  map[pairKind]*pairPrefix
	paths  pathFinder
	clause *clause
	places []*spanPlaces // by span of clause, filled as asked
	// byText holds what the place lists know of each name read so far.
	byText map[string]*spanPlaces
	pairs  []scoredPair // classifyPairs' verdicts on the current clause
	// By token of the clause's sentence: the verb triggers of its word, and
	// whether a role noun may start at it.
	verbs     [][]verbTrigger
	nounStart []bool
}

func (a *analysis) relScratch() *relScratch {
	if a.rel == nil {
		a.rel = &relScratch{kinds: map[pairKind]*pairPrefix{}, byText: map[string]*spanPlaces{}}
	}
	return a.rel
}

func (r *relScratch) kind(k pairKind) *pairPrefix {
	p := r.kinds[k]
	if p == nil {
		p = newPairPrefix(k)
		r.kinds[k] = p
	}
	return p
}

// at makes the scratch describe clause c.
func (r *relScratch) at(x *Extractor, c *clause) {
	if r.clause == c {
		return
	}
	r.clause = c
	r.places = append(r.places[:0], make([]*spanPlaces, len(c.spans))...)
	r.verbs, r.nounStart = r.verbs[:0], r.nounStart[:0]
	for _, w := range c.a.low[c.s.First:c.s.Last] {
		r.verbs = append(r.verbs, x.rules.verbs[w])
		r.nounStart = append(r.nounStart, x.rules.nouns.next[w] != nil)
	}
}

// placesOf returns what the place lists know of span i of clause c.
func (r *relScratch) placesOf(x *Extractor, c *clause, i int) *spanPlaces {
	r.at(x, c)
	if r.places[i] == nil {
		sp := c.spans[i]
		text := joinText(c.a.toks, sp.first, sp.last)
		p, ok := r.byText[text]
		if !ok {
			p = x.lex.places(text)
			r.byText[text] = p
		}
		r.places[i] = p
	}
	return r.places[i]
}

// digits spells the small counts of features.
var digits = [...]string{"0", "1", "2", "3"}

// relFeatures are the features of the pair (subj, obj) in clause c; rules
// lists the relation types the rules found for the pair. The features are
// hashed as they are made (pairPrefix), without building their strings.
func (x *Extractor) relFeatures(c *clause, si, oi int, rules []string, out []uint64) []uint64 {
	a := c.a
	scratch := a.relScratch()
	scratch.at(x, c)
	subj, obj := c.spans[si], c.spans[oi]
	st, ot := c.typ(subj), c.typ(obj)
	left, right := subj, obj
	if obj.first < subj.first {
		left, right = obj, subj
	}
	k := scratch.kind(pairKind{st, ot, obj.first < subj.first})
	pre := &k.pre
	out = append(out, k.bias, k.types, k.s, k.o)
	between := right.first - left.last
	bucket := "13+"
	for _, b := range []struct {
		max  int
		name string
	}{{0, "0"}, {1, "1"}, {2, "2"}, {3, "3"}, {5, "4-5"}, {8, "6-8"}, {12, "9-12"}} {
		if between <= b.max {
			bucket = b.name
			break
		}
	}
	out = append(out, hashStr(pre[rfDist], bucket))
	lo, hi := min(si, oi), max(si, oi)
	others := c.named[hi] - c.named[lo+1] // the names between the two
	out = append(out, hashStr(pre[rfOthers], digits[min(others, 3)]))
	// The types of the first names between, joined by spaces.
	h, mid := pre[rfBtypes], 0
	for k := lo + 1; k < hi && mid < 3; k++ {
		if !c.spans[k].coref {
			if mid > 0 {
				h = hashStr(h, " ")
			}
			h = hashStr(h, c.typ(c.spans[k]))
			mid++
		}
	}
	out = append(out, h)
	// The words between: each, and the first four words and five tags
	// joined by spaces (bs, bt) when there are no more.
	var first, last, verb, lastVerb string
	n, verbs := 0, 0
	bs, bt := pre[rfBs], pre[rfBt]
	for k := left.last; k < right.first; k++ {
		if right.first-left.last > 2*maxBetween && k == left.last+maxBetween {
			k = right.first - maxBetween // a long gap: its two ends speak
		}
		w, tag := a.low[k], a.toks[k].Tag
		if n == 0 {
			first = w
		} else {
			bs, bt = hashStr(bs, " "), hashStr(bt, " ")
		}
		last = w
		n++
		if n <= 4 {
			bs = hashStr(bs, w)
		}
		if n <= 5 {
			bt = hashStr(bt, tag)
		}
		out = append(out, hashStr(relTemplates[rfBw], w), hashStr(pre[rfTbw], w))
		if strings.HasPrefix(tag, "VB") {
			if verb == "" {
				verb = w
			}
			lastVerb = w
			verbs++
		}
		for _, t := range scratch.verbs[k-c.s.First] {
			out = append(out, hashStr(pre[rfTrig], t.rel))
		}
		if scratch.nounStart[k-c.s.First] {
			if rel, m := x.rules.nouns.longestKeys(a.low, k, right.first); m > 0 {
				out = append(out, hashStr(pre[rfNoun], rel))
			}
		}
	}
	if n > 0 {
		out = append(out, hashStr(pre[rfBf], first), hashStr(pre[rfBl], last))
	}
	if n <= 4 {
		out = append(out, bs)
	}
	if n <= 5 {
		out = append(out, bt)
	}
	if verb != "" {
		out = append(out, hashStr(pre[rfV], verb), hashStr(relTemplates[rfV0], verb), hashStr(pre[rfVl], lastVerb))
	}
	out = append(out, hashStr(pre[rfNv], digits[min(verbs, 3)]))
	before := func(k int) string {
		if k < c.s.First {
			return "<s>"
		}
		return a.low[k]
	}
	after := func(k int) string {
		if k >= c.s.Last {
			return "</s>"
		}
		return a.low[k]
	}
	pair := func(t int, v, w string) uint64 { return hashStr(hashStr(hashStr(pre[t], v), " "), w) }
	out = append(out,
		hashStr(pre[rfB1], before(left.first-1)), pair(rfB2, before(left.first-2), before(left.first-1)),
		hashStr(pre[rfA1], after(right.last)), pair(rfA2, after(right.last), after(right.last+1)),
		hashStr(pre[rfH1], a.low[subj.last-1]), hashStr(pre[rfH2], a.low[obj.last-1]),
		pair(rfHh, a.low[subj.last-1], a.low[obj.last-1]),
		hashStr(pre[rfSf], a.low[subj.first]), hashStr(pre[rfOf], a.low[obj.first]),
	)
	// Words around each argument: "spokesman for X", "X native"; the tag
	// before each (a verb before the organization: "fought ISIS-K in Kabul"
	// names where a fight was, not where ISIS-K is based).
	tagAt := func(k int) string {
		if k < c.s.First {
			return "<s>"
		}
		return a.toks[k].Tag
	}
	out = append(out, hashStr(pre[rfSm1], before(subj.first-1)), hashStr(pre[rfSp1], after(subj.last)),
		hashStr(pre[rfOm1], before(obj.first-1)), hashStr(pre[rfOp1], after(obj.last)),
		hashStr(pre[rfSm1t], tagAt(subj.first-1)), hashStr(pre[rfOm1t], tagAt(obj.first-1)))
	for _, r := range rules {
		out = append(out, hashStr(relTemplates[rfRule], r), hashStr(pre[rfRuleT], r))
	}
	out = parseFeatures(a.toks, &scratch.paths, subj, obj, pre, out)
	// What the place lists know: the subject lies within the object, or the
	// object within the subject ("Tokyo" within "Japan").
	sp, op := scratch.placesOf(x, c, si), scratch.placesOf(x, c, oi)
	if op.contain(sp) {
		out = append(out, feat("kb", "in"), hashStr(pre[rfKbT], "in"))
	}
	if sp.contain(op) {
		out = append(out, feat("kb", "has"), hashStr(pre[rfKbT], "has"))
	}
	return out
}

// classifyPairs runs the classifier over every ordered pair of distinct
// named entities of the sentence and returns, per pair, its most likely
// class and that class's probability.
// The slice is the article's scratch until the next clause's.
func (x *Extractor) classifyPairs(c *clause, ruleTypes map[[2]int][]string) []scoredPair {
	scratch := c.a.relScratch()
	out := scratch.pairs[:0]
	defer func() { scratch.pairs = out }()
	p := make([]float64, x.rel.width())
	var feats []uint64
	candidatePairs(c, maxPairsEachSide, func(i, j int) {
		s, o := c.spans[i], c.spans[j]
		feats = x.relFeatures(c, i, j, ruleTypes[[2]int{s.first, o.first}], feats[:0])
		x.rel.probs(feats, p)
		best := bestRelation(p)
		out = append(out, scoredPair{subj: s, obj: o, class: best - 1, prob: x.rel.calibrated(p[best])})
	})
	return out
}

// bestRelation is the index of the most likely relation class in class
// probabilities (index 0 is "none"), even when "none" is likelier still: the
// threshold decides.
func bestRelation(p []float64) int {
	best := 1
	for k := 2; k < len(p); k++ {
		if p[k] > p[best] {
			best = k
		}
	}
	return best
}

// threshold is the calibrated probability class c needs to be emitted.
func (m *RelModel) threshold(c int) float64 {
	t := m.Threshold
	if c < len(m.Thresholds) {
		t = m.Thresholds[c]
	}
	if t >= 1 {
		return math.Inf(1) // a class that is never emitted
	}
	return t
}

// calibrated maps a raw probability through the model's calibration.
func (m *RelModel) calibrated(p float64) float64 {
	return sigmoid(m.Calibration[0]*logit(p) + m.Calibration[1])
}

type scoredPair struct {
	subj, obj span
	class     int
	prob      float64
}

// Relation model formats: 1 stored each weight as a float32; 2 as a
// float16 (IEEE half precision: 11 significant bits, about three decimal
// digits, more than the classifier's verdicts need), which halves the file
// and what it costs to embed; 3, written now, a row's float16 weights but
// its zeros (two in five), after a mask of the classes that have one: the
// file is read in place, unzipped, and this keeps it under 5 MB.
const (
	relMagic1 = "kg-rel-model 1\n"
	relMagic2 = "kg-rel-model 2\n"
	relMagic  = "kg-rel-model 3\n"
)

// Write stores the model: a header line of JSON, then the weights.
func (m *RelModel) Write(w io.Writer) error {
	head := struct {
		Meta        ModelMeta  `json:"meta"`
		Classes     []RelClass `json:"classes"`
		Threshold   float64    `json:"threshold"`
		Thresholds  []float64  `json:"thresholds,omitempty"`
		Calibration [2]float64 `json:"calibration"`
	}{m.Meta, m.Classes, m.Threshold, m.Thresholds, m.Calibration}
	return writeModel(w, relMagic, head, m.writeWeights)
}

func (m *RelModel) writeWeights(bw *bufio.Writer) {
	var keys []uint64
	if m.index != nil {
		keys = m.index.features()
	} else {
		keys = make([]uint64, 0, len(m.rows))
		for k := range m.rows {
			keys = append(keys, k)
		}
		slices.Sort(keys)
	}
	le := binary.LittleEndian
	var buf [8]byte
	le.PutUint32(buf[:4], uint32(len(keys)))
	bw.Write(buf[:4])
	n := m.width()
	halves := make([]uint16, n)
	for _, k := range keys {
		le.PutUint64(buf[:], k)
		bw.Write(buf[:])
		r, _ := m.row(k)
		var mask uint32
		for c := range n {
			if halves[c] = toHalf(m.weight(r, c)); halves[c] != 0 {
				mask |= 1 << c
			}
		}
		le.PutUint32(buf[:4], mask)
		bw.Write(buf[:4])
		for c := range n {
			if halves[c] != 0 {
				le.PutUint16(buf[:2], halves[c])
				bw.Write(buf[:2])
			}
		}
	}
}

// ReadRelModel loads a model written by Write.
func ReadRelModel(data []byte) (*RelModel, error) {
	head := struct {
		Meta        ModelMeta  `json:"meta"`
		Classes     []RelClass `json:"classes"`
		Threshold   float64    `json:"threshold"`
		Thresholds  []float64  `json:"thresholds,omitempty"`
		Calibration [2]float64 `json:"calibration"`
	}{Threshold: 0.5, Calibration: [2]float64{1, 0}}
	body, version, err := readModelOf(data, []string{relMagic1, relMagic2, relMagic}, "relation model", &head)
	if err != nil {
		return nil, err
	}
	size := 2 // bytes a weight
	if version == 0 {
		size = 4
	}
	sparse := version == 2
	if len(head.Classes) == 0 || len(head.Classes) > 30 {
		return nil, fmt.Errorf("relation model has %d classes; 1 to 30 are supported", len(head.Classes))
	}
	if head.Threshold <= 0 || head.Threshold > 1 || head.Calibration[0] <= 0 {
		return nil, fmt.Errorf("relation model has threshold %v and calibration %v; want a threshold in (0, 1] and a positive slope", head.Threshold, head.Calibration)
	}
	m := newRelModel(head.Classes)
	for _, t := range head.Thresholds {
		if t <= 0 || t > 1 || len(head.Thresholds) != len(head.Classes) {
			return nil, fmt.Errorf("relation model has class thresholds %v; want one in (0, 1] per class", head.Thresholds)
		}
	}
	m.Meta, m.Threshold, m.Thresholds, m.Calibration = head.Meta, head.Threshold, head.Thresholds, head.Calibration
	le := binary.LittleEndian
	b, ok := body.next(4)
	if !ok {
		return nil, fmt.Errorf("relation model truncated")
	}
	count := int(le.Uint32(b))
	n := m.width()
	rowSize := 8 + size*n
	if sparse {
		rowSize = 12 // the key and the mask; the weights follow
		if count > body.Len()/rowSize {
			return nil, fmt.Errorf("relation model truncated: %d rows in %d bytes", count, body.Len())
		}
	} else if body.Len() != count*rowSize {
		return nil, fmt.Errorf("relation model truncated: %d rows of %d weights in %d bytes", count, n, body.Len())
	}
	if size == 4 {
		m.weights = make([]float32, count*n)
	} else {
		m.half = make([]uint16, count*n)
	}
	index := newFeatIndex(count)
	m.rows, m.index = nil, &index
	for r := range count {
		row, ok := body.next(rowSize)
		if !ok {
			return nil, fmt.Errorf("relation model truncated")
		}
		index.add(le.Uint64(row), int32(r))
		if sparse {
			mask := le.Uint32(row[8:])
			if mask>>n != 0 {
				return nil, fmt.Errorf("relation model: a weight for class %d of %d", bits.Len32(mask)-1, n)
			}
			ws, ok := body.next(2 * bits.OnesCount32(mask))
			if !ok {
				return nil, fmt.Errorf("relation model truncated")
			}
			for c := range n {
				if mask&(1<<c) != 0 {
					m.half[r*n+c], ws = le.Uint16(ws), ws[2:]
				}
			}
			continue
		}
		for c := range n {
			if size == 4 {
				m.weights[r*n+c] = math.Float32frombits(le.Uint32(row[8+4*c:]))
			} else {
				m.half[r*n+c] = le.Uint16(row[8+2*c:])
			}
		}
	}
	if err := body.end(); err != nil {
		return nil, err
	}
	return m, nil
}

// spanHead is the token of a span whose head lies outside it: "Haram" of
// "Boko Haram" hangs on "Boko", which hangs on "militants".
func spanHead(toks []Token, sp span) int {
	for k := sp.first; k < sp.last; k++ {
		if h := toks[k].Head; h < sp.first || h >= sp.last {
			return k
		}
	}
	return sp.last - 1
}

// maxPathFeature bounds the dependency paths that become features: longer
// ones are too rare to learn from.
const maxPathFeature = 6

// parseFeatures reads the dependency parse between the two names, the
// feature published relation extractors find strongest: the relations on
// the path from one name's head to the other's ("nsubj<>obj": subject and
// object of one verb), and each name's own relation ("nmod", "appos"). The
// path's words and the names' head words were tried too and scored lower
// on the development sets (too sparse to learn from). pre are the pair's
// prefixes (relFeatures).
func parseFeatures(toks []Token, paths *pathFinder, subj, obj span, pre *[numRelTemplates]uint64, out []uint64) []uint64 {
	sh, oh := spanHead(toks, subj), spanHead(toks, obj)
	out = append(out, hashStr(pre[rfSrel], toks[sh].Rel), hashStr(pre[rfOrel], toks[oh].Rel))
	path := paths.path(toks, sh, oh)
	if len(path) == 0 {
		return append(out, hashStr(pre[rfDpr], "none"))
	}
	if len(path) > maxPathFeature+1 {
		return append(out, hashStr(pre[rfDpr], "long"))
	}
	h := pre[rfDpr]
	for k := 0; k+1 < len(path); k++ {
		if toks[path[k]].Head == path[k+1] {
			h = hashStr(hashStr(h, toks[path[k]].Rel), "<")
		} else {
			h = hashStr(hashStr(h, ">"), toks[path[k+1]].Rel)
		}
	}
	return append(out, h)
}

// toHalf rounds a float32 to the nearest IEEE 754 half-precision value
// (ties to even), saturating at the largest finite one; NaN becomes 0.
func toHalf(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case f != f:
		return 0
	case exp >= 31:
		return sign | 0x7bff // beyond the range: the largest half
	case exp <= 0:
		if exp < -10 {
			return sign // too small even for a subnormal half
		}
		// Subnormal: the implicit bit joins the mantissa, shifted down.
		mant |= 0x800000
		shift := uint(14 - exp)
		h := mant >> shift
		rest := mant & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rest > half || rest == half && h&1 == 1 {
			h++
		}
		return sign | uint16(h)
	}
	h := uint32(exp)<<10 | mant>>13
	rest := mant & 0x1fff
	if rest > 0x1000 || rest == 0x1000 && h&1 == 1 {
		h++ // may carry into the exponent, which is still right
	}
	if h >= 0x7c00 {
		return sign | 0x7bff
	}
	return sign | uint16(h)
}

// fromHalf widens an IEEE 754 half-precision value to a float32.
func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h >> 10 & 0x1f)
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0 && mant == 0:
		return math.Float32frombits(sign)
	case exp == 0:
		// Subnormal: normalize.
		e := uint32(127 - 15 + 1)
		for mant&0x400 == 0 {
			mant <<= 1
			e--
		}
		return math.Float32frombits(sign | e<<23 | (mant&0x3ff)<<13)
	case exp == 31:
		return math.Float32frombits(sign | 0xff<<23 | mant<<13)
	}
	return math.Float32frombits(sign | (exp-15+127)<<23 | mant<<13)
}
