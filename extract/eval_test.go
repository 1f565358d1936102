package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

func TestSpansFromTags(t *testing.T) {
	tests := []struct {
		tags []string
		want []tagSpan
	}{
		{[]string{"B-Peop", "L-Peop", "O", "U-Loc"}, []tagSpan{{0, 2, "Peop"}, {3, 4, "Loc"}}},
		{[]string{"B-PER", "I-PER", "B-PER", "O", "B-LOC"}, []tagSpan{{0, 2, "PER"}, {2, 3, "PER"}, {4, 5, "LOC"}}},
		{[]string{"I-ORG", "I-ORG", "O"}, []tagSpan{{0, 2, "ORG"}}}, // I- without B- opens a span, as conlleval
		{[]string{"B-Org", "I-Org", "I-Loc"}, []tagSpan{{0, 2, "Org"}, {2, 3, "Loc"}}},
		{[]string{"O", "O"}, nil},
	}
	for _, tt := range tests {
		got, err := spansFromTags(tt.tags)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: got %v, %v; want %v", tt.tags, got, err, tt.want)
		}
	}
	if _, err := spansFromTags([]string{"X-Peop"}); err == nil {
		t.Error("bad tag accepted")
	}
}

func TestReadCorpus(t *testing.T) {
	c, err := ReadCorpus("testdata/corpus/tiny.json", FormatCoNLL04)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 2 || c[0].Text != "Maria Okafor , a spokeswoman for Oxfam , lives in Lagos ." {
		t.Fatalf("got %d sentences, first %q", len(c), c[0].Text)
	}
	e := c[0].Entities
	if len(e) != 3 || c[0].Text[e[0].Start:e[0].End] != "Maria Okafor" || e[2].Label != "Loc" || c[0].Relations[1] != (GoldRelation{0, 2, "Live_In"}) {
		t.Errorf("entities %v relations %v", e, c[0].Relations)
	}
	b, err := ReadCorpus("testdata/corpus/tiny.iob2", FormatIOB2)
	if err != nil {
		t.Fatal(err)
	}
	// The text comes from "# text =", tokens aligned to it.
	if len(b) != 2 || b[0].Text != "I flew to Lagos with Maria Okafor." || b[0].ID != "t-1" {
		t.Fatalf("iob2: %+v", b)
	}
	if got := b[0].Text[b[0].Entities[1].Start:b[0].Entities[1].End]; got != "Maria Okafor" {
		t.Errorf("iob2 entity %q", got)
	}
	if _, err := ReadCorpus("testdata/corpus/tiny.iob2", FormatCoNLL04); err == nil || !strings.Contains(err.Error(), "not CoNLL04 JSON") {
		t.Errorf("wrong format: %v", err)
	}
}

func TestLabelMap(t *testing.T) {
	lm, err := newLabelMap(schemas.Default(), "conll04")
	if err != nil {
		t.Fatal(err)
	}
	for typ, want := range map[string]string{"Person": "Peop", "Country": "Loc", "Facility": "Loc", "Location": "Loc",
		"Organization": "Org", "Misc": "Other", "Group": "Other"} {
		if lm.entities[typ] != want {
			t.Errorf("%s -> %q, want %q", typ, lm.entities[typ], want)
		}
	}
	for _, c := range []struct{ rel, subj, obj, want string }{
		{"LEADS", "Peop", "Org", "Work_For"},
		{"LEADS", "Peop", "Loc", ""}, // Work_For joins people to organizations only
		{"KILLED", "Peop", "Peop", "Kill"},
		{"OPPOSES", "Org", "Org", ""},
	} {
		if got := lm.relation(c.rel, c.subj, c.obj); got != c.want {
			t.Errorf("%s(%s, %s) -> %q, want %q", c.rel, c.subj, c.obj, got, c.want)
		}
	}
	if _, err := newLabelMap(schemas.Default(), "nope"); err == nil || !strings.Contains(err.Error(), "conll04") {
		t.Errorf("unknown benchmark: %v", err)
	}
}

// TestEvaluate scores the pipeline on sentences written for the test, and
// checks that the counts add up to what the corpus and the output hold.
func TestEvaluate(t *testing.T) {
	x := testExtractor(t)
	c, err := ReadCorpus("testdata/corpus/tiny.json", FormatCoNLL04)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := x.Evaluate(c, "conll04")
	if err != nil {
		t.Fatal(err)
	}
	gold := 0
	for _, a := range c {
		gold += len(a.Entities)
	}
	if rep.Entity.TP+rep.Entity.FN != gold {
		t.Errorf("entity TP+FN = %d, want the %d gold entities", rep.Entity.TP+rep.Entity.FN, gold)
	}
	if rep.Relation.TP+rep.Relation.FN != 2 {
		t.Errorf("relation TP+FN = %d, want 2", rep.Relation.TP+rep.Relation.FN)
	}
	errs := 0
	for _, s := range rep.Entities {
		errs += s.FP + s.FN
	}
	for _, s := range rep.Relations {
		errs += s.FP + s.FN
	}
	if errs != len(rep.Errors) {
		t.Errorf("%d errors listed, counts say %d", len(rep.Errors), errs)
	}
	// Easy names in plain sentences: a working recognizer finds them.
	if rep.Entity.TP < 4 {
		t.Errorf("only %d of %d entities found:\n%v", rep.Entity.TP, gold, rep.Errors)
	}
	var b bytes.Buffer
	if err := rep.WriteTable(&b); err != nil || !strings.Contains(b.String(), "entities  micro") {
		t.Errorf("table: %v\n%s", err, b.String())
	}
}

func TestSnapToCorpusTokens(t *testing.T) {
	a := Annotated{Text: "the Museum. today", Tokens: [][2]int{{0, 3}, {4, 11}, {12, 17}}}
	if got := snapper(a)(4, 10, "Org"); got != (predSpan{4, 11, "Org"}) {
		t.Errorf("got %v", got)
	}
}

func TestScore(t *testing.T) {
	s := Score{TP: 3, FP: 1, FN: 2, Found: 3}
	if p, r := s.Precision(), s.Recall(); p != 0.75 || r != 0.6 || s.F1() < 0.666 || s.F1() > 0.667 {
		t.Errorf("P %v R %v F1 %v", p, r, s.F1())
	}
	if (Score{}).F1() != 0 {
		t.Error("empty score F1 not 0")
	}
}

// TestDevGuard scores the built-in pipeline on the CoNLL04 dev split, as kg
// eval does, and fails when entity F1 drops below 0.82 or relation F1 below
// 0.56: a regression guard, not the targets (those are in the README). The
// relation floor sits below the band that retraining alone moves dev in
// (0.579 to 0.603 for models with the same cross-validated F1, as each
// class's threshold is chosen on a flat out-of-fold curve). It needs the
// shared data beside the repository (../shared/data, or KG_DATA).
func TestDevGuard(t *testing.T) {
	data := os.Getenv("KG_DATA")
	if data == "" {
		data = "../../shared/data"
	}
	dev := filepath.Join(data, "conll04", "conll04_dev.json")
	corpus, err := ReadCorpus(dev, FormatCoNLL04)
	if err != nil {
		t.Fatalf("the dev split is needed (set KG_DATA to the shared data folder): %v", err)
	}
	rep, err := testExtractor(t).Evaluate(corpus, "conll04")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("CoNLL04 dev: entities F1 %.3f, relations F1 %.3f", rep.Entity.F1(), rep.Relation.F1())
	if rep.Entity.F1() < 0.82 || rep.Relation.F1() < 0.56 {
		var b bytes.Buffer
		rep.WriteTable(&b)
		t.Errorf("extraction got worse on CoNLL04 dev (floors: entities 0.82, relations 0.56):\n%s", b.String())
	}
}
