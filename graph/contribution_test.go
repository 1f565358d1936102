package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

func arg(s *schemas.Schema, typ, name string) extract.Argument {
	return extract.Argument{ID: extract.Key(s, typ, name), Name: name, Type: typ, Labels: s.Labels(typ), Text: name}
}

func entity(a extract.Argument, mentions int) extract.Entity {
	return extract.Entity{ID: a.ID, Name: a.Name, Type: a.Type, Labels: a.Labels, Mentions: make([]extract.Mention, mentions)}
}

// TestFromExtraction: an extraction's relations become one fact per
// (subject, type, object) with their count, best confidence and distinct
// sentences; entities of types kept out of the graph, and their relations,
// are left out.
func TestFromExtraction(t *testing.T) {
	s := schemas.Default()
	hamas, gaza, misc := arg(s, "Organization", "Hamas"), arg(s, "Location", "Gaza"), arg(s, "Misc", "Ramadan")
	rel := func(o extract.Argument, text string, conf float64) extract.Relation {
		return extract.Relation{Type: "OPERATES_IN", Subject: hamas, Object: o, Evidence: extract.Evidence{Text: text}, Confidence: conf}
	}
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "a", Path: "a.txt", SHA256: "sha", Extractor: "v1"},
		Entities: []extract.Entity{entity(hamas, 3), entity(gaza, 2), entity(misc, 1)},
		Relations: []extract.Relation{rel(gaza, "Hamas is active in Gaza.", 0.7), rel(gaza, "Hamas rules Gaza.", 0.9),
			rel(gaza, "Hamas is active in Gaza.", 0.8), rel(misc, "Hamas fought in Ramadan.", 0.5)}}
	c := FromExtraction(s, ex, "/news/a.txt")
	if c.Article.ID != "a" || c.Article.Source != "/news/a.txt" || c.Article.Extractor != "v1" {
		t.Errorf("article %+v", c.Article)
	}
	if got := fmt.Sprint(c.Entities); got != fmt.Sprint([]EntityShare{{Key: hamas.ID, Name: "Hamas", Type: "Organization", Mentions: 3},
		{Key: gaza.ID, Name: "Gaza", Type: "Location", Mentions: 2}}) {
		t.Errorf("entities %s", got)
	}
	if len(c.Facts) != 1 {
		t.Fatalf("facts %+v, want one", c.Facts)
	}
	f := c.Facts[0]
	if f.ID() != "OPERATES_IN|"+hamas.ID+"|"+gaza.ID || f.Count != 3 || f.Confidence != 0.9 ||
		strings.Join(f.Evidence, "|") != "Hamas is active in Gaza.|Hamas rules Gaza." || f.SubjectType != "Organization" || f.ObjectType != "Location" {
		t.Errorf("fact %+v", f)
	}
	if err := c.Validate(s); err != nil {
		t.Errorf("valid contribution refused: %v", err)
	}
	if got := FirstEvidence(f.Evidence, 1); len(got) != 1 || got[0] != "Hamas is active in Gaza." {
		t.Errorf("FirstEvidence: %q", got)
	}
}

// TestFromExtractionAssertions: an article alleges a fact when every
// sentence of it that states the fact alleges it, and asserts it as soon as
// one does; each evidence sentence keeps its own assertion (one sentence
// both alleged and asserted asserts); what the text denies or only plans
// does not reach the graph.
func TestFromExtractionAssertions(t *testing.T) {
	s := schemas.Default()
	doyle, ross := arg(s, "Person", "Mark Doyle"), arg(s, "Person", "Anne Ross")
	rel := func(assertion, text string) extract.Relation {
		return extract.Relation{Type: "KILLED", Subject: doyle, Object: ross, Evidence: extract.Evidence{Text: text}, Confidence: 0.9, Assertion: assertion}
	}
	const accused, found, denied = "Prosecutors accused Mark Doyle of killing Anne Ross.", "Mark Doyle killed Anne Ross, the court found.", "Mark Doyle denied killing Anne Ross."
	tests := []struct {
		name    string
		rels    []extract.Relation
		facts   int
		alleged bool
		count   int
		ev      string // evidence sentences and their assertions
	}{
		{"an allegation", []extract.Relation{rel(extract.Alleged, accused)}, 1, true, 1, accused + "/alleged"},
		{"a statement", []extract.Relation{rel(extract.Asserted, found)}, 1, false, 1, found + "/asserted"},
		{"an extraction from before assertions", []extract.Relation{rel("", found)}, 1, false, 1, found + "/asserted"},
		{"alleged, then asserted", []extract.Relation{rel(extract.Alleged, accused), rel(extract.Asserted, found)}, 1, false, 2,
			accused + "/alleged " + found + "/asserted"},
		{"asserted, then alleged", []extract.Relation{rel(extract.Asserted, found), rel(extract.Alleged, accused)}, 1, false, 2,
			found + "/asserted " + accused + "/alleged"},
		{"one sentence alleged and asserted", []extract.Relation{rel(extract.Alleged, accused), rel(extract.Asserted, accused)}, 1, false, 2,
			accused + "/asserted"},
		{"alleged twice", []extract.Relation{rel(extract.Alleged, accused), rel(extract.Alleged, accused)}, 1, true, 2, accused + "/alleged"},
		{"a denial", []extract.Relation{rel(extract.Negated, denied)}, 0, false, 0, ""},
		{"a plan", []extract.Relation{rel(extract.Hypothetical, "Mark Doyle plans to kill Anne Ross.")}, 0, false, 0, ""},
		{"an allegation and a denial", []extract.Relation{rel(extract.Negated, denied), rel(extract.Alleged, accused)}, 1, true, 1, accused + "/alleged"},
	}
	for _, tt := range tests {
		ex := &extract.Extraction{Document: extract.DocumentRef{ID: "a", Path: "a.txt"},
			Entities: []extract.Entity{entity(doyle, 1), entity(ross, 1)}, Relations: tt.rels}
		c := FromExtraction(s, ex, "")
		if len(c.Facts) != tt.facts {
			t.Errorf("%s: %d facts, want %d", tt.name, len(c.Facts), tt.facts)
			continue
		}
		if tt.facts == 0 {
			continue
		}
		f := c.Facts[0]
		var ev []string
		for i, text := range f.Evidence {
			ev = append(ev, text+"/"+f.EvidenceAssertions[i])
		}
		if f.Alleged != tt.alleged || f.Count != tt.count || strings.Join(ev, " ") != tt.ev {
			t.Errorf("%s: alleged %v, count %d, evidence %q; want %v, %d, %q", tt.name, f.Alleged, f.Count, ev, tt.alleged, tt.count, tt.ev)
		}
	}
}

// TestFactMerge: two shares of one fact from one article (two entities
// resolved into one) allege it only when both do, and keep each sentence
// once with its assertion; the shares merged from are not changed.
func TestFactMerge(t *testing.T) {
	a := Fact{Count: 1, Confidence: 0.6, Alleged: true, Evidence: []string{"x"}, EvidenceAssertions: []string{extract.Alleged}}
	b := Fact{Count: 2, Confidence: 0.8, Alleged: false, Evidence: []string{"x", "y"}, EvidenceAssertions: []string{extract.Asserted, extract.Alleged}}
	c := Fact{Count: 1, Confidence: 0.5, Alleged: true, Evidence: []string{"z"}}
	m := a
	m.Merge(b)
	if m.Alleged || m.Count != 3 || m.Confidence != 0.8 || fmt.Sprint(m.Evidence, m.EvidenceAssertions) != "[x y] [asserted alleged]" {
		t.Errorf("alleged + asserted: %+v", m)
	}
	if a.EvidenceAssertions[0] != extract.Alleged || len(a.Evidence) != 1 {
		t.Errorf("Merge changed the share merged into's lists: %+v", a)
	}
	m = a
	m.Merge(c)
	if !m.Alleged || fmt.Sprint(m.Evidence, m.EvidenceAssertions) != "[x z] [alleged asserted]" {
		t.Errorf("alleged + alleged (z from before assertions): %+v", m)
	}
}

// TestValidate: what the schema does not define, and keys Neo4j cannot
// index, are refused with a message saying which.
func TestValidate(t *testing.T) {
	s := schemas.Default()
	good := func() Contribution {
		return Contribution{Article: ArticleRow{ID: "a", Path: "a.txt"},
			Entities: []EntityShare{{Key: "organization:hamas", Name: "Hamas", Type: "Organization"}, {Key: "location:gaza", Name: "Gaza", Type: "Location"}},
			Facts:    []Fact{{Type: "OPERATES_IN", Subject: "organization:hamas", Object: "location:gaza", SubjectType: "Organization", ObjectType: "Location", Count: 1}}}
	}
	for _, tt := range []struct {
		name   string
		change func(c *Contribution)
		want   string
	}{
		{"unknown entity type", func(c *Contribution) { c.Entities[0].Type = "Spaceship" }, `has type "Spaceship"`},
		{"empty key", func(c *Contribution) { c.Entities[0].Key = "" }, "empty id"},
		{"key too long", func(c *Contribution) { c.Entities[0].Key = strings.Repeat("k", MaxKey+1) }, "over 1024 bytes"},
		{"unknown relation type", func(c *Contribution) { c.Facts[0].Type = "LOVES" }, `relation type "LOVES" is not defined`},
		{"types the relation does not join", func(c *Contribution) { c.Facts[0].SubjectType = "Location" }, "not allowed"},
		{"no article id", func(c *Contribution) { c.Article.ID = "" }, `document "a.txt" has an empty id`},
	} {
		c := good()
		tt.change(&c)
		if err := c.Validate(s); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
	c := good()
	if err := c.Validate(s); err != nil {
		t.Errorf("the good contribution: %v", err)
	}
}

// TestAggregate: articles' shares add up to the edge's aggregates, counting
// the articles that assert the fact and those that hold the best confidence
// and each date, and keeping the evidence of the articles first by id with
// their assertions.
func TestAggregate(t *testing.T) {
	g := NewAggregate("OPPOSES", "organization:taliban", "organization:isis-k")
	if g.Alleged() {
		t.Error("a fact no article supports is alleged")
	}
	g.Add(Assertion{Article: "b", Count: 2, Confidence: 0.8, Alleged: true, Evidence: []string{"b1", "b2"},
		EvidenceAssertions: []string{"alleged", "alleged"}, Seen: "2021-08-26"}, 3)
	if !g.Alleged() || g.AssertedArticles != 0 {
		t.Errorf("one alleging article: alleged %v, asserted by %d", g.Alleged(), g.AssertedArticles)
	}
	g.Add(Assertion{Article: "a", Count: 1, Confidence: 0.8, Evidence: []string{"a1"}, Seen: "2021-08-26"}, 3)                       // before assertions
	g.Add(Assertion{Article: "c", Count: 1, Confidence: 0.6, Evidence: []string{"c1"}, EvidenceAssertions: []string{"asserted"}}, 3) // undated
	want := "3 2 false 4 0.8 2 2021-08-26 2 2021-08-26 2 [a1 b1 b2] [a b b] [asserted alleged alleged]"
	got := strings.TrimSpace(fmt.Sprintln(g.Articles, g.AssertedArticles, g.Alleged(), g.Count, g.Confidence, g.ConfidenceN, g.First, g.FirstN, g.Last, g.LastN,
		g.Evidence, g.EvidenceArticles, g.EvidenceAssertions))
	if got != want {
		t.Errorf("aggregate %s, want %s", got, want)
	}
}

// TestFoldSupport: an edge read back from its articles' shares is alleged
// when no share asserts it, and each sentence keeps its assertion.
func TestFoldSupport(t *testing.T) {
	rows := []Support{
		{Subject: "s", Type: "KILLED", Object: "o", Article: "a", Count: 1, Alleged: true, Evidence: []string{"a1"}, EvidenceAssertions: []string{"alleged"}},
		{Subject: "s", Type: "KILLED", Object: "o", Article: "b", Count: 1, Alleged: true, Evidence: []string{"b1"}, EvidenceAssertions: []string{"alleged"}},
		{Subject: "s", Type: "LEADS", Object: "o", Article: "a", Count: 2, Alleged: true, Evidence: []string{"a2", "a3"}, EvidenceAssertions: []string{"alleged", "alleged"}},
		{Subject: "s", Type: "LEADS", Object: "o", Article: "b", Count: 1, Evidence: []string{"b2"}},
	}
	es := FoldSupport(rows)
	var got []string
	for _, e := range es {
		var as []string
		for _, ev := range e.Evidence {
			as = append(as, ev.Article+":"+ev.Assertion)
		}
		got = append(got, fmt.Sprint(e.Type, e.Articles, e.AssertedArticles, e.Alleged, as))
	}
	if want := "KILLED2 0 true [a:alleged b:alleged]|LEADS2 1 false [a:alleged a:alleged b:asserted]"; strings.Join(got, "|") != want {
		t.Errorf("folded %s, want %s", strings.Join(got, "|"), want)
	}
}
