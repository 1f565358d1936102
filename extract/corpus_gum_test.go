package extract

import (
	"slices"
	"testing"
)

// TestReadGumTraining: a GUM document's named mentions become training
// entities, outermost and cut to the proper nouns around their head (no
// "The activist", no "'s"); mentions headed by a common noun or a pronoun
// do not.
func TestReadGumTraining(t *testing.T) {
	got, err := ReadGumTraining("testdata/gum")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d sentences, want 3", len(got))
	}
	var ents []string
	for _, a := range got {
		for _, e := range a.Entities {
			ents = append(ents, a.Text[e.Start:e.End]+"/"+e.Label)
		}
	}
	want := []string{"University of Lagos/organization", "Ada Obi/person", "Abuja/place", "Noam Chomsky/person"}
	if !slices.Equal(ents, want) {
		t.Errorf("entities %q, want %q", ents, want)
	}
	if got[0].Text != "The University of Lagos hired Ada Obi in Abuja." {
		t.Errorf("text %q", got[0].Text)
	}
}

// TestGumHeldOut: the documents kg scores on are never trained on.
func TestGumHeldOut(t *testing.T) {
	for _, c := range []struct {
		name  string
		index int
		want  bool
	}{
		{"GUM_news_nasa", 0, true},
		{"GUM_news_iodine", 0, false},
		{"GUM_bio_byron", 3, true}, // every fourth: gum-identity's test part
		{"GUM_bio_byron", 4, false},
	} {
		if got := GumHeldOut(c.name, c.index); got != c.want {
			t.Errorf("GumHeldOut(%q, %d) = %v, want %v", c.name, c.index, got, c.want)
		}
	}
}
