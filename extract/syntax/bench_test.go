package syntax

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

// BenchmarkAnalyze tags and parses news sentences with the built-in model:
//
//	go test ./extract/syntax -run '^$' -bench Analyze
func BenchmarkAnalyze(b *testing.B) {
	data, ok := schemas.Model("syntax.model")
	if !ok {
		b.Fatal("no built-in syntax.model")
	}
	m, err := Read(data, schemas.WordClusters())
	if err != nil {
		b.Fatal(err)
	}
	sents := [][]string{
		strings.Fields("The United States warned on Thursday that Islamic State militants were planning an attack on Kabul airport , where thousands of Afghans have gathered ."),
		strings.Fields("Hamas was attacked last week and condemned by Egypt , officials said ."),
		strings.Fields("According to Antony Blinken , the leader of the group is based in Pakistan ."),
	}
	words := 0
	for _, s := range sents {
		words += len(s)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.Analyze(s)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// TestBuiltinSyntaxDigest: the built-in model's recorded digest, which the
// extractor's version takes in its place, is that of its weights.
func TestBuiltinSyntaxDigest(t *testing.T) {
	data, ok := schemas.Model("syntax.model")
	if !ok {
		t.Fatal("no built-in syntax.model")
	}
	m, err := Read(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	nl := bytes.IndexByte(data[len(magic):], '\n')
	sum := sha256.Sum256(data[(len(magic)+nl+1+63)&^63:])
	if m.Meta.Digest != hex.EncodeToString(sum[:]) {
		t.Errorf("recorded digest %s, weights' %x", m.Meta.Digest, sum)
	}
}

// TestMemoSums: scoring through a memo gives the model's own sums, for
// each of the built-in model's four parts, whether a feature is new to the
// memo, held by it, or took the slot of another (features of real words,
// and random ones the model mostly lacks).
func TestMemoSums(t *testing.T) {
	data, ok := schemas.Model("syntax.model")
	if !ok {
		t.Fatal("no built-in syntax.model")
	}
	m, err := Read(data, schemas.WordClusters())
	if err != nil {
		t.Fatal(err)
	}
	var lx []lex
	for _, w := range strings.Fields("The United States warned on Thursday that Islamic State militants were planning an attack on Kabul airport .") {
		lx = append(lx, newLex(w, m.clusters))
	}
	tags := make([]uint64, len(lx)+1)
	for i := range tags {
		tags[i] = uint64(i%7) + 1
	}
	var c config
	c.init(lx, tags, tags)
	var sets [][]uint64
	for i := range lx {
		sets = append(sets, tagFeats(nil, lx, i, 3, 4))
		c.apply(actShift, 0)
		sets = append(sets, c.features(nil), c.labelFeatures(nil, i+1, max(i, 1)))
	}
	rnd := uint64(1)
	for range 20 {
		var s []uint64
		for range 100 {
			rnd = rnd*6364136223846793005 + 1442695040888963407
			s = append(s, rnd>>24|1)
		}
		sets = append(sets, s)
	}
	for _, l := range []*linear{m.tagger.xm, m.tagger.um, m.parser.am, m.parser.lm} {
		var mem memo
		for pass := range 2 { // the second finds the features in the memo
			for i, feats := range sets {
				want := make([]int32, l.nclass)
				got := make([]int32, l.nclass)
				l.score(feats, want)
				l.scoreMemo(feats, got, &mem)
				if !slices.Equal(got, want) {
					t.Fatalf("%d classes, pass %d, set %d: through a memo %v, without %v", l.nclass, pass, i, got, want)
				}
			}
		}
	}
}
