package extract

import (
	"testing"

	"github.com/jdkato/prose/v2"
)

// The benchmarks compare kg's whole pipeline with prose's own (segmentation,
// tagging and its default NER, model reused) on the same text, in one run:
//
//	go test ./extract -run '^$' -bench 'Pipeline|Prose' -benchtime 3s
//
// Both report tokens/s over kg's token count of the text, so the two figures
// divide the same work by each one's time.
func exampleDocs(b *testing.B) ([]*Document, int) {
	var docs []*Document
	tokens := 0
	for _, n := range []string{"isis-k-kabul-airport-threat.txt", "us-designates-isis-k-leaders.md", "islamic-state-and-us-policy.txt"} {
		d := readExample(b, n)
		docs = append(docs, d)
		tokens += len(Tokenize(d.Text))
	}
	return docs, tokens
}

func BenchmarkPipeline(b *testing.B) {
	x := testExtractor(b)
	docs, tokens := exampleDocs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkProse(b *testing.B) {
	model := prose.ModelFromData("baseline") // loaded once, as kg does
	docs, tokens := exampleDocs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := prose.NewDocument(d.Text, prose.UsingModel(model)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
