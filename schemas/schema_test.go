package schemas

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	s := Default()
	if got := strings.Join(s.Labels("Country"), ","); got != "Location,Country" {
		t.Errorf("Labels(Country) = %s", got)
	}
	if s.Roles.Nationality != "CITIZEN_OF" || s.Roles.Contains != "LOCATED_IN" {
		t.Errorf("roles %+v", s.Roles)
	}
	if !s.Allows("KILLED", "Country", "Person") || s.Allows("KILLED", "Person", "City") {
		t.Error("KILLED domain and range wrong")
	}
	want := []string{"KILLED", "ATTACKED", "TARGETS", "OPPOSES", "ALLIED_WITH", "LEADS", "MEMBER_OF", "WORKS_FOR",
		"PART_OF", "BASED_IN", "LOCATED_IN", "LIVES_IN", "OPERATES_IN", "CITIZEN_OF"}
	for _, r := range want {
		if _, ok := s.Relation(r); !ok {
			t.Errorf("relation %s missing", r)
		}
	}
	g, err := DefaultGazetteer(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) < 250 || len(g.Titles) == 0 || len(g.GivenNames) == 0 {
		t.Errorf("gazetteer too small: %d entries", len(g.Entries))
	}
}

// TestParseErrors: a malformed schema is refused with the file, line and problem.
func TestParseErrors(t *testing.T) {
	base := "entity_types:\n  - name: Person\n  - name: Place\n"
	bench := "relation_types:\n  - {name: R, subject: [Person], object: [Place]}\nbenchmarks:\n  b:\n    entities: {Peop: [Person], Loc: [Place]}\n    relations: {Work: [R]}\n"
	tests := []struct{ name, yaml, want string }{
		{"bad yaml", "entity_types: [\n", "my.yaml: line"},
		{"empty", "", "my.yaml: empty schema"},
		{"unknown field", base + "colour: red\n", "my.yaml: line 4: field colour not found"},
		{"duplicate entity", base + "  - name: Person\n", "my.yaml:4: entity type \"Person\" is defined twice"},
		{"unknown parent", "entity_types:\n  - name: City\n    parent: Place\n", "my.yaml:2: entity type \"City\" has unknown parent \"Place\""},
		{"parent loop", "entity_types:\n  - name: A\n    parent: B\n  - name: B\n    parent: A\n", "parent chain loops"},
		{"unknown type in relation", base + "relation_types:\n  - name: KILLED\n    subject: [Person]\n    object: [Animal]\n", "my.yaml:5: relation type \"KILLED\" names unknown entity type \"Animal\""},
		{"duplicate relation", base + "relation_types:\n  - {name: R, subject: [Person], object: [Place]}\n  - {name: R, subject: [Person], object: [Place]}\n", "my.yaml:6: relation type \"R\" is defined twice"},
		{"bad name", "entity_types:\n  - name: \"Per son\"\n", "names must be letters"},
		{"injection in name", "entity_types:\n  - name: \"X`) DETACH DELETE n //\"\n", "names must be letters"},
		{"no types", "relation_types: []\n", "no entity_types"},
		{"missing object", base + "relation_types:\n  - {name: R, subject: [Person]}\n", "needs subject and object types"},
		{"bad confidence", base + "relation_types:\n  - {name: R, subject: [Person], object: [Place], confidence: 3}\n", "outside 0..1"},
		{"places of an unknown type", base + "relation_types:\n  - {name: R, subject: [Person], object: [Place], places_of: [ATTACKED]}\n", "my.yaml:5: relation type \"R\": places_of names unknown relation type \"ATTACKED\""},
		{"keyword twice", "entity_types:\n  - {name: A, keywords: [X]}\n  - {name: B, keywords: [X]}\n", "keyword \"X\" is given to both A and B"},
		{"signature of an unmapped label", base + bench + "    signatures:\n      Lives: [Peop, Loc]\n", "has a signature for Lives, which its relations do not map"},
		{"signature of one label", base + bench + "    signatures:\n      Work: [Peop]\n", "the signature of Work needs two entity labels"},
		{"signature of an unknown label", base + bench + "    signatures:\n      Work: [Peop, Org]\n", "names \"Org\", which is not one of its entity labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("my.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestInGraph(t *testing.T) {
	s, err := Parse("g.yaml", []byte("name: g\nversion: 1\nentity_types: [{name: A}, {name: B, graph: false}, {name: C, parent: B}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for typ, want := range map[string]bool{"A": true, "B": false, "C": false} {
		if s.InGraph(typ) != want {
			t.Errorf("InGraph(%s) = %v", typ, !want)
		}
	}
	if Default().InGraph("Misc") || !Default().InGraph("Person") {
		t.Error("news schema: Misc should stay out of the graph, Person in")
	}
}

// TestMayAllow: a relation may join kinds whose narrower kinds it allows
// (some locations are countries), never kinds outside its domain and range.
func TestMayAllow(t *testing.T) {
	s := Default()
	for _, tt := range []struct {
		rel, subj, obj   string
		allows, mayAllow bool
	}{
		{"CITIZEN_OF", "Person", "Country", true, true},
		{"CITIZEN_OF", "Person", "Location", false, true},
		{"CITIZEN_OF", "Person", "City", false, false},
		{"CITIZEN_OF", "Organization", "Location", false, false},
		{"LIVES_IN", "Person", "City", true, true},
		{"NO_SUCH", "Person", "Country", false, false},
	} {
		if got := s.Allows(tt.rel, tt.subj, tt.obj); got != tt.allows {
			t.Errorf("Allows(%s, %s, %s) = %v", tt.rel, tt.subj, tt.obj, got)
		}
		if got := s.MayAllow(tt.rel, tt.subj, tt.obj); got != tt.mayAllow {
			t.Errorf("MayAllow(%s, %s, %s) = %v", tt.rel, tt.subj, tt.obj, got)
		}
	}
}

// TestEvidenceListsEmbedded checks that every evidence list in gazetteer/ is
// embedded and read, in file-name order.
func TestEvidenceListsEmbedded(t *testing.T) {
	files, err := filepath.Glob("gazetteer/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gazetteer/*.tsv: %v", err)
	}
	sort.Strings(files)
	if len(files) != len(evidenceLists) {
		t.Fatalf("%d lists in gazetteer/, %d embedded", len(files), len(evidenceLists))
	}
	for i, f := range files {
		l := evidenceLists[i]
		if l.name != filepath.ToSlash(f) {
			t.Fatalf("list %d: %s embedded, want %s", i, l.name, f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != *l.text {
			t.Errorf("%s: embedded text differs from the file", f)
		}
	}
}
