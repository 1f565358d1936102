package graph

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

// What of an extraction reaches the graph, checked against the schema.

// Fact is one (subject, type, object) of an article, with its support there.
type Fact struct {
	Type, Subj, Obj string
	Count           int
	Confidence      float64
	Evidence        []string
}

// ID is the fact's id (FactID).
func (f Fact) ID() string { return FactID(f.Type, f.Subj, f.Obj) }

// MaxKey bounds entity keys: Neo4j cannot index much larger values.
const MaxKey = 1024

// GraphPart leaves out the entities of types the schema keeps out of the
// graph (graph: false), and relations that touch them; ex is not changed.
func GraphPart(s *schemas.Schema, ex *extract.Extraction) *extract.Extraction {
	keep := func(typ string) bool { return s.InGraph(typ) }
	all := true
	for _, e := range ex.Entities {
		all = all && keep(e.Type)
	}
	if all {
		return ex
	}
	part := *ex
	part.Entities = nil
	for _, e := range ex.Entities {
		if keep(e.Type) {
			part.Entities = append(part.Entities, e)
		}
	}
	part.Relations = nil
	for _, r := range ex.Relations {
		if keep(r.Subject.Type) && keep(r.Object.Type) {
			part.Relations = append(part.Relations, r)
		}
	}
	return &part
}

// Validate checks every label and relationship type of an extraction against
// the schema before anything is written. schemas.Parse only admits names of
// letters, digits and underscores, so a name the schema defines is safe to
// backtick-quote.
func Validate(s *schemas.Schema, ex *extract.Extraction) error {
	for _, e := range ex.Entities {
		if _, ok := s.Entity(e.Type); !ok {
			return fmt.Errorf("entity %q has type %q, which schema %s does not define", Clip(e.Name, 60), Clip(e.Type, 60), s.Source)
		}
		if e.ID == "" || len(e.ID) > MaxKey {
			return fmt.Errorf("entity %q has an empty id or one over %d bytes (extract.Key makes valid ones)", Clip(e.Name, 60), MaxKey)
		}
	}
	for _, r := range ex.Relations {
		if _, ok := s.Relation(r.Type); !ok {
			return fmt.Errorf("relation type %q is not defined by schema %s", Clip(r.Type, 60), s.Source)
		}
		if !s.Allows(r.Type, r.Subject.Type, r.Object.Type) {
			return fmt.Errorf("relation %s from %s to %s is not allowed by schema %s", r.Type, Clip(r.Subject.Type, 60), Clip(r.Object.Type, 60), s.Source)
		}
	}
	if ex.Document.ID == "" || len(ex.Document.ID) > MaxKey {
		return fmt.Errorf("document %q has an empty id or one over %d bytes", Clip(ex.Document.Path, 60), MaxKey)
	}
	return nil
}

// Clip shortens s to at most n bytes, on a character boundary, for messages.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Facts groups an extraction's relations by (subject, type, object), keeping
// up to maxEvidence distinct sentences for each.
func Facts(ex *extract.Extraction, maxEvidence int) []Fact {
	byID := map[string]*Fact{}
	var order []string
	for _, r := range ex.Relations {
		f := Fact{Type: r.Type, Subj: r.Subject.ID, Obj: r.Object.ID}
		cur, ok := byID[f.ID()]
		if !ok {
			cur = &f
			byID[f.ID()] = cur
			order = append(order, f.ID())
		}
		cur.Count++
		if r.Confidence > cur.Confidence {
			cur.Confidence = r.Confidence
		}
		if len(cur.Evidence) < maxEvidence && !slices.Contains(cur.Evidence, r.Evidence.Text) {
			cur.Evidence = append(cur.Evidence, r.Evidence.Text)
		}
	}
	out := make([]Fact, len(order))
	for i, id := range order {
		out[i] = *byID[id]
	}
	return out
}
