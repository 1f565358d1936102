package syntax

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
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
	// Digest is the SHA-256 of the weights (all that follows the header),
	// recorded by Write: it identifies the model without reading it all.
	Digest string `json:"digest"`
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
	memos       *memos
}

// memos are a scratch's memos of the four linear models (memo).
type memos struct {
	xpos, upos, trans, labels memo
}

// Analyze tags and parses one sentence of words.
func (m *Model) Analyze(forms []string) Analysis {
	var a Analysis
	m.AnalyzeTo(forms, &a)
	return a
}

// AnalyzeTo is Analyze into a, reusing its slices' arrays where they are
// large enough: a caller that reads each sentence's analysis before the next
// allocates nothing for it.
func (m *Model) AnalyzeTo(forms []string, a *Analysis) {
	n := len(forms)
	a.XPOS, a.UPOS = fit(a.XPOS, n), fit(a.UPOS, n)
	a.Head, a.Rel = fit(a.Head, n), fit(a.Rel, n)
	if n == 0 {
		return
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
	if sc.memos == nil {
		sc.memos = new(memos)
	}
	mm := sc.memos
	m.tagger.tag(sc.lx, sc.xp, sc.up, &mm.xpos, &mm.upos)
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
	m.parser.parse(&sc.cfg, sc.lx, sc.tags, sc.utags, sc.head, sc.label, &mm.trans, &mm.labels)
	for i := range n {
		a.Head[i] = sc.head[i+1]
		a.Rel[i] = m.parser.labels[max(sc.label[i+1], 0)]
	}
}

// fit returns s with length n, a new slice when s's array is too small or
// s is nil (every element is then written by the caller).
func fit[T any](s []T, n int) []T {
	if s == nil || cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

const magic = "kg syntax model 2\n"

// Write writes the model file, uncompressed so that Read decodes nothing: a
// magic line, the Meta as JSON on one line, zero bytes to a multiple of 64,
// the four linear models (XPOS, UPOS, transitions, labels) and the known
// words.
func (m *Model) Write(w io.Writer) error {
	var body []byte
	for _, l := range []*linear{m.tagger.xm, m.tagger.um, m.parser.am, m.parser.lm} {
		body = l.appendTo(body)
	}
	body = appendKnown(body, m.tagger.known)
	meta := m.Meta
	sum := sha256.Sum256(body)
	meta.Digest = hex.EncodeToString(sum[:])
	data, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	out := append([]byte(magic), data...)
	out = append(out, '\n')
	for len(out)%64 != 0 {
		out = append(out, 0)
	}
	if _, err := w.Write(out); err != nil {
		return err
	}
	_, err = w.Write(body)
	return err
}

// Read reads a model file written by Write. clusters must be the word
// clusters the model was trained with. The model uses data's arrays in
// place: data must not change afterwards.
func Read(data []byte, clusters Clusters) (*Model, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		return nil, fmt.Errorf("a syntax model of an older, gzipped format: retrain it with kg train --conllu")
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, fmt.Errorf("not a kg syntax model (bad header)")
	}
	rest := data[len(magic):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("syntax model: truncated header")
	}
	m := &Model{clusters: clusters}
	if err := json.Unmarshal(rest[:nl], &m.Meta); err != nil {
		return nil, fmt.Errorf("syntax model header: %w", err)
	}
	body := (len(magic) + nl + 1 + 63) &^ 63
	if body > len(data) {
		return nil, fmt.Errorf("syntax model: truncated")
	}
	rest = data[body:]
	var ls [4]*linear
	for i := range ls {
		var err error
		if ls[i], rest, err = readLinear(rest); err != nil {
			return nil, fmt.Errorf("syntax model, part %d: %w", i+1, err)
		}
	}
	known, err := readKnown(rest, len(m.Meta.XPOS))
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

// appendKnown appends the known words: their count (uint32), then in key
// order each word's key (uint64) and tag (uint32), little-endian.
func appendKnown(out []byte, known map[uint64]int) []byte {
	keys := make([]uint64, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	le := binary.LittleEndian
	out = le.AppendUint32(out, uint32(len(keys)))
	for _, k := range keys {
		out = le.AppendUint64(out, k)
		out = le.AppendUint32(out, uint32(known[k]))
	}
	return out
}

func readKnown(data []byte, ntags int) (map[uint64]int, error) {
	le := binary.LittleEndian
	if len(data) < 4 {
		return nil, fmt.Errorf("truncated")
	}
	n := int(le.Uint32(data))
	if len(data) != 4+12*n {
		return nil, fmt.Errorf("%d bytes for %d words", len(data)-4, n)
	}
	known := make(map[uint64]int, n)
	for i := range n {
		k, t := le.Uint64(data[4+12*i:]), le.Uint32(data[12+12*i:])
		if t >= uint32(ntags) {
			return nil, fmt.Errorf("tag %d of %d", t, ntags)
		}
		known[k] = int(t)
	}
	return known, nil
}
