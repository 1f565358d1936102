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
// the articles that hold the best confidence and each date, and keeping the
// evidence of the articles first by id.
func TestAggregate(t *testing.T) {
	g := NewAggregate("OPPOSES", "organization:taliban", "organization:isis-k")
	g.Add(Assertion{Article: "b", Count: 2, Confidence: 0.8, Evidence: []string{"b1", "b2"}, Seen: "2021-08-26"}, 3)
	g.Add(Assertion{Article: "a", Count: 1, Confidence: 0.8, Evidence: []string{"a1"}, Seen: "2021-08-26"}, 3)
	g.Add(Assertion{Article: "c", Count: 1, Confidence: 0.6, Evidence: []string{"c1"}}, 3) // undated
	want := "3 4 0.8 2 2021-08-26 2 2021-08-26 2 [a1 b1 b2] [a b b]"
	got := strings.TrimSpace(fmt.Sprintln(g.Articles, g.Count, g.Confidence, g.ConfidenceN, g.First, g.FirstN, g.Last, g.LastN, g.Evidence, g.EvidenceArticles))
	if got != want {
		t.Errorf("aggregate %s, want %s", got, want)
	}
}
