package extract

import (
	"bytes"
	"testing"

	"github.com/kg/kg/schemas"
)

// TestTrainDeterministic trains both models twice on a small corpus written
// for the test: the files must be equal byte for byte, and a model read back
// must predict what the trained one does.
func TestTrainDeterministic(t *testing.T) {
	x, err := NewWith(schemas.Default(), Options{NoModels: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ReadCorpus("testdata/corpus/tiny.json", FormatCoNLL04)
	if err != nil {
		t.Fatal(err)
	}
	u, err := ReadCorpus("testdata/corpus/tiny.iob2", FormatIOB2)
	if err != nil {
		t.Fatal(err)
	}
	sets := []TrainSet{{Name: "tiny.json", Benchmark: "conll04", Sentences: c, Repeat: 2}, {Name: "tiny.iob2", Benchmark: "uner", Sentences: u}}
	train := func() ([]byte, []byte, *NERModel) {
		ner, err := x.TrainNER(sets, TrainOptions{Epochs: 4, Runs: 2})
		if err != nil {
			t.Fatal(err)
		}
		rel, err := x.TrainRelations(sets[:1], TrainOptions{Epochs: 3})
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := ner.Write(&a); err != nil {
			t.Fatal(err)
		}
		if err := rel.Write(&b); err != nil {
			t.Fatal(err)
		}
		return a.Bytes(), b.Bytes(), ner
	}
	n1, r1, ner := train()
	n2, r2, _ := train()
	if !bytes.Equal(n1, n2) || !bytes.Equal(r1, r2) {
		t.Fatal("two training runs wrote different models")
	}
	back, err := ReadNERModel(n1)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.rows) != len(ner.rows) || back.Meta.Features != ner.Meta.Features || len(back.Classes) != 4 {
		t.Errorf("read back %d features, %d classes; trained %d", len(back.rows), len(back.Classes), len(ner.rows))
	}
	a := x.analyze(c[0].Text)
	s := a.sents[0]
	v := x.view(a.toks, a.low, s, a.mentions)
	var feats [][]uint64
	for k := range v {
		feats = append(feats, nerFeatures(v, a.toks[s.First:s.Last], k, nil))
	}
	if got, want := back.predict(feats), ner.predict(feats); len(got) != len(want) || len(got) == 0 {
		t.Errorf("read-back model predicts %v, trained one %v", got, want)
	}
	rel, err := ReadRelModel(r1)
	if err != nil || len(rel.Classes) != 5 {
		t.Errorf("relation model read back: %v, %d classes", err, len(rel.Classes))
	}
	if _, err := ReadNERModel([]byte("not a model")); err == nil {
		t.Error("garbage read as a model")
	}
}

func TestTagConstraints(t *testing.T) {
	// B-Person (1) may be followed by I/L of Person only; O may not follow B.
	if !allowed(labelOf(0, tagB), labelOf(0, tagL)) || allowed(labelOf(0, tagB), tagO) || allowed(-1, labelOf(1, tagI)) {
		t.Error("BILOU transitions wrong")
	}
	spans := spansOf([]int{tagO, labelOf(2, tagB), labelOf(2, tagL), labelOf(1, tagU)})
	if len(spans) != 2 || spans[0] != (nerSpan{1, 3, 2}) || spans[1] != (nerSpan{3, 4, 1}) {
		t.Errorf("spans %v", spans)
	}
}
