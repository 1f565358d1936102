package extract

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
)

// NERClass is one class of the entity recognizer: its name (the schema type a
// span of the class gets by default) and every schema type the class covers,
// so that a gazetteer or a head word may narrow it ("Location" covers Country
// and Facility).
type NERClass struct {
	Name  string   `json:"name"`
	Types []string `json:"types"`
}

// NERModel is a trained sequence labeller: BILOU tags over the classes, a
// weight per (feature, tag), and first-order tag transitions, decoded with
// Viterbi. It is trained by an averaged structured perceptron (kg train).
type NERModel struct {
	Meta    ModelMeta
	Classes []NERClass
	// labels: 0 is O; class c has B, I, L, U at 1+4c .. 4+4c.
	nLabels int
	rows    map[uint64]int32 // feature hash -> row in weights, in training
	weights []float32        // len(rows) * nLabels, in training
	// packed holds a read model's rows (packedRows).
	packed *packedRows
	trans  []float32 // (nLabels+1) * nLabels; the last row is the sentence start
	// preds lists, for each label, the labels allowed before it, in
	// increasing order; first and last say which may start and end a
	// sentence (allowed, allowedEnd).
	preds       [][]int32
	first, last []bool
}

// packedRows holds a read model's rows as its file does, without their
// zeros (three quarters of the weights), in an open-addressing table at
// most half full: a slot holds a feature, a bit mask of the labels it has a
// weight for and where those weights start in vals (in label order). A
// lookup reads one slot, then the weights; a map took three times the
// memory, and separate arrays of keys, rows, masks and offsets a cache
// miss each. A row is the index of its slot; the last slot is feature 0's.
type packedRows struct {
	slots []packedSlot
	zero  bool // whether feature 0 has a row
	vals  []float32
}

type packedSlot struct {
	key       uint64 // 0: empty
	mask, off uint32
}

func newPackedRows(count int, nvals int) *packedRows {
	size := 1
	for size < 2*count+2 {
		size <<= 1
	}
	return &packedRows{slots: make([]packedSlot, size+1), vals: make([]float32, 0, nvals)}
}

func (p *packedRows) home(f uint64) int {
	return int((f * 0x9E3779B97F4A7C15 >> 20) & uint64(len(p.slots)-2))
}

// add gives feature f the row of labels mask whose weights start at off; a
// feature added again takes the later row.
func (p *packedRows) add(f uint64, mask, off uint32) {
	s := len(p.slots) - 1
	if f == 0 {
		p.zero = true
	} else {
		s = p.home(f)
		for p.slots[s].key != 0 && p.slots[s].key != f {
			s = (s + 1) & (len(p.slots) - 2)
		}
	}
	p.slots[s] = packedSlot{f, mask, off}
}

// find returns feature f's row.
func (p *packedRows) find(f uint64) (int32, bool) {
	if f == 0 {
		return int32(len(p.slots) - 1), p.zero
	}
	for s := p.home(f); ; s = (s + 1) & (len(p.slots) - 2) {
		switch p.slots[s].key {
		case f:
			return int32(s), true
		case 0:
			return 0, false
		}
	}
}

// features returns the features with a row in increasing order.
func (p *packedRows) features() []uint64 {
	var keys []uint64
	for _, s := range p.slots[:len(p.slots)-1] {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	if p.zero {
		keys = append(keys, 0)
	}
	slices.Sort(keys)
	return keys
}

// lookup returns feature f's row.
func (m *NERModel) lookup(f uint64) (int32, bool) {
	if m.packed != nil {
		return m.packed.find(f)
	}
	r, ok := m.rows[f]
	return r, ok
}

// features returns the model's features in increasing order.
func (m *NERModel) features() []uint64 {
	if m.packed != nil {
		return m.packed.features()
	}
	keys := make([]uint64, 0, len(m.rows))
	for k := range m.rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// row fills out (len nLabels) with row r's weights.
func (m *NERModel) row(r int32, out []float32) {
	n := m.nLabels
	if m.packed == nil {
		copy(out, m.weights[int(r)*n:int(r)*n+n])
		return
	}
	clear(out)
	p := m.packed
	v := p.vals[p.slots[r].off:]
	for mask := p.slots[r].mask; mask != 0; mask &= mask - 1 {
		out[bits.TrailingZeros32(mask)] = v[0]
		v = v[1:]
	}
}

// ModelMeta says what a model file was trained from, for people reading it.
type ModelMeta struct {
	Kind     string   `json:"kind"`
	Schema   string   `json:"schema"`
	Data     []string `json:"data"`
	Epochs   int      `json:"epochs"`
	Seed     uint64   `json:"seed"`
	Runs     int      `json:"runs"`
	Features int      `json:"features"`
}

const (
	tagO = 0
	tagB = 0
	tagI = 1
	tagL = 2
	tagU = 3
)

func labelOf(class, pos int) int { return 1 + 4*class + pos }

func labelParts(l int) (class, pos int) { return (l - 1) / 4, (l - 1) % 4 }

// allowed reports whether tag cur may follow tag prev (prev < 0: sentence start).
func allowed(prev, cur int) bool {
	open := false
	pc := -1
	if prev > 0 {
		c, p := labelParts(prev)
		open = p == tagB || p == tagI
		pc = c
	}
	if cur == tagO {
		return !open
	}
	c, p := labelParts(cur)
	if open {
		return c == pc && (p == tagI || p == tagL)
	}
	return p == tagB || p == tagU
}

func allowedEnd(l int) bool {
	if l == tagO {
		return true
	}
	_, p := labelParts(l)
	return p == tagL || p == tagU
}

func newNERModel(classes []NERClass) *NERModel {
	n := 1 + 4*len(classes)
	m := &NERModel{Classes: classes, nLabels: n, rows: map[uint64]int32{}, trans: make([]float32, (n+1)*n),
		preds: make([][]int32, n), first: make([]bool, n), last: make([]bool, n)}
	for l := range n {
		for p := range n {
			if allowed(p, l) {
				m.preds[l] = append(m.preds[l], int32(p))
			}
		}
		m.first[l], m.last[l] = allowed(-1, l), allowedEnd(l)
	}
	return m
}

// emissions fills scores[k*n+l] with the weight of label l at token k.
func (m *NERModel) emissions(feats [][]uint64, scores []float64) {
	n := m.nLabels
	if p := m.packed; p != nil {
		p.emissions(feats, scores, n)
		return
	}
	for k, fs := range feats {
		row := scores[k*n : (k+1)*n]
		clear(row)
		for _, f := range fs {
			r, ok := m.rows[f]
			if !ok {
				continue
			}
			w := m.weights[int(r)*n : int(r)*n+n]
			for l, x := range w {
				row[l] += float64(x)
			}
		}
	}
}

// emissions is NERModel.emissions for a read model's rows (eachRow: the
// same sums in the same order).
func (p *packedRows) emissions(feats [][]uint64, scores []float64, n int) {
	for k, fs := range feats {
		// A row's mask has a bit a label, so a token's sums fit an array of
		// 32, which a label indexes without a check of its bounds.
		var acc [32]float64
		eachRow(fs, p.find, func(r int32) {
			// The zeros left out add nothing: the same sums.
			sl := &p.slots[r]
			mask := sl.mask
			for _, w := range p.vals[sl.off : sl.off+uint32(bits.OnesCount32(mask))] {
				acc[bits.TrailingZeros32(mask)&31] += float64(w)
				mask &= mask - 1
			}
		})
		row := scores[k*n : (k+1)*n]
		clear(row)
		copy(row, acc[:])
	}
}

// eachRow calls add with the row of each of feats that find finds, in the
// features' order, having found the rows of up to 64 features before adding
// any: a model's table is larger than the processor's caches, and the
// lookups of one pass do not wait on each other, so their waits on memory
// overlap.
func eachRow(feats []uint64, find func(uint64) (int32, bool), add func(int32)) {
	var rows [64]int32
	for len(feats) > 0 {
		batch := feats[:min(len(feats), len(rows))]
		feats = feats[len(batch):]
		for i, f := range batch {
			r, ok := find(f)
			if !ok {
				r = -1
			}
			rows[i] = r
		}
		for _, r := range rows[:len(batch)] {
			if r >= 0 {
				add(r)
			}
		}
	}
}

// viterbi returns the best valid tag sequence for the emission scores.
func (m *NERModel) viterbi(scores []float64, length int, trans []float32) []int {
	var sc nerScratch
	return m.viterbiInto(&sc, scores, length, trans)
}

// nerScratch holds what the recognizer reuses from sentence to sentence:
// features, emission scores and the Viterbi tables.
type nerScratch struct {
	feats  [][]uint64
	buf    []uint64
	ends   []int
	scores []float64
	best   []float64
	back   []int32
	out    []int
	view   []tokenView
}

// grow returns s resized to n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// viterbiInto is viterbi in sc's tables; the sequence is sc's until its
// next use.
func (m *NERModel) viterbiInto(sc *nerScratch, scores []float64, length int, trans []float32) []int {
	n := m.nLabels
	if length == 0 {
		return nil
	}
	sc.best, sc.back = grow(sc.best, length*n), grow(sc.back, length*n)
	best, back := sc.best, sc.back
	neg := math.Inf(-1)
	for l := 0; l < n; l++ {
		if m.first[l] {
			best[l] = scores[l] + float64(trans[n*n+l])
		} else {
			best[l] = neg
		}
		back[l] = 0
	}
	for k := 1; k < length; k++ {
		prev := best[(k-1)*n : k*n]
		for l := 0; l < n; l++ {
			b, arg := neg, int32(0)
			for _, p := range m.preds[l] {
				if prev[p] == neg {
					continue
				}
				if s := prev[p] + float64(trans[int(p)*n+l]); s > b {
					b, arg = s, p
				}
			}
			if b == neg {
				best[k*n+l] = neg
			} else {
				best[k*n+l] = b + scores[k*n+l]
			}
			back[k*n+l] = arg
		}
	}
	last, b := 0, neg
	for l := 0; l < n; l++ {
		if m.last[l] && best[(length-1)*n+l] > b {
			b, last = best[(length-1)*n+l], l
		}
	}
	sc.out = grow(sc.out, length)
	out := sc.out
	out[length-1] = last
	for k := length - 1; k > 0; k-- {
		out[k-1] = int(back[k*n+out[k]])
	}
	return out
}

// nerSpan is a recognized entity: tokens [first, last) of a sentence and a class.
type nerSpan struct {
	first, last int
	class       int
}

// spansOf reads spans off a valid tag sequence.
func spansOf(tags []int) []nerSpan {
	var out []nerSpan
	start := -1
	for k, l := range tags {
		if l == tagO {
			start = -1
			continue
		}
		c, p := labelParts(l)
		switch p {
		case tagB:
			start = k
		case tagU:
			out = append(out, nerSpan{k, k + 1, c})
		case tagL:
			if start >= 0 {
				out = append(out, nerSpan{start, k + 1, c})
			}
			start = -1
		}
	}
	return out
}

// predict labels the tokens of one sentence.
func (m *NERModel) predict(feats [][]uint64) []nerSpan {
	var sc nerScratch
	return m.predictInto(&sc, feats)
}

// predictInto is predict with sc's tables.
func (m *NERModel) predictInto(sc *nerScratch, feats [][]uint64) []nerSpan {
	sc.scores = grow(sc.scores, len(feats)*m.nLabels)
	m.emissions(feats, sc.scores)
	return spansOf(m.viterbiInto(sc, sc.scores, len(feats), m.trans))
}

const nerMagic = "kg-ner-model 1\n"

// Write stores the model: a header line of JSON, then the weights. The
// bytes depend only on the weights, so one training run gives one file.
func (m *NERModel) Write(w io.Writer) error {
	head := struct {
		Meta    ModelMeta  `json:"meta"`
		Classes []NERClass `json:"classes"`
	}{m.Meta, m.Classes}
	return writeModel(w, nerMagic, head, m.writeWeights)
}

func (m *NERModel) writeWeights(bw *bufio.Writer) {
	le := binary.LittleEndian
	var buf [8]byte
	put32 := func(f float32) { le.PutUint32(buf[:4], math.Float32bits(f)); bw.Write(buf[:4]) }
	for _, x := range m.trans {
		put32(x)
	}
	keys := m.features()
	le.PutUint32(buf[:4], uint32(len(keys)))
	bw.Write(buf[:4])
	row := make([]float32, m.nLabels)
	for _, k := range keys {
		le.PutUint64(buf[:], k)
		bw.Write(buf[:])
		r, _ := m.lookup(k)
		m.row(r, row)
		// Sparse: a bit mask of the labels with a weight, then those weights.
		var mask uint32
		for l, x := range row {
			if x != 0 {
				mask |= 1 << l
			}
		}
		le.PutUint32(buf[:4], mask)
		bw.Write(buf[:4])
		for _, x := range row {
			if x != 0 {
				put32(x)
			}
		}
	}
}

// ReadNERModel loads a model written by Write.
func ReadNERModel(data []byte) (*NERModel, error) {
	var head struct {
		Meta    ModelMeta  `json:"meta"`
		Classes []NERClass `json:"classes"`
	}
	body, err := readModel(data, nerMagic, "entity model", &head)
	if err != nil {
		return nil, err
	}
	if len(head.Classes) == 0 || len(head.Classes) > 7 {
		return nil, fmt.Errorf("entity model has %d classes; 1 to 7 are supported", len(head.Classes))
	}
	m := newNERModel(head.Classes)
	m.Meta = head.Meta
	le := binary.LittleEndian
	truncated := fmt.Errorf("entity model truncated")
	read32 := func() (uint32, error) {
		b, ok := body.next(4)
		if !ok {
			return 0, truncated
		}
		return le.Uint32(b), nil
	}
	for i := range m.trans {
		u, err := read32()
		if err != nil {
			return nil, err
		}
		m.trans[i] = math.Float32frombits(u)
	}
	count, err := read32()
	if err != nil {
		return nil, err
	}
	// A row takes at least 12 bytes: a count beyond that is a corrupt file.
	if int(count) > body.Len()/12 {
		return nil, truncated
	}
	n := m.nLabels
	p := newPackedRows(int(count), body.Len()/4)
	m.rows = nil
	for range count {
		b, ok := body.next(12)
		if !ok {
			return nil, truncated
		}
		f, mask := le.Uint64(b), le.Uint32(b[8:])
		if mask>>n != 0 {
			return nil, fmt.Errorf("entity model: a weight for label %d of %d", bits.Len32(mask)-1, n)
		}
		p.add(f, mask, uint32(len(p.vals)))
		for range bits.OnesCount32(mask) {
			u, err := read32()
			if err != nil {
				return nil, err
			}
			p.vals = append(p.vals, math.Float32frombits(u))
		}
	}
	if err := body.end(); err != nil {
		return nil, err
	}
	m.packed = p
	return m, nil
}
