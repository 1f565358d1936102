package extract

import (
	"strings"
	"testing"
)

// TestAssertion reads how sentences written for this test state their
// relations: as facts, accusations, denials, or plans and threats.
func TestAssertion(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		text, subj, typ, obj, want string
	}{
		{"The Nordland Front attacked Kirkuk on Monday.", "Nordland Front", "ATTACKED", "Kirkuk", Asserted},
		{"The Nordland Front did not attack Kirkuk on Monday.", "Nordland Front", "ATTACKED", "Kirkuk", Negated},
		{"The Nordland Front never attacked Kirkuk.", "Nordland Front", "ATTACKED", "Kirkuk", Negated},
		{"The Nordland Front plans to attack Kirkuk next month.", "Nordland Front", "ATTACKED", "Kirkuk", Hypothetical},
		{"The Nordland Front threatened to attack Kirkuk.", "Nordland Front", "ATTACKED", "Kirkuk", Hypothetical},
		{"The Nordland Front would attack Kirkuk, officials warned.", "Nordland Front", "ATTACKED", "Kirkuk", Hypothetical},
		{"If the Nordland Front attacked Kirkuk, the army would respond.", "Nordland Front", "ATTACKED", "Kirkuk", Hypothetical},
		{"Anna Berg allegedly killed Karl Ek in 2019.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		{"Police suspect Anna Berg killed Karl Ek.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		{"Anna Berg killed Karl Ek in 2019, the court found.", "Anna Berg", "KILLED", "Karl Ek", Asserted},
		// What prosecutors or police say of an act is their case.
		{"Prosecutors say Anna Berg killed Karl Ek outside a bar in Bergen.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		{"According to police, Anna Berg killed Karl Ek.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		// Held or sought by the police is not yet shown to have done it.
		{"Anna Berg is wanted for the murder of Karl Ek.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		{"Anna Berg was detained over the killing of Karl Ek.", "Anna Berg", "KILLED", "Karl Ek", Alleged},
		// No one is charged with where something is.
		{"Anna Berg was detained at her home in Oslo's Gulshan district.", "Gulshan", "LOCATED_IN", "Oslo", Asserted},
		{"Anna Berg killed Karl Ek in 2019, witnesses said.", "Anna Berg", "KILLED", "Karl Ek", Asserted},
		{"The Nordland Front attacked Kirkuk, officials said.", "Nordland Front", "ATTACKED", "Kirkuk", Asserted},
		{"Karl Ek was not a member of the Nordland Front.", "Karl Ek", "MEMBER_OF", "Nordland Front", Negated},
		{"Karl Ek is a member of the Nordland Front.", "Karl Ek", "MEMBER_OF", "Nordland Front", Asserted},
	}
	for _, tt := range tests {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		found := false
		var got []string
		for _, r := range ex.Relations {
			got = append(got, r.Subject.Name+" "+r.Type+" "+r.Object.Name+" "+r.Assertion)
			if r.Subject.Name == tt.subj && r.Type == tt.typ && r.Object.Name == tt.obj {
				found = true
				if r.Assertion != tt.want {
					t.Errorf("%q: %s %s %s is %s, want %s", tt.text, tt.subj, tt.typ, tt.obj, r.Assertion, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s %s %s among %s", tt.text, tt.subj, tt.typ, tt.obj, strings.Join(got, "; "))
		}
	}
}

// TestForGraph keeps what the text states and what it alleges (the stores
// mark it alleged); denials and plans stay out.
func TestForGraph(t *testing.T) {
	ex := &Extraction{Relations: []Relation{
		{Type: "ATTACKED", Assertion: Asserted},
		{Type: "ATTACKED", Assertion: Negated},
		{Type: "KILLED", Assertion: Alleged},
		{Type: "MEMBER_OF", Assertion: Alleged},
		{Type: "LEADS", Assertion: Hypothetical},
		{Type: "LEADS"}, // an extraction written before assertions
	}}
	var got []string
	for _, r := range ex.ForGraph().Relations {
		got = append(got, r.Type+"/"+r.Assertion)
	}
	if g := strings.Join(got, " "); g != "ATTACKED/asserted KILLED/alleged MEMBER_OF/alleged LEADS/" {
		t.Errorf("ForGraph kept %s", g)
	}
	if len(ex.Relations) != 6 {
		t.Error("ForGraph changed the extraction it was given")
	}
}

// TestTriggerOnPath: an accusation stands only when a word of a violent act
// lies on the dependency path between its two names.
func TestTriggerOnPath(t *testing.T) {
	x := testExtractor(t)
	find := func(a *analysis, name string) span {
		ws := strings.Fields(name)
		for i := range a.toks {
			ok := i+len(ws) <= len(a.toks)
			for k := 0; ok && k < len(ws); k++ {
				ok = a.toks[i+k].Text == ws[k]
			}
			if ok {
				return span{first: i, last: i + len(ws)}
			}
		}
		t.Fatalf("no %q", name)
		return span{}
	}
	for _, tt := range []struct {
		text, subj, obj string
		want            bool
	}{
		{"The Nordland Front attacked Kirkuk on Monday.", "Nordland Front", "Kirkuk", true},
		{"Anna Berg was shot by Karl Ek outside her home.", "Karl Ek", "Anna Berg", true},
		{"Karl Ek ordered the assassination of Anna Berg.", "Karl Ek", "Anna Berg", true},
		{"The Nordland Front claimed responsibility for the attack on Kirkuk.", "Nordland Front", "Kirkuk", true},
		{"Karl Ek, the successor of Anna Berg, who died in 2019, spoke on Monday.", "Karl Ek", "Anna Berg", false},
		{"Karl Ek praised Anna Berg after the bombing.", "Karl Ek", "Anna Berg", false},
	} {
		a := x.analyze(tt.text)
		r := relation{typ: "KILLED", subj: find(a, tt.subj), obj: find(a, tt.obj)}
		if got := x.triggerOnPath(a, r); got != tt.want {
			t.Errorf("%q: %s .. %s: trigger on the path %v, want %v", tt.text, tt.subj, tt.obj, got, tt.want)
		}
	}
}
