package syntax

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
