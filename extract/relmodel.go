package extract

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"github.com/kg/kg/schemas"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
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
	rows        map[uint64]int32
	weights     []float32 // rows * (len(Classes)+1)
	fitsOnce    sync.Once
	fits        []func(subj, obj string) bool // per class; see classFits
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
	for _, f := range feats {
		r, ok := m.rows[f]
		if !ok {
			continue
		}
		for c, w := range m.weights[int(r)*n : int(r)*n+n] {
			p[c] += float64(w)
		}
	}
	softmax(p[:n])
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

// relFeatures are the features of the pair (subj, obj) in clause c; rules
// lists the relation types the rules found for the pair.
func (x *Extractor) relFeatures(c *clause, si, oi int, rules []string, out []uint64) []uint64 {
	a := c.a
	subj, obj := c.spans[si], c.spans[oi]
	st, ot := c.typ(subj), c.typ(obj)
	types := st + ">" + ot
	left, right := subj, obj
	dir := "sub-first"
	if obj.first < subj.first {
		left, right = obj, subj
		dir = "obj-first"
	}
	td := types + "|" + dir
	out = append(out, feat("bias", ""), feat("types", td), feat("st", st), feat("ot", ot))
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
	out = append(out, feat2("dist", td, bucket))
	lo, hi := min(si, oi), max(si, oi)
	others := c.named[hi] - c.named[lo+1] // the names between the two
	out = append(out, feat2("others", td, fmt.Sprint(min(others, 3))))
	var midTypes []string // the types of the first names between
	for k := lo + 1; k < hi && len(midTypes) < 3; k++ {
		if !c.spans[k].coref {
			midTypes = append(midTypes, c.typ(c.spans[k]))
		}
	}
	out = append(out, feat2("btypes", td, strings.Join(midTypes, " ")))
	var words, tags []string
	verb, lastVerb, verbs := "", "", 0
	for k := left.last; k < right.first; k++ {
		if right.first-left.last > 2*maxBetween && k == left.last+maxBetween {
			k = right.first - maxBetween // a long gap: its two ends speak
		}
		w := a.low[k]
		words = append(words, w)
		tags = append(tags, a.toks[k].Tag)
		out = append(out, feat("bw", w), feat2("tbw", td, w))
		if strings.HasPrefix(a.toks[k].Tag, "VB") {
			if verb == "" {
				verb = w
			}
			lastVerb = w
			verbs++
		}
		for _, t := range x.rules.verbs[w] {
			out = append(out, feat2("trig", td, t.rel))
		}
		if rel, n := x.rules.nouns.longest(a.toks, k, right.first, lower); n > 0 {
			out = append(out, feat2("noun", td, rel))
		}
	}
	if len(words) > 0 {
		out = append(out, feat2("bf", td, words[0]), feat2("bl", td, words[len(words)-1]))
	}
	if len(words) <= 4 {
		out = append(out, feat2("bs", td, strings.Join(words, " ")))
	}
	if len(tags) <= 5 {
		out = append(out, feat2("bt", td, strings.Join(tags, " ")))
	}
	if verb != "" {
		out = append(out, feat2("v", td, verb), feat("v0", verb), feat2("vl", td, lastVerb))
	}
	out = append(out, feat2("nv", td, fmt.Sprint(min(verbs, 3))))
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
	out = append(out,
		feat2("b1", td, before(left.first-1)), feat2("b2", td, before(left.first-2)+" "+before(left.first-1)),
		feat2("a1", td, after(right.last)), feat2("a2", td, after(right.last)+" "+after(right.last+1)),
		feat2("h1", st, a.low[subj.last-1]), feat2("h2", ot, a.low[obj.last-1]),
		feat2("hh", td, a.low[subj.last-1]+" "+a.low[obj.last-1]),
		feat2("sf", st, a.low[subj.first]), feat2("of", ot, a.low[obj.first]),
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
	out = append(out, feat2("s-1", td, before(subj.first-1)), feat2("s+1", td, after(subj.last)),
		feat2("o-1", td, before(obj.first-1)), feat2("o+1", td, after(obj.last)),
		feat2("s-1t", td, tagAt(subj.first-1)), feat2("o-1t", td, tagAt(obj.first-1)))
	for _, r := range rules {
		out = append(out, feat("rule", r), feat2("rule-t", td, r))
	}
	out = parseFeatures(a.toks, subj, obj, td, out)
	// What the place lists know: the subject lies within the object, or the
	// object within the subject ("Tokyo" within "Japan").
	sText, oText := joinText(a.toks, subj.first, subj.last), joinText(a.toks, obj.first, obj.last)
	if x.lex.contains(oText, sText) {
		out = append(out, feat("kb", "in"), feat2("kb-t", td, "in"))
	}
	if x.lex.contains(sText, oText) {
		out = append(out, feat("kb", "has"), feat2("kb-t", td, "has"))
	}
	return out
}

// classifyPairs runs the classifier over every ordered pair of distinct
// named entities of the sentence and returns, per pair, its most likely
// class and that class's probability.
func (x *Extractor) classifyPairs(c *clause, ruleTypes map[[2]int][]string) []scoredPair {
	var out []scoredPair
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

// Relation model formats: 1 stored each weight as a float32; 2, written
// now, as a float16 (IEEE half precision: 11 significant bits, about three
// decimal digits, more than the classifier's verdicts need), which halves
// the file and what it costs to embed.
const (
	relMagic1 = "kg-rel-model 1\n"
	relMagic  = "kg-rel-model 2\n"
)

// Write stores the model: a header line of JSON, then weights, gzipped.
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
	keys := make([]uint64, 0, len(m.rows))
	for k := range m.rows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	le := binary.LittleEndian
	var buf [8]byte
	le.PutUint32(buf[:4], uint32(len(keys)))
	bw.Write(buf[:4])
	n := m.width()
	for _, k := range keys {
		le.PutUint64(buf[:], k)
		bw.Write(buf[:])
		for _, x := range m.weights[int(m.rows[k])*n : int(m.rows[k])*n+n] {
			le.PutUint16(buf[:2], toHalf(x))
			bw.Write(buf[:2])
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
	body, version, err := readModelOf(data, []string{relMagic1, relMagic}, "relation model", &head)
	if err != nil {
		return nil, err
	}
	size := 2 // bytes a weight
	if version == 0 {
		size = 4
	}
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
	if len(body) < 4 {
		return nil, fmt.Errorf("relation model truncated")
	}
	le := binary.LittleEndian
	count := int(le.Uint32(body))
	body = body[4:]
	n := m.width()
	if len(body) != count*(8+size*n) {
		return nil, fmt.Errorf("relation model truncated: %d rows of %d weights in %d bytes", count, n, len(body))
	}
	m.weights = make([]float32, count*n)
	m.rows = make(map[uint64]int32, count)
	for r := range count {
		m.rows[le.Uint64(body)] = int32(r)
		for c := range n {
			if size == 4 {
				m.weights[r*n+c] = math.Float32frombits(le.Uint32(body[8+4*c:]))
			} else {
				m.weights[r*n+c] = fromHalf(le.Uint16(body[8+2*c:]))
			}
		}
		body = body[8+size*n:]
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
// on the development sets (too sparse to learn from).
func parseFeatures(toks []Token, subj, obj span, td string, out []uint64) []uint64 {
	sh, oh := spanHead(toks, subj), spanHead(toks, obj)
	out = append(out, feat2("srel", td, toks[sh].Rel), feat2("orel", td, toks[oh].Rel))
	path := depPath(toks, sh, oh)
	if len(path) == 0 {
		return append(out, feat2("dpr", td, "none"))
	}
	if len(path) > maxPathFeature+1 {
		return append(out, feat2("dpr", td, "long"))
	}
	var rels []string
	for k := 0; k+1 < len(path); k++ {
		if toks[path[k]].Head == path[k+1] {
			rels = append(rels, toks[path[k]].Rel+"<")
		} else {
			rels = append(rels, ">"+toks[path[k+1]].Rel)
		}
	}
	return append(out, feat2("dpr", td, strings.Join(rels, "")))
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
