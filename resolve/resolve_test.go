package resolve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

// rec makes a record keyed as the extractor keys it.
func rec(s *schemas.Schema, article, typ, name string, aliases ...string) Record {
	return Record{Article: article, Key: extract.Key(s, typ, name), Name: name, Type: typ, Aliases: aliases, Mentions: 1}
}

// canon is the key a record's key resolves to.
func canon(m *Mapping, key string) string {
	if t, ok := m.Target(key); ok {
		return t.Key
	}
	return key
}

func TestResolveJoinsAndKeepsApart(t *testing.T) {
	s := schemas.Default()
	k := func(typ, name string) string { return extract.Key(s, typ, name) }
	cases := []struct {
		name     string
		articles map[string][]Record
		same     [][2]string // keys that must meet
		apart    [][2]string // keys that must not
	}{
		{"surname joins the one full name",
			map[string][]Record{"a": {rec(s, "a", "Person", "Nicolás Maduro")}, "b": {rec(s, "b", "Person", "Maduro")}},
			[][2]string{{k("Person", "Maduro"), k("Person", "Nicolás Maduro")}}, nil},
		{"surname with two full names stays alone",
			map[string][]Record{"a": {rec(s, "a", "Person", "George H. W. Bush")}, "b": {rec(s, "b", "Person", "George W. Bush")}, "c": {rec(s, "c", "Person", "Bush")}},
			nil, [][2]string{{k("Person", "Bush"), k("Person", "George W. Bush")}, {k("Person", "Bush"), k("Person", "George H. W. Bush")}, {k("Person", "George W. Bush"), k("Person", "George H. W. Bush")}}},
		{"an acronym defined in one article stands for it in another",
			map[string][]Record{"a": {rec(s, "a", "Organization", "National Aeronautics and Space Administration", "NASA")}, "b": {rec(s, "b", "Organization", "NASA")}},
			[][2]string{{k("Organization", "NASA"), k("Organization", "National Aeronautics and Space Administration")}}, nil},
		{"an alias two entities claim stands for neither",
			map[string][]Record{"a": {rec(s, "a", "Organization", "Alpha Beta Company", "ABC")}, "b": {rec(s, "b", "Organization", "Australian Broadcasting Corporation", "ABC")}, "c": {rec(s, "c", "Organization", "ABC")}},
			nil, [][2]string{{k("Organization", "ABC"), k("Organization", "Alpha Beta Company")}, {k("Organization", "ABC"), k("Organization", "Australian Broadcasting Corporation")}}},
		{"what one article keeps apart stays apart",
			map[string][]Record{"a": {rec(s, "a", "Person", "Ann Smith"), rec(s, "a", "Person", "Smith")}},
			nil, [][2]string{{k("Person", "Smith"), k("Person", "Ann Smith")}}},
		{"a coordinated name is no full name",
			map[string][]Record{"a": {rec(s, "a", "Organization", "British Library and Columbia University")}, "b": {rec(s, "b", "Organization", "University")}},
			nil, [][2]string{{k("Organization", "University"), k("Organization", "British Library and Columbia University")}}},
		{"the type most articles give wins",
			map[string][]Record{"a": {rec(s, "a", "Person", "Barack Obama")}, "b": {rec(s, "b", "Person", "Barack Obama")}, "c": {rec(s, "c", "Organization", "Barack Obama")}},
			[][2]string{{k("Organization", "Barack Obama"), k("Person", "Barack Obama")}}, nil},
		{"one article against one keeps both types",
			map[string][]Record{"a": {rec(s, "a", "Person", "Jordan Peel")}, "b": {rec(s, "b", "Organization", "Jordan Peel")}},
			nil, [][2]string{{k("Organization", "Jordan Peel"), k("Person", "Jordan Peel")}}},
		{"the State of a place is the place",
			map[string][]Record{"a": {rec(s, "a", "Region", "the State of Ohio")}, "b": {rec(s, "b", "Region", "Ohio")}},
			[][2]string{{k("Region", "the State of Ohio"), k("Region", "Ohio")}}, nil},
		{"an organization's one-word short name joins the one it ends",
			map[string][]Record{"a": {rec(s, "a", "Organization", "St. Louis Cardinals")}, "b": {rec(s, "b", "Organization", "Cardinals")}},
			[][2]string{{k("Organization", "Cardinals"), k("Organization", "St. Louis Cardinals")}}, nil},
		{"a place and more words read as a place is the organization named by its last word",
			map[string][]Record{"a": {rec(s, "a", "Location", "Port Alder Herons")}, "b": {rec(s, "b", "Organization", "Herons")}, "c": {rec(s, "c", "City", "Port Alder")}},
			[][2]string{{k("Organization", "Herons"), k("Location", "Port Alder Herons")}},
			[][2]string{{k("City", "Port Alder"), k("Location", "Port Alder Herons")}}},
		{"a place's name is no organization's when its first words are no place the corpus knows",
			map[string][]Record{"a": {rec(s, "a", "Location", "North Varia")}, "b": {rec(s, "b", "Organization", "Varia")}},
			nil, [][2]string{{k("Organization", "Varia"), k("Location", "North Varia")}}},
		{"a place's name ending in a word that types a place is no organization's",
			map[string][]Record{"a": {rec(s, "a", "Location", "Port Alder Island")}, "b": {rec(s, "b", "Organization", "Island")}, "c": {rec(s, "c", "City", "Port Alder")}},
			nil, [][2]string{{k("Organization", "Island"), k("Location", "Port Alder Island")}}},
		{"a short name a place's name and an organization's both end in stays alone",
			map[string][]Record{"a": {rec(s, "a", "Location", "Port Alder Herons")}, "b": {rec(s, "b", "Organization", "Herons")}, "c": {rec(s, "c", "City", "Port Alder")},
				"d": {rec(s, "d", "Organization", "Kestrel Bay Herons")}},
			nil, [][2]string{{k("Organization", "Herons"), k("Location", "Port Alder Herons")}, {k("Organization", "Herons"), k("Organization", "Kestrel Bay Herons")}}},
		{"a name with two letters swapped is the name twice as many articles write, of its type, in an article that writes both too",
			map[string][]Record{"a": {rec(s, "a", "Organization", "Norland Fisheries Board"), rec(s, "a", "Location", "Norland Fishereis Board")},
				"b": {rec(s, "b", "Organization", "Norland Fisheries Board")}},
			[][2]string{{k("Location", "Norland Fishereis Board"), k("Organization", "Norland Fisheries Board")}}, nil},
		{"two letters swapped in names as often written, in a one-word name or in a number are other names",
			map[string][]Record{"a": {rec(s, "a", "Person", "Dina Holt")}, "b": {rec(s, "b", "Person", "Dian Holt")},
				"c": {rec(s, "c", "Person", "Alan")}, "d": {rec(s, "d", "Person", "Alan")}, "e": {rec(s, "e", "Person", "Alna")},
				"f": {rec(s, "f", "Location", "Highway 19")}, "g": {rec(s, "g", "Location", "Highway 19")}, "h": {rec(s, "h", "Location", "Highway 91")},
				"i": {rec(s, "i", "Person", "Ada Lo")}, "j": {rec(s, "j", "Person", "Ada Lo")}, "l": {rec(s, "l", "Person", "Ada Ol")}},
			nil, [][2]string{{k("Person", "Dina Holt"), k("Person", "Dian Holt")}, {k("Person", "Alan"), k("Person", "Alna")},
				{k("Location", "Highway 19"), k("Location", "Highway 91")}, {k("Person", "Ada Lo"), k("Person", "Ada Ol")}}},
		{"an organization's one-word name joins the one name ending in of and it",
			map[string][]Record{"a": {rec(s, "a", "Facility", "the Church of Vedanta")}, "b": {rec(s, "b", "Organization", "Vedanta")},
				"c": {rec(s, "c", "Organization", "University of Springfield")}, "d": {rec(s, "d", "City", "Springfield")}},
			[][2]string{{k("Organization", "Vedanta"), k("Facility", "the Church of Vedanta")}},
			[][2]string{{k("City", "Springfield"), k("Organization", "University of Springfield")}}},
		{"a one-word name two such names end in stays alone",
			map[string][]Record{"a": {rec(s, "a", "Organization", "Bank of Orlan")}, "b": {rec(s, "b", "Organization", "Church of Orlan")}, "c": {rec(s, "c", "Organization", "Orlan")}},
			nil, [][2]string{{k("Organization", "Orlan"), k("Organization", "Bank of Orlan")}, {k("Organization", "Orlan"), k("Organization", "Church of Orlan")}}},
		{"a one-word name an article also gives a person is that person, typed otherwise there",
			map[string][]Record{"a": {rec(s, "a", "Person", "Ada Quill", "Quill"), rec(s, "a", "Organization", "Quill")}, "b": {rec(s, "b", "Person", "Quill")}},
			[][2]string{{k("Organization", "Quill"), k("Person", "Ada Quill")}, {k("Person", "Quill"), k("Person", "Ada Quill")}}, nil},
		{"a one-word name most articles give a person stays an organization where no person has it",
			map[string][]Record{"a": {rec(s, "a", "Person", "Forde")}, "b": {rec(s, "b", "Person", "Forde")}, "c": {rec(s, "c", "Organization", "Forde")}},
			nil, [][2]string{{k("Organization", "Forde"), k("Person", "Forde")}}},
		{"a person's one-word name is no place, nor a place's a person, whatever the votes",
			map[string][]Record{"a": {rec(s, "a", "Person", "Kendal")}, "b": {rec(s, "b", "Person", "Kendal")}, "c": {rec(s, "c", "City", "Kendal")},
				"d": {rec(s, "d", "City", "Morley")}, "e": {rec(s, "e", "City", "Morley")}, "f": {rec(s, "f", "Person", "Morley")}},
			nil, [][2]string{{k("City", "Kendal"), k("Person", "Kendal")}, {k("City", "Morley"), k("Person", "Morley")}}},
		{"a one-word name an organization in twice the articles it is a place is the organization",
			map[string][]Record{"a": {rec(s, "a", "Organization", "Ashby")}, "b": {rec(s, "b", "Organization", "Ashby")}, "c": {rec(s, "c", "City", "Ashby")}},
			[][2]string{{k("City", "Ashby"), k("Organization", "Ashby")}}, nil},
		{"one name typed twice in one article, and its one-word name, are one",
			map[string][]Record{"a": {rec(s, "a", "Facility", "Church of Vedanta"), rec(s, "a", "Organization", "The Church of Vedanta")},
				"b": {rec(s, "b", "Facility", "Church of Vedanta")}, "c": {rec(s, "c", "Organization", "Vedanta")}},
			[][2]string{{k("Organization", "The Church of Vedanta"), k("Facility", "Church of Vedanta")}, {k("Organization", "Vedanta"), k("Facility", "Church of Vedanta")}}, nil},
		{"a name outside the graph is no vote",
			map[string][]Record{"a": {rec(s, "a", "Misc", "Marchmont")}, "b": {rec(s, "b", "Misc", "Marchmont")}, "c": {rec(s, "c", "Misc", "Marchmont")}, "d": {rec(s, "d", "Person", "Marchmont")}},
			nil, [][2]string{{k("Misc", "Marchmont"), k("Person", "Marchmont")}}},
		{"initials written apart are one name; initials in a longer name are kept",
			map[string][]Record{"a": {rec(s, "a", "Organization", "A. B. C.")}, "b": {rec(s, "b", "Organization", "ABC")},
				"c": {rec(s, "c", "Person", "John Q. Public")}, "d": {rec(s, "d", "Person", "John Public")}},
			[][2]string{{k("Organization", "A. B. C."), k("Organization", "ABC")}}, [][2]string{{k("Person", "John Q. Public"), k("Person", "John Public")}}},
		{"a type's head word alone joins no longer name, by its end, another name or a type's vote",
			map[string][]Record{"a": {rec(s, "a", "Organization", "Kestrel Assault Group"), rec(s, "a", "Organization", "Tarn Army", "Army")},
				"b": {rec(s, "b", "Organization", "Group"), rec(s, "b", "Organization", "Army")},
				"c": {rec(s, "c", "Organization", "Bank of Lorne", "Bank")}, "d": {rec(s, "d", "Organization", "Bank")},
				"e": {rec(s, "e", "Facility", "Court")}, "f": {rec(s, "f", "Facility", "Court")}, "g": {rec(s, "g", "Organization", "Court")}},
			nil, [][2]string{{k("Organization", "Group"), k("Organization", "Kestrel Assault Group")}, {k("Organization", "Army"), k("Organization", "Tarn Army")},
				{k("Organization", "Bank"), k("Organization", "Bank of Lorne")}, {k("Organization", "Court"), k("Facility", "Court")}}},
		{"a given name alone joins no full name that begins with it, by another name either",
			map[string][]Record{"a": {rec(s, "a", "Person", "Daniel Okoye", "Daniel")}, "b": {rec(s, "b", "Person", "Daniel")},
				"c": {rec(s, "c", "Person", "Marta Quist")}, "d": {rec(s, "d", "Person", "Marta")}},
			nil, [][2]string{{k("Person", "Daniel"), k("Person", "Daniel Okoye")}, {k("Person", "Marta"), k("Person", "Marta Quist")}}},
		{"a one-word name that ends a full name is a surname, whatever begins one",
			map[string][]Record{"a": {rec(s, "a", "Person", "Scott Rann")}, "b": {rec(s, "b", "Person", "Ada Scott")}, "c": {rec(s, "c", "Person", "Scott")}},
			[][2]string{{k("Person", "Scott"), k("Person", "Ada Scott")}}, [][2]string{{k("Person", "Scott"), k("Person", "Scott Rann")}}},
		{"spellings of one name are one entity",
			map[string][]Record{"a": {rec(s, "a", "Person", "Nicolás Maduro")}, "b": {rec(s, "b", "Person", "Nicolas Maduro")},
				"c": {rec(s, "c", "Organization", "The Canadian Press")}, "d": {rec(s, "d", "Organization", "Canadian Press")}},
			[][2]string{{k("Person", "Nicolas Maduro"), k("Person", "Nicolás Maduro")}, {k("Organization", "The Canadian Press"), k("Organization", "Canadian Press")}},
			[][2]string{{k("Person", "Nicolas Maduro"), k("Organization", "Canadian Press")}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Any order of arrival gives the same mapping.
			var order []string
			for a := range c.articles {
				order = append(order, a)
			}
			slices.Sort(order)
			for _, rev := range []bool{false, true} {
				ix := NewIndex(s, nil)
				o := slices.Clone(order)
				if rev {
					slices.Reverse(o)
				}
				for _, a := range o {
					ix.Put(a, c.articles[a])
				}
				m := ix.Resolve()
				// Resolving around one article agrees with resolving it all.
				for _, a := range o {
					around := ix.ResolveAround([]string{a})
					for _, r := range c.articles[a] {
						if canon(around, r.Key) != canon(m, r.Key) {
							t.Errorf("around %s: %s -> %s, the whole corpus says %s", a, r.Key, canon(around, r.Key), canon(m, r.Key))
						}
					}
				}
				for _, p := range c.same {
					if canon(m, p[0]) != canon(m, p[1]) {
						t.Errorf("%s and %s are apart (%s, %s)", p[0], p[1], canon(m, p[0]), canon(m, p[1]))
					}
				}
				for _, p := range c.apart {
					if canon(m, p[0]) == canon(m, p[1]) {
						t.Errorf("%s and %s are joined in %s", p[0], p[1], canon(m, p[0]))
					}
				}
			}
		})
	}
}

// TestHeadWordAloneIsEachArticlesOwn: "the Court" of one article is not
// the Court of another: each article writes a type's head word alone under
// a key of its own, and the same key each time, even when the corpus knows
// one organization whose name ends with it ("Kestrel Court"); once a
// correction names it, it is that entity in every article.
func TestHeadWordAloneIsEachArticlesOwn(t *testing.T) {
	s := schemas.Default()
	court := extract.Key(s, "Organization", "Court")
	ix := NewIndex(s, nil)
	ix.Put("a", []Record{rec(s, "a", "Organization", "Court"), rec(s, "a", "Person", "Ann Smith")})
	ix.Put("b", []Record{rec(s, "b", "Organization", "Court")})
	m := ix.Resolve()
	ka, kb := m.key("a", court), m.key("b", court)
	if ka == court || kb == court || ka == kb {
		t.Errorf("the Court of a is %s, of b %s: want two keys of their own", ka, kb)
	}
	if again := ix.Resolve(); again.key("a", court) != ka {
		t.Errorf("a's Court moved from %s to %s with nothing changed", ka, again.key("a", court))
	}
	if around := ix.ResolveAround([]string{"a"}); around.key("a", court) != ka {
		t.Errorf("around a, a's Court is %s, the whole corpus says %s", around.key("a", court), ka)
	}
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "a"}, Entities: []extract.Entity{{ID: court, Name: "Court", Type: "Organization", Mentions: make([]extract.Mention, 1)}}}
	if out := m.Apply(ex); out.Entities[0].ID != ka || out.Entities[0].Name != "Court" {
		t.Errorf("Apply wrote %+v, want %s named Court", out.Entities[0], ka)
	}
	// The one organization whose name ends with it names neither.
	ix.Put("c", []Record{rec(s, "c", "Organization", "Kestrel Court")})
	m = ix.Resolve()
	if m.key("a", court) != ka || m.key("b", court) != kb {
		t.Errorf("with Kestrel Court known, the Court is %s in a and %s in b, want %s and %s", m.key("a", court), m.key("b", court), ka, kb)
	}
	if around := ix.ResolveAround([]string{"c"}); around.key("a", court) != ka {
		t.Errorf("around c, a's Court is %s, want %s", around.key("a", court), ka)
	}
	ix.Remove("c")
	// A correction naming it.
	ix2 := NewIndex(s, &Corrections{Entries: []Correction{{Rename: &Change{Entity: "Court", To: "High Court of Tarn"}}}})
	ix2.Put("a", ix.arts["a"])
	ix2.Put("b", ix.arts["b"])
	if m := ix2.Resolve(); m.key("a", court) != m.key("b", court) {
		t.Errorf("a correction names the Court, yet it is %s in a and %s in b", m.key("a", court), m.key("b", court))
	}
}

// TestGivenNameAloneIsEachArticlesOwn: "Daniel" in one article and
// "Daniel" in another are whoever each calls so, once the corpus knows
// full names that begin with it (and none that end with it); until then it
// may be one person's only name ("Madonna"), one key in every article.
func TestGivenNameAloneIsEachArticlesOwn(t *testing.T) {
	s := schemas.Default()
	daniel := extract.Key(s, "Person", "Daniel")
	ix := NewIndex(s, nil)
	ix.Put("a", []Record{rec(s, "a", "Person", "Daniel")})
	ix.Put("b", []Record{rec(s, "b", "Person", "Daniel")})
	if m := ix.Resolve(); m.key("a", daniel) != daniel || m.key("b", daniel) != daniel {
		t.Errorf("with no full name known, Daniel is %s in a and %s in b, want %s", m.key("a", daniel), m.key("b", daniel), daniel)
	}
	ix.Put("c", []Record{rec(s, "c", "Person", "Daniel Okoye")})
	m := ix.Resolve()
	ka, kb := m.key("a", daniel), m.key("b", daniel)
	if ka == daniel || kb == daniel || ka == kb || ka == extract.Key(s, "Person", "Daniel Okoye") {
		t.Errorf("with Daniel Okoye known, Daniel is %s in a and %s in b: want two keys of their own", ka, kb)
	}
	for _, a := range []string{"a", "c"} {
		if around := ix.ResolveAround([]string{a}); around.key("a", daniel) != ka {
			t.Errorf("around %s, a's Daniel is %s, the whole corpus says %s", a, around.key("a", daniel), ka)
		}
	}
	// A full name ending with it makes it a surname: it joins that one.
	ix.Put("d", []Record{rec(s, "d", "Person", "Ruth Daniel")})
	if m := ix.Resolve(); m.key("a", daniel) != extract.Key(s, "Person", "Ruth Daniel") {
		t.Errorf("with Ruth Daniel known, a's Daniel is %s", m.key("a", daniel))
	}
	ix.Remove("d")
	ix.Remove("c")
	if m := ix.Resolve(); m.key("a", daniel) != daniel {
		t.Errorf("with Daniel Okoye taken back, a's Daniel is %s, want %s", m.key("a", daniel), daniel)
	}
}

func TestRetractionUndoesItsMerge(t *testing.T) {
	s := schemas.Default()
	ix := NewIndex(s, nil)
	ix.Put("a", []Record{rec(s, "a", "Organization", "National Aeronautics and Space Administration", "NASA")})
	ix.Put("b", []Record{rec(s, "b", "Organization", "NASA")})
	nasa := extract.Key(s, "Organization", "NASA")
	if got := canon(ix.Resolve(), nasa); got == nasa {
		t.Fatalf("NASA not joined to its expansion")
	}
	ix.Remove("a")
	if got := canon(ix.Resolve(), nasa); got != nasa {
		t.Errorf("after the defining article is taken back NASA resolves to %s", got)
	}
}

// A name read as a place ("Port Alder Herons") that an organization's
// short name ends joins it as an organization, and is a place again when
// the article that says its first words are a place is taken back.
func TestPlaceHeadedByAnOrganization(t *testing.T) {
	s := schemas.Default()
	ix := NewIndex(s, nil)
	ix.Put("a", []Record{rec(s, "a", "Location", "Port Alder Herons")})
	ix.Put("b", []Record{rec(s, "b", "Organization", "Herons")})
	ix.Put("c", []Record{rec(s, "c", "City", "Port Alder")})
	place, short := extract.Key(s, "Location", "Port Alder Herons"), extract.Key(s, "Organization", "Herons")
	m := ix.Resolve()
	want := Target{Key: extract.Key(s, "Organization", "Port Alder Herons"), Name: "Port Alder Herons", Type: "Organization"}
	for _, k := range []string{place, short} {
		if got, _ := m.Target(k); got != want {
			t.Errorf("%s -> %+v, want %+v", k, got, want)
		}
	}
	ix.Remove("c")
	m = ix.Resolve()
	if canon(m, place) != place || canon(m, short) != short {
		t.Errorf("with Port Alder unknown, %s -> %s and %s -> %s, want each itself", place, canon(m, place), short, canon(m, short))
	}
}

func TestApplyRewritesAnExtraction(t *testing.T) {
	s := schemas.Default()
	ix := NewIndex(s, nil)
	ix.Put("a", []Record{rec(s, "a", "Person", "Nicolás Maduro")})
	ix.Put("b", []Record{rec(s, "b", "Person", "Maduro"), rec(s, "b", "Country", "Venezuela")})
	m := ix.Resolve()
	maduro, venezuela := extract.Key(s, "Person", "Maduro"), extract.Key(s, "Country", "Venezuela")
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "b"},
		Entities: []extract.Entity{{ID: maduro, Name: "Maduro", Type: "Person", Mentions: make([]extract.Mention, 2)},
			{ID: venezuela, Name: "Venezuela", Type: "Country", Mentions: make([]extract.Mention, 1)}},
		Relations: []extract.Relation{{Type: "CITIZEN_OF", Subject: extract.Argument{ID: maduro, Name: "Maduro", Type: "Person"},
			Object: extract.Argument{ID: venezuela, Name: "Venezuela", Type: "Country"}}}}
	if !s.Allows("CITIZEN_OF", "Person", "Country") {
		t.Fatal("the default schema has no CITIZEN_OF from Person to Country; pick another relation for this test")
	}
	out := m.Apply(ex)
	full := extract.Key(s, "Person", "Nicolás Maduro")
	if out.Entities[0].ID != full || out.Entities[0].Name != "Nicolás Maduro" || !slices.Contains(out.Entities[0].Aliases, "Maduro") {
		t.Errorf("entity = %+v, want %s named Nicolás Maduro with alias Maduro", out.Entities[0], full)
	}
	if out.Relations[0].Subject.ID != full {
		t.Errorf("relation subject = %s, want %s", out.Relations[0].Subject.ID, full)
	}
	if ex.Entities[0].ID != maduro {
		t.Errorf("Apply changed its input")
	}
}

func TestCorrections(t *testing.T) {
	s := schemas.Default()
	dir := t.TempDir()
	path := filepath.Join(dir, "corrections.yaml")
	for _, e := range []Correction{
		{Merge: []string{"Nick Maduro", "Nicolás Maduro"}},
		{Split: []string{"Jo Bloggs", "Joe Bloggs"}},
		{Rename: &Change{Entity: "Acme Corp", To: "Acme Corporation"}},
		{Retype: &Change{Entity: "Barack Obama", To: "Person"}},
		{Reject: &Reject{Entity: "Chief Justice"}},
		{Reject: &Reject{Fact: []string{"Acme Corp", "LOCATED_IN", "Venezuela"}}},
		{Alias: &Alias{Entity: "Islamic State", Alias: "Daesh"}},
		{Merge: []string{"Nobody Here", "Nicolás Maduro"}},
	} {
		if err := Append(path, e, s); err != nil {
			t.Fatalf("Append %v: %v", e, err)
		}
	}
	corr, err := LoadCorrections(path, false, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(corr.Entries) != 8 {
		t.Fatalf("read %d entries back, want 8", len(corr.Entries))
	}
	ix := NewIndex(s, corr)
	ix.Put("a", []Record{rec(s, "a", "Person", "Nicolás Maduro"), rec(s, "a", "Person", "Jo Bloggs"), rec(s, "a", "Organization", "Acme Corp"),
		rec(s, "a", "Organization", "Barack Obama"), rec(s, "a", "Person", "Chief Justice"), rec(s, "a", "Country", "Venezuela")})
	ix.Put("b", []Record{rec(s, "b", "Person", "Nick Maduro"), rec(s, "b", "Person", "Joe Bloggs"), rec(s, "b", "Organization", "Islamic State")})
	m := ix.Resolve()
	for _, a := range []string{"a", "b"} {
		around := ix.ResolveAround([]string{a})
		for _, r := range ix.arts[a] {
			if canon(around, r.Key) != canon(m, r.Key) || around.reject[r.Key] != m.reject[r.Key] {
				t.Errorf("around %s: %s -> %s, the whole corpus says %s", a, r.Key, canon(around, r.Key), canon(m, r.Key))
			}
		}
	}
	k := func(typ, name string) string { return extract.Key(s, typ, name) }
	if canon(m, k("Person", "Nick Maduro")) != k("Person", "Nick Maduro") || canon(m, k("Person", "Nicolás Maduro")) != k("Person", "Nick Maduro") {
		t.Errorf("merge: Nick Maduro -> %s, Nicolás Maduro -> %s; want both the first named", canon(m, k("Person", "Nick Maduro")), canon(m, k("Person", "Nicolás Maduro")))
	}
	if tg, _ := m.Target(k("Organization", "Acme Corp")); tg.Name != "Acme Corporation" {
		t.Errorf("rename: Acme Corp is named %q", tg.Name)
	}
	if tg, _ := m.Target(k("Organization", "Barack Obama")); tg.Type != "Person" || tg.Key != k("Person", "Barack Obama") {
		t.Errorf("retype: Barack Obama -> %+v", tg)
	}
	if !m.reject[k("Person", "Chief Justice")] {
		t.Errorf("reject: Chief Justice kept")
	}
	if !m.reject[k("Organization", "Acme Corp")+"|LOCATED_IN|"+k("Country", "Venezuela")] {
		t.Errorf("reject fact: not rejected")
	}
	if canon(m, k("Organization", "Daesh")) != k("Organization", "Islamic State") {
		t.Errorf("alias: Daesh (no article uses it yet) -> %s", canon(m, k("Organization", "Daesh")))
	}
	if len(m.Unmatched) != 1 || !strings.Contains(m.Unmatched[0], "Nobody Here") {
		t.Errorf("unmatched = %q, want the one naming Nobody Here", m.Unmatched)
	}
	// A split keeps apart what a surname or alias would join.
	ix2 := NewIndex(s, &Corrections{Entries: []Correction{{Split: []string{"Maduro", "Nicolás Maduro"}}}})
	ix2.Put("a", []Record{rec(s, "a", "Person", "Nicolás Maduro")})
	ix2.Put("b", []Record{rec(s, "b", "Person", "Maduro")})
	if m := ix2.Resolve(); canon(m, k("Person", "Maduro")) == canon(m, k("Person", "Nicolás Maduro")) {
		t.Errorf("split: Maduro joined to Nicolás Maduro")
	}
}

func TestCorrectionsFileErrors(t *testing.T) {
	s := schemas.Default()
	dir := t.TempDir()
	cases := map[string]string{
		"corrections:\n  - merge: [A]\n":                      "merge takes two or more",
		"corrections:\n  - retype: {entity: A, to: Wizard}\n": "no such entity type",
		"corrections:\n  - bogus: [A, B]\n":                   "bogus",
		"corrections:\n  - {}\n":                              "exactly one",
	}
	for text, want := range cases {
		p := filepath.Join(dir, "c.yaml")
		os.WriteFile(p, []byte(text), 0o644)
		_, err := LoadCorrections(p, false, s)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: err = %v, want one naming %s and saying %q", text, err, p, want)
		}
	}
	if c, err := LoadCorrections(filepath.Join(dir, "none.yaml"), true, s); err != nil || len(c.Entries) != 0 {
		t.Errorf("a missing default file: %v, %v", c, err)
	}
	if _, err := LoadCorrections(filepath.Join(dir, "none.yaml"), false, s); err == nil {
		t.Errorf("a missing --corrections file is no error")
	}
}
