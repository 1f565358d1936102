package extract

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
	"github.com/kg/kg/schemas"
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

// BenchmarkLargeArticle extracts one large article of each shape that
// scripts/bench-article measures from the outside: the example articles'
// sentences recombined into news prose, and words dense with names without a
// sentence break (the worst case). For profiles:
//
//	go test ./extract -run '^$' -bench LargeArticle -benchtime 2x -cpuprofile cpu.out -memprofile mem.out
func BenchmarkLargeArticle(b *testing.B) {
	x := testExtractor(b)
	docs, _ := exampleDocs(b)
	var sents []string
	for _, d := range docs {
		for _, p := range strings.Split(d.Text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				sents = append(sents, p)
			}
		}
	}
	names := strings.Fields("Hamas Hezbollah Taliban Kabul Gaza Israel Iran Syria Lebanon ISIS-K Joe Biden Antony Blinken the group and attacked in said")
	rnd := rand.New(rand.NewPCG(1, 1))
	var prose, dense strings.Builder
	for prose.Len() < 256<<10 {
		prose.WriteString(sents[rnd.IntN(len(sents))])
		prose.WriteByte('\n')
	}
	for i := 0; i < 20000; i++ {
		if i > 0 {
			dense.WriteByte(' ')
		}
		dense.WriteString(names[rnd.IntN(len(names))])
	}
	for _, c := range []struct{ name, text string }{{"prose", prose.String()}, {"names", dense.String()}} {
		b.Run(c.name, func(b *testing.B) {
			doc := &Document{ID: "bench", Text: c.text}
			b.SetBytes(int64(len(c.text)))
			for i := 0; i < b.N; i++ {
				x.Extract(doc)
			}
		})
	}
}

// BenchmarkLanguageFile measures what reading a language file costs an
// extractor at start: parsing schemas/english.yaml and making its sets.
//
//	go test ./extract -run '^$' -bench LanguageFile
func BenchmarkLanguageFile(b *testing.B) {
	data, err := os.ReadFile("../schemas/english.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		l, err := schemas.ParseLanguage("english.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		newWordLists(l)
	}
}
