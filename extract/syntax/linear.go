package syntax

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// A feature is a 64-bit hash of a template and its values (never 0). Both
// the trainer and the compact model map a feature to a row of weights, one a
// class; features never seen in training score nothing.

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
// guess.
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

// compile returns the averaged weights as a compact model: weights whose
// quantized value is 0 are dropped, and so are rows left empty.
func (p *perceptron) compile() *linear {
	keys := make([]uint64, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := p.nclass
	maxAbs := 0.0
	avg := func(i int) float64 { return float64(p.w[i]) - float64(p.u[i])/float64(p.c) }
	for i := range p.w {
		maxAbs = max(maxAbs, math.Abs(avg(i)))
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(32767 / maxAbs)
	}
	rows := make([]row, 0, len(keys))
	for _, k := range keys {
		r := int(p.index[k])
		var cls []uint8
		var ws []int16
		for c := 0; c < n; c++ {
			q := math.Round(avg(r*n+c) * float64(scale))
			if q != 0 {
				cls = append(cls, uint8(c))
				ws = append(ws, int16(q))
			}
		}
		if len(cls) > 0 {
			rows = append(rows, row{key: k, cls: cls, w: ws})
		}
	}
	return buildLinear(n, scale, rows)
}

type row struct {
	key uint64
	cls []uint8
	w   []int16
}

// linear is a trained, compact linear model: an open-addressing table from
// feature to a run of (class, weight) pairs, weights quantized to int16 and
// summed as integers.
//
// A model of at most four classes (the parser's transitions) keeps each
// row's weights beside its key instead, dense: one memory access a feature.
type linear struct {
	nclass int
	scale  float32 // quantized weight = round(weight * scale)
	mask   uint64
	slots  []sparseSlot
	pairs  []pair
	dense  []denseSlot
	rows   int
}

// sparseSlot is a feature (0: an empty slot) and its n pairs: beside it
// when there are at most inlinePairs (most features: one memory access),
// else at pairs[start:].
type sparseSlot struct {
	key   uint64
	start uint32
	n     uint32
	cls   [inlinePairs]uint8
	w     [inlinePairs]int16
}

const inlinePairs = 4

// rowOf returns the pairs of a slot.
func (l *linear) rowOf(sl *sparseSlot) row {
	r := row{key: sl.key}
	if sl.n <= inlinePairs {
		r.cls = append(r.cls, sl.cls[:sl.n]...)
		r.w = append(r.w, sl.w[:sl.n]...)
		return r
	}
	for _, p := range l.pairs[sl.start : sl.start+sl.n] {
		r.cls = append(r.cls, p.cls)
		r.w = append(r.w, p.w)
	}
	return r
}

type pair struct {
	cls uint8
	w   int16
}

type denseSlot struct {
	key uint64
	w   [4]int16
}

// flat is rows in three arrays: row i has key keys[i] and the pairs
// cls[off[i]:off[i+1]], w[off[i]:off[i+1]].
type flat struct {
	keys []uint64
	off  []uint32
	cls  []uint8
	w    []int16
}

func toFlat(rows []row) flat {
	f := flat{keys: make([]uint64, len(rows)), off: make([]uint32, 1, len(rows)+1)}
	for i, r := range rows {
		f.keys[i] = r.key
		f.cls = append(f.cls, r.cls...)
		f.w = append(f.w, r.w...)
		f.off = append(f.off, uint32(len(f.cls)))
	}
	return f
}

func buildLinear(nclass int, scale float32, rows []row) *linear {
	return buildFlat(nclass, scale, toFlat(rows))
}

func buildFlat(nclass int, scale float32, f flat) *linear {
	nrows := len(f.keys)
	size := 1
	for size < 2*nrows+2 {
		size <<= 1
	}
	l := &linear{nclass: nclass, scale: scale, mask: uint64(size - 1), rows: nrows}
	if nclass <= 4 {
		l.dense = make([]denseSlot, size)
		for i, key := range f.keys {
			s := slot(key, l.mask)
			for l.dense[s].key != 0 {
				s = (s + 1) & l.mask
			}
			l.dense[s].key = key
			for k := f.off[i]; k < f.off[i+1]; k++ {
				l.dense[s].w[f.cls[k]] = f.w[k]
			}
		}
		return l
	}
	l.slots = make([]sparseSlot, size)
	n := 0
	for i := range f.keys {
		if c := f.off[i+1] - f.off[i]; c > inlinePairs {
			n += int(c)
		}
	}
	l.pairs = make([]pair, 0, n)
	for i, key := range f.keys {
		s := slot(key, l.mask)
		for l.slots[s].key != 0 {
			s = (s + 1) & l.mask
		}
		a, b := f.off[i], f.off[i+1]
		sl := &l.slots[s]
		*sl = sparseSlot{key: key, start: uint32(len(l.pairs)), n: b - a}
		if b-a <= inlinePairs {
			copy(sl.cls[:], f.cls[a:b])
			copy(sl.w[:], f.w[a:b])
			continue
		}
		for k := a; k < b; k++ {
			l.pairs = append(l.pairs, pair{f.cls[k], f.w[k]})
		}
	}
	return l
}

// each calls f with every row in key order.
func (l *linear) each(f func(r row)) {
	var keys []uint64
	if l.dense != nil {
		for _, d := range l.dense {
			if d.key != 0 {
				keys = append(keys, d.key)
			}
		}
	} else {
		for _, sl := range l.slots {
			if sl.key != 0 {
				keys = append(keys, sl.key)
			}
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := slot(k, l.mask)
		if l.dense != nil {
			for l.dense[s].key != k {
				s = (s + 1) & l.mask
			}
			r := row{key: k}
			for c := 0; c < l.nclass; c++ {
				if w := l.dense[s].w[c]; w != 0 {
					r.cls = append(r.cls, uint8(c))
					r.w = append(r.w, w)
				}
			}
			f(r)
			continue
		}
		for l.slots[s].key != k {
			s = (s + 1) & l.mask
		}
		f(l.rowOf(&l.slots[s]))
	}
}

// prune returns a copy without the weights whose magnitude is below minAbs
// (in unquantized units), and without rows left empty.
func (l *linear) prune(minAbs float64) *linear {
	q := int16(min(math.Round(minAbs*float64(l.scale)), 32767))
	var rows []row
	l.each(func(r row) {
		k := row{key: r.key}
		for i, w := range r.w {
			if w >= q || w <= -q {
				k.cls = append(k.cls, r.cls[i])
				k.w = append(k.w, w)
			}
		}
		if len(k.cls) > 0 {
			rows = append(rows, k)
		}
	})
	return buildLinear(l.nclass, l.scale, rows)
}

func slot(key, mask uint64) uint64 { return (key * 0x9E3779B97F4A7C15 >> 20) & mask }

// score adds the weights of feats into scores (len nclass, zeroed by
// the caller). The tables are far larger than the processor's caches, so
// each feature costs a memory access: the first loop reads every feature's
// home slot, loads that do not wait on each other and so overlap, and the
// second finds the rows among them (probing on where a slot holds another
// feature).
func (l *linear) score(feats []uint64, scores []int32) {
	for len(feats) > 0 {
		n := min(len(feats), 64)
		l.score64(feats[:n], scores)
		feats = feats[n:]
	}
}

func (l *linear) score64(feats []uint64, scores []int32) {
	var home [64]uint64
	var at [64]uint64
	if l.dense != nil {
		for i, f := range feats {
			s := slot(f, l.mask)
			at[i], home[i] = s, l.dense[s].key
		}
		for i, f := range feats {
			s, k := at[i], home[i]
			for k != f {
				if k == 0 {
					break
				}
				s = (s + 1) & l.mask
				k = l.dense[s].key
			}
			if k == f {
				d := &l.dense[s]
				for c := range scores {
					scores[c] += int32(d.w[c])
				}
			}
		}
		return
	}
	for i, f := range feats {
		s := slot(f, l.mask)
		at[i], home[i] = s, l.slots[s].key
	}
	for i, f := range feats {
		s, k := at[i], home[i]
		for k != f {
			if k == 0 {
				break
			}
			s = (s + 1) & l.mask
			k = l.slots[s].key
		}
		if k == f {
			sl := &l.slots[s]
			if sl.n <= inlinePairs {
				for j := range sl.n {
					scores[sl.cls[j]] += int32(sl.w[j])
				}
				continue
			}
			for _, p := range l.pairs[sl.start : sl.start+sl.n] {
				scores[p.cls] += int32(p.w)
			}
		}
	}
}

// write writes the model: class count, scale, row count, then each row's
// key (as the difference from the previous key, varint), pair count, classes
// and weights, in key order.
func (l *linear) write(w *bufio.Writer) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	uv(uint64(l.nclass))
	binary.Write(w, binary.LittleEndian, l.scale)
	uv(uint64(l.rows))
	var rows []row
	l.each(func(r row) { rows = append(rows, r) })
	prev := uint64(0)
	for _, r := range rows {
		uv(r.key - prev)
		prev = r.key
	}
	for _, r := range rows {
		uv(uint64(len(r.cls)))
		w.Write(r.cls)
	}
	for _, r := range rows {
		binary.Write(w, binary.LittleEndian, r.w)
	}
}

// readLinear reads a model written by write.
func readLinear(r *bufio.Reader) (*linear, error) {
	nclass, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	var scale float32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if nclass == 0 || nclass > 256 || n > 1<<28 {
		return nil, fmt.Errorf("implausible sizes: %d classes, %d rows", nclass, n)
	}
	f := flat{keys: make([]uint64, n), off: make([]uint32, 1, n+1)}
	prev := uint64(0)
	for i := range f.keys {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		prev += d
		f.keys[i] = prev
	}
	for range n {
		c, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if c > nclass {
			return nil, fmt.Errorf("row of %d pairs for %d classes", c, nclass)
		}
		for range c {
			k, err := r.ReadByte()
			if err != nil {
				return nil, err
			}
			if uint64(k) >= nclass {
				return nil, fmt.Errorf("class %d of %d", k, nclass)
			}
			f.cls = append(f.cls, k)
		}
		f.off = append(f.off, uint32(len(f.cls)))
	}
	f.w = make([]int16, len(f.cls))
	if err := binary.Read(r, binary.LittleEndian, f.w); err != nil {
		return nil, err
	}
	return buildFlat(int(nclass), scale, f), nil
}
