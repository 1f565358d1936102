package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
)

// Model is a trained tagger and parser. It is safe for concurrent use.
type Model struct {
	Meta     Meta
	clusters Clusters
	tagger   *tagger
	parser   *parser
	scratch  sync.Pool
}

// Meta says what a model is and what it was trained on.
type Meta struct {
	Kind      string   `json:"kind"`
	TrainedOn []string `json:"trained_on"`
	Sentences int      `json:"sentences"`
	Words     int      `json:"words"`
	Epochs    int      `json:"tagger_epochs"`
	PEpochs   int      `json:"parser_epochs"`
	Folds     int      `json:"jackknife_folds"`
	Seed      uint64   `json:"seed"`
	XPOS      []string `json:"xpos"`
	UPOS      []string `json:"upos"`
	Labels    []string `json:"labels"`
	Rows      [4]int   `json:"rows"`  // features kept: XPOS, UPOS, transitions, labels
	Known     int      `json:"known"` // words tagged without the model
}

// Analysis is the tags and tree of one sentence; Head is 1-based (0: the
// root), as in CoNLL-U.
type Analysis struct {
	XPOS, UPOS []string
	Head       []int
	Rel        []string
}

type scratch struct {
	lx          []lex
	xp, up      []int
	tags, utags []uint64
	head, label []int
	cfg         config
}

// Analyze tags and parses one sentence of words.
func (m *Model) Analyze(forms []string) Analysis {
	n := len(forms)
	a := Analysis{XPOS: make([]string, n), UPOS: make([]string, n), Head: make([]int, n), Rel: make([]string, n)}
	if n == 0 {
		return a
	}
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.scratch.Put(sc)
	sc.lx = sc.lx[:0]
	for _, f := range forms {
		sc.lx = append(sc.lx, newLex(f, m.clusters))
	}
	sc.xp = slices.Grow(sc.xp[:0], n)[:n]
	sc.up = slices.Grow(sc.up[:0], n)[:n]
	m.tagger.tag(sc.lx, sc.xp, sc.up)
	sc.tags = append(sc.tags[:0], 1)
	sc.utags = append(sc.utags[:0], 1)
	for i := range n {
		sc.tags = append(sc.tags, uint64(sc.xp[i])+2)
		sc.utags = append(sc.utags, uint64(sc.up[i])+2)
		a.XPOS[i] = m.tagger.xpos[sc.xp[i]]
		a.UPOS[i] = m.tagger.upos[sc.up[i]]
	}
	sc.head = slices.Grow(sc.head[:0], n+1)[:n+1]
	sc.label = slices.Grow(sc.label[:0], n+1)[:n+1]
	m.parser.parse(&sc.cfg, sc.lx, sc.tags, sc.utags, sc.head, sc.label)
	for i := range n {
		a.Head[i] = sc.head[i+1]
		a.Rel[i] = m.parser.labels[max(sc.label[i+1], 0)]
	}
	return a
}

const magic = "kg syntax model 1\n"

// Write writes the model file: gzipped, a magic line, the Meta as JSON on
// one line, then the four linear models and the known words.
func (m *Model) Write(w io.Writer) error {
	data, err := json.Marshal(m.Meta)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	bw.Write(data)
	bw.WriteByte('\n')
	for _, l := range []*linear{m.tagger.xm, m.tagger.um, m.parser.am, m.parser.lm} {
		l.write(bw)
	}
	writeKnown(bw, m.tagger.known)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read reads a model file written by Write. clusters must be the word
// clusters the model was trained with.
func Read(data []byte, clusters Clusters) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a kg syntax model (not gzip)")
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	line, err := br.ReadString('\n')
	if err != nil || line != magic {
		return nil, fmt.Errorf("not a kg syntax model (bad header)")
	}
	raw, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	m := &Model{clusters: clusters}
	if err := json.Unmarshal(raw, &m.Meta); err != nil {
		return nil, fmt.Errorf("syntax model header: %w", err)
	}
	var ls [4]*linear
	for i := range ls {
		if ls[i], err = readLinear(br); err != nil {
			return nil, fmt.Errorf("syntax model, part %d: %w", i+1, err)
		}
	}
	known, err := readKnown(br, len(m.Meta.XPOS))
	if err != nil {
		return nil, fmt.Errorf("syntax model, known words: %w", err)
	}
	meta := m.Meta
	if ls[0].nclass != len(meta.XPOS) || ls[1].nclass != len(meta.UPOS) || ls[2].nclass != numActions || ls[3].nclass != len(meta.Labels) || len(meta.Labels) == 0 || meta.Labels[0] != "root" {
		return nil, fmt.Errorf("syntax model: its weights do not match its tag and label lists")
	}
	m.tagger = &tagger{xpos: meta.XPOS, upos: meta.UPOS, xm: ls[0], um: ls[1], known: known}
	m.parser = &parser{labels: meta.Labels, am: ls[2], lm: ls[3]}
	return m, nil
}

// Prune returns a copy of the model without the weights whose magnitude is
// below minAbs: a smaller file, usually at little cost in accuracy.
func (m *Model) Prune(minAbs float64) *Model {
	t := &tagger{xpos: m.tagger.xpos, upos: m.tagger.upos, xm: m.tagger.xm.prune(minAbs), um: m.tagger.um.prune(minAbs), known: m.tagger.known}
	p := &parser{labels: m.parser.labels, am: m.parser.am.prune(minAbs), lm: m.parser.lm.prune(minAbs)}
	c := &Model{Meta: m.Meta, clusters: m.clusters, tagger: t, parser: p}
	c.Meta.Rows = [4]int{t.xm.rows, t.um.rows, p.am.rows, p.lm.rows}
	return c
}

// writeKnown writes the known words: their count, then in key order each
// word's key (as the difference from the previous) and tag.
func writeKnown(w *bufio.Writer, known map[uint64]int) {
	keys := make([]uint64, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	uv(uint64(len(keys)))
	prev := uint64(0)
	for _, k := range keys {
		uv(k - prev)
		uv(uint64(known[k]))
		prev = k
	}
}

func readKnown(r *bufio.Reader, ntags int) (map[uint64]int, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("implausible count %d", n)
	}
	known := make(map[uint64]int, n)
	prev := uint64(0)
	for range n {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		t, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if t >= uint64(ntags) {
			return nil, fmt.Errorf("tag %d of %d", t, ntags)
		}
		prev += d
		known[prev] = int(t)
	}
	return known, nil
}
