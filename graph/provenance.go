package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Provenance: a fact (subject, type, object) is supported by the articles
// that state it, each with a share of its own (an Assertion). What a fact's
// edge shows is their Aggregate: how many articles, how many of them assert
// it (the others only allege it: the edge is alleged when none asserts it),
// how many sentences, the best confidence, the first and last day seen and
// a few evidence sentences (those of the articles first by id), each with
// its assertion. The counts of articles asserting it, holding the best
// confidence and each date let a store take one article's share back
// without reading the others, unless that article held one of them alone.

// Assertion is one article's share of one fact.
type Assertion struct {
	Article    string
	Count      int
	Confidence float64
	// Alleged: the article only alleges the fact (Fact.Alleged).
	Alleged  bool
	Evidence []string
	// EvidenceAssertions is the assertion of each Evidence sentence
	// (Fact.EvidenceAssertions).
	EvidenceAssertions []string
	Seen               string // ISO date, or "" for an undated article
}

// Aggregate is what the edge of a fact carries: its articles' shares added up.
type Aggregate struct {
	ID, Type, Subject, Object string
	Articles, Count           int
	// AssertedArticles counts the articles that assert the fact; the others
	// only allege it (see Alleged).
	AssertedArticles int
	Confidence       float64
	// ConfidenceN, FirstN and LastN count the articles that hold the best
	// confidence, the first day and the last day.
	ConfidenceN        int
	First, Last        string
	FirstN, LastN      int
	Evidence           []string
	EvidenceArticles   []string // the article of each evidence sentence
	EvidenceAssertions []string // the assertion of each evidence sentence
	hasFirst           bool
}

// Alleged reports whether the fact is alleged: articles support it, and
// none of them asserts it (each reports it as an accusation or a
// suspicion).
func (g *Aggregate) Alleged() bool { return g.Articles > 0 && g.AssertedArticles == 0 }

// NewAggregate is the aggregate of a fact no article supports yet.
func NewAggregate(typ, subject, object string) *Aggregate {
	return &Aggregate{ID: FactID(typ, subject, object), Type: typ, Subject: subject, Object: object}
}

// Add folds one article's share into the aggregate, keeping the evidence of
// the articles first by id, at most maxEvidence sentences.
func (g *Aggregate) Add(a Assertion, maxEvidence int) {
	g.Articles++
	g.Count += a.Count
	if !a.Alleged {
		g.AssertedArticles++
	}
	switch {
	case g.Articles == 1 || a.Confidence > g.Confidence:
		g.Confidence, g.ConfidenceN = a.Confidence, 1
	case a.Confidence == g.Confidence:
		g.ConfidenceN++
	}
	if a.Seen != "" { // an undated article moves no date
		switch {
		case !g.hasFirst || a.Seen < g.First:
			g.First, g.FirstN = a.Seen, 1
		case a.Seen == g.First:
			g.FirstN++
		}
		switch {
		case !g.hasFirst || a.Seen > g.Last:
			g.Last, g.LastN = a.Seen, 1
		case a.Seen == g.Last:
			g.LastN++
		}
		g.hasFirst = true
	}
	from := make([]string, len(a.Evidence))
	for i := range from {
		from[i] = a.Article
	}
	g.Evidence, g.EvidenceArticles, g.EvidenceAssertions = MergeEvidence(
		EvidenceRows{g.Evidence, g.EvidenceArticles, g.EvidenceAssertions},
		EvidenceRows{a.Evidence, from, a.EvidenceAssertions}, maxEvidence)
}

// EvidenceRows are evidence sentences in parallel lists, as a Neo4j edge
// keeps them: each sentence's text, its article and its assertion (one
// missing asserts).
type EvidenceRows struct {
	Texts, Articles, Assertions []string
}

// MergeEvidence merges two evidence lists, each ordered by article id, and
// keeps the first max: their texts, articles and assertions.
func MergeEvidence(a, b EvidenceRows, max int) (texts, articles, assertions []string) {
	type row struct {
		text, article, assertion string
		i                        int
	}
	var all []row
	for k, l := range []EvidenceRows{a, b} {
		as := EvidenceAssertions(l.Texts, l.Assertions)
		for i := range l.Texts {
			all = append(all, row{l.Texts[i], l.Articles[i], as[i], k*len(a.Texts) + i})
		}
	}
	slices.SortStableFunc(all, func(a, b row) int {
		return cmp.Or(strings.Compare(a.article, b.article), cmp.Compare(a.i, b.i))
	})
	if len(all) > max {
		all = all[:max]
	}
	texts, articles, assertions = make([]string, len(all)), make([]string, len(all)), make([]string, len(all))
	for i, r := range all {
		texts[i], articles[i], assertions[i] = r.text, r.article, r.assertion
	}
	return texts, articles, assertions
}

// UnmarkedPrefix starts the extractor version of an article a store held
// from a kg that did not mark alleged facts (every fact of it asserted):
// no extractor has such a version, so the next build reads the article
// again and marks what it alleges.
const UnmarkedPrefix = "unmarked:"

// FactID names a fact: "TYPE|subject|object". Keys hold no "|".
func FactID(typ, s, o string) string { return typ + "|" + s + "|" + o }

// SeenDate is the day an article speaks of its facts: its publication date
// when that is an ISO date, else "": an undated article has no date, and
// moves no fact's first_seen or last_seen (the day it was loaded says
// nothing about when the fact held; kg build --date-from-mtime dates such
// articles by their files).
func SeenDate(published string) string {
	if t, err := time.Parse("2006-01-02", published); err == nil {
		return t.Format("2006-01-02")
	}
	return ""
}

// Support is one article's share of one fact, as both stores keep it, for
// reading edges back.
type Support struct {
	Subject, Type, Object, Article string
	Count                          int
	Confidence                     float64
	Alleged                        bool // the article only alleges the fact
	Evidence                       []string
	EvidenceAssertions             []string // the assertion of each Evidence sentence
	Seen                           string
}

// FoldSupport makes one edge of each run of support rows of one fact (rows
// ordered by fact, then article).
func FoldSupport(rows []Support) []Edge {
	var out []Edge
	for _, r := range rows {
		n := len(out)
		if n == 0 || out[n-1].Source != r.Subject || out[n-1].Type != r.Type || out[n-1].Target != r.Object {
			out = append(out, Edge{Source: r.Subject, Type: r.Type, Target: r.Object, ArticleIDs: []string{}, Evidence: []Evidence{}})
			n++
		}
		e := &out[n-1]
		e.Articles++
		e.ArticleIDs = append(e.ArticleIDs, r.Article)
		e.Count += r.Count
		e.Confidence = max(e.Confidence, r.Confidence)
		if !r.Alleged {
			e.AssertedArticles++
		}
		e.Alleged = e.AssertedArticles == 0
		as := EvidenceAssertions(r.Evidence, r.EvidenceAssertions)
		for i, t := range r.Evidence {
			e.Evidence = append(e.Evidence, Evidence{Text: t, Article: r.Article, Assertion: as[i]})
		}
		if r.Seen == "" { // undated: moves no date
			continue
		}
		if e.FirstSeen == "" || r.Seen < e.FirstSeen {
			e.FirstSeen = r.Seen
		}
		if r.Seen > e.LastSeen {
			e.LastSeen = r.Seen
		}
	}
	return out
}
