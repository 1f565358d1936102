package syntax

import (
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
