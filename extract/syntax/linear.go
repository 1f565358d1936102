package syntax

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/kg/kg/internal/inplace"
)

// A feature is a 64-bit hash of a template and its values (40 bits kept,
// never 0). Both the trainer and the compact model map a feature to a row of
// weights, one a class; features never seen in training score nothing.

// perceptron is an averaged multiclass perceptron in training: a row of
// weights for each feature that was ever updated. The average is kept with
// the usual trick: u accumulates each update times the instance count at
// which it happened, and the average is w - u/c.
type perceptron struct {
	nclass int
	index  map[uint64]int32
	w, u   []float32
	c      float32
}

func newPerceptron(nclass int) *perceptron {
	return &perceptron{nclass: nclass, index: make(map[uint64]int32), c: 1}
}

// score adds the current weights of feats into scores (len nclass, zeroed by
// the caller).
func (p *perceptron) score(feats []uint64, scores []float32) {
	n := p.nclass
	for _, f := range feats {
		if r, ok := p.index[f]; ok {
			row := p.w[int(r)*n : int(r)*n+n]
			for k, v := range row {
				scores[k] += v
			}
		}
	}
}

// update moves the weights of feats towards class gold and away from class
// guess. Every update adds 1 and takes 1 from a feature's row, so each
// row's weights sum to 0 (the compact model relies on it for three-class
// rows).
func (p *perceptron) update(feats []uint64, gold, guess int) {
	if gold == guess {
		return
	}
	n := p.nclass
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			r = int32(len(p.w) / n)
			p.index[f] = r
			p.w = append(p.w, make([]float32, n)...)
			p.u = append(p.u, make([]float32, n)...)
		}
		base := int(r) * n
		p.w[base+gold]++
		p.u[base+gold] += p.c
		p.w[base+guess]--
		p.u[base+guess] -= p.c
	}
}

// tick counts one training instance.
func (p *perceptron) tick() { p.c++ }

// compile returns the averaged weights as a compact model. A row is kept
// when one of its weights reaches prune in magnitude; of a kept row of more
// than three classes, the weights below prune/2 are dropped.
func (p *perceptron) compile(prune float64) *linear {
	keys := make([]uint64, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := p.nclass
	avg := func(i int) float64 { return float64(p.w[i]) - float64(p.u[i])/float64(p.c) }
	var rows []frow
	for _, k := range keys {
		base := int(p.index[k]) * n
		keep := false
		for c := range n {
			if math.Abs(avg(base+c)) >= prune && avg(base+c) != 0 {
				keep = true
				break
			}
		}
		if !keep {
			continue
		}
		r := frow{key: k}
		for c := range n {
			if w := avg(base + c); w != 0 && (n == 3 || math.Abs(w) >= prune/2) {
				r.cls = append(r.cls, uint8(c))
				r.w = append(r.w, w)
			}
		}
		rows = append(rows, r)
	}
	return buildLinear(n, rows)
}

// frow is a feature's averaged weights before quantization.
type frow struct {
	key uint64
	cls []uint8
	w   []float64
}

// linear is a trained, compact linear model, laid out as it is stored in the
// model file so that reading one decodes nothing. A feature has one 32-bit
// entry: 16 bits of its hash (the fingerprint) above 16 bits of payload.
// Weights are 8-bit codes into a table of 255 levels, spaced evenly in
// logarithm; scores are summed as integers.
//
// A three-class model (the parser's transitions, which make most of the
// lookups) keeps two codes in the payload, the first two classes' weights:
// a perceptron's row sums to 0, so the third is minus their sum. Its
// entries are in 2^bits buckets of eight slots, each feature in one of two
// buckets its hash picks (cuckoo hashing): a lookup reads two half cache
// lines, which do not wait on each other, and nothing else. The table is 87
// to 90% full.
//
// Any other model sorts its features into 2^bits buckets by their high
// bits, a bucket's entries from start[bucket] on; the payload is the row's
// number of (class, code) pairs, which follow each other in pairs, a
// bucket's from pstart[bucket] on.
//
// Two features may share a fingerprint where a lookup reads (a few hundred
// of a million do); a lookup sums every match. A feature never seen in
// training matches a fingerprint about once in 5,000 lookups and then adds
// that feature's weights: noise far below the model's errors.
type linear struct {
	nclass int
	bits   uint
	lut    [256]int32 // code -> weight in units (code as int8: negative codes weigh minus)
	start  []uint32   // 2^bits+1: the first entry of each bucket (not with three classes)
	pstart []uint32   // 2^bits+1: the first pair of each bucket (not with three classes)
	entry  []uint32   // fingerprint << 16 | payload; with three classes 0 is an empty slot
	pairs  []uint16   // class << 8 | code
}

// rows is how many features the model has.
func (l *linear) rows() int {
	if !l.dense() {
		return len(l.entry)
	}
	n := 0
	for _, e := range l.entry {
		if e != 0 {
			n++
		}
	}
	return n
}

// slotsPerBucket is the size of a three-class model's buckets.
const slotsPerBucket = 8

// scoreCuckoo tests a bucket's eight slots at once.
var _ = [1]int{}[slotsPerBucket-8]

// buckets returns the two buckets a feature of a three-class model may be
// in, and its fingerprint (never 0).
func (l *linear) buckets(key uint64) (b1, b2 uint64, fp uint32) {
	b1 = key >> (40 - l.bits)
	b2 = (key * 0x9E3779B97F4A7C15) >> (64 - l.bits)
	fp = uint32(key>>(24-l.bits))&0xffff | 1
	return b1, b2, fp
}

func (l *linear) dense() bool { return l.nclass == 3 }

// unitsPerWeight scales weights to the integer units of the code table.
const unitsPerWeight = 100

// codeTable spaces 127 magnitudes evenly in logarithm from lo to hi (in
// units), and returns the table from code to weight.
func codeTable(lo, hi float64) [256]int32 {
	var lut [256]int32
	g := math.Pow(hi/lo, 1.0/126)
	for c := 1; c <= 127; c++ {
		v := int32(math.Round(lo * math.Pow(g, float64(c-1))))
		lut[c] = v
		lut[uint8(int8(-c))] = -v
	}
	return lut
}

// encode returns the code whose weight is nearest w (in units).
func encode(lut *[256]int32, w float64) uint8 {
	a := math.Abs(w)
	if a < float64(lut[1])/2 {
		return 0
	}
	// lut[1..127] ascend.
	k := 1 + sortSearch(126, func(i int) bool { return float64(lut[i+1]) >= a })
	if k > 127 {
		k = 127
	}
	if k > 1 && a-float64(lut[k-1]) < float64(lut[k])-a {
		k--
	}
	if w < 0 {
		return uint8(int8(-k))
	}
	return uint8(k)
}

func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// bucketBits gives about eight features a bucket.
func bucketBits(n int) uint {
	b := uint(4)
	for b < 24 && n>>b > 8 {
		b++
	}
	return b
}

// buildLinear quantizes rows (sorted by key) into a compact model.
func buildLinear(nclass int, rows []frow) *linear {
	maxAbs := 0.0
	for _, r := range rows {
		for _, w := range r.w {
			maxAbs = max(maxAbs, math.Abs(w))
		}
	}
	l := &linear{nclass: nclass, bits: bucketBits(len(rows))}
	// The smallest level is a quarter of a weight of 1: perceptron weights
	// are averages of whole updates.
	l.lut = codeTable(unitsPerWeight/4, max(maxAbs*unitsPerWeight, unitsPerWeight))
	if l.dense() {
		l.buildCuckoo(rows)
		return l
	}
	nb := 1 << l.bits
	l.start = make([]uint32, nb+1)
	if !l.dense() {
		l.pstart = make([]uint32, nb+1)
	}
	l.entry = make([]uint32, 0, len(rows))
	b := 0
	for _, r := range rows {
		rb := int(r.key >> (40 - l.bits))
		for b < rb {
			b++
			l.start[b] = uint32(len(l.entry))
			if l.pstart != nil {
				l.pstart[b] = uint32(len(l.pairs))
			}
		}
		fp := uint32(r.key>>(24-l.bits)) & 0xffff
		n := 0
		for i, c := range r.cls {
			if code := encode(&l.lut, r.w[i]*unitsPerWeight); code != 0 {
				l.pairs = append(l.pairs, uint16(c)<<8|uint16(code))
				n++
			}
		}
		l.entry = append(l.entry, fp<<16|uint32(n))
	}
	for b < nb {
		b++
		l.start[b] = uint32(len(l.entry))
		if l.pstart != nil {
			l.pstart[b] = uint32(len(l.pairs))
		}
	}
	return l
}

// buildCuckoo fills a three-class model's table: each feature, in key
// order, goes to the emptier of its two buckets; when both are full it
// takes a slot from another feature, which moves to its other bucket (the
// slot chosen in turn, so that the same rows give the same table). A table
// that cannot hold them all is made twice as large.
func (l *linear) buildCuckoo(rows []frow) {
	l.bits = 4
	for slotsPerBucket<<l.bits*9/10 < len(rows) {
		l.bits++
	}
	for {
		if l.fillCuckoo(rows) {
			return
		}
		l.bits++
	}
}

func (l *linear) fillCuckoo(rows []frow) bool {
	size := slotsPerBucket << l.bits
	l.entry = make([]uint32, size)
	keys := make([]uint64, size)
	fill := make([]uint8, 1<<l.bits)
	turn := 0
	for _, r := range rows {
		var w [3]float64
		for i, c := range r.cls {
			w[c] = r.w[i]
		}
		a, b := encode(&l.lut, w[0]*unitsPerWeight), encode(&l.lut, w[1]*unitsPerWeight)
		key := r.key
		_, _, fp := l.buckets(key)
		e := fp<<16 | uint32(a)<<8 | uint32(b)
		placed := false
		for kick := 0; kick < 500 && !placed; kick++ {
			b1, b2, _ := l.buckets(key)
			if fill[b2] < fill[b1] {
				b1, b2 = b2, b1
			}
			if fill[b1] < slotsPerBucket {
				s := int(b1)*slotsPerBucket + int(fill[b1])
				l.entry[s], keys[s] = e, key
				fill[b1]++
				placed = true
				break
			}
			// Both full: take a slot of one of them, in turn.
			turn++
			victim := b1
			if turn%2 == 0 {
				victim = b2
			}
			s := int(victim)*slotsPerBucket + turn%slotsPerBucket
			l.entry[s], e = e, l.entry[s]
			keys[s], key = key, keys[s]
		}
		if !placed {
			return false
		}
	}
	return true
}

// score adds the weights of feats into scores (len nclass, zeroed by the
// caller).
func (l *linear) score(feats []uint64, scores []int32) {
	l.scoreMemo(feats, scores, nil)
}

// memo remembers where a model keeps the weights of the features it looked
// up last, by a few bits of their hash: one slot each, a later feature
// taking the slot of an earlier one. The tagger and parser look up many of
// the same features again and again (the tags' and the frequent words');
// a memo, small enough for the processor's nearer caches, answers those
// without reading the model's tables, which are not. The sums are the
// tables': integers, in any order. A memo serves one model.
type memo struct {
	slots [1 << memoBits]memoSlot
}

// memoBits sizes a memo: 8,192 slots, 128 KB (larger ones were no faster
// on English Web Treebank sentences).
const memoBits = 13

// memoSlot holds a feature's two weights (a three-class model), or where
// its weights lie in pairs and how many there are (any other); a feature
// the model lacks has none.
type memoSlot struct {
	key  uint64 // 0: empty (no feature is 0)
	a, b int32
}

func (m *memo) slot(f uint64) *memoSlot {
	return &m.slots[(f*0x9E3779B97F4A7C15)>>(64-memoBits)]
}

// scoreMemo is score through m (nil: none): the features m holds are added
// from it, the others looked up in the tables (and kept in m), 64 at a
// time.
func (l *linear) scoreMemo(feats []uint64, scores []int32, m *memo) {
	if !l.dense() && len(scores) < 256 {
		// A model of pairs sums into an array that a pair's class (a
		// byte) indexes without a check of its bounds.
		var acc [256]int32
		l.scoreMemo(feats, acc[:], m)
		for c := range scores {
			scores[c] += acc[c]
		}
		return
	}
	var miss [64]uint64
	for len(feats) > 0 {
		n := min(len(feats), 64)
		if m == nil {
			l.score64(feats[:n], scores, nil)
			feats = feats[n:]
			continue
		}
		k := 0
		for _, f := range feats[:n] {
			sl := m.slot(f)
			if sl.key != f {
				miss[k] = f
				k++
				continue
			}
			if l.dense() {
				scores[0] += sl.a
				scores[1] += sl.b
				scores[2] -= sl.a + sl.b
				continue
			}
			sc := (*[256]int32)(scores)
			for _, q := range l.pairs[sl.a : sl.a+sl.b] {
				sc[q>>8] += l.lut[uint8(q)]
			}
		}
		l.score64(miss[:k], scores, m)
		feats = feats[n:]
	}
}

// score64 scores up to 64 features in passes: each feature's bucket
// bounds, then the first entry of each bucket, then the entries. The tables
// are larger than the processor's caches, so a lookup waits on memory; the
// loads of one pass do not depend on each other and overlap. Each
// feature's place is kept in m if it is not nil (but for the few that share
// a fingerprint with another of the bucket). But for a three-class model,
// scores has 256 classes (scoreMemo).
func (l *linear) score64(feats []uint64, scores []int32, m *memo) {
	if l.dense() {
		l.scoreCuckoo(feats, scores, m)
		return
	}
	sc := (*[256]int32)(scores)
	shift, fpShift := 40-l.bits, 24-l.bits
	start, entry, lut := l.start, l.entry, &l.lut
	var lo, hi [64]uint32
	for i, f := range feats {
		b := f >> shift
		lo[i], hi[i] = start[b], start[b+1]
	}
	// The first entry of each bucket, loaded here and read below: the
	// loads overlap, and the rest of a bucket is mostly in the same line.
	var first [64]uint32
	for i := range feats {
		if lo[i] < hi[i] {
			first[i] = entry[lo[i]]
		}
	}
	for i, f := range feats {
		if lo[i] == hi[i] || first[i]>>16 != uint32(f>>fpShift)&0xffff && hi[i]-lo[i] == 1 {
			if m != nil {
				*m.slot(f) = memoSlot{key: f}
			}
			continue
		}
		fp := uint32(f>>fpShift) & 0xffff
		p := l.pstart[f>>shift]
		var at, count uint32
		matches := 0
		for _, e := range entry[lo[i]:hi[i]] {
			n := e & 0xffff
			if e>>16 == fp {
				for _, q := range l.pairs[p : p+n] {
					sc[q>>8] += lut[uint8(q)]
				}
				at, count = p, n
				matches++
			}
			p += n
		}
		if m != nil && matches <= 1 {
			*m.slot(f) = memoSlot{key: f, a: int32(at), b: int32(count)}
		}
	}
}

// scoreCuckoo is score64 for a three-class model: first the first slot of
// each feature's two buckets (loads that overlap), then the buckets.
func (l *linear) scoreCuckoo(feats []uint64, scores []int32, m *memo) {
	entry, lut := l.entry, &l.lut
	var at1, at2 [64]uint64
	var first1, first2 [64]uint32
	for i, f := range feats {
		b1, b2, _ := l.buckets(f)
		at1[i], at2[i] = b1*slotsPerBucket, b2*slotsPerBucket
		first1[i], first2[i] = entry[at1[i]], entry[at2[i]]
	}
	var s0, s1 int32
	// bucket adds the matches of fp in the bucket at at, whose first slot
	// holds first, to f0 and f1. Most features match no slot of a bucket:
	// one test of all eight (a slot matches when its xor with fp<<16 is
	// below 1<<16; an empty slot, 0, never does, as no fingerprint is 0)
	// says so without a branch a slot, and only a bucket that holds a match
	// is read slot by slot.
	bucket := func(at uint64, first, fp uint32, f0, f1 *int32) {
		b := (*[slotsPerBucket]uint32)(entry[at : at+slotsPerBucket])
		x := fp << 16
		if min(first^x, b[1]^x, b[2]^x, b[3]^x, b[4]^x, b[5]^x, b[6]^x, b[7]^x) >= 1<<16 {
			return
		}
		for _, e := range b {
			if e>>16 == fp {
				*f0, *f1 = *f0+lut[uint8(e>>8)], *f1+lut[uint8(e)]
			}
		}
	}
	for i, f := range feats {
		_, _, fp := l.buckets(f)
		var f0, f1 int32
		bucket(at1[i], first1[i], fp, &f0, &f1)
		if at2[i] != at1[i] {
			bucket(at2[i], first2[i], fp, &f0, &f1)
		}
		if m != nil {
			*m.slot(f) = memoSlot{f, f0, f1}
		}
		s0, s1 = s0+f0, s1+f1
	}
	scores[0] += s0
	scores[1] += s1
	scores[2] -= s0 + s1
}

// The model file stores a linear model as a header of six little-endian
// uint32 (classes, bucket bits, entries, pairs) and zeros to 64 bytes, the
// code table (256 int32), then start, pstart (not with three classes), entry
// and pairs, padded to a multiple of 64 bytes: a file whose sections start
// at multiples of 64 keeps a three-class model's buckets (32 bytes) each in
// one cache line.

func (l *linear) size() int { return l.sizeFor(len(l.entry), len(l.pairs)) }

func (l *linear) appendTo(out []byte) []byte {
	le := binary.LittleEndian
	begin := len(out)
	for _, v := range []uint32{uint32(l.nclass), uint32(l.bits), uint32(len(l.entry)), uint32(len(l.pairs))} {
		out = le.AppendUint32(out, v)
	}
	out = append(out, make([]byte, linearHead-16)...)
	for _, v := range l.lut {
		out = le.AppendUint32(out, uint32(v))
	}
	for _, s := range [][]uint32{l.start, l.pstart, l.entry} {
		for _, v := range s {
			out = le.AppendUint32(out, v)
		}
	}
	for _, v := range l.pairs {
		out = le.AppendUint16(out, v)
	}
	for (len(out)-begin)%64 != 0 {
		out = append(out, 0)
	}
	return out
}

// linearHead is the size of a linear model's header in its file.
const linearHead = 64

// readLinear reads a model at the start of data, without copying its arrays
// where the machine allows (data must then not change), checking every
// offset so that no lookup can go out of bounds. It returns the bytes after
// the model.
func readLinear(data []byte) (*linear, []byte, error) {
	le := binary.LittleEndian
	if len(data) < linearHead+1024 {
		return nil, nil, fmt.Errorf("truncated")
	}
	nclass, bits, nentry, npairs := le.Uint32(data), le.Uint32(data[4:]), le.Uint32(data[8:]), le.Uint32(data[12:])
	if nclass < 2 || nclass > 256 || bits < 4 || bits > 24 || nentry > 1<<28 || npairs > 1<<30 {
		return nil, nil, fmt.Errorf("implausible sizes: %d classes, %d bucket bits, %d features, %d weights", nclass, bits, nentry, npairs)
	}
	l := &linear{nclass: int(nclass), bits: uint(bits)}
	for i := range l.lut {
		l.lut[i] = int32(le.Uint32(data[linearHead+4*i:]))
	}
	if size := l.sizeFor(int(nentry), int(npairs)); len(data) < size {
		return nil, nil, fmt.Errorf("truncated")
	}
	off := linearHead + 1024
	nb := 1<<bits + 1
	u32 := func(n int) []uint32 {
		s := inplace.Ints[uint32](data[off : off+4*n])
		off += 4 * n
		return s
	}
	if l.dense() {
		// Every slot a lookup can reach is in the table.
		if nentry != slotsPerBucket<<bits || npairs != 0 {
			return nil, nil, fmt.Errorf("a table of %d slots for %d buckets", nentry, 1<<bits)
		}
		l.entry = u32(int(nentry))
		return l, data[l.size():], nil
	}
	l.start = u32(nb)
	l.pstart = u32(nb)
	l.entry = u32(int(nentry))
	l.pairs = inplace.Ints[uint16](data[off : off+2*int(npairs)])
	if !monotone(l.start, nentry) || !monotone(l.pstart, npairs) {
		return nil, nil, fmt.Errorf("corrupt bucket offsets")
	}
	{
		for b := 0; b+1 < nb; b++ {
			p := l.pstart[b]
			for _, e := range l.entry[l.start[b]:l.start[b+1]] {
				p += e & 0xffff
			}
			if p != l.pstart[b+1] {
				return nil, nil, fmt.Errorf("corrupt weight counts")
			}
		}
		for _, q := range l.pairs {
			if uint32(q>>8) >= nclass {
				return nil, nil, fmt.Errorf("class %d of %d", q>>8, nclass)
			}
		}
	}
	return l, data[l.size():], nil
}

func (l *linear) sizeFor(nentry, npairs int) int {
	n := linearHead + 1024 + 4*nentry + 2*npairs
	if !l.dense() {
		n += 2 * 4 * (1<<l.bits + 1)
	}
	return (n + 63) &^ 63
}

// monotone says whether s starts at 0, never decreases and ends at last.
func monotone(s []uint32, last uint32) bool {
	if s[0] != 0 || s[len(s)-1] != last {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
			return false
		}
	}
	return true
}
