package graph

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

// Contribution is one article's share of the graph, as every Sink writes
// it: the article, the entities it names and how often, and its share of
// each fact it states. kg build makes one of each extraction
// (FromExtraction); kg load reads them back from the local store
// (Dump.EachContribution), already added up, and writes them into Neo4j.
type Contribution struct {
	Article  ArticleRow
	Entities []EntityShare
	Facts    []Fact
	// Replaces are articles (their ID and SHA256) this one takes the place
	// of: stored from the same bytes under paths that no longer hold them,
	// because the file was moved or renamed. A Sink takes each back in the
	// same write, if it still holds it from those bytes, so that the
	// article's facts are not supported twice.
	Replaces []Version
}

// EntityShare is an entity as one article names it.
type EntityShare struct {
	Key, Name, Type string
	Aliases         []string
	Mentions        int // how often the article names it
}

// Fact is one article's share of one fact (subject, type, object): how many
// of its sentences state it, with what best confidence, whether the article
// asserts it or only alleges it, and its distinct sentences, each with its
// assertion (a sink keeps the first of them).
type Fact struct {
	Type, Subject, Object   string
	SubjectType, ObjectType string
	Count                   int
	Confidence              float64
	// Alleged says that every sentence of the article that states the fact
	// reports it as an accusation or a suspicion ("was accused of killing",
	// "allegedly attacked"; extract.Alleged): the article alleges the fact
	// and asserts it nowhere. The zero value asserts it.
	Alleged  bool
	Evidence []string
	// EvidenceAssertions is the assertion of each Evidence sentence, in
	// order: extract.Asserted or extract.Alleged. A sentence without one
	// (a contribution written before assertions) asserts.
	EvidenceAssertions []string
}

// ID is the fact's id (FactID).
func (f Fact) ID() string { return FactID(f.Type, f.Subject, f.Object) }

// Rows is how many entity and fact rows the contribution writes, for
// sizing transactions.
func (c *Contribution) Rows() int { return len(c.Entities) + len(c.Facts) }

// MaxKey bounds entity keys and article ids: Neo4j cannot index much larger
// values.
const MaxKey = 1024

// FromExtraction is the part of an extraction that reaches the graph, as a
// contribution: the entities of types the schema keeps in the graph (graph:
// true), the relations between them that reach the graph (extract.InGraph:
// asserted or alleged) grouped into facts, and the article,
// read from source (the absolute path of its file, "" for standard input).
func FromExtraction(s *schemas.Schema, ex *extract.Extraction, source string) Contribution {
	d := ex.Document
	c := Contribution{Article: ArticleRow{ID: d.ID, Path: d.Path, Title: d.Title, URL: d.URL, Published: d.Published,
		SHA256: d.SHA256, Extractor: d.Extractor, Source: source, Resolution: string(ex.Resolution)}}
	for _, e := range ex.Entities {
		if s.InGraph(e.Type) {
			c.Entities = append(c.Entities, EntityShare{Key: e.ID, Name: e.Name, Type: e.Type, Aliases: e.Aliases, Mentions: len(e.Mentions)})
		}
	}
	byID := map[string]int{}
	for _, r := range ex.Relations {
		if !extract.InGraph(r) || !s.InGraph(r.Subject.Type) || !s.InGraph(r.Object.Type) {
			continue
		}
		id := FactID(r.Type, r.Subject.ID, r.Object.ID)
		i, ok := byID[id]
		if !ok {
			i = len(c.Facts)
			byID[id] = i
			c.Facts = append(c.Facts, Fact{Type: r.Type, Subject: r.Subject.ID, Object: r.Object.ID,
				SubjectType: r.Subject.Type, ObjectType: r.Object.Type})
		}
		c.Facts[i].add(r.Evidence.Text, r.Assertion, r.Confidence)
	}
	return c
}

// add counts one more sentence that states the fact, with its assertion.
func (f *Fact) add(text, assertion string, confidence float64) {
	alleged := assertion == extract.Alleged
	f.Alleged = (f.Count == 0 || f.Alleged) && alleged
	f.Count++
	f.Confidence = max(f.Confidence, confidence)
	f.addEvidence(text, SentenceAssertion(assertion))
}

// addEvidence keeps a sentence once: a sentence both alleged and asserted
// (the same words twice in an article) asserts.
func (f *Fact) addEvidence(text, assertion string) {
	f.EvidenceAssertions = EvidenceAssertions(f.Evidence, f.EvidenceAssertions)
	if i := slices.Index(f.Evidence, text); i >= 0 {
		if assertion == extract.Asserted {
			f.EvidenceAssertions[i] = extract.Asserted
		}
		return
	}
	f.Evidence = append(f.Evidence, text)
	f.EvidenceAssertions = append(f.EvidenceAssertions, assertion)
}

// Merge adds another share of the same fact from the same article (two
// entities that resolve to one): its sentences, their best confidence, and
// the article alleges the fact only when both shares do.
func (f *Fact) Merge(o Fact) {
	// f's lists may be another contribution's: change copies.
	f.Evidence, f.EvidenceAssertions = slices.Clone(f.Evidence), slices.Clone(EvidenceAssertions(f.Evidence, f.EvidenceAssertions))
	f.Count += o.Count
	f.Confidence = max(f.Confidence, o.Confidence)
	f.Alleged = f.Alleged && o.Alleged
	as := EvidenceAssertions(o.Evidence, o.EvidenceAssertions)
	for i, text := range o.Evidence {
		f.addEvidence(text, as[i])
	}
}

// SentenceAssertion is how a sentence of a fact in the graph states it:
// extract.Alleged, or else extract.Asserted (only those two reach the
// graph; "" is an extraction written before assertions, which asserted).
func SentenceAssertion(assertion string) string {
	if assertion == extract.Alleged {
		return extract.Alleged
	}
	return extract.Asserted
}

// EvidenceAssertions is the assertion of each evidence sentence: as, with
// each one missing or unknown read as asserted, one per sentence.
func EvidenceAssertions(evidence, as []string) []string {
	if len(as) == len(evidence) && !slices.ContainsFunc(as, func(a string) bool { return a != extract.Asserted && a != extract.Alleged }) {
		return as
	}
	out := make([]string, len(evidence))
	for i := range out {
		out[i] = extract.Asserted
		if i < len(as) {
			out[i] = SentenceAssertion(as[i])
		}
	}
	return out
}

// Validate checks every label and relationship type of a contribution
// against the schema before anything is written, and the size of its keys.
// schemas.Parse only admits names of letters, digits and underscores, so a
// name the schema defines is safe to backtick-quote.
func (c *Contribution) Validate(s *schemas.Schema) error {
	for _, e := range c.Entities {
		if _, ok := s.Entity(e.Type); !ok {
			return fmt.Errorf("entity %q has type %q, which schema %s does not define", Clip(e.Name, 60), Clip(e.Type, 60), s.Source)
		}
		if e.Key == "" || len(e.Key) > MaxKey {
			return fmt.Errorf("entity %q has an empty id or one over %d bytes (extract.Key makes valid ones)", Clip(e.Name, 60), MaxKey)
		}
	}
	for _, f := range c.Facts {
		if _, ok := s.Relation(f.Type); !ok {
			return fmt.Errorf("relation type %q is not defined by schema %s", Clip(f.Type, 60), s.Source)
		}
		if !s.Allows(f.Type, f.SubjectType, f.ObjectType) {
			return fmt.Errorf("relation %s from %s to %s is not allowed by schema %s", f.Type, Clip(f.SubjectType, 60), Clip(f.ObjectType, 60), s.Source)
		}
	}
	if c.Article.ID == "" || len(c.Article.ID) > MaxKey {
		return fmt.Errorf("document %q has an empty id or one over %d bytes", Clip(c.Article.Path, 60), MaxKey)
	}
	return nil
}

// FirstEvidence is at most max of evidence, the first: what a store keeps
// of an article's sentences for one fact.
func FirstEvidence(evidence []string, max int) []string {
	return evidence[:min(len(evidence), max)]
}

// FirstEvidence is at most max of the fact's evidence sentences, the first,
// and their assertions: what a store keeps of them.
func (f Fact) FirstEvidence(max int) (evidence, assertions []string) {
	return FirstEvidence(f.Evidence, max), FirstEvidence(EvidenceAssertions(f.Evidence, f.EvidenceAssertions), max)
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
