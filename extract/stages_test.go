package extract

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// Profile runs the same stages as Extract: the same extraction, and every
// stage timed.
func TestProfileMatchesExtract(t *testing.T) {
	x := testExtractor(t)
	d := readExample(t, "isis-k-kabul-airport-threat.txt")
	p := make([]time.Duration, len(StageNames()))
	got, errGot := json.Marshal(x.Profile(d, p))
	want, errWant := json.Marshal(x.Extract(d))
	if errGot != nil || errWant != nil {
		t.Fatal(errGot, errWant)
	}
	if string(got) != string(want) {
		t.Error("Profile's extraction differs from Extract's")
	}
	for i, name := range StageNames() {
		if p[i] <= 0 {
			t.Errorf("stage %s not timed", name)
		}
	}
	if want := []string{"tokenize", "segment", "syntax", "mentions", "recognize", "resolve", "relations"}; !slices.Equal(StageNames(), want) {
		t.Errorf("stages %v, want %v", StageNames(), want)
	}
}

// BenchmarkStages reports each stage's time per token over the example
// articles:
//
//	go test ./extract -run '^$' -bench Stages
func BenchmarkStages(b *testing.B) {
	x := testExtractor(b)
	docs, tokens := exampleDocs(b)
	p := make([]time.Duration, len(StageNames()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Profile(d, p)
		}
	}
	for i, name := range StageNames() {
		b.ReportMetric(float64(p[i].Nanoseconds())/float64(tokens*b.N), name+"-ns/token")
	}
}
