package resolve

import (
	"testing"

	"github.com/kg/kg/extract"
)

// TestGumHeadOfFlatName: a gold mention whose head word begins a flat name
// ("Kenya Governor Ada Obi", where Universal Dependencies hangs the other
// words on "Kenya") takes the kg entity over the run's last proper noun, so
// that a title or a country before a name does not decide the entity; a
// flat run stops at any other word ("Hilary of Abuja" is Hilary).
func TestGumHeadOfFlatName(t *testing.T) {
	docs, err := ReadGum("testdata/gum/GUM_test_flat.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	text := []rune(d.Text)
	heads := map[string]string{}
	for _, m := range d.Mentions {
		heads[m.Identity] = string(text[m.Start:m.End])
	}
	want := map[string]string{"Ada_Obi": "Obi", "Kenya": "Kenya", "Hilary_of_Abuja": "Hilary"}
	for id, w := range want {
		if heads[id] != w {
			t.Errorf("%s: head word %q, want %q", id, heads[id], w)
		}
	}
	// The kg entities over "Kenya" and "Ada Obi": the person mention is Ada Obi's.
	ex := &extract.Extraction{Entities: []extract.Entity{
		{ID: "location:kenya", Mentions: []extract.Mention{{Text: "Kenya", Start: 0, End: 5}}},
		{ID: "person:ada-obi", Mentions: []extract.Mention{{Text: "Ada Obi", Start: 15, End: 22}}},
	}}
	keys := map[string]string{}
	for _, m := range d.Mentions {
		keys[m.Identity] = KeyAt(ex, m)
	}
	if keys["Ada_Obi"] != "person:ada-obi" || keys["Kenya"] != "location:kenya" {
		t.Errorf("keys %v, want Ada_Obi under person:ada-obi and Kenya under location:kenya", keys)
	}
}
