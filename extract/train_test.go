package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

// tinySets returns an extractor without models and the two small corpora
// written for the tests: CoNLL04 JSON, then IOB2.
func tinySets(t *testing.T) (*Extractor, []TrainSet) {
	t.Helper()
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
	return x, []TrainSet{{Name: "tiny.json", Benchmark: "conll04", Sentences: c}, {Name: "tiny.iob2", Benchmark: "uner", Sentences: u}}
}

// TestTrainDeterministic trains both models twice on a small corpus written
// for the test: the files must be equal byte for byte, and a model read back
// must predict what the trained one does.
func TestTrainDeterministic(t *testing.T) {
	x, sets := tinySets(t)
	sets[0].Repeat = 2
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
	if len(back.features()) != len(ner.rows) || back.Meta.Features != ner.Meta.Features || len(back.Classes) != 4 {
		t.Errorf("read back %d features, %d classes; trained %d", len(back.features()), len(back.Classes), len(ner.rows))
	}
	a := x.analyze(sets[0].Sentences[0].Text)
	s := a.sents[0]
	v := x.view(a.toks, a.low, s, a.mentions)
	var feats [][]uint64
	for k := range v {
		feats = append(feats, nerFeatures(v, a.toks[s.First:s.Last], k, nil))
	}
	if got, want := back.predict(feats), ner.predict(feats); !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("read-back model predicts %v, trained one %v", got, want)
	}
	// Weights survive the file exactly (float32 in, float32 out).
	want, got := make([]float32, ner.nLabels), make([]float32, back.nLabels)
	for f, r := range ner.rows {
		br, ok := back.lookup(f)
		if ok {
			ner.row(r, want)
			back.row(br, got)
		}
		if !ok || !reflect.DeepEqual(want, got) {
			t.Fatalf("feature %x: weights differ after reading back", f)
		}
	}
	// A file an earlier kg wrote, gzipped and without the trailer, reads
	// as the same model.
	gzipped := func(file []byte) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(file[:len(file)-8])
		w.Close()
		return b.Bytes()
	}
	if old, err := ReadNERModel(gzipped(n1)); err != nil || !reflect.DeepEqual(old.predict(feats), back.predict(feats)) || len(old.features()) != len(back.features()) {
		t.Errorf("the gzipped entity model reads differently: %v", err)
	}
	if old, err := ReadRelModel(gzipped(r1)); err != nil || !reflect.DeepEqual(old.half, func() []uint16 { m, _ := ReadRelModel(r1); return m.half }()) {
		t.Errorf("the gzipped relation model reads differently: %v", err)
	}
	// A relation model of format 2 (every weight of a row, zeros too)
	// reads as the same weights as format 3 (a mask and the others).
	if m, err := ReadRelModel(r1); err != nil {
		t.Fatal(err)
	} else {
		var dense bytes.Buffer
		head := map[string]any{"classes": m.Classes, "threshold": m.Threshold, "calibration": m.Calibration}
		if err := writeModel(&dense, relMagic2, head, func(bw *bufio.Writer) {
			keys := m.index.features()
			binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
			for _, k := range keys {
				binary.Write(bw, binary.LittleEndian, k)
				r, _ := m.row(k)
				binary.Write(bw, binary.LittleEndian, m.half[int(r)*m.width():int(r+1)*m.width()])
			}
		}); err != nil {
			t.Fatal(err)
		}
		old, err := ReadRelModel(dense.Bytes())
		if err != nil || !reflect.DeepEqual(old.half, m.half) {
			t.Errorf("the format 2 relation model reads differently: %v", err)
		}
	}
	rel, err := ReadRelModel(r1)
	if err != nil || len(rel.Classes) != 5 {
		t.Fatalf("relation model read back: %v", err)
	}
	if rel.Calibration[0] <= 0 || rel.Threshold <= 0 || rel.Threshold > 1 {
		t.Errorf("relation model read back with calibration %v, threshold %v", rel.Calibration, rel.Threshold)
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

// TestPlatt: the calibration curve learns that overconfident scores are right
// less often than they say, and leaves well-calibrated ones about as they are.
func TestPlatt(t *testing.T) {
	r := &rng{s: 7}
	var probs []float64
	var right []bool
	for i := 0; i < 4000; i++ {
		p := float64(r.next()%1000) / 1000
		// Right with probability 0.5 + (p-0.5)/3: a third as sure as it says.
		q := 0.5 + (p-0.5)/3
		probs = append(probs, p)
		right = append(right, float64(r.next()%1000)/1000 < q)
	}
	ab := platt(probs, right)
	if ab[0] <= 0 || ab[0] >= 0.8 {
		t.Errorf("overconfident scores: slope %v, want between 0 and 0.8", ab[0])
	}
	m := &RelModel{Calibration: ab}
	if got := m.calibrated(0.99); got > 0.9 || got < 0.55 {
		t.Errorf("0.99 calibrated to %v", got)
	}
	probs, right = probs[:0], right[:0]
	for i := 0; i < 4000; i++ {
		p := 0.01 + float64(r.next()%980)/1000
		probs = append(probs, p)
		right = append(right, float64(r.next()%1000)/1000 < p)
	}
	ab = platt(probs, right)
	if math.Abs(ab[0]-1) > 0.15 || math.Abs(ab[1]) > 0.15 {
		t.Errorf("calibrated scores: a=%v b=%v, want about 1 and 0", ab[0], ab[1])
	}
}

// TestPlateau: a threshold is chosen on a plateau of the out-of-fold F1
// curve, not on a lone peak that a few more right pairs made.
func TestPlateau(t *testing.T) {
	yes := func(n int) []bool {
		h := make([]bool, n)
		for i := range h {
			h[i] = true
		}
		return h
	}
	for _, c := range []struct {
		name string
		f    []float64
		hit  []bool
		want int
	}{
		{"lone peak", []float64{0.5, 0.70, 0.71, 0.70, 0.60, 0.72, 0.55}, yes(7), 2},
		{"single best", []float64{0.2, 0.4, 0.8, 0.4, 0.2}, yes(5), 2},
		{"edge", []float64{0.9, 0.8, 0.1}, yes(3), 0},
		{"no hit", []float64{0.5, 0.6}, []bool{false, false}, -1},
		{"best not hit", []float64{0.5, 0.6, 0.6}, []bool{true, false, false}, 0},
	} {
		if got := plateau(c.f, c.hit); got != c.want {
			t.Errorf("%s: plateau = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestCorruptModels: broken model files are refused with an error, never a
// panic or an allocation the file's numbers dictate.
func TestCorruptModels(t *testing.T) {
	gz := func(parts ...string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(strings.Join(parts, "")))
		w.Close()
		return b.Bytes()
	}
	// plain is a model file as writeModel writes it: the parts, then the
	// trailer of their CRC-32 and length.
	plain := func(parts ...string) []byte {
		var b bytes.Buffer
		if err := writeModel(&b, parts[0], json.RawMessage(strings.TrimSuffix(parts[1], "\n")), func(w *bufio.Writer) {
			for _, p := range parts[2:] {
				w.WriteString(p)
			}
		}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	flip := func(b []byte, i int) []byte { b[i] ^= 1; return b }
	huge := string([]byte{0xf0, 0xff, 0xff, 0xff})
	tests := []struct {
		name string
		data []byte
		rel  bool
		want string
	}{
		{"relation model without classes", gz(relMagic, `{"classes":[],"threshold":0.5,"calibration":[1,0]}`+"\n"), true, "1 to 30"},
		{"relation model with threshold 0", gz(relMagic, `{"classes":[{"name":"KILLED"}],"threshold":0,"calibration":[1,0]}`+"\n"), true, "threshold"},
		{"relation model with a huge row count", gz(relMagic, `{"classes":[{"name":"KILLED"}],"threshold":0.5,"calibration":[1,0]}`+"\n", huge), true, "truncated"},
		{"entity model with a huge row count", gz(nerMagic, `{"classes":[{"name":"Person","types":["Person"]}]}`+"\n", strings.Repeat("\x00", 4*6*5), huge), false, "truncated"},
		{"entity model without classes", gz(nerMagic, `{"classes":[]}`+"\n"), false, "1 to 7"},
		{"not a model", []byte("plain text that is no model"), false, "not a kg entity model"},
		{"gzip of no model", gz("plain text"), false, "not a kg entity model"},
		{"bad gzip", []byte{0x1f, 0x8b, 0, 1, 2}, false, "corrupt"},
		{"entity model with a bad checksum", flip(plain(nerMagic, `{"classes":[{"name":"Person","types":["Person"]}]}`+"\n", strings.Repeat("\x00", 4*6*5+4)), 40), false, "checksum"},
		{"entity model cut short", plain(nerMagic, `{"classes":[{"name":"Person","types":["Person"]}]}`+"\n", strings.Repeat("\x00", 4*6*5+4))[:90], false, "truncated"},
		{"relation model with a huge row count, not gzipped", plain(relMagic, `{"classes":[{"name":"KILLED"}],"threshold":0.5,"calibration":[1,0]}`+"\n", huge), true, "truncated"},
		{"relation model with a weight for a class it lacks", plain(relMagic, `{"classes":[{"name":"KILLED"}],"threshold":0.5,"calibration":[1,0]}`+"\n",
			"\x01\x00\x00\x00", strings.Repeat("\x00", 8), "\x04\x00\x00\x00", "\x00\x3c"), true, "a weight for class 2 of 2"},
		{"relation model cut inside a row's weights", plain(relMagic, `{"classes":[{"name":"KILLED"}],"threshold":0.5,"calibration":[1,0]}`+"\n",
			"\x01\x00\x00\x00", strings.Repeat("\x00", 8), "\x03\x00\x00\x00", "\x00\x3c"), true, "truncated"},
	}
	for _, tt := range tests {
		var err error
		if tt.rel {
			_, err = ReadRelModel(tt.data)
		} else {
			_, err = ReadNERModel(tt.data)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}

// TestCrossValidate: each annotated sentence is held out exactly once, so
// the folds' counts add up to the corpus's own entities and relations.
func TestCrossValidate(t *testing.T) {
	x, sets := tinySets(t)
	c := sets[0].Sentences
	rep, err := x.CrossValidate(sets, "conll04", 2, TrainOptions{Epochs: 2, Runs: 1}, TrainOptions{Epochs: 2})
	if err != nil {
		t.Fatal(err)
	}
	ents, rels := 0, 0
	for _, a := range c {
		ents += len(a.Entities)
		rels += len(a.Relations)
	}
	if rep.Sentences != len(c) || rep.Entity.TP+rep.Entity.FN != ents || rep.Relation.TP+rep.Relation.FN != rels {
		t.Errorf("%d sentences, %d gold entities, %d gold relations; want %d, %d, %d", rep.Sentences, rep.Entity.TP+rep.Entity.FN, rep.Relation.TP+rep.Relation.FN, len(c), ents, rels)
	}
	if _, err := x.CrossValidate(sets, "conll04", 1, TrainOptions{}, TrainOptions{}); err == nil {
		t.Error("1 fold accepted")
	}
	if _, err := x.CrossValidate(sets[1:], "conll04", 2, TrainOptions{}, TrainOptions{}); err == nil {
		t.Error("nothing to hold out, accepted")
	}
}

// TestFitClasses: a whole-document set's relation labels teach the classes
// the other sets name, chosen by the arguments' types and the classes'
// signatures; a label whose first type no such class covers teaches a class
// of that type alone; a relation no class admits teaches nothing.
func TestFitClasses(t *testing.T) {
	x := testExtractor(t)
	sets := []TrainSet{
		{Name: "c", Benchmark: "conll04"},
		{Name: "r", Benchmark: "re3d", FitClasses: true},
		{Name: "d", Benchmark: "redocred", FitClasses: true},
	}
	classes, byLabel, err := x.relClasses(sets)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range classes {
		names = append(names, c.Name)
	}
	// CoNLL04's five, then the whole-document sets' own in label order.
	if want := "KILLED LIVES_IN LOCATED_IN BASED_IN WORKS_FOR ALLIED_WITH OPPOSES CITIZEN_OF PART_OF"; strings.Join(names, " ") != want {
		t.Fatalf("classes %v, want %s", names, want)
	}
	person, org, loc := NERClass{Name: "Person"}, NERClass{Name: "Organization"}, NERClass{Name: "Location"}
	for _, tt := range []struct {
		set         int
		label       string
		head, tail  NERClass
		want        string // class name, "" for none
		wantSwapped bool
	}{
		{1, "CoLocated", person, loc, "LIVES_IN", false},
		{1, "CoLocated", org, loc, "BASED_IN", false},
		{1, "CoLocated", loc, loc, "LOCATED_IN", false},
		{1, "BelongsTo", person, org, "WORKS_FOR", false},
		{1, "InChargeOf", person, org, "WORKS_FOR", false},
		{1, "BelongsTo", org, org, "", false},              // Work_For joins people to organizations
		{1, "FightingAgainst", org, org, "OPPOSES", false}, // never ATTACKED: an accusation needs a rule's trigger
		{1, "AlliesOf", org, org, "ALLIED_WITH", false},
		{2, "P27", person, loc, "CITIZEN_OF", false}, // a LOC may be the Country CITIZEN_OF needs
		{2, "P27", org, loc, "", false},
		{2, "P361", loc, loc, "PART_OF", false},
		{2, "P108", person, org, "WORKS_FOR", false},
		{2, "P488", org, person, "WORKS_FOR", true}, // chairperson: the organization first
		{2, "P6", loc, person, "", true},            // a head of government leads no organization
		{0, "Kill", person, person, "KILLED", false},
	} {
		c, ok, swapped := x.relClassOf(sets[tt.set], sets, classes, byLabel)(tt.label, tt.head, tt.tail)
		got := ""
		if ok {
			got = classes[c].Name
		}
		if got != tt.want || swapped != tt.wantSwapped {
			t.Errorf("%s %s(%s, %s): class %q swapped %v, want %q %v", sets[tt.set].Benchmark, tt.label, tt.head.Name, tt.tail.Name, got, swapped, tt.want, tt.wantSwapped)
		}
	}
}

// TestParsePath: the relation classifier reads the dependency relations
// between two names: the subject and the object of one verb.
func TestParsePath(t *testing.T) {
	x := testExtractor(t)
	a := x.analyze("The Nordland Front attacked Kirkuk on Monday.")
	subj, obj := span{first: 1, last: 3}, span{first: 4, last: 5}
	// The features are hashed from prefixes; they equal the features of
	// the strings: the pair's kind, then the path.
	want := feat2("dpr", "Organization>City|sub-first", "nsubj<>obj")
	pre := newPairPrefix(pairKind{st: "Organization", ot: "City"})
	got := parseFeatures(a.toks, &pathFinder{}, subj, obj, &pre.pre, nil)
	if !slices.Contains(got, want) {
		var rels []string
		for _, tk := range a.toks {
			rels = append(rels, fmt.Sprintf("%s/%s/%d", tk.Text, tk.Rel, tk.Head))
		}
		t.Errorf("no nsubj<>obj path feature; parse: %v", rels)
	}
}

// TestHalf: relation weights are stored as IEEE half-precision floats,
// rounded to the nearest (ties to even), within half a unit in the last
// place of the original across the range the classifier's weights take.
func TestHalf(t *testing.T) {
	exact := []struct {
		f float32
		h uint16
	}{
		{0, 0}, {1, 0x3c00}, {-2, 0xc000}, {0.5, 0x3800}, {65504, 0x7bff}, {1e9, 0x7bff},
		{float32(math.Ldexp(1, -24)), 0x0001}, // the smallest subnormal
		{1 + 1.0/2048, 0x3c00},                // a tie rounds to even
		{1 + 3.0/2048, 0x3c02},                // ... up, here
	}
	for _, c := range exact {
		if got := toHalf(c.f); got != c.h {
			t.Errorf("toHalf(%v) = %#04x, want %#04x", c.f, got, c.h)
		}
	}
	for _, f := range []float64{1e-4, 3.3e-3, -0.0171, 0.25, 1.7, -12.5, 300.1} {
		back := float64(fromHalf(toHalf(float32(f))))
		if math.Abs(back-f) > math.Abs(f)/2048 {
			t.Errorf("%v became %v, beyond half a unit of 11 bits", f, back)
		}
	}
	for h := uint16(0); h < 0x7c00; h++ { // every finite positive half
		if got := toHalf(fromHalf(h)); got != h {
			t.Fatalf("half %#04x read back as %#04x", h, got)
		}
	}
}

// TestRelModelFormat1: a relation model of the first format, float32
// weights, still reads.
func TestRelModelFormat1(t *testing.T) {
	var b bytes.Buffer
	err := writeModel(&b, relMagic1, map[string]any{"classes": []RelClass{{Name: "KILLED"}}, "threshold": 0.5, "calibration": []float64{1, 0}}, func(bw *bufio.Writer) {
		le := binary.LittleEndian
		bw.Write(le.AppendUint32(nil, 1))
		bw.Write(le.AppendUint64(nil, 42))
		bw.Write(le.AppendUint32(nil, math.Float32bits(-0.75)))
		bw.Write(le.AppendUint32(nil, math.Float32bits(1.25)))
	})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadRelModel(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := m.row(42); !ok || m.weights[r*2] != -0.75 || m.weights[r*2+1] != 1.25 {
		t.Errorf("format 1 weights read as %v (row %d, found %v)", m.weights, r, ok)
	}
}
