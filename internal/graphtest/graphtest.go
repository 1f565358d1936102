// Package graphtest gives the tests of the graph packages (graph, its
// stores and its exporters) their extractions: the example articles, an
// article of one's own text, and a synthetic corpus of any size. It imports
// extract, schemas and graph, never a store, so that every store's tests may use it.
package graphtest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

// Extractor is the news schema's extractor, made once.
func Extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	extractorOnce.Do(func() { extractor, extractorErr = extract.New(schemas.Default()) })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractor
}

// Extract extracts an article with a fixed identity, as if read from path.
func Extract(t testing.TB, path, text string) *extract.Extraction {
	t.Helper()
	doc, err := extract.Parse(path, path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return Extractor(t).Extract(doc)
}

// ExampleNames are the files of examples/articles the tests extract.
var ExampleNames = []string{"isis-k-kabul-airport-threat.txt", "islamic-state-and-us-policy.txt", "us-designates-isis-k-leaders.md"}

// ExamplesDir is the repository's examples/articles folder.
func ExamplesDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "examples", "articles")
}

// Examples extracts the example articles, each as if read from
// examples/articles/NAME.
func Examples(t testing.TB) []*extract.Extraction {
	t.Helper()
	var out []*extract.Extraction
	for _, n := range ExampleNames {
		data, err := os.ReadFile(filepath.Join(ExamplesDir(), n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Extract(t, "examples/articles/"+n, string(data)))
	}
	return out
}

// Synthetic makes extractions of a synthetic corpus: articles articles with
// rels relations each among entities entities, deterministic.
func Synthetic(articles, rels, entities int) []*extract.Extraction {
	s := schemas.Default()
	type ent struct{ id, name, typ string }
	ents := make([]ent, entities)
	types := []string{"Person", "Organization", "Country"}
	for i := range ents {
		typ := types[i%3]
		name := fmt.Sprintf("%s %d", typ, i)
		ents[i] = ent{extract.Key(s, typ, name), name, typ}
	}
	pick := func(seed *uint64, typ string) ent {
		*seed = *seed*6364136223846793005 + 1442695040888963407
		i := int((*seed >> 33) % uint64(entities/3))
		return ents[i*3+map[string]int{"Person": 0, "Organization": 1, "Country": 2}[typ]]
	}
	shapes := [][3]string{{"Person", "LEADS", "Organization"}, {"Person", "MEMBER_OF", "Organization"},
		{"Organization", "OPPOSES", "Organization"}, {"Organization", "BASED_IN", "Country"}, {"Person", "CITIZEN_OF", "Country"}}
	out := make([]*extract.Extraction, articles)
	seed := uint64(42)
	for a := range out {
		ex := &extract.Extraction{Document: extract.DocumentRef{ID: fmt.Sprintf("synthetic-%05d", a),
			Path: fmt.Sprintf("synthetic/%05d.txt", a), Title: fmt.Sprintf("Synthetic %d", a), SHA256: fmt.Sprintf("sha-%d", a)}}
		seen := map[string]bool{}
		addEnt := func(e ent) extract.Argument {
			if !seen[e.id] {
				seen[e.id] = true
				ex.Entities = append(ex.Entities, extract.Entity{ID: e.id, Name: e.name, Type: e.typ,
					Labels: s.Labels(e.typ), Aliases: []string{}, Mentions: []extract.Mention{{Text: e.name}}})
			}
			return extract.Argument{ID: e.id, Name: e.name, Type: e.typ, Labels: s.Labels(e.typ), Text: e.name}
		}
		for r := 0; r < rels; r++ {
			sh := shapes[r%len(shapes)]
			subj, obj := pick(&seed, sh[0]), pick(&seed, sh[2])
			if subj.id == obj.id {
				continue
			}
			ex.Relations = append(ex.Relations, extract.Relation{Type: sh[1], Subject: addEnt(subj), Object: addEnt(obj),
				Evidence: extract.Evidence{Text: fmt.Sprintf("Synthetic sentence %d of article %d.", r, a)}, Confidence: 0.7, Rule: "synthetic"})
		}
		out[a] = ex
	}
	return out
}

// Allegation are articles written for the tests of alleged facts: the
// first alleges that Mark Doyle killed Anne Ross, the second asserts it,
// the third (the second edited) alleges it again, and the fourth alleges it
// in one sentence and asserts it in the next.
var Allegation = struct{ Alleges, Asserts, Charged, Both string }{
	Alleges: "Prosecutors accused Mark Doyle of killing Anne Ross.\n",
	Asserts: "Mark Doyle killed Anne Ross in 2019, the court found.\n",
	Charged: "Mark Doyle was charged with killing Anne Ross.\n",
	Both:    "Police suspect Mark Doyle killed Anne Ross. Mark Doyle killed Anne Ross in 2019, the court found.\n",
}

// Unmarked is an extraction as a kg that did not mark alleged facts read
// it: its alleged relations stated like the others (ex is not changed).
func Unmarked(ex *extract.Extraction) *extract.Extraction {
	out := *ex
	out.Relations = slices.Clone(ex.Relations)
	for i := range out.Relations {
		if out.Relations[i].Assertion == extract.Alleged {
			out.Relations[i].Assertion = extract.Asserted
		}
	}
	return &out
}

// Hostile are names that break naive writers: quotes, backticks, commas,
// semicolons, line breaks, markup, and scripts other than Latin.
var Hostile = struct{ Person, Org, Group, Country, City, Sentence string }{
	Person:   `Seán "The Hammer" O'Brien, Jr.`,
	Org:      "</script><script>alert(1)</script> `Front`; {x}",
	Group:    "Группа \\ 東京, line one\nline two",
	Country:  "مصر",
	City:     `<img src=x onerror=alert(1)> & "Ville"`,
	Sentence: "He said: \"we'll strike\"; then, at 5 p.m., `they` left.\nNew line | pipe \\ backslash.",
}

// HostileExtractions are two dated articles about entities with hostile
// names; the second repeats one fact of the first, alleging it, and the
// first alleges one fact no article asserts (MEMBER_OF).
func HostileExtractions() []*extract.Extraction {
	s := schemas.Default()
	arg := func(typ, name string) extract.Argument {
		return extract.Argument{ID: extract.Key(s, typ, name), Name: name, Type: typ, Labels: s.Labels(typ), Text: name}
	}
	ent := func(a extract.Argument, aliases ...string) extract.Entity {
		if aliases == nil {
			aliases = []string{}
		}
		return extract.Entity{ID: a.ID, Name: a.Name, Type: a.Type, Labels: a.Labels, Aliases: aliases,
			Mentions: []extract.Mention{{Text: a.Name}, {Text: a.Name}}}
	}
	p, o, g := arg("Person", Hostile.Person), arg("Organization", Hostile.Org), arg("Group", Hostile.Group)
	c, city := arg("Country", Hostile.Country), arg("City", Hostile.City)
	rel := func(typ string, s, o extract.Argument, text string, conf float64) extract.Relation {
		return extract.Relation{Type: typ, Subject: s, Object: o, Evidence: extract.Evidence{Text: text}, Confidence: conf, Rule: "test"}
	}
	alleged := func(r extract.Relation) extract.Relation {
		r.Assertion = extract.Alleged
		return r
	}
	a := &extract.Extraction{
		Document: extract.DocumentRef{ID: "hostile-a", Path: "news/a, \"quoted\".txt", Title: "<b>A</b> & 'title'", URL: "https://example.org/a?x=1&y=<2>",
			Published: "2024-03-01", SHA256: "sha-a"},
		Entities: []extract.Entity{ent(p, "O'Brien", "Hammer"), ent(o, "the `Front`"), ent(g), ent(c, "Egypt"), ent(city)},
		Relations: []extract.Relation{
			rel("LEADS", p, o, Hostile.Sentence, 0.9),
			rel("LEADS", p, o, "O'Brien leads the Front; nobody doubts it.", 0.8),
			alleged(rel("MEMBER_OF", p, g, "He allegedly joined "+Hostile.Group+".", 0.6)),
			rel("BASED_IN", o, c, "The Front is based in مصر.", 0.7),
			rel("LOCATED_IN", city, c, "Ville is in مصر, \"really\".", 0.75),
		},
	}
	b := &extract.Extraction{
		Document: extract.DocumentRef{ID: "hostile-b", Path: "news/b.txt", Title: "B", Published: "2024-05-09", SHA256: "sha-b"},
		Entities: []extract.Entity{ent(p), ent(o)},
		Relations: []extract.Relation{
			alleged(rel("LEADS", p, o, "Again, "+Hostile.Person+" reportedly leads "+Hostile.Org+".", 0.95)),
		},
	}
	return []*extract.Extraction{a, b}
}

// Contributions are exs as kg build writes them under the news schema, each
// read from the file its Document.Source names.
func Contributions(exs ...*extract.Extraction) []graph.Contribution {
	out := make([]graph.Contribution, len(exs))
	for i, ex := range exs {
		out[i] = graph.FromExtraction(schemas.Default(), ex, ex.Document.Source)
	}
	return out
}
